//! Plain data of a site: no I/O here, so every type can be built from literals in a test.

mod date;
mod located;
mod site;

pub use date::{Date, DateError};
pub use located::{Located, Span};
pub use site::{
    DigitStyle, Direction, FeedOptions, GlossaryMark, GlossaryOptions, MarkdownOptions,
    MentionExcerpts, RawHtml, SiteConfig,
};

use serde::Deserialize;
use std::path::PathBuf;

/// Front matter of an article (`content/<dir>/<name>.md`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Located<String>,
    pub date: Date,
    /// When the article was last revised; never before `date`.
    #[serde(default)]
    pub updated: Option<Located<Date>>,
    #[serde(default)]
    pub slug: Option<Located<String>>,
    #[serde(default)]
    pub summary: Option<Located<String>>,
    #[serde(default)]
    pub tags: Vec<Located<Tag>>,
    #[serde(default)]
    pub author: Option<Located<String>>,
    #[serde(default)]
    pub translator: Option<Located<String>>,
    #[serde(default)]
    pub source: Option<SourceCredit>,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub dir: Option<Direction>,
    #[serde(default)]
    pub draft: bool,
    /// The article's picture: a path of the site (resolved as a Markdown image in its body
    /// is) or an http(s) URL; shown on its card and as `og:image`.
    #[serde(default)]
    pub image: Option<Located<String>>,
    /// The picture's text for readers who cannot see it; the title when not given.
    #[serde(default)]
    pub image_alt: Option<String>,
    /// Old URL paths of the article (`/2023/old-slug/`), each of which gets a page that
    /// redirects to it.
    #[serde(default)]
    pub aliases: Vec<Located<Alias>>,
    #[serde(default)]
    pub glossary: Vec<GlossaryEntry>,
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// A tag as written, with the key that identifies it: tags that differ only in spacing, case
/// or marks are one tag. The key is made once, when the front matter is read.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(from = "String")]
pub struct Tag {
    pub name: String,
    pub key: String,
}

impl From<String> for Tag {
    fn from(name: String) -> Tag {
        Tag {
            key: crate::urls::slugify(&name),
            name,
        }
    }
}

/// An old URL path of an article, as written (`/2023/old-slug/`), with the path segments of
/// the redirect page written there: percent-escapes decoded, as a browser asks for them.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(try_from = "String")]
pub struct Alias {
    pub written: String,
    pub segments: Vec<String>,
}

impl TryFrom<String> for Alias {
    type Error = String;

    fn try_from(written: String) -> Result<Alias, String> {
        let refuse = |why: &str| Err(format!("`{written}` cannot be an alias: {why}"));
        if !written.starts_with('/') || written.starts_with("//") {
            return refuse("it must be a path of the site, starting with one `/`");
        }
        if written.contains(['?', '#']) {
            return refuse("a static page cannot answer a query (`?`) or a fragment (`#`)");
        }
        let decoded = percent_encoding::percent_decode_str(&written).decode_utf8();
        let Ok(decoded) = decoded else {
            return refuse("its percent-escapes are not UTF-8");
        };
        let segments: Vec<String> = decoded
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if segments.is_empty() {
            return refuse("it is the home page");
        }
        if !segments.iter().all(|s| crate::urls::is_valid_slug(s)) {
            return refuse("each segment must be a name: no `.` at its start, no `\\`, no invisible or control characters");
        }
        Ok(Alias { written, segments })
    }
}

/// The work an article translates or is based on.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SourceCredit {
    #[serde(default)]
    pub title: Option<Located<String>>,
    #[serde(default)]
    pub outlet: Option<Located<String>>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub author: Option<Located<String>>,
    #[serde(default)]
    pub date: Option<Date>,
}

/// Front matter of a section's `_index.md` (or of the home page, `content/_index.md`).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub sort_by: SortBy,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub dir: Option<Direction>,
}

/// How a section lists its articles.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Newest first.
    #[default]
    Date,
    /// Alphabetical by title.
    Title,
}

/// What a glossary entry names; every kind but `Noun` is a proper name.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Person,
    Place,
    Organization,
    Outlet,
    Event,
    Concept,
    Noun,
}

impl EntryKind {
    pub const ALL: [EntryKind; 7] = [
        EntryKind::Person,
        EntryKind::Place,
        EntryKind::Organization,
        EntryKind::Outlet,
        EntryKind::Event,
        EntryKind::Concept,
        EntryKind::Noun,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Person => "person",
            EntryKind::Place => "place",
            EntryKind::Organization => "organization",
            EntryKind::Outlet => "outlet",
            EntryKind::Event => "event",
            EntryKind::Concept => "concept",
            EntryKind::Noun => "noun",
        }
    }

    /// The label readers see, in Arabic.
    pub fn label(self) -> &'static str {
        match self {
            EntryKind::Person => "أشخاص",
            EntryKind::Place => "أماكن",
            EntryKind::Organization => "منظمات وهيئات",
            EntryKind::Outlet => "وسائل إعلام",
            EntryKind::Event => "أحداث",
            EntryKind::Concept => "مفاهيم",
            EntryKind::Noun => "مصطلحات",
        }
    }

    /// The plural with the article, as a sentence names the kind: «تعريفات موجزة بالأشخاص».
    pub fn definite_label(self) -> &'static str {
        match self {
            EntryKind::Person => "الأشخاص",
            EntryKind::Place => "الأماكن",
            EntryKind::Organization => "المنظمات والهيئات",
            EntryKind::Outlet => "وسائل الإعلام",
            EntryKind::Event => "الأحداث",
            EntryKind::Concept => "المفاهيم",
            EntryKind::Noun => "المصطلحات",
        }
    }

    /// The singular label shown on one entry.
    pub fn singular_label(self) -> &'static str {
        match self {
            EntryKind::Person => "شخص",
            EntryKind::Place => "مكان",
            EntryKind::Organization => "منظمة",
            EntryKind::Outlet => "وسيلة إعلام",
            EntryKind::Event => "حدث",
            EntryKind::Concept => "مفهوم",
            EntryKind::Noun => "مصطلح",
        }
    }

    /// Names take no suffixes; nouns do.
    pub fn is_name(self) -> bool {
        self != EntryKind::Noun
    }
}

/// One entry of `content/glossary.yaml`, or of an article's `glossary:`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub id: Located<String>,
    pub term: Located<String>,
    pub kind: EntryKind,
    #[serde(default)]
    pub variants: Vec<Located<String>>,
    #[serde(default)]
    pub original: Option<Located<String>>,
    /// The language of `original` (a BCP 47 tag); found from its script when not given.
    #[serde(default)]
    pub original_lang: Option<Located<String>>,
    #[serde(default)]
    pub latin: Option<Located<String>>,
    #[serde(default)]
    pub wikidata: Option<String>,
    pub summary: Located<String>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub see_also: Vec<Located<String>>,
    /// Phrases in which the entry's forms are not a mention of it: «كيم إيل سونغ» for an
    /// entry one of whose forms is «كيم».
    #[serde(default)]
    pub except: Vec<Located<String>>,
}

impl GlossaryEntry {
    /// The language `original` is written in: as given, or the one its script names (Hangul
    /// is Korean, Cyrillic Russian…), so that screen readers and fonts read it as such. None for
    /// a script many languages share (Latin, Arabic).
    pub fn original_language(&self) -> Option<&str> {
        if let Some(lang) = &self.original_lang {
            return Some(lang);
        }
        self.original
            .as_deref()
            .map(String::as_str)
            .and_then(language_of_script)
    }

    /// The term and its variants: every form the matcher looks for.
    pub fn written_forms(&self) -> impl Iterator<Item = &Located<String>> {
        std::iter::once(&self.term).chain(&self.variants)
    }
}

/// The language a text's script names, when one language uses it above all: Japanese as soon
/// as there is kana, whatever Han it also holds; Cyrillic is Russian unless it has letters only
/// Ukrainian writes (і, ї, є, ґ).
fn language_of_script(text: &str) -> Option<&'static str> {
    let (mut han, mut cyrillic) = (false, false);
    for c in text.chars() {
        match c {
            '\u{3040}'..='\u{30FF}' => return Some("ja"),
            '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}' => {
                return Some("ko")
            }
            'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ' => return Some("uk"),
            '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' => han = true,
            '\u{0400}'..='\u{04FF}' => cyrillic = true,
            '\u{0370}'..='\u{03FF}' => return Some("el"),
            '\u{0590}'..='\u{05FF}' => return Some("he"),
            '\u{0900}'..='\u{097F}' => return Some("hi"),
            '\u{0E00}'..='\u{0E7F}' => return Some("th"),
            _ => {}
        }
    }
    if cyrillic {
        Some("ru")
    } else {
        han.then_some("zh")
    }
}

/// A note anchored to a passage: a W3C TextQuoteSelector plus the note's Markdown.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub quote: Located<String>,
    #[serde(default)]
    pub prefix: Option<String>,
    #[serde(default)]
    pub suffix: Option<String>,
    #[serde(default)]
    pub occurrence: Option<usize>,
    pub body: String,
}

/// A parsed article, before annotation.
#[derive(Debug, Clone)]
pub struct Article {
    /// Path relative to the site root, e.g. `content/articles/x.md`.
    pub path: PathBuf,
    /// The section it belongs to: its directory under `content/`, `""` at the top.
    pub section: String,
    pub slug: String,
    pub front: std::sync::Arc<FrontMatter>,
    /// The Markdown body, with line endings normalised to `\n`.
    pub body: std::sync::Arc<str>,
    /// Byte offset in the file where the body starts.
    pub body_offset: usize,
    /// The whole file as read, so later stages can point errors at its lines.
    pub source_text: std::sync::Arc<str>,
}

impl Article {
    /// The URL path of the article, without the site's base path: `articles/<slug>/`.
    pub fn path_segments(&self) -> Vec<&str> {
        let mut segments: Vec<&str> = self.section.split('/').filter(|s| !s.is_empty()).collect();
        segments.push(&self.slug);
        segments
    }

    pub fn lang<'a>(&'a self, site: &'a SiteConfig) -> &'a str {
        self.front.lang.as_deref().unwrap_or(&site.language)
    }

    pub fn dir(&self, site: &SiteConfig) -> Direction {
        direction_of(self.front.lang.as_deref(), self.front.dir, site)
    }
}

/// The direction a page's `dir` gives, else its `lang`'s, else the site's.
fn direction_of(lang: Option<&str>, dir: Option<Direction>, site: &SiteConfig) -> Direction {
    dir.unwrap_or_else(|| lang.map_or_else(|| site.direction(), Direction::for_language))
}

/// A section's index page (`_index.md`), or the home page's.
#[derive(Debug, Clone)]
pub struct Section {
    /// Directory under `content/`; `""` for the home page.
    pub name: String,
    pub path: PathBuf,
    pub meta: SectionMeta,
    pub body: String,
    /// Byte offset in the file where the body starts.
    pub body_offset: usize,
    /// The whole file as read, so later stages can point errors at its lines.
    pub source_text: std::sync::Arc<str>,
}

impl Section {
    /// The language of the page's own text (its title and introduction).
    pub fn lang<'a>(&'a self, site: &'a SiteConfig) -> &'a str {
        self.meta.lang.as_deref().unwrap_or(&site.language)
    }

    pub fn dir(&self, site: &SiteConfig) -> Direction {
        direction_of(self.meta.lang.as_deref(), self.meta.dir, site)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_script_of_a_name_tells_its_language() {
        for (name, lang) in [
            ("김정은", Some("ko")),
            ("Владимир Путин", Some("ru")),
            ("Віктор Янукович", Some("uk")),
            ("习近平", Some("zh")),
            ("安倍晋三", Some("zh")),
            ("あべ しんぞう", Some("ja")),
            ("Kim Jong Un", None),
            ("بوتين", None),
        ] {
            assert_eq!(super::language_of_script(name), lang, "{name}");
        }
    }
}
