//! Article pages: the annotated body, its popovers and endnotes, what links to it, related
//! reading, neighbours, breadcrumbs and JSON-LD.

use super::fragments::GlossView;
use super::pages::Feed;
use super::views::{ArticleSummary, NavLink, Page};
use super::{section_title, Renderer};
use crate::diagnostics::Diagnostic;
use crate::pipeline::ids;
use crate::urls::page_url;
use serde::Serialize;

/// A glossary entry where an article mentions it, with its popover.
#[derive(Serialize)]
struct TermView<'a> {
    id: &'a str,
    popover_id: &'a str,
    title_id: &'a str,
    term: &'a str,
    kind: &'static str,
    kind_label: &'static str,
    original: Option<&'a str>,
    original_lang: Option<&'a str>,
    latin: Option<&'a str>,
    /// Inline HTML.
    summary: &'a str,
    url: Option<&'a str>,
    /// The popover's content (html), from `popover.html`.
    popover: &'a str,
}

/// schema.org's `NewsArticle`, fields in the order of their names. No `description`: the
/// page's `<meta name="description">` and `og:description` say it already; no
/// `mainEntityOfPage`: its `url` is the page's.
#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Agent<'a>>,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(rename = "datePublished")]
    date_published: &'a str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "isBasedOn", skip_serializing_if = "Option::is_none")]
    is_based_on: Option<CreativeWork<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    translator: Option<Agent<'a>>,
    url: &'a str,
}

#[derive(Serialize)]
struct Agent<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// The work an article translates.
#[derive(Serialize)]
struct CreativeWork<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Agent<'a>>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Agent<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// A note, numbered 1, 2, 3 in reading order.
#[derive(Serialize)]
struct NoteView {
    n: usize,
    popover_id: String,
    title_id: String,
    quote: String,
    body: String,
}

#[derive(Serialize)]
struct ArticleView<'a> {
    #[serde(flatten)]
    summary: &'a ArticleSummary,
    content: String,
    /// In the order of their first mention.
    terms: Vec<TermView<'a>>,
    notes: Vec<NoteView>,
    backlinks: Vec<&'a ArticleSummary>,
    related: Vec<&'a ArticleSummary>,
    /// The article published before this one in its section, and the one after.
    previous: Option<&'a ArticleSummary>,
    next: Option<&'a ArticleSummary>,
    breadcrumbs: Vec<NavLink>,
    /// schema.org `NewsArticle` as JSON, safe inside a script element.
    json_ld: String,
}

impl<'a> Renderer<'a> {
    pub(super) fn article(&self, i: usize) -> Result<Vec<u8>, Diagnostic> {
        let body = &self.annotated[i];
        let summary = &self.index.summaries[i];
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
                .map_or(self.site.config.title.value.clone(), |h| {
                    h.meta.title.clone()
                }),
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
        // A site entry's view and popover are the build's; an entry the article defines for
        // itself is rendered here.
        let own: Vec<(GlossView, String)> = body
            .terms
            .iter()
            .filter(|t| self.site_entry(&t.entry).is_none())
            .map(|t| {
                let view = self.gloss_view(&t.entry, t.has_page);
                let popover = self.render_popover(&view)?;
                Ok((view, popover))
            })
            .collect::<Result<_, Diagnostic>>()?;
        let mut own_views = own.iter();
        let terms = body
            .terms
            .iter()
            .map(|t| {
                let (view, popover) = match self.site_entry(&t.entry) {
                    Some((view, popover)) => (view, popover?),
                    None => {
                        let (view, popover) = own_views.next().expect("rendered above");
                        (view, popover.as_str())
                    }
                };
                Ok(term_view(view, popover))
            })
            .collect::<Result<Vec<TermView>, Diagnostic>>()?;
        let notes: Vec<NoteView> = body
            .notes
            .iter()
            .enumerate()
            .map(|(k, n)| NoteView {
                n: n.n,
                popover_id: ids::note_popover(&n.n.to_string()),
                title_id: ids::note_title(&n.n.to_string()),
                quote: n.quote.clone(),
                body: self.index.links.fill_note(i, k, &n.body_html, &n.links),
            })
            .collect();
        let view = ArticleView {
            summary,
            content: self.index.links.fill_body(i, &body.html, &body.links),
            terms,
            notes,
            backlinks: self.index.links.backlinks[i]
                .iter()
                .map(|&j| &*self.index.summaries[j])
                .collect(),
            related: self
                .related_of(i)
                .iter()
                .map(|&j| &*self.index.summaries[j])
                .collect(),
            previous: previous.map(|j| &*self.index.summaries[j]),
            next: next.map(|j| &*self.index.summaries[j]),
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
        self.templates.render_page(
            "article.html",
            &Page {
                common,
                data: Data { article: view },
            },
        )
    }

    /// schema.org `NewsArticle`, with `</` escaped so it cannot end its script element.
    fn json_ld(&self, i: usize) -> String {
        fn person(name: Option<&str>) -> Option<Agent<'_>> {
            name.map(|name| Agent {
                kind: "Person",
                name,
            })
        }
        let article = &self.site.articles[i];
        let summary = &self.index.summaries[i];
        let source = summary.source.as_ref().map(|source| CreativeWork {
            kind: "CreativeWork",
            author: person(source.author.as_deref()),
            date_published: source.date.as_deref(),
            name: source.title.as_deref(),
            publisher: source.outlet.as_deref().map(|name| Agent {
                kind: "Organization",
                name,
            }),
            url: source.url.as_deref(),
        });
        let json_ld = NewsArticle {
            context: "https://schema.org",
            kind: "NewsArticle",
            author: person(article.front.author.as_deref().map(String::as_str)).or_else(|| {
                self.site.config.author.as_deref().map(|name| Agent {
                    kind: "Organization",
                    name,
                })
            }),
            date_modified: summary.updated.as_deref(),
            date_published: &summary.date,
            headline: &summary.title,
            image: summary.image.as_ref().map(|image| image.permalink.as_str()),
            in_language: &summary.lang,
            is_based_on: source,
            translator: person(article.front.translator.as_deref().map(String::as_str)),
            url: &summary.permalink,
        };
        serde_json::to_string(&json_ld)
            .unwrap_or_default()
            .replace("</", "<\\/")
    }
}

fn term_view<'a>(view: &'a GlossView, popover: &'a str) -> TermView<'a> {
    TermView {
        id: &view.id,
        popover_id: &view.popover_id,
        title_id: &view.title_id,
        term: &view.term,
        kind: view.kind,
        kind_label: view.kind_label,
        original: view.original.as_deref(),
        original_lang: view.original_lang.as_deref(),
        latin: view.latin.as_deref(),
        summary: &view.summary,
        url: view.url.as_deref(),
        popover,
    }
}
