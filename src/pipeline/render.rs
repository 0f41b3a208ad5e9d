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
    /// Where each template came from, for errors.
    sources: HashMap<String, PathBuf>,
}

impl Templates {
    pub fn new(
        overrides: &[(String, SourceFile)],
        digits: DigitStyle,
    ) -> Result<Templates, Diagnostics> {
        let mut by_name: BTreeMap<String, (String, PathBuf)> = embedded::TEMPLATES
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    (text.to_string(), PathBuf::from(format!("templates/{name}"))),
                )
            })
            .collect();
        for (name, file) in overrides {
            by_name.insert(name.clone(), (file.text.to_string(), file.path.clone()));
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
        let sources: HashMap<String, PathBuf> = by_name
            .iter()
            .map(|(name, (_, path))| (name.clone(), path.clone()))
            .collect();
        let raw: Vec<(String, String)> = by_name
            .into_iter()
            .map(|(name, (text, _))| (name, text))
            .collect();
        if let Err(err) = tera.add_raw_templates(raw) {
            return Err(template_error(&err, &sources, overrides).into());
        }
        Ok(Templates { tera, sources })
    }

    fn render(
        &self,
        name: &str,
        context: &impl Serialize,
        overrides: &[(String, SourceFile)],
    ) -> Result<String, Diagnostic> {
        let context = tera::Context::from_serialize(context).map_err(|err| {
            Diagnostic::error(
                self.path_of(name),
                format!("cannot build the page's data: {err}"),
            )
        })?;
        self.tera
            .render(name, &context)
            .map_err(|err| template_error(&err, &self.sources, overrides))
    }

    fn path_of(&self, name: &str) -> PathBuf {
        self.sources
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(format!("templates/{name}")))
    }
}

fn escape_html(text: &str) -> String {
    crate::pipeline::annotate::html_escape(text)
}

/// A Tera error as a diagnostic pointing into the template it concerns.
fn template_error(
    err: &tera::Error,
    sources: &HashMap<String, PathBuf>,
    overrides: &[(String, SourceFile)],
) -> Diagnostic {
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
        .unwrap_or("")
        .to_string();
    let path = sources
        .get(&name)
        .cloned()
        .unwrap_or_else(|| PathBuf::from("templates"));
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
    let diagnostic = Diagnostic::error(&path, format!("template error: {message}"))
        .with_hint("fix the template, or delete it to use the default");
    let text = overrides
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, f)| f.text.to_string())
        .or_else(|| {
            embedded::TEMPLATES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| t.to_string())
        });
    match (location, text) {
        (Some((line, column)), Some(text)) => diagnostic.at_line_column(&text, line, column, 1),
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

/// Everything rendering needs that is computed once per build.
struct Shared<'a> {
    site: &'a Site,
    view: SiteView<'a>,
    base_path: String,
    theme_url: String,
    nav: Vec<NavLink>,
    glossary_url: String,
    tags_url: String,
    summaries: Vec<ArticleSummary>,
}

impl<'a> Shared<'a> {
    fn common(
        &'a self,
        page_url: String,
        page_kind: &'static str,
        lang: &'a str,
        dir: &'static str,
    ) -> Common<'a> {
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

    fn site_lang(&self) -> (&'a str, &'static str) {
        (
            &self.site.config.language,
            self.site.config.direction().as_str(),
        )
    }

    fn entry_url(&self, id: &str) -> String {
        page_url(&self.base_path, &["glossary", id])
    }
}

fn summary_of(
    article: &Article,
    config: &SiteConfig,
    base_path: &str,
    tag_urls: &HashMap<String, TagRef>,
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
            .filter_map(|t| tag_urls.get(&tag_key(t)).cloned())
            .collect(),
        author: article.front.author.clone(),
        translator: article.front.translator.clone(),
        source: article.front.source.as_ref().map(|s| SourceView {
            title: s.title.clone(),
            outlet: s.outlet.clone(),
            url: s.url.clone(),
            author: s.author.clone(),
            date: s.date.map(|d| d.to_string()),
        }),
    }
}

/// Tags that differ only in spacing or marks are one tag.
fn tag_key(tag: &str) -> String {
    slugify(tag)
}

/// Renders every page of the site. `annotated[i]` belongs to `site.articles[i]`.
pub fn render_site(
    site: &Site,
    annotated: &[AnnotatedArticle],
    templates: &Templates,
    overrides: &[(String, SourceFile)],
) -> Result<Vec<RenderedPage>, Diagnostics> {
    let config = &site.config;
    let base_path = config.base_path();

    // Tags: the first spelling (in article order) names the tag.
    let mut tag_urls: HashMap<String, TagRef> = HashMap::new();
    let mut tag_articles: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, article) in site.articles.iter().enumerate() {
        for tag in &article.front.tags {
            let key = tag_key(tag);
            if key.is_empty() {
                continue;
            }
            tag_urls.entry(key.clone()).or_insert_with(|| TagRef {
                name: tag.trim().to_string(),
                url: page_url(&base_path, &["tags", &key]),
            });
            let list = tag_articles.entry(key).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }

    let section_title = |name: &str| {
        site.sections.iter().find(|s| s.name == name).map_or_else(
            || name.rsplit('/').next().unwrap_or(name).to_string(),
            |s| s.meta.title.clone(),
        )
    };
    let mut section_names: Vec<String> = site.sections.iter().map(|s| s.name.clone()).collect();
    section_names.extend(
        site.articles
            .iter()
            .map(|a| a.section.clone())
            .filter(|s| !s.is_empty()),
    );
    section_names.sort();
    section_names.dedup();
    let nav: Vec<NavLink> = section_names
        .iter()
        .filter(|name| !name.contains('/'))
        .map(|name| NavLink {
            title: section_title(name),
            url: page_url(&base_path, &name.split('/').collect::<Vec<_>>()),
        })
        .collect();

    let summaries: Vec<ArticleSummary> = site
        .articles
        .iter()
        .map(|a| summary_of(a, config, &base_path, &tag_urls))
        .collect();
    let shared = Shared {
        site,
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
    };
    let raw_html = config.markdown.raw_html;
    let mut problems = Diagnostics::default();
    let mut pages = Vec::new();
    let mut push = |result: Result<RenderedPage, Diagnostic>| match result {
        Ok(page) => pages.push(page),
        Err(d) => problems.push(d),
    };

    // Articles, in parallel.
    let article_pages: Vec<Result<RenderedPage, Diagnostic>> = site
        .articles
        .par_iter()
        .zip(annotated.par_iter())
        .zip(shared.summaries.par_iter())
        .map(|((article, body), summary)| {
            let view = ArticleView {
                summary: summary.clone(),
                content: body.html.clone(),
                terms: body
                    .terms
                    .iter()
                    .map(|t| term_view(t, &shared, raw_html))
                    .collect(),
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
            #[derive(Serialize)]
            struct Context<'a> {
                #[serde(flatten)]
                common: Common<'a>,
                article: ArticleView,
            }
            let context = Context {
                common: shared.common(summary.url.clone(), "article", &summary.lang, summary.dir),
                article: view,
            };
            let html = templates.render("article.html", &context, overrides)?;
            Ok(RenderedPage {
                path: output_path(&article.path_segments()),
                html,
            })
        })
        .collect();
    for page in article_pages {
        push(page);
    }

    let (site_lang, site_dir) = shared.site_lang();

    // Home.
    {
        #[derive(Serialize)]
        struct Context<'a> {
            #[serde(flatten)]
            common: Common<'a>,
            home_title: &'a str,
            intro: String,
            articles: &'a [ArticleSummary],
        }
        let context = Context {
            common: shared.common(shared.base_path.clone(), "home", site_lang, site_dir),
            home_title: site
                .home
                .as_ref()
                .map_or(config.title.as_str(), |h| h.meta.title.as_str()),
            intro: site.home.as_ref().map_or_else(String::new, |h| {
                markdown::render(&h.body, raw_html, None).html
            }),
            articles: &shared.summaries,
        };
        push(
            templates
                .render("home.html", &context, overrides)
                .map(|html| RenderedPage {
                    path: "index.html".into(),
                    html,
                }),
        );
    }

    // Sections.
    for name in &section_names {
        let meta = site.sections.iter().find(|s| s.name == *name);
        let mut members: Vec<usize> = (0..site.articles.len())
            .filter(|&i| site.articles[i].section == *name)
            .collect();
        if meta.is_some_and(|s| s.meta.sort_by == SortBy::Title) {
            members.sort_by(|&a, &b| {
                site.articles[a]
                    .front
                    .title
                    .cmp(&site.articles[b].front.title)
            });
        }
        let segments: Vec<&str> = name.split('/').collect();
        #[derive(Serialize)]
        struct Context<'a> {
            #[serde(flatten)]
            common: Common<'a>,
            section: SectionView,
            articles: Vec<&'a ArticleSummary>,
        }
        let url = page_url(&shared.base_path, &segments);
        let context = Context {
            common: shared.common(url.clone(), "section", site_lang, site_dir),
            section: SectionView {
                title: section_title(name),
                url,
                content: meta.map_or_else(String::new, |s| {
                    markdown::render(&s.body, raw_html, None).html
                }),
            },
            articles: members.iter().map(|&i| &shared.summaries[i]).collect(),
        };
        push(
            templates
                .render("section.html", &context, overrides)
                .map(|html| RenderedPage {
                    path: output_path(&segments),
                    html,
                }),
        );
    }

    // Tags.
    {
        let mut counts: Vec<TagCount> = tag_articles
            .iter()
            .map(|(key, list)| TagCount {
                name: tag_urls[key].name.clone(),
                url: tag_urls[key].url.clone(),
                count: list.len(),
            })
            .collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        #[derive(Serialize)]
        struct ListContext<'a> {
            #[serde(flatten)]
            common: Common<'a>,
            tags: Vec<TagCount>,
        }
        let context = ListContext {
            common: shared.common(shared.tags_url.clone(), "tags", site_lang, site_dir),
            tags: counts,
        };
        push(
            templates
                .render("tags.html", &context, overrides)
                .map(|html| RenderedPage {
                    path: "tags/index.html".into(),
                    html,
                }),
        );
        for (key, list) in &tag_articles {
            #[derive(Serialize)]
            struct TagContext<'a> {
                #[serde(flatten)]
                common: Common<'a>,
                tag: TagRef,
                articles: Vec<&'a ArticleSummary>,
            }
            let tag = tag_urls[key].clone();
            let context = TagContext {
                common: shared.common(tag.url.clone(), "tag", site_lang, site_dir),
                tag,
                articles: list.iter().map(|&i| &shared.summaries[i]).collect(),
            };
            push(
                templates
                    .render("tag.html", &context, overrides)
                    .map(|html| RenderedPage {
                        path: output_path(&["tags", key]),
                        html,
                    }),
            );
        }
    }

    // Glossary index and entry pages.
    {
        let mut mentions: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
        for (i, body) in annotated.iter().enumerate() {
            for mention in &body.mentions {
                mentions
                    .entry(mention.entry_id.as_str())
                    .or_default()
                    .push((i, mention.excerpt_html.as_str()));
            }
        }
        let mut groups: Vec<GlossaryGroup> = Vec::new();
        for kind in EntryKind::ALL {
            let mut entries: Vec<&GlossaryEntry> = site
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
                        url: shared.entry_url(&e.id),
                        kind_label: e.kind.singular_label(),
                        summary: markdown::render_inline(&e.summary, raw_html),
                        original: e.original.clone(),
                        latin: e.latin.clone(),
                    })
                    .collect(),
            });
        }
        #[derive(Serialize)]
        struct IndexContext<'a> {
            #[serde(flatten)]
            common: Common<'a>,
            groups: Vec<GlossaryGroup>,
        }
        let context = IndexContext {
            common: shared.common(shared.glossary_url.clone(), "glossary", site_lang, site_dir),
            groups,
        };
        push(
            templates
                .render("glossary.html", &context, overrides)
                .map(|html| RenderedPage {
                    path: "glossary/index.html".into(),
                    html,
                }),
        );

        let entry_pages: Vec<Result<RenderedPage, Diagnostic>> = site
            .glossary
            .entries
            .par_iter()
            .map(|entry| {
                let url = shared.entry_url(&entry.id);
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
                        .filter_map(|id| site.glossary.get(id))
                        .map(|e| EntryLink {
                            id: e.id.clone(),
                            term: e.term.clone(),
                            url: shared.entry_url(&e.id),
                        })
                        .collect(),
                    mentions: mentions
                        .get(entry.id.as_str())
                        .map(|list| {
                            list.iter()
                                .map(|&(i, excerpt)| MentionView {
                                    article: shared.summaries[i].clone(),
                                    excerpt: excerpt.to_string(),
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                };
                #[derive(Serialize)]
                struct EntryContext<'a> {
                    #[serde(flatten)]
                    common: Common<'a>,
                    entry: EntryView,
                }
                let context = EntryContext {
                    common: shared.common(url, "entry", site_lang, site_dir),
                    entry: view,
                };
                let html = templates.render("entry.html", &context, overrides)?;
                Ok(RenderedPage {
                    path: output_path(&["glossary", &entry.id]),
                    html,
                })
            })
            .collect();
        for page in entry_pages {
            push(page);
        }
    }

    // 404.
    {
        #[derive(Serialize)]
        struct Context<'a> {
            #[serde(flatten)]
            common: Common<'a>,
        }
        let context = Context {
            common: shared.common(
                format!("{}404.html", shared.base_path),
                "404",
                site_lang,
                site_dir,
            ),
        };
        push(
            templates
                .render("404.html", &context, overrides)
                .map(|html| RenderedPage {
                    path: "404.html".into(),
                    html,
                }),
        );
    }

    if problems.has_errors() {
        return Err(problems.sorted());
    }
    Ok(pages)
}

fn term_view(term: &TermUse, shared: &Shared, raw_html: crate::model::RawHtml) -> TermView {
    let entry = &term.entry;
    TermView {
        id: entry.id.clone(),
        n: term.n,
        term: entry.term.clone(),
        kind: entry.kind.as_str(),
        kind_label: entry.kind.singular_label(),
        original: entry.original.clone(),
        latin: entry.latin.clone(),
        summary: markdown::render_inline(&entry.summary, raw_html),
        url: term.has_page.then(|| shared.entry_url(&entry.id)),
    }
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
