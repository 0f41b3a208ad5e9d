//! Listings: the home page, sections, the tag index and each tag, paginated.

use super::pages::{Feed, PageId, Paginator};
use super::views::{ListedArticle, Page, TagRef};
use super::{section_title, Renderer};
use crate::diagnostics::Diagnostic;
use crate::pipeline::markdown;
use crate::urls::page_url;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

#[derive(Serialize)]
struct TagCount {
    name: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct SectionView {
    title: String,
    url: String,
    content: String,
    /// The section's `summary`: its description for search engines and shares.
    summary: Option<String>,
}

/// The text of a home or section page (its `_index.md` body) with its links filled, and the
/// problems of those links.
pub(super) struct SectionText {
    html: String,
    pub(super) problems: Vec<Diagnostic>,
}

impl<'a> Renderer<'a> {
    /// Every home and section text, rendered once per build (their links checked like an
    /// article's).
    pub(super) fn render_section_texts(&self) -> HashMap<String, SectionText> {
        let site = self.site;
        site.home
            .iter()
            .map(|home| (home, self.url_of(&PageId::Home(1))))
            .chain(site.sections.iter().map(|section| {
                let url = self.url_of(&PageId::Section(section.name.clone(), 1));
                (section, url)
            }))
            .map(|(section, url)| {
                let rendered =
                    markdown::render(&section.body, self.raw_html(), self.digits(), None);
                let (html, problems) = self.targets.fill_page_text(
                    &section.path,
                    &section.source_text,
                    section.body_offset,
                    &url,
                    &rendered,
                );
                (section.name.clone(), SectionText { html, problems })
            })
            .collect()
    }

    /// What every page of a home or section listing shares, in the language and direction its
    /// `_index.md` gives, if it has one. A section has no feed of its own: the site's carries
    /// its articles, and the page links to it.
    fn section_common(
        &self,
        section: Option<&'a crate::model::Section>,
        page_url: String,
        page_kind: &'static str,
    ) -> super::views::Common<'_> {
        let config = &self.site.config;
        let mut common = match section {
            Some(section) => self.common(
                page_url,
                page_kind,
                section.lang(config),
                section.dir(config).as_str(),
                Feed::Site,
            ),
            None => self.site_common(page_url, page_kind),
        };
        common.own_feed_url = Some(common.feed_url.clone());
        common
    }

    /// The text of section `name` (`""`: the home page), or nothing if it has no `_index.md`.
    fn section_text(&self, name: &str) -> String {
        self.index
            .section_texts
            .get(name)
            .map_or_else(String::new, |text| text.html.clone())
    }

    /// The articles on page `n` of a listing of `members`, with their cards.
    fn page_of(&self, members: &[usize], n: usize) -> Result<Vec<ListedArticle<'_>>, Diagnostic> {
        self.listings()
            .of(members, n)
            .iter()
            .map(|&i| {
                Ok(ListedArticle {
                    summary: &self.index.summaries[i],
                    card: self.card(i)?,
                })
            })
            .collect()
    }

    pub(super) fn home(&self, n: usize) -> Result<Vec<u8>, Diagnostic> {
        let home = self.site.home.as_ref();
        #[derive(Serialize)]
        struct Data<'b> {
            home_title: &'b str,
            intro: String,
            /// The home page's `summary`, its description for search engines and shares.
            description: Option<&'b str>,
            articles: Vec<ListedArticle<'b>>,
            paginator: Paginator,
        }
        let all: Vec<usize> = (0..self.index.summaries.len()).collect();
        let data = Data {
            home_title: home.map_or(self.site.config.title.as_str(), |h| h.meta.title.as_str()),
            intro: if n == 1 {
                self.section_text("")
            } else {
                String::new()
            },
            description: home.and_then(|h| h.meta.summary.as_deref()),
            articles: self.page_of(&all, n)?,
            paginator: self.paginator(&[], all.len(), self.listings(), n),
        };
        let common = self.section_common(home, self.url_of(&PageId::Home(n)), "home");
        self.templates
            .render_page("home.html", &Page { common, data })
    }

    pub(super) fn section(&self, name: &str, n: usize) -> Result<Vec<u8>, Diagnostic> {
        let meta = self.site.sections.iter().find(|s| s.name == name);
        let segments: Vec<&str> = name.split('/').collect();
        let members = self.index.sections.get(name).map_or(&[][..], Vec::as_slice);
        #[derive(Serialize)]
        struct Data<'b> {
            section: SectionView,
            articles: Vec<ListedArticle<'b>>,
            paginator: Paginator,
        }
        let data = Data {
            section: SectionView {
                title: section_title(self.site, name),
                url: page_url(&self.base_path, &segments),
                content: self.section_text(name),
                summary: meta.and_then(|s| s.meta.summary.clone()),
            },
            articles: self.page_of(members, n)?,
            paginator: self.paginator(&segments, members.len(), self.listings(), n),
        };
        let common = self.section_common(
            meta,
            self.url_of(&PageId::Section(name.to_string(), n)),
            "section",
        );
        self.templates
            .render_page("section.html", &Page { common, data })
    }

    pub(super) fn tag_index(&self) -> Result<Vec<u8>, Diagnostic> {
        let mut tags: Vec<TagCount> = self
            .index
            .tag_articles
            .iter()
            .map(|(key, list)| TagCount {
                name: self.index.tag_refs[key].name.clone(),
                url: self.index.tag_refs[key].url.clone(),
                count: list.len(),
            })
            .collect();
        tags.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        #[derive(Serialize)]
        struct Data {
            tags: Vec<TagCount>,
        }
        self.templates.render_page(
            "tags.html",
            &Page {
                common: self.site_common(self.tags_url.clone(), "tags"),
                data: Data { tags },
            },
        )
    }

    pub(super) fn tag(&self, key: &str, n: usize) -> Result<Vec<u8>, Diagnostic> {
        let tag = self.index.tag_refs[key].clone();
        let members = &self.index.tag_articles[key];
        #[derive(Serialize)]
        struct Data<'b> {
            tag: TagRef,
            articles: Vec<ListedArticle<'b>>,
            count: usize,
            paginator: Paginator,
        }
        let common = self.listing_common(
            self.url_of(&PageId::Tag(key.to_string(), n)),
            "tag",
            Some(Feed::Tag(key.to_string())),
        );
        let data = Data {
            tag,
            articles: self.page_of(members, n)?,
            count: members.len(),
            paginator: self.paginator(&["tags", key], members.len(), self.listings(), n),
        };
        self.templates
            .render_page("tag.html", &Page { common, data })
    }
}
