//! What changed: a path sorted into the kind of change it is, and the files read again.

use crate::diagnostics::Diagnostics;
use crate::pipeline::load::{self, SiteFiles};
use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a change touches, from the cheapest to redo to the most expensive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// A file copied as it is (static/, theme assets, images beside articles).
    Asset,
    /// Articles or section pages under content/.
    Content,
    /// The glossary: every article is annotated again.
    Glossary,
    /// A section's or the home page's `_index.md`: its title is in every page's navigation,
    /// so every page is rendered again.
    Section,
    /// A template: every page is rendered again.
    Template,
    /// site.yaml, or something that moved whole directories: start over.
    Everything,
}

impl ChangeKind {
    pub fn describe(self) -> &'static str {
        match self {
            ChangeKind::Asset => "asset",
            ChangeKind::Content => "content",
            ChangeKind::Glossary => "glossary",
            ChangeKind::Section => "section",
            ChangeKind::Template => "template",
            ChangeKind::Everything => "site",
        }
    }
}

/// Classifies a changed path (relative to the site root).
pub fn classify(relative: &Path) -> ChangeKind {
    let text = relative.to_string_lossy().replace('\\', "/");
    if text == load::CONFIG_FILE {
        ChangeKind::Everything
    } else if text == load::GLOSSARY_FILE {
        ChangeKind::Glossary
    } else if text.starts_with(&format!("{}/", load::TEMPLATES_DIR))
        || (text.starts_with(&format!("{}/", load::THEMES_DIR)) && text.contains("/templates/"))
    {
        ChangeKind::Template
    } else if text.starts_with(&format!("{}/", load::CONTENT_DIR)) && text.ends_with("/_index.md") {
        ChangeKind::Section
    } else if text.starts_with(&format!("{}/", load::CONTENT_DIR)) && text.ends_with(".md") {
        ChangeKind::Content
    } else {
        ChangeKind::Asset
    }
}

/// Re-reads changed content files into `files`; a file that is gone is dropped.
pub(super) fn refresh_files(
    files: &mut SiteFiles,
    root: &Path,
    changed: &[PathBuf],
) -> Result<(), Diagnostics> {
    for path in changed {
        let kind = classify(path);
        if !matches!(
            kind,
            ChangeKind::Content | ChangeKind::Glossary | ChangeKind::Section
        ) || path.components().any(|c| load::is_ignored(c.as_os_str()))
        {
            continue;
        }
        let exists = root.join(path).is_file();
        let fresh = if exists {
            Some(load::read_text(root, path)?)
        } else {
            None
        };
        if kind == ChangeKind::Glossary {
            files.glossary = fresh;
            continue;
        }
        // The pages are in path order, as they were read: found by a binary search, since a
        // site has thousands and `Path`s compare component by component.
        let at = files.pages.partition_point(|f| f.path < *path);
        let present = files.pages.get(at).is_some_and(|f| f.path == *path);
        match (fresh, present) {
            (Some(file), true) => files.pages[at] = file,
            (Some(file), false) => files.pages.insert(at, file),
            (None, true) => {
                files.pages.remove(at);
            }
            (None, false) => {}
        }
    }
    Ok(())
}

/// Files read again with the same text keep their old `Arc`, so the caches still know them.
pub(super) fn keep_unchanged_texts(fresh: &mut SiteFiles, old: &SiteFiles) {
    let old_texts: HashMap<&Path, &Arc<str>> = old
        .pages
        .iter()
        .chain(&old.glossary)
        .map(|f| (f.path.as_path(), &f.text))
        .collect();
    for file in fresh.pages.iter_mut().chain(fresh.glossary.as_mut()) {
        if let Some(text) = old_texts
            .get(file.path.as_path())
            .filter(|t| t[..] == file.text[..])
        {
            file.text = Arc::clone(text);
        }
    }
}
