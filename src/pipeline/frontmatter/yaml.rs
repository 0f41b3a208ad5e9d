//! The YAML crate (serde-saphyr), behind the front-matter module: its options, where each
//! value was written, and its errors told in the site's terms. Every place reported here is
//! one the parser gave; nothing searches the text for a value.

use crate::diagnostics::{did_you_mean, Diagnostic, DiagnosticKind, Diagnostics};
use crate::model::{Located, Span};
use crate::pipeline::limits::MAX_YAML_DEPTH;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{Error, Location};
use std::path::Path;

/// A value with the place the parser found it at. Front matter is parsed with the file's text
/// before it (see `parse`), so the parser's offsets are the file's.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Located<T>, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(Located {
            value: spanned.value,
            span: span_of(spanned.referenced),
        })
    }
}

fn span_of(location: Location) -> Option<Span> {
    let span = location.span();
    Some(Span {
        offset: usize::try_from(span.byte_offset()?).ok()?,
        len: usize::try_from(span.byte_len()?).ok()?,
    })
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        // Diagnostics show the file's line their own way.
        with_snippet: false,
        // `summary:` with nothing after it is empty text, as it has always read.
        null_as_string: true,
        // Depth is what makes parsing slow and deep recursion dangerous; a glossary of tens of
        // thousands of entries is real data, so the counts of nodes and events are not capped.
        budget: serde_saphyr::budget! {
            max_depth: MAX_YAML_DEPTH,
            max_events: usize::MAX,
            max_nodes: usize::MAX,
        },
    }
}

/// Parses `text[..end]` into `T`. `text` is the whole file and the YAML starts at `start`: front
/// matter is given with its opening `---` line, which YAML reads as the start of a document, so
/// that every place the parser names is a place in the file.
pub(super) fn parse<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    start: usize,
    end: usize,
) -> Result<T, Diagnostics> {
    if text[start..end].trim().is_empty() {
        // An empty document is null, which names no missing key: `{}` has it named.
        let err = match serde_saphyr::from_str_with_options::<T>("{}", options()) {
            Ok(value) => return Ok(value),
            Err(err) => err,
        };
        let Explained(kind, message, ..) = explain(inner(&err), "{}", 0);
        return Err(Diagnostic::error(kind, path, message)
            .at_offset(text, start, 1)
            .with_hint("the front matter is empty: add at least `title:` and `date: YYYY-MM-DD`")
            .into());
    }
    let mut yaml = std::borrow::Cow::Borrowed(&text[..end]);
    let mut problems = Diagnostics::default();
    // The parser stops at its first error. The entry in error (an unknown or repeated key, a
    // value of the wrong kind) is blanked out, bytes kept so that places stay the same, and the
    // text parsed again: every problem the rest of the file has is reported too. A key blanked
    // out is then missing, which is no problem of its own.
    let mut blanked: Vec<String> = Vec::new();
    loop {
        let err = match serde_saphyr::from_str_with_options::<T>(&yaml, options()) {
            Ok(value) if problems.is_empty() => return Ok(value),
            Ok(_) => return Err(problems),
            Err(err) => err,
        };
        if let Error::SerdeMissingField { field, .. } = inner(&err) {
            if blanked.iter().any(|key| key == field) {
                return Err(problems);
            }
        }
        let (diagnostic, entry) = diagnose(path, text, &yaml, &err);
        problems.push(diagnostic);
        let key = entry
            .filter(|_| problems.0.len() < MAX_PROBLEMS)
            .and_then(|at| blank_entry(yaml.to_mut(), at));
        match key {
            Some(key) => blanked.push(key),
            None => return Err(problems),
        }
    }
}

/// More than this many problems in one file are more than anyone reads.
const MAX_PROBLEMS: usize = 20;

/// Replaces the block entry that starts at byte `at` (a key, or a list item's `- `) with
/// spaces: its line and the lines indented deeper, which hold its value. Returns the entry's
/// key; none when something else is before it on its line (an entry of a flow mapping, a key
/// after a list item's `- `), which cannot be blanked alone.
fn blank_entry(yaml: &mut String, at: usize) -> Option<String> {
    let line_start = yaml[..at].rfind('\n').map_or(0, |i| i + 1);
    if !yaml[line_start..at].bytes().all(|b| b == b' ') {
        return None;
    }
    let key = yaml[at..]
        .trim_start_matches("- ")
        .split(':')
        .next()
        .unwrap_or_default()
        .trim()
        .trim_matches(['"', '\''])
        .to_string();
    let indent = at - line_start;
    let mut end = yaml[at..].find('\n').map_or(yaml.len(), |i| at + i);
    while end < yaml.len() {
        let next = &yaml[end + 1..];
        let line = &next[..next.find('\n').unwrap_or(next.len())];
        let deeper = line.len() - line.trim_start_matches(' ').len() > indent;
        if !(deeper || line.trim().is_empty()) {
            break;
        }
        end += 1 + line.len();
    }
    // Same byte length: each character becomes as many spaces as it has bytes.
    let blanked: String = yaml[at..end]
        .chars()
        .flat_map(|c| std::iter::repeat_n(if c == '\n' { c } else { ' ' }, c.len_utf8()))
        .collect();
    yaml.replace_range(at..end, &blanked);
    Some(key)
}

/// The diagnostic for `err`, found parsing `parsed` (the file's text, entries blanked out), and
/// where the entry to blank out before parsing again starts, when the parser can step over it.
fn diagnose(path: &Path, text: &str, parsed: &str, err: &Error) -> (Diagnostic, Option<usize>) {
    let err = inner(err);
    let (offset, len) = place(parsed, err.location());
    // The reader refuses a control character written raw, and names the place of the value it
    // is in: the character itself is pointed at, and named, since it cannot be seen.
    let line = parsed[offset..].split('\n').next().unwrap_or_default();
    let control = line
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\r'));
    if let (Error::ExternalMessage { .. }, Some((at, c))) = (err, control) {
        let diagnostic = Diagnostic::error(
            DiagnosticKind::YamlSyntax,
            path,
            "invalid YAML: control characters are not allowed",
        )
        .at_offset(text, offset + at, c.len_utf8())
        .with_hint(format!(
            "remove the invisible character U+{:04X}, or write it as an escape in double quotes",
            c as u32
        ));
        return (diagnostic, None);
    }
    let Explained(kind, message, hint, own_len) = explain(err, parsed, offset);
    let diagnostic =
        Diagnostic::error(kind, path, message).at_offset(text, offset, own_len.unwrap_or(len));
    let diagnostic = match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    };
    let entry = match kind {
        DiagnosticKind::UnknownKey | DiagnosticKind::DuplicateKey => Some(offset),
        DiagnosticKind::WrongType
        | DiagnosticKind::UnknownValue
        | DiagnosticKind::InvalidDate
        | DiagnosticKind::InvalidAlias => entry_of_value(parsed, offset),
        _ => None,
    };
    (diagnostic, entry)
}

/// Where the block entry holding the value at `offset` starts: its line's key, or its `- `.
/// None for a value on a line of its own (the second line of a list in brackets), whose entry
/// starts on a line before.
fn entry_of_value(yaml: &str, offset: usize) -> Option<usize> {
    let line_start = yaml[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &yaml[line_start..offset];
    let content = before.trim_start_matches(' ');
    let starts_entry = content.starts_with("- ") || content.contains(": ");
    starts_entry.then_some(line_start + before.len() - content.len())
}

/// The error itself, out of the wrappers that add a snippet or an alias's place.
fn inner(err: &Error) -> &Error {
    match err.without_snippet() {
        Error::AliasError { error, .. } => inner(error),
        err => err,
    }
}

/// The byte offset and length the parser gives for an error. Errors of the scanner carry a
/// line and a column (in characters) only; a tab before it on its line is what they complain
/// of, and is pointed at instead.
fn place(text: &str, location: Option<Location>) -> (usize, usize) {
    let Some(location) = location else {
        return (0, 1);
    };
    if let Some(span) = span_of(location).filter(|span| text.is_char_boundary(span.offset)) {
        return (span.offset, span.len.max(1));
    }
    let line = usize::try_from(location.line()).unwrap_or(1).max(1);
    let column = usize::try_from(location.column()).unwrap_or(1).max(1);
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let line_text = text[line_start.min(text.len())..]
        .split('\n')
        .next()
        .unwrap_or_default();
    let at = line_text
        .char_indices()
        .nth(column - 1)
        .map_or(line_text.len(), |(i, _)| i);
    let at = line_text[..at].find('\t').unwrap_or(at);
    (line_start + at, 1)
}

/// What a problem is, said for a person: its kind, message and hint, and how many bytes the
/// caret underlines when the length of the parser's place will not do.
struct Explained(DiagnosticKind, String, Option<String>, Option<usize>);

fn explain(err: &Error, parsed: &str, offset: usize) -> Explained {
    let written = parsed.get(offset..).unwrap_or_default();
    let written = written.split('\n').next().unwrap_or_default();
    match err {
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            // Keys other generators use for one of ours, which spelling alone would not lead to.
            const SYNONYMS: [(&str, &str); 6] = [
                ("description", "summary"),
                ("lastmod", "updated"),
                ("modified", "updated"),
                ("cover", "image"),
                ("thumbnail", "image"),
                ("redirect_from", "aliases"),
            ];
            let hint = match suggest(field, expected, &SYNONYMS, false) {
                Some(known) => format!("did you mean `{known}`?"),
                None => format!("the keys allowed here are: {}", expected.join(", ")),
            };
            Explained(
                DiagnosticKind::UnknownKey,
                format!("unknown key `{field}`"),
                Some(hint),
                Some(field.len()),
            )
        }
        Error::SerdeMissingField { field, .. } => {
            let example = match *field {
                "date" => "date: 2019-04-25".to_string(),
                _ => format!("{field}: ..."),
            };
            Explained(
                DiagnosticKind::MissingKey,
                format!("missing required key `{field}`"),
                Some(format!("add `{example}`")),
                Some(1),
            )
        }
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            // Words people write for a value, which spelling alone would not lead to: the
            // digits called eastern are the Arabic ones, not `western`, the closest spelling.
            const SYNONYMS: [(&str, &str); 7] = [
                ("eastern", "arabic"),
                ("arabic-indic", "arabic"),
                ("hindi", "arabic"),
                ("latin", "western"),
                ("ascii", "western"),
                ("right-to-left", "rtl"),
                ("left-to-right", "ltr"),
            ];
            let hint = match suggest(variant, expected, &SYNONYMS, true) {
                Some(known) => format!("did you mean `{known}`?"),
                None => format!("use one of: {}", expected.join(", ")),
            };
            Explained(
                DiagnosticKind::UnknownValue,
                format!("unknown value `{variant}`"),
                Some(hint),
                None,
            )
        }
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => wrong_type(unexpected, expected),
        Error::InvalidScalar { ty, .. } => wrong_type(&describe(written), &a_noun(ty)),
        Error::Unexpected { expected, .. } => wrong_type(&describe(written), &a_noun(expected)),
        Error::DuplicateMappingKey { key, .. } => Explained(
            DiagnosticKind::DuplicateKey,
            match key {
                Some(key) => format!("duplicate key `{key}`"),
                None => "duplicate key".to_string(),
            },
            Some("each key may appear once; remove one of them".to_string()),
            key.as_ref().map(String::len),
        ),
        Error::Budget {
            breach: BudgetBreach::Depth { .. },
            ..
        } => Explained(
            DiagnosticKind::TooDeep,
            format!("the YAML is nested more than {MAX_YAML_DEPTH} levels deep"),
            Some("no value needs such depth: close the brackets, or indent less".to_string()),
            Some(1),
        ),
        Error::Message { msg, .. } if msg.contains("cannot be an alias") => Explained(
            DiagnosticKind::InvalidAlias,
            msg.clone(),
            Some("write the old URL's path from its first `/`, e.g. `/2023/old-slug/`".to_string()),
            None,
        ),
        Error::Message { msg, .. }
            if msg.contains("is not a real date") || msg.contains("is not a date") =>
        {
            Explained(
                DiagnosticKind::InvalidDate,
                msg.clone(),
                Some("write dates as YYYY-MM-DD with Western digits, e.g. 2019-04-25".to_string()),
                None,
            )
        }
        err => syntax_error(err, written),
    }
}

/// `value` or its synonym among `known`, else the closest spelling.
fn suggest<'a>(
    value: &str,
    known: &[&'a str],
    synonyms: &[(&str, &'a str)],
    any_case: bool,
) -> Option<&'a str> {
    synonyms
        .iter()
        .find(|(word, meant)| {
            let same = if any_case {
                value.eq_ignore_ascii_case(word)
            } else {
                value == *word
            };
            same && known.contains(meant)
        })
        .map(|(_, meant)| *meant)
        .or_else(|| did_you_mean(value, known.iter().copied()))
}

fn wrong_type(unexpected: &str, expected: &str) -> Explained {
    let hint = if expected.contains("sequence") {
        "write a list: `[first, second]`, or one `- item` per line"
    } else if expected.contains("string") {
        "write text here; put it in quotes if it looks like a number or a date"
    } else if expected.contains("boolean") {
        "write `true` or `false`"
    } else if expected.contains("number") {
        "write a number in Western digits, e.g. `2`"
    } else {
        "check the value's type against the README's reference"
    };
    Explained(
        DiagnosticKind::WrongType,
        format!("invalid type: {unexpected}, expected {expected}"),
        Some(hint.to_string()),
        None,
    )
}

/// What the parser expected, as the messages say it: `a sequence`, `a boolean`.
fn a_noun(expected: &str) -> String {
    let noun = expected.trim_end_matches(" start");
    match noun {
        "mapping" | "struct" => "a map".to_string(),
        "string scalar" | "str" => "a string".to_string(),
        "bool" => "a boolean".to_string(),
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a positive whole number".to_string(),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number".to_string(),
        "f32" | "f64" => "a number".to_string(),
        _ if noun.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an {noun}"),
        _ => format!("a {noun}"),
    }
}

/// What is written at the place of a value of the wrong type, as the messages name it: `map`,
/// `sequence`, `integer `5``, `string "ربما"`. `written` is the rest of its line.
fn describe(written: &str) -> String {
    let value = written.split(" #").next().unwrap_or_default().trim();
    let unquoted = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')));
    if let Some(text) = unquoted {
        format!("string {text:?}")
    } else if value.is_empty() || value == "~" || value == "null" {
        "nothing".to_string()
    } else if value.starts_with('[') || value == "-" || value.starts_with("- ") {
        "sequence".to_string()
    } else if value.starts_with('{') || value.ends_with(':') || value.contains(": ") {
        "map".to_string()
    } else if value.parse::<i64>().is_ok() {
        format!("integer `{value}`")
    } else if value.parse::<f64>().is_ok() {
        format!("floating point `{value}`")
    } else if value == "true" || value == "false" {
        format!("boolean `{value}`")
    } else {
        format!("string {value:?}")
    }
}

/// Errors of the parser itself: the text is not YAML. `written` is the rest of the line the
/// parser stopped at.
fn syntax_error(err: &Error, written: &str) -> Explained {
    let full = err.to_string();
    // The location is shown our way, with the line.
    let message = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => &full,
    };
    let message = message.trim_start_matches("error: ");
    let hint = if message.contains("tab") || written.starts_with('\t') {
        Some("YAML indentation must use spaces; replace the tab with spaces")
    } else if message.contains("mapping values are not allowed") {
        Some("a value with `: ` inside must be quoted: `key: \"a: b\"`")
    } else if message.contains("did not find expected key")
        || message.contains("did not find expected '-'")
    {
        Some("check the indentation: keys of one mapping line up, list items start with `- `")
    } else if message.contains("quote") || message.contains("quoted scalar") {
        Some("a quotation mark opened here is never closed; close it, or remove it")
    } else if message.contains("bracket")
        || message.contains("flow")
        || message.contains("expected ',' or")
    {
        Some("a list or mapping opened here is never closed; add the closing bracket")
    } else {
        None
    };
    Explained(
        DiagnosticKind::YamlSyntax,
        format!("invalid YAML: {message}"),
        hint.map(str::to_string),
        Some(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(yaml: &str) -> Vec<Diagnostic> {
        let path = Path::new("site.yaml");
        parse::<serde::de::IgnoredAny>(path, yaml, 0, yaml.len())
            .unwrap_err()
            .0
    }

    #[test]
    fn nesting_past_the_parsers_limit_is_too_deep_at_its_place() {
        // The scan in `limits` refuses such input first; the parser's own limit stands behind it.
        let yaml = format!("x: {}{}\n", "[".repeat(100), "]".repeat(100));
        let problems = problems(&yaml);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, DiagnosticKind::TooDeep);
        assert_eq!((problems[0].line, problems[0].column), (1, 67));
    }

    #[test]
    fn a_raw_control_character_is_pointed_at_and_named() {
        let problems = problems("title: a\u{7}b\n");
        assert_eq!(
            problems[0].message,
            "invalid YAML: control characters are not allowed"
        );
        assert_eq!((problems[0].line, problems[0].column), (1, 9));
        assert!(problems[0].hint.as_deref().unwrap().contains("U+0007"));
    }
}
