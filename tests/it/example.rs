//! The repository's own example site: it builds cleanly and reads as the issue promises.

use scraper::{Html, Selector};
use std::path::Path;

fn count(doc: &Html, css: &str) -> usize {
    doc.select(&Selector::parse(css).unwrap()).count()
}

#[test]
fn example_site_builds_with_no_warning_but_its_example_address() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let options = hashiya::BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.path().join("public")),
        ..hashiya::BuildOptions::new(root)
    };
    let report = hashiya::build(&options).expect("the example site builds");
    // It is an example: its `base_url` is the example address, and says so; nothing else.
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{}", report.warnings);
    assert!(
        warnings[0].starts_with(
            "site.yaml:3:11: warning[example-base-url]: `base_url` is still an example address"
        ),
        "{}",
        report.warnings
    );
    assert!(report.articles >= 3);
    assert!(report.glossary_entries >= 25);

    let read = |p: &str| std::fs::read_to_string(out.path().join("public").join(p)).unwrap();
    let home = Html::parse_document(&read("index.html"));
    assert!(count(&home, "main article") >= 3);

    let seed = Html::parse_document(&read("articles/russia-north-korea/index.html"));
    assert!(count(&seed, "mark[data-note]") >= 5);
    for id in [
        "kim-jong-un",
        "vladimir-putin",
        "vladivostok",
        "donbas",
        "pyongyang",
        "inside-over",
        "izvestia",
        "kremlin",
    ] {
        assert!(
            count(&seed, &format!("[data-term='{id}']")) >= 1,
            "{id} is not marked in the seed article"
        );
    }
    let glossary = Html::parse_document(&read("glossary/index.html"));
    assert!(count(&glossary, "main a[href^='/glossary/']") >= 25);
}
