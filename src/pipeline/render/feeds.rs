//! Files for machines: Atom feeds, the sitemap, robots.txt, and the search page and index.

use super::pages::{Feed, PageId};
use super::views::{Page, SiteView};
use super::Renderer;
use crate::arabic::dates::format_date;
use crate::diagnostics::Diagnostic;
use crate::pipeline::{markdown, search};
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;

/// How many articles a feed carries.
pub(super) const FEED_ENTRIES: usize = 20;

impl<'a> Renderer<'a> {
    pub(super) fn search(&self) -> Result<Vec<u8>, Diagnostic> {
        #[derive(Serialize)]
        struct Data {
            search_index_url: String,
        }
        let data = Data {
            search_index_url: self.url_of(&PageId::SearchIndex),
        };
        self.templates.render_page(
            "search.html",
            &Page {
                common: self.site_common(self.search_url.clone(), "search"),
                data,
            },
        )
    }

    /// The search index's input, made once however many times the index is asked for.
    pub(super) fn search_input(&self) -> &Arc<search::SearchInput> {
        self.search
            .get_or_init(|| Arc::new(self.make_search_input()))
    }

    fn make_search_input(&self) -> search::SearchInput {
        let glossary = &self.site.glossary.entries;
        // An unchanged article's document is the last build's.
        let docs = (0..self.index.summaries.len())
            .into_par_iter()
            .map(|i| {
                self.search_docs[i]
                    .clone()
                    .unwrap_or_else(|| Arc::new(self.search_doc(i)))
            })
            .collect();
        // Made once per site index: a rebuild that keeps the index keeps the glossary.
        let entries = self.index.search_entries.get_or_init(|| {
            glossary
                .par_iter()
                .map(|entry| search::SearchEntry {
                    term: entry.term.value.clone(),
                    url: self.entry_url(&entry.id),
                    kind_label: entry.kind.singular_label().to_string(),
                    summary: markdown::text_of_html(&self.entry_markdown(entry, true)),
                    forms: std::iter::once(&entry.term)
                        .chain(&entry.variants)
                        .chain(&entry.original)
                        .chain(&entry.latin)
                        .map(|form| form.value.clone())
                        .collect(),
                })
                .collect::<Vec<_>>()
                .into()
        });
        search::SearchInput::new(docs, entries.clone())
    }

    /// What search shows of article `i` and finds it by.
    pub(super) fn search_doc(&self, i: usize) -> search::SearchDoc {
        let (summary, body) = (&self.index.summaries[i], &self.annotated[i]);
        search::SearchDoc {
            title: summary.title.clone(),
            url: summary.url.clone(),
            date: summary.date.clone(),
            date_text: crate::model::Date::parse(&summary.date)
                .map(|d| format_date(&d, self.site.config.digits))
                .unwrap_or_default(),
            text: search::Text {
                summary: summary.summary.clone(),
                body: body.text.clone(),
            },
            entries: body
                .mentions
                .iter()
                .filter_map(|m| m.site_entry.map(|at| at as u32))
                .collect(),
        }
    }

    /// An Atom feed (RFC 4287) of the newest articles of the site, a tag or an entry, from
    /// `atom.xml`.
    pub(super) fn feed(&self, feed: &Feed) -> Result<Vec<u8>, Diagnostic> {
        let (title, members, alternate): (String, Vec<usize>, String) = match feed {
            Feed::Site => (
                self.site.config.title.value.clone(),
                (0..self.index.summaries.len()).collect(),
                self.base_path.clone(),
            ),
            Feed::Tag(key) => (
                format!(
                    "{} — {}",
                    self.index.tag_refs[key].name, self.site.config.title
                ),
                self.index.tag_articles[key].clone(),
                self.index.tag_refs[key].url.clone(),
            ),
            Feed::Entry(id) => {
                let term = self
                    .site
                    .glossary
                    .get(id)
                    .map_or_else(|| id.clone(), |e| e.term.value.clone());
                let members = self.mentions_of(id).iter().map(|&(i, _)| i).collect();
                (
                    format!("{term} — {}", self.site.config.title),
                    members,
                    self.entry_url(id),
                )
            }
        };
        let author = self
            .site
            .config
            .author
            .clone()
            .unwrap_or_else(|| self.site.config.title.clone());
        let rfc3339 = |date: &str| match crate::model::Date::parse(date) {
            Ok(d) => format!(
                "{:04}-{:02}-{:02}T00:00:00Z",
                d.year,
                d.month.unwrap_or(1),
                d.day.unwrap_or(1)
            ),
            Err(_) => "1970-01-01T00:00:00Z".to_string(),
        };
        // An entry was last changed when it was revised, or else published.
        let changed = |i: usize| {
            let summary = &self.index.summaries[i];
            summary.updated.as_deref().unwrap_or(&summary.date)
        };
        let shown = &members[..members.len().min(FEED_ENTRIES)];
        let entries = shown
            .iter()
            .map(|&i| {
                let summary = &self.index.summaries[i];
                let front = &self.site.articles[i].front;
                let content = self.site.config.feeds.full_content.then(|| {
                    let body = &self.annotated[i];
                    let html = self.index.links.fill_body(i, &body.html, &body.links);
                    feed_html(&html, &summary.permalink)
                });
                FeedEntry {
                    title: &summary.title,
                    url: &summary.permalink,
                    published: rfc3339(&summary.date),
                    updated: rfc3339(changed(i)),
                    author: front
                        .author
                        .as_deref()
                        .or(front.translator.as_deref())
                        .unwrap_or(&author),
                    content,
                    summary: &summary.summary,
                }
            })
            .collect();
        let data = FeedData {
            feed: FeedView {
                title: &title,
                lang: &self.site.config.language,
                url: self.absolute(&self.url_of(&PageId::Feed(feed.clone()))),
                alternate_url: self.absolute(&alternate),
                // Dates are `YYYY-MM-DD`: their text sorts as they do.
                updated: shown
                    .iter()
                    .map(|&i| changed(i))
                    .max()
                    .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), rfc3339),
                author: &author,
            },
            entries,
        };
        self.machine_file("atom.xml", data)
    }

    /// The sitemap: every HTML page but the 404 page, for search engines, from `sitemap.xml`;
    /// past `sitemap_limit` pages, an index (`sitemap_index.xml`) of parts of that many.
    pub(super) fn sitemap(&self) -> Result<Vec<u8>, Diagnostic> {
        let listed = self.sitemap_pages();
        let parts = self.sitemap_parts(listed.len());
        if parts == 0 {
            return self.urlset(&listed);
        }
        #[derive(Serialize)]
        struct Part {
            url: String,
        }
        #[derive(Serialize)]
        struct Data {
            sitemaps: Vec<Part>,
        }
        let sitemaps = (1..=parts)
            .map(|n| Part {
                url: self.absolute(&self.url_of(&PageId::SitemapPart(n))),
            })
            .collect();
        self.machine_file("sitemap_index.xml", Data { sitemaps })
    }

    /// Part `n` (from 1) of a sitemap cut into parts.
    pub(super) fn sitemap_part(&self, n: usize) -> Result<Vec<u8>, Diagnostic> {
        let listed = self.sitemap_pages();
        let start = ((n - 1) * self.sitemap_limit).min(listed.len());
        let end = (start + self.sitemap_limit).min(listed.len());
        self.urlset(&listed[start..end])
    }

    /// The pages a sitemap lists, in the order of `pages()`.
    fn sitemap_pages(&self) -> Vec<&PageId> {
        self.index.pages.iter().filter(|p| p.in_sitemap()).collect()
    }

    fn urlset(&self, pages: &[&PageId]) -> Result<Vec<u8>, Diagnostic> {
        #[derive(Serialize)]
        struct Url<'b> {
            url: String,
            lastmod: Option<&'b str>,
        }
        #[derive(Serialize)]
        struct Data<'b> {
            urls: Vec<Url<'b>>,
        }
        let urls = pages
            .iter()
            .map(|page| Url {
                url: self.absolute(&self.url_of(page)),
                lastmod: match page {
                    PageId::Article(i) => {
                        let summary = &self.index.summaries[*i];
                        Some(summary.updated.as_deref().unwrap_or(&summary.date))
                    }
                    _ => None,
                },
            })
            .collect();
        self.machine_file("sitemap.xml", Data { urls })
    }

    /// robots.txt, from the template of that name.
    pub(super) fn robots(&self) -> Result<Vec<u8>, Diagnostic> {
        #[derive(Serialize)]
        struct Data {
            sitemap_url: String,
        }
        self.machine_file(
            "robots.txt",
            Data {
                sitemap_url: self.absolute(&self.url_of(&PageId::Sitemap)),
            },
        )
    }

    /// A file for machines from its template, which gets `site` and `data`.
    fn machine_file(&self, template: &str, data: impl Serialize) -> Result<Vec<u8>, Diagnostic> {
        #[derive(Serialize)]
        struct Context<'b, T: Serialize> {
            site: &'b SiteView<'b>,
            #[serde(flatten)]
            data: T,
        }
        self.templates.render_page(
            template,
            &Context {
                site: &self.view,
                data,
            },
        )
    }
}

/// What `atom.xml` receives.
#[derive(Serialize)]
struct FeedData<'a> {
    feed: FeedView<'a>,
    /// The newest articles, at most `FEED_ENTRIES`.
    entries: Vec<FeedEntry<'a>>,
}

#[derive(Serialize)]
struct FeedView<'a> {
    title: &'a str,
    lang: &'a str,
    /// The feed's own absolute URL, also its id.
    url: String,
    /// The page whose articles it carries.
    alternate_url: String,
    /// RFC 3339: when its newest entry last changed.
    updated: String,
    author: &'a str,
}

#[derive(Serialize)]
struct FeedEntry<'a> {
    title: &'a str,
    /// The article's permalink, also its id.
    url: &'a str,
    /// RFC 3339, as `updated`.
    published: String,
    updated: String,
    author: &'a str,
    /// The body (html, printed escaped), with `feeds.full_content`; else none.
    content: Option<String>,
    summary: &'a str,
}

/// An article's body as feed readers show it well: the glossary's marks become their text
/// and the note numbers go (their popovers are not in the feed); scripts, styles, classes and
/// data attributes are dropped; links and images become absolute (from the article's
/// `permalink`), since readers resolve relative ones against the feed, if at all.
fn feed_html(html: &str, permalink: &str) -> String {
    // The note numbers are the annotator's buttons of class `note-ref`, whatever the order
    // of their attributes.
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<button ") {
        let tag_end = rest[at..].find('>').map_or(rest.len(), |end| at + end);
        if rest[at..tag_end].contains("class=\"note-ref\"") {
            kept.push_str(&rest[..at]);
            let end = rest[at..]
                .find("</button>")
                .map_or(rest.len(), |close| at + close + "</button>".len());
            rest = &rest[end..];
        } else {
            kept.push_str(&rest[..tag_end]);
            rest = &rest[tag_end..];
        }
    }
    kept.push_str(rest);
    let mut cleaner = ammonia::Builder::default();
    cleaner
        .add_generic_attributes(["dir", "lang"])
        .add_tags(["bdi", "section", "figure", "figcaption"])
        .link_rel(None);
    if let Ok(base) = ammonia::Url::parse(permalink) {
        cleaner.url_relative(ammonia::UrlRelative::RewriteWithBase(base));
    }
    cleaner.clean(&kept).to_string()
}
