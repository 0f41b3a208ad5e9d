//! Images and files beside an article, on the `files-beside` fixture: `content/articles/flat.md`
//! with `map.png` and `report.pdf` beside it, and the page bundle
//! `content/articles/bundle/index.md` with `photo.png` in its directory.

use crate::cli::check_in;
use crate::common::Site;
use crate::session::assert_same_as_fresh_build;
use hashiya::{BuildOptions, Session};
use predicates::prelude::*;
use scraper::{ElementRef, Html, Selector};
use std::path::PathBuf;

fn built() -> Site {
    let site = Site::copy_of("files-beside");
    site.build().expect("the fixture builds");
    site
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

/// The output file a relative `url` on the page at `page_url` leads to, as a browser reads it.
fn published(page_url: &str, url: &str) -> String {
    let mut parts: Vec<&str> = page_url.split('/').filter(|s| !s.is_empty()).collect();
    for part in url.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// Each image of the page's article text: `src`, `width`, `height`, `loading`.
fn images(doc: &Html) -> Vec<[Option<String>; 4]> {
    select(doc, "main .article-body img")
        .iter()
        .map(|img| {
            ["src", "width", "height", "loading"].map(|a| img.value().attr(a).map(str::to_string))
        })
        .collect()
}

fn some(text: &str) -> Option<String> {
    Some(text.to_string())
}

#[test]
fn an_image_and_a_file_beside_an_article_are_found_by_its_page() {
    let site = built();
    let doc = Html::parse_document(&site.read_output("articles/flat/index.html"));
    let images = images(&doc);
    assert_eq!(
        images,
        [[some("../map.png"), some("12"), some("8"), some("lazy")]],
        "the image's size is read from the file"
    );
    let img = select(&doc, "main .article-body img")[0];
    assert_eq!(img.value().attr("alt"), Some("خريطة المنطقة"));
    assert_eq!(img.value().attr("title"), Some("الخريطة"));
    let src = images[0][0].as_deref().unwrap();
    let bytes = std::fs::read(
        site.root()
            .join("public")
            .join(published("/articles/flat/", src)),
    );
    assert_eq!(
        bytes.unwrap(),
        std::fs::read(site.root().join("content/articles/map.png")).unwrap()
    );

    let report = select(&doc, "main .article-body a")
        .into_iter()
        .find(|a| a.text().collect::<String>() == "التقرير الكامل")
        .expect("the link to the report");
    let href = report.value().attr("href").unwrap();
    assert_eq!(href, "../report.pdf");
    assert!(site
        .root()
        .join("public")
        .join(published("/articles/flat/", href))
        .is_file());
}

#[test]
fn a_page_bundle_is_the_article_its_directory_names_with_its_files_beside_its_page() {
    let site = built();
    let public = site.root().join("public");
    assert!(!public.join("articles/bundle/index/index.html").exists());
    let doc = Html::parse_document(&site.read_output("articles/bundle/index.html"));
    assert_eq!(
        images(&doc),
        [
            [some("photo.png"), some("20"), some("10"), some("lazy")],
            // An image elsewhere: its size is not known, and it is loaded late too.
            [
                some("https://example.org/logo.png"),
                None,
                None,
                some("lazy")
            ],
        ]
    );
    assert!(public.join("articles/bundle/photo.png").is_file());
    // Listed as any article: its card on the home page leads to its page.
    let home = Html::parse_document(&site.read_output("index.html"));
    let urls: Vec<&str> = select(&home, "main .card a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(urls.contains(&"/articles/bundle/"), "{urls:?}");
}

#[test]
fn an_article_image_beside_it_is_its_card_and_open_graph_image() {
    let site = built();
    let doc = Html::parse_document(&site.read_output("articles/flat/index.html"));
    let og = select(&doc, "meta[property='og:image']")[0];
    assert_eq!(
        og.value().attr("content"),
        Some("https://files.hashiya.test/articles/map.png")
    );
    let home = Html::parse_document(&site.read_output("index.html"));
    let cards: Vec<&str> = select(&home, "main .card img")
        .iter()
        .filter_map(|img| img.value().attr("src"))
        .collect();
    assert_eq!(cards, ["/articles/map.png"]);
}

#[test]
fn a_missing_image_or_file_is_an_error_at_its_place_with_the_closest_file() {
    let site = built();
    let flat = std::fs::read_to_string(site.root().join("content/articles/flat.md")).unwrap();
    site.write(
        "content/articles/flat.md",
        &flat
            .replace("](map.png", "](mapp.png")
            .replace("(report.pdf)", "(reprot.pdf)"),
    );
    check_in(site.root())
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "content/articles/flat.md:8:1: error[broken-image]: the image \"خريطة المنطقة\" `mapp.png` is not among the site's files: neither `content/articles/mapp.png` beside the article nor `/articles/flat/mapp.png`",
        ))
        .stderr(predicate::str::contains(
            "did you mean `map.png`? (the file beside the article)",
        ))
        .stderr(predicate::str::contains(
            "content/articles/flat.md:10:5: error[broken-link]: broken link \"التقرير الكامل\": the site has no `/articles/flat/reprot.pdf`",
        ))
        .stderr(predicate::str::contains("did you mean `report.pdf`?"));
}

#[test]
fn an_image_replaced_by_one_of_another_size_gives_its_page_the_new_size() {
    let site = Site::copy_of("files-beside");
    let mut session = Session::new(BuildOptions::new(site.root()));
    session.build().unwrap();
    let bigger = std::fs::read(site.root().join("content/articles/bundle/photo.png")).unwrap();
    std::fs::write(site.root().join("content/articles/map.png"), bigger).unwrap();
    session
        .rebuild(&[PathBuf::from("content/articles/map.png")])
        .expect("rebuild");
    assert_same_as_fresh_build(&site, &session, "content/articles/map.png");
    let held = session.output().unwrap();
    let hashiya::pipeline::output::Contents::Page(page) = &held.files["articles/flat/index.html"]
    else {
        panic!("the article is a rendered page");
    };
    assert!(
        String::from_utf8_lossy(page).contains(r#"src="../map.png" width="20" height="10""#),
        "the page shows the new size"
    );
}
