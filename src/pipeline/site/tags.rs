//! Tags as their articles write them: tags that cannot make a page, or that two spellings
//! make one page of, with the place each is written.

use super::invisible_kind;
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::model::Article;
use crate::pipeline::load::SourceFile;
use crate::urls::invisible_control;
use rustc_hash::FxHashMap as HashMap;
use std::path::Path;
use std::sync::Arc;

/// Tags whose URL key cannot be meant: empty (`!!!`), longer than a file name may be, or the
/// same as another tag's of the article (`Foo` and `foo!` are one tag page). Two tags that
/// differ only by the article ال (`تقنية`, `التقنية`) make two pages: a warning too. A tag
/// with an invisible control in it (U+202E) reads as another: an error, as in a slug.
pub(super) fn tag_problems(
    file: &SourceFile,
    front: &crate::model::FrontMatter,
) -> Vec<Diagnostic> {
    let text = &file.text;
    let mut problems = Vec::new();
    for (i, tag) in front.tags.iter().enumerate() {
        let problem = if let Some(c) = invisible_control(&tag.name) {
            let kind = invisible_kind(c);
            Some(
                Diagnostic::error(
                    DiagnosticKind::InvisibleControl,
                    &file.path,
                    format!(
                        "the tag `{}` holds the {kind} U+{:04X}, which makes it look like another tag",
                        tag.name, c as u32
                    ),
                )
                .with_hint(
                    "delete the tag and type it again: the control cannot be seen, only removed",
                ),
            )
        } else if tag.key.is_empty() {
            Some(
                Diagnostic::error(
                    DiagnosticKind::TagWithoutLetters,
                    &file.path,
                    format!(
                        "the tag `{}` has no letter or digit to make its URL from",
                        tag.name
                    ),
                )
                .with_hint("write the tag as a word, or remove it"),
            )
        } else if tag.key.len() > crate::urls::MAX_SEGMENT_BYTES {
            Some(Diagnostic::error(
                DiagnosticKind::TagTooLong,
                &file.path,
                format!(
                    "the tag `{}` makes a URL segment of {} bytes, longer than a file name may be ({})",
                    tag.name,
                    tag.key.len(),
                    crate::urls::MAX_SEGMENT_BYTES
                ),
            )
            .with_hint("shorten the tag"))
        } else {
            let without_al = |key: &str| key.strip_prefix("ال").map(str::to_string);
            front.tags[..i].iter().find_map(|earlier| {
                if earlier.key == tag.key {
                    Some(
                        Diagnostic::warning(
                            DiagnosticKind::TagsMerged,
                            &file.path,
                            format!(
                                "the tags `{}` and `{}` make one tag, `/tags/{}/`",
                                earlier.name, tag.name, tag.key
                            ),
                        )
                        .with_hint("write the tag once"),
                    )
                } else if without_al(&tag.key).as_deref() == Some(earlier.key.as_str())
                    || without_al(&earlier.key).as_deref() == Some(tag.key.as_str())
                {
                    Some(
                        Diagnostic::warning(
                            DiagnosticKind::TagsDifferByAl,
                            &file.path,
                            format!(
                                "the tags `{}` and `{}` differ only by ال, and make two tag pages",
                                earlier.name, tag.name
                            ),
                        )
                        .with_hint("write the tag one way, here and in every article"),
                    )
                } else {
                    None
                }
            })
        };
        if let Some(diagnostic) = problem {
            problems.push(diagnostic.at_span(text, tag.span));
        }
    }
    problems
}

/// A warning for each article that spells a tag otherwise than an article before it, in the
/// order of `articles` (newest first: the order in which the first spelling names the tag
/// page), when both make one URL key: `Foo` in one article and `foo!` in another are one tag,
/// `/tags/foo/`, named `Foo`. Tags that differ only in spaces at their ends are the same.
/// An article that has both spellings itself is warned about by `tag_problems`.
pub(super) fn tags_spelled_apart(articles: &[Arc<Article>]) -> Vec<Diagnostic> {
    let mut first: HashMap<&str, (&str, &Path)> = HashMap::default();
    let mut problems = Vec::new();
    for article in articles {
        let tags = &article.front.tags;
        let mut warned: Vec<&str> = Vec::new();
        for tag in tags {
            if tag.key.is_empty() {
                continue;
            }
            let name = tag.name.trim();
            let (first_name, first_path) = *first.entry(&tag.key).or_insert((name, &article.path));
            if first_name == name
                || first_path == article.path
                || warned.contains(&tag.key.as_str())
                || tags
                    .iter()
                    .any(|t| t.key == tag.key && t.name.trim() == first_name)
            {
                continue;
            }
            warned.push(&tag.key);
            let text = &article.source_text;
            let diagnostic = Diagnostic::warning(
                DiagnosticKind::TagsMerged,
                &article.path,
                format!(
                    "the tag `{}` and the tag `{first_name}` of {} make one tag, `/tags/{}/`",
                    tag.name,
                    crate::diagnostics::display_path(first_path),
                    tag.key
                ),
            )
            .with_hint(format!(
                "write the tag one way in every article: the tag page is named `{first_name}`"
            ));
            problems.push(diagnostic.at_span(text, tag.span));
        }
    }
    problems
}
