//! The markup the annotator puts around a term's mention and a note's passage, from the macros
//! of `marks.html`. An article has some ninety mentions: Tera runs once per build, with a
//! stand-in for each value, and each mention fills the stand-ins in.

use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::pipeline::annotate::html_escape;
use crate::pipeline::ids;
use std::path::Path;

/// The template that calls the macros of `marks.html`; its name ends in `.html` for Tera to
/// escape what it prints as in any page.
pub(super) const CALLER: (&str, &str) = (
    "hashiya/marks.html",
    r#"{%- import "marks.html" as marks -%}
{%- if note -%}{{ marks::note(n=n, shown=shown, mark_id=mark_id, popover_id=popover_id, text=text) }}
{%- else -%}{{ marks::term(id=id, popover_id=popover_id, text=text) }}{%- endif -%}"#,
);

/// Stand-ins for the values, characters of the private use area that no escaping changes;
/// `SLOTS[k]` stands for value `k` of `Pattern::fill`.
const SLOTS: [char; 2] = ['\u{E000}', '\u{E001}'];
/// Where the mention's own text goes: what is before is the opening markup, after the closing.
const TEXT: char = '\u{E0FF}';

/// The markup before and after a mention of a glossary entry, and a note's passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marks {
    term: (Pattern, Pattern),
    note: (Pattern, Pattern),
}

/// Markup with stand-ins for values.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern(Vec<Piece>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Markup(String),
    Value(usize),
}

/// What the calling template receives.
#[derive(serde::Serialize)]
pub(super) struct Call {
    note: bool,
    id: String,
    n: String,
    shown: String,
    mark_id: String,
    popover_id: String,
    text: char,
}

impl Marks {
    /// `render` renders `CALLER` with a context; `path` is where `marks.html` comes from.
    pub(super) fn new(
        render: impl Fn(&Call) -> Result<String, Diagnostic>,
        path: &Path,
    ) -> Result<Marks, Diagnostic> {
        let slot = |k: usize| SLOTS[k].to_string();
        let term = Call {
            note: false,
            id: slot(0),
            n: String::new(),
            shown: String::new(),
            mark_id: String::new(),
            popover_id: ids::term_popover(&slot(0)),
            text: TEXT,
        };
        let note = Call {
            note: true,
            id: String::new(),
            n: slot(0),
            shown: slot(1),
            mark_id: ids::note_mark(&slot(0)),
            popover_id: ids::note_popover(&slot(0)),
            text: TEXT,
        };
        let split = |name: &'static str, call: &Call| {
            let markup = render(call)?;
            match markup.split(TEXT).collect::<Vec<_>>()[..] {
                [open, close] => Ok((Pattern::of(open), Pattern::of(close))),
                _ => Err(Diagnostic::error(
                    DiagnosticKind::TemplateError,
                    path,
                    format!("template error: the macro `{name}` does not print `text` once"),
                )
                .with_hint("print the marked words once, with `{{ text | safe }}`")),
            }
        };
        Ok(Marks {
            term: split("term", &term)?,
            note: split("note", &note)?,
        })
    }

    /// The markup before and after a mention of the entry `id`.
    pub fn term(&self, id: &str) -> (String, String) {
        let id = html_escape(id);
        (self.term.0.fill(&[&id]), self.term.1.fill(&[&id]))
    }

    /// The markup before and after the passage of note `n`, shown to readers as `shown`.
    pub fn note(&self, n: usize, shown: &str) -> (String, String) {
        let n = n.to_string();
        let values = [n.as_str(), shown];
        (self.note.0.fill(&values), self.note.1.fill(&values))
    }
}

impl Pattern {
    fn of(markup: &str) -> Pattern {
        let mut pieces = Vec::new();
        let mut rest = markup;
        while let Some(at) = rest.find(SLOTS) {
            if at > 0 {
                pieces.push(Piece::Markup(rest[..at].to_string()));
            }
            let c = rest[at..].chars().next().expect("found here");
            pieces.push(Piece::Value(
                SLOTS.iter().position(|&s| s == c).expect("a slot"),
            ));
            rest = &rest[at + c.len_utf8()..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Markup(rest.to_string()));
        }
        Pattern(pieces)
    }

    fn fill(&self, values: &[&str]) -> String {
        let mut out = String::with_capacity(128);
        for piece in &self.0 {
            match piece {
                Piece::Markup(markup) => out.push_str(markup),
                Piece::Value(k) => out.push_str(values.get(*k).copied().unwrap_or_default()),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::model::DigitStyle;
    use crate::pipeline::render::Templates;

    #[test]
    fn the_default_marks_are_the_markup_contract_with_the_id_escaped() {
        let templates = Templates::new(&[], DigitStyle::Arabic).unwrap();
        let marks = templates.marks();
        assert_eq!(
            marks.term("a&b\"c"),
            (
                "<button type=\"button\" class=\"term\" data-term=\"a&amp;b&quot;c\" popovertarget=\"g-a&amp;b&quot;c\">".to_string(),
                "</button>".to_string()
            )
        );
        assert_eq!(
            marks.note(12, "١٢"),
            (
                "<mark class=\"note\" data-note=\"12\" id=\"note-ref-12\">".to_string(),
                "</mark><button type=\"button\" class=\"note-ref\" popovertarget=\"note-12\" data-n=\"12\" aria-label=\"حاشية ١٢\">١٢</button>".to_string()
            )
        );
    }
}
