//! Stage 4: build each page's template context and render it with Tera. The index of the
//! site that every page draws on is built once here (`Renderer::new`); each family of pages
//! has its module, and `pages` is the one place that knows every page, its path and its URL.

mod aliases;
mod article;
mod feeds;
mod fragments;
mod glossary;
mod listings;
mod marks;
mod pages;
mod summaries;
mod templates;
mod views;

pub use fragments::FragmentCache;
pub use marks::Marks;
pub(crate) use pages::output_path;
pub use pages::{Feed, PageId};
pub use templates::{is_xml_char, Templates};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::embedded;
use crate::model::{Located, SortBy};
use crate::pipeline::annotate::AnnotatedArticle;
use crate::pipeline::links::{LinkGraph, TargetIndex, Targets};
use crate::pipeline::load::{AssetFile, SourceFile, THEME_OUTPUT_DIR};
use crate::pipeline::output::Contents;
use crate::pipeline::related::Related;
use crate::pipeline::search::SearchDoc;
use crate::pipeline::site::Site;
use crate::urls::page_url;
use glossary::EntryHtml;
use summaries::{hash_summary, summary_of};

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use views::{ArticleSummary, Common, NavLink, Page, SiteView, TagRef};

/// A rendered page: where it goes in the output, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPage {
    /// `/`-separated path relative to the output directory, e.g. `articles/x/index.html`.
    pub path: String,
    pub contents: Contents,
}

/// Renders pages of one site. What every page shares — summaries, tags, the index of mentions,
/// links — is its `Index`, made once per build by `new` (or kept from the last build: see
/// `SiteIndex`), so rendering any page is cheap and no page scans the whole site.
pub struct Renderer<'a> {
    site: &'a Site,
    annotated: &'a [Arc<AnnotatedArticle>],
    templates: &'a Templates,
    view: SiteView<'a>,
    base_path: String,
    base_url: String,
    theme_url: String,
    nav: Vec<NavLink>,
    glossary_url: String,
    tags_url: String,
    search_url: String,
    index: Arc<Index>,
    targets: Targets<'a>,
    /// How many pages one sitemap file lists at most.
    sitemap_limit: usize,
    /// `lang` and `dir` attributes for the interface's text on a page in another language.
    ui_attributes: String,
    related: &'a Related,
    /// Each article's search document of the last build, where the article is the same.
    search_docs: Vec<Option<Arc<SearchDoc>>>,
    /// The search index's input, once asked for: its documents go to the next build's cache.
    search: std::sync::OnceLock<Arc<crate::pipeline::search::SearchInput>>,
    /// The glossary's entries in the order of its index, once asked for.
    glossary_order: std::sync::OnceLock<Vec<usize>>,
}

/// What every page draws on, made from the whole site by `Renderer::new`. The session keeps it:
/// a rebuild after edits that change none of it renders with it as it is — edits of articles'
/// text that keep their front matter, headings, the targets of the links of their body and of
/// each note, and the entries they mention, while no copied file changed.
#[derive(Clone)]
pub struct SiteIndex {
    index: Arc<Index>,
    targets: Arc<TargetIndex>,
}

struct Index {
    summaries: Vec<Arc<ArticleSummary>>,
    /// A hash of each summary, to tell cheaply whether a listing or neighbour changed.
    summary_hashes: Vec<u64>,
    /// Tag slug → its name and URL.
    tag_refs: HashMap<String, TagRef>,
    /// Tag slug → its articles, newest first.
    tag_articles: BTreeMap<String, Vec<usize>>,
    /// Section name → its articles, in the section's order.
    sections: BTreeMap<String, Vec<usize>>,
    /// Each article's place in its section's list.
    section_position: Vec<usize>,
    /// By the place of each site entry in the glossary: every article that mentions it,
    /// newest first, with the place of the mention among the article's.
    mentions: Vec<Vec<(usize, usize)>>,
    links: LinkGraph,
    /// Each glossary entry's summary (inline) and body, rendered once with their links filled.
    entries_html: HashMap<String, EntryHtml>,
    /// The text of the home page and of each section (their `_index.md`), by section name
    /// (`""` for the home page), rendered once with their links filled.
    section_texts: HashMap<String, listings::SectionText>,
    fragments: fragments::Fragments,
    /// The glossary as the search index holds it, once asked for.
    search_entries: std::sync::OnceLock<Arc<[crate::pipeline::search::SearchEntry]>>,
    /// Every page of the site, and where each is written: listed once per build, since the
    /// session, the link checker and the sitemap all need them.
    pages: Vec<PageId>,
    page_paths: Vec<String>,
}

/// By the place of each site entry in the glossary: every article that mentions it, with the
/// place of its mention, in article order (newest first).
fn mentions_by_entry(site: &Site, annotated: &[Arc<AnnotatedArticle>]) -> Vec<Vec<(usize, usize)>> {
    let mut mentions = vec![Vec::new(); site.glossary.len()];
    for (i, body) in annotated.iter().enumerate() {
        for (k, mention) in body.mentions.iter().enumerate() {
            if let Some(at) = mention.site_entry {
                mentions[at].push((i, k));
            }
        }
    }
    mentions
}

impl<'a> Renderer<'a> {
    /// `annotated[i]` belongs to `site.articles[i]`, and `related` is of `site`; `assets` are
    /// the files copied as they are, from under `root`.
    pub fn new(
        site: &'a Site,
        annotated: &'a [Arc<AnnotatedArticle>],
        related: &'a Related,
        templates: &'a Templates,
        root: &std::path::Path,
        assets: &[AssetFile],
        fragments: &FragmentCache,
    ) -> Renderer<'a> {
        let config = &site.config;
        let base_path = config.base_path();

        // Tags: the first spelling (in article order) names the tag. Looked up by hash while
        // the site is walked, ordered once at the end.
        let mut tag_refs: HashMap<String, TagRef> = HashMap::default();
        let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::default();
        for (i, article) in site.articles.iter().enumerate() {
            for tag in &article.front.tags {
                let key = tag.key.as_str();
                if key.is_empty() {
                    continue;
                }
                match by_tag.get_mut(key) {
                    Some(list) if list.last() == Some(&i) => {}
                    Some(list) => list.push(i),
                    None => {
                        by_tag.insert(key, vec![i]);
                        tag_refs.insert(
                            key.to_string(),
                            TagRef {
                                name: tag.name.trim().to_string(),
                                url: page_url(&base_path, &["tags", key]),
                            },
                        );
                    }
                }
            }
        }
        let tag_articles: BTreeMap<String, Vec<usize>> = by_tag
            .into_iter()
            .map(|(key, list)| (key.to_string(), list))
            .collect();

        let mut by_section: HashMap<&str, Vec<usize>> = site
            .sections
            .iter()
            .map(|s| (s.name.as_str(), Vec::new()))
            .collect();
        for (i, article) in site.articles.iter().enumerate() {
            if !article.section.is_empty() {
                by_section.entry(&article.section).or_default().push(i);
            }
        }
        let mut sections: BTreeMap<String, Vec<usize>> = by_section
            .into_iter()
            .map(|(name, list)| (name.to_string(), list))
            .collect();
        for section in &site.sections {
            if section.meta.sort_by == SortBy::Title {
                if let Some(members) = sections.get_mut(&section.name) {
                    members.sort_by(|&a, &b| {
                        site.articles[a]
                            .front
                            .title
                            .cmp(&site.articles[b].front.title)
                    });
                }
            }
        }
        let mut section_position = vec![0; site.articles.len()];
        for members in sections.values() {
            for (at, &i) in members.iter().enumerate() {
                section_position[i] = at;
            }
        }
        let same_tags = fragments.same_tags(&tag_refs);
        let content_files: HashSet<&str> = assets
            .iter()
            .filter(|a| a.source.starts_with(crate::pipeline::load::CONTENT_DIR))
            .map(|a| a.output.as_str())
            .collect();
        let summarize = || -> (Vec<Arc<ArticleSummary>>, Vec<u64>) {
            site.articles
                .par_iter()
                .map(|a| {
                    fragments
                        .summary(a, &tag_refs, same_tags)
                        .unwrap_or_else(|| {
                            let summary =
                                summary_of(a, config, &base_path, &tag_refs, &content_files);
                            let shown = hash_summary(&summary);
                            (Arc::new(summary), shown)
                        })
                })
                .unzip()
        };
        // The index of mentions walks every mention of the site: the summaries and the link
        // targets are made beside it.
        let (mentions, ((summaries, summary_hashes), targets)) = rayon::join(
            || mentions_by_entry(site, annotated),
            || rayon::join(summarize, || Targets::new(site, annotated)),
        );
        let index = Index {
            summary_hashes,
            summaries,
            tag_refs,
            tag_articles,
            sections,
            section_position,
            mentions,
            links: LinkGraph::default(),
            entries_html: HashMap::default(),
            section_texts: HashMap::default(),
            fragments: fragments::Fragments::default(),
            search_entries: std::sync::OnceLock::new(),
            pages: Vec::new(),
            page_paths: Vec::new(),
        };
        let mut renderer = Renderer::around(
            site,
            annotated,
            related,
            templates,
            Arc::new(index),
            targets,
        );
        let pages = renderer.all_pages();
        let page_paths: Vec<String> = pages.par_iter().map(|p| renderer.output_path(p)).collect();
        let mut outputs: HashSet<String> = page_paths.iter().cloned().collect();
        outputs.extend(assets.iter().map(|a| a.output.clone()));
        outputs.extend(embedded::theme_outputs().map(|(path, _)| path));
        renderer.index_mut().pages = pages;
        renderer.index_mut().page_paths = page_paths;
        renderer.targets.set_outputs(outputs, root, assets);
        renderer.index_mut().links = LinkGraph::new(site, annotated, &renderer.targets);
        let entries_html = site
            .glossary
            .entries
            .par_iter()
            .map(|e| (e.id.value.clone(), renderer.render_entry(e)))
            .collect();
        renderer.index_mut().entries_html = entries_html;
        renderer.index_mut().section_texts = renderer.render_section_texts();
        renderer.index_mut().fragments = renderer.cached_fragments(fragments);
        renderer.search_docs = renderer.last_search_docs(fragments);
        renderer
    }

    /// A renderer of `site` with the index of the last build's site, which differed from it only
    /// where the index does not look (see `SiteIndex`); `fragments`, the last build's, gives
    /// the search documents of the articles that are the same.
    pub fn reusing(
        site: &'a Site,
        annotated: &'a [Arc<AnnotatedArticle>],
        related: &'a Related,
        templates: &'a Templates,
        kept: &SiteIndex,
        fragments: &FragmentCache,
    ) -> Renderer<'a> {
        let targets = Targets::with_index(site, annotated, kept.targets.clone());
        let mut renderer = Renderer::around(
            site,
            annotated,
            related,
            templates,
            kept.index.clone(),
            targets,
        );
        renderer.search_docs = renderer.last_search_docs(fragments);
        renderer
    }

    /// What the session keeps of this build for the next (see `SiteIndex`).
    pub fn site_index(&self) -> SiteIndex {
        SiteIndex {
            index: self.index.clone(),
            targets: self.targets.index().clone(),
        }
    }

    /// A renderer of `site` that draws on `index`: what is made of the settings alone.
    fn around(
        site: &'a Site,
        annotated: &'a [Arc<AnnotatedArticle>],
        related: &'a Related,
        templates: &'a Templates,
        index: Arc<Index>,
        targets: Targets<'a>,
    ) -> Renderer<'a> {
        let config = &site.config;
        let base_path = config.base_path();
        let nav = index
            .sections
            .keys()
            .filter(|name| !name.contains('/'))
            .map(|name| NavLink {
                title: section_title(site, name),
                url: page_url(&base_path, &name.split('/').collect::<Vec<_>>()),
            })
            .collect();
        Renderer {
            site,
            annotated,
            templates,
            view: SiteView {
                title: &config.title,
                description: config.description.as_deref().map_or("", String::as_str),
                author: config.author.as_deref().map_or("", String::as_str),
                base_url: config.base_url_slash(),
                base_path: base_path.clone(),
                language: &config.language,
                dir: config.direction().as_str(),
                digits: config.digits.as_str(),
            },
            theme_url: format!("{base_path}{THEME_OUTPUT_DIR}/"),
            glossary_url: page_url(&base_path, &["glossary"]),
            tags_url: page_url(&base_path, &["tags"]),
            search_url: page_url(&base_path, &["search"]),
            base_url: config.base_url_slash(),
            base_path,
            nav,
            index,
            targets,
            sitemap_limit: pages::sitemap_limit(),
            ui_attributes: format!(
                " lang=\"{}\" dir=\"{}\"",
                crate::pipeline::annotate::html_escape(&config.language),
                config.direction().as_str()
            ),
            related,
            search_docs: Vec::new(),
            search: std::sync::OnceLock::new(),
            glossary_order: std::sync::OnceLock::new(),
        }
    }

    /// The index while `new` makes it, before anything shares it.
    fn index_mut(&mut self) -> &mut Index {
        Arc::get_mut(&mut self.index).expect("the index is made before it is shared")
    }

    /// The articles that mention site entry `id`, each with the place of its mention among
    /// the article's, newest first.
    fn mentions_of(&self, id: &str) -> &[(usize, usize)] {
        self.site
            .glossary
            .position(id)
            .map_or(&[][..], |at| &self.index.mentions[at])
    }

    /// The articles shown as related reading on article `i`'s page.
    fn related_of(&self, i: usize) -> &'a [usize] {
        self.related.of(i, self.site, self.annotated)
    }

    /// The sentence of article `i`'s mention `k` (see `mentions_of`), the mention marked.
    fn excerpt(&self, (i, k): (usize, usize)) -> &'a str {
        &self.annotated[i].mentions[k].excerpt_html
    }

    /// The ids of the site's glossary entries that no article mentions, in glossary order.
    pub fn unmentioned_entries(&self) -> Vec<&'a Located<String>> {
        self.site
            .glossary
            .entries
            .iter()
            .map(|e| &e.id)
            .zip(&self.index.mentions)
            .filter(|(_, mentions)| mentions.is_empty())
            .map(|(id, _)| id)
            .collect()
    }

    /// Every page of the site.
    pub fn pages(&self) -> &[PageId] {
        &self.index.pages
    }

    /// Where each of `pages()` is written, relative to the output directory.
    pub fn page_paths(&self) -> &[String] {
        &self.index.page_paths
    }

    /// Broken links, links to drafts, stray `[[`: in articles, notes, glossary entries and
    /// the texts of the home page and sections.
    pub fn link_problems(&self, glossary_file: Option<&SourceFile>) -> Diagnostics {
        let mut problems = self.index.links.problems.clone();
        let path = glossary_file.map_or_else(
            || PathBuf::from(crate::pipeline::load::GLOSSARY_FILE),
            |f| f.path.clone(),
        );
        for entry in self.site.glossary.entries.iter() {
            for (written, problem) in &self.index.entries_html[entry.id.as_str()].problems {
                let mut diagnostic = problem.at(&path);
                if let Some(file) = glossary_file {
                    if let Some(offset) = file
                        .text
                        .find(written.as_str())
                        .filter(|_| !written.is_empty())
                    {
                        diagnostic = diagnostic.at_offset(&file.text, offset, written.len());
                    }
                }
                problems.push(diagnostic);
            }
        }
        let texts = self.site.home.iter().chain(&self.site.sections);
        for section in texts {
            problems.extend(
                self.index.section_texts[section.name.as_str()]
                    .problems
                    .iter()
                    .cloned(),
            );
        }
        problems
    }

    /// Renders `pages` in parallel and hands each to `keep` as soon as it is rendered (to write
    /// it, hold it, or drop it); reports every page that failed.
    pub fn render_each<T: Send>(
        &self,
        pages: &[PageId],
        keep: impl Fn(RenderedPage) -> Result<T, Diagnostic> + Sync,
    ) -> Result<Vec<T>, Diagnostics> {
        let results: Vec<Result<T, Diagnostic>> = pages
            .par_iter()
            .map(|page| self.render_page(page).and_then(&keep))
            .collect();
        let mut problems = Diagnostics::default();
        let mut kept = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(page) => kept.push(page),
                Err(diagnostic) => problems.push(diagnostic),
            }
        }
        if problems.has_errors() {
            return Err(problems.sorted());
        }
        Ok(kept)
    }

    /// What listings show of article `i`, as a hash: equal hashes, equal listings.
    pub fn summary_fingerprint(&self, i: usize) -> u64 {
        self.index.summary_hashes[i]
    }

    /// What article `i`'s page shows of other articles (backlinks, related, neighbours, where
    /// its links lead): when it changes, the page is rendered again. The popovers of its
    /// entries are not in it: see `shows_entry`.
    pub fn surroundings_fingerprint(&self, i: usize) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let summaries = |list: &[usize], hasher: &mut std::collections::hash_map::DefaultHasher| {
            list.len().hash(hasher);
            for &j in list {
                self.index.summary_hashes[j].hash(hasher);
            }
        };
        summaries(&self.index.links.backlinks[i], &mut hasher);
        summaries(self.related_of(i), &mut hasher);
        let (previous, next) = self.neighbours(i);
        previous
            .map(|j| self.index.summary_hashes[j])
            .hash(&mut hasher);
        next.map(|j| self.index.summary_hashes[j]).hash(&mut hasher);
        self.index.links.hash_targets(i, &mut hasher);
        hasher.finish()
    }

    /// Whether article `i` shows the popover of one of `entries` (site entries, by id).
    pub fn shows_entry(&self, i: usize, entries: &HashSet<String>) -> bool {
        !entries.is_empty()
            && self.annotated[i]
                .terms
                .iter()
                .any(|t| t.has_page && entries.contains(t.entry.id.as_str()))
    }

    /// Every site entry's fingerprint, by id.
    pub fn entry_fingerprints(&self) -> HashMap<String, u64> {
        self.index
            .entries_html
            .iter()
            .map(|(id, html)| (id.to_string(), html.fingerprint))
            .collect()
    }

    fn common(
        &self,
        page_url: String,
        page_kind: &'static str,
        lang: &'a str,
        dir: &'static str,
        feed: Feed,
    ) -> Common<'_> {
        Common {
            site: &self.view,
            lang,
            dir,
            canonical: self.absolute(&page_url),
            page_url,
            page_kind,
            theme_url: &self.theme_url,
            sections: &self.nav,
            glossary_url: &self.glossary_url,
            tags_url: &self.tags_url,
            search_url: &self.search_url,
            feed_url: self.url_of(&PageId::Feed(feed)),
            own_feed_url: None,
            ui: if lang == self.site.config.language {
                ""
            } else {
                &self.ui_attributes
            },
            og_locale: og_locale(lang),
        }
    }

    fn site_common(&self, page_url: String, page_kind: &'static str) -> Common<'_> {
        let config = &self.site.config;
        self.common(
            page_url,
            page_kind,
            &config.language,
            config.direction().as_str(),
            Feed::Site,
        )
    }

    /// A listing in the site's language: what it lists is in `feed`, which the page links to
    /// where readers see it; the site's feed is its `alternate` where it has none.
    fn listing_common(
        &self,
        page_url: String,
        page_kind: &'static str,
        feed: Option<Feed>,
    ) -> Common<'_> {
        let config = &self.site.config;
        let own = feed.is_some();
        let mut common = self.common(
            page_url,
            page_kind,
            &config.language,
            config.direction().as_str(),
            feed.unwrap_or(Feed::Site),
        );
        common.own_feed_url = own.then(|| common.feed_url.clone());
        common
    }

    fn entry_url(&self, id: &str) -> String {
        page_url(&self.base_path, &["glossary", id])
    }

    fn raw_html(&self) -> crate::model::RawHtml {
        self.site.config.markdown.raw_html
    }

    fn digits(&self) -> crate::model::DigitStyle {
        self.site.config.digits
    }

    /// Renders one page on the calling thread.
    pub fn render_page(&self, page: &PageId) -> Result<RenderedPage, Diagnostic> {
        let html = match page {
            PageId::Article(i) => self.article(*i),
            PageId::Alias(i, _) => Ok(self.alias(*i).into_bytes()),
            PageId::Home(n) => self.home(*n),
            PageId::Section(name, n) => self.section(name, *n),
            PageId::TagIndex => self.tag_index(),
            PageId::Tag(key, n) => self.tag(key, *n),
            PageId::GlossaryIndex(n) => self.glossary_index(*n),
            PageId::Entry(id, n) => self.entry(id, *n),
            PageId::NotFound => self.templates.render_page(
                "404.html",
                &Page {
                    common: self.site_common(format!("{}404.html", self.base_path), "404"),
                    data: (),
                },
            ),
            PageId::Search => self.search(),
            PageId::SearchIndex => {
                return Ok(RenderedPage {
                    path: self.output_path(page),
                    contents: Contents::SearchIndex(self.search_input().clone()),
                });
            }
            PageId::Feed(feed) => self.feed(feed),
            PageId::Sitemap => self.sitemap(),
            PageId::SitemapPart(n) => self.sitemap_part(*n),
            PageId::Robots => self.robots(),
        }?;
        Ok(RenderedPage {
            path: self.output_path(page),
            contents: Contents::Page(Arc::new(html)),
        })
    }

    /// The articles published before and after article `i` in its section.
    fn neighbours(&self, i: usize) -> (Option<usize>, Option<usize>) {
        let Some(members) = self.index.sections.get(&self.site.articles[i].section) else {
            return (None, None);
        };
        let Some(&at) = self.index.section_position.get(i) else {
            return (None, None);
        };
        let by_date = self
            .site
            .sections
            .iter()
            .find(|s| s.name == self.site.articles[i].section)
            .is_none_or(|s| s.meta.sort_by == SortBy::Date);
        // Listings run newest first: the one after in the list was published before.
        let (before, after) = (
            members.get(at + 1).copied(),
            at.checked_sub(1).map(|k| members[k]),
        );
        if by_date {
            (before, after)
        } else {
            (
                at.checked_sub(1).map(|k| members[k]),
                members.get(at + 1).copied(),
            )
        }
    }
}

/// A BCP 47 tag as an Open Graph locale: its language and region (`ar-EG` → `ar_EG`), or the
/// region that readers of the language are most often told to expect (`ar` → `ar_AR`).
fn og_locale(lang: &str) -> String {
    let mut parts = lang.split(['-', '_']);
    let language = parts.next().unwrap_or_default().to_ascii_lowercase();
    let region = parts
        .find(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase);
    let region = region.unwrap_or_else(|| {
        match language.as_str() {
            "en" => "US",
            "fa" => "IR",
            "he" => "IL",
            "ja" => "JP",
            "ko" => "KR",
            "ur" => "PK",
            "zh" => "CN",
            other => return other.to_ascii_uppercase(),
        }
        .to_string()
    });
    format!("{language}_{region}")
}

fn section_title(site: &Site, name: &str) -> String {
    site.sections.iter().find(|s| s.name == name).map_or_else(
        || name.rsplit('/').next().unwrap_or(name).to_string(),
        |s| s.meta.title.clone(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn open_graph_locales() {
        for (lang, locale) in [
            ("ar", "ar_AR"),
            ("ar-EG", "ar_EG"),
            ("en", "en_US"),
            ("ru", "ru_RU"),
            ("zh-Hans-TW", "zh_TW"),
            ("fa", "fa_IR"),
        ] {
            assert_eq!(super::og_locale(lang), locale, "{lang}");
        }
    }
}
