//! The anchor check: every `@/page.md#anchor` must name an id that exists on that page.
//! It runs once every page's Markdown is rendered (the ids of the target are known only
//! then), over what each page kept of its rendering.

use crate::content::{Content, DocId};
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::msg;

use super::InternalLink;

/// Every id on a document and its internal links, by document.
pub trait AnchorsOf<'r>: Fn(DocId) -> (&'r [String], &'r [InternalLink]) {}
impl<'r, F: Fn(DocId) -> (&'r [String], &'r [InternalLink])> AnchorsOf<'r> for F {}

/// Checks the links of every document; all errors, in content order.
pub fn check_anchors<'r>(content: &Content, of: impl AnchorsOf<'r>) -> Result<()> {
    let errors: Vec<Diagnostic> = content
        .ids()
        .flat_map(|id| anchor_errors(content, id, &of))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

/// The links of document `i` to a heading that does not exist.
pub fn anchor_errors<'r>(content: &Content, id: DocId, of: &impl AnchorsOf<'r>) -> Vec<Diagnostic> {
    let doc = &content[id];
    let mut errors = Vec::new();
    for link in of(id).1 {
        let Some(anchor) = &link.anchor else { continue };
        let any = || content.ids().find(|&t| content[t].key == link.path);
        let Some(t) = content.id(&link.path, &doc.lang).or_else(any) else {
            continue;
        };
        let ids = of(t).0;
        if !ids.iter().any(|a| a == anchor) {
            let close = crate::diag::did_you_mean(anchor, ids.iter().map(String::as_str));
            let hint = match close {
                Some(c) => msg!("anchor-did-you-mean-hint", anchor = c),
                None => msg!("anchor-list-hint", anchors = ids.join(", ")),
            };
            errors.push(
                Diagnostic::error(msg!(
                    "anchor-missing",
                    path = link.path.as_str(),
                    anchor = anchor.as_str()
                ))
                .in_file(&doc.path)
                .at(&doc.text, link.span.clone())
                .with_hint(hint),
            );
        }
    }
    errors
}
