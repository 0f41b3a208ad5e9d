use super::Located;
use serde::{Deserialize, Serialize};

/// `site.yaml` at the root of a site.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: Located<String>,
    #[serde(default = "default_base_url")]
    pub base_url: Located<String>,
    #[serde(default = "default_language")]
    pub language: Located<String>,
    #[serde(default)]
    pub dir: Option<Direction>,
    #[serde(default)]
    pub description: Option<Located<String>>,
    #[serde(default)]
    pub author: Option<Located<String>>,
    #[serde(default = "default_theme")]
    pub theme: Located<String>,
    /// Digits of every number a reader sees (dates, note numbers, pages, counts): `western`
    /// (25) or `arabic` (٢٥).
    #[serde(default)]
    pub digits: DigitStyle,
    #[serde(default)]
    pub glossary: GlossaryOptions,
    #[serde(default)]
    pub markdown: MarkdownOptions,
    #[serde(default)]
    pub feeds: FeedOptions,
    /// Articles per page of a listing (home, sections, tags).
    #[serde(default = "default_paginate_by")]
    pub paginate_by: Located<usize>,
}

fn default_paginate_by() -> Located<usize> {
    Located::new(20)
}

fn default_base_url() -> Located<String> {
    Located::new("/".to_string())
}
fn default_language() -> Located<String> {
    Located::new("ar".to_string())
}
fn default_theme() -> Located<String> {
    Located::new("default".to_string())
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: Located::default(),
            base_url: default_base_url(),
            language: default_language(),
            dir: None,
            description: None,
            author: None,
            theme: default_theme(),
            digits: DigitStyle::default(),
            glossary: GlossaryOptions::default(),
            markdown: MarkdownOptions::default(),
            feeds: FeedOptions::default(),
            paginate_by: default_paginate_by(),
        }
    }
}

impl SiteConfig {
    pub fn direction(&self) -> Direction {
        self.dir
            .unwrap_or_else(|| Direction::for_language(&self.language))
    }

    /// The path part of `base_url`, always starting and ending with `/`: the prefix of every
    /// link in the site, so a site can live under a sub-path of its host.
    pub fn base_path(&self) -> String {
        let after_scheme = match self.base_url.find("://") {
            Some(i) => &self.base_url[i + 3..],
            None => self.base_url.as_str(),
        };
        let path = if self.base_url.contains("://") {
            after_scheme.find('/').map_or("", |i| &after_scheme[i..])
        } else {
            after_scheme
        };
        let trimmed = path.trim_matches('/');
        if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        }
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base_url_slash(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Rtl,
    Ltr,
}

impl Direction {
    /// Languages written right to left; every other language is left to right.
    pub fn for_language(lang: &str) -> Direction {
        let primary = lang.split(['-', '_']).next().unwrap_or(lang);
        match primary.to_ascii_lowercase().as_str() {
            "ar" | "fa" | "ur" | "he" | "ps" | "sd" | "ug" | "yi" | "ckb" | "dv" => Direction::Rtl,
            _ => Direction::Ltr,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Rtl => "rtl",
            Direction::Ltr => "ltr",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DigitStyle {
    #[default]
    Western,
    Arabic,
}

impl DigitStyle {
    /// As `site.yaml` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            DigitStyle::Western => "western",
            DigitStyle::Arabic => "arabic",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryOptions {
    #[serde(default)]
    pub mark: GlossaryMark,
    /// Mentions per page of an entry's page: a name mentioned in thousands of articles would
    /// otherwise make a page of megabytes.
    #[serde(default = "default_mentions_per_page")]
    pub mentions_per_page: Located<usize>,
    /// An Atom feed for each entry that articles mention (`/glossary/<id>/atom.xml`), to follow
    /// a person or a place.
    #[serde(default = "default_true")]
    pub feeds: bool,
    /// Which pages of an entry show the sentence of each mention.
    #[serde(default)]
    pub excerpts: MentionExcerpts,
    /// Entries per page of the glossary's index: a glossary of thousands of entries on one
    /// page would be megabytes.
    #[serde(default = "default_entries_per_page")]
    pub entries_per_page: Located<usize>,
}

/// Where an entry's pages show each article's sentence that mentions it. The first page's
/// newest mentions are what a reader looks at; the later pages are an archive, and their
/// excerpts were two fifths of a large site's output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionExcerpts {
    #[default]
    FirstPage,
    All,
}

fn default_true() -> bool {
    true
}

/// A row is a title and a date, and on the first page a sentence: a first page of a hundred
/// rows is at most about 55 KB, a later page of two hundred about 35 KB, and a popular
/// entry's pages stay few.
fn default_mentions_per_page() -> Located<usize> {
    Located::new(100)
}

/// An entry in the index is a term, its names and a sentence, about 300 bytes: 150 of them
/// make a page of about 50 KB, and most glossaries fit on one.
fn default_entries_per_page() -> Located<usize> {
    Located::new(150)
}

impl Default for GlossaryOptions {
    fn default() -> GlossaryOptions {
        GlossaryOptions {
            mark: GlossaryMark::default(),
            mentions_per_page: default_mentions_per_page(),
            feeds: true,
            excerpts: MentionExcerpts::default(),
            entries_per_page: default_entries_per_page(),
        }
    }
}

/// Which mentions of an entry an article marks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GlossaryMark {
    #[default]
    All,
    First,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownOptions {
    #[serde(default)]
    pub raw_html: RawHtml,
}

/// What the Atom feeds carry.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedOptions {
    /// Each article's whole body instead of its summary, for reading in the feed reader.
    #[serde(default)]
    pub full_content: bool,
}

/// What happens to raw HTML written inside Markdown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep formatting, drop scripts, event handlers, frames and dangerous URLs.
    #[default]
    Sanitize,
    /// Show it as text.
    Escape,
    /// Trust it as written.
    Allow,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_comes_from_base_url() {
        let cases = [
            ("https://example.org", "/"),
            ("https://example.org/", "/"),
            ("https://example.org/news", "/news/"),
            ("https://example.org/news/ar/", "/news/ar/"),
            ("/", "/"),
            ("/sub/", "/sub/"),
        ];
        for (base_url, expected) in cases {
            let site = SiteConfig {
                base_url: base_url.to_string().into(),
                ..SiteConfig::default()
            };
            assert_eq!(site.base_path(), expected, "{base_url}");
        }
    }

    #[test]
    fn direction_follows_language() {
        for (lang, dir) in [
            ("ar", Direction::Rtl),
            ("fa", Direction::Rtl),
            ("ur", Direction::Rtl),
            ("he", Direction::Rtl),
            ("ar-EG", Direction::Rtl),
            ("en", Direction::Ltr),
            ("ru", Direction::Ltr),
        ] {
            assert_eq!(Direction::for_language(lang), dir, "{lang}");
        }
    }
}
