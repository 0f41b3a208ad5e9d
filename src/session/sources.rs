//! The sources of the last good build that the preview's writing aids read: each article as
//! the build parsed it, and the glossary file. Nothing else of the disk is reachable from them.

use crate::model::{Article, DigitStyle, RawHtml};
use crate::pipeline::annotate::Glossary;
use crate::pipeline::annotate::{suggest_note, Selection, Suggestion, Unanchorable};
use crate::pipeline::load::SourceFile;
use std::path::PathBuf;
use std::sync::Arc;

pub struct Sources {
    articles: Vec<Arc<Article>>,
    glossary: Option<SourceFile>,
    entries: Arc<Glossary>,
    raw_html: RawHtml,
    digits: DigitStyle,
}

/// Where a glossary entry is defined: the file (relative to the site root) and the 1-based
/// line of its `id:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub path: PathBuf,
    pub line: usize,
}

impl Sources {
    pub(super) fn new(site: &crate::pipeline::site::Site, glossary: Option<&SourceFile>) -> Self {
        Sources {
            articles: site.articles.clone(),
            glossary: glossary.cloned(),
            entries: site.glossary.clone(),
            raw_html: site.config.markdown.raw_html,
            digits: site.config.digits,
        }
    }

    /// The article whose page is `key`, its path in the output (`articles/x/index.html`).
    fn article(&self, key: &str) -> Option<&Arc<Article>> {
        self.articles
            .iter()
            .find(|a| crate::pipeline::render::output_path(&a.path_segments()) == key)
    }

    /// The note that anchors to the passage selected on the page `key`; `None` when `key` is
    /// no article's page.
    pub fn suggest_note(
        &self,
        key: &str,
        selection: Selection,
    ) -> Option<Result<Suggestion, Unanchorable>> {
        let article = self.article(key)?;
        Some(suggest_note(
            &article.body,
            self.raw_html,
            self.digits,
            selection,
        ))
    }

    /// Where the entry `id` that the page `key` marks is defined: the article's own
    /// `glossary:` first, as the build reads it, then the site's glossary file.
    pub fn definition(&self, key: &str, id: &str) -> Option<Definition> {
        let own = self.article(key).and_then(|a| {
            let entry = a.front.glossary.iter().find(|e| e.id.value == id)?;
            Some((&a.path, &a.source_text[..], entry.id.span?))
        });
        let (path, text, span) = own.or_else(|| {
            let file = self.glossary.as_ref()?;
            Some((&file.path, &*file.text, self.entries.get(id)?.id.span?))
        })?;
        Some(Definition {
            path: path.clone(),
            line: text.get(..span.offset)?.matches('\n').count() + 1,
        })
    }
}
