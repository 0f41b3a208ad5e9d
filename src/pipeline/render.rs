//! Stage 4: build each page's template context and render it with Tera.

use crate::arabic::dates::{format_date, with_digits};
use crate::arabic::normalize_phrase;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::embedded;
use crate::model::{Article, DigitStyle, EntryKind, GlossaryEntry, SiteConfig, SortBy};
use crate::pipeline::annotate::{AnnotatedArticle, TermUse};
use crate::pipeline::load::{SourceFile, THEME_OUTPUT_DIR};
use crate::pipeline::markdown;
use crate::pipeline::site::Site;
use crate::urls::{page_url, slugify};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use tera::Tera;

/// A rendered page: where it goes in the output, and its HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPage {
    /// `/`-separated path relative to the output directory, e.g. `articles/x/index.html`.
    pub path: String,
    pub html: String,
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
            move |value: &tera::Value, _: &HashMap<String, tera::Value>| {
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
            move |value: &tera::Value, _: &HashMap<String, tera::Value>| {
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

#[derive(Serialize)]
struct EndnoteView {
    n: usize,
    kind: &'static str,
    id: String,
}

#[derive(Serialize)]
struct ArticleView {
    #[serde(flatten)]
    summary: ArticleSummary,
    content: String,
    terms: Vec<TermView>,
    notes: Vec<NoteView>,
    endnotes: Vec<EndnoteView>,
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
    mentions: Vec<MentionView>,
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
    Home,
    Section(String),
    TagIndex,
    /// A tag page, by the tag's slug.
    Tag(String),
    GlossaryIndex,
    /// A glossary entry's page, by its id.
    Entry(String),
    NotFound,
}

#[derive(Serialize)]
struct Page<'a, T: Serialize> {
    #[serde(flatten)]
    common: Common<'a>,
    #[serde(flatten)]
    data: T,
}

/// Renders pages of one site. Built once per build (or rebuild); what every page shares —
/// summaries, tags, the index of mentions — is computed here, so rendering any page is cheap and
/// no page scans the whole site.
pub struct Renderer<'a> {
    site: &'a Site,
    annotated: &'a [AnnotatedArticle],
    templates: &'a Templates,
    view: SiteView<'a>,
    base_path: String,
    theme_url: String,
    nav: Vec<NavLink>,
    glossary_url: String,
    tags_url: String,
    summaries: Vec<ArticleSummary>,
    /// Tag slug → its name and URL.
    tag_refs: HashMap<String, TagRef>,
    /// Tag slug → its articles, newest first.
    tag_articles: BTreeMap<String, Vec<usize>>,
    /// Section name → its articles, in the section's order.
    sections: BTreeMap<String, Vec<usize>>,
    /// Entry id → (article, excerpt) of every article that mentions it, newest first.
    mentions: HashMap<&'a str, Vec<(usize, &'a str)>>,
}

impl<'a> Renderer<'a> {
    /// `annotated[i]` belongs to `site.articles[i]`.
    pub fn new(
        site: &'a Site,
        annotated: &'a [AnnotatedArticle],
        templates: &'a Templates,
    ) -> Renderer<'a> {
        let config = &site.config;
        let base_path = config.base_path();

        // Tags: the first spelling (in article order) names the tag.
        let mut tag_refs: HashMap<String, TagRef> = HashMap::new();
        let mut tag_articles: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, article) in site.articles.iter().enumerate() {
            for tag in &article.front.tags {
                let key = tag_key(tag);
                if key.is_empty() {
                    continue;
                }
                tag_refs.entry(key.clone()).or_insert_with(|| TagRef {
                    name: tag.trim().to_string(),
                    url: page_url(&base_path, &["tags", &key]),
                });
                let list = tag_articles.entry(key).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
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
        let nav = sections
            .keys()
            .filter(|name| !name.contains('/'))
            .map(|name| NavLink {
                title: section_title(site, name),
                url: page_url(&base_path, &name.split('/').collect::<Vec<_>>()),
            })
            .collect();

        let mut mentions: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
        for (i, body) in annotated.iter().enumerate() {
            for mention in &body.mentions {
                mentions
                    .entry(mention.entry_id.as_str())
                    .or_default()
                    .push((i, mention.excerpt_html.as_str()));
            }
        }

        let summaries = site
            .articles
            .iter()
            .map(|a| summary_of(a, config, &base_path, &tag_refs))
            .collect();
        Renderer {
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
            base_path,
            nav,
            summaries,
            tag_refs,
            tag_articles,
            sections,
            mentions,
        }
    }

    /// Every page of the site.
    pub fn all_pages(&self) -> Vec<PageId> {
        let mut pages: Vec<PageId> = (0..self.site.articles.len()).map(PageId::Article).collect();
        pages.push(PageId::Home);
        pages.extend(self.sections.keys().cloned().map(PageId::Section));
        pages.push(PageId::TagIndex);
        pages.extend(self.tag_articles.keys().cloned().map(PageId::Tag));
        pages.push(PageId::GlossaryIndex);
        pages.extend(
            self.site
                .glossary
                .entries
                .iter()
                .map(|e| PageId::Entry(e.id.clone())),
        );
        pages.push(PageId::NotFound);
        pages
    }

    /// Renders `pages` in parallel; reports every page that failed.
    pub fn render(&self, pages: &[PageId]) -> Result<Vec<RenderedPage>, Diagnostics> {
        let results: Vec<Result<RenderedPage, Diagnostic>> = pages
            .par_iter()
            .map(|page| self.render_page(page))
            .collect();
        let mut problems = Diagnostics::default();
        let mut rendered = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(page) => rendered.push(page),
                Err(diagnostic) => problems.push(diagnostic),
            }
        }
        if problems.has_errors() {
            return Err(problems.sorted());
        }
        Ok(rendered)
    }

    /// What listings show of article `i`, as one string: equal strings, equal listings.
    pub fn summary_fingerprint(&self, i: usize) -> String {
        serde_json::to_string(&self.summaries[i]).unwrap_or_default()
    }

    /// Where a page is written, relative to the output directory.
    pub fn output_path(&self, page: &PageId) -> String {
        match page {
            PageId::Article(i) => output_path(&self.site.articles[*i].path_segments()),
            PageId::Home => "index.html".to_string(),
            PageId::Section(name) => output_path(&name.split('/').collect::<Vec<_>>()),
            PageId::TagIndex => "tags/index.html".to_string(),
            PageId::Tag(key) => output_path(&["tags", key]),
            PageId::GlossaryIndex => "glossary/index.html".to_string(),
            PageId::Entry(id) => output_path(&["glossary", id]),
            PageId::NotFound => "404.html".to_string(),
        }
    }

    fn common(
        &self,
        page_url: String,
        page_kind: &'static str,
        lang: &'a str,
        dir: &'static str,
    ) -> Common<'_> {
        Common {
            site: &self.view,
            lang,
            dir,
            page_url,
            page_kind,
            theme_url: &self.theme_url,
            sections: &self.nav,
            glossary_url: &self.glossary_url,
            tags_url: &self.tags_url,
        }
    }

    fn site_common(&self, page_url: String, page_kind: &'static str) -> Common<'_> {
        let config = &self.site.config;
        self.common(
            page_url,
            page_kind,
            &config.language,
            config.direction().as_str(),
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
            PageId::Home => self.home(),
            PageId::Section(name) => self.section(name),
            PageId::TagIndex => self.tag_index(),
            PageId::Tag(key) => self.tag(key),
            PageId::GlossaryIndex => self.glossary_index(),
            PageId::Entry(id) => self.entry(id),
            PageId::NotFound => self.templates.render(
                "404.html",
                &Page {
                    common: self.site_common(format!("{}404.html", self.base_path), "404"),
                    data: (),
                },
            ),
        }?;
        Ok(RenderedPage {
            path: self.output_path(page),
            html,
        })
    }

    fn article(&self, i: usize) -> Result<String, Diagnostic> {
        let body = &self.annotated[i];
        let summary = &self.summaries[i];
        #[derive(Serialize)]
        struct Data {
            article: ArticleView,
        }
        let article = ArticleView {
            summary: summary.clone(),
            content: body.html.clone(),
            terms: body.terms.iter().map(|t| self.term_view(t)).collect(),
            notes: body
                .notes
                .iter()
                .map(|n| NoteView {
                    n: n.n,
                    quote: n.quote.clone(),
                    body: n.body_html.clone(),
                })
                .collect(),
            endnotes: endnotes(body),
        };
        let common = self.common(summary.url.clone(), "article", &summary.lang, summary.dir);
        self.templates.render(
            "article.html",
            &Page {
                common,
                data: Data { article },
            },
        )
    }

    fn home(&self) -> Result<String, Diagnostic> {
        let home = self.site.home.as_ref();
        #[derive(Serialize)]
        struct Data<'b> {
            home_title: &'b str,
            intro: String,
            articles: &'b [ArticleSummary],
        }
        let data = Data {
            home_title: home.map_or(self.site.config.title.as_str(), |h| h.meta.title.as_str()),
            intro: home.map_or_else(String::new, |h| {
                markdown::render(&h.body, self.raw_html(), None).html
            }),
            articles: &self.summaries,
        };
        self.templates.render(
            "home.html",
            &Page {
                common: self.site_common(self.base_path.clone(), "home"),
                data,
            },
        )
    }

    fn section(&self, name: &str) -> Result<String, Diagnostic> {
        let meta = self.site.sections.iter().find(|s| s.name == name);
        let url = page_url(&self.base_path, &name.split('/').collect::<Vec<_>>());
        #[derive(Serialize)]
        struct Data<'b> {
            section: SectionView,
            articles: Vec<&'b ArticleSummary>,
        }
        let data = Data {
            section: SectionView {
                title: section_title(self.site, name),
                url: url.clone(),
                content: meta.map_or_else(String::new, |s| {
                    markdown::render(&s.body, self.raw_html(), None).html
                }),
            },
            articles: self
                .sections
                .get(name)
                .into_iter()
                .flatten()
                .map(|&i| &self.summaries[i])
                .collect(),
        };
        self.templates.render(
            "section.html",
            &Page {
                common: self.site_common(url, "section"),
                data,
            },
        )
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

    fn tag(&self, key: &str) -> Result<String, Diagnostic> {
        let tag = self.tag_refs[key].clone();
        #[derive(Serialize)]
        struct Data<'b> {
            tag: TagRef,
            articles: Vec<&'b ArticleSummary>,
        }
        let common = self.site_common(tag.url.clone(), "tag");
        let articles = self.tag_articles[key]
            .iter()
            .map(|&i| &self.summaries[i])
            .collect();
        self.templates.render(
            "tag.html",
            &Page {
                common,
                data: Data { tag, articles },
            },
        )
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
                        summary: markdown::render_inline(&e.summary, self.raw_html()),
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

    fn entry(&self, id: &str) -> Result<String, Diagnostic> {
        let entry = self
            .site
            .glossary
            .get(id)
            .expect("entry pages are listed from the glossary");
        let url = self.entry_url(&entry.id);
        let raw_html = self.raw_html();
        let view = EntryView {
            id: entry.id.clone(),
            term: entry.term.clone(),
            kind: entry.kind.as_str(),
            kind_label: entry.kind.singular_label(),
            variants: entry.variants.clone(),
            original: entry.original.clone(),
            latin: entry.latin.clone(),
            wikidata: entry.wikidata.clone(),
            summary: markdown::render_inline(&entry.summary, raw_html),
            body: entry
                .body
                .as_deref()
                .map_or_else(String::new, |b| markdown::render(b, raw_html, None).html),
            url: url.clone(),
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
            mentions: self
                .mentions
                .get(entry.id.as_str())
                .into_iter()
                .flatten()
                .map(|&(i, excerpt)| MentionView {
                    article: self.summaries[i].clone(),
                    excerpt: excerpt.to_string(),
                })
                .collect(),
        };
        #[derive(Serialize)]
        struct Data {
            entry: EntryView,
        }
        self.templates.render(
            "entry.html",
            &Page {
                common: self.site_common(url, "entry"),
                data: Data { entry: view },
            },
        )
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
            summary: markdown::render_inline(&entry.summary, self.raw_html()),
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
            .filter_map(|t| tag_refs.get(&tag_key(t)).cloned())
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

/// Tags that differ only in spacing or marks are one tag.
pub fn tag_key(tag: &str) -> String {
    slugify(tag)
}

fn endnotes(body: &AnnotatedArticle) -> Vec<EndnoteView> {
    let mut list: Vec<EndnoteView> = body
        .terms
        .iter()
        .map(|t| EndnoteView {
            n: t.n,
            kind: "term",
            id: t.entry.id.clone(),
        })
        .chain(body.notes.iter().map(|n| EndnoteView {
            n: n.n,
            kind: "note",
            id: format!("note-{}", n.n),
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
