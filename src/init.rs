//! `hashiya init DIR`: a minimal site that builds at once.

use crate::diagnostics::{display_path, Diagnostic, DiagnosticKind};
use std::path::Path;

const SITE_YAML: &str = "\
title: موقعي
description: مقالات مترجمة ومشروحة.
base_url: https://example.org/
language: ar
";

const HOME: &str = "\
---
title: موقعي
---
أهلًا بك في موقع جديد بُني بحاشية.
";

const ARTICLE: &str = "\
---
title: مقالي الأول
date: 2024-01-15
summary: مثال قصير على مقال مشروح.
tags: [أمثلة]
notes:
  - quote: مقال قصير
    body: كل حاشية تُربط بعبارة من النص وتظهر بجانبها.
---
هذا مقال قصير عن موسكو وبكين. كل اسم في المسرد يُعرف في النص تلقائيًا، مثل بكين وموسكو.
";

/// The articles' section, named in Arabic in the navigation (its folder's name otherwise).
const SECTION: &str = "\
---
title: المقالات
---
";

const GLOSSARY: &str = "\
- id: moscow
  term: موسكو
  kind: place
  latin: Moscow
  summary: عاصمة روسيا وأكبر مدنها.
- id: beijing
  term: بكين
  kind: place
  latin: Beijing
  summary: عاصمة الصين.
";

/// Creates the site; refuses to overwrite one that is already there.
pub fn init(dir: &Path) -> Result<(), Diagnostic> {
    if dir.join(crate::pipeline::load::CONFIG_FILE).exists() {
        return Err(Diagnostic::error(
            DiagnosticKind::AlreadyExists,
            display_path(&dir.join("site.yaml")),
            "a site already exists here",
        )
        .with_hint("choose an empty or new directory"));
    }
    let files = [
        ("site.yaml", SITE_YAML),
        ("content/_index.md", HOME),
        ("content/articles/_index.md", SECTION),
        ("content/articles/first-article.md", ARTICLE),
        ("content/glossary.yaml", GLOSSARY),
    ];
    for (relative, text) in files {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| write_error(&path, e))?;
    }
    Ok(())
}

fn write_error(path: &Path, err: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        DiagnosticKind::CannotWrite,
        display_path(path),
        format!("cannot write: {}", err.kind()),
    )
    .with_hint("check that you may write to this directory")
}
