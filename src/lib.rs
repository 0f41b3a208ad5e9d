//! hashiya: a static site generator for annotated, right-to-left articles.
//!
//! `build` runs the pipeline (load → parse → annotate → render → write); `build_in_memory`
//! runs the same stages and keeps the result, which is what the preview server serves.

pub mod arabic;
pub mod diagnostics;
mod embedded;
pub mod init;
pub mod model;
pub mod new;
pub mod pipeline;
pub mod serve;
pub(crate) mod session;
pub(crate) mod urls;

use diagnostics::Diagnostics;
use pipeline::output::{self, SiteOutput};
pub use session::{Answer, ChangeKind, RebuildReport, Session, Sink};
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's root: the directory with `site.yaml` and `content/`.
    pub root: PathBuf,
    /// Where to write; `<root>/public` when not given.
    pub output: Option<PathBuf>,
    /// Publish articles marked `draft: true` too.
    pub drafts: bool,
    /// Print how long each stage of every build took.
    pub timings: bool,
    /// Replace the output directory even if hashiya did not write it.
    pub force: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: None,
            drafts: false,
            timings: false,
            force: false,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub pages: usize,
    pub articles: usize,
    pub glossary_entries: usize,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
    /// What `check` reports beside them: how many mentions each glossary exception removed.
    pub notes: Diagnostics,
    pub elapsed: Duration,
    /// How long each stage took, in order.
    pub stages: Vec<(&'static str, Duration)>,
}

impl BuildReport {
    /// One line per stage, for `--timings`.
    pub fn stages_table(&self) -> String {
        self.stages
            .iter()
            .map(|(stage, took)| format!("  {stage:<10} {:>7.1} ms\n", took.as_secs_f64() * 1e3))
            .collect()
    }

    /// The one line `build` prints at the end.
    pub fn summary_line(&self) -> String {
        format!(
            "built {} pages ({} articles, {} glossary entries) in {} ms",
            self.pages,
            self.articles,
            self.glossary_entries,
            self.elapsed.as_millis()
        )
    }
}

/// Builds the site and writes it to the output directory, replacing it only on success.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let output_dir = options.output_dir();
    output::check_output_dir(&options.root, &output_dir)?;
    let staging = output::Staging::new(&options.root, &output_dir, options.force)?;
    let mut session = Session::new(options.clone());
    let built = session.build_into(Sink::Write(&staging));
    // What the session holds of a large site takes a tenth of a second to free: the build's
    // result does not wait for it.
    std::thread::spawn(move || drop(session));
    let mut report = built?.report;
    staging.commit()?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Loads, parses, annotates and renders everything in memory, writing nothing, and returns every
/// problem found: errors, then warnings. `Ok` holds the warnings of a site without errors.
pub fn check(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    Session::new(options.clone())
        .build_into(Sink::Discard)
        .map(|r| r.report)
}

/// Runs every stage but the write; the result can be served or written.
pub fn build_in_memory(options: &BuildOptions) -> Result<(SiteOutput, BuildReport), Diagnostics> {
    let mut session = Session::new(options.clone());
    let report = session.build()?.report;
    let output = session
        .output()
        .map(|shared| SiteOutput::clone(shared))
        .unwrap_or_default();
    Ok((output, report))
}
