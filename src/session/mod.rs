//! A build that can be redone: the first build reads and renders everything; each rebuild
//! re-reads only the files that changed and redoes only what depends on them. `build` runs one
//! session once; `serve` and `build --watch` keep one alive.

use crate::diagnostics::{Diagnostic, DiagnosticKind, Diagnostics, Severity};
use crate::model::Located;
use crate::pipeline::annotate::exception_report;
use crate::pipeline::load::{self, SiteFiles, SourceFile};
use crate::pipeline::output::{SiteOutput, Staging};
use crate::pipeline::related::Related;
use crate::pipeline::render::{FragmentCache, PageId, Renderer, SiteIndex, Templates};
use crate::pipeline::site::{self, ParseCache};
use crate::pipeline::{frontmatter, output};
use crate::{BuildOptions, BuildReport};
use caches::AnnotateCache;
pub use change::{classify, ChangeKind};
use change::{keep_unchanged_texts, refresh_files};
use invalidate::{
    edited_within_index, footprint, pages_to_render, Footprint, Footprints, SiteWide,
};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
pub use sources::Sources;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

mod caches;
mod change;
mod invalidate;
mod sources;

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
    /// Keep the site, as `Keep`, and while a first build renders every page, let `answer`
    /// have any page of it at once: the preview shows a large site before it is all rendered.
    KeepAnswering(&'a dyn Answer),
}

/// Takes requests for pages while a first build renders the whole site (see
/// `Sink::KeepAnswering`).
pub trait Answer: Sync {
    /// Called on a thread of its own once every page can be rendered; answers requests with
    /// `pages` until `stop` is called. `pages` is given a file's path in the output
    /// (`articles/x/index.html`) and returns an output holding the site's copied files and
    /// the pages that path may name, rendered: the page, a page in a directory of that name,
    /// the search index for a path under it, and the 404 page.
    fn answer(&self, pages: &(dyn Fn(&str) -> SiteOutput + Sync));
    /// The whole site is rendered: `answer` returns.
    fn stop(&self);
}

/// What the last successful build produced, kept to redo only part of it.
struct Built {
    templates: Arc<Templates>,
    /// Shared with the preview server, which serves it while the next rebuild runs.
    output: Arc<SiteOutput>,
    /// Where every generated page went (a site file may have replaced one in `output`).
    page_paths: HashSet<String>,
    /// Where every copied file went.
    asset_paths: Vec<String>,
    base_path: String,
    sources: Arc<Sources>,
}

pub struct Session {
    options: BuildOptions,
    files: Option<SiteFiles>,
    parse_cache: ParseCache,
    annotate_cache: AnnotateCache,
    built: Option<Built>,
    /// By article path (as bytes: hashing a `Path` walks its components).
    footprints: HashMap<OsString, Footprint>,
    /// Each glossary entry's own HTML, as a hash, at the last build.
    entry_prints: HashMap<String, u64>,
    related: Option<Related>,
    /// Cards and popovers of the last build, valid while its templates are.
    fragments: FragmentCache,
    /// What every page of the last build drew on: the next renders with it if its edits
    /// change none of it.
    index: Option<SiteIndex>,
    /// The change a failed rebuild did not finish, and the paths it was given: a glossary or
    /// template change followed by the fix of an article must still re-render everything the
    /// first change touched, and a copied file changed meanwhile still counts as changed.
    unfinished: Option<(ChangeKind, Vec<PathBuf>)>,
    unmentioned: UnmentionedWarnings,
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
            annotate_cache: AnnotateCache::default(),
            built: None,
            footprints: HashMap::default(),
            entry_prints: HashMap::default(),
            related: None,
            fragments: FragmentCache::default(),
            index: None,
            unfinished: None,
            unmentioned: UnmentionedWarnings::default(),
        }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// The site of the last successful build.
    pub fn output(&self) -> Option<&Arc<SiteOutput>> {
        self.built.as_ref().map(|b| &b.output)
    }

    /// The articles and glossary of the last successful build.
    pub fn sources(&self) -> Option<&Arc<Sources>> {
        self.built.as_ref().map(|b| &b.sources)
    }

    /// The path every URL of the last successful build starts with.
    pub fn base_path(&self) -> Option<&str> {
        self.built.as_ref().map(|b| b.base_path.as_str())
    }

    /// Builds everything from disk and keeps the site in memory.
    pub fn build(&mut self) -> Result<RebuildReport, Diagnostics> {
        self.build_into(Sink::Keep)
    }

    /// Builds everything from disk and hands the pages to `sink`. Only `Sink::Keep` and
    /// `Sink::KeepAnswering` leave a site to rebuild from.
    pub fn build_into(&mut self, sink: Sink) -> Result<RebuildReport, Diagnostics> {
        self.files = None;
        self.built = None;
        self.rebuild_after(ChangeKind::Everything, &[], sink)
    }

    /// Rebuilds after `changed` paths (absolute, or relative to the root) changed on disk.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<RebuildReport, Diagnostics> {
        let root = &self.options.root;
        let mut relative: Vec<PathBuf> = changed
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
        // What a failed rebuild was to redo is still to be done, whatever changed since.
        if let Some((unfinished, paths)) = self.unfinished.take() {
            change = change.max(unfinished);
            for path in paths {
                if !relative.contains(&path) {
                    relative.push(path);
                }
            }
        }
        let result = self.rebuild_after(change, &relative, Sink::Keep);
        self.unfinished = result.is_err().then_some((change, relative));
        result
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
                DiagnosticKind::NoSite,
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
        problems.extend(files.warnings.iter().cloned());
        problems.extend(site::config_and_glossary_warnings(
            &files.config,
            &site.config,
            files.glossary.as_ref(),
            &site.glossary,
        ));
        problems.extend(site::example_base_url_warning(&files.config, &site.config));
        let templates = templates.map_err(|more| problems.extend(more.0)).ok();
        stages.lap("parse");

        // Annotate: only articles whose text or glossary changed. Articles with errors are left
        // out, so the rest of the site is still checked.
        let (annotated, more) =
            self.annotate_cache
                .annotate(&mut site, files, templates.as_ref().map(|t| t.marks()));
        problems.extend(more.0);
        let Some(templates) = templates else {
            return Err(problems.sorted());
        };
        stages.lap("annotate");

        // Render: every page after a template or glossary change, else what the change shows on.
        let related = Related::compute(
            &site,
            &annotated,
            self.related
                .as_ref()
                .filter(|_| change <= ChangeKind::Content),
        );
        stages.lap("related");
        let same_asset_list = self.built.as_ref().is_some_and(|built| {
            built
                .asset_paths
                .iter()
                .eq(files.assets.iter().map(|a| &a.output))
        });
        // Summaries name the files beside their articles (an article's `image`): a new list
        // of files makes them anew.
        if self.built.is_some() && !same_asset_list {
            self.fragments = FragmentCache::default();
        }
        // Articles edited within what the index is made of: it serves as it is.
        let edited = self
            .index
            .as_ref()
            .filter(|_| {
                change == ChangeKind::Content
                    && changed.iter().all(|p| classify(p) == ChangeKind::Content)
                    && same_asset_list
            })
            .and_then(|index| {
                Some((
                    index,
                    edited_within_index(&site, &annotated, &self.footprints)?,
                ))
            });
        let renderer = match &edited {
            Some((index, _)) => Renderer::reusing(
                &site,
                &annotated,
                &related,
                &templates,
                index,
                &self.fragments,
            ),
            None => Renderer::new(
                &site,
                &annotated,
                &related,
                &templates,
                &files.root,
                &files.assets,
                &self.fragments,
            ),
        };
        problems.extend(renderer.link_problems(files.glossary.as_ref()).0);
        // Counted over every article, so only when none failed.
        let mut notes = Diagnostics::default();
        if !problems.has_errors() {
            if let Some(file) = &files.glossary {
                let unmentioned = renderer.unmentioned_entries();
                problems.extend(self.unmentioned.warnings(file, unmentioned).0);
            }
            let (counted, unused): (Vec<Diagnostic>, Vec<Diagnostic>) =
                exception_report(&site, &annotated, files.glossary.as_ref())
                    .0
                    .into_iter()
                    .partition(|d| d.severity == Severity::Note);
            problems.extend(unused);
            notes = Diagnostics(counted).sorted();
        }
        stages.lap("index");
        let all_pages = renderer.pages();
        let page_paths = renderer.page_paths();
        // The kept index's pages are the last build's, which passed the checks below.
        let page_set: Option<HashSet<&str>> = edited
            .is_none()
            .then(|| page_paths.iter().map(String::as_str).collect());
        let previous = self
            .built
            .as_ref()
            .filter(|_| change <= ChangeKind::Content);
        let every_footprint = || -> HashMap<OsString, Footprint> {
            site.articles
                .par_iter()
                .zip(annotated.par_iter())
                .enumerate()
                .map(|(i, (article, body))| {
                    (
                        article.path.as_os_str().to_owned(),
                        footprint(&renderer, i, article, body),
                    )
                })
                .collect()
        };
        let footprints: Option<Footprints> = match (&edited, previous) {
            // What the others show is made of the index alone: only the edited change.
            (Some((_, edited)), _) => Some(Footprints::Edited(
                edited
                    .iter()
                    .map(|&i| (i, footprint(&renderer, i, &site.articles[i], &annotated[i])))
                    .collect(),
            )),
            (None, Some(_)) => Some(Footprints::Every(every_footprint())),
            // Only the next build compares them: made once the pages are rendered, so that a
            // first page is answered before every article's related reading is made.
            (None, None) => None,
        };
        let same_pages = previous.is_some_and(|built| match &page_set {
            None => true,
            Some(page_set) => {
                page_set.len() == page_paths.len()
                    && built.page_paths.len() == page_set.len()
                    && page_set.iter().all(|p| built.page_paths.contains(*p))
            }
        });
        let same_assets = previous.is_some() && same_asset_list;
        // The same paths as the last build, which passed this check, pass it again.
        if !(same_pages && same_assets) {
            let sources = all_pages.iter().map(|page| match page {
                PageId::Article(i) => Some(site.articles[*i].path.as_path()),
                _ => None,
            });
            let theme: Vec<String> = crate::embedded::theme_outputs()
                .map(|(path, _)| path)
                .collect();
            let copied = files
                .assets
                .iter()
                .map(|a| (a.output.as_str(), Some(a.source.as_path())))
                .chain(theme.iter().map(|path| (path.as_str(), None)));
            // Aliases are checked on their own, to point at the alias and name what is there.
            let not_aliases = page_paths
                .iter()
                .map(String::as_str)
                .zip(sources)
                .zip(all_pages)
                .filter(|(_, page)| !matches!(page, PageId::Alias(..)))
                .map(|(path, _)| path);
            if let Err(more) = output::check_unique_paths(not_aliases, copied) {
                problems.extend(more.0);
            }
            problems.extend(renderer.alias_problems(&files.assets).0);
        }
        let entry_prints = renderer.entry_fingerprints();
        let to_render: Vec<PageId> = match previous {
            None => {
                // The search index is the one page that takes long: begun first, what it does
                // alone (merging, cutting chunks) runs while the other pages render.
                let mut all = all_pages.to_vec();
                if let Some(at) = all.iter().position(|p| matches!(p, PageId::SearchIndex)) {
                    all[..=at].rotate_right(1);
                }
                all
            }
            Some(built) => pages_to_render(
                &site,
                &renderer,
                &built.output,
                &self.footprints,
                footprints
                    .as_ref()
                    .expect("a rebuild has the footprints to compare"),
                &SiteWide {
                    pages_added_or_removed: !same_pages,
                    assets_changed: !same_assets,
                    restyled_entries: entry_prints
                        .iter()
                        .filter(|(id, print)| self.entry_prints.get(*id) != Some(print))
                        .map(|(id, _)| id.clone())
                        .collect(),
                },
            ),
        };
        stages.lap("select");
        let rendered = match sink {
            Sink::KeepAnswering(answer) if previous.is_none() && !problems.has_errors() => {
                let paths: HashMap<&str, &PageId> = page_paths
                    .iter()
                    .map(String::as_str)
                    .zip(all_pages.iter())
                    .collect();
                let pages = |key: &str| {
                    let wanted = [
                        Some(key.to_string()),
                        Some(format!("{key}/index.html")),
                        key.starts_with("search/")
                            .then(|| crate::pipeline::search::INDEX_PATH.to_string()),
                        Some("404.html".to_string()),
                    ];
                    // On this thread: the build's own rendering keeps every thread of the
                    // pool busy, and would take a job given to it last. A page whose template
                    // fails is left out: the build reports it.
                    let rendered = wanted
                        .iter()
                        .flatten()
                        .filter_map(|path| paths.get(path.as_str()))
                        .filter_map(|&id| renderer.render_page(id).ok())
                        .collect();
                    SiteOutput::assemble(rendered, &files.assets)
                };
                /// Stops the answering thread however rendering ends, or the scope would
                /// wait for it for ever.
                struct StopAnswering<'s>(&'s dyn Answer);
                impl Drop for StopAnswering<'_> {
                    fn drop(&mut self) {
                        self.0.stop();
                    }
                }
                std::thread::scope(|scope| {
                    scope.spawn(|| answer.answer(&pages));
                    let _stop = StopAnswering(answer);
                    renderer.render_each(&to_render, Ok)
                })
            }
            Sink::Keep | Sink::KeepAnswering(_) => renderer.render_each(&to_render, Ok),
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
        let page_count = renderer.page_paths().len()
            - renderer
                .page_paths()
                .iter()
                .filter(|p| assets_only.files.contains_key(p.as_str()))
                .count();
        let output = match (sink, previous) {
            (Sink::Keep | Sink::KeepAnswering(_), None) => {
                Some(SiteOutput::assemble(pages, &files.assets))
            }
            (Sink::Keep | Sink::KeepAnswering(_), Some(built)) => {
                let mut output = SiteOutput::clone(&built.output);
                // With the same pages and files, nothing of the last build's goes.
                output.update(
                    pages,
                    &files.assets,
                    page_set.as_ref().filter(|_| !(same_pages && same_assets)),
                );
                Some(output)
            }
            (Sink::Write(staging), _) => {
                staging.write_all(&assets_only.files)?;
                None
            }
            (Sink::Discard, _) => None,
        };
        stages.lap("assemble");
        let (articles, glossary_entries) = (site.articles.len(), site.glossary.len());
        // The last build's paths serve again when they are the same; what else it kept is freed
        // below.
        let (page_paths, previous_build) = match (same_pages, self.built.take()) {
            (true, Some(built)) => (built.page_paths, (Some(built.output), None)),
            (_, previous) => (
                renderer.page_paths().iter().cloned().collect(),
                previous.map_or((None, None), |built| {
                    (Some(built.output), Some(built.page_paths))
                }),
            ),
        };
        // The footprints that replace the last build's; the edited articles' are updated in
        // place, only now: a rebuild that failed compares with the last good build's. A build
        // that keeps no site is followed by no rebuild: no footprints to keep.
        let new_footprints = match (footprints, &output) {
            (Some(Footprints::Every(every)), _) => Some(every),
            (Some(Footprints::Edited(edited)), _) => {
                for (i, footprint) in edited {
                    let path = site.articles[i].path.as_os_str().to_owned();
                    self.footprints.insert(path, footprint);
                }
                None
            }
            (None, Some(_)) => Some(every_footprint()),
            (None, None) => Some(HashMap::default()),
        };
        let fragments = match &edited {
            Some((_, edited)) => {
                let mut fragments = std::mem::take(&mut self.fragments);
                renderer.refresh_fragment_cache(&mut fragments, edited);
                fragments
            }
            None => renderer.fragment_cache(),
        };
        let index = output.is_some().then(|| renderer.site_index());
        drop(renderer);
        self.entry_prints = entry_prints;
        let previous_index = std::mem::replace(&mut self.index, index);
        self.built = output.map(|output| Built {
            templates,
            output: Arc::new(output),
            page_paths,
            asset_paths: files.assets.iter().map(|a| a.output.clone()).collect(),
            base_path: site.config.base_path(),
            sources: Arc::new(Sources::new(&site, files.glossary.as_ref())),
        });
        // What the last build kept is freed on another thread: the preview waits for nothing.
        drop_later((
            previous_build,
            previous_index,
            std::mem::replace(&mut self.fragments, fragments),
            new_footprints.map(|footprints| std::mem::replace(&mut self.footprints, footprints)),
            self.related.replace(related),
            site,
        ));
        stages.lap("finish");
        let report = BuildReport {
            pages: page_count,
            articles,
            glossary_entries,
            warnings: problems.sorted(),
            notes,
            elapsed: started.elapsed(),
            stages: stages.laps,
        };
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

/// Frees `value` on a thread of its own: a site's worth of maps takes milliseconds to free.
fn drop_later<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
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

/// The warnings for glossary entries that no article mentions, kept while the glossary and the
/// list are the same: finding the line each entry is written on reads the whole glossary file.
#[derive(Default)]
struct UnmentionedWarnings {
    last: Option<(Arc<str>, Vec<String>, Diagnostics)>,
}

impl UnmentionedWarnings {
    fn warnings(&mut self, file: &SourceFile, unmentioned: Vec<&Located<String>>) -> Diagnostics {
        if let Some((text, ids, warnings)) = &self.last {
            if text[..] == file.text[..]
                && ids
                    .iter()
                    .map(String::as_str)
                    .eq(unmentioned.iter().map(|id| id.as_str()))
            {
                return warnings.clone();
            }
        }
        let warnings = if unmentioned.is_empty() {
            Diagnostics::default()
        } else {
            let lines = crate::diagnostics::LineIndex::new(&file.text);
            let warnings = unmentioned
                .iter()
                .map(|id| {
                    let diagnostic = Diagnostic::warning(DiagnosticKind::UnmentionedEntry, &file.path, format!("no article mentions `{id}`"))
                        .with_hint("check the term's spelling against the articles, add a variant, or remove the entry");
                    match id.span.map(|span| span.inside_quotes(&file.text)) {
                        Some(span) => diagnostic.at_offset_indexed(&file.text, &lines, span.offset, span.len),
                        None => diagnostic,
                    }
                })
                .collect();
            Diagnostics(warnings).sorted()
        };
        self.last = Some((
            file.text.clone(),
            unmentioned.into_iter().map(|id| id.value.clone()).collect(),
            warnings.clone(),
        ));
        warnings
    }
}
