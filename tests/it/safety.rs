//! Hostile content: script payloads through every field that reaches a page; none survives.

use crate::common::Site;
use scraper::{Html, Selector};

const PAYLOAD: &str =
    "<script>alert(1)</script><img src=x onerror=alert(1)>\"><svg onload=alert(1)>";

fn yaml_quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn no_script_payload_survives_in_any_page() {
    let site = Site::copy_of("basic");
    let p = yaml_quoted(PAYLOAD);
    site.write(
        "content/articles/hostile.md",
        &format!(
            "---\ntitle: {p}\ndate: 2020-01-01\nslug: \"x onmouseover=alert(1)\"\nsummary: {p}\ntags: [{p}]\nauthor: {p}\ntranslator: {p}\nsource:\n  title: {p}\n  outlet: {p}\n  url: \"javascript:alert(1)\"\n  author: {p}\nnotes:\n  - quote: موسكو تقول\n    body: {p}\n---\n\
             موسكو تقول {PAYLOAD} كلاما.\n\n\
             [{PAYLOAD}](javascript:alert(1)) [رابط](data:text/html;base64,PHNjcmlwdD4=) ![صورة](javascript:alert(1))\n\n\
             <iframe src=\"https://evil.example\"></iframe><style>body{{display:none}}</style><a href=\"javascript:alert(1)\" onclick=\"alert(1)\">x</a>\n\n\
             <div data-term=\"moscow\" data-note=\"1\">مزور</div>\n"
        ),
    );
    site.write(
        "content/glossary.yaml",
        &format!(
            "{}- id: hostile\n  term: موسكو تقول\n  kind: concept\n  original: {p}\n  latin: {p}\n  summary: {p}\n  body: {p}\n",
            std::fs::read_to_string(site.root().join("content/glossary.yaml")).unwrap()
        ),
    );
    hashiya::build(&hashiya::BuildOptions::new(site.root())).expect("hostile content still builds");

    let mut pages = 0;
    for entry in walkdir::WalkDir::new(site.root().join("public")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let doc = Html::parse_document(&html);
        let page = entry.path().display();
        for script in doc.select(&Selector::parse("script").unwrap()) {
            if script.value().attr("type") == Some("application/ld+json") {
                // Metadata may quote the payload, as data that cannot end its element.
                let json: String = script.text().collect();
                assert!(!json.contains("</"), "{page}: {json}");
                serde_json::from_str::<serde_json::Value>(&json)
                    .unwrap_or_else(|e| panic!("{page}: {e}"));
                continue;
            }
            assert!(
                script
                    .value()
                    .attr("src")
                    .is_some_and(|s| s.starts_with("/theme/") && s.ends_with(".js")),
                "{page}: {}",
                script.html()
            );
        }
        for element in doc.select(&Selector::parse("*").unwrap()) {
            let name = element.value().name();
            assert!(
                !["iframe", "style", "svg", "object", "embed"].contains(&name),
                "{page}: <{name}>"
            );
            for (attribute, value) in element.value().attrs() {
                assert!(
                    !attribute.starts_with("on"),
                    "{page}: {attribute}={value:?} on <{name}>"
                );
                let value = value.trim().to_ascii_lowercase();
                if ["href", "src", "action", "formaction"].contains(&attribute) {
                    assert!(
                        !value.starts_with("javascript:") && !value.starts_with("data:"),
                        "{page}: {attribute}={value}"
                    );
                }
            }
        }
        // Content may not forge the markup contract.
        for forged in doc.select(&Selector::parse("[data-term], [data-note]").unwrap()) {
            assert!(
                forged.text().collect::<String>() != "مزور",
                "{page}: forged annotation survived"
            );
        }
    }
    assert!(pages > 10);
    let article = site.read_output("articles/x onmouseover=alert(1)/index.html");
    assert!(
        article.contains("data-term=\"hostile\""),
        "the hostile entry is still matched"
    );
}

#[cfg(unix)]
#[test]
fn files_outside_the_site_are_never_published_through_links() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "the password").unwrap();
    std::fs::create_dir_all(outside.path().join("folder")).unwrap();
    std::fs::write(outside.path().join("folder/also.txt"), "private").unwrap();

    let site = Site::copy_of("basic");
    site.write("static/own.txt", "mine");
    symlink(
        outside.path().join("secret.txt"),
        site.root().join("static/secret.txt"),
    )
    .unwrap();
    symlink(
        outside.path().join("folder"),
        site.root().join("static/folder"),
    )
    .unwrap();
    symlink(
        outside.path().join("secret.txt"),
        site.root().join("content/articles/secret.txt"),
    )
    .unwrap();
    // A link inside the site stays a file of the site.
    symlink(
        site.root().join("static/own.txt"),
        site.root().join("static/alias.txt"),
    )
    .unwrap();
    let report = site.build().unwrap();
    let warnings = report.warnings.to_string();
    for link in [
        "static/secret.txt",
        "static/folder/also.txt",
        "content/articles/secret.txt",
    ] {
        assert!(
            warnings.contains(&format!(
                "{link}: warning[link-outside-site]: a link to a file outside"
            )),
            "{link}: {warnings}"
        );
    }
    let public = site.root().join("public");
    assert!(!public.join("secret.txt").exists());
    assert!(!public.join("folder").exists());
    assert!(!public.join("articles/secret.txt").exists());
    assert_eq!(site.read_output("alias.txt"), "mine");
    assert!(!public.join("settings.txt").exists());

    // static/ itself a link out of the site.
    let site = Site::copy_of("basic");
    symlink(outside.path(), site.root().join("static")).unwrap();
    let report = site.build().unwrap();
    assert!(report
        .warnings
        .to_string()
        .contains("static/secret.txt: warning"));
    let public = site.root().join("public");
    assert!(!public.join("secret.txt").exists() && !public.join("folder").exists());
}
