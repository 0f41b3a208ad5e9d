//! Stage 2: split a content file into YAML front matter and Markdown body, and parse the YAML
//! into typed values, each value that later stages point at with the place it was written.
//! The only module that touches the YAML crate (in `yaml`), so it can be replaced.

use crate::diagnostics::{Diagnostic, DiagnosticKind, Diagnostics};
use crate::model::{FrontMatter, GlossaryEntry, SectionMeta, SiteConfig, Span};
use crate::pipeline::load::SourceFile;
use std::path::Path;

mod yaml;

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
pub fn parse_page(file: &SourceFile) -> Result<ParsedPage, Diagnostics> {
    let text = &*file.text;
    let split = split(&file.path, text)?;
    crate::pipeline::limits::html_nesting(&file.path, text)?;
    let is_section = file.path.file_name().is_some_and(|n| n == "_index.md");
    // The opening `---` goes to the parser too: YAML reads it as a document's start, and the
    // places of values are then the file's.
    let (start, end) = (split.yaml_offset, split.yaml_offset + split.yaml.len());
    crate::pipeline::limits::yaml_nesting(&file.path, text, split.yaml, start)?;
    if is_section {
        let meta = yaml::parse(&file.path, text, start, end)?;
        Ok(ParsedPage::Section {
            meta,
            body: split.body.to_string(),
            body_offset: split.body_offset,
        })
    } else {
        let front = std::sync::Arc::new(yaml::parse(&file.path, text, start, end)?);
        let body = split.body.into();
        let body_offset = split.body_offset;
        Ok(ParsedPage::Article {
            front,
            body,
            body_offset,
        })
    }
}

pub fn parse_config(file: &SourceFile) -> Result<SiteConfig, Diagnostics> {
    crate::pipeline::limits::yaml_nesting(&file.path, &file.text, &file.text, 0)?;
    let config: SiteConfig = yaml::parse(&file.path, &file.text, 0, file.text.len())?;
    check_config(&config, file)?;
    Ok(config)
}

/// Settings that parse but cannot be meant: a page size of 0, a `base_url` that is no URL or
/// path (`javascript:…` would reach every canonical link and feed), a language that is not a
/// BCP 47 tag (`arabic` would make the whole site left to right).
fn check_config(config: &SiteConfig, file: &SourceFile) -> Result<(), Diagnostic> {
    let at = |kind, written: Option<Span>, message: String, hint: String| {
        Diagnostic::error(kind, &file.path, message)
            .with_hint(hint)
            .at_span(&file.text, written)
    };
    for (key, value) in [
        ("paginate_by", &config.paginate_by),
        ("mentions_per_page", &config.glossary.mentions_per_page),
        ("entries_per_page", &config.glossary.entries_per_page),
    ] {
        if **value == 0 {
            return Err(at(
                DiagnosticKind::ZeroPageSize,
                value.span,
                format!("`{key}` is 0: a page must hold at least one item"),
                format!("write a number of at least 1, or remove `{key}` for the default"),
            ));
        }
    }
    let url = config.base_url.as_str();
    let base_url = &config.base_url;
    let lower = url.to_ascii_lowercase();
    // A path, but not `//host/` or `/\host/`: browsers read both as another site's address.
    let path = url.starts_with('/') && !url.starts_with("//") && !url.contains('\\');
    if !(lower.starts_with("https://") || lower.starts_with("http://") || path) {
        return Err(at(
            DiagnosticKind::InvalidBaseUrl,
            base_url.span,
            format!("`base_url` must be an http(s) URL or a path, not `{url}`"),
            "write where the site is published, e.g. `https://example.org/news/`, or `/`".into(),
        ));
    }
    if let Some(c) = url.chars().find(|&c| c.is_whitespace() || c.is_control()) {
        return Err(at(
            DiagnosticKind::InvalidBaseUrl,
            base_url.span,
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
            base_url.span,
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
            config.language.span,
            format!("`{}` is not a language tag", config.language),
            hint,
        ));
    }
    Ok(())
}

/// A warning for each item of a list in brackets (`key: [أ، ب]`) that holds an Arabic comma:
/// YAML separates such items with `,` only, so the two words were read as one item. An item
/// in quotes, or one of a list written one `- item` a line, keeps its comma: it is meant.
/// `items` are the places the items of `key` are written at.
pub fn arabic_commas(
    path: &Path,
    text: &str,
    key: &str,
    items: impl IntoIterator<Item = Option<Span>>,
) -> Vec<Diagnostic> {
    items
        .into_iter()
        .filter_map(|span| {
            let span = span?;
            let written = text.get(span.offset..span.offset + span.len)?;
            let comma = written.find('،')?;
            // The parser gives the item's place; what is just before it tells a list in brackets.
            let before = text[..span.offset].trim_end_matches([' ', '\t']);
            if !before.ends_with(['[', ',']) || written.starts_with(['"', '\'']) {
                return None;
            }
            let items: Vec<&str> = written.split('،').map(str::trim).collect();
            Some(
                Diagnostic::warning(
                    DiagnosticKind::ArabicComma,
                    path,
                    format!(
                        "the Arabic comma «،» does not separate the items of a list: `{written}` is one item of `{key}`"
                    ),
                )
                .at_offset(text, span.offset + comma, '،'.len_utf8())
                .with_hint(format!(
                    "write `[{}]` for {} items; put the item in quotes if the comma belongs to it",
                    items.join(", "),
                    items.len()
                )),
            )
        })
        .collect()
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

pub fn parse_glossary(file: &SourceFile) -> Result<Vec<GlossaryEntry>, Diagnostics> {
    if file.text.trim().is_empty() {
        return Ok(Vec::new());
    }
    crate::pipeline::limits::yaml_nesting(&file.path, &file.text, &file.text, 0)?;
    let entries = yaml::parse(&file.path, &file.text, 0, file.text.len())?;
    crate::pipeline::limits::html_nesting(&file.path, &file.text)?;
    Ok(entries)
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
        parse_page(&file(text)).unwrap_err().0.remove(0)
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
    fn a_list_where_text_belongs_is_a_wrong_type_at_the_list() {
        let e = error_of("---\ntitle: [a, b]\ndate: 2019-02-03\n---\n");
        assert_eq!(e.message, "invalid type: sequence, expected a string");
        assert_eq!((e.line, e.column), (2, 8));
        let e = error_of("---\ntitle: t\ndate: 2019-02-03\nnotes:\n  - quote: q\n    body: b\n    occurrence: first\n---\n");
        assert_eq!(
            e.message,
            "invalid type: string \"first\", expected a positive whole number"
        );
        assert_eq!((e.line, e.column), (7, 17));
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
}
