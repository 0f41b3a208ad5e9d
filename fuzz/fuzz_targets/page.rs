//! One whole page: front matter, Markdown and annotation with a small glossary. Never panics;
//! every term mark wraps exactly what the text says.
#![no_main]

use hashiya::model::{Article, DigitStyle, EntryKind, GlossaryEntry, GlossaryMark, RawHtml};
use hashiya::pipeline::annotate::{annotate_article, Glossary};
use hashiya::pipeline::frontmatter::{parse_page, ParsedPage};
use hashiya::pipeline::load::SourceFile;
use hashiya::pipeline::Templates;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn glossary() -> &'static Glossary {
    static GLOSSARY: OnceLock<Glossary> = OnceLock::new();
    GLOSSARY.get_or_init(|| {
        let entry = |id: &str, term: &str, kind| GlossaryEntry {
            id: id.to_string().into(),
            term: term.to_string().into(),
            kind,
            variants: vec![],
            original: None,
            original_lang: None,
            latin: None,
            wikidata: None,
            summary: "x".to_string().into(),
            body: None,
            see_also: vec![],
            except: vec![],
        };
        let entries = vec![
            entry("russia", "روسيا", EntryKind::Place),
            entry("kremlin", "الكرملين", EntryKind::Organization),
            entry("sanction", "عقوبة", EntryKind::Noun),
            entry("nk", "كوريا الشمالية", EntryKind::Place),
        ];
        Glossary::new(entries, Path::new("content/glossary.yaml"), "").expect("a valid glossary")
    })
}

/// The default templates, for the markup of mentions and notes.
fn templates() -> &'static Templates {
    static TEMPLATES: OnceLock<Templates> = OnceLock::new();
    TEMPLATES.get_or_init(|| Templates::new(&[], DigitStyle::Western).expect("the defaults compile"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = format!("---\ntitle: t\ndate: 2020-01-01\n---\n{text}");
    let file = SourceFile {
        path: "content/a/fuzz.md".into(),
        text: text.as_str().into(),
    };
    let Ok(ParsedPage::Article {
        front,
        body,
        body_offset,
    }) = parse_page(&file)
    else {
        return;
    };
    let article = Article {
        path: file.path.clone(),
        section: "a".into(),
        slug: "fuzz".into(),
        front,
        body,
        body_offset,
        source_text: file.text.clone(),
    };
    for mark in [GlossaryMark::All, GlossaryMark::First] {
        for raw_html in [RawHtml::Sanitize, RawHtml::Escape] {
            let _ = annotate_article(
                &article,
                glossary(),
                Some(templates().marks()),
                mark,
                raw_html,
                DigitStyle::Western,
            );
        }
    }
});
