//! `hashiya new SECTION/NAME`: a new article, with the front matter a translation desk fills
//! in, written as a draft so that the site builds with it at once and publishes it only when
//! its `draft: true` is removed.

use crate::diagnostics::{display_path, Diagnostic, DiagnosticKind};
use crate::model::Date;
use std::path::{Path, PathBuf};

/// Writes `content/<section>/<name>.md` under `root`, dated `today`; refuses a name that is
/// not `section/name`, a root without a site, and a file (or page bundle) already there.
/// Returns the path written.
pub fn new_article(root: &Path, name: &str, today: Date) -> Result<PathBuf, Diagnostic> {
    let config = root.join(crate::pipeline::load::CONFIG_FILE);
    if !config.is_file() {
        return Err(Diagnostic::error(
            DiagnosticKind::NoSite,
            display_path(&config),
            "no site here",
        )
        .with_hint(
            "pass the site's directory with `--root DIR`, or create a site with `hashiya init DIR`",
        ));
    }
    let name = name.strip_suffix(".md").unwrap_or(name);
    let parts: Vec<&str> = name.split('/').collect();
    let bad_part = |p: &&str| p.is_empty() || p.starts_with('.') || p.contains('\\');
    if parts.len() < 2 || parts.iter().any(bad_part) || parts.last() == Some(&"_index") {
        return Err(Diagnostic::error(
            DiagnosticKind::InvalidArticleName,
            display_path(&root.join("content")),
            format!("`{name}` does not name an article in a section"),
        )
        .with_hint("write SECTION/NAME, e.g. `hashiya new articles/summit`: the file is content/articles/summit.md"));
    }
    let path = root.join("content").join(format!("{name}.md"));
    let bundle = root.join("content").join(name).join("index.md");
    if let Some(existing) = [&path, &bundle].into_iter().find(|p| p.exists()) {
        return Err(Diagnostic::error(
            DiagnosticKind::AlreadyExists,
            display_path(existing),
            "this article already exists",
        )
        .with_hint("choose another name, or edit the file"));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
    }
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    use std::io::Write;
    file.and_then(|mut f| f.write_all(template(today).as_bytes()))
        .map_err(|e| write_error(&path, e))?;
    Ok(path)
}

/// The new article. Values a reader sees are in Arabic; fields left empty are read as absent.
fn template(today: Date) -> String {
    format!(
        "\
---
title: عنوان المقال
date: {today}
# summary: سطر أو سطران يظهران في القوائم ونتائج البحث.
translator:
source:
  title:
  outlet:
  url:
  author:
  date:
tags: []
notes: []
# notes:
#   - quote: عبارة من النص كما وردت
#     body: ما يحتاج القارئ إلى معرفته عند هذه العبارة.
draft: true
---
نص المقال هنا.
"
    )
}

fn write_error(path: &Path, err: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        DiagnosticKind::CannotWrite,
        display_path(path),
        format!("cannot write: {}", err.kind()),
    )
    .with_hint("check that you may write to this directory")
}
