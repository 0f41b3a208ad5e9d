//! What templates receive: the site, each page's common fields, article summaries.

use serde::Serialize;

#[derive(Serialize)]
pub(super) struct SiteView<'a> {
    pub(super) title: &'a str,
    pub(super) description: &'a str,
    pub(super) author: &'a str,
    pub(super) base_url: String,
    pub(super) base_path: String,
    pub(super) language: &'a str,
    pub(super) dir: &'static str,
    /// `western` or `arabic`: on `<html data-digits>`, for the numbers the theme's CSS and
    /// scripts draw.
    pub(super) digits: &'static str,
}

#[derive(Serialize, Clone)]
pub(super) struct NavLink {
    pub(super) title: String,
    pub(super) url: String,
}

/// Fields every template receives.
#[derive(Serialize)]
pub(super) struct Common<'a> {
    pub(super) site: &'a SiteView<'a>,
    pub(super) lang: &'a str,
    pub(super) dir: &'static str,
    pub(super) page_url: String,
    pub(super) page_kind: &'static str,
    pub(super) theme_url: &'a str,
    pub(super) sections: &'a [NavLink],
    pub(super) glossary_url: &'a str,
    pub(super) tags_url: &'a str,
    pub(super) search_url: &'a str,
    /// The page's absolute URL.
    pub(super) canonical: String,
    /// The Atom feed of what the page lists (the site's, a tag's, an entry's).
    pub(super) feed_url: String,
    /// `feed_url` where the feed carries what the page lists (home, sections, tags, an
    /// entry that articles mention), for a link readers see; none elsewhere.
    pub(super) own_feed_url: Option<String>,
    /// `lang` and `dir` attributes for interface text, on a page whose language is not the
    /// site's (html; empty on the site's own language).
    pub(super) ui: &'a str,
    /// The page's language as Open Graph writes a locale: `ar_AR`, `en_US`, `ar_EG`.
    pub(super) og_locale: String,
}

#[derive(Serialize, Clone, PartialEq, Eq, Hash)]
pub(super) struct TagRef {
    pub(super) name: String,
    pub(super) url: String,
}

#[derive(Serialize, Clone, Default, PartialEq, Eq, Hash)]
pub(super) struct SourceView {
    pub(super) title: Option<String>,
    pub(super) outlet: Option<String>,
    pub(super) url: Option<String>,
    pub(super) author: Option<String>,
    pub(super) date: Option<String>,
}

#[derive(Serialize, Clone, PartialEq, Eq, Hash)]
pub(super) struct ArticleSummary {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) permalink: String,
    pub(super) date: String,
    /// When it was last revised (`YYYY-MM-DD`), if it was.
    pub(super) updated: Option<String>,
    pub(super) summary: String,
    pub(super) image: Option<ImageView>,
    pub(super) lang: String,
    pub(super) dir: &'static str,
    pub(super) tags: Vec<TagRef>,
    pub(super) author: Option<String>,
    pub(super) translator: Option<String>,
    pub(super) source: Option<SourceView>,
}

/// An article's picture.
#[derive(Serialize, Clone, PartialEq, Eq, Hash)]
pub(super) struct ImageView {
    /// As pages link to it: the site's path, or the address of an image elsewhere.
    pub(super) url: String,
    /// For `og:image`, which must be absolute.
    pub(super) permalink: String,
    pub(super) alt: String,
}

/// An article in a listing: its summary and its card.
#[derive(Serialize)]
pub(super) struct ListedArticle<'a> {
    #[serde(flatten)]
    pub(super) summary: &'a ArticleSummary,
    /// From `card.html` (html).
    pub(super) card: &'a str,
}

#[derive(Serialize)]
pub(super) struct Page<'a, T: Serialize> {
    #[serde(flatten)]
    pub(super) common: Common<'a>,
    #[serde(flatten)]
    pub(super) data: T,
}
