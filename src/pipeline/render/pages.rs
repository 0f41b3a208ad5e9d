//! The one place that knows every page of a site: its kind, its output path and its URL, and
//! how listings are cut into numbered pages.

use super::Renderer;
use crate::model::MentionExcerpts;
use crate::pipeline::search;
use crate::urls::page_url;
use serde::Serialize;

/// One page of the site, by what it shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageId {
    /// An article, by its index in `Site::articles`.
    Article(usize),
    /// The redirect page at alias `k` (of its `aliases`) of article `i`: `Alias(i, k)`.
    Alias(usize, usize),
    /// A page of the home listing, from 1.
    Home(usize),
    Section(String, usize),
    TagIndex,
    /// A page of a tag's listing, by the tag's slug.
    Tag(String, usize),
    /// A page of the glossary's index, from 1.
    GlossaryIndex(usize),
    /// A glossary entry's page `n` (from 1) of the articles that mention it.
    Entry(String, usize),
    NotFound,
    Search,
    SearchIndex,
    Feed(Feed),
    /// `sitemap.xml`: the sitemap, or the index of its parts past `SITEMAP_URLS` pages.
    Sitemap,
    /// Part `n` (from 1) of a sitemap cut into parts.
    SitemapPart(usize),
    Robots,
}

impl PageId {
    /// Whether the sitemap lists the page: every HTML page but the 404 page and the redirects
    /// of old URLs (the sitemap lists their pages already).
    pub(super) fn in_sitemap(&self) -> bool {
        matches!(
            self,
            PageId::Article(_)
                | PageId::Home(_)
                | PageId::Section(..)
                | PageId::TagIndex
                | PageId::Tag(..)
                | PageId::GlossaryIndex(_)
                | PageId::Entry(..)
                | PageId::Search
        )
    }
}

/// How many URLs one sitemap file lists at most, the sitemaps protocol's limit: a site of more
/// gets an index of parts of as many.
pub(super) const SITEMAP_URLS: usize = 50_000;

#[cfg(not(test))]
pub(super) fn sitemap_limit() -> usize {
    SITEMAP_URLS
}

// Tests build sites of a few pages past a lower limit, set on the building thread.
#[cfg(test)]
thread_local! {
    pub(super) static SITEMAP_LIMIT: std::cell::Cell<usize> = const { std::cell::Cell::new(SITEMAP_URLS) };
}

#[cfg(test)]
pub(super) fn sitemap_limit() -> usize {
    SITEMAP_LIMIT.with(std::cell::Cell::get)
}

/// Atom feeds: the site's, a tag's, a glossary entry's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feed {
    Site,
    Tag(String),
    Entry(String),
}

/// How a list is cut into numbered pages (from 1): `first` items on the first page, then
/// `per_page` on each: listings, the glossary's index and the mentions on an entry's page.
#[derive(Clone, Copy)]
pub(super) struct Pages {
    first: usize,
    per_page: usize,
}

impl Pages {
    pub(super) fn new(per_page: usize) -> Pages {
        Pages::with_first(per_page, per_page)
    }

    /// Pages whose first holds `first` items and each later one `per_page`.
    pub(super) fn with_first(first: usize, per_page: usize) -> Pages {
        Pages {
            first: first.max(1),
            per_page: per_page.max(1),
        }
    }

    /// How many pages `items` fill; an empty list still has its first page.
    pub(super) fn count(self, items: usize) -> usize {
        1 + items.saturating_sub(self.first).div_ceil(self.per_page)
    }

    /// The page that shows the item at `position` (from 0).
    pub(super) fn holding(self, position: usize) -> usize {
        match position.checked_sub(self.first) {
            None => 1,
            Some(later) => later / self.per_page + 2,
        }
    }

    /// The position (from 0) of the first item of page `n`.
    pub(super) fn start(self, n: usize) -> usize {
        match n {
            1 => 0,
            _ => self.first + (n - 2) * self.per_page,
        }
    }

    /// The items of page `n`.
    pub(super) fn of<T>(self, items: &[T], n: usize) -> &[T] {
        let size = if n == 1 { self.first } else { self.per_page };
        let start = self.start(n).min(items.len());
        &items[start..(start + size).min(items.len())]
    }
}

/// The page numbers a listing shows: the first, the last and two either side of the current
/// one, with 0 where numbers are left out; a listing of 500 pages links 7, not 500.
pub(super) fn page_window(current: usize, total: usize) -> Vec<usize> {
    let mut pages = Vec::new();
    for n in 1..=total {
        if n == 1 || n == total || n.abs_diff(current) <= 2 {
            if pages.last().is_some_and(|&last| last + 1 < n) {
                pages.push(0);
            }
            pages.push(n);
        }
    }
    pages
}

/// Where a listing page is among its pages.
#[derive(Serialize)]
pub(super) struct Paginator {
    pub(super) current: usize,
    pub(super) total: usize,
    pub(super) previous_url: Option<String>,
    pub(super) next_url: Option<String>,
    pub(super) pages: Vec<PageLink>,
}

#[derive(Serialize)]
pub(super) struct PageLink {
    pub(super) n: usize,
    pub(super) url: String,
}

impl<'a> Renderer<'a> {
    pub(super) fn listings(&self) -> Pages {
        Pages::new(*self.site.config.paginate_by)
    }

    pub(super) fn glossary_pages(&self) -> Pages {
        Pages::new(*self.site.config.glossary.entries_per_page)
    }

    /// An entry's mentions: the first page shows each one's sentence; the later pages, titles
    /// and dates alone unless every page shows the sentences, list twice as many.
    pub(super) fn mention_pages(&self) -> Pages {
        let glossary = &self.site.config.glossary;
        let first = *glossary.mentions_per_page;
        match glossary.excerpts {
            MentionExcerpts::FirstPage => Pages::with_first(first, first.saturating_mul(2)),
            MentionExcerpts::All => Pages::new(first),
        }
    }

    /// The page of entry `id`'s mentions that shows article `i`'s.
    pub fn entry_page_of(&self, id: &str, i: usize) -> Option<PageId> {
        let at = self
            .mentions_of(id)
            .binary_search_by_key(&i, |&(j, _)| j)
            .ok()?;
        Some(PageId::Entry(
            id.to_string(),
            self.mention_pages().holding(at),
        ))
    }

    /// The pages of the listings that show article `i`: the home page's, its section's and
    /// each of its tags'.
    pub fn listing_pages_of(&self, i: usize) -> Vec<PageId> {
        let listings = self.listings();
        let article = &self.site.articles[i];
        let mut pages = vec![PageId::Home(listings.holding(i))];
        if self.index.sections.contains_key(&article.section) {
            pages.push(PageId::Section(
                article.section.clone(),
                listings.holding(self.index.section_position[i]),
            ));
        }
        for tag in &article.front.tags {
            if let Some(at) = self
                .index
                .tag_articles
                .get(&tag.key)
                .and_then(|members| members.binary_search(&i).ok())
            {
                pages.push(PageId::Tag(tag.key.clone(), listings.holding(at)));
            }
        }
        pages
    }

    /// An entry's feed: only where articles mention it (an empty feed helps nobody), and if
    /// the site has entry feeds (`glossary.feeds`).
    pub(super) fn entry_feed(&self, id: &str) -> Option<Feed> {
        (self.site.config.glossary.feeds && !self.mentions_of(id).is_empty())
            .then(|| Feed::Entry(id.to_string()))
    }

    /// Every page of the site (listed once per build: see `pages()`).
    pub(super) fn all_pages(&self) -> Vec<PageId> {
        let mut pages: Vec<PageId> = (0..self.site.articles.len()).map(PageId::Article).collect();
        for (i, article) in self.site.articles.iter().enumerate() {
            pages.extend((0..article.front.aliases.len()).map(|k| PageId::Alias(i, k)));
        }
        pages.extend((1..=self.listings().count(self.index.summaries.len())).map(PageId::Home));
        for (name, members) in &self.index.sections {
            pages.extend(
                (1..=self.listings().count(members.len()))
                    .map(|n| PageId::Section(name.clone(), n)),
            );
        }
        pages.push(PageId::TagIndex);
        for (key, members) in &self.index.tag_articles {
            pages.extend(
                (1..=self.listings().count(members.len())).map(|n| PageId::Tag(key.clone(), n)),
            );
            pages.push(PageId::Feed(Feed::Tag(key.clone())));
        }
        pages.extend(
            (1..=self.glossary_pages().count(self.site.glossary.len())).map(PageId::GlossaryIndex),
        );
        for (entry, mentions) in self.site.glossary.entries.iter().zip(&self.index.mentions) {
            let count = mentions.len();
            pages.extend(
                (1..=self.mention_pages().count(count))
                    .map(|n| PageId::Entry(entry.id.value.clone(), n)),
            );
            if let Some(feed) = self.entry_feed(&entry.id) {
                pages.push(PageId::Feed(feed));
            }
        }
        pages.extend([
            PageId::NotFound,
            PageId::Search,
            PageId::SearchIndex,
            PageId::Feed(Feed::Site),
            PageId::Sitemap,
            PageId::Robots,
        ]);
        let listed = pages.iter().filter(|p| p.in_sitemap()).count();
        pages.extend((1..=self.sitemap_parts(listed)).map(PageId::SitemapPart));
        pages
    }

    /// How many parts a sitemap of `listed` pages is cut into: none up to `sitemap_limit`.
    pub(super) fn sitemap_parts(&self, listed: usize) -> usize {
        if listed > self.sitemap_limit {
            listed.div_ceil(self.sitemap_limit)
        } else {
            0
        }
    }

    /// Where a page is written, relative to the output directory.
    pub fn output_path(&self, page: &PageId) -> String {
        let listing = |segments: &[&str], n: usize| {
            let mut segments = segments.to_vec();
            let number = n.to_string();
            if n > 1 {
                segments.extend(["page", &number]);
            }
            output_path(&segments)
        };
        match page {
            PageId::Article(i) => output_path(&self.site.articles[*i].path_segments()),
            PageId::Alias(i, k) => {
                let alias = &self.site.articles[*i].front.aliases[*k];
                output_path(
                    &alias
                        .segments
                        .iter()
                        .map(String::as_str)
                        .collect::<Vec<_>>(),
                )
            }
            PageId::Home(n) => listing(&[], *n),
            PageId::Section(name, n) => listing(&name.split('/').collect::<Vec<_>>(), *n),
            PageId::TagIndex => "tags/index.html".to_string(),
            PageId::Tag(key, n) => listing(&["tags", key], *n),
            PageId::GlossaryIndex(n) => listing(&["glossary"], *n),
            PageId::Entry(id, n) => listing(&["glossary", id], *n),
            PageId::NotFound => "404.html".to_string(),
            PageId::Search => "search/index.html".to_string(),
            PageId::SearchIndex => search::INDEX_PATH.to_string(),
            PageId::Feed(Feed::Site) => "atom.xml".to_string(),
            PageId::Feed(Feed::Tag(key)) => format!("tags/{key}/atom.xml"),
            PageId::Feed(Feed::Entry(id)) => format!("glossary/{id}/atom.xml"),
            PageId::Sitemap => "sitemap.xml".to_string(),
            PageId::SitemapPart(n) => format!("sitemap-{n}.xml"),
            PageId::Robots => "robots.txt".to_string(),
        }
    }

    /// The URL of a page, from its output path.
    pub(super) fn url_of(&self, page: &PageId) -> String {
        let path = self.output_path(page);
        let path = path.strip_suffix("index.html").unwrap_or(&path);
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let mut url = page_url(&self.base_path, &segments);
        if !path.is_empty() && !path.ends_with('/') {
            url.pop();
        }
        url
    }

    pub(super) fn absolute(&self, url: &str) -> String {
        format!(
            "{}{}",
            self.base_url,
            url.strip_prefix(&self.base_path).unwrap_or(url)
        )
    }

    /// Links to the pages of a list of `count` items cut into `pages`.
    pub(super) fn paginator(
        &self,
        segments: &[&str],
        count: usize,
        pages: Pages,
        current: usize,
    ) -> Paginator {
        let total = pages.count(count);
        let url = |n: usize| {
            let mut segments = segments.to_vec();
            let number = n.to_string();
            if n > 1 {
                segments.extend(["page", &number]);
            }
            page_url(&self.base_path, &segments)
        };
        Paginator {
            current,
            total,
            previous_url: (current > 1).then(|| url(current - 1)),
            next_url: (current < total).then(|| url(current + 1)),
            pages: page_window(current, total)
                .into_iter()
                .map(|n| PageLink {
                    n,
                    url: if n == 0 { String::new() } else { url(n) },
                })
                .collect(),
        }
    }
}

/// The path in the output of the page at `segments` (`articles/x/index.html`).
pub(crate) fn output_path(segments: &[&str]) -> String {
    let mut path = String::with_capacity(segments.iter().map(|s| s.len() + 1).sum::<usize>() + 10);
    for segment in segments.iter().filter(|s| !s.is_empty()) {
        path.push_str(segment);
        path.push('/');
    }
    path.push_str("index.html");
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::output::Contents;

    #[test]
    fn pages_hold_every_item_once_in_order_and_know_where_each_is() {
        for first in 1..5 {
            for per_page in 1..5 {
                let pages = Pages::with_first(first, per_page);
                for len in 0..30 {
                    let items: Vec<usize> = (0..len).collect();
                    let count = pages.count(len);
                    let shown: Vec<usize> = (1..=count)
                        .flat_map(|n| pages.of(&items, n).to_vec())
                        .collect();
                    assert_eq!(shown, items, "first {first}, then {per_page}, {len} items");
                    assert_eq!(pages.of(&items, 1).len(), first.min(len));
                    // No page but the first is empty.
                    assert!((2..=count).all(|n| !pages.of(&items, n).is_empty()));
                    for (n, position) in
                        (1..=count).flat_map(|n| pages.of(&items, n).iter().map(move |&p| (n, p)))
                    {
                        assert_eq!(pages.holding(position), n);
                        assert!(pages.start(n) <= position);
                    }
                }
            }
        }
    }

    /// The `basic` fixture's files built in memory, with sitemaps of at most `limit` pages.
    fn built_with_sitemaps_of(limit: usize) -> std::collections::BTreeMap<String, String> {
        SITEMAP_LIMIT.with(|l| l.set(limit));
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let built = crate::build_in_memory(&crate::BuildOptions::new(root));
        SITEMAP_LIMIT.with(|l| l.set(SITEMAP_URLS));
        let files = built.expect("the fixture builds").0.files;
        files
            .into_iter()
            .filter(|(path, _)| path.starts_with("sitemap"))
            .map(|(path, contents)| match contents {
                Contents::Page(bytes) => (path, String::from_utf8(bytes.to_vec()).unwrap()),
                other => panic!("{path} is {other:?}"),
            })
            .collect()
    }

    /// The text of every element `name` of an XML document.
    fn texts_of(xml: &str, name: &str) -> Vec<String> {
        roxmltree::Document::parse(xml)
            .unwrap()
            .descendants()
            .filter(|n| n.tag_name().name() == name)
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn past_its_limit_the_sitemap_is_an_index_of_parts_that_list_every_page_once() {
        let whole = built_with_sitemaps_of(SITEMAP_URLS);
        assert_eq!(whole.keys().collect::<Vec<_>>(), ["sitemap.xml"]);
        let pages = texts_of(&whole["sitemap.xml"], "loc");
        assert!(pages.len() > 8, "{pages:?}");

        let split = built_with_sitemaps_of(4);
        let index = &split["sitemap.xml"];
        assert!(index.contains("<sitemapindex"), "{index}");
        let parts = texts_of(index, "loc");
        let count = pages.len().div_ceil(4);
        let expected: Vec<String> = (1..=count)
            .map(|n| format!("https://hashiya.test/sitemap-{n}.xml"))
            .collect();
        assert_eq!(parts, expected);
        assert_eq!(split.len(), count + 1, "{:?}", split.keys());
        let (mut listed, mut changed) = (Vec::new(), Vec::new());
        for n in 1..=count {
            let part = &split[&format!("sitemap-{n}.xml")];
            let locations = texts_of(part, "loc");
            assert!(
                !locations.is_empty() && locations.len() <= 4,
                "part {n}: {locations:?}"
            );
            listed.extend(locations);
            changed.extend(texts_of(part, "lastmod"));
        }
        assert_eq!(listed, pages, "the parts list every page once, in order");
        assert_eq!(changed, texts_of(&whole["sitemap.xml"], "lastmod"));
    }

    #[test]
    fn pagination_shows_a_window_of_pages() {
        assert_eq!(page_window(1, 1), [1]);
        assert_eq!(page_window(1, 3), [1, 2, 3]);
        assert_eq!(page_window(1, 500), [1, 2, 3, 0, 500]);
        assert_eq!(
            page_window(250, 500),
            [1, 0, 248, 249, 250, 251, 252, 0, 500]
        );
        assert_eq!(page_window(4, 6), [1, 2, 3, 4, 5, 6]);
    }
}
