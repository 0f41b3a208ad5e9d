//! What the YAML crate's error means for a person: its place in the file, found from the
//! error's message, and the message and hint told in the site's terms.

use super::locate_value;
use crate::diagnostics::{did_you_mean, Diagnostic, DiagnosticKind};
use std::path::Path;

pub(super) fn yaml_error(
    path: &Path,
    file_text: &str,
    offset: usize,
    err: serde_yaml::Error,
    yaml: &str,
) -> Diagnostic {
    let full = err.to_string();
    // serde_yaml appends " at line L column C"; the location is shown our way instead.
    let message = match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    // The reader's errors (a control character) name a byte offset instead: point there.
    if let Some((message, position)) = message.split_once(" at position ") {
        if let Some(at) = position.parse::<usize>().ok().filter(|&at| at < yaml.len()) {
            let character = yaml[at..].chars().next().unwrap_or_default();
            return Diagnostic::error(DiagnosticKind::YamlSyntax, path, format!("invalid YAML: {message}"))
                .at_offset(file_text, offset + at, 1)
                .with_hint(format!(
                    "remove the invisible character U+{:04X}, or write it as an escape in double quotes",
                    character as u32
                ));
        }
    }
    // Errors found while reading a value carry serde_yaml's path to it ("source.date: ...")
    // but the position of the enclosing mapping; the path finds the value itself.
    let (message, located) = match message.split_once(": ").filter(|_| is_yaml_path(&message)) {
        Some((path, rest)) => {
            // For an unknown key, point at the key itself rather than its parent.
            let unknown = rest
                .strip_prefix("unknown field `")
                .and_then(|r| r.split('`').next());
            let target = match unknown {
                Some(key) => format!("{path}.{key}"),
                None => path.to_string(),
            };
            (
                rest.to_string(),
                locate_path(yaml, &target, unknown.is_some()),
            )
        }
        None => (message.clone(), None),
    };
    // serde_yaml names only the list a bad alias is in: the alias, quoted in the message,
    // finds its item.
    let alias = message
        .split_once(" cannot be an alias")
        .and_then(|(quoted, _)| quoted.strip_prefix('`')?.strip_suffix('`'));
    let located = alias
        .and_then(|alias| Some((locate_value(yaml, "aliases", alias, 0)?, alias.len())))
        .or(located)
        .or_else(|| locate_unbalanced(yaml, &message));
    let (at, value_length) = match located {
        Some((at, length)) => (offset + at, length),
        None => (
            err.location()
                .map_or(offset, |l| offset + l.index().min(yaml.len())),
            1,
        ),
    };
    let (kind, message, hint) = explain_yaml_error(&message, &file_text[..at], &file_text[at..]);
    let mut length = value_length;
    if let Some(key) = message
        .strip_prefix("unknown key `")
        .and_then(|m| m.split('`').next())
    {
        length = key.chars().count();
    }
    let diagnostic = Diagnostic::error(kind, path, message).at_offset(file_text, at, length);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// Whether `message` starts with a serde_yaml path such as `tags`, `source.date`, `[2].id`.
fn is_yaml_path(message: &str) -> bool {
    let Some((path, _)) = message.split_once(": ") else {
        return false;
    };
    !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_alphanumeric() || "._[]-".contains(c))
}

/// Finds the value at a serde_yaml path (`notes[1].quote`, `[3].summary`) in block-style YAML:
/// byte offset and length of the value, or of its key when the value is on later lines or
/// `at_key` asks for the last key itself (an unknown one).
fn locate_path(yaml: &str, path: &str, at_key: bool) -> Option<(usize, usize)> {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut start = 0;
    for line in yaml.split_inclusive('\n') {
        lines.push((start, line.trim_end_matches('\n')));
        start += line.len();
    }
    let indent_of = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let is_content = |line: &str| !line.trim().is_empty() && !line.trim_start().starts_with('#');
    let (mut from, mut to, mut parent_indent) = (0usize, lines.len(), -1isize);
    let mut found = None;
    let segments: Vec<&str> = path
        .trim_start_matches('.')
        .split('.')
        .flat_map(|s| s.split_inclusive(']'))
        .collect();
    for (k, &segment) in segments.iter().enumerate() {
        if let Some(index) = segment.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            let index: usize = index.parse().ok()?;
            let items: Vec<usize> = (from..to)
                .filter(|&i| {
                    let line = lines[i].1;
                    is_content(line)
                        && indent_of(line) as isize > parent_indent
                        && line.trim_start().starts_with('-')
                })
                .collect();
            let item_indent = items.iter().map(|&i| indent_of(lines[i].1)).min()?;
            let items: Vec<usize> = items
                .into_iter()
                .filter(|&i| indent_of(lines[i].1) == item_indent)
                .collect();
            let Some(&item) = items.get(index) else {
                return found;
            };
            let end = items.get(index + 1).copied().unwrap_or_else(|| {
                (item + 1..to)
                    .find(|&i| is_content(lines[i].1) && indent_of(lines[i].1) < item_indent)
                    .unwrap_or(to)
            });
            let (line_start, line) = lines[item];
            let value_at = indent_of(line)
                + 1
                + (line[indent_of(line) + 1..].len()
                    - line[indent_of(line) + 1..].trim_start().len());
            found = Some((
                line_start + value_at,
                line.len().saturating_sub(value_at).max(1),
            ));
            (from, to, parent_indent) = (item, end, item_indent as isize);
        } else {
            let key = segment;
            let hit = (from..to).find_map(|i| {
                let line = lines[i].1;
                if !is_content(line) {
                    return None;
                }
                let indent = indent_of(line);
                let rest = line.trim_start();
                let (key_indent, rest) = match rest.strip_prefix("- ") {
                    Some(after) => (
                        indent + 2 + (after.len() - after.trim_start().len()),
                        after.trim_start(),
                    ),
                    None => (indent, rest),
                };
                let value = rest.strip_prefix(key)?.strip_prefix(':')?;
                (key_indent as isize > parent_indent).then_some((i, key_indent, value))
            });
            let (i, key_indent, value) = hit?;
            let (line_start, line) = lines[i];
            let value_trimmed = value.trim();
            found = Some(
                if value_trimmed.is_empty() || (at_key && k + 1 == segments.len()) {
                    (line_start + key_indent, key.len())
                } else {
                    let value_at = line.len() - value.trim_start().len();
                    (line_start + value_at, value_trimmed.len())
                },
            );
            let end = (i + 1..to)
                .find(|&j| is_content(lines[j].1) && indent_of(lines[j].1) <= key_indent)
                .unwrap_or(to);
            (from, to, parent_indent) = (i, end, key_indent as isize);
        }
    }
    found
}

/// For errors the parser reports only where it gave up (at the end of the document), the place
/// the mistake was made: the quote or bracket never closed, the key written twice.
fn locate_unbalanced(yaml: &str, message: &str) -> Option<(usize, usize)> {
    let mut line_start = 0;
    let lines: Vec<(usize, &str)> = yaml
        .split_inclusive('\n')
        .map(|line| {
            let at = line_start;
            line_start += line.len();
            (at, line)
        })
        .collect();
    if let Some(key) = message
        .strip_prefix("duplicate field `")
        .and_then(|r| r.split('`').next())
    {
        let mut uses = lines.iter().filter(|(_, line)| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.starts_with(':'))
        });
        let (at, line) = uses.nth(1)?;
        return Some((at + line.len() - line.trim_start().len(), key.len()));
    }
    let unclosed = |open: char, close: char| {
        lines.iter().find_map(|(at, line)| {
            let opens: Vec<usize> = line.match_indices(open).map(|(i, _)| i).collect();
            let closes = line.matches(close).count();
            let unbalanced = if open == close {
                opens.len() % 2 == 1
            } else {
                opens.len() > closes
            };
            unbalanced.then(|| (at + opens[opens.len() - 1], 1))
        })
    };
    if message.contains("end of stream") || message.contains("quoted scalar") {
        return unclosed('"', '"').or_else(|| unclosed('\'', '\''));
    }
    if message.contains("expected ',' or ']'") {
        return unclosed('[', ']');
    }
    if message.contains("expected ',' or '}'") {
        return unclosed('{', '}');
    }
    None
}

/// Turns serde_yaml's wording into ours, with its kind and a hint on how to fix it.
fn explain_yaml_error(
    message: &str,
    before: &str,
    after: &str,
) -> (DiagnosticKind, String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        // Keys other generators use for one of ours, which spelling alone would not lead to.
        const SYNONYMS: [(&str, &str); 6] = [
            ("description", "summary"),
            ("lastmod", "updated"),
            ("modified", "updated"),
            ("cover", "image"),
            ("thumbnail", "image"),
            ("redirect_from", "aliases"),
        ];
        let meant = SYNONYMS
            .iter()
            .find(|(word, known)| key == *word && expected.contains(known))
            .map(|(_, known)| *known);
        let hint = match meant.or_else(|| did_you_mean(key, expected.iter().copied())) {
            Some(known) => format!("did you mean `{known}`?"),
            None => format!("the keys allowed here are: {}", expected.join(", ")),
        };
        return (
            DiagnosticKind::UnknownKey,
            format!("unknown key `{key}`"),
            Some(hint),
        );
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let example = match key {
            "date" => "date: 2019-04-25".to_string(),
            _ => format!("{key}: ..."),
        };
        return (
            DiagnosticKind::MissingKey,
            format!("missing required key `{key}`"),
            Some(format!("add `{example}`")),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        // Words people write for a value, which spelling alone would not lead to: the digits
        // called eastern are the Arabic ones, not `western`, the closest spelling.
        const SYNONYMS: [(&str, &str); 7] = [
            ("eastern", "arabic"),
            ("arabic-indic", "arabic"),
            ("hindi", "arabic"),
            ("latin", "western"),
            ("ascii", "western"),
            ("right-to-left", "rtl"),
            ("left-to-right", "ltr"),
        ];
        let meant = SYNONYMS
            .iter()
            .find(|(word, known)| value.eq_ignore_ascii_case(word) && expected.contains(known))
            .map(|(_, known)| *known);
        let hint = match meant.or_else(|| did_you_mean(value, expected.iter().copied())) {
            Some(known) => format!("did you mean `{known}`?"),
            None => format!("use one of: {}", expected.join(", ")),
        };
        return (
            DiagnosticKind::UnknownValue,
            format!("unknown value `{value}`"),
            Some(hint),
        );
    }
    if message.contains("cannot be an alias") {
        return (
            DiagnosticKind::InvalidAlias,
            message.to_string(),
            Some("write the old URL's path from its first `/`, e.g. `/2023/old-slug/`".to_string()),
        );
    }
    if message.starts_with("invalid type") {
        let hint = if message.contains("expected a sequence") {
            "write a list: `[first, second]`, or one `- item` per line"
        } else if message.contains("expected a string")
            || message.contains("expected a borrowed string")
        {
            "write text here; put it in quotes if it looks like a number or a date"
        } else if message.contains("expected a boolean") {
            "write `true` or `false`"
        } else {
            "check the value's type against the README's reference"
        };
        return (
            DiagnosticKind::WrongType,
            message.to_string(),
            Some(hint.to_string()),
        );
    }
    let line_before = before.rsplit('\n').next().unwrap_or_default();
    let line_after = after.split('\n').next().unwrap_or_default();
    if line_before.contains('\t') || line_after.starts_with('\t') {
        return (
            DiagnosticKind::YamlSyntax,
            format!("invalid YAML: {message}"),
            Some("YAML indentation must use spaces; replace the tab with spaces".to_string()),
        );
    }
    if message.contains("mapping values are not allowed") {
        return (
            DiagnosticKind::YamlSyntax,
            format!("invalid YAML: {message}"),
            Some("a value with `: ` inside must be quoted: `key: \"a: b\"`".to_string()),
        );
    }
    if message.contains("did not find expected key")
        || message.contains("did not find expected '-' indicator")
    {
        return (
            DiagnosticKind::YamlSyntax,
            format!("invalid YAML: {message}"),
            Some(
                "check the indentation: keys of one mapping line up, list items start with `- `"
                    .to_string(),
            ),
        );
    }
    if message.contains("quoted scalar") || message.contains("end of stream") {
        return (
            DiagnosticKind::YamlSyntax,
            format!("invalid YAML: {message}"),
            Some(
                "a quotation mark opened here is never closed; close it, or remove it".to_string(),
            ),
        );
    }
    if message.contains("expected ',' or ']'") || message.contains("expected ',' or '}'") {
        return (
            DiagnosticKind::YamlSyntax,
            format!("invalid YAML: {message}"),
            Some(
                "a list or mapping opened here is never closed; add the closing bracket"
                    .to_string(),
            ),
        );
    }
    if message.contains("duplicate field") || message.contains("duplicate entry") {
        return (
            DiagnosticKind::DuplicateKey,
            message
                .replace("duplicate entry with key", "duplicate key")
                .replace("duplicate field", "duplicate key"),
            Some("each key may appear once; remove one of them".to_string()),
        );
    }
    if message.contains("is not a real date") || message.contains("is not a date") {
        return (
            DiagnosticKind::InvalidDate,
            message.to_string(),
            Some("write dates as YYYY-MM-DD with Western digits, e.g. 2019-04-25".to_string()),
        );
    }
    (
        DiagnosticKind::YamlSyntax,
        format!("invalid YAML: {message}"),
        None,
    )
}
