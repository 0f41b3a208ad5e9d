//! What each glossary exception did: how many mentions it removed, reported by `check` at the
//! phrase, so that a desk sees an exception work, and one that removes nothing (misspelt, or
//! about a form the entry does not have) as a warning.

use super::{AnnotatedArticle, Source};
use crate::diagnostics::{Diagnostic, DiagnosticKind, Diagnostics};
use crate::model::{GlossaryEntry, Located};
use crate::pipeline::load::SourceFile;
use crate::pipeline::site::Site;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// The mentions one exception of an entry removed from one article.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptionUse {
    pub entry: Arc<GlossaryEntry>,
    /// The glossary the entry is from: the site's, or the article's own.
    pub source: Source,
    /// Index of the phrase in the entry's `except`.
    pub phrase: usize,
    pub removed: usize,
}

/// A note for each exception that removed mentions, saying how many; a warning for each that
/// removed none. The site's exceptions are counted over every article, an article's own
/// entries' in that article.
pub fn exception_report(
    site: &Site,
    annotated: &[Arc<AnnotatedArticle>],
    glossary_file: Option<&SourceFile>,
) -> Diagnostics {
    let mut report = Diagnostics::default();
    if let Some(file) = glossary_file {
        let mut removed: HashMap<(&str, usize), usize> = HashMap::new();
        for body in annotated {
            for used in body.exceptions.iter().filter(|u| u.source == Source::Site) {
                *removed
                    .entry((used.entry.id.as_str(), used.phrase))
                    .or_default() += used.removed;
            }
        }
        for entry in site.glossary.entries.iter() {
            report.extend(entry.except.iter().enumerate().map(|(phrase, written)| {
                let count = removed.get(&(entry.id.as_str(), phrase)).copied();
                diagnostic(&file.path, &file.text, entry, written, count, "")
            }));
        }
    }
    for (article, body) in site.articles.iter().zip(annotated) {
        for entry in &article.front.glossary {
            report.extend(entry.except.iter().enumerate().map(|(phrase, written)| {
                let count = body
                    .exceptions
                    .iter()
                    .find(|u| {
                        u.source == Source::Local && u.entry.id == entry.id && u.phrase == phrase
                    })
                    .map(|u| u.removed);
                diagnostic(
                    &article.path,
                    &article.source_text,
                    entry,
                    written,
                    count,
                    " in this article",
                )
            }));
        }
    }
    report
}

/// The note or warning for one exception of `entry`, written `phrase`, in the file at `path`.
fn diagnostic(
    path: &Path,
    text: &str,
    entry: &GlossaryEntry,
    phrase: &Located<String>,
    removed: Option<usize>,
    scope: &str,
) -> Diagnostic {
    let id = &entry.id;
    let diagnostic = match removed.filter(|&n| n > 0) {
        Some(n) => Diagnostic::note(
            DiagnosticKind::ExceptionRemoved,
            path,
            format!(
                "the exception `{phrase}` of `{id}` removed {n} mention{}{scope}",
                if n == 1 { "" } else { "s" }
            ),
        ),
        None => Diagnostic::warning(
            DiagnosticKind::ExceptionUnused,
            path,
            format!("the exception `{phrase}` of `{id}` removed no mention{scope}"),
        )
        .with_hint(
            "check its spelling against the articles (it is found as the entry's forms are); a phrase that holds none of the entry's forms, or that a longer entry already claims, removes nothing",
        ),
    };
    diagnostic.at_span(text, phrase.span)
}
