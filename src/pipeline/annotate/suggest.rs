//! The note a writer means by selecting a passage in the preview: the shortest selector
//! (`quote`, then `prefix`/`suffix`, then `occurrence`) that names that passage, found and
//! checked by the build's own reading of selectors.

use super::anchor::{choose, Found, NoteText};
use crate::arabic::{normalize, normalize_phrase, Normalized};
use crate::model::{DigitStyle, RawHtml};
use crate::pipeline::markdown::{self, Annotator, Span};

/// A passage selected on the article's page: its text and the text just around it, as the
/// page shows them (whatever markup lies between).
#[derive(Debug, Clone, Copy)]
pub struct Selection<'a> {
    pub quote: &'a str,
    pub before: &'a str,
    pub after: &'a str,
}

/// A note's selector, as it is to be written in the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub quote: String,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub occurrence: Option<usize>,
}

/// What the note's body says until the writer replaces it (as in `hashiya new`'s example).
const BODY_PLACEHOLDER: &str = "ما يحتاج القارئ إلى معرفته عند هذه العبارة.";

impl Suggestion {
    /// The note as an item of `notes:`, indented as under a top-level key.
    pub fn yaml(&self) -> String {
        // A JSON string is a YAML double-quoted scalar: quotes, backslashes and controls
        // come out escaped.
        let quoted = |text: &str| serde_json::Value::from(text).to_string();
        let mut yaml = format!("  - quote: {}\n", quoted(&self.quote));
        if let Some(prefix) = &self.prefix {
            yaml.push_str(&format!("    prefix: {}\n", quoted(prefix)));
        }
        if let Some(suffix) = &self.suffix {
            yaml.push_str(&format!("    suffix: {}\n", quoted(suffix)));
        }
        if let Some(occurrence) = self.occurrence {
            yaml.push_str(&format!("    occurrence: {occurrence}\n"));
        }
        yaml.push_str(&format!("    body: {}\n", quoted(BODY_PLACEHOLDER)));
        yaml
    }
}

/// Why no note can be anchored to a selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unanchorable {
    Empty,
    /// The selection is not in one run of the article's text: it crosses a link, emphasis or
    /// code, or lies outside the body.
    NotInText,
    /// The text around it does not tell which of several passages it is.
    Undecided,
}

impl Unanchorable {
    /// The reason, for the writer (in the preview's language).
    pub fn message(self) -> &'static str {
        match self {
            Unanchorable::Empty => "لم يُحدَّد نص.",
            Unanchorable::NotInText => {
                "لا يمكن تثبيت حاشية على هذا المقطع: لا يقع في نص متصل من متن المقال، فهو يتخطى رابطًا أو تنسيقًا أو شيفرة، أو يقع خارج المتن."
            }
            Unanchorable::Undecided => {
                "لا يمكن تثبيت حاشية على هذا المقطع: يتكرر في المقال ولم يتبيّن أيّ مواضعه هو المحدَّد."
            }
        }
    }
}

/// The most words of context a suggestion adds before falling back to `occurrence`.
const MAX_CONTEXT_WORDS: usize = 6;

/// The shortest selector that names, in an article's Markdown `body`, the passage
/// `selection` shows.
pub fn suggest_note(
    body: &str,
    raw_html: RawHtml,
    digits: DigitStyle,
    selection: Selection,
) -> Result<Suggestion, Unanchorable> {
    // The chunks the build's annotator is given, from the same rendering.
    let mut chunks = Chunks::default();
    markdown::render(body, raw_html, digits, Some(&mut chunks));
    let chunks = chunks.0;
    let normalized: Vec<Normalized> = chunks.iter().map(|c| normalize(c)).collect();
    let text = NoteText::new(&normalized);
    let selected = normalize_phrase(selection.quote);
    if selected.is_empty() {
        return Err(Unanchorable::Empty);
    }
    let target = in_context(&text, text.find(&selected, "", ""), selection)?.anchor;

    // The passage as written (whole words, as the build widens it), spaces as one.
    let chunk = &chunks[target.chunk];
    let range = normalized[target.chunk].original_range(target.start, target.end);
    let quote = chunk[range.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let normalized_quote = normalize_phrase(&quote);
    let names_target = |prefix: &str, suffix: &str, occurrence: Option<usize>| {
        let found = text.find(
            &normalized_quote,
            &normalize_phrase(prefix),
            &normalize_phrase(suffix),
        );
        choose(&found, occurrence) == Ok(target)
    };
    let mut suggestion = Suggestion {
        quote,
        prefix: None,
        suffix: None,
        occurrence: None,
    };
    if names_target("", "", None) {
        return Ok(suggestion);
    }
    let before: Vec<&str> = chunk[..range.start].split_whitespace().collect();
    let after: Vec<&str> = chunk[range.end..].split_whitespace().collect();
    for total in 1..=MAX_CONTEXT_WORDS {
        for in_prefix in 0..=total.min(before.len()) {
            let in_suffix = total - in_prefix;
            if in_suffix > after.len() {
                continue;
            }
            let prefix = before[before.len() - in_prefix..].join(" ");
            let suffix = after[..in_suffix].join(" ");
            if names_target(&prefix, &suffix, None) {
                suggestion.prefix = (!prefix.is_empty()).then_some(prefix);
                suggestion.suffix = (!suffix.is_empty()).then_some(suffix);
                return Ok(suggestion);
            }
        }
    }
    let found = text.find(&normalized_quote, "", "");
    let occurrence = found.iter().position(|f| f.anchor == target).map(|i| i + 1);
    match occurrence {
        Some(occurrence) if names_target("", "", Some(occurrence)) => {
            suggestion.occurrence = Some(occurrence);
            Ok(suggestion)
        }
        // The passage as written names another place than the one selected (its words
        // normalise to text that starts elsewhere): no selector can be offered.
        _ => Err(Unanchorable::Undecided),
    }
}

/// Of the passages found, the one whose surroundings in the article are most like those the
/// page shows around the selection: the longest run of the same text just before and after.
fn in_context(
    text: &NoteText,
    found: Vec<Found>,
    selection: Selection,
) -> Result<Found, Unanchorable> {
    if found.len() <= 1 {
        return found.into_iter().next().ok_or(Unanchorable::NotInText);
    }
    let before = normalize(selection.before).text;
    let after = normalize(selection.after).text;
    let score = |f: &Found| {
        let same_before = text.joined[..f.matched.start]
            .trim_end()
            .chars()
            .rev()
            .zip(before.trim_end().chars().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let same_after = text.joined[f.matched.end..]
            .trim_start()
            .chars()
            .zip(after.trim_start().chars())
            .take_while(|(a, b)| a == b)
            .count();
        same_before + same_after
    };
    let scores: Vec<usize> = found.iter().map(score).collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    let mut bests = found.iter().zip(&scores).filter(|(_, &s)| s == best);
    match (bests.next(), bests.next()) {
        (Some((found, _)), None) => Ok(found.clone()),
        _ => Err(Unanchorable::Undecided),
    }
}

/// Keeps the chunks the annotator is given, and marks nothing.
#[derive(Default)]
struct Chunks(Vec<String>);

impl Annotator for Chunks {
    fn annotate(&mut self, chunks: &[&str]) -> Vec<Vec<Span>> {
        self.0 = chunks.iter().map(|c| c.to_string()).collect();
        vec![Vec::new(); chunks.len()]
    }
}
