//! Where a language's sorted words are cut into chunks, and the range of words the meta
//! file lists for each: sized and placed for Pagefind's client, which loads one chunk per
//! word of a query.

use super::format::MetaChunk;

/// The size of a chunk (its words' positions and pages, as Pagefind counts them) for a
/// language whose words add up to `total`: what makes a first query's download smallest.
///
/// A query downloads the meta file, which lists every chunk (about 12 bytes each,
/// compressed), and one chunk per word searched (about 1.1 bytes per unit of size,
/// compressed). With `n = total / size` chunks and two words a query, the bytes are
/// about `12 n + 2 × 1.1 size`, least at `size = √(12 total / 2.2)`, about `√(5 total)`.
/// Bounded by Pagefind's own fixed size above (a very large site keeps Pagefind's
/// chunks) and by a size below which a file's own overhead starts to count.
/// Measured (BENCHMARKS.md, tenth session, against Pagefind 1.6.0's own index): with
/// these sizes the query set downloads 11 % fewer bytes in all on the real site (6–15 %
/// a query) and 20 % fewer on the 2,000-page benchmark site (11–25 % a query), although
/// the chunks are compressed faster and less ([`super::format::LEVEL`]).
pub(super) fn chunk_size(total: usize) -> usize {
    const PAGEFIND: usize = 20_000;
    const SMALLEST: usize = 1_000;
    ((total as f64 * 5.0).sqrt() as usize).clamp(SMALLEST, PAGEFIND)
}

/// Where the sorted words (`words[i]`, of size `sizes[i]`) are cut into chunks of about
/// `target`.
///
/// Pagefind's client loads one chunk per word of a query: the first whose range holds
/// the word, and then looks among the chunk's words for those that begin with it. Words
/// that begin with the query's word but lie past a cut are not found, and a cut can
/// part only words that share as many characters as the words on its two sides do. So
/// each cut goes, between half and one and a half times `target`, where the words on its
/// two sides share the fewest leading characters (none, for most cuts in Chinese:
/// there, no query word's completions are ever parted); among equals, the last one
/// before `target` is reached.
pub(super) fn cut(sizes: &[usize], words: &[&str], target: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < words.len() {
        let mut end = words.len();
        let mut size = 0;
        // The best cut so far: (characters shared, after which word).
        let mut best: Option<(usize, usize)> = None;
        for i in start..words.len() {
            size += sizes[i];
            if i + 1 == words.len() {
                break;
            }
            if size >= target / 2 {
                let shared = shared_chars(words[i], words[i + 1]);
                let better = match best {
                    None => true,
                    Some((b, _)) => shared < b || (shared == b && size <= target),
                };
                if better {
                    best = Some((shared, i));
                }
                if shared == 0 && size >= target {
                    end = i + 1;
                    break;
                }
            }
            if size >= target + target / 2 {
                end = best.map_or(i, |(_, at)| at) + 1;
                break;
            }
        }
        out.push(start..end);
        start = end;
    }
    out
}

/// How many leading characters `a` and `b` share.
fn shared_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Each chunk's range of words for Pagefind's client, which loads for a query's word
/// the first chunk with `from <= word <= to`: `to` is the chunk's last word, and `from`
/// the shortest beginning of its first word that comes after the previous chunk's last
/// word (its first character, for the first chunk). So a word in the index finds its
/// own chunk, and a word not in it finds the chunk where the words that begin with it
/// start.
///
/// Pagefind shortens `to` as well, to the beginning that tells it from the next chunk's
/// first word; its last word then lies past its range, and a query with that word and
/// another finds nothing for it (the client widens its search only when no word of the
/// query finds a chunk).
pub(super) fn chunk_ranges(chunks: &[(&str, &str)]) -> Vec<MetaChunk> {
    let mut ranges: Vec<MetaChunk> = Vec::with_capacity(chunks.len());
    let mut previous: Option<&str> = None;
    for &(first, last) in chunks {
        let keep = previous.map_or(1, |p| shared_chars(p, first) + 1);
        ranges.push(MetaChunk {
            from: first.chars().take(keep).collect(),
            to: last.to_owned(),
            hash: String::new(),
        });
        previous = Some(last);
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chunk Pagefind's client loads for a query's word (`try_request_indexes` in
    /// pagefind_web 1.6.0: the first whose range holds the word).
    fn client_pick(ranges: &[MetaChunk], word: &str) -> Option<usize> {
        ranges
            .iter()
            .position(|c| c.from.as_str() <= word && word <= c.to.as_str())
    }

    #[test]
    fn chunk_ranges_end_at_the_last_word_and_start_where_it_is_told_apart() {
        let ranges = chunk_ranges(&[("apple", "banana"), ("bandit", "can"), ("candle", "cat")]);
        let got: Vec<(&str, &str)> = ranges
            .iter()
            .map(|r| (r.from.as_str(), r.to.as_str()))
            .collect();
        assert_eq!(got, [("a", "banana"), ("band", "can"), ("cand", "cat")]);
        // The last word of a chunk is found (Pagefind's own ranges end at "bana").
        assert_eq!(client_pick(&ranges, "banana"), Some(0));
        assert_eq!(client_pick(&ranges, "band"), Some(1));
        assert_eq!(client_pick(&ranges, "ap"), Some(0));
    }

    #[test]
    fn chunk_size_grows_with_the_square_root_of_the_index_within_bounds() {
        assert_eq!(chunk_size(0), 1_000);
        assert_eq!(chunk_size(20_000), 1_000);
        assert_eq!(chunk_size(2_000_000), 3_162);
        assert_eq!(chunk_size(8_000_000), 6_324);
        assert_eq!(chunk_size(1_000_000_000), 20_000);
    }

    /// How many characters the words on the two sides of each cut share, when `words`
    /// of size 10 each are sorted and cut into chunks of 100.
    fn shared_at_cuts(mut words: Vec<String>) -> Vec<usize> {
        words.sort_unstable();
        let sorted: Vec<&str> = words.iter().map(String::as_str).collect();
        let chunks = cut(&vec![10; sorted.len()], &sorted, 100);
        chunks
            .windows(2)
            .map(|pair| shared_chars(sorted[pair[1].start - 1], sorted[pair[1].start]))
            .collect()
    }

    #[test]
    fn chinese_words_are_cut_where_the_first_character_changes() {
        // Three words for each of 40 first characters, each word of size 10.
        let words: Vec<String> = (0..40u32)
            .flat_map(|i| {
                let first = char::from_u32(0x4E00 + i).unwrap();
                ["材", "料", "业"].map(|second| format!("{first}{second}"))
            })
            .collect();
        let shared = shared_at_cuts(words);
        assert!(
            shared.len() >= 5 && shared.iter().all(|&s| s == 0),
            "{shared:?}"
        );
    }

    #[test]
    fn cuts_go_where_neighbours_share_the_fewest_characters() {
        // "abaq", "abbq", … "azdq": neighbours share "a" + one letter, but one letter
        // only where the second letter changes, every four words.
        let words: Vec<String> = ('b'..='z')
            .flat_map(|x| ('a'..='d').map(move |y| format!("a{x}{y}q")))
            .collect();
        let shared = shared_at_cuts(words);
        assert!(
            shared.len() >= 5 && shared.iter().all(|&s| s == 1),
            "{shared:?}"
        );
    }

    proptest::proptest! {
        /// Whatever the words and sizes: the chunks cover the words in order, none is
        /// empty or much larger than asked, every word's own chunk is the one the client
        /// loads for it, and a query word whose completions are parted by a cut is no
        /// longer than what the words on the cut's two sides share.
        #[test]
        fn the_client_finds_every_word_and_its_completions(
            mut words in proptest::collection::btree_set("[abc]{1,6}|[材料新]{1,3}", 1..120),
            sizes in proptest::collection::vec(1usize..60, 120),
            target in 1usize..400,
        ) {
            let words: Vec<String> = std::mem::take(&mut words).into_iter().collect();
            let sorted: Vec<&str> = words.iter().map(String::as_str).collect();
            let sizes = &sizes[..sorted.len()];
            let chunks = cut(sizes, &sorted, target);
            let mut next = 0;
            for c in &chunks {
                proptest::prop_assert_eq!(c.start, next);
                proptest::prop_assert!(c.end > c.start);
                let total: usize = sizes[c.clone()].iter().sum();
                let largest = sizes[c.clone()].iter().max().copied().unwrap_or(0);
                proptest::prop_assert!(total - largest < target + target / 2);
                next = c.end;
            }
            proptest::prop_assert_eq!(next, sorted.len());
            let ranges = chunk_ranges(
                &chunks
                    .iter()
                    .map(|c| (sorted[c.start], sorted[c.end - 1]))
                    .collect::<Vec<_>>(),
            );
            let chunk_of = |i: usize| chunks.iter().position(|c| c.contains(&i));
            let widest_cut = chunks
                .windows(2)
                .map(|p| shared_chars(sorted[p[1].start - 1], sorted[p[1].start]))
                .max()
                .unwrap_or(0);
            for (i, w) in sorted.iter().enumerate() {
                proptest::prop_assert_eq!(client_pick(&ranges, w), chunk_of(i), "{}", w);
                for n in 1..=w.chars().count() {
                    let prefix: String = w.chars().take(n).collect();
                    let holders: Vec<Option<usize>> = sorted
                        .iter()
                        .enumerate()
                        .filter(|(_, o)| o.starts_with(&prefix))
                        .map(|(j, _)| chunk_of(j))
                        .collect();
                    if n > widest_cut {
                        let picked = client_pick(&ranges, &prefix);
                        proptest::prop_assert!(
                            holders.iter().all(|h| *h == picked),
                            "{} picks {:?}, its words are in {:?}",
                            prefix,
                            picked,
                            holders
                        );
                    }
                }
            }
        }
    }
}
