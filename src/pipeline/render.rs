//! Stage 4: build each page's template context and render it with Tera.

use crate::arabic::dates::{format_date, with_digits};
use crate::arabic::normalize_phrase;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::embedded;
use crate::model::{Article, DigitStyle, EntryKind, GlossaryEntry, SiteConfig, SortBy};
use crate::pipeline::annotate::{html_escape, AnnotatedArticle, TermUse};
use crate::pipeline::links::{LinkGraph, Targets};
use crate::pipeline::load::{AssetFile, SourceFile, THEME_OUTPUT_DIR};
use crate::pipeline::markdown;
use crate::pipeline::output::Contents;
use crate::pipeline::search;
use crate::pipeline::site::Site;
use crate::urls::page_url;
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use tera::Tera;

/// A rendered page: where it goes in the output, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPage {
    /// `/`-separated path relative to the output directory, e.g. `articles/x/index.html`.
    pub path: String,
    pub contents: Contents,
}

/// The compiled templates of a site: the defaults, then its theme's, then its own.
pub struct Templates {
    tera: Tera,
    /// Where each template came from and its text, for errors.
    sources: HashMap<String, (PathBuf, String)>,
}

impl Templates {
    pub fn new(
        overrides: &[(String, SourceFile)],
        digits: DigitStyle,
    ) -> Result<Templates, Diagnostics> {
        let mut sources: HashMap<String, (PathBuf, String)> = embedded::TEMPLATES
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    (PathBuf::from(format!("templates/{name}")), text.to_string()),
                )
            })
            .collect();
        for (name, file) in overrides {
            sources.insert(name.clone(), (file.path.clone(), file.text.to_string()));
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        // Tera's default also escapes `/`, which clutters every URL; these five are enough.
        tera.set_escape_fn(escape_html);
        tera.register_filter(
            "arabic_date",
            move |value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
                let text = value
                    .as_str()
                    .ok_or_else(|| tera::Error::msg("arabic_date expects a date string"))?;
                let date =
                    crate::model::Date::parse(text).map_err(|e| tera::Error::msg(e.to_string()))?;
                Ok(tera::Value::String(format_date(&date, digits)))
            },
        );
        tera.register_filter(
            "digits",
            move |value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
                let text = match value {
                    tera::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                Ok(tera::Value::String(with_digits(&text, digits)))
            },
        );
        let mut raw: Vec<(&str, &str)> = sources
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str()))
            .collect();
        raw.sort();
        if let Err(err) = tera.add_raw_templates(raw) {
            return Err(template_error(&err, &sources).into());
        }
        Ok(Templates { tera, sources })
    }

    fn render(&self, name: &str, context: &impl Serialize) -> Result<String, Diagnostic> {
        let context = tera::Context::from_serialize(context).map_err(|err| {
            let path = self
                .sources
                .get(name)
                .map_or_else(|| PathBuf::from("templates"), |(p, _)| p.clone());
            Diagnostic::error(path, format!("cannot build the page's data: {err}"))
        })?;
        self.tera
            .render(name, &context)
            .map_err(|err| template_error(&err, &self.sources))
    }
}

fn escape_html(text: &str) -> String {
    crate::pipeline::annotate::html_escape(text)
}

/// A Tera error as a diagnostic pointing into the template it concerns.
fn template_error(err: &tera::Error, sources: &HashMap<String, (PathBuf, String)>) -> Diagnostic {
    let mut chain = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        chain.push(cause.to_string());
        source = cause.source();
    }
    // Tera names the template in quotes: "Failed to parse 'x.html'", "... rendering 'x.html'".
    let name = chain
        .iter()
        .find_map(|m| m.split('\'').nth(1).filter(|n| sources.contains_key(*n)))
        .unwrap_or("");
    let detail = chain.last().cloned().unwrap_or_default();
    let location = detail.split("--> ").nth(1).and_then(|rest| {
        let mut numbers = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        Some((
            numbers.next()?.parse::<usize>().ok()?,
            numbers.next()?.parse::<usize>().ok()?,
        ))
    });
    let message = detail
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with("= "))
        .map(|l| l.trim_start().trim_start_matches("= ").to_string())
        .unwrap_or_else(|| chain.join(": "));
    let (path, text) = match sources.get(name) {
        Some((path, text)) => (path.clone(), Some(text.as_str())),
        None => (PathBuf::from("templates"), None),
    };
    // Tera gives no position for a variable missing at render time: find its first use.
    let undefined = detail
        .strip_prefix("Variable `")
        .and_then(|rest| rest.split('`').next())
        .filter(|_| detail.contains("not found in context"));
    if let (Some(variable), Some(text)) = (undefined, text) {
        let diagnostic = Diagnostic::error(path, format!("template error: undefined variable `{variable}`"))
            .with_hint("the README lists the data each template receives; test optional values with `{% if x %}`");
        return match text.find(variable) {
            Some(offset) => diagnostic.at_offset(text, offset, variable.len()),
            None => diagnostic,
        };
    }
    let diagnostic = Diagnostic::error(path, format!("template error: {message}"))
        .with_hint("fix the template, or delete it to use the default");
    match (location, text) {
        (Some((line, column)), Some(text)) => diagnostic.at_line_column(text, line, column, 1),
        _ => diagnostic,
    }
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    author: &'a str,
    base_url: String,
    base_path: String,
    language: &'a str,
    dir: &'static str,
}

#[derive(Serialize, Clone)]
struct NavLink {
    title: String,
    url: String,
}

/// Fields every template receives.
#[derive(Serialize)]
struct Common<'a> {
    site: &'a SiteView<'a>,
    lang: &'a str,
    dir: &'static str,
    page_url: String,
    page_kind: &'static str,
    theme_url: &'a str,
    sections: &'a [NavLink],
    glossary_url: &'a str,
    tags_url: &'a str,
    search_url: &'a str,
    /// The page's absolute URL.
    canonical: String,
    /// The Atom feed of what the page lists (the site's, a tag's, an entry's).
    feed_url: String,
}

#[derive(Serialize, Clone)]
struct TagRef {
    name: String,
    url: String,
}

#[derive(Serialize, Clone)]
struct SourceView {
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

#[derive(Serialize, Clone)]
struct ArticleSummary {
    title: String,
    url: String,
    permalink: String,
    date: String,
    summary: String,
    lang: String,
    dir: &'static str,
    tags: Vec<TagRef>,
    author: Option<String>,
    translator: Option<String>,
    source: Option<SourceView>,
}

#[derive(Serialize)]
struct TermView {
    id: String,
    n: usize,
    term: String,
    kind: &'static str,
    kind_label: &'static str,
    original: Option<String>,
    latin: Option<String>,
    summary: String,
    url: Option<String>,
}

#[derive(Serialize)]
struct NoteView {
    n: usize,
    quote: String,
    body: String,
}

/// A term's popover or a note, in the order of the numbers in the text; it carries its term
/// or note, so a template need not search for it.
#[derive(Serialize)]
struct EndnoteView<'a> {
    n: usize,
    kind: &'static str,
    id: String,
    term: Option<&'a TermView>,
    note: Option<&'a NoteView>,
}

#[derive(Serialize)]
struct ArticleView<'a> {
    #[serde(flatten)]
    summary: ArticleSummary,
    content: String,
    terms: &'a [TermView],
    notes: &'a [NoteView],
    endnotes: Vec<EndnoteView<'a>>,
    backlinks: Vec<&'a ArticleSummary>,
    related: Vec<&'a ArticleSummary>,
    /// The article published before this one in its section, and the one after.
    previous: Option<&'a ArticleSummary>,
    next: Option<&'a ArticleSummary>,
    breadcrumbs: Vec<NavLink>,
    /// schema.org `NewsArticle` as JSON, safe inside a script element.
    json_ld: String,
}

/// How a list is cut into numbered pages (from 1) of `per_page` items: listings and the
/// mentions on an entry's page.
#[derive(Clone, Copy)]
struct Pages {
    per_page: usize,
}

impl Pages {
    fn new(per_page: usize) -> Pages {
        Pages {
            per_page: per_page.max(1),
        }
    }

    /// How many pages `items` fill; an empty list still has its first page.
    fn count(self, items: usize) -> usize {
        items.div_ceil(self.per_page).max(1)
    }

    /// The page that shows the item at `position` (from 0).
    fn holding(self, position: usize) -> usize {
        position / self.per_page + 1
    }

    /// The position (from 0) of the first item of page `n`.
    fn start(self, n: usize) -> usize {
        (n - 1) * self.per_page
    }

    /// The items of page `n`.
    fn of<T>(self, items: &[T], n: usize) -> &[T] {
        let start = self.start(n).min(items.len());
        &items[start..(start + self.per_page).min(items.len())]
    }
}

/// The page numbers a listing shows: the first, the last and two either side of the current
/// one, with 0 where numbers are left out; a listing of 500 pages links 7, not 500.
fn page_window(current: usize, total: usize) -> Vec<usize> {
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
struct Paginator {
    current: usize,
    total: usize,
    previous_url: Option<String>,
    next_url: Option<String>,
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    n: usize,
    url: String,
}

#[derive(Serialize)]
struct EntryLink {
    id: String,
    term: String,
    url: String,
}

#[derive(Serialize)]
struct EntrySummary {
    id: String,
    term: String,
    url: String,
    kind_label: &'static str,
    summary: String,
    original: Option<String>,
    latin: Option<String>,
}

#[derive(Serialize)]
struct GlossaryGroup {
    kind: &'static str,
    label: &'static str,
    entries: Vec<EntrySummary>,
}

#[derive(Serialize)]
struct MentionView {
    article: ArticleSummary,
    excerpt: String,
}

#[derive(Serialize)]
struct EntryView {
    id: String,
    term: String,
    kind: &'static str,
    kind_label: &'static str,
    variants: Vec<String>,
    original: Option<String>,
    latin: Option<String>,
    wikidata: Option<String>,
    summary: String,
    body: String,
    url: String,
    see_also: Vec<EntryLink>,
    /// This page's mentions, newest first; `first` is the number of the first of them.
    mentions: Vec<MentionView>,
    first: usize,
    mention_count: usize,
}

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
}

/// One page of the site, by what it shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageId {
    /// An article, by its index in `Site::articles`.
    Article(usize),
    /// A page of the home listing, from 1.
    Home(usize),
    Section(String, usize),
    TagIndex,
    /// A page of a tag's listing, by the tag's slug.
    Tag(String, usize),
    GlossaryIndex,
    /// A glossary entry's page, by its id.
    /// A glossary entry's page `n` (from 1) of the articles that mention it.
    Entry(String, usize),
    NotFound,
    Search,
    SearchIndex,
    Feed(Feed),
    Sitemap,
    Robots,
}

/// Atom feeds: the site's, a tag's, a glossary entry's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feed {
    Site,
    Tag(String),
    Entry(String),
}

#[derive(Serialize)]
struct Page<'a, T: Serialize> {
    #[serde(flatten)]
    common: Common<'a>,
    #[serde(flatten)]
    data: T,
}

/// How many articles a feed carries.
const FEED_ENTRIES: usize = 20;

/// Renders pages of one site. Built once per build (or rebuild); what every page shares —
/// summaries, tags, the index of mentions, links and related reading — is computed here, so
/// rendering any page is cheap and no page scans the whole site.
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
    summaries: Vec<ArticleSummary>,
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
    /// Entry id → (article, excerpt) of every article that mentions it, newest first.
    mentions: HashMap<&'a str, Vec<(usize, &'a str)>>,
    links: LinkGraph,
    targets: Targets<'a>,
    /// Each glossary entry's summary (inline) and body, rendered once with their links filled.
    entries_html: HashMap<&'a str, EntryHtml>,
    related: &'a [Vec<usize>],
}

/// A glossary entry's Markdown, rendered once per build.
struct EntryHtml {
    summary: String,
    body: String,
    /// Broken links: the link as written, the message, the hint.
    problems: Vec<(String, String, String)>,
}

impl<'a> Renderer<'a> {
    /// `annotated[i]` and `related[i]` belong to `site.articles[i]`; `assets` are the files
    /// copied as they are.
    pub fn new(
        site: &'a Site,
        annotated: &'a [Arc<AnnotatedArticle>],
        related: &'a [Vec<usize>],
        templates: &'a Templates,
        assets: &[AssetFile],
    ) -> Renderer<'a> {
        let config = &site.config;
        let base_path = config.base_path();

        // Tags: the first spelling (in article order) names the tag.
        let mut tag_refs: HashMap<String, TagRef> = HashMap::default();
        let mut tag_articles: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, article) in site.articles.iter().enumerate() {
            for tag in &article.front.tags {
                let key = &tag.key;
                if key.is_empty() {
                    continue;
                }
                match tag_articles.get_mut(key) {
                    Some(list) if list.last() == Some(&i) => {}
                    Some(list) => list.push(i),
                    None => {
                        tag_articles.insert(key.clone(), vec![i]);
                        tag_refs.insert(
                            key.clone(),
                            TagRef {
                                name: tag.name.trim().to_string(),
                                url: page_url(&base_path, &["tags", key]),
                            },
                        );
                    }
                }
            }
        }

        let mut sections: BTreeMap<String, Vec<usize>> = site
            .sections
            .iter()
            .map(|s| (s.name.clone(), Vec::new()))
            .collect();
        for (i, article) in site.articles.iter().enumerate() {
            if !article.section.is_empty() {
                sections.entry(article.section.clone()).or_default().push(i);
            }
        }
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
        let nav = sections
            .keys()
            .filter(|name| !name.contains('/'))
            .map(|name| NavLink {
                title: section_title(site, name),
                url: page_url(&base_path, &name.split('/').collect::<Vec<_>>()),
            })
            .collect();

        let (mentions, summaries) = rayon::join(
            || {
                let mut mentions: HashMap<&str, Vec<(usize, &str)>> = HashMap::default();
                for (i, body) in annotated.iter().enumerate() {
                    for mention in &body.mentions {
                        mentions
                            .entry(mention.entry.id.as_str())
                            .or_default()
                            .push((i, mention.excerpt_html.as_str()));
                    }
                }
                mentions
            },
            || {
                site.articles
                    .par_iter()
                    .map(|a| summary_of(a, config, &base_path, &tag_refs))
                    .collect::<Vec<ArticleSummary>>()
            },
        );
        let mut renderer = Renderer {
            site,
            annotated,
            templates,
            view: SiteView {
                title: &config.title,
                description: config.description.as_deref().unwrap_or(""),
                author: config.author.as_deref().unwrap_or(""),
                base_url: config.base_url_slash(),
                base_path: base_path.clone(),
                language: &config.language,
                dir: config.direction().as_str(),
            },
            theme_url: format!("{base_path}{THEME_OUTPUT_DIR}/"),
            glossary_url: page_url(&base_path, &["glossary"]),
            tags_url: page_url(&base_path, &["tags"]),
            search_url: page_url(&base_path, &["search"]),
            base_url: config.base_url_slash(),
            base_path,
            nav,
            summary_hashes: summaries.par_iter().map(hash_summary).collect(),
            summaries,
            tag_refs,
            tag_articles,
            sections,
            section_position,
            mentions,
            links: LinkGraph::default(),
            targets: Targets::new(site, annotated),
            entries_html: HashMap::default(),
            related,
        };
        let mut outputs: HashSet<String> = renderer
            .all_pages()
            .iter()
            .map(|p| renderer.output_path(p))
            .collect();
        outputs.extend(assets.iter().map(|a| a.output.clone()));
        outputs.extend(
            embedded::THEME_ASSETS
                .iter()
                .map(|(name, _)| format!("{THEME_OUTPUT_DIR}/{name}")),
        );
        renderer.targets.set_outputs(outputs);
        renderer.links = LinkGraph::new(site, annotated, &renderer.targets);
        let entries_html = site
            .glossary
            .entries
            .par_iter()
            .map(|e| (e.id.as_str(), renderer.render_entry(e)))
            .collect();
        renderer.entries_html = entries_html;
        renderer
    }

    /// An entry's summary and body with their links filled in, as seen from its page.
    fn render_entry(&self, entry: &GlossaryEntry) -> EntryHtml {
        let from = self.entry_url(&entry.id);
        let mut problems = Vec::new();
        let mut render = |text: &str| {
            let rendered = markdown::render(text, self.raw_html(), None);
            let (html, broken) =
                self.targets
                    .fill_standalone(&from, &rendered.html, &rendered.links);
            for (n, message, hint) in broken {
                let written = text
                    .get(rendered.links[n].span.clone())
                    .unwrap_or_default()
                    .to_string();
                problems.push((written, message, hint));
            }
            html
        };
        let summary = markdown::strip_paragraph(&render(&entry.summary));
        let body = entry.body.as_deref().map(&mut render).unwrap_or_default();
        EntryHtml {
            summary,
            body,
            problems,
        }
    }

    /// Broken links, links to drafts, stray `[[`: in articles, notes and glossary entries.
    pub fn link_problems(&self, glossary_file: Option<&SourceFile>) -> Diagnostics {
        let mut problems = self.links.problems.clone();
        let path = glossary_file.map_or_else(
            || PathBuf::from(crate::pipeline::load::GLOSSARY_FILE),
            |f| f.path.clone(),
        );
        for entry in self.site.glossary.entries.iter() {
            for (written, message, hint) in &self.entries_html[entry.id.as_str()].problems {
                let mut diagnostic =
                    Diagnostic::error(&path, message.clone()).with_hint(hint.clone());
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
        problems
    }

    fn listings(&self) -> Pages {
        Pages::new(self.site.config.paginate_by)
    }

    fn mention_pages(&self) -> Pages {
        Pages::new(self.site.config.glossary.mentions_per_page)
    }

    /// The page of entry `id`'s mentions that shows article `i`'s.
    pub fn entry_page_of(&self, id: &str, i: usize) -> Option<PageId> {
        let at = self
            .mentions
            .get(id)?
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
        if self.sections.contains_key(&article.section) {
            pages.push(PageId::Section(
                article.section.clone(),
                listings.holding(self.section_position[i]),
            ));
        }
        for tag in &article.front.tags {
            if let Some(at) = self
                .tag_articles
                .get(&tag.key)
                .and_then(|members| members.binary_search(&i).ok())
            {
                pages.push(PageId::Tag(tag.key.clone(), listings.holding(at)));
            }
        }
        pages
    }

    /// Every page of the site.
    pub fn all_pages(&self) -> Vec<PageId> {
        let mut pages: Vec<PageId> = (0..self.site.articles.len()).map(PageId::Article).collect();
        pages.extend((1..=self.listings().count(self.summaries.len())).map(PageId::Home));
        for (name, members) in &self.sections {
            pages.extend(
                (1..=self.listings().count(members.len()))
                    .map(|n| PageId::Section(name.clone(), n)),
            );
        }
        pages.push(PageId::TagIndex);
        for (key, members) in &self.tag_articles {
            pages.extend(
                (1..=self.listings().count(members.len())).map(|n| PageId::Tag(key.clone(), n)),
            );
            pages.push(PageId::Feed(Feed::Tag(key.clone())));
        }
        pages.push(PageId::GlossaryIndex);
        for entry in self.site.glossary.entries.iter() {
            let count = self.mentions.get(entry.id.as_str()).map_or(0, Vec::len);
            pages.extend(
                (1..=self.mention_pages().count(count)).map(|n| PageId::Entry(entry.id.clone(), n)),
            );
            pages.push(PageId::Feed(Feed::Entry(entry.id.clone())));
        }
        pages.extend([
            PageId::NotFound,
            PageId::Search,
            PageId::SearchIndex,
            PageId::Feed(Feed::Site),
            PageId::Sitemap,
            PageId::Robots,
        ]);
        pages
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
        self.summary_hashes[i]
    }

    /// What article `i`'s page shows of other articles (backlinks, related, neighbours, where
    /// its links lead): when it changes, the page is rendered again.
    pub fn surroundings_fingerprint(&self, i: usize) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let hashes = |list: &[usize]| {
            list.iter()
                .map(|&j| self.summary_hashes[j])
                .collect::<Vec<_>>()
        };
        hashes(&self.links.backlinks[i]).hash(&mut hasher);
        hashes(&self.related[i]).hash(&mut hasher);
        let (previous, next) = self.neighbours(i);
        previous.map(|j| self.summary_hashes[j]).hash(&mut hasher);
        next.map(|j| self.summary_hashes[j]).hash(&mut hasher);
        self.links.hash_targets(i, &mut hasher);
        hasher.finish()
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
            PageId::Home(n) => listing(&[], *n),
            PageId::Section(name, n) => listing(&name.split('/').collect::<Vec<_>>(), *n),
            PageId::TagIndex => "tags/index.html".to_string(),
            PageId::Tag(key, n) => listing(&["tags", key], *n),
            PageId::GlossaryIndex => "glossary/index.html".to_string(),
            PageId::Entry(id, n) => listing(&["glossary", id], *n),
            PageId::NotFound => "404.html".to_string(),
            PageId::Search => "search/index.html".to_string(),
            PageId::SearchIndex => search::INDEX_PATH.to_string(),
            PageId::Feed(Feed::Site) => "atom.xml".to_string(),
            PageId::Feed(Feed::Tag(key)) => format!("tags/{key}/atom.xml"),
            PageId::Feed(Feed::Entry(id)) => format!("glossary/{id}/atom.xml"),
            PageId::Sitemap => "sitemap.xml".to_string(),
            PageId::Robots => "robots.txt".to_string(),
        }
    }

    /// The URL of a page, from its output path.
    fn url_of(&self, page: &PageId) -> String {
        let path = self.output_path(page);
        let path = path.strip_suffix("index.html").unwrap_or(&path);
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let mut url = page_url(&self.base_path, &segments);
        if !path.is_empty() && !path.ends_with('/') {
            url.pop();
        }
        url
    }

    fn absolute(&self, url: &str) -> String {
        format!(
            "{}{}",
            self.base_url,
            url.strip_prefix(&self.base_path).unwrap_or(url)
        )
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
        }
    }

    fn site_common(&self, page_url: String, page_kind: &'static str) -> Common<'_> {
        self.site_common_with_feed(page_url, page_kind, Feed::Site)
    }

    /// A page in the site's language whose feed is `feed`.
    fn site_common_with_feed(
        &self,
        page_url: String,
        page_kind: &'static str,
        feed: Feed,
    ) -> Common<'_> {
        let config = &self.site.config;
        self.common(
            page_url,
            page_kind,
            &config.language,
            config.direction().as_str(),
            feed,
        )
    }

    fn entry_url(&self, id: &str) -> String {
        page_url(&self.base_path, &["glossary", id])
    }

    fn raw_html(&self) -> crate::model::RawHtml {
        self.site.config.markdown.raw_html
    }

    fn render_page(&self, page: &PageId) -> Result<RenderedPage, Diagnostic> {
        let html = match page {
            PageId::Article(i) => self.article(*i),
            PageId::Home(n) => self.home(*n),
            PageId::Section(name, n) => self.section(name, *n),
            PageId::TagIndex => self.tag_index(),
            PageId::Tag(key, n) => self.tag(key, *n),
            PageId::GlossaryIndex => self.glossary_index(),
            PageId::Entry(id, n) => self.entry(id, *n),
            PageId::NotFound => self.templates.render(
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
                    contents: Contents::SearchIndex(Arc::new(self.search_input())),
                });
            }
            PageId::Feed(feed) => Ok(self.feed(feed)),
            PageId::Sitemap => Ok(self.sitemap()),
            PageId::Robots => Ok(format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}\n",
                self.absolute(&self.url_of(&PageId::Sitemap))
            )),
        }?;
        Ok(RenderedPage {
            path: self.output_path(page),
            contents: Contents::Page(Arc::new(html)),
        })
    }

    /// The articles published before and after article `i` in its section.
    fn neighbours(&self, i: usize) -> (Option<usize>, Option<usize>) {
        let Some(members) = self.sections.get(&self.site.articles[i].section) else {
            return (None, None);
        };
        let Some(&at) = self.section_position.get(i) else {
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

    fn article(&self, i: usize) -> Result<String, Diagnostic> {
        let body = &self.annotated[i];
        let summary = &self.summaries[i];
        let article = &self.site.articles[i];
        #[derive(Serialize)]
        struct Data<'b> {
            article: ArticleView<'b>,
        }
        let (previous, next) = self.neighbours(i);
        let mut breadcrumbs = vec![NavLink {
            title: self
                .site
                .home
                .as_ref()
                .map_or(self.site.config.title.clone(), |h| h.meta.title.clone()),
            url: self.base_path.clone(),
        }];
        let mut path = Vec::new();
        for part in article.section.split('/').filter(|p| !p.is_empty()) {
            path.push(part);
            let name = path.join("/");
            breadcrumbs.push(NavLink {
                title: section_title(self.site, &name),
                url: page_url(&self.base_path, &path),
            });
        }
        let terms: Vec<TermView> = body.terms.iter().map(|t| self.term_view(t)).collect();
        let notes: Vec<NoteView> = body
            .notes
            .iter()
            .enumerate()
            .map(|(k, n)| NoteView {
                n: n.n,
                quote: n.quote.clone(),
                body: self.links.fill_note(i, k, &n.body_html, &n.links),
            })
            .collect();
        let view = ArticleView {
            summary: summary.clone(),
            content: self.links.fill_body(i, &body.html, &body.links),
            terms: &terms,
            notes: &notes,
            endnotes: endnotes(&terms, &notes),
            backlinks: self.links.backlinks[i]
                .iter()
                .map(|&j| &self.summaries[j])
                .collect(),
            related: self.related[i]
                .iter()
                .map(|&j| &self.summaries[j])
                .collect(),
            previous: previous.map(|j| &self.summaries[j]),
            next: next.map(|j| &self.summaries[j]),
            breadcrumbs,
            json_ld: self.json_ld(i),
        };
        let common = self.common(
            summary.url.clone(),
            "article",
            &summary.lang,
            summary.dir,
            Feed::Site,
        );
        self.templates.render(
            "article.html",
            &Page {
                common,
                data: Data { article: view },
            },
        )
    }

    /// schema.org `NewsArticle`, with `</` escaped so it cannot end its script element.
    fn json_ld(&self, i: usize) -> String {
        let article = &self.site.articles[i];
        let summary = &self.summaries[i];
        let person = |name: &Option<String>| {
            name.as_ref()
                .map(|n| serde_json::json!({"@type": "Person", "name": n}))
        };
        let mut value = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": summary.title,
            "datePublished": summary.date,
            "inLanguage": summary.lang,
            "mainEntityOfPage": summary.permalink,
            "url": summary.permalink,
        });
        let object = value.as_object_mut().expect("a JSON object");
        if !summary.summary.is_empty() {
            object.insert("description".into(), summary.summary.clone().into());
        }
        let author = person(&article.front.author).or_else(|| {
            self.site
                .config
                .author
                .as_ref()
                .map(|a| serde_json::json!({"@type": "Organization", "name": a}))
        });
        if let Some(author) = author {
            object.insert("author".into(), author);
        }
        if let Some(translator) = person(&article.front.translator) {
            object.insert("translator".into(), translator);
        }
        if let Some(source) = &summary.source {
            let mut based_on = serde_json::json!({"@type": "CreativeWork"});
            let fields = based_on.as_object_mut().expect("a JSON object");
            if let Some(title) = &source.title {
                fields.insert("name".into(), title.clone().into());
            }
            if let Some(url) = &source.url {
                fields.insert("url".into(), url.clone().into());
            }
            if let Some(outlet) = &source.outlet {
                fields.insert(
                    "publisher".into(),
                    serde_json::json!({"@type": "Organization", "name": outlet}),
                );
            }
            if let Some(author) = &source.author {
                fields.insert(
                    "author".into(),
                    serde_json::json!({"@type": "Person", "name": author}),
                );
            }
            if let Some(date) = &source.date {
                fields.insert("datePublished".into(), date.clone().into());
            }
            object.insert("isBasedOn".into(), based_on);
        }
        serde_json::to_string(&value)
            .unwrap_or_default()
            .replace("</", "<\\/")
    }

    /// Links to the pages of a list of `count` items cut into `pages`.
    fn paginator(
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

    fn page_of<'b>(&'b self, members: &'b [usize], n: usize) -> Vec<&'b ArticleSummary> {
        self.listings()
            .of(members, n)
            .iter()
            .map(|&i| &self.summaries[i])
            .collect()
    }

    fn home(&self, n: usize) -> Result<String, Diagnostic> {
        let home = self.site.home.as_ref();
        #[derive(Serialize)]
        struct Data<'b> {
            home_title: &'b str,
            intro: String,
            articles: Vec<&'b ArticleSummary>,
            paginator: Paginator,
        }
        let all: Vec<usize> = (0..self.summaries.len()).collect();
        let data = Data {
            home_title: home.map_or(self.site.config.title.as_str(), |h| h.meta.title.as_str()),
            intro: if n == 1 {
                home.map_or_else(String::new, |h| {
                    markdown::render(&h.body, self.raw_html(), None).html
                })
            } else {
                String::new()
            },
            articles: self.page_of(&all, n),
            paginator: self.paginator(&[], all.len(), self.listings(), n),
        };
        let common = self.site_common(self.url_of(&PageId::Home(n)), "home");
        self.templates.render("home.html", &Page { common, data })
    }

    fn section(&self, name: &str, n: usize) -> Result<String, Diagnostic> {
        let meta = self.site.sections.iter().find(|s| s.name == name);
        let segments: Vec<&str> = name.split('/').collect();
        let members = self.sections.get(name).map_or(&[][..], Vec::as_slice);
        #[derive(Serialize)]
        struct Data<'b> {
            section: SectionView,
            articles: Vec<&'b ArticleSummary>,
            paginator: Paginator,
        }
        let data = Data {
            section: SectionView {
                title: section_title(self.site, name),
                url: page_url(&self.base_path, &segments),
                content: meta.map_or_else(String::new, |s| {
                    markdown::render(&s.body, self.raw_html(), None).html
                }),
            },
            articles: self.page_of(members, n),
            paginator: self.paginator(&segments, members.len(), self.listings(), n),
        };
        let common = self.site_common(
            self.url_of(&PageId::Section(name.to_string(), n)),
            "section",
        );
        self.templates
            .render("section.html", &Page { common, data })
    }

    fn tag_index(&self) -> Result<String, Diagnostic> {
        let mut tags: Vec<TagCount> = self
            .tag_articles
            .iter()
            .map(|(key, list)| TagCount {
                name: self.tag_refs[key].name.clone(),
                url: self.tag_refs[key].url.clone(),
                count: list.len(),
            })
            .collect();
        tags.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        #[derive(Serialize)]
        struct Data {
            tags: Vec<TagCount>,
        }
        self.templates.render(
            "tags.html",
            &Page {
                common: self.site_common(self.tags_url.clone(), "tags"),
                data: Data { tags },
            },
        )
    }

    fn tag(&self, key: &str, n: usize) -> Result<String, Diagnostic> {
        let tag = self.tag_refs[key].clone();
        let members = &self.tag_articles[key];
        #[derive(Serialize)]
        struct Data<'b> {
            tag: TagRef,
            articles: Vec<&'b ArticleSummary>,
            count: usize,
            paginator: Paginator,
        }
        let common = self.site_common_with_feed(
            self.url_of(&PageId::Tag(key.to_string(), n)),
            "tag",
            Feed::Tag(key.to_string()),
        );
        let data = Data {
            tag,
            articles: self.page_of(members, n),
            count: members.len(),
            paginator: self.paginator(&["tags", key], members.len(), self.listings(), n),
        };
        self.templates.render("tag.html", &Page { common, data })
    }

    fn glossary_index(&self) -> Result<String, Diagnostic> {
        let mut groups: Vec<GlossaryGroup> = Vec::new();
        for kind in EntryKind::ALL {
            let mut entries: Vec<&GlossaryEntry> = self
                .site
                .glossary
                .entries
                .iter()
                .map(|e| &**e)
                .filter(|e| e.kind == kind)
                .collect();
            if entries.is_empty() {
                continue;
            }
            entries.sort_by_cached_key(|e| (alphabetical_key(&e.term), e.id.clone()));
            groups.push(GlossaryGroup {
                kind: kind.as_str(),
                label: kind.label(),
                entries: entries
                    .iter()
                    .map(|e| EntrySummary {
                        id: e.id.clone(),
                        term: e.term.clone(),
                        url: self.entry_url(&e.id),
                        kind_label: e.kind.singular_label(),
                        summary: self.entry_markdown(e, true),
                        original: e.original.clone(),
                        latin: e.latin.clone(),
                    })
                    .collect(),
            });
        }
        #[derive(Serialize)]
        struct Data {
            groups: Vec<GlossaryGroup>,
        }
        let common = self.site_common(self.glossary_url.clone(), "glossary");
        self.templates.render(
            "glossary.html",
            &Page {
                common,
                data: Data { groups },
            },
        )
    }

    /// An entry's summary (inline) or body: from the cache, or rendered now for an entry an
    /// article defines for itself.
    fn entry_markdown(&self, entry: &GlossaryEntry, summary: bool) -> String {
        match self.entries_html.get(entry.id.as_str()).filter(|_| {
            self.site
                .glossary
                .get(&entry.id)
                .is_some_and(|e| **e == *entry)
        }) {
            Some(html) if summary => html.summary.clone(),
            Some(html) => html.body.clone(),
            None => {
                let html = self.render_entry(entry);
                if summary {
                    html.summary
                } else {
                    html.body
                }
            }
        }
    }

    fn entry(&self, id: &str, n: usize) -> Result<String, Diagnostic> {
        let entry = self
            .site
            .glossary
            .get(id)
            .expect("entry pages are listed from the glossary");
        let url = self.entry_url(&entry.id);
        let all_mentions = self
            .mentions
            .get(entry.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        let pages = self.mention_pages();
        let view = EntryView {
            id: entry.id.clone(),
            term: entry.term.clone(),
            kind: entry.kind.as_str(),
            kind_label: entry.kind.singular_label(),
            variants: entry.variants.clone(),
            original: entry.original.clone(),
            latin: entry.latin.clone(),
            wikidata: entry.wikidata.clone(),
            summary: self.entry_markdown(entry, true),
            body: self.entry_markdown(entry, false),
            url,
            see_also: entry
                .see_also
                .iter()
                .filter_map(|id| self.site.glossary.get(id))
                .map(|e| EntryLink {
                    id: e.id.clone(),
                    term: e.term.clone(),
                    url: self.entry_url(&e.id),
                })
                .collect(),
            first: pages.start(n) + 1,
            mention_count: all_mentions.len(),
            mentions: pages
                .of(all_mentions, n)
                .iter()
                .map(|&(i, excerpt)| MentionView {
                    article: self.summaries[i].clone(),
                    excerpt: excerpt.to_string(),
                })
                .collect(),
        };
        #[derive(Serialize)]
        struct Data {
            entry: EntryView,
            paginator: Paginator,
        }
        let common = self.site_common_with_feed(
            self.url_of(&PageId::Entry(id.to_string(), n)),
            "entry",
            Feed::Entry(entry.id.clone()),
        );
        self.templates.render(
            "entry.html",
            &Page {
                common,
                data: Data {
                    paginator: self.paginator(&["glossary", id], all_mentions.len(), pages, n),
                    entry: view,
                },
            },
        )
    }

    fn search(&self) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Data {
            search_index_url: String,
        }
        let data = Data {
            search_index_url: self.url_of(&PageId::SearchIndex),
        };
        self.templates.render(
            "search.html",
            &Page {
                common: self.site_common(self.search_url.clone(), "search"),
                data,
            },
        )
    }

    fn search_input(&self) -> search::SearchInput {
        let docs = self
            .summaries
            .iter()
            .zip(self.annotated)
            .map(|(summary, body)| search::SearchDoc {
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
            })
            .collect();
        search::SearchInput::new(docs)
    }

    /// An Atom feed (RFC 4287) of the newest articles of the site, a tag or an entry.
    fn feed(&self, feed: &Feed) -> String {
        let (title, members, alternate): (String, Vec<usize>, String) = match feed {
            Feed::Site => (
                self.site.config.title.clone(),
                (0..self.summaries.len()).collect(),
                self.base_path.clone(),
            ),
            Feed::Tag(key) => (
                format!("{} — {}", self.tag_refs[key].name, self.site.config.title),
                self.tag_articles[key].clone(),
                self.tag_refs[key].url.clone(),
            ),
            Feed::Entry(id) => {
                let term = self
                    .site
                    .glossary
                    .get(id)
                    .map_or_else(|| id.clone(), |e| e.term.clone());
                let members = self
                    .mentions
                    .get(id.as_str())
                    .into_iter()
                    .flatten()
                    .map(|&(i, _)| i)
                    .collect();
                (
                    format!("{term} — {}", self.site.config.title),
                    members,
                    self.entry_url(id),
                )
            }
        };
        let self_url = self.absolute(&self.url_of(&PageId::Feed(feed.clone())));
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
        let updated = members.first().map_or_else(
            || "1970-01-01T00:00:00Z".to_string(),
            |&i| rfc3339(&self.summaries[i].date),
        );
        let e = html_escape;
        let mut xml = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <updated>{updated}</updated>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <author><name>{}</name></author>\n",
            e(&self.site.config.language),
            e(&title),
            e(&self_url),
            e(&self_url),
            e(&self.absolute(&alternate)),
            e(&author)
        );
        for &i in members.iter().take(FEED_ENTRIES) {
            let summary = &self.summaries[i];
            let article = &self.site.articles[i];
            let date = rfc3339(&summary.date);
            let by = article
                .front
                .author
                .as_ref()
                .or(article.front.translator.as_ref())
                .unwrap_or(&author);
            xml.push_str(&format!(
                "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <published>{date}</published>\n    <updated>{date}</updated>\n    <author><name>{}</name></author>\n",
                e(&summary.title),
                e(&summary.permalink),
                e(&summary.permalink),
                e(by)
            ));
            if !summary.summary.is_empty() {
                xml.push_str(&format!("    <summary>{}</summary>\n", e(&summary.summary)));
            }
            xml.push_str("  </entry>\n");
        }
        xml.push_str("</feed>\n");
        xml
    }

    /// Every HTML page but the 404 page, for search engines.
    fn sitemap(&self) -> String {
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for page in self.all_pages() {
            let path = self.output_path(&page);
            if !path.ends_with("index.html") {
                continue;
            }
            xml.push_str(&format!(
                "  <url><loc>{}</loc>",
                html_escape(&self.absolute(&self.url_of(&page)))
            ));
            if let PageId::Article(i) = page {
                xml.push_str(&format!("<lastmod>{}</lastmod>", self.summaries[i].date));
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
        xml
    }

    fn term_view(&self, term: &TermUse) -> TermView {
        let entry = &term.entry;
        TermView {
            id: entry.id.clone(),
            n: term.n,
            term: entry.term.clone(),
            kind: entry.kind.as_str(),
            kind_label: entry.kind.singular_label(),
            original: entry.original.clone(),
            latin: entry.latin.clone(),
            summary: self.entry_markdown(entry, true),
            url: term.has_page.then(|| self.entry_url(&entry.id)),
        }
    }
}

fn section_title(site: &Site, name: &str) -> String {
    site.sections.iter().find(|s| s.name == name).map_or_else(
        || name.rsplit('/').next().unwrap_or(name).to_string(),
        |s| s.meta.title.clone(),
    )
}

fn summary_of(
    article: &Article,
    config: &SiteConfig,
    base_path: &str,
    tag_refs: &HashMap<String, TagRef>,
) -> ArticleSummary {
    let url = page_url(base_path, &article.path_segments());
    let permalink = format!("{}{}", config.base_url_slash(), &url[base_path.len()..]);
    ArticleSummary {
        title: article.front.title.clone(),
        url,
        permalink,
        date: article.front.date.to_string(),
        summary: article.front.summary.clone().unwrap_or_default(),
        lang: article.lang(config).to_string(),
        dir: article.dir(config).as_str(),
        tags: article
            .front
            .tags
            .iter()
            .filter_map(|t| tag_refs.get(&t.key).cloned())
            .collect(),
        author: article.front.author.clone(),
        translator: article.front.translator.clone(),
        source: article.front.source.as_ref().map(|s| SourceView {
            title: s.title.clone(),
            outlet: s.outlet.clone(),
            url: s.url.clone().filter(|url| crate::urls::is_safe_url(url)),
            author: s.author.clone(),
            date: s.date.map(|d| d.to_string()),
        }),
    }
}

fn hash_summary(summary: &ArticleSummary) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(summary)
        .unwrap_or_default()
        .hash(&mut hasher);
    hasher.finish()
}

fn endnotes<'a>(terms: &'a [TermView], notes: &'a [NoteView]) -> Vec<EndnoteView<'a>> {
    let mut list: Vec<EndnoteView> = terms
        .iter()
        .map(|t| EndnoteView {
            n: t.n,
            kind: "term",
            id: t.id.clone(),
            term: Some(t),
            note: None,
        })
        .chain(notes.iter().map(|n| EndnoteView {
            n: n.n,
            kind: "note",
            id: format!("note-{}", n.n),
            term: None,
            note: Some(n),
        }))
        .collect();
    list.sort_by_key(|e| e.n);
    list
}

/// Arabic alphabetical order, a leading ال ignored: after normalisation the code points of
/// Arabic letters run in the order of the alphabet.
fn alphabetical_key(term: &str) -> String {
    let normalized = normalize_phrase(term);
    normalized
        .strip_prefix("ال")
        .filter(|rest| rest.chars().count() >= 2)
        .unwrap_or(&normalized)
        .to_string()
}

fn output_path(segments: &[&str]) -> String {
    let mut path: String = segments
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| format!("{s}/"))
        .collect();
    path.push_str("index.html");
    path
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn glossary_order_ignores_the_article() {
        let mut terms = vec![
            "الكرملين",
            "بيونغ يانغ",
            "أوكرانيا",
            "روسيا",
            "الاتحاد السوفيتي",
        ];
        terms.sort_by_key(|t| alphabetical_key(t));
        assert_eq!(
            terms,
            [
                "الاتحاد السوفيتي",
                "أوكرانيا",
                "بيونغ يانغ",
                "روسيا",
                "الكرملين"
            ]
        );
    }
}
