//! hashiya: a static site generator for annotated, right-to-left articles.
//!
//! `build` runs the pipeline (load → parse → annotate → render → write); `build_in_memory`
//! runs the same stages and keeps the result, which is what the preview server serves.

pub mod arabic;
pub mod diagnostics;
mod embedded;
pub mod init;
pub mod model;
pub mod pipeline;
pub mod urls;

use diagnostics::{Diagnostic, Diagnostics};
use pipeline::annotate::{annotate_article, AnnotatedArticle};
use pipeline::output::SiteOutput;
use pipeline::{frontmatter, load, output, render, site};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's root: the directory with `site.yaml` and `content/`.
    pub root: PathBuf,
    /// Where to write; `<root>/public` when not given.
    pub output: Option<PathBuf>,
    /// Publish articles marked `draft: true` too.
    pub drafts: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: None,
            drafts: false,
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
    pub elapsed: Duration,
}

impl BuildReport {
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
    let (site, mut report) = build_in_memory(options)?;
    output::write_to_disk(&site, &options.root, &output_dir)?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Runs every stage but the write; the result can be served or written.
pub fn build_in_memory(options: &BuildOptions) -> Result<(SiteOutput, BuildReport), Diagnostics> {
    let started = Instant::now();
    let root = &options.root;
    if !root.join(load::CONFIG_FILE).is_file() {
        return Err(Diagnostic::error(
            load::CONFIG_FILE,
            format!(
                "no site here: `{}` has no site.yaml",
                diagnostics::display_path(root)
            ),
        )
        .with_hint(
            "pass the site's directory with `--root DIR`, or create a site with `hashiya init DIR`",
        )
        .into());
    }
    let config_file = load::read_text(root, Path::new(load::CONFIG_FILE))?;
    let config = frontmatter::parse_config(&config_file)?;
    let files = load::load_site(root, config_file, &config.theme)?;
    let templates = render::Templates::new(&files.templates, config.digits);
    let site = site::collect(&files, config, options.drafts);
    let (site, templates) = match (site, templates) {
        (Ok(site), Ok(templates)) => (site, templates),
        (site, templates) => {
            let mut problems = Diagnostics::default();
            if let Err(more) = site {
                problems.extend(more.0);
            }
            if let Err(more) = templates {
                problems.extend(more.0);
            }
            return Err(problems.sorted());
        }
    };

    let config = &site.config;
    let results: Vec<Result<AnnotatedArticle, Diagnostics>> = site
        .articles
        .par_iter()
        .map(|article| {
            annotate_article(
                article,
                &site.glossary,
                config.glossary.mark,
                config.markdown.raw_html,
            )
        })
        .collect();
    let mut problems = Diagnostics::default();
    let mut annotated = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(article) => annotated.push(article),
            Err(more) => problems.extend(more.0),
        }
    }
    if problems.has_errors() {
        return Err(problems.sorted());
    }
    problems.extend(unmentioned_entries(&site, &annotated, &files));

    let pages = render::render_site(&site, &annotated, &templates, &files.templates)?;
    let output = SiteOutput::assemble(pages, &files.assets)?;
    let report = BuildReport {
        pages: output.page_count(),
        articles: site.articles.len(),
        glossary_entries: site.glossary.len(),
        warnings: problems.sorted(),
        elapsed: started.elapsed(),
    };
    Ok((output, report))
}

/// A warning for each glossary entry that no article mentions.
fn unmentioned_entries(
    site: &site::Site,
    annotated: &[AnnotatedArticle],
    files: &load::SiteFiles,
) -> Vec<Diagnostic> {
    let Some(file) = &files.glossary else {
        return Vec::new();
    };
    let mentioned: std::collections::HashSet<&str> = annotated
        .iter()
        .flat_map(|a| a.mentions.iter().map(|m| m.entry_id.as_str()))
        .collect();
    site.glossary
        .entries
        .iter()
        .filter(|e| !mentioned.contains(e.id.as_str()))
        .map(|e| {
            let diagnostic = Diagnostic::warning(&file.path, format!("no article mentions `{}`", e.id))
                .with_hint("check the term's spelling against the articles, add a variant, or remove the entry");
            match frontmatter::locate_value(&file.text, "id", &e.id, 0) {
                Some(offset) => diagnostic.at_offset(&file.text, offset, e.id.len()),
                None => diagnostic,
            }
        })
        .collect()
}
