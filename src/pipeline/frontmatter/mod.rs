//! Stage 2: split a content file into YAML front matter and Markdown body, and parse the YAML
//! into typed values. The only module that touches the YAML crate, so it can be replaced.

use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::model::{FrontMatter, GlossaryEntry, SectionMeta, SiteConfig};
use crate::pipeline::load::SourceFile;
use serde::de::DeserializeOwned;
use std::path::Path;
use yaml_errors::yaml_error;

mod yaml_errors;

/// A content file cut in two. Offsets are byte offsets into the file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub yaml_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

const FENCE: &str = "---";

/// Finds the front matter between a first line `---` and the next line `---`.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text.trim().is_empty() {
        return Err(Diagnostic::error(DiagnosticKind::EmptyFile, path, "the file is empty")
            .at_position(1, 1)
            .with_hint("start with front matter: a line `---`, `title: ...`, `date: YYYY-MM-DD`, and a closing `---`"));
    }
    if text[..first_line_end].trim_end() != FENCE {
        return Err(Diagnostic::error(DiagnosticKind::NoFrontMatter, path, "the file does not start with front matter")
            .at_offset(text, 0, first_line_end)
            .with_hint("put a line `---` first, then `title:` and `date:`, then a line `---`, then the article"));
    }
    let yaml_offset = (first_line_end + 1).min(text.len());
    let mut line_start = yaml_offset;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if text[line_start..line_end].trim_end() == FENCE {
            let body_offset = (line_end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_offset..line_start],
                yaml_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
        line_start = line_end + 1;
    }
    Err(Diagnostic::error(
        DiagnosticKind::UnclosedFrontMatter,
        path,
        "the front matter is never closed",
    )
    .at_offset(text, 0, FENCE.len())
    .with_hint("add a line `---` after the last front-matter key, before the article's text"))
}

/// Parses YAML found at `offset` of `file_text` into `T`, mapping errors to the file's lines.
fn parse_yaml<T: DeserializeOwned>(
    path: &Path,
    file_text: &str,
    yaml: &str,
    offset: usize,
) -> Result<T, Diagnostic> {
    crate::pipeline::limits::yaml_nesting(path, file_text, yaml, offset)?;
    if yaml.trim().is_empty() {
        // serde_yaml reads an empty document as null, and names no field it misses.
        return serde_yaml::from_str::<T>("{}").map_err(|err| {
            yaml_error(path, file_text, offset, err, yaml).with_hint(
                "the front matter is empty: add at least `title:` and `date: YYYY-MM-DD`",
            )
        });
    }
    serde_yaml::from_str(yaml).map_err(|err| yaml_error(path, file_text, offset, err, yaml))
}

/// What a content file holds once its front matter is parsed.
#[derive(Debug, Clone)]
pub enum ParsedPage {
    /// Shared, so that a rebuild reuses an unchanged article without copying it.
    Article {
        front: std::sync::Arc<FrontMatter>,
        body: std::sync::Arc<str>,
        body_offset: usize,
    },
    Section {
        meta: SectionMeta,
        body: String,
        body_offset: usize,
    },
}

/// Parses one Markdown file under `content/`: `_index.md` files are section pages.
pub fn parse_page(file: &SourceFile) -> Result<ParsedPage, Diagnostic> {
    let text = &*file.text;
    let split = split(&file.path, text)?;
    crate::pipeline::limits::html_nesting(&file.path, text)?;
    let is_section = file.path.file_name().is_some_and(|n| n == "_index.md");
    if is_section {
        let meta = parse_yaml(&file.path, text, split.yaml, split.yaml_offset)?;
        Ok(ParsedPage::Section {
            meta,
            body: split.body.to_string(),
            body_offset: split.body_offset,
        })
    } else {
        let front =
            std::sync::Arc::new(parse_yaml(&file.path, text, split.yaml, split.yaml_offset)?);
        let body = split.body.into();
        let body_offset = split.body_offset;
        Ok(ParsedPage::Article {
            front,
            body,
            body_offset,
        })
    }
}

pub fn parse_config(file: &SourceFile) -> Result<SiteConfig, Diagnostic> {
    let config: SiteConfig = parse_yaml(&file.path, &file.text, &file.text, 0)?;
    check_config(&config, file)?;
    Ok(config)
}

/// Settings that parse but cannot be meant: a page size of 0, a `base_url` that is no URL or
/// path (`javascript:…` would reach every canonical link and feed), a language that is not a
/// BCP 47 tag (`arabic` would make the whole site left to right).
fn check_config(config: &SiteConfig, file: &SourceFile) -> Result<(), Diagnostic> {
    let at = |kind, key: &str, value: &str, message: String, hint: String| {
        let diagnostic = Diagnostic::error(kind, &file.path, message).with_hint(hint);
        match locate_value(&file.text, key, value, 0).filter(|_| !value.is_empty()) {
            Some(offset) => diagnostic.at_offset(&file.text, offset, value.len()),
            None => diagnostic,
        }
    };
    for (key, value) in [
        ("paginate_by", config.paginate_by),
        ("mentions_per_page", config.glossary.mentions_per_page),
    ] {
        if value == 0 {
            return Err(at(
                DiagnosticKind::ZeroPageSize,
                key,
                "0",
                format!("`{key}` is 0: a page must hold at least one item"),
                format!("write a number of at least 1, or remove `{key}` for the default"),
            ));
        }
    }
    let url = config.base_url.as_str();
    let lower = url.to_ascii_lowercase();
    // A path, but not `//host/` or `/\host/`: browsers read both as another site's address.
    let path = url.starts_with('/') && !url.starts_with("//") && !url.contains('\\');
    if !(lower.starts_with("https://") || lower.starts_with("http://") || path) {
        return Err(at(
            DiagnosticKind::InvalidBaseUrl,
            "base_url",
            url,
            format!("`base_url` must be an http(s) URL or a path, not `{url}`"),
            "write where the site is published, e.g. `https://example.org/news/`, or `/`".into(),
        ));
    }
    if let Some(c) = url.chars().find(|&c| c.is_whitespace() || c.is_control()) {
        return Err(at(
            DiagnosticKind::InvalidBaseUrl,
            "base_url",
            url,
            format!(
                "`base_url` holds {}, which a URL cannot: `{url}`",
                if c == ' ' {
                    "a space".to_string()
                } else {
                    format!("the character U+{:04X}", c as u32)
                }
            ),
            "remove it; a space in a path is written `%20`, e.g. `https://example.org/my%20site/`"
                .into(),
        ));
    }
    if !path && url_host(url).is_empty() {
        return Err(at(
            DiagnosticKind::InvalidBaseUrl,
            "base_url",
            url,
            format!("`base_url` names no host: `{url}`"),
            "write the site's address after `://`, e.g. `https://example.org/news/`".into(),
        ));
    }
    if !is_language_tag(&config.language) {
        let named = [
            ("arabic", "ar"),
            ("english", "en"),
            ("french", "fr"),
            ("persian", "fa"),
            ("farsi", "fa"),
            ("urdu", "ur"),
            ("hebrew", "he"),
            ("turkish", "tr"),
            ("kurdish", "ckb"),
        ];
        let hint = match named
            .iter()
            .find(|(name, _)| config.language.eq_ignore_ascii_case(name))
        {
            Some((_, tag)) => format!("did you mean `{tag}`?"),
            None => "write a BCP 47 language tag, e.g. `ar`, `ar-EG` or `en`".into(),
        };
        return Err(at(
            DiagnosticKind::InvalidLanguage,
            "language",
            &config.language,
            format!("`{}` is not a language tag", config.language),
            hint,
        ));
    }
    Ok(())
}

/// The host of an `http(s)://` URL: what comes after `://`, without a user, a port, a path,
/// a query or a fragment (`example.org`, `[::1]`); empty for `https://` or `https://:80/`.
pub(crate) fn url_host(url: &str) -> &str {
    let rest = url.split_once("://").map_or("", |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = match host.rsplit_once(':') {
        Some((name, port)) if !name.ends_with(':') && port.bytes().all(|b| b.is_ascii_digit()) => {
            name
        }
        _ => host,
    };
    host.trim_start_matches('[').trim_end_matches(']')
}

/// A BCP 47 tag as sites write them: a primary language of 2 or 3 letters, then subtags of 1
/// to 8 letters or digits (`ar`, `ar-EG`, `zh-Hant-TW`).
pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

pub fn parse_glossary(file: &SourceFile) -> Result<Vec<GlossaryEntry>, Diagnostic> {
    if file.text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let entries = parse_yaml(&file.path, &file.text, &file.text, 0)?;
    crate::pipeline::limits::html_nesting(&file.path, &file.text)?;
    Ok(entries)
}

/// Where each value of `key` is written in YAML `text` (as `key: value` or `- key: value`), in
/// one pass: for pointing at many entries without scanning the file once per entry.
pub fn index_values<'a>(text: &'a str, key: &str) -> std::collections::HashMap<&'a str, usize> {
    let mut index = std::collections::HashMap::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start().trim_start_matches("- ").trim_start();
        if let Some(rest) = trimmed.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let value = rest.trim().trim_matches(['"', '\'']);
            if !value.is_empty() {
                let at = line_start + line.len() - rest.trim_start().len();
                let at = at + usize::from(rest.trim_start().starts_with(['"', '\'']));
                index.entry(value).or_insert(at);
            }
        }
        line_start += line.len();
    }
    index
}

/// Where `value` is written as the value of `key` in YAML `text` (as `key: value`, quoted or
/// not), searching from `from`: lets later stages point at a field serde gave no position for.
pub fn locate_value(text: &str, key: &str, value: &str, from: usize) -> Option<usize> {
    let from = from.min(text.len());
    let mut search = from;
    while let Some(found) = text[search..].find(value) {
        let at = search + found;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let before = text[line_start..at].trim_end_matches(['"', '\'', ' ', '[']);
        let before = before.trim_start_matches([' ', '-']);
        if before.is_empty() || before.starts_with(&format!("{key}:")) || before.ends_with(',') {
            return Some(at);
        }
        search = at + value.len().max(1);
    }
    None
}

/// As `locate_value`, but only where `value` is the whole value written after `key:` on its
/// line: not an item of another key's list (an entry's id in another entry's `see_also`), nor
/// the start of a longer value.
pub fn locate_key_value(text: &str, key: &str, value: &str, from: usize) -> Option<usize> {
    let mut from = from;
    loop {
        let at = locate_value(text, key, value, from)?;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let before = text[line_start..at]
            .trim_end_matches(['"', '\'', ' '])
            .trim_start_matches([' ', '-']);
        let after = text[at + value.len()..].chars().next();
        let ends = after.is_none_or(|c| matches!(c, '\n' | '\r' | '"' | '\'' | ' ' | '#'));
        if ends && before.strip_suffix(':') == Some(key) {
            return Some(at);
        }
        from = at + value.len().max(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "content/a/x.md".into(),
            text: text.into(),
        }
    }

    fn error_of(text: &str) -> Diagnostic {
        parse_page(&file(text)).unwrap_err()
    }

    #[test]
    fn splits_front_matter_and_body() {
        let text = "---\ntitle: t\n---\nbody\n";
        let s = split(Path::new("a"), text).unwrap();
        assert_eq!(s.yaml, "title: t\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(&text[s.body_offset..], "body\n");
    }

    #[test]
    fn unknown_key_suggests_the_closest() {
        let e = error_of("---\ntitle: t\ndate: 2020-01-01\ntranslater: x\n---\n");
        assert_eq!(e.message, "unknown key `translater`");
        assert_eq!((e.line, e.column), (4, 1));
        assert_eq!(e.hint.as_deref(), Some("did you mean `translator`?"));
    }

    #[test]
    fn impossible_date_points_at_the_value() {
        let e = error_of("---\ntitle: t\ndate: 2019-02-30\n---\n");
        assert!(e.message.contains("2019-02-30"), "{}", e.message);
        assert_eq!((e.line, e.column), (3, 7));
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let e = error_of("---\ntitle: t\ndate: 2019-02-03\ntags: 5\n---\n");
        assert!(e.message.starts_with("invalid type"), "{}", e.message);
        assert_eq!((e.line, e.column), (4, 7));
    }

    #[test]
    fn missing_title_is_named() {
        let e = error_of("---\ndate: 2019-02-03\n---\n");
        assert_eq!(e.message, "missing required key `title`");
    }

    #[test]
    fn unclosed_front_matter() {
        let e = error_of("---\ntitle: t\n\nbody");
        assert_eq!(e.message, "the front matter is never closed");
        assert_eq!(e.line, 1);
    }

    #[test]
    fn tab_indentation_gets_its_hint() {
        let e = error_of("---\ntitle: t\ndate: 2019-02-03\nsource:\n\toutlet: x\n---\n");
        assert_eq!(e.line, 5, "{e}");
        assert!(e.hint.unwrap().contains("tab"));
    }

    #[test]
    fn nested_errors_point_at_the_nested_key() {
        let e = error_of(
            "---\ntitle: t\ndate: 2019-02-03\nsource:\n  outlet: x\n  date: 2019-13-01\n---\n",
        );
        assert_eq!((e.line, e.column), (6, 9), "{e}");
        let e = error_of("---\ntitle: t\ndate: 2019-02-03\nnotes:\n  - quote: a\n    body: b\n  - quote: c\n    bdy: d\n---\n");
        assert_eq!(e.message, "unknown key `bdy`");
        assert_eq!((e.line, e.column), (8, 5), "{e}");
        assert_eq!(e.hint.as_deref(), Some("did you mean `body`?"));
        let e = error_of("---\ntitle: t\ndate: 2019-02-03\nnotes:\n  - quote: a\n    body: b\n  - body: c\n---\n");
        assert_eq!(e.message, "missing required key `quote`");
        assert_eq!(e.line, 7, "{e}");
    }

    #[test]
    fn locates_values_for_later_errors() {
        let text = "- id: a\n  term: x\n- id: b\n  term: \"y\"\n";
        assert_eq!(
            locate_value(text, "id", "b", 0),
            Some(text.find("b").unwrap())
        );
        assert_eq!(
            locate_value(text, "term", "y", 0),
            Some(text.find("y").unwrap())
        );
        let text = "- id: a\n  see_also: [c, b]\n- id: bb\n- id: b\n";
        assert_eq!(
            locate_key_value(text, "id", "b", 0),
            Some(text.find("id: b\n").unwrap() + 4)
        );
    }
}
