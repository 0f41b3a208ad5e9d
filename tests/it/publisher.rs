//! Front matter a publisher expects — `updated`, `image`, `aliases` — the visible feed link
//! and `feeds.full_content`, on the `publisher` fixture: one article revised after it was
//! published, with a picture in `static/` and two old URLs; one with a picture beside it.

use crate::cli::check_in;
use crate::common::Site;
use predicates::prelude::*;
use scraper::{Html, Selector};

fn built() -> Site {
    let site = Site::copy_of("publisher");
    site.build().expect("the fixture builds");
    site
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn attr<'a>(doc: &'a Html, css: &str, name: &str) -> Option<&'a str> {
    select(doc, css).first()?.value().attr(name)
}

fn xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not well-formed XML: {e}"))
}

/// The text of the first element `name` under `node`.
fn text_of<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.children()
        .find(|c| c.tag_name().name() == name)?
        .text()
}

/// Each `<entry>` of a feed by its title: its `published` (if written), `updated`, and its
/// `content`.
fn feed_entries(feed: &str) -> Vec<(String, Option<String>, String, Option<String>)> {
    let doc = xml(feed);
    doc.root_element()
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .map(|entry| {
            (
                text_of(entry, "title").unwrap().to_string(),
                text_of(entry, "published").map(str::to_string),
                text_of(entry, "updated").unwrap().to_string(),
                text_of(entry, "content").map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn a_revised_article_shows_when_it_was_updated_everywhere_dates_are_read() {
    let site = built();
    let doc = Html::parse_document(&site.read_output("news/revised/index.html"));
    let updated = select(&doc, ".meta .updated")[0];
    assert!(updated.text().collect::<String>().starts_with("حُدّث في"));
    let time = select(&doc, ".meta .updated time")[0];
    assert_eq!(time.value().attr("datetime"), Some("2023-05-20"));
    assert_eq!(time.text().collect::<String>(), "20 مايو/أيار 2023");
    let json_ld = select(&doc, "script[type='application/ld+json']")[0]
        .text()
        .collect::<String>();
    let json_ld: serde_json::Value = serde_json::from_str(&json_ld).unwrap();
    assert_eq!(json_ld["dateModified"], "2023-05-20");
    assert_eq!(json_ld["datePublished"], "2023-03-01");
    assert_eq!(
        attr(&doc, "meta[property='article:modified_time']", "content"),
        Some("2023-05-20")
    );

    // An article never revised says nothing of it.
    let plain = Html::parse_document(&site.read_output("news/plain/index.html"));
    assert!(select(&plain, ".updated").is_empty());
    assert!(!site
        .read_output("news/plain/index.html")
        .contains("dateModified"));

    // The feed: each entry's <updated> is its revision, or else its publication; the feed's is
    // the latest of them: the older article's revision, after the newer one's publication.
    // <published> is written only where it is not <updated>, for the revised article.
    let feed = site.read_output("atom.xml");
    let entries = feed_entries(&feed);
    assert_eq!(
        entries
            .iter()
            .map(|(t, p, u, _)| (t.as_str(), p.as_deref(), u.as_str()))
            .collect::<Vec<_>>(),
        [
            ("مقال بلا تنقيح", None, "2023-04-10T00:00:00Z"),
            (
                "مقال منقح",
                Some("2023-03-01T00:00:00Z"),
                "2023-05-20T00:00:00Z"
            ),
        ]
    );
    assert_eq!(
        text_of(xml(&feed).root_element(), "updated"),
        Some("2023-05-20T00:00:00Z")
    );

    let sitemap = site.read_output("sitemap.xml");
    let sitemap = xml(&sitemap);
    let lastmod = |loc: &str| {
        sitemap
            .root_element()
            .children()
            .find(|url| text_of(*url, "loc") == Some(loc))
            .and_then(|url| text_of(url, "lastmod"))
    };
    assert_eq!(
        lastmod("https://example.org/ar/news/revised/"),
        Some("2023-05-20")
    );
    assert_eq!(
        lastmod("https://example.org/ar/news/plain/"),
        Some("2023-04-10")
    );
}

#[test]
fn an_image_is_on_the_cards_and_in_the_open_graph_tags() {
    let site = built();
    for listing in ["index.html", "news/index.html", "tags/روسيا/index.html"] {
        let doc = Html::parse_document(&site.read_output(listing));
        let images: Vec<(&str, &str, &str)> = select(&doc, ".card img")
            .iter()
            .map(|img| {
                let a = |name| img.value().attr(name).unwrap_or_default();
                (a("src"), a("alt"), a("loading"))
            })
            .collect();
        // A path from the site's root, and one beside the article (`../beside.png`), as a
        // Markdown image in the article would resolve them; the alt text is `image_alt`, or
        // the title.
        assert_eq!(
            images,
            [
                ("/ar/news/beside.png", "مقال بلا تنقيح", "lazy"),
                ("/ar/images/photo.jpg", "ساحة في موسكو", "lazy"),
            ],
            "{listing}"
        );
    }
    let doc = Html::parse_document(&site.read_output("news/revised/index.html"));
    assert_eq!(
        attr(&doc, "meta[property='og:image']", "content"),
        Some("https://example.org/ar/images/photo.jpg")
    );
    let doc = Html::parse_document(&site.read_output("news/plain/index.html"));
    assert_eq!(
        attr(&doc, "meta[property='og:image']", "content"),
        Some("https://example.org/ar/news/beside.png")
    );
}

#[test]
fn each_alias_redirects_to_its_article_and_is_listed_nowhere() {
    let site = built();
    for alias in ["2023/old-slug/index.html", "قديم/index.html"] {
        let doc = Html::parse_document(&site.read_output(alias));
        assert_eq!(
            attr(&doc, "meta[http-equiv='refresh']", "content"),
            Some("0; url=/ar/news/revised/"),
            "{alias}"
        );
        assert_eq!(
            attr(&doc, "link[rel=canonical]", "href"),
            Some("https://example.org/ar/news/revised/")
        );
        assert_eq!(attr(&doc, "meta[name=robots]", "content"), Some("noindex"));
        let link = select(&doc, "body a[href='/ar/news/revised/']")[0];
        assert_eq!(link.text().collect::<String>(), "مقال منقح");
        assert_eq!(attr(&doc, "html", "lang"), Some("ar"));
    }
    let sitemap = site.read_output("sitemap.xml");
    assert!(!sitemap.contains("old-slug"), "{sitemap}");
    assert!(!sitemap.contains("%D9%82%D8%AF%D9%8A%D9%85"), "{sitemap}");
}

#[test]
fn listings_and_entry_pages_link_to_their_feed_where_readers_see_it() {
    let site = built();
    let feed_link = |page: &str| {
        let doc = Html::parse_document(&site.read_output(page));
        let links: Vec<(String, String)> = select(&doc, "main .feed-link a")
            .iter()
            .map(|a| {
                (
                    a.value().attr("href").unwrap().to_string(),
                    a.text().collect::<String>(),
                )
            })
            .collect();
        links
    };
    let label = "تابع عبر خلاصة Atom".to_string();
    assert_eq!(
        feed_link("index.html"),
        [("/ar/atom.xml".into(), label.clone())]
    );
    assert_eq!(
        feed_link("news/index.html"),
        [("/ar/atom.xml".into(), label.clone())]
    );
    assert_eq!(
        feed_link("tags/روسيا/index.html"),
        [(
            "/ar/tags/%D8%B1%D9%88%D8%B3%D9%8A%D8%A7/atom.xml".into(),
            label.clone()
        )]
    );
    assert_eq!(
        feed_link("glossary/moscow/index.html"),
        [("/ar/glossary/moscow/atom.xml".into(), label)]
    );
    // Pages that list nothing have no feed of their own to offer.
    for page in [
        "news/revised/index.html",
        "glossary/index.html",
        "tags/index.html",
    ] {
        assert!(feed_link(page).is_empty(), "{page}");
    }
}

#[test]
fn full_content_feeds_carry_each_body_for_feed_readers() {
    let site = Site::copy_of("publisher");
    // Summaries only, by default.
    site.build().unwrap();
    let entries = feed_entries(&site.read_output("atom.xml"));
    assert!(entries.iter().all(|(_, _, _, content)| content.is_none()));

    site.configure("feeds:\n  full_content: true\n");
    site.write(
        "content/news/plain.md",
        "---\ntitle: مقال بلا تنقيح\ndate: 2023-04-10\ntags: [روسيا]\nimage: ../beside.png\n---\nنص عن موسكو.\n\n<script>alert(1)</script>\n",
    );
    site.build().unwrap();
    for feed in [
        "atom.xml",
        "tags/روسيا/atom.xml",
        "glossary/moscow/atom.xml",
    ] {
        let entries = feed_entries(&site.read_output(feed));
        for (title, _, _, content) in &entries {
            let content = content
                .as_deref()
                .unwrap_or_else(|| panic!("{feed}: {title}"));
            let body = Html::parse_fragment(content);
            // The glossary's mark is its text; the note's number, whose note is not in the
            // feed, is gone; no script, no data attributes, no popover targets.
            assert!(select(&body, "button, script, [data-term], [popovertarget]").is_empty());
            assert!(body
                .root_element()
                .text()
                .collect::<String>()
                .contains("موسكو"));
            if title == "مقال منقح" {
                assert_eq!(
                    select(&body, "a")[0].value().attr("href"),
                    Some("https://example.org/ar/news/plain/"),
                    "links are absolute"
                );
                let text = body.root_element().text().collect::<String>();
                assert!(
                    text.starts_with("زار الوفد موسكو بعد نشره بأيام."),
                    "{text}"
                );
            }
        }
    }
}

#[test]
fn publisher_keys_are_checked_where_they_are_written() {
    let site = Site::copy_of("publisher");
    let revised = std::fs::read_to_string(site.root().join("content/news/revised.md")).unwrap();
    site.write(
        "content/news/revised.md",
        &revised
            .replace("updated: 2023-05-20", "updated: 2023-02-20")
            .replace("image: /images/photo.jpg", "image: /images/foto.jpg")
            .replace(
                "  - /قديم/",
                "  - /news/plain/\n  - /2023/old-slug/\n  - /tags/",
            ),
    );
    site.write(
        "content/news/third.md",
        "---\ntitle: ثالث\ndate: 2023-01-01\naliases: [/2023/old-slug/, /atom.xml/x/]\n---\nنص.\n",
    );
    let revised = "content/news/revised.md";
    check_in(site.root())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{revised}:4:10: error[updated-before-date]: `updated` (2023-02-20) is before `date` (2023-03-01)"
        )))
        .stderr(predicate::str::contains(format!(
            "{revised}:7:8: error[broken-image]: the image `/images/foto.jpg` is not among the site's files: `/ar/images/foto.jpg`"
        )))
        .stderr(predicate::str::contains("did you mean `/ar/images/photo.jpg`?"))
        .stderr(predicate::str::contains(format!(
            "{revised}:11:5: error[duplicate-url]: the alias `/news/plain/` would be written to `news/plain/index.html`, which content/news/plain.md takes"
        )))
        .stderr(predicate::str::contains(format!(
            "{revised}:12:5: error[duplicate-url]: the alias `/2023/old-slug/` would be written to `2023/old-slug/index.html`, which the alias `/2023/old-slug/` of {revised} takes"
        )))
        .stderr(predicate::str::contains(format!(
            "{revised}:13:5: error[duplicate-url]: the alias `/tags/` would be written to `tags/index.html`, which the site's page `tags/index.html` takes"
        )))
        .stderr(predicate::str::contains(
            "content/news/third.md:4:11: error[duplicate-url]: the alias `/2023/old-slug/` would be written to `2023/old-slug/index.html`, which the alias `/2023/old-slug/` of content/news/revised.md takes"
        ))
        .stderr(predicate::str::contains(
            "content/news/third.md:4:28: error[duplicate-url]: the alias `/atom.xml/x/` would be written to `atom.xml/x/index.html`, inside `atom.xml`, which the site's page `atom.xml` takes as a file"
        ))
        .stdout(predicate::str::contains("7 errors"));
}

#[test]
fn a_bad_alias_or_image_or_a_misnamed_key_is_pointed_at() {
    let site = Site::copy_of("publisher");
    let page = |extra: &str| format!("---\ntitle: ثالث\ndate: 2023-01-01\n{extra}---\nنص.\n");
    for (extra, at, code, message, hint) in [
        (
            "aliases:\n  - /a/\n  - /x/../y/\n",
            "6:5",
            "invalid-alias",
            "`/x/../y/` cannot be an alias",
            "write the old URL's path from its first `/`",
        ),
        (
            "aliases: [old/]\n",
            "4:11",
            "invalid-alias",
            "`old/` cannot be an alias: it must be a path of the site, starting with one `/`",
            "e.g. `/2023/old-slug/`",
        ),
        (
            "image: \"javascript:alert(1)\"\n",
            "4:9",
            "invalid-image",
            "`image` must be a path of the site or an http(s) URL",
            "`https://` address",
        ),
        (
            "update: 2023-02-01\n",
            "4:1",
            "unknown-key",
            "unknown key `update`",
            "did you mean `updated`?",
        ),
        (
            "alias: [/a/]\n",
            "4:1",
            "unknown-key",
            "unknown key `alias`",
            "did you mean `aliases`?",
        ),
        (
            "description: x\n",
            "4:1",
            "unknown-key",
            "unknown key `description`",
            "did you mean `summary`?",
        ),
    ] {
        site.write("content/news/third.md", &page(extra));
        check_in(site.root())
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!(
                "content/news/third.md:{at}: error[{code}]: {message}"
            )))
            .stderr(predicate::str::contains(hint));
    }
}
