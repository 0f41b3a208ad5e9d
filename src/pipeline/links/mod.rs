//! Links between pages: every `@/path.md`, `[[slug]]` and relative link is resolved against
//! the whole site, a broken one is an error with its place and the closest target, and the
//! links found make each article's backlinks.

use crate::diagnostics::{did_you_mean, display_path, Diagnostic, DiagnosticKind, Diagnostics};
use crate::pipeline::annotate::{html_escape, AnnotatedArticle};
use crate::pipeline::load::{AssetFile, CONTENT_DIR};
use crate::pipeline::markdown::{link_placeholder, link_text_placeholder, LinkRef, LinkTarget};
use crate::pipeline::site::{image_target, ImageTarget, Site};
use crate::urls::page_url;
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;
use std::sync::Arc;

mod resolve;
use resolve::content_relative;
pub use resolve::{beside_key, relative_key};

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub url: String,
    /// The target's title (or term), shown by `[[x]]` links without text.
    pub title: String,
    /// The article linked to, if it is one.
    pub article: Option<usize>,
    /// An image's width and height, read from its file.
    pub size: Option<(u32, u32)>,
}

/// Where a link is written: the page it is on, and the directory under `content/` of the file
/// it is written in, whose files a relative path may name (`map.png` beside
/// `content/articles/x.md`, published at `/articles/map.png` while the page is
/// `/articles/x/`).
pub struct Origin {
    page: String,
    beside: Option<String>,
}

impl Origin {
    /// Links of the page at `page_url` whose paths are read as from the page alone.
    pub fn page(page_url: String) -> Origin {
        Origin {
            page: page_url,
            beside: None,
        }
    }

    pub fn page_url(&self) -> &str {
        &self.page
    }

    /// Links written in `article`'s file, published as a page at `base_path`.
    pub fn article(article: &crate::model::Article, base_path: &str) -> Origin {
        let relative = article
            .path
            .strip_prefix(CONTENT_DIR)
            .unwrap_or(&article.path);
        let beside = relative.parent().unwrap_or(Path::new(""));
        Origin {
            page: page_url(base_path, &article.path_segments()),
            beside: Some(beside.to_string_lossy().replace('\\', "/")),
        }
    }
}

/// Why a link does not resolve.
#[derive(Debug, Clone)]
pub struct LinkProblem {
    kind: DiagnosticKind,
    message: String,
    hint: String,
}

impl LinkProblem {
    fn to_draft(message: String) -> LinkProblem {
        LinkProblem {
            kind: DiagnosticKind::LinkToDraft,
            message,
            hint: "publish the draft, or link to it once it is published".into(),
        }
    }

    /// The error of the file `path` the link is written in.
    pub fn at(&self, path: &std::path::Path) -> Diagnostic {
        Diagnostic::error(self.kind, path, self.message.clone()).with_hint(self.hint.clone())
    }
}

/// HTML rendered from Markdown whose site links are not resolved yet: each one's `href` is a
/// placeholder. The one way to page HTML is to fill its links (`LinkGraph::fill_body`,
/// `fill_note`, `Targets::fill_standalone`), so no page can publish a placeholder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnresolvedHtml(String);

impl UnresolvedHtml {
    pub(crate) fn new(html: String) -> UnresolvedHtml {
        UnresolvedHtml(html)
    }

    /// The markup with its placeholders, for tests of the Markdown stage.
    #[cfg(test)]
    pub(crate) fn with_placeholders(&self) -> &str {
        &self.0
    }
}

/// The resolved links of a whole site.
#[derive(Debug, Default)]
pub struct LinkGraph {
    /// Per article: the targets of its body's links, then of each note's links.
    body: Vec<Vec<Option<Target>>>,
    notes: Vec<Vec<Vec<Option<Target>>>>,
    /// Per article: the articles that link to it, newest first.
    pub backlinks: Vec<Vec<usize>>,
    pub problems: Diagnostics,
}

/// What links may point at, in one build's site.
pub struct Targets<'a> {
    site: &'a Site,
    annotated: &'a [Arc<AnnotatedArticle>],
    index: Arc<TargetIndex>,
}

/// Where links may lead, by what they name. Made from the articles' paths and slugs, the
/// sections, and the files the build writes; a rebuild whose articles keep their places, front
/// matter and headings keeps it.
pub struct TargetIndex {
    base_path: String,
    by_path: HashMap<String, usize>,
    by_slug: HashMap<String, Vec<usize>>,
    by_url: HashMap<String, usize>,
    sections: HashMap<String, String>,
    /// Every path the build writes.
    outputs: HashSet<String>,
    /// The files copied as they are, by output path: where each is read from.
    files: HashMap<String, std::path::PathBuf>,
    /// The site's root, which those paths are relative to.
    root: std::path::PathBuf,
}

impl LinkGraph {
    /// Resolves every link of every article.
    pub fn new(site: &Site, annotated: &[Arc<AnnotatedArticle>], targets: &Targets) -> LinkGraph {
        let base_path = &targets.index.base_path;
        // Each article's links resolve on their own, in parallel; problems keep article order.
        type Resolved = (
            Vec<Option<Target>>,
            Vec<Vec<Option<Target>>>,
            Vec<Diagnostic>,
        );
        let resolved: Vec<Resolved> = site
            .articles
            .par_iter()
            .zip(annotated)
            .map(|(article, body)| {
                let mut problems = Vec::new();
                let origin = Origin::article(article, base_path);
                let mut resolve_all = |links: &[LinkRef],
                                       locate: &dyn Fn(&LinkRef) -> Option<usize>|
                 -> Vec<Option<Target>> {
                    links
                        .iter()
                        .map(|link| match targets.resolve(link, &origin) {
                            Ok(target) => Some(target),
                            Err(_) if targets.fails_elsewhere(link, &origin.page) => None,
                            Err(problem) => {
                                let mut diagnostic = problem.at(&article.path);
                                if let Some(offset) = locate(link) {
                                    diagnostic = diagnostic.at_offset(
                                        &article.source_text,
                                        offset,
                                        link.span.len(),
                                    );
                                }
                                problems.push(diagnostic);
                                None
                            }
                        })
                        .collect()
                };
                let in_body = |link: &LinkRef| Some(article.body_offset + link.span.start);
                let in_body = resolve_all(&body.links, &in_body);
                let notes = body
                    .notes
                    .iter()
                    .map(|note| {
                        let in_note = |link: &LinkRef| {
                            let written = note.body_source.get(link.span.clone())?;
                            article.source_text.find(written)
                        };
                        resolve_all(&note.links, &in_note)
                    })
                    .collect();
                problems.extend(body.malformed_links.iter().map(|range| {
                    malformed_link(
                        &article.path,
                        &article.source_text,
                        article.body_offset + range.start,
                    )
                }));
                problems.extend(targets.image_problem(article, &origin));
                (in_body, notes, problems)
            })
            .collect();
        let mut graph = LinkGraph {
            backlinks: vec![Vec::new(); site.articles.len()],
            ..LinkGraph::default()
        };
        for (in_body, notes, problems) in resolved {
            graph.body.push(in_body);
            graph.notes.push(notes);
            graph.problems.0.extend(problems);
        }
        for (i, targets) in graph
            .body
            .iter()
            .zip(&graph.notes)
            .map(|(b, n)| b.iter().chain(n.iter().flatten()))
            .enumerate()
        {
            let mut linked: Vec<usize> = targets
                .flatten()
                .filter_map(|t| t.article)
                .filter(|&j| j != i)
                .collect();
            linked.sort_unstable();
            linked.dedup();
            for j in linked {
                graph.backlinks[j].push(i);
            }
        }
        graph
    }

    /// Feeds `state` where the links of article `i` (body and notes) lead and what they show:
    /// when this changes, the article's page must be rendered again.
    pub fn hash_targets(&self, i: usize, state: &mut impl std::hash::Hasher) {
        use std::hash::Hash;
        let notes = self.notes.get(i).into_iter().flatten().flatten();
        for target in self.body.get(i).into_iter().flatten().chain(notes) {
            target
                .as_ref()
                .map(|t| (&t.url, &t.title, t.size))
                .hash(state);
        }
    }

    /// The body of article `i` with its links filled in.
    pub fn fill_body(&self, i: usize, html: &UnresolvedHtml, links: &[LinkRef]) -> String {
        fill(html, links, self.body.get(i).map_or(&[][..], Vec::as_slice))
    }

    /// Note `k` of article `i` with its links filled in.
    pub fn fill_note(
        &self,
        i: usize,
        k: usize,
        html: &UnresolvedHtml,
        links: &[LinkRef],
    ) -> String {
        let targets = self
            .notes
            .get(i)
            .and_then(|n| n.get(k))
            .map_or(&[][..], Vec::as_slice);
        fill(html, links, targets)
    }
}

/// A `[[` at `offset` in `text` (the file `path`) from which no link came.
fn malformed_link(path: &Path, text: &str, offset: usize) -> Diagnostic {
    Diagnostic::error(
        DiagnosticKind::MalformedLink,
        path,
        "`[[` that is not a link",
    )
    .at_offset(text, offset, 2)
    .with_hint("write `[[slug]]`, `[[slug|text]]` or `[[g:id]]`, closed with `]]`")
}

/// Replaces the placeholders of `links` in `html` with their targets; an unresolved link keeps
/// no `href`.
fn fill(html: &UnresolvedHtml, links: &[LinkRef], targets: &[Option<Target>]) -> String {
    let mut html = html.0.clone();
    if links.is_empty() {
        return html;
    }
    for (n, link) in links.iter().enumerate().rev() {
        let target = targets.get(n).and_then(Option::as_ref);
        let url = target.map_or(String::new(), |t| html_escape(&t.url));
        let attribute = if link.is_image { "src" } else { "href" };
        let placeholder = format!("{attribute}=\"{}\"", link_placeholder(n));
        let mut filled = format!("{attribute}=\"{url}\"");
        if let Some((width, height)) = target.and_then(|t| t.size) {
            filled.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
        }
        html = html.replace(&placeholder, &filled);
        if link.needs_text {
            let title = target.map_or_else(|| link.text.clone(), |t| t.title.clone());
            html = html.replace(&link_text_placeholder(n), &html_escape(&title));
        }
    }
    html
}

impl<'a> Targets<'a> {
    /// Relative links resolve once `set_outputs` has told where the files go.
    pub fn new(site: &'a Site, annotated: &'a [Arc<AnnotatedArticle>]) -> Targets<'a> {
        let base_path = site.config.base_path();
        let mut by_slug: HashMap<String, Vec<usize>> = HashMap::default();
        let mut by_path = HashMap::default();
        let mut by_url = HashMap::default();
        for (i, article) in site.articles.iter().enumerate() {
            match by_slug.get_mut(article.slug.as_str()) {
                Some(list) => list.push(i),
                None => {
                    by_slug.insert(article.slug.clone(), vec![i]);
                }
            }
            by_path.insert(content_relative(&article.path), i);
            by_url.insert(article.path_segments().join("/"), i);
        }
        let sections = site
            .sections
            .iter()
            .map(|s| (content_relative(&s.path), s.name.clone()))
            .collect();
        Targets {
            site,
            annotated,
            index: Arc::new(TargetIndex {
                base_path,
                by_path,
                by_slug,
                by_url,
                sections,
                outputs: HashSet::default(),
                files: HashMap::default(),
                root: std::path::PathBuf::new(),
            }),
        }
    }

    /// The targets of `site`, from the index of a site whose articles, sections and written
    /// files are the same.
    pub fn with_index(
        site: &'a Site,
        annotated: &'a [Arc<AnnotatedArticle>],
        index: Arc<TargetIndex>,
    ) -> Targets<'a> {
        Targets {
            site,
            annotated,
            index,
        }
    }

    pub fn index(&self) -> &Arc<TargetIndex> {
        &self.index
    }

    /// The paths of every file the build writes, known only once the pages are listed, and the
    /// files copied as they are, read from under `root`.
    pub fn set_outputs(&mut self, outputs: HashSet<String>, root: &Path, assets: &[AssetFile]) {
        let index = Arc::get_mut(&mut self.index).expect("outputs are set while the index is made");
        index.outputs = outputs;
        index.root = root.to_path_buf();
        index.files = assets
            .iter()
            .map(|a| (a.output.clone(), a.source.clone()))
            .collect();
    }

    /// Fills the links of HTML rendered on its own (a glossary entry's summary or body), as seen
    /// from `from_url`; returns the problems of the links that do not resolve.
    /// Each problem comes with the index of its link.
    pub fn fill_standalone(
        &self,
        from_url: &str,
        html: &UnresolvedHtml,
        links: &[LinkRef],
    ) -> (String, Vec<(usize, LinkProblem)>) {
        let mut problems = Vec::new();
        let resolved: Vec<Option<Target>> = links
            .iter()
            .enumerate()
            .map(|(n, link)| {
                self.resolve(link, &Origin::page(from_url.to_string()))
                    .map_err(|problem| {
                        if !self.fails_elsewhere(link, from_url) {
                            problems.push((n, problem));
                        }
                    })
                    .ok()
            })
            .collect();
        (fill(html, links, &resolved), problems)
    }

    /// Fills the links of a page's own text, Markdown rendered as `rendered` from the body of
    /// `file` that starts at `body_offset` (a section's `_index.md`), as seen from `from_url`;
    /// returns the problems of its links, located in the file.
    pub fn fill_page_text(
        &self,
        file: &Path,
        source_text: &str,
        body_offset: usize,
        from_url: &str,
        rendered: &crate::pipeline::markdown::Rendered,
    ) -> (String, Vec<Diagnostic>) {
        let (html, broken) = self.fill_standalone(from_url, &rendered.html, &rendered.links);
        let mut problems: Vec<Diagnostic> = broken
            .into_iter()
            .map(|(n, problem)| {
                let span = &rendered.links[n].span;
                problem
                    .at(file)
                    .at_offset(source_text, body_offset + span.start, span.len())
            })
            .collect();
        problems.extend(
            rendered
                .malformed_links
                .iter()
                .map(|range| malformed_link(file, source_text, body_offset + range.start)),
        );
        (html, problems)
    }
}
