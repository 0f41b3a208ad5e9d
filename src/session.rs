//! A build that can be redone: the first build reads and renders everything; each rebuild
//! re-reads only the files that changed and redoes only what depends on them. `build` runs one
//! session once; `serve` and `build --watch` keep one alive.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::pipeline::annotate::{annotate_article, AnnotatedArticle, Glossary, Mention};
use crate::pipeline::load::{self, SiteFiles, SourceFile};
use crate::pipeline::output::{SiteOutput, Staging};
use crate::pipeline::related::Related;
use crate::pipeline::render::{Feed, FragmentCache, PageId, Renderer, Templates};
use crate::pipeline::site::{self, ParseCache, Site};
use crate::pipeline::{frontmatter, output};
use crate::{BuildOptions, BuildReport};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

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

/// What a build does with each page once it is rendered.
#[derive(Clone, Copy)]
pub enum Sink<'a> {
    /// Keep the site in memory, to serve it or write it later, and to redo only part of it on
    /// the next change.
    Keep,
    /// Write each page as soon as it is rendered and keep none: memory stays bounded however
    /// large the site. Nothing is written once an error is known.
    Write(&'a Staging),
    /// Keep nothing: pages are rendered only to find their errors.
    Discard,
}

/// What the last successful build produced, kept to redo only part of it.
struct Built {
    templates: Arc<Templates>,
    /// Shared with the preview server, which serves it while the next rebuild runs.
    output: Arc<SiteOutput>,
    /// Where every generated page went (a site file may have replaced one in `output`).
    page_paths: HashSet<String>,
    base_path: String,
}

/// The record of one article that other pages show: if it is unchanged, they need no render.
/// It shares the parsed and annotated article rather than copying what it needs of them.
#[derive(Debug, Clone)]
struct Footprint {
    text: Arc<str>,
    front: Arc<crate::model::FrontMatter>,
    body: Arc<AnnotatedArticle>,
    shown: u64,
    /// What the article's page shows of other articles.
    around: u64,
    /// Its place in the site's order (newest first), which the listings follow.
    at: usize,
}

impl Footprint {
    fn tag_keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.front.tags.iter().map(|t| t.key.as_str())
    }
}

pub struct Session {
    options: BuildOptions,
    files: Option<SiteFiles>,
    parse_cache: ParseCache,
    /// Annotated articles by path, with the text and the glossary version they were annotated
    /// from.
    annotate_cache: HashMap<PathBuf, (Arc<str>, u64, Arc<AnnotatedArticle>)>,
    glossary_version: GlossaryVersion,
    built: Option<Built>,
    footprints: HashMap<PathBuf, Footprint>,
    related: Option<Related>,
    /// Cards and popovers of the last build, valid while its templates are.
    fragments: FragmentCache,
}

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct RebuildReport {
    pub change: ChangeKind,
    pub pages_rendered: usize,
    pub report: BuildReport,
}

impl RebuildReport {
    /// The one line a rebuild prints.
    pub fn summary_line(&self) -> String {
        format!(
            "rebuilt ({} changed): {} pages rendered in {} ms",
            self.change.describe(),
            self.pages_rendered,
            self.report.elapsed.as_millis()
        )
    }
}

impl Session {
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            files: None,
            parse_cache: ParseCache::default(),
            annotate_cache: HashMap::default(),
            glossary_version: GlossaryVersion::default(),
            built: None,
            footprints: HashMap::default(),
            related: None,
            fragments: FragmentCache::default(),
        }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// The site of the last successful build.
    pub fn output(&self) -> Option<&Arc<SiteOutput>> {
        self.built.as_ref().map(|b| &b.output)
    }

    /// The path every URL of the last successful build starts with.
    pub fn base_path(&self) -> Option<&str> {
        self.built.as_ref().map(|b| b.base_path.as_str())
    }

    /// Builds everything from disk and keeps the site in memory.
    pub fn build(&mut self) -> Result<RebuildReport, Diagnostics> {
        self.build_into(Sink::Keep)
    }

    /// Builds everything from disk and hands the pages to `sink`. Only `Sink::Keep` leaves a
    /// site to rebuild from.
    pub fn build_into(&mut self, sink: Sink) -> Result<RebuildReport, Diagnostics> {
        self.files = None;
        self.built = None;
        self.rebuild_after(ChangeKind::Everything, &[], sink)
    }

    /// Rebuilds after `changed` paths (absolute, or relative to the root) changed on disk.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<RebuildReport, Diagnostics> {
        let root = &self.options.root;
        let relative: Vec<PathBuf> = changed
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|_| p.clone())
            })
            .collect();
        let mut change = relative
            .iter()
            .map(|p| classify(p))
            .max()
            .unwrap_or(ChangeKind::Asset);
        // A directory created, removed or renamed: the content must be walked again.
        if relative.iter().any(|p| root.join(p).is_dir()) {
            change = ChangeKind::Everything;
        }
        if self.files.is_none() || self.built.is_none() {
            change = ChangeKind::Everything;
        }
        self.rebuild_after(change, &relative, Sink::Keep)
    }

    fn rebuild_after(
        &mut self,
        change: ChangeKind,
        changed: &[PathBuf],
        sink: Sink,
    ) -> Result<RebuildReport, Diagnostics> {
        let started = Instant::now();
        let mut stages = Stopwatch::new();
        let root = self.options.root.clone();
        if !root.join(load::CONFIG_FILE).is_file() {
            return Err(Diagnostic::error(
                load::CONFIG_FILE,
                format!("no site here: `{}` has no site.yaml", crate::diagnostics::display_path(&root)),
            )
            .with_hint("pass the site's directory with `--root DIR`, or create a site with `hashiya init DIR`")
            .into());
        }

        // Load: everything, or only the files that changed.
        match (&mut self.files, change) {
            // Only sources changed: re-read them alone. A copied file among them means the
            // list of assets must be walked again.
            (Some(files), ChangeKind::Content | ChangeKind::Glossary | ChangeKind::Section)
                if !changed.iter().any(|p| classify(p) == ChangeKind::Asset) =>
            {
                refresh_files(files, &root, changed)?
            }
            _ => {
                if change == ChangeKind::Everything {
                    // Settings may change how everything is parsed and annotated.
                    self.parse_cache = ParseCache::default();
                    self.annotate_cache.clear();
                }
                let config_file = load::read_text(&root, Path::new(load::CONFIG_FILE))?;
                let config = frontmatter::parse_config(&config_file)?;
                let mut fresh = load::load_site(&root, config_file, &config.theme)?;
                if let Some(old) = &self.files {
                    keep_unchanged_texts(&mut fresh, old);
                }
                self.files = Some(fresh);
            }
        }
        stages.lap("load");
        let files = self.files.as_ref().expect("loaded above");
        let config = frontmatter::parse_config(&files.config)?;

        // Parse, and compile the templates unless only content changed.
        let reuse_templates = matches!(
            change,
            ChangeKind::Asset | ChangeKind::Content | ChangeKind::Glossary | ChangeKind::Section
        );
        let templates = match (&self.built, reuse_templates) {
            (Some(built), true) => Ok(built.templates.clone()),
            _ => {
                // Fragments rendered with other templates are of no use.
                self.fragments = FragmentCache::default();
                Templates::new(&files.templates, config.digits).map(Arc::new)
            }
        };
        let (mut site, mut problems) =
            site::collect(files, config, self.options.drafts, &mut self.parse_cache);
        let templates = templates.map_err(|more| problems.extend(more.0)).ok();
        stages.lap("parse");

        // Annotate: only articles whose text or glossary changed. Articles with errors are left
        // out, so the rest of the site is still checked.
        let glossary_id = self.glossary_version.of(files.glossary.as_ref());
        let config = &site.config;
        let results: Vec<Result<Arc<AnnotatedArticle>, Diagnostics>> = site
            .articles
            .par_iter()
            .map(|article| match self.annotate_cache.get(&article.path) {
                Some((text, glossary, annotated))
                    if Arc::ptr_eq(text, &article.source_text) && *glossary == glossary_id =>
                {
                    Ok(annotated.clone())
                }
                _ => annotate_article(
                    article,
                    &site.glossary,
                    config.glossary.mark,
                    config.markdown.raw_html,
                )
                .map(Arc::new),
            })
            .collect();
        let mut annotated = Vec::with_capacity(results.len());
        let mut failed = HashSet::default();
        for (article, result) in site.articles.iter().zip(results) {
            match result {
                Ok(body) => annotated.push(body),
                Err(more) => {
                    problems.extend(more.0);
                    failed.insert(article.path.clone());
                }
            }
        }
        site.articles.retain(|a| !failed.contains(&a.path));
        for (article, body) in site.articles.iter().zip(&annotated) {
            let entry = (article.source_text.clone(), glossary_id, body.clone());
            match self.annotate_cache.get_mut(&article.path) {
                Some(cached) if Arc::ptr_eq(&cached.2, body) => {}
                Some(cached) => *cached = entry,
                None => {
                    self.annotate_cache.insert(article.path.clone(), entry);
                }
            }
        }
        if self.annotate_cache.len() > files.pages.len() {
            let present: HashSet<&Path> = files.pages.iter().map(|f| f.path.as_path()).collect();
            self.annotate_cache
                .retain(|path, _| present.contains(path.as_path()));
        }
        let Some(templates) = templates else {
            return Err(problems.sorted());
        };
        if !problems.has_errors() {
            problems
                .extend(unmentioned_entries(&site.glossary, &annotated, files.glossary.as_ref()).0);
        }

        stages.lap("annotate");

        // Render: every page after a template or glossary change, else what the change shows on.
        let related = Related::compute(
            &site,
            &annotated,
            self.related
                .as_ref()
                .filter(|_| change <= ChangeKind::Content),
        );
        let renderer = Renderer::new(
            &site,
            &annotated,
            &related.lists,
            &templates,
            &files.assets,
            &self.fragments,
        );
        problems.extend(renderer.link_problems(files.glossary.as_ref()).0);
        stages.lap("index");
        let footprints: HashMap<PathBuf, Footprint> = site
            .articles
            .iter()
            .zip(&annotated)
            .enumerate()
            .map(|(i, (article, body))| {
                (article.path.clone(), footprint(&renderer, i, article, body))
            })
            .collect();
        let all_pages = renderer.all_pages();
        let page_paths: Vec<String> = all_pages.iter().map(|p| renderer.output_path(p)).collect();
        let page_set: HashSet<&str> = page_paths.iter().map(String::as_str).collect();
        if let Err(more) = output::check_unique_paths(page_paths.iter().map(String::as_str)) {
            problems.extend(more.0);
        }
        let previous = self
            .built
            .as_ref()
            .filter(|_| change <= ChangeKind::Content);
        let to_render: Vec<PageId> = match previous {
            None => all_pages.clone(),
            Some(built) => pages_to_render(
                &site,
                &all_pages,
                &renderer,
                &built.output,
                &self.footprints,
                &footprints,
                built.page_paths.len() != page_set.len()
                    || page_set.iter().any(|p| !built.page_paths.contains(*p)),
            ),
        };
        stages.lap("select");
        let rendered = match sink {
            Sink::Keep => renderer.render_each(&to_render, Ok),
            Sink::Write(staging) if !problems.has_errors() => renderer
                .render_each(&to_render, |page| staging.write(&page.path, &page.contents))
                .map(|_| Vec::new()),
            Sink::Write(_) | Sink::Discard => renderer
                .render_each(&to_render, |_| Ok(()))
                .map(|_| Vec::new()),
        };
        let pages = match rendered {
            Ok(pages) if !problems.has_errors() => pages,
            Ok(_) => return Err(problems.sorted()),
            Err(more) => {
                problems.extend(more.0);
                return Err(problems.sorted());
            }
        };
        let pages_rendered = to_render.len();
        stages.lap("render");

        // Site files (static/, the theme's) replace generated pages of the same path.
        let assets_only = SiteOutput::assemble(Vec::new(), &files.assets);
        let page_count = page_paths.len()
            - page_paths
                .iter()
                .filter(|p| assets_only.files.contains_key(p.as_str()))
                .count();
        let output = match (sink, previous) {
            (Sink::Keep, None) => Some(SiteOutput::assemble(pages, &files.assets)),
            (Sink::Keep, Some(built)) => {
                let mut output = SiteOutput::clone(&built.output);
                output.update(pages, &files.assets, &page_set);
                Some(output)
            }
            (Sink::Write(staging), _) => {
                staging.write_all(&assets_only.files)?;
                None
            }
            (Sink::Discard, _) => None,
        };
        stages.lap("assemble");
        let report = BuildReport {
            pages: page_count,
            articles: site.articles.len(),
            glossary_entries: site.glossary.len(),
            warnings: problems.sorted(),
            elapsed: started.elapsed(),
            stages: stages.laps,
        };
        self.fragments = renderer.fragment_cache();
        drop(renderer);
        self.footprints = footprints;
        self.related = Some(related);
        self.built = output.map(|output| Built {
            templates,
            output: Arc::new(output),
            page_paths: page_paths.into_iter().collect(),
            base_path: site.config.base_path(),
        });
        Ok(RebuildReport {
            change,
            pages_rendered,
            report,
        })
    }

    /// Writes the last successful build to the output directory, atomically.
    pub fn write(&self) -> Result<(), Diagnostics> {
        let output_dir = self.options.output_dir();
        output::check_output_dir(&self.options.root, &output_dir)?;
        let built = self
            .built
            .as_ref()
            .expect("write follows a successful build");
        output::write_to_disk(
            &built.output,
            &self.options.root,
            &output_dir,
            self.options.force,
        )
    }
}

/// Numbers the glossaries a session has seen: the number changes whenever the glossary file's
/// text does (compared by value), so annotations cached under one number were made with the
/// glossary that number stands for. (A glossary's address would not do: a new one can be
/// allocated where a dropped one was.)
#[derive(Default)]
struct GlossaryVersion {
    text: Option<Arc<str>>,
    number: u64,
}

impl GlossaryVersion {
    fn of(&mut self, file: Option<&SourceFile>) -> u64 {
        let text = file.map(|f| &f.text);
        if self.text.as_deref() != text.map(|t| &**t) {
            self.text = text.cloned();
            self.number += 1;
        }
        self.number
    }
}

/// Times the stages of a build, one after the other.
struct Stopwatch {
    last: Instant,
    laps: Vec<(&'static str, std::time::Duration)>,
}

impl Stopwatch {
    fn new() -> Stopwatch {
        Stopwatch {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    /// Ends the stage called `name`.
    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.laps.push((name, now - self.last));
        self.last = now;
    }
}

/// Re-reads changed content files into `files`; a file that is gone is dropped.
fn refresh_files(
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
        files.pages.retain(|f| f.path != *path);
        if let Some(file) = fresh {
            let at = files.pages.partition_point(|f| f.path < file.path);
            files.pages.insert(at, file);
        }
    }
    Ok(())
}

/// Files read again with the same text keep their old `Arc`, so the caches still know them.
fn keep_unchanged_texts(fresh: &mut SiteFiles, old: &SiteFiles) {
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

fn footprint(
    renderer: &Renderer,
    i: usize,
    article: &crate::model::Article,
    body: &Arc<AnnotatedArticle>,
) -> Footprint {
    Footprint {
        text: article.source_text.clone(),
        front: article.front.clone(),
        body: body.clone(),
        shown: renderer.summary_fingerprint(i),
        around: renderer.surroundings_fingerprint(i),
        at: i,
    }
}

/// The pages a content change shows on: the changed articles and the articles whose
/// backlinks, related reading or neighbours changed; the listings, tag pages, feeds and entry
/// pages that show something of a changed article; plus any page that does not exist yet.
fn pages_to_render(
    site: &Site,
    all_pages: &[PageId],
    renderer: &Renderer,
    output: &SiteOutput,
    before: &HashMap<PathBuf, Footprint>,
    after: &HashMap<PathBuf, Footprint>,
    pages_added_or_removed: bool,
) -> Vec<PageId> {
    let count_changed =
        before.len() != after.len() || before.keys().any(|p| !after.contains_key(p));
    // While no article moved, a listing page changes only if it shows a changed article.
    let order_changed = count_changed
        || site
            .articles
            .iter()
            .enumerate()
            .any(|(i, a)| before.get(&a.path).is_none_or(|old| old.at != i));
    let mut listings_changed = count_changed;
    let mut text_changed = count_changed;
    let mut articles = HashSet::default();
    let mut listing_pages: HashSet<PageId> = HashSet::default();
    let mut sections: HashSet<&str> = HashSet::default();
    let mut tags: HashSet<&str> = HashSet::default();
    let mut retagged: HashSet<&str> = HashSet::default();
    let mut entries: HashSet<&str> = HashSet::default();
    let mut reentried: HashSet<&str> = HashSet::default();
    for (i, article) in site.articles.iter().enumerate() {
        let now = &after[&article.path];
        let old = before.get(&article.path);
        if old.is_none_or(|old| old.around != now.around) {
            articles.insert(i);
        }
        let text_same = old.is_some_and(|old| Arc::ptr_eq(&old.text, &now.text));
        let shown_changed = old.is_none_or(|old| old.shown != now.shown);
        if text_same && !shown_changed {
            continue;
        }
        articles.insert(i);
        text_changed |= !text_same;
        if shown_changed {
            listings_changed = true;
            sections.insert(&article.section);
            tags.extend(now.tag_keys());
            listing_pages.extend(renderer.listing_pages_of(i));
            if let Some(old) = old {
                tags.extend(old.tag_keys());
                // A tag gained or lost an article: every page of its listing moves.
                let (was, is): (HashSet<&str>, HashSet<&str>) =
                    (old.tag_keys().collect(), now.tag_keys().collect());
                retagged.extend(was.symmetric_difference(&is));
            }
            if text_same {
                // Shown differently though not edited: a tag of it is now named after another
                // article's spelling, and every page of that tag shows the name.
                retagged.extend(now.tag_keys());
            }
        }
        let old_mentions = old.map(|o| o.body.mentions.as_slice()).unwrap_or_default();
        let new_mentions = &now.body.mentions;
        let mentions_entry =
            |list: &[Mention], id: &str| list.iter().any(|m| m.entry.id.as_str() == id);
        for mention in new_mentions.iter().chain(old_mentions) {
            let id = mention.entry.id.as_str();
            if !(mentions_entry(old_mentions, id) && mentions_entry(new_mentions, id)) {
                // Mentioned now and not before, or the other way: the whole list moves.
                entries.insert(id);
                reentried.insert(id);
            } else if shown_changed
                || !(old_mentions.contains(mention) && new_mentions.contains(mention))
            {
                entries.insert(id);
                listing_pages.extend(renderer.entry_page_of(id, i));
            }
        }
    }
    // Removed articles: their tags and entries lose a line.
    for (path, old) in before {
        if !after.contains_key(path) {
            tags.extend(old.tag_keys());
            entries.extend(old.body.mentions.iter().map(|m| m.entry.id.as_str()));
            reentried.extend(old.body.mentions.iter().map(|m| m.entry.id.as_str()));
        }
    }
    // Sections sorted by title reorder when a title changes.
    let title_sorted = |name: &str| {
        site.sections
            .iter()
            .any(|s| s.name == name && s.meta.sort_by == crate::model::SortBy::Title)
    };
    all_pages
        .iter()
        .filter(|page| {
            let needed = match page {
                PageId::Article(i) => articles.contains(i),
                PageId::Home(_) => {
                    listings_changed && (order_changed || listing_pages.contains(*page))
                }
                PageId::TagIndex | PageId::Feed(Feed::Site) => listings_changed,
                PageId::Section(name, _) => {
                    sections.contains(name.as_str())
                        && (order_changed || title_sorted(name) || listing_pages.contains(*page))
                        || count_changed && listings_changed
                }
                PageId::Tag(key, _) => {
                    tags.contains(key.as_str())
                        && (order_changed
                            || retagged.contains(key.as_str())
                            || listing_pages.contains(*page))
                }
                PageId::Feed(Feed::Tag(key)) => tags.contains(key.as_str()),
                PageId::Entry(id, _) => {
                    entries.contains(id.as_str())
                        && (order_changed
                            || reentried.contains(id.as_str())
                            || listing_pages.contains(*page))
                }
                PageId::Feed(Feed::Entry(id)) => entries.contains(id.as_str()),
                PageId::Sitemap => listings_changed || pages_added_or_removed,
                PageId::SearchIndex => text_changed,
                PageId::GlossaryIndex | PageId::NotFound | PageId::Search | PageId::Robots => false,
            };
            needed || !output.files.contains_key(&renderer.output_path(page))
        })
        .cloned()
        .collect()
}

/// A warning for each glossary entry that no article mentions.
fn unmentioned_entries(
    glossary: &Glossary,
    annotated: &[Arc<AnnotatedArticle>],
    file: Option<&SourceFile>,
) -> Diagnostics {
    let Some(file) = file else {
        return Diagnostics::default();
    };
    let mentioned: HashSet<&str> = annotated
        .iter()
        .flat_map(|a| a.mentions.iter().map(|m| m.entry.id.as_str()))
        .collect();
    let unmentioned: Vec<_> = glossary
        .entries
        .iter()
        .filter(|e| !mentioned.contains(e.id.as_str()))
        .collect();
    if unmentioned.is_empty() {
        return Diagnostics::default();
    }
    let places = frontmatter::index_values(&file.text, "id");
    let lines = crate::diagnostics::LineIndex::new(&file.text);
    let warnings = unmentioned
        .into_iter()
        .map(|e| {
            let diagnostic = Diagnostic::warning(&file.path, format!("no article mentions `{}`", e.id))
                .with_hint("check the term's spelling against the articles, add a variant, or remove the entry");
            match places.get(e.id.as_str()) {
                Some(&offset) => diagnostic.at_offset_indexed(&file.text, &lines, offset, e.id.len()),
                None => diagnostic,
            }
        })
        .collect();
    Diagnostics(warnings).sorted()
}
