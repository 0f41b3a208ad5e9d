//! The glossary as annotation uses it: its entries validated, their matcher compiled once.

use crate::arabic::matcher::{MatchEntry, Matcher};
use crate::arabic::normalize_phrase;
use crate::diagnostics::{Diagnostic, DiagnosticKind, Diagnostics};
use crate::model::{GlossaryEntry, Located};
use std::collections::HashMap;
use std::sync::Arc;

/// The site's glossary, validated, with its matcher compiled once.
pub struct Glossary {
    pub entries: Vec<Arc<GlossaryEntry>>,
    pub(super) by_id: HashMap<String, usize>,
    pub(super) matcher: Matcher,
}

impl Glossary {
    /// Validates entries read from `path` (whose text is `text`) and compiles the matcher.
    pub fn new(
        entries: Vec<GlossaryEntry>,
        path: &std::path::Path,
        text: &str,
    ) -> Result<Glossary, Diagnostics> {
        let problems = validate_entries(&entries, &[], path, text);
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(Glossary::compile(
            entries.into_iter().map(Arc::new).collect(),
        ))
    }

    fn compile(entries: Vec<Arc<GlossaryEntry>>) -> Glossary {
        let matcher = Matcher::new(&match_entries(entries.iter().map(|e| &**e)));
        let by_id = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.value.clone(), i))
            .collect();
        Glossary {
            entries,
            by_id,
            matcher,
        }
    }

    pub fn empty() -> Glossary {
        Glossary::compile(Vec::new())
    }

    pub fn get(&self, id: &str) -> Option<&Arc<GlossaryEntry>> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// The place of entry `id` in `entries`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

pub(super) fn match_entries<'a>(
    entries: impl Iterator<Item = &'a GlossaryEntry>,
) -> Vec<MatchEntry> {
    entries
        .map(|e| MatchEntry {
            forms: e.written_forms().map(|f| f.value.clone()).collect(),
            is_noun: !e.kind.is_name(),
            except: e.except.iter().map(|p| p.value.clone()).collect(),
        })
        .collect()
}

/// Checks entries for what the matcher and the pages rely on. `known_ids` are ids defined
/// elsewhere (the site's, for an article's own entries) that `see_also` may name.
pub fn validate_entries(
    entries: &[GlossaryEntry],
    known_ids: &[&str],
    path: &std::path::Path,
    text: &str,
) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let at = |kind, written: &Located<String>, message: String, hint: &str| {
        Diagnostic::error(kind, path, message)
            .with_hint(hint)
            .at_span(text, written.span)
    };
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut forms: HashMap<String, &str> = HashMap::new();
    let mut invalid_ids: Vec<&str> = Vec::new();
    for entry in entries {
        if !crate::urls::is_valid_slug(&entry.id) || entry.id.contains(char::is_whitespace) {
            invalid_ids.push(&entry.id);
            problems.push(at(
                DiagnosticKind::InvalidGlossaryId,
                &entry.id,
                format!("glossary id `{}` cannot be part of a URL", entry.id),
                "use letters, digits and hyphens, e.g. `kim-jong-un`",
            ));
        }
        if let Some(_first) = ids.insert(&entry.id, 0) {
            problems.push(at(
                DiagnosticKind::DuplicateGlossaryId,
                &entry.id,
                format!("duplicate glossary id `{}`", entry.id),
                "every entry needs its own id; rename one of them or merge the two entries",
            ));
        }
        if let Some(lang) = entry
            .original_lang
            .as_ref()
            .filter(|lang| !crate::pipeline::frontmatter::is_language_tag(lang))
        {
            problems.push(at(
                DiagnosticKind::InvalidLanguage,
                lang,
                format!("`{lang}` is not a language tag"),
                "write the BCP 47 tag of the language `original` is in, e.g. `ko`, `ru` or `zh-Hant`",
            ));
        }
        if entry.summary.trim().is_empty() {
            problems.push(at(
                DiagnosticKind::EmptySummary,
                &entry.id,
                format!("glossary entry `{}` has an empty summary", entry.id),
                "write one or two sentences under `summary:`",
            ));
        }
        for phrase in entry.except.iter().filter(|p| !has_letters(p)) {
            problems.push(at(
                DiagnosticKind::NoLetters,
                phrase,
                format!(
                    "the exception `{phrase}` of `{}` has no letters once diacritics are removed",
                    entry.id
                ),
                "write the phrase in which the entry's term is not a mention, e.g. `كيم إيل سونغ`",
            ));
        }
        for form in entry.written_forms() {
            if !has_letters(form) {
                problems.push(at(
                    DiagnosticKind::NoLetters,
                    form,
                    format!("`{form}` has no letters once diacritics are removed"),
                    "a term must contain letters; write the word, not only its marks",
                ));
                continue;
            }
            let normalized = normalize_phrase(form);
            if let Some(owner) = forms.insert(normalized, &entry.id) {
                if owner != entry.id {
                    problems.push(at(
                        DiagnosticKind::SharedForm,
                        form,
                        format!("`{form}` is claimed by both `{owner}` and `{}`", entry.id),
                        "a written form can belong to one entry only; remove it from one of them",
                    ));
                }
            }
        }
    }
    // A `see_also` that names an entry whose id is refused above (`Don Bas`, named `donbas`)
    // is not reported too: the id's error is the cause.
    let names_invalid_id = |target: &str| {
        invalid_ids
            .iter()
            .any(|id| crate::urls::slugify(id) == target)
            || crate::diagnostics::did_you_mean(target, invalid_ids.iter().copied()).is_some()
    };
    for entry in entries {
        for target in &entry.see_also {
            if !ids.contains_key(target.as_str())
                && !known_ids.contains(&target.as_str())
                && !names_invalid_id(target)
            {
                let closest = crate::diagnostics::did_you_mean(
                    target,
                    ids.keys().copied().chain(known_ids.iter().copied()),
                );
                let hint = match closest {
                    Some(id) => format!("did you mean `{id}`?"),
                    None => "name the id of an entry of the glossary".to_string(),
                };
                problems.push(at(
                    DiagnosticKind::UnknownSeeAlso,
                    target,
                    format!("`see_also` names unknown entry `{target}`"),
                    &hint,
                ));
            }
        }
    }
    problems
}

/// Whether a term or a phrase keeps a letter once normalised.
fn has_letters(written: &str) -> bool {
    normalize_phrase(written)
        .chars()
        .any(crate::arabic::is_word_char)
}
