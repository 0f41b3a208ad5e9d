//! Errors and warnings about a site, each pointing at a place in a file, and the one place
//! where they are rendered for people.

mod kind;

pub use kind::DiagnosticKind;
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthChar;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// What `check` reports that is no problem: how many mentions an exception removed.
    Note,
}

/// One problem in one file. `line` and `column` are 1-based and count characters (Unicode
/// scalar values, so a letter with two harakat is three), not bytes or screen columns; both
/// are 0 when the problem concerns the file as a whole (it cannot be read, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What went wrong, as a code that `docs/errors.md` explains.
    #[serde(rename = "code")]
    pub kind: DiagnosticKind,
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The source line the problem is on, without its line ending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_line: Option<String>,
    /// How many characters the caret underlines, starting at `column`.
    #[serde(skip)]
    pub span_chars: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(
        kind: DiagnosticKind,
        path: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(Severity::Error, kind, path.into(), message.into())
    }

    pub fn warning(
        kind: DiagnosticKind,
        path: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(Severity::Warning, kind, path.into(), message.into())
    }

    pub fn note(
        kind: DiagnosticKind,
        path: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(Severity::Note, kind, path.into(), message.into())
    }

    fn new(severity: Severity, kind: DiagnosticKind, path: PathBuf, message: String) -> Diagnostic {
        Diagnostic {
            severity,
            kind,
            path,
            line: 0,
            column: 0,
            message,
            source_line: None,
            span_chars: 0,
            hint: None,
        }
    }

    /// Points at `len` bytes starting at byte `offset` of `source` (the whole file).
    pub fn at_offset(self, source: &str, offset: usize, len: usize) -> Diagnostic {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let line = source[..offset].matches('\n').count() + 1;
        self.at_offset_on_line(source, offset, len, line)
    }

    /// Points at a value where its file's parser found it (inside its quotes, if any); a value
    /// no file gave leaves the diagnostic where it was.
    pub fn at_span(self, source: &str, span: Option<crate::model::Span>) -> Diagnostic {
        match span {
            Some(span) => {
                let span = span.inside_quotes(source);
                self.at_offset(source, span.offset, span.len)
            }
            None => self,
        }
    }

    /// As `at_offset`, with the line number looked up in `lines`: for many diagnostics on one
    /// large file, where counting lines each time would cost a pass over the file each.
    pub fn at_offset_indexed(
        self,
        source: &str,
        lines: &LineIndex,
        offset: usize,
        len: usize,
    ) -> Diagnostic {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        self.at_offset_on_line(source, offset, len, lines.line_of(offset))
    }

    fn at_offset_on_line(
        mut self,
        source: &str,
        offset: usize,
        len: usize,
        line: usize,
    ) -> Diagnostic {
        let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[offset..]
            .find('\n')
            .map_or(source.len(), |i| offset + i);
        let end = floor_char_boundary(source, (offset + len).min(line_end).max(offset));
        self.line = line;
        self.column = source[line_start..offset].chars().count() + 1;
        self.source_line = Some(
            source[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
        );
        self.span_chars = source[offset..end].chars().count().max(1);
        self
    }

    /// Points at a 1-based line and column of `source`, underlining `len` characters.
    pub fn at_line_column(
        self,
        source: &str,
        line: usize,
        column: usize,
        len: usize,
    ) -> Diagnostic {
        let line_start = line_start_offset(source, line);
        let line_text = &source[line_start..];
        let line_text = &line_text[..line_text.find('\n').unwrap_or(line_text.len())];
        let column_offset = line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i);
        let span_bytes: usize = line_text[column_offset..]
            .chars()
            .take(len.max(1))
            .map(char::len_utf8)
            .sum();
        self.at_offset(source, line_start + column_offset, span_bytes)
    }

    /// Names a line without a source to show (a file that could not be read as text, say).
    pub fn at_position(mut self, line: usize, column: usize) -> Diagnostic {
        self.line = line;
        self.column = column;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Where each line of a text starts, to turn byte offsets into line numbers quickly.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        LineIndex {
            starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        }
    }

    /// The 1-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

fn line_start_offset(source: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    source
        .match_indices('\n')
        .nth(line - 2)
        .map_or(source.len(), |(i, _)| i + 1)
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

impl fmt::Display for Diagnostic {
    /// `path:line:col: error[code]: message`, then the line with a caret under the span, then
    /// the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let path = display_path(&self.path);
        let path = escape(&path);
        let message = escape(&self.message);
        let code = self.kind.code();
        if self.line > 0 {
            writeln!(
                f,
                "{path}:{}:{}: {severity}[{code}]: {message}",
                self.line, self.column
            )?;
        } else {
            writeln!(f, "{path}: {severity}[{code}]: {message}")?;
        }
        if let Some(source_line) = &self.source_line {
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            let (shown, lead, span) = excerpt(source_line, self.column, self.span_chars);
            writeln!(f, "{pad} |")?;
            writeln!(f, "{gutter} | {shown}")?;
            writeln!(f, "{pad} | {lead}{}", "^".repeat(span))?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = help: {}", escape(hint))?;
        }
        Ok(())
    }
}

/// The longest source line shown whole; of a longer one (a minified file, a value nested
/// thousands deep), only the part around the column.
const MAX_SHOWN_CHARS: usize = 120;

/// What the source line shows under the header, the blanks before the caret, and the caret's
/// width: `column` and `span` (in characters) clipped to the part shown, measured in screen
/// columns — harakat and other combining marks take none, wide CJK characters two, each
/// escaped character as wide as its escape.
fn excerpt(line: &str, column: usize, span: usize) -> (String, String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let (from, to) = if chars.len() <= MAX_SHOWN_CHARS {
        (0, chars.len())
    } else {
        let from = at.saturating_sub(MAX_SHOWN_CHARS / 3);
        (from, (from + MAX_SHOWN_CHARS).min(chars.len()))
    };
    let end = (at + span.max(1)).min(to);
    let mut shown = String::new();
    let mut lead = String::new();
    let mut width = 0;
    if from > 0 {
        shown.push('…');
        lead.push(' ');
    }
    for (i, &c) in (from..to).zip(&chars[from..to]) {
        let wide = match escaped(c) {
            Some(escape) => {
                shown.push_str(&escape);
                escape.len()
            }
            None => {
                shown.push(c);
                // A tab is one blank, repeated as a tab below so it keeps its width.
                if c == '\t' {
                    1
                } else {
                    c.width().unwrap_or(0)
                }
            }
        };
        if i < at {
            let blank = if c == '\t' { "\t" } else { " " };
            lead.push_str(&blank.repeat(wide));
        } else if i < end {
            width += wide;
        }
    }
    if to < chars.len() {
        shown.push('…');
    }
    (shown, lead, width.max(1))
}

/// Text from content as it may reach a terminal: control characters (ESC starts sequences
/// that clear the screen or retitle the window) and invisible controls (direction controls
/// reorder what follows; a zero-width space hides) are written as escapes, `\u{1b}`. Tabs and
/// line breaks stay.
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| escaped(c).is_some()) {
        return text.into();
    }
    text.chars()
        .map(|c| escaped(c).unwrap_or_else(|| c.to_string()))
        .collect::<String>()
        .into()
}

fn escaped(c: char) -> Option<String> {
    let hidden = (c.is_control() && c != '\t' && c != '\n') || crate::urls::is_invisible_control(c);
    hidden.then(|| c.escape_unicode().to_string())
}

/// Paths print with forward slashes, so messages read the same on every system.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Every problem a command found, errors and warnings together, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.0.iter().filter(|d| d.severity == severity).count()
    }

    /// Sorted by file, then position, so output does not depend on thread scheduling.
    pub fn sorted(mut self) -> Diagnostics {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
        });
        self.0.dedup();
        self
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The closing count line: `2 errors, 1 warning`, and `, 3 notes` when there are any.
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let notes = self.count(Severity::Note);
        format!(
            "{}, {}{}",
            plural(self.error_count(), "error"),
            plural(self.warning_count(), "warning"),
            if notes > 0 {
                format!(", {}", plural(notes, "note"))
            } else {
                String::new()
            }
        )
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic])
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Diagnostics(diagnostics)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

/// The known word closest to `unknown`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    unknown: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    known
        .into_iter()
        .map(|candidate| {
            (
                strsim::normalized_damerau_levenshtein(unknown, candidate),
                candidate,
            )
        })
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_caret_and_hint() {
        let source = "---\ntitel: x\n---\n";
        let d = Diagnostic::error(
            DiagnosticKind::UnknownKey,
            "content/a.md",
            "unknown key `titel`",
        )
        .at_offset(source, 4, 5)
        .with_hint("did you mean `title`?");
        assert_eq!(
            d.to_string(),
            "content/a.md:2:1: error[unknown-key]: unknown key `titel`\n  |\n2 | titel: x\n  | ^^^^^\n  = help: did you mean `title`?\n"
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let source = "عنوان: x\n";
        let d = Diagnostic::error(DiagnosticKind::YamlSyntax, "a", "m").at_offset(
            source,
            "عنوان: ".len(),
            1,
        );
        assert_eq!((d.line, d.column), (1, 8));
        let d =
            Diagnostic::error(DiagnosticKind::YamlSyntax, "a", "m").at_line_column(source, 1, 8, 1);
        assert_eq!(d.source_line.as_deref(), Some("عنوان: x"));
        assert_eq!((d.line, d.column, d.span_chars), (1, 8, 1));
    }

    #[test]
    fn indexed_lines_agree_with_counted_ones() {
        let source = "a\nbb\n\nccc\n";
        let lines = LineIndex::new(source);
        for offset in 0..source.len() {
            let counted = Diagnostic::error(DiagnosticKind::YamlSyntax, "a", "m")
                .at_offset(source, offset, 1);
            let indexed = Diagnostic::error(DiagnosticKind::YamlSyntax, "a", "m")
                .at_offset_indexed(source, &lines, offset, 1);
            assert_eq!(counted, indexed, "{offset}");
        }
    }

    #[test]
    fn a_long_line_shows_the_part_around_the_column() {
        let source = format!("title: {}\n", "[".repeat(100_000));
        let d =
            Diagnostic::error(DiagnosticKind::TooDeep, "a.md", "deep").at_offset(&source, 5000, 1);
        let text = d.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[2].chars().count() < 140, "{}", lines[2]);
        assert!(lines[2].starts_with("1 | …[[[") && lines[2].ends_with("[[…"));
        let caret = lines[3].find('^').unwrap();
        assert_eq!(lines[2].chars().nth(caret), Some('['));
        assert_eq!(caret, "1 | …".chars().count() + MAX_SHOWN_CHARS / 3);
    }

    #[test]
    fn controls_from_content_are_escaped_and_the_caret_stays_under_its_text() {
        let source = "title: \u{1b}[2Jx\u{202E}y: z\n";
        let d = Diagnostic::error(DiagnosticKind::UnknownKey, "a\u{1b}.md", "bad `\u{9b}31m`")
            .at_offset(source, "title: ".len(), "\u{1b}[2J".len())
            .with_hint("no \u{7}");
        let text = d.to_string();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(!text.contains('\u{202E}'));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "a\\u{1b}.md:1:8: error[unknown-key]: bad `\\u{9b}31m`"
        );
        assert_eq!(lines[2], "1 | title: \\u{1b}[2Jx\\u{202e}y: z");
        assert_eq!(
            lines[3],
            format!("  | {}{}", " ".repeat("title: ".len()), "^".repeat(9))
        );
        assert_eq!(lines[4], "  = help: no \\u{7}");
    }

    /// The caret's offset and width, in screen columns, on the line it underlines.
    fn caret(d: &Diagnostic) -> (usize, usize) {
        let text = d.to_string();
        let caret_line = text.lines().nth(3).unwrap();
        let carets = caret_line.trim_start_matches("  | ");
        let lead = carets.len() - carets.trim_start().len();
        (lead, carets.trim().chars().count())
    }

    #[test]
    fn the_caret_is_under_a_diacritised_word_whatever_its_marks() {
        // Each haraka is a character of the line but takes no column on screen.
        let line = "title: إِنَّ الْكِتَابَ مُفِيدٌ";
        let word = "الْكِتَابَ";
        let source = format!("{line}\n");
        let d = Diagnostic::error(DiagnosticKind::YamlSyntax, "a.md", "m").at_offset(
            &source,
            line.find(word).unwrap(),
            word.len(),
        );
        // The column keeps counting characters, marks included.
        assert_eq!(d.column, "title: إِنَّ ".chars().count() + 1);
        // On screen: `title: ` (7), `إن` and a space (3); the word is `الكتاب` (6 letters).
        assert_eq!(caret(&d), (10, 6));
    }

    #[test]
    fn wide_characters_take_two_columns_under_the_caret() {
        let source = "title: 金正恩 x\n";
        let d = Diagnostic::error(DiagnosticKind::YamlSyntax, "a.md", "m").at_offset(
            source,
            source.find('x').unwrap(),
            1,
        );
        assert_eq!(d.column, 12);
        assert_eq!(caret(&d), (14, 1));
        let d = Diagnostic::error(DiagnosticKind::YamlSyntax, "a.md", "m").at_offset(
            source,
            "title: ".len(),
            "金正恩".len(),
        );
        assert_eq!(caret(&d), (7, 6));
    }

    #[test]
    fn the_code_is_in_the_first_line_and_in_json() {
        let d = Diagnostic::warning(
            DiagnosticKind::UnmentionedEntry,
            "content/glossary.yaml",
            "m",
        );
        assert_eq!(
            d.to_string(),
            "content/glossary.yaml: warning[unmentioned-entry]: m\n"
        );
        let json: serde_json::Value = serde_json::to_value(&d).unwrap();
        assert_eq!(json["code"], "unmentioned-entry");
        assert_eq!(json["severity"], "warning");
    }

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["title", "date", "summary", "translator"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("translater", keys), Some("translator"));
        assert_eq!(did_you_mean("colour", keys), None);
    }
}
