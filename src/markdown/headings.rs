//! Heading ids and the table of contents: slugs from heading text, explicit `{#id}`s,
//! de-duplication, and the nested toc.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::Heading;

/// A heading met during the pass; its id is assigned once the whole page is known.
#[derive(Debug, Clone)]
pub(super) struct PendingHeading {
    /// Index of its `Start(Heading)` event in the output events.
    pub index: usize,
    /// 1 to 6.
    pub level: u8,
    /// The `{#id}` written by the author, if any.
    pub explicit: Option<String>,
    /// Plain text of the heading.
    pub title: String,
    /// Byte range of the heading in the body.
    pub span: Range<usize>,
    /// The final id (filled in by [`assign_ids`]).
    pub id: String,
}

/// The id generated from a heading's plain text.
///
/// ASCII letters are lowercased, Unicode letters and digits kept as they are, runs of
/// spaces, underscores and hyphens become one `-`, other punctuation is dropped.
pub(super) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() || c == '_' || c == '-' {
            dash = true;
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

/// Gives every heading a unique id: explicit ids first, then slugs with `-1`, `-2`…
/// suffixes, avoiding `reserved` ids (footnotes, raw HTML). Returns the indices of
/// headings whose explicit id repeats an earlier one.
pub(super) fn assign_ids<'r>(
    heads: &mut [PendingHeading],
    reserved: impl IntoIterator<Item = &'r str>,
) -> Vec<usize> {
    let mut taken: HashSet<String> = reserved.into_iter().map(str::to_owned).collect();
    let mut duplicates = Vec::new();
    for (i, head) in heads.iter_mut().enumerate() {
        if let Some(id) = &head.explicit {
            head.id.clone_from(id);
            if !taken.insert(id.clone()) {
                duplicates.push(i);
            }
        }
    }
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    for head in heads.iter_mut().filter(|h| h.explicit.is_none()) {
        head.id = unique(slugify(&head.title), &mut taken, &mut next_suffix);
    }
    duplicates
}

/// `base`, or `base-N` with the smallest free N; amortised linear over a page.
fn unique(base: String, taken: &mut HashSet<String>, next: &mut HashMap<String, usize>) -> String {
    if !taken.contains(&base) {
        taken.insert(base.clone());
        return base;
    }
    let n = next.entry(base.clone()).or_insert(1);
    loop {
        let candidate = format!("{base}-{n}");
        *n += 1;
        if taken.insert(candidate.clone()) {
            return candidate;
        }
    }
}

/// The headings nested by level: a heading is a child of the closest earlier heading
/// with a smaller level. Iterative, so any sequence of levels is fine.
pub(super) fn build_toc(heads: &[PendingHeading]) -> Vec<Heading> {
    let mut roots = Vec::new();
    let mut open: Vec<Heading> = Vec::new();
    for head in heads {
        while open.last().is_some_and(|top| top.level >= head.level) {
            close_one(&mut open, &mut roots);
        }
        open.push(Heading {
            level: head.level,
            id: head.id.clone(),
            title: head.title.clone(),
            children: Vec::new(),
        });
    }
    while !open.is_empty() {
        close_one(&mut open, &mut roots);
    }
    roots
}

fn close_one(open: &mut Vec<Heading>, roots: &mut Vec<Heading>) {
    if let Some(done) = open.pop() {
        match open.last_mut() {
            Some(parent) => parent.children.push(done),
            None => roots.push(done),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(level: u8, title: &str, explicit: Option<&str>) -> PendingHeading {
        PendingHeading {
            index: 0,
            level,
            explicit: explicit.map(str::to_owned),
            title: title.to_owned(),
            span: 0..0,
            id: String::new(),
        }
    }

    #[test]
    fn slugs() {
        let cases = [
            ("科技创新", "科技创新"),
            ("Bonding wire", "bonding-wire"),
            ("Bonding  -- _wire_", "bonding-wire"),
            ("2023年 研发投入", "2023年-研发投入"),
            ("新材料（键合丝）、“芯片”《规划》。", "新材料键合丝芯片规划"),
            ("C++ 指南", "c-指南"),
            ("R&D: Tax Deduction!", "rd-tax-deduction"),
            ("  -Trim me-  ", "trim-me"),
            ("Ünïcode Café", "Ünïcode-café"),
            ("？！。", "section"),
            ("", "section"),
        ];
        for (text, slug) in cases {
            assert_eq!(slugify(text), slug, "{text}");
        }
    }

    #[test]
    fn ids_are_unique_and_explicit_ids_win() {
        let mut heads = vec![
            pending(2, "Intro", None),
            pending(2, "Intro", None),
            pending(2, "Other", Some("intro")),
            pending(2, "Intro", None),
            pending(2, "Note", None),
            pending(2, "Dup", Some("x")),
            pending(2, "Dup", Some("x")),
        ];
        let dups = assign_ids(&mut heads, ["note"]);
        let ids: Vec<&str> = heads.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            ["intro-1", "intro-2", "intro", "intro-3", "note-1", "x", "x"]
        );
        assert_eq!(dups, [6]);
    }

    #[test]
    fn suffixes_skip_taken_ids() {
        let mut heads = vec![
            pending(2, "a-1", None),
            pending(2, "a", None),
            pending(2, "a", None),
        ];
        assign_ids(&mut heads, []);
        let ids: Vec<&str> = heads.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a-1", "a", "a-2"]);
    }

    #[test]
    fn many_duplicates_stay_fast() {
        let mut heads = vec![pending(2, "同名", None); 20_000];
        assign_ids(&mut heads, []);
        assert_eq!(heads[19_999].id, "同名-19999");
    }

    fn shape(toc: &[Heading]) -> String {
        let mut out = String::new();
        let mut stack: Vec<(&Heading, usize)> = toc.iter().rev().map(|h| (h, 0)).collect();
        while let Some((h, depth)) = stack.pop() {
            out.push_str(&format!("{}{} ", ".".repeat(depth), h.id));
            stack.extend(h.children.iter().rev().map(|c| (c, depth + 1)));
        }
        out
    }

    #[test]
    fn toc_nests_by_level() {
        let cases: [(&[u8], &str); 4] = [
            (&[2, 3, 3, 2, 3], "h0 .h1 .h2 h3 .h4 "),
            (&[2, 4, 3, 2], "h0 .h1 .h2 h3 "),
            (&[3, 2, 3], "h0 h1 .h2 "),
            (
                &[1, 2, 3, 4, 5, 6, 2],
                "h0 .h1 ..h2 ...h3 ....h4 .....h5 .h6 ",
            ),
        ];
        for (levels, expected) in cases {
            let mut heads: Vec<_> = levels.iter().map(|&l| pending(l, "", None)).collect();
            for (i, h) in heads.iter_mut().enumerate() {
                h.id = format!("h{i}");
            }
            assert_eq!(shape(&build_toc(&heads)), expected, "{levels:?}");
        }
    }
}
