//! What a session keeps between builds to redo only what changed, each cache keyed by value
//! or by a version number, never by where something sits in memory.

use crate::diagnostics::Diagnostics;
use crate::pipeline::annotate::{annotate_article, AnnotatedArticle};
use crate::pipeline::load::{SiteFiles, SourceFile};
use crate::pipeline::render::Marks;
use crate::pipeline::site::{FailedPage, Site};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ffi::{OsStr, OsString};
use std::sync::Arc;

/// Annotated articles by path, with the text (the same `Arc`, which the cache holds) and the
/// version of the glossary they were annotated with; all of them marked as `marks` mark.
#[derive(Default)]
pub(super) struct AnnotateCache {
    articles: HashMap<OsString, (Arc<str>, u64, Arc<AnnotatedArticle>)>,
    glossary: GlossaryVersion,
    marks: Option<Marks>,
}

impl AnnotateCache {
    /// Settings may change how everything is annotated.
    pub(super) fn clear(&mut self) {
        self.articles.clear();
    }

    /// Annotates every article of `site` whose text or glossary changed since it was last
    /// annotated, or everything when `marks` changed, in parallel. Articles that fail are removed from `site` (and listed in its
    /// `failed`); their problems are returned. `annotated[i]` belongs to `site.articles[i]`.
    pub(super) fn annotate(
        &mut self,
        site: &mut Site,
        files: &SiteFiles,
        marks: Option<&Marks>,
    ) -> (Vec<Arc<AnnotatedArticle>>, Diagnostics) {
        if self.marks.as_ref() != marks {
            self.articles.clear();
            self.marks = marks.cloned();
        }
        let mut problems = Diagnostics::default();
        let glossary_id = self.glossary.of(files.glossary.as_ref());
        let config = &site.config;
        // Each article's body, and whether it was annotated anew.
        let results: Vec<(Result<Arc<AnnotatedArticle>, Diagnostics>, bool)> = site
            .articles
            .par_iter()
            .map(
                |article| match self.articles.get(article.path.as_os_str()) {
                    Some((text, glossary, annotated))
                        if Arc::ptr_eq(text, &article.source_text) && *glossary == glossary_id =>
                    {
                        (Ok(annotated.clone()), false)
                    }
                    _ => {
                        let annotated = annotate_article(
                            article,
                            &site.glossary,
                            marks,
                            config.glossary.mark,
                            config.markdown.raw_html,
                            config.digits,
                        );
                        (annotated.map(Arc::new), true)
                    }
                },
            )
            .collect();
        let mut annotated = Vec::with_capacity(results.len());
        let mut fresh = Vec::new();
        let mut failed = HashSet::default();
        for (article, (result, anew)) in site.articles.iter().zip(results) {
            match result {
                Ok(body) => {
                    if anew {
                        fresh.push((article.clone(), body.clone()));
                    }
                    annotated.push(body);
                }
                Err(more) => {
                    problems.extend(more.0);
                    failed.insert(article.path.clone());
                }
            }
        }
        // Links to an article that failed are not reported as broken too.
        let failed_pages = site
            .articles
            .iter()
            .filter(|a| failed.contains(&a.path))
            .map(|a| FailedPage::of_article(a));
        site.failed.extend(failed_pages);
        site.articles.retain(|a| !failed.contains(&a.path));
        // Only what was annotated anew: the rest is in the cache as it is.
        for (article, body) in fresh {
            let entry = (article.source_text.clone(), glossary_id, body);
            match self.articles.get_mut(article.path.as_os_str()) {
                Some(cached) => *cached = entry,
                None => {
                    self.articles
                        .insert(article.path.as_os_str().to_owned(), entry);
                }
            }
        }
        if self.articles.len() > files.pages.len() {
            let present: HashSet<&OsStr> = files.pages.iter().map(|f| f.path.as_os_str()).collect();
            self.articles
                .retain(|path, _| present.contains(path.as_os_str()));
        }

        (annotated, problems)
    }
}

/// Numbers the glossaries a session has seen: the number changes whenever the glossary file's
/// text does (compared by value), so annotations cached under one number were made with the
/// glossary that number stands for. (A glossary's address would not do: a new one can be
/// allocated where a dropped one was.)
#[derive(Default)]
pub(super) struct GlossaryVersion {
    text: Option<Arc<str>>,
    number: u64,
}

impl GlossaryVersion {
    pub(super) fn of(&mut self, file: Option<&SourceFile>) -> u64 {
        let text = file.map(|f| &f.text);
        if self.text.as_deref() != text.map(|t| &**t) {
            self.text = text.cloned();
            self.number += 1;
        }
        self.number
    }
}
