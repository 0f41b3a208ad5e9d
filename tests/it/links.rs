//! Links between pages, backlinks, related reading, feeds and the other metadata of issue-free
//! navigation: every link form lands where it says, and every broken one is an error that says
//! where it is and what was meant.

use crate::common::Site;
use scraper::{Html, Selector};

/// The text and `href` of each link of an article's body.
fn links_of(html: &str) -> Vec<(String, String)> {
    links_in(html, ".article-body a")
}

fn links_in(html: &str, links: &str) -> Vec<(String, String)> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse(links).unwrap())
        .map(|a| {
            (
                a.text().collect(),
                a.value().attr("href").unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_link_form_resolves_to_its_page() {
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/links.md",
        "---\ntitle: روابط\ndate: 2020-01-01\n---\n\
         [أ](@/articles/older.md) [ب](@/articles/summit.md#ردود-الفعل) [[older]] [[older|نص]] [[g:moscow]] \
         [[articles/summit#ردود-الفعل]] [ج](../older/) [د](/articles/older/) [هـ](/theme/style.css) [و](https://example.org/x)\n",
    );
    site.build().unwrap();
    assert_eq!(
        links_of(&site.read_output("articles/links/index.html")),
        [
            ("أ", "/articles/older/"),
            ("ب", "/articles/summit/#ردود-الفعل"),
            ("خلفية عن العلاقات", "/articles/older/"),
            ("نص", "/articles/older/"),
            ("موسكو", "/glossary/moscow/"),
            (
                "قمة فلاديفوستوك <script>alert(1)</script>",
                "/articles/summit/#ردود-الفعل"
            ),
            ("ج", "../older/"),
            ("د", "/articles/older/"),
            ("هـ", "/theme/style.css"),
            ("و", "https://example.org/x"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    // Backlinks: both targets list the linking article.
    for target in ["articles/older/index.html", "articles/summit/index.html"] {
        let doc = Html::parse_document(&site.read_output(target));
        let backlinks: Vec<String> = doc
            .select(&Selector::parse(".backlinks a").unwrap())
            .map(|a| a.text().collect())
            .collect();
        assert_eq!(backlinks, ["روابط"], "{target}");
    }
}

#[test]
fn links_in_notes_and_glossary_bodies_resolve_too() {
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/links.md",
        "---\ntitle: روابط\ndate: 2020-01-01\nnotes:\n  - quote: نص الملاحظة\n    body: انظر [[older]].\n---\nنص الملاحظة هنا.\n",
    );
    let glossary = std::fs::read_to_string(site.root().join("content/glossary.yaml")).unwrap();
    site.write(
        "content/glossary.yaml",
        &glossary.replace(
            "summary: عاصمة روسيا.",
            "summary: عاصمة روسيا.\n  body: راجع [المقال](@/articles/older.md).",
        ),
    );
    site.build().unwrap();
    assert!(site
        .read_output("articles/links/index.html")
        .contains("انظر <a href=\"/articles/older/\">خلفية عن العلاقات</a>."));
    assert!(site
        .read_output("glossary/moscow/index.html")
        .contains("راجع <a href=\"/articles/older/\">المقال</a>."));
}

fn link_error(body: &str) -> String {
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/draft.md",
        "---\ntitle: مسودة\ndate: 2020-02-02\ndraft: true\n---\nنص.\n",
    );
    site.write(
        "content/articles/links.md",
        &format!("---\ntitle: روابط\ndate: 2020-01-01\n---\n{body}\n"),
    );
    site.build().expect_err("the build fails")
}

#[test]
fn broken_links_are_errors_with_place_and_hint() {
    let cases = [
        ("نص [رابط](@/articles/olde.md).", "content/articles/links.md:5:4: error[broken-link]: broken link \"رابط\": no page `content/articles/olde.md`", "did you mean `@/articles/older.md`?"),
        ("[رابط](@/articles/summit.md#ردود)", "content/articles/links.md:5:1: error[broken-anchor]: no heading `#ردود` in content/articles/summit.md", "did you mean `#ردود-الفعل`?"),
        ("[[sumit]]", "content/articles/links.md:5:1: error[broken-link]: broken link \"sumit\": nothing is called `sumit`", "did you mean `[[summit]]`?"),
        ("[[g:mosco]]", "error[broken-link]: broken link \"g:mosco\": no glossary entry `mosco`", "did you mean `[[g:moscow]]`?"),
        ("[[draft]]", "content/articles/links.md:5:1: error[link-to-draft]: the link \"draft\" points to a draft: `[[draft]]`", "publish the draft"),
        ("[مسودة](@/articles/draft.md)", "error[link-to-draft]: the link \"مسودة\" points to a draft: `@/articles/draft.md`", "publish the draft"),
        ("[ملف](/images/none.png)", "error[broken-link]: broken link \"ملف\": the site has no `/images/none.png`", "link to a page or file"),
        ("نص ثم [[ مفتوح", "content/articles/links.md:5:7: error[malformed-link]: `[[` that is not a link", "write `[[slug]]`"),
    ];
    for (body, message, hint) in cases {
        let err = link_error(body);
        assert!(err.contains(message), "expected {message:?} in:\n{err}");
        assert!(err.contains(hint), "expected hint {hint:?} in:\n{err}");
    }
}

#[test]
fn links_in_the_home_and_section_texts_resolve_and_are_checked() {
    let site = Site::copy_of("basic");
    site.write(
        "content/_index.md",
        "---\ntitle: الصفحة الرئيسية\n---\nاقرأ [[older]] و[الموسوعة](@/articles/summit.md) و[[g:moscow]].\n",
    );
    site.build().unwrap();
    let page = site.read_output("index.html");
    let links = links_in(&page, ".intro a");
    assert_eq!(
        links,
        [
            (
                "خلفية عن العلاقات".to_string(),
                "/articles/older/".to_string()
            ),
            ("الموسوعة".to_string(), "/articles/summit/".to_string()),
            ("موسكو".to_string(), "/glossary/moscow/".to_string()),
        ]
    );
    let home = Html::parse_document(&page);
    let intro = home
        .select(&Selector::parse(".intro").unwrap())
        .next()
        .unwrap()
        .html();
    assert!(
        !intro.contains("hashiya-link")
            && !intro
                .chars()
                .any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c)),
        "{intro}"
    );

    site.write(
        "content/articles/_index.md",
        "---\ntitle: مقالات\n---\nكل المقالات، وأولها [[sumit]].\nثم [[ مفتوح\n",
    );
    let err = site
        .build()
        .expect_err("a broken link in a section's text fails the build");
    for expected in [
        "content/articles/_index.md:4:21: error[broken-link]: broken link \"sumit\": nothing is called `sumit`",
        "content/articles/_index.md:5:4: error[malformed-link]: `[[` that is not a link",
    ] {
        assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
    }
}

#[test]
fn an_ambiguous_wiki_link_names_both_readings() {
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/moscow.md",
        "---\ntitle: موسكو اليوم\ndate: 2020-03-03\n---\nنص.\n",
    );
    site.write(
        "content/articles/links.md",
        "---\ntitle: روابط\ndate: 2020-01-01\n---\n[[moscow]]\n",
    );
    let err = site.build().unwrap_err();
    assert!(err.contains("content/articles/links.md:5:1: error[ambiguous-link]: ambiguous link \"moscow\": `[[moscow]]` names more than one page"), "{err}");
    assert!(
        err.contains("say which: `[[articles/moscow]]` or `[[g:moscow]]`"),
        "{err}"
    );
}

#[test]
fn related_reading_ranks_rare_shared_entries_then_tags_then_dates() {
    let site = Site::copy_of("basic");
    let glossary = "- id: rare-a\n  term: ألفا\n  kind: place\n  summary: أ.\n- id: rare-b\n  term: بيتا\n  kind: place\n  summary: ب.\n- id: common\n  term: غاما\n  kind: place\n  summary: ج.\n";
    site.write("content/glossary.yaml", glossary);
    for name in ["summit", "older", "english"] {
        std::fs::remove_file(site.root().join(format!("content/articles/{name}.md"))).unwrap();
    }
    let article = |name: &str, date: &str, tags: &str, body: &str| {
        site.write(
            &format!("content/articles/{name}.md"),
            &format!("---\ntitle: {name}\ndate: {date}\ntags: [{tags}]\n---\n{body}\n"),
        );
    };
    article("a", "2020-06-01", "س", "ألفا وبيتا وغاما.");
    article("b", "2020-01-01", "ص", "ألفا وبيتا.");
    article("c", "2020-05-01", "س", "ألفا وغاما.");
    article("d", "2020-05-20", "س", "غاما.");
    article("e", "2020-06-02", "ع", "غاما.");
    article("f", "2020-06-03", "ف", "لا شيء مشترك.");
    site.build().unwrap();
    let related = |name: &str| -> Vec<String> {
        let doc = Html::parse_document(&site.read_output(&format!("articles/{name}/index.html")));
        doc.select(&Selector::parse(".related a").unwrap())
            .map(|a| a.text().collect())
            .collect()
    };
    // b shares both rare entries; c one rare entry and the tag; d and e only the common entry,
    // d also the tag.
    assert_eq!(related("a"), ["b", "c", "d"]);
    // e shares غاما with a, c and d: the nearest in date first.
    assert_eq!(related("e"), ["a", "d", "c"]);
    assert!(related("f").is_empty(), "nothing shared, nothing related");
}

fn atom(xml: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xml}"))
}

fn child<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'input>> {
    node.children().find(|c| c.tag_name().name() == name)
}

fn is_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    text.len() == 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z'
}

#[test]
fn feeds_are_well_formed_atom_with_every_required_element() {
    let site = Site::copy_of("basic");
    site.build().unwrap();
    for feed in [
        "atom.xml",
        "tags/روسيا/atom.xml",
        "glossary/moscow/atom.xml",
    ] {
        let xml = site.read_output(feed);
        let doc = atom(&xml);
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "feed", "{feed}");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        for required in ["id", "title", "updated", "author"] {
            assert!(
                child(root, required).is_some(),
                "{feed} has no <{required}>"
            );
        }
        assert!(
            is_rfc3339(child(root, "updated").unwrap().text().unwrap()),
            "{feed}"
        );
        let entries: Vec<_> = root
            .children()
            .filter(|c| c.tag_name().name() == "entry")
            .collect();
        assert!(!entries.is_empty(), "{feed} has no entries");
        let feed_author = child(child(root, "author").unwrap(), "name")
            .and_then(|n| n.text())
            .unwrap_or_default();
        for entry in entries {
            // Atom gives an entry without an author the feed's: only another is written.
            if let Some(author) = child(entry, "author") {
                let name = child(author, "name").and_then(|n| n.text());
                assert_ne!(name, Some(feed_author), "{feed}: the feed's author again");
            }
            for required in ["id", "title", "updated", "link"] {
                assert!(
                    child(entry, required).is_some(),
                    "{feed}: an entry has no <{required}>"
                );
            }
            assert!(
                is_rfc3339(child(entry, "updated").unwrap().text().unwrap()),
                "{feed}"
            );
            assert!(child(entry, "id")
                .unwrap()
                .text()
                .unwrap()
                .starts_with("https://hashiya.test/articles/"));
        }
    }
    let moscow = site.read_output("glossary/moscow/atom.xml");
    assert!(
        moscow.contains("<title>خلفية عن العلاقات</title>"),
        "an entry's feed follows the articles that mention it"
    );
}

#[test]
fn sitemap_robots_canonical_and_metadata() {
    let site = Site::copy_of("basic");
    site.build().unwrap();
    let sitemap = site.read_output("sitemap.xml");
    let doc = atom(&sitemap);
    let locations: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .filter_map(|n| n.text())
        .collect();
    assert!(locations.contains(&"https://hashiya.test/articles/summit/"));
    assert!(locations.contains(&"https://hashiya.test/glossary/moscow/"));
    assert!(!locations.iter().any(|l| l.contains("404")));
    assert!(site
        .read_output("robots.txt")
        .contains("Sitemap: https://hashiya.test/sitemap.xml"));

    let html = site.read_output("articles/summit/index.html");
    let doc = Html::parse_document(&html);
    let attr = |css: &str, name: &str| {
        doc.select(&Selector::parse(css).unwrap())
            .next()
            .and_then(|e| e.value().attr(name))
            .map(str::to_string)
    };
    assert_eq!(
        attr("link[rel=canonical]", "href").as_deref(),
        Some("https://hashiya.test/articles/summit/")
    );
    assert_eq!(
        attr("meta[property='og:type']", "content").as_deref(),
        Some("article")
    );
    let json: String = doc
        .select(&Selector::parse("script[type='application/ld+json']").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    let ld: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["datePublished"], "2019-04-25");
    assert_eq!(ld["inLanguage"], "ar");
    assert_eq!(ld["translator"]["name"], "فريق حاشية");
    assert_eq!(ld["isBasedOn"]["publisher"]["name"], "Inside Over");
    assert_eq!(ld["isBasedOn"]["url"], "https://it.insideover.com/");
}

#[test]
fn listings_are_paginated_and_articles_know_their_neighbours() {
    let site = Site::copy_of("basic");
    site.write(
        "site.yaml",
        "title: موقع\nbase_url: https://example.org/\npaginate_by: 2\n",
    );
    site.build().unwrap();
    let home2 = Html::parse_document(&site.read_output("page/2/index.html"));
    let titles: Vec<String> = home2
        .select(&Selector::parse("main article h2 a").unwrap())
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(titles, ["A note in English"]);
    let first = site.read_output("index.html");
    assert!(first.contains("href=\"/page/2/\" rel=\"next\""));
    assert!(site
        .root()
        .join("public/articles/page/2/index.html")
        .is_file());
    let older = Html::parse_document(&site.read_output("articles/older/index.html"));
    let neighbour = |css: &str| {
        older
            .select(&Selector::parse(css).unwrap())
            .next()
            .map(|a| a.text().collect::<String>())
    };
    assert_eq!(
        neighbour(".prev-next .previous a").as_deref(),
        Some("A note in English")
    );
    assert_eq!(
        neighbour(".prev-next .next a").as_deref(),
        Some("قمة فلاديفوستوك <script>alert(1)</script>")
    );
    let crumbs: Vec<String> = older
        .select(&Selector::parse(".breadcrumbs li").unwrap())
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(crumbs, ["الصفحة الرئيسية", "مقالات", "خلفية عن العلاقات"]);
}

#[test]
fn control_characters_in_any_field_never_break_a_feed_or_the_sitemap() {
    let site = Site::copy_of("basic");
    // Backspace, vertical tab, form feed, escape, U+FFFE: written as YAML escapes, as text
    // pasted from a word processor ends up.
    site.write(
        "content/articles/pasted.md",
        "---\ntitle: \"قمة\\b موسكو\"\ndate: 2019-05-01\nsummary: \"ملخص\\v فيه\"\ntags: [\"وسم\\f غريب\", روسيا]\nauthor: \"كاتب\\e\"\ntranslator: \"مترجم\\uFFFE\"\nsource:\n  title: \"Title\\b\"\n  outlet: \"Outlet\\x01\"\n  author: \"Writer\\x7f\\x02\"\n---\nزار بوتين موسكو.\n",
    );
    site.write(
        "site.yaml",
        "title: \"موقع\\x0c التجربة\"\nbase_url: https://example.org/\nauthor: \"فريق\\x08 التحرير\"\n",
    );
    let glossary = std::fs::read_to_string(site.root().join("content/glossary.yaml"))
        .unwrap()
        .replace("latin: Vladimir Putin", "latin: \"Vladimir\\b Putin\"");
    site.write("content/glossary.yaml", &glossary);
    let report = site.build().unwrap();
    let warnings = report.warnings.to_string();
    assert!(
        warnings.contains(
            "content/glossary.yaml:13:11: warning[control-character]: `latin` holds the control character U+0008"
        ),
        "the glossary's names reach the entries' feeds: {warnings}"
    );
    assert!(
        warnings.contains(
            "content/articles/pasted.md:2:9: warning[control-character]: `title` holds the control character U+0008"
        ),
        "{warnings}"
    );
    for field in ["summary", "tags", "author", "translator", "outlet"] {
        assert!(
            warnings.contains(&format!("`{field}` holds the control character")),
            "{field}: {warnings}"
        );
    }
    // The site's own settings and the glossary's names reach feeds too.
    for expected in [
        "site.yaml:1:9: warning[control-character]: `title` holds the control character U+000C",
        "site.yaml:3:10: warning[control-character]: `author` holds the control character U+0008",
    ] {
        assert!(warnings.contains(expected), "{expected}\n{warnings}");
    }
    let tag_dir = std::fs::read_dir(site.root().join("public/tags"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with("وسم"))
        .expect("the pasted tag has a page");
    for feed in [
        "atom.xml".to_string(),
        format!("tags/{tag_dir}/atom.xml"),
        "tags/روسيا/atom.xml".to_string(),
        "glossary/vladimir-putin/atom.xml".to_string(),
        "sitemap.xml".to_string(),
    ] {
        let xml = site.read_output(&feed);
        let doc = atom(&xml);
        assert!(
            !xml.chars().any(|c| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}')),
            "{feed} carries a forbidden character"
        );
        if feed == "atom.xml" {
            let titles: Vec<String> = doc
                .descendants()
                .filter(|n| n.tag_name().name() == "title")
                .filter_map(|n| n.text().map(str::to_string))
                .collect();
            assert!(titles.iter().any(|t| t == "قمة موسكو"), "{titles:?}");
        }
    }
}
