//! What many pages show, rendered once, when a page first asks for it, instead of once per
//! page: each article's card (the listings) and its title with its date (the pages of the
//! entries it mentions), each glossary entry's popover (every article that mentions the
//! entry). They come from the templates `card.html`, `mention_title.html` and `popover.html`.
//! Each article's search document is kept with them, so that a rebuild makes only the changed
//! articles' anew.

use super::views::{ArticleSummary, SiteView, TagRef};
use super::Renderer;
use crate::diagnostics::Diagnostic;
use crate::model::{Article, FrontMatter, GlossaryEntry};
use crate::pipeline::annotate::AnnotatedArticle;
use crate::pipeline::ids;
use crate::pipeline::search::SearchDoc;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::ffi::OsString;
use std::sync::{Arc, OnceLock};

/// A glossary entry as its popover shows it.
#[derive(Serialize, Clone, PartialEq, Eq, Hash)]
pub(super) struct GlossView {
    pub(super) id: String,
    /// The ids of its popover and of the popover's title.
    pub(super) popover_id: String,
    pub(super) title_id: String,
    pub(super) term: String,
    pub(super) kind: &'static str,
    pub(super) kind_label: &'static str,
    pub(super) original: Option<String>,
    pub(super) original_lang: Option<String>,
    pub(super) latin: Option<String>,
    /// Inline HTML.
    pub(super) summary: String,
    /// Its page; none for an entry an article defines for itself.
    pub(super) url: Option<String>,
}

/// What a fragment's template receives.
#[derive(Serialize)]
struct FragmentContext<'a, T: Serialize> {
    site: &'a SiteView<'a>,
    lang: &'a str,
    #[serde(flatten)]
    data: T,
}

#[derive(Serialize)]
struct OfArticle<'a> {
    a: &'a ArticleSummary,
}

#[derive(Serialize)]
struct OfEntry<'a> {
    t: &'a GlossView,
}

type Rendered = Arc<Result<String, Diagnostic>>;

/// A fragment rendered when a page first asks for it: the preview shows its first page
/// without waiting for every card and popover of the site.
type Lazy = OnceLock<Rendered>;

/// The fragments of one site index, shared by the builds that keep it.
#[derive(Default)]
pub(super) struct Fragments {
    cards: Vec<Lazy>,
    mention_titles: Vec<Lazy>,
    /// By entry id, for the site's glossary entries: the entry (to tell it from an article's
    /// own entry of the same id), its view and its popover.
    popovers: HashMap<String, (Arc<GlossaryEntry>, GlossView, Lazy)>,
}

/// The fragments of the last build, by what they were rendered from: a rebuild renders only
/// those of articles and entries that changed. Valid while the templates and the site's
/// settings are the same (the session drops it when either changes).
#[derive(Default)]
pub struct FragmentCache {
    /// By path (as bytes: hashing a `Path` walks its components).
    articles: HashMap<OsString, CachedArticle>,
    popovers: HashMap<GlossView, Rendered>,
    /// How the last build named its tags, by slug.
    tags: HashMap<String, TagRef>,
}

/// What listings show of one article, with what it was made from.
struct CachedArticle {
    /// With the path (the key), what the summary is made from: the path gives the section, the
    /// front matter and the path give the slug.
    front: Arc<FrontMatter>,
    summary: Arc<ArticleSummary>,
    /// The summary's fingerprint.
    shown: u64,
    /// Each as far as a page asked for it.
    card: Lazy,
    mention_title: Lazy,
    /// The search document, with the annotated body it was made from (it is made from the
    /// summary and the body alone).
    search: Option<(Arc<AnnotatedArticle>, Arc<SearchDoc>)>,
}

impl FragmentCache {
    /// The summary made last time from the same front matter at the same URL, with its
    /// fingerprint, if its tags are still named as they were. `same_tags`: every tag of the
    /// site is named as it was.
    pub(super) fn summary(
        &self,
        article: &Article,
        tags: &HashMap<String, TagRef>,
        same_tags: bool,
    ) -> Option<(Arc<ArticleSummary>, u64)> {
        let cached = self.articles.get(article.path.as_os_str())?;
        let same = Arc::ptr_eq(&cached.front, &article.front)
            && (same_tags
                || article
                    .front
                    .tags
                    .iter()
                    .filter_map(|t| tags.get(&t.key))
                    .eq(cached.summary.tags.iter()));
        same.then(|| (cached.summary.clone(), cached.shown))
    }

    /// The search document made last time for `article`, if its summary and body are the
    /// same (it is made from them alone).
    pub(super) fn search_doc(
        &self,
        article: &Article,
        summary: &Arc<ArticleSummary>,
        body: &Arc<AnnotatedArticle>,
    ) -> Option<Arc<SearchDoc>> {
        self.articles
            .get(article.path.as_os_str())
            .filter(|cached| Arc::ptr_eq(&cached.summary, summary))
            .and_then(|cached| cached.search.as_ref())
            .filter(|(made_from, _)| Arc::ptr_eq(made_from, body))
            .map(|(_, doc)| doc.clone())
    }

    /// Whether the last build named every tag as `tags` does.
    pub(super) fn same_tags(&self, tags: &HashMap<String, TagRef>) -> bool {
        self.tags == *tags
    }
}

fn html(rendered: &Rendered) -> Result<&str, Diagnostic> {
    rendered.as_deref().map_err(Clone::clone)
}

impl<'a> Renderer<'a> {
    pub(super) fn card(&self, i: usize) -> Result<&str, Diagnostic> {
        html(self.card_fragment(i))
    }

    fn card_fragment(&self, i: usize) -> &Rendered {
        self.index.fragments.cards[i].get_or_init(|| {
            let a = &self.index.summaries[i];
            Arc::new(self.render_fragment("card.html", OfArticle { a }))
        })
    }

    pub(super) fn mention_title(&self, i: usize) -> Result<&str, Diagnostic> {
        html(self.mention_title_fragment(i))
    }

    fn mention_title_fragment(&self, i: usize) -> &Rendered {
        self.index.fragments.mention_titles[i].get_or_init(|| {
            let a = &self.index.summaries[i];
            Arc::new(self.render_fragment("mention_title.html", OfArticle { a }))
        })
    }

    /// The view and popover of `entry` if it is the site's glossary entry (an article may
    /// define its own entry of the same id).
    pub(super) fn site_entry(
        &self,
        entry: &Arc<GlossaryEntry>,
    ) -> Option<(&GlossView, Result<&str, Diagnostic>)> {
        let (site_entry, view, popover) = self.index.fragments.popovers.get(entry.id.as_str())?;
        Arc::ptr_eq(site_entry, entry).then(|| (view, html(self.popover_fragment(view, popover))))
    }

    fn popover_fragment<'s>(&self, view: &GlossView, popover: &'s Lazy) -> &'s Rendered {
        popover.get_or_init(|| Arc::new(self.render_popover(view)))
    }

    /// Each article's search document of the last build (`cache`), where the article is the
    /// same.
    pub(super) fn last_search_docs(&self, cache: &FragmentCache) -> Vec<Option<Arc<SearchDoc>>> {
        (0..self.site.articles.len())
            .into_par_iter()
            .map(|i| {
                let article = &self.site.articles[i];
                cache.search_doc(article, &self.index.summaries[i], &self.annotated[i])
            })
            .collect()
    }

    /// The fragments that `cache` holds, and a place for each other, rendered when a page
    /// first asks for it.
    pub(super) fn cached_fragments(&self, cache: &FragmentCache) -> Fragments {
        let (articles, popovers): (Vec<(Lazy, Lazy)>, _) = rayon::join(
            || {
                (0..self.site.articles.len())
                    .into_par_iter()
                    .map(|i| {
                        let article = &self.site.articles[i];
                        match cache.articles.get(article.path.as_os_str()) {
                            Some(cached) if cached.shown == self.summary_fingerprint(i) => {
                                (cached.card.clone(), cached.mention_title.clone())
                            }
                            _ => (Lazy::new(), Lazy::new()),
                        }
                    })
                    .collect()
            },
            || {
                self.site
                    .glossary
                    .entries
                    .par_iter()
                    .map(|entry| {
                        let view = self.gloss_view(entry, true);
                        let popover = match cache.popovers.get(&view) {
                            Some(cached) => Lazy::from(cached.clone()),
                            None => Lazy::new(),
                        };
                        (entry.id.value.clone(), (entry.clone(), view, popover))
                    })
                    .collect()
            },
        );
        let mut fragments = Fragments {
            popovers,
            ..Fragments::default()
        };
        (fragments.cards, fragments.mention_titles) = articles.into_iter().unzip();
        fragments
    }

    /// This build's fragments, for the next.
    pub fn fragment_cache(&self) -> FragmentCache {
        FragmentCache {
            articles: (0..self.site.articles.len())
                .map(|i| self.cached_article(i))
                .collect(),
            popovers: self
                .index
                .fragments
                .popovers
                .values()
                .filter_map(|(_, view, popover)| Some((view.clone(), popover.get()?.clone())))
                .collect(),
            tags: self.index.tag_refs.clone(),
        }
    }

    /// The fragments of `cache`, the last build's, brought up to this one, which kept its
    /// index and changed only the articles `edited`.
    pub fn refresh_fragment_cache(&self, cache: &mut FragmentCache, edited: &[usize]) {
        cache
            .articles
            .extend(edited.iter().map(|&i| self.cached_article(i)));
    }

    fn cached_article(&self, i: usize) -> (OsString, CachedArticle) {
        let article = &self.site.articles[i];
        let cached = CachedArticle {
            front: article.front.clone(),
            summary: self.index.summaries[i].clone(),
            shown: self.summary_fingerprint(i),
            card: self.index.fragments.cards[i].clone(),
            mention_title: self.index.fragments.mention_titles[i].clone(),
            search: self
                .search
                .get()
                .map(|input| input.docs[i].clone())
                .or_else(|| self.search_docs[i].clone())
                .map(|doc| (self.annotated[i].clone(), doc)),
        };
        (article.path.as_os_str().to_owned(), cached)
    }

    pub(super) fn render_popover(&self, view: &GlossView) -> Result<String, Diagnostic> {
        self.render_fragment("popover.html", OfEntry { t: view })
    }

    /// Surrounding whitespace is dropped: the pages that place a fragment decide its lines.
    fn render_fragment(&self, template: &str, data: impl Serialize) -> Result<String, Diagnostic> {
        let html = self.templates.render(
            template,
            &FragmentContext {
                site: &self.view,
                lang: &self.site.config.language,
                data,
            },
        )?;
        Ok(match html.trim() {
            trimmed if trimmed.len() == html.len() => html,
            trimmed => trimmed.to_string(),
        })
    }

    /// `has_page`: false for an entry an article defines for itself.
    pub(super) fn gloss_view(&self, entry: &GlossaryEntry, has_page: bool) -> GlossView {
        GlossView {
            id: entry.id.value.clone(),
            popover_id: ids::term_popover(&entry.id),
            title_id: ids::term_title(&entry.id),
            term: entry.term.value.clone(),
            kind: entry.kind.as_str(),
            kind_label: entry.kind.singular_label(),
            original: entry.original.as_deref().cloned(),
            original_lang: entry.original_language().map(str::to_string),
            latin: entry.latin.as_deref().cloned(),
            summary: self.entry_markdown(entry, true).into_owned(),
            url: has_page.then(|| self.entry_url(&entry.id)),
        }
    }
}
