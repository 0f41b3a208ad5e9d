//! Rendered pages of the `basic` fixture: snapshots of their `<main>`, and assertions on parsed
//! HTML for what readers rely on.

use crate::common::Site;
use scraper::{Html, Selector};

fn built() -> Site {
    let site = Site::copy_of("basic");
    hashiya::build(&hashiya::BuildOptions::new(site.root())).expect("the fixture builds");
    site
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(element: &scraper::ElementRef) -> String {
    element.text().collect::<String>()
}

/// The page's `<main>` element as written. The snapshots hold only it, so that a change to the
/// header or footer does not churn each of them; those are held by parsed-HTML assertions.
fn main_of(page: &str) -> &str {
    // One of each, so the cut cannot be ambiguous (content's `<` is escaped).
    assert_eq!(page.matches("<main").count(), 1, "{page}");
    assert_eq!(page.matches("</main>").count(), 1, "{page}");
    let start = page.find("<main").unwrap();
    let end = page.find("</main>").unwrap() + "</main>".len();
    &page[start..end]
}

#[test]
fn snapshots_of_article_home_and_entry() {
    let site = built();
    insta::assert_snapshot!(
        "article",
        main_of(&site.read_output("articles/summit/index.html"))
    );
    insta::assert_snapshot!("home", main_of(&site.read_output("index.html")));
    insta::assert_snapshot!(
        "entry",
        main_of(&site.read_output("glossary/vladimir-putin/index.html"))
    );
}

/// What the head of a snapshotted page says of it.
struct Head {
    page: &'static str,
    body_class: &'static str,
    title: &'static str,
    description: &'static str,
    url: &'static str,
    feed: &'static str,
    og_type: &'static str,
    og_title: &'static str,
}

#[test]
fn head_header_and_footer_of_article_home_and_entry() {
    let summit = "قمة فلاديفوستوك <script>alert(1)</script>";
    let pages = [
        Head {
            page: "articles/summit/index.html",
            body_class: "page-article",
            title: "قمة فلاديفوستوك <script>alert(1)</script> | موقع الاختبار",
            description: "التقى كيم جونغ أون وبوتين في فلاديفوستوك & تحدثا طويلا.",
            url: "https://hashiya.test/articles/summit/",
            feed: "/atom.xml",
            og_type: "article",
            og_title: summit,
        },
        Head {
            page: "index.html",
            body_class: "page-home",
            title: "موقع الاختبار",
            description: "موقع صغير للاختبار.",
            url: "https://hashiya.test/",
            feed: "/atom.xml",
            og_type: "website",
            og_title: "موقع الاختبار",
        },
        Head {
            page: "glossary/vladimir-putin/index.html",
            body_class: "page-entry",
            title: "فلاديمير بوتين | المسرد | موقع الاختبار",
            description: "فلاديمير بوتين (شخص) في مسرد موقع الاختبار",
            url: "https://hashiya.test/glossary/vladimir-putin/",
            feed: "/glossary/vladimir-putin/atom.xml",
            og_type: "website",
            og_title: "موقع الاختبار",
        },
    ];
    let site = built();
    for head in pages {
        let page = head.page;
        let doc = Html::parse_document(&site.read_output(page));
        let one = |css: &str| {
            let found = select(&doc, css);
            assert_eq!(found.len(), 1, "{page}: {css}");
            found[0]
        };
        let attr = |css: &str, name: &str| one(css).value().attr(name).map(str::to_string);
        let links = |css: &str| -> Vec<(String, String)> {
            select(&doc, css)
                .iter()
                .map(|a| (text(a), a.value().attr("href").unwrap().to_string()))
                .collect()
        };
        let expected = [
            ("html", "lang", "ar"),
            ("html", "dir", "rtl"),
            ("html", "data-digits", "western"),
            ("meta[charset]", "charset", "utf-8"),
            (
                "meta[name=viewport]",
                "content",
                "width=device-width, initial-scale=1",
            ),
            ("meta[name=description]", "content", head.description),
            ("meta[name=color-scheme]", "content", "light dark"),
            ("link[rel=canonical]", "href", head.url),
            ("link[rel=alternate]", "type", "application/atom+xml"),
            ("link[rel=alternate]", "title", "موقع الاختبار"),
            ("link[rel=alternate]", "href", head.feed),
            ("meta[property='og:site_name']", "content", "موقع الاختبار"),
            ("meta[property='og:url']", "content", head.url),
            ("meta[property='og:locale']", "content", "ar_AR"),
            ("meta[property='og:type']", "content", head.og_type),
            ("meta[property='og:title']", "content", head.og_title),
            ("link[rel=icon]", "href", "/theme/favicon.svg"),
            ("link[rel=icon]", "type", "image/svg+xml"),
            ("link[rel=stylesheet]", "href", "/theme/style.css"),
            ("script[src]", "src", "/theme/hashiya.js"),
            ("script[src]", "defer", ""),
            ("body", "class", head.body_class),
            ("a.skip-link", "href", "#content"),
            ("main", "id", "content"),
            ("header .site-title a", "href", "/"),
            ("nav.site-nav", "aria-label", "القائمة الرئيسية"),
            ("footer .site-footer-inner > p > a", "href", "/"),
        ];
        for (css, name, value) in expected {
            assert_eq!(
                attr(css, name).as_deref(),
                Some(value),
                "{page}: {css} {name}"
            );
        }
        assert_eq!(text(&one("title")), head.title, "{page}");
        assert_eq!(text(&one("a.skip-link")), "انتقل إلى المحتوى", "{page}");
        assert_eq!(text(&one("header .site-title")), "موقع الاختبار", "{page}");
        // Only the home page is the page the site's name links to.
        assert_eq!(
            attr("header .site-title a", "aria-current").is_some(),
            page == "index.html",
            "{page}"
        );
        assert_eq!(
            text(&one("header .site-tagline")),
            "موقع صغير للاختبار.",
            "{page}"
        );
        let pair = |text: &str, href: &str| (text.to_string(), href.to_string());
        assert_eq!(
            links("nav.site-nav a"),
            [
                pair("مقالات", "/articles/"),
                pair("المسرد", "/glossary/"),
                pair("الوسوم", "/tags/"),
                pair("البحث", "/search/"),
            ],
            "{page}"
        );
        assert_eq!(
            text(&one("footer .site-footer-inner > p")),
            "موقع الاختبار · قسم الترجمة",
            "{page}"
        );
        assert_eq!(text(&one("footer bdi")), "قسم الترجمة", "{page}");
        assert_eq!(
            links("footer .footer-links a"),
            [pair("المسرد", "/glossary/"), pair("الوسوم", "/tags/")],
            "{page}"
        );
        let article_only = select(
            &doc,
            "meta[property='og:description'], meta[property^='article:'], \
             script[type='application/ld+json']",
        );
        if page != "articles/summit/index.html" {
            assert!(article_only.is_empty(), "{page}: article metadata");
            continue;
        }
        assert_eq!(
            attr("meta[property='og:description']", "content").as_deref(),
            Some(head.description)
        );
        assert_eq!(
            attr("meta[property='article:published_time']", "content").as_deref(),
            Some("2019-04-25")
        );
        let tags: Vec<&str> = select(&doc, "meta[property='article:tag']")
            .iter()
            .filter_map(|m| m.value().attr("content"))
            .collect();
        assert_eq!(tags, ["روسيا", "كوريا الشمالية"]);
        let ld: serde_json::Value =
            serde_json::from_str(&text(&one("script[type='application/ld+json']"))).unwrap();
        assert_eq!(
            ld,
            serde_json::json!({
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "author": {"@type": "Person", "name": "قسم الترجمة"},
                "datePublished": "2019-04-25",
                "headline": summit,
                "inLanguage": "ar",
                "isBasedOn": {
                    "@type": "CreativeWork",
                    "name": "Putin and Kim meet",
                    "publisher": {"@type": "Organization", "name": "Inside Over"},
                    "url": "https://it.insideover.com/"
                },
                "translator": {"@type": "Person", "name": "فريق حاشية"},
                "url": head.url
            })
        );
    }
}

#[test]
fn pages_are_arabic_and_right_to_left() {
    let site = built();
    for page in [
        "index.html",
        "articles/summit/index.html",
        "articles/index.html",
        "glossary/index.html",
        "tags/index.html",
        "404.html",
    ] {
        let doc = Html::parse_document(&site.read_output(page));
        let html = select(&doc, "html")[0];
        assert_eq!(html.value().attr("lang"), Some("ar"), "{page}");
        assert_eq!(html.value().attr("dir"), Some("rtl"), "{page}");
        for landmark in ["header", "main", "footer", "nav"] {
            assert_eq!(
                select(&doc, landmark).len().min(1),
                1,
                "{page} has no <{landmark}>"
            );
        }
    }
}

#[test]
fn an_english_page_is_left_to_right() {
    let site = built();
    let doc = Html::parse_document(&site.read_output("articles/english/index.html"));
    let html = select(&doc, "html")[0];
    assert_eq!(html.value().attr("lang"), Some("en"));
    assert_eq!(html.value().attr("dir"), Some("ltr"));
}

#[test]
fn a_section_index_gives_its_pages_language_direction_and_description() {
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/_index.md",
        "---\ntitle: Articles\nlang: en\nsummary: Every article, newest first.\n---\nAll of them.\n",
    );
    site.write(
        "content/_index.md",
        "---\ntitle: الصفحة الرئيسية\nsummary: مقالات مترجمة ومشروحة.\n---\nمرحبًا.\n",
    );
    site.build().unwrap();
    let section = Html::parse_document(&site.read_output("articles/index.html"));
    let html = select(&section, "html")[0].value();
    assert_eq!(
        (html.attr("lang"), html.attr("dir")),
        (Some("en"), Some("ltr"))
    );
    let description = |doc: &Html| {
        select(doc, "meta[name=description]")[0]
            .value()
            .attr("content")
            .map(str::to_string)
    };
    assert_eq!(
        description(&section).as_deref(),
        Some("Every article, newest first.")
    );
    let home = Html::parse_document(&site.read_output("index.html"));
    let html = select(&home, "html")[0].value();
    assert_eq!(
        (html.attr("lang"), html.attr("dir")),
        (Some("ar"), Some("rtl"))
    );
    assert_eq!(description(&home).as_deref(), Some("مقالات مترجمة ومشروحة."));
}

#[test]
fn article_shows_title_date_credit_and_tags() {
    let site = built();
    let doc = Html::parse_document(&site.read_output("articles/summit/index.html"));
    let h1 = text(&select(&doc, "h1")[0]);
    assert_eq!(h1, "قمة فلاديفوستوك <script>alert(1)</script>");
    assert!(text(&select(&doc, "title")[0]).starts_with("قمة فلاديفوستوك"));
    let time = select(&doc, "article time[datetime]")[0];
    assert_eq!(time.value().attr("datetime"), Some("2019-04-25"));
    assert_eq!(text(&time), "25 أبريل/نيسان 2019");
    let tags: Vec<String> = select(&doc, "article a[rel=tag]")
        .iter()
        .map(text)
        .collect();
    assert_eq!(tags, ["روسيا", "كوريا الشمالية"]);
    let tag_href = select(&doc, "article a[rel=tag]")[1]
        .value()
        .attr("href")
        .unwrap();
    assert_eq!(
        tag_href,
        "/tags/%D9%83%D9%88%D8%B1%D9%8A%D8%A7-%D8%A7%D9%84%D8%B4%D9%85%D8%A7%D9%84%D9%8A%D8%A9/"
    );
    assert!(site
        .root()
        .join("public/tags/كوريا-الشمالية/index.html")
        .is_file());
    let credit = select(&doc, "a[href='https://it.insideover.com/']");
    assert_eq!(credit.len(), 1);
}

#[test]
fn latin_runs_are_isolated() {
    let site = built();
    let doc = Html::parse_document(&site.read_output("articles/summit/index.html"));
    let isolated: Vec<String> = select(&doc, "bdi, [dir=ltr]").iter().map(text).collect();
    for latin in ["Inside Over", "Vladimir Putin", "Kim Jong Un"] {
        assert!(
            isolated.iter().any(|t| t.trim() == latin),
            "{latin} is not isolated: {isolated:?}"
        );
    }
}

#[test]
fn front_matter_text_is_escaped() {
    let site = built();
    for page in [
        "articles/summit/index.html",
        "index.html",
        "tags/روسيا/index.html",
    ] {
        let html = site.read_output(page);
        assert!(!html.contains("<script>alert(1)</script>"), "{page}");
        let doc = Html::parse_document(&html);
        for script in select(&doc, "script:not([src])") {
            // Only the article's metadata, where the title is JSON data.
            assert_eq!(
                script.value().attr("type"),
                Some("application/ld+json"),
                "{page}"
            );
            let json: serde_json::Value = serde_json::from_str(&text(&script)).unwrap();
            assert_eq!(json["headline"], "قمة فلاديفوستوك <script>alert(1)</script>");
        }
    }
    let home = site.read_output("index.html");
    assert!(home.contains("فلاديفوستوك &amp; تحدثا"));
}

/// The titles a listing page shows, in order.
fn listing_titles(site: &Site, page: &str) -> Vec<String> {
    let doc = Html::parse_document(&site.read_output(page));
    select(&doc, "main article h2 a, main article h3 a")
        .iter()
        .map(text)
        .collect()
}

#[test]
fn listings_are_newest_first() {
    let site = built();
    for page in ["index.html", "articles/index.html"] {
        assert_eq!(
            listing_titles(&site, page),
            [
                "قمة فلاديفوستوك <script>alert(1)</script>",
                "خلفية عن العلاقات",
                "A note in English"
            ],
            "{page}"
        );
    }
    assert_eq!(
        listing_titles(&site, "tags/روسيا/index.html"),
        [
            "قمة فلاديفوستوك <script>alert(1)</script>",
            "خلفية عن العلاقات"
        ]
    );
}

#[test]
fn glossary_index_and_entry_pages() {
    let site = built();
    let doc = Html::parse_document(&site.read_output("glossary/index.html"));
    // The introduction names the kinds the glossary has (people and places here), no others.
    assert_eq!(
        text(&select(&doc, ".lede")[0]).trim(),
        "تعريفات موجزة بالأشخاص والأماكن التي ترد في المقالات."
    );
    let links: Vec<String> = select(&doc, "main a[href^='/glossary/']")
        .iter()
        .map(text)
        .collect();
    for term in ["كيم جونغ أون", "فلاديمير بوتين", "بيونغ يانغ", "موسكو"]
    {
        assert!(
            links.iter().any(|l| l.trim() == term),
            "{term} missing from {links:?}"
        );
    }
    let doc = Html::parse_document(&site.read_output("glossary/pyongyang/index.html"));
    assert_eq!(text(&select(&doc, "h1")[0]).trim(), "بيونغ يانغ");
    let mentions: Vec<String> = select(&doc, "main a[href^='/articles/']")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        mentions,
        [
            "قمة فلاديفوستوك <script>alert(1)</script>",
            "خلفية عن العلاقات"
        ]
    );
}

#[test]
fn theme_assets_and_404_are_written() {
    let site = built();
    assert!(site
        .read_output("theme/style.css")
        .contains("margin-inline"));
    assert!(!site.read_output("theme/style.css").contains("margin-left"));
    assert!(site.read_output("404.html").contains("الصفحة غير موجودة"));
}

#[test]
fn arabic_indic_digits_by_site_option() {
    let site = Site::copy_of("basic");
    site.write(
        "site.yaml",
        "title: موقع\nbase_url: https://example.org/\ndigits: arabic\n",
    );
    hashiya::build(&hashiya::BuildOptions::new(site.root())).unwrap();
    let doc = Html::parse_document(&site.read_output("articles/summit/index.html"));
    assert_eq!(
        text(&select(&doc, "article time[datetime]")[0]),
        "٢٥ أبريل/نيسان ٢٠١٩"
    );
}

#[test]
fn a_site_template_overrides_the_default() {
    let site = Site::copy_of("basic");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p id=\"own\">ضائع</p>{% endblock main %}",
    );
    hashiya::build(&hashiya::BuildOptions::new(site.root())).unwrap();
    assert!(site
        .read_output("404.html")
        .contains("<p id=\"own\">ضائع</p>"));
}

#[test]
fn static_files_are_copied() {
    let site = Site::copy_of("basic");
    site.write("static/images/logo.svg", "<svg/>");
    hashiya::build(&hashiya::BuildOptions::new(site.root())).unwrap();
    assert_eq!(site.read_output("images/logo.svg"), "<svg/>");
}

#[test]
fn a_large_glossary_pages_its_index_and_links_each_kind_where_it_begins() {
    let site = Site::copy_of("basic");
    site.configure("glossary:\n  entries_per_page: 3\n");
    site.build().unwrap();
    let first = Html::parse_document(&site.read_output("glossary/index.html"));
    let second = Html::parse_document(&site.read_output("glossary/page/2/index.html"));
    let terms = |doc: &Html| -> Vec<String> {
        select(doc, ".glossary-item dt > a")
            .iter()
            .map(text)
            .collect()
    };
    // By kind, then alphabetically: the places go on past the end of the first page.
    assert_eq!(
        terms(&first),
        ["فلاديمير بوتين", "كيم جونغ أون", "بيونغ يانغ"]
    );
    assert_eq!(terms(&second), ["موسكو"]);
    assert_eq!(
        select(&second, ".glossary-group h2")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        ["أماكن"]
    );
    // Every page names every kind, with the whole glossary's counts, linked where it begins.
    let kinds = |doc: &Html| -> Vec<(String, String)> {
        select(doc, ".glossary-kinds li")
            .iter()
            .map(|li| {
                let a = li.select(&Selector::parse("a").unwrap()).next().unwrap();
                (a.value().attr("href").unwrap().to_string(), text(li))
            })
            .collect()
    };
    assert_eq!(
        kinds(&first),
        [
            ("#kind-person".to_string(), "أشخاص (2)".to_string()),
            ("#kind-place".to_string(), "أماكن (2)".to_string())
        ]
    );
    assert_eq!(
        kinds(&second),
        [
            (
                "/glossary/#kind-person".to_string(),
                "أشخاص (2)".to_string()
            ),
            ("/glossary/#kind-place".to_string(), "أماكن (2)".to_string())
        ]
    );
    assert_eq!(
        text(&select(&second, ".lede")[0]).trim(),
        "تعريفات موجزة بالأشخاص والأماكن التي ترد في المقالات."
    );
    let next = select(&first, ".pagination a[rel=next]");
    assert_eq!(next[0].value().attr("href"), Some("/glossary/page/2/"));
    assert!(site
        .read_output("sitemap.xml")
        .contains("<loc>https://hashiya.test/glossary/page/2/</loc>"));
}

/// Writes `count` articles `content/articles/{name}{n}.md`, titled `{title} {n}`, published on
/// 1, 2, 3… January 2030 (the last newest), each with the one sentence `body`.
fn dated_articles(site: &Site, count: usize, name: &str, title: &str, body: &str) {
    for n in 0..count {
        site.write(
            &format!("content/articles/{name}{n}.md"),
            &format!(
                "---\ntitle: {title} {n}\ndate: 2030-01-0{}\n---\n{body}\n",
                n + 1
            ),
        );
    }
}

#[test]
fn an_entry_mentioned_often_pages_its_mentions() {
    let site = Site::copy_of("basic");
    site.configure("glossary:\n  mentions_per_page: 2\n");
    dated_articles(&site, 3, "m", "زيارة", "وصل الوفد إلى موسكو أمس.");
    site.build().unwrap();
    let first = Html::parse_document(&site.read_output("glossary/moscow/index.html"));
    let second = Html::parse_document(&site.read_output("glossary/moscow/page/2/index.html"));
    let titles = |doc: &Html| -> Vec<String> {
        select(doc, ".mention-list > li > a")
            .iter()
            .map(text)
            .collect()
    };
    assert_eq!(
        titles(&first),
        ["زيارة 2", "زيارة 1"],
        "newest first, two to a page"
    );
    assert!(titles(&second).starts_with(&["زيارة 0".to_string()]));
    let list = select(&second, "ol.mention-list");
    assert_eq!(
        list[0].value().attr("start"),
        Some("3"),
        "numbering goes on"
    );
    let next = select(&first, ".pagination a[rel=next]");
    assert_eq!(
        next[0].value().attr("href"),
        Some("/glossary/moscow/page/2/")
    );

    // The sentence of each mention on the first page only, unless the site asks for all.
    let excerpts = |doc: &Html| -> Vec<String> {
        select(doc, ".mention-list > li > blockquote")
            .iter()
            .map(text)
            .collect()
    };
    assert_eq!(
        excerpts(&first),
        ["وصل الوفد إلى موسكو أمس.", "وصل الوفد إلى موسكو أمس."]
    );
    assert_eq!(excerpts(&second), Vec::<String>::new());
    site.configure("  excerpts: all\n");
    site.build().unwrap();
    let second = Html::parse_document(&site.read_output("glossary/moscow/page/2/index.html"));
    assert!(excerpts(&second).contains(&"وصل الوفد إلى موسكو أمس.".to_string()));
}

#[test]
fn an_entrys_later_pages_name_it_and_leave_its_explanation_to_the_first() {
    let site = Site::copy_of("basic");
    site.configure("glossary:\n  mentions_per_page: 1\n");
    let glossary = std::fs::read_to_string(site.root().join("content/glossary.yaml")).unwrap();
    site.write(
        "content/glossary.yaml",
        &glossary.replace(
            "  see_also: [kim-jong-un]\n",
            "  see_also: [kim-jong-un]\n  wikidata: Q7747\n  body: تولى الرئاسة أول مرة عام 2000.\n",
        ),
    );
    dated_articles(&site, 2, "p", "تصريح", "قال بوتين أمس.");
    site.build().unwrap();
    let first = Html::parse_document(&site.read_output("glossary/vladimir-putin/index.html"));
    let second =
        Html::parse_document(&site.read_output("glossary/vladimir-putin/page/2/index.html"));
    let explanation = [
        ".entry-summary",
        ".entry-body",
        ".entry-variants",
        ".entry-see-also",
        ".wikidata",
    ];
    for css in explanation {
        assert_eq!(select(&first, css).len(), 1, "the first page shows {css}");
        assert!(select(&second, css).is_empty(), "page 2 leaves out {css}");
    }
    // What says whose mentions these are stays: the kind, the term, its other names.
    for doc in [&first, &second] {
        assert_eq!(text(&select(doc, ".entry-header .kicker .kind")[0]), "شخص");
        assert_eq!(text(&select(doc, ".entry-header h1")[0]), "فلاديمير بوتين");
        assert_eq!(
            text(&select(doc, ".entry-header .entry-names")[0]),
            "Владимир Путин · Vladimir Putin"
        );
    }
    // Page 2's title leads to the first page, where the entry is explained; page 1's is no link.
    assert!(select(&first, ".entry-header h1 a").is_empty());
    assert_eq!(
        select(&second, ".entry-header h1 a")[0]
            .value()
            .attr("href"),
        Some("/glossary/vladimir-putin/")
    );
    // Titles and dates alone: a later page lists twice as many as the first.
    assert_eq!(select(&first, ".mention-list > li").len(), 1);
    assert_eq!(select(&second, ".mention-list > li").len(), 2);
}

#[test]
fn a_site_replaces_the_fragments_every_page_shares() {
    let site = Site::copy_of("basic");
    site.write(
        "templates/card.html",
        "<article class=\"my-card\">{{ a.title }}</article>",
    );
    site.write(
        "templates/popover.html",
        "<p class=\"my-gloss\">{{ t.term }}: {{ t.summary | safe }}</p>",
    );
    site.write(
        "templates/mention_title.html",
        "<h3 class=\"my-title\">{{ a.title }}</h3>",
    );
    site.build().unwrap();
    let home = Html::parse_document(&site.read_output("index.html"));
    let cards = select(&home, ".cards > article");
    assert!(!cards.is_empty());
    assert!(cards
        .iter()
        .all(|c| c.value().attr("class") == Some("my-card")));
    let article = Html::parse_document(&site.read_output("articles/summit/index.html"));
    let popovers = select(&article, "div[popover][id^='g-']");
    assert!(!popovers.is_empty());
    for popover in popovers {
        let id = popover
            .value()
            .id()
            .unwrap()
            .trim_start_matches("g-")
            .to_string();
        let own = select(&article, &format!("#g-{id} > p.my-gloss"));
        assert_eq!(own.len(), 1, "popover of {id} is not the site's fragment");
    }
    let entry = Html::parse_document(&site.read_output("glossary/vladimir-putin/index.html"));
    let rows = select(&entry, ".mention-list > li");
    assert!(!rows.is_empty());
    assert_eq!(
        select(&entry, ".mention-list > li > h3.my-title").len(),
        rows.len()
    );
}

#[test]
fn an_article_template_that_lists_the_terms_receives_them_in_the_order_of_their_first_mention() {
    let site = Site::copy_of("basic");
    let expected: Vec<String> = {
        let built = built();
        let doc = Html::parse_document(&built.read_output("articles/summit/index.html"));
        select(&doc, "ul.terms div[popover][id^='g-'] > h3")
            .iter()
            .map(|t| text(t).trim().to_string())
            .collect()
    };
    assert!(!expected.is_empty());
    site.write(
        "templates/article.html",
        "<ol>{% for t in article.terms %}<li class=\"term\" data-id=\"{{ t.id }}\">{{ t.term }}</li>{% endfor %}</ol>",
    );
    site.build().unwrap();
    let doc = Html::parse_document(&site.read_output("articles/summit/index.html"));
    let listed: Vec<String> = select(&doc, "li.term").iter().map(text).collect();
    assert_eq!(listed, expected);
    let ids: Vec<&str> = select(&doc, "li.term")
        .iter()
        .filter_map(|li| li.value().attr("data-id"))
        .collect();
    assert_eq!(
        ids[0], "kim-jong-un",
        "the first name of the text comes first"
    );
}

#[test]
fn with_arabic_digits_pages_and_counts_read_in_arabic_digits() {
    let site = Site::copy_of("basic");
    site.configure("digits: arabic\npaginate_by: 1\n");
    for n in 1..=3 {
        site.write(
            &format!("content/articles/visit-{n}.md"),
            &format!("---\ntitle: زيارة {n}\ndate: 2030-01-0{n}\ntags: [زيارات]\n---\nوصل الوفد إلى موسكو.\n"),
        );
    }
    site.build().unwrap();
    let home = Html::parse_document(&site.read_output("index.html"));
    let pages: Vec<String> = select(&home, "nav.pagination li :is(a, span[aria-current])")
        .iter()
        .filter(|e| e.value().attr("rel").is_none())
        .map(text)
        .collect();
    assert_eq!(pages.first().map(String::as_str), Some("١"), "{pages:?}");
    assert!(
        pages
            .iter()
            .all(|p| p.chars().all(|c| ('٠'..='٩').contains(&c))),
        "{pages:?}"
    );
    assert!(pages.len() >= 3, "{pages:?}");
    let tags = Html::parse_document(&site.read_output("tags/index.html"));
    let counts: Vec<String> = select(&tags, ".tag-index .count")
        .iter()
        .map(text)
        .collect();
    assert!(counts.contains(&"٣ مقالات".to_string()), "{counts:?}");
    let tag = Html::parse_document(&site.read_output("tags/زيارات/index.html"));
    assert_eq!(text(&select(&tag, ".page-head .count")[0]), "٣ مقالات");
    let entry = Html::parse_document(&site.read_output("glossary/moscow/index.html"));
    let heading = text(&select(&entry, "#mentions-title")[0]);
    assert!(
        heading.ends_with(')') && !heading.chars().any(|c| c.is_ascii_digit()),
        "{heading}"
    );
    assert!(
        heading.chars().any(|c| ('٠'..='٩').contains(&c)),
        "{heading}"
    );
    let glossary = Html::parse_document(&site.read_output("glossary/index.html"));
    for count in select(&glossary, ".count") {
        assert!(
            !text(&count).chars().any(|c| c.is_ascii_digit()),
            "{}",
            text(&count)
        );
    }
    // The theme's CSS and scripts read the setting from <html>.
    for page in [&home, &tags, &entry] {
        assert_eq!(select(page, "html[data-digits='arabic']").len(), 1);
    }
}

#[test]
fn an_entry_page_counts_the_articles_that_mention_it_without_a_verb_to_agree() {
    let site = built();
    let doc = Html::parse_document(&site.read_output("glossary/vladimir-putin/index.html"));
    let rows = select(&doc, ".mention-list > li").len();
    assert!(rows > 0);
    let heading = text(&select(&doc, "#mentions-title")[0]);
    assert_eq!(heading, format!("المقالات التي تذكر هذا المدخل ({rows})"));
    let locale = select(&doc, "meta[property='og:locale']")[0]
        .value()
        .attr("content");
    assert_eq!(locale, Some("ar_AR"));
}

#[test]
fn names_in_other_scripts_carry_their_language() {
    let site = Site::copy_of("basic");
    // Given, it wins over the script; absent, the script tells it.
    let glossary = std::fs::read_to_string(site.root().join("content/glossary.yaml"))
        .unwrap()
        .replacen(
            "  original: Владимир Путин\n",
            "  original: Владимир Путин\n  original_lang: ru-RU\n",
            1,
        );
    site.write("content/glossary.yaml", &glossary);
    site.build().unwrap();
    let entry = Html::parse_document(&site.read_output("glossary/kim-jong-un/index.html"));
    let original = select(&entry, "bdi.original");
    assert_eq!(text(&original[0]), "김정은");
    assert_eq!(original[0].value().attr("lang"), Some("ko"));
    let article = Html::parse_document(&site.read_output("articles/summit/index.html"));
    let names: Vec<(String, Option<&str>)> = select(&article, ".terms > li > div > h3 + p bdi")
        .iter()
        .map(|b| (text(b), b.value().attr("lang")))
        .collect();
    assert!(
        names.contains(&("Владимир Путин".to_string(), Some("ru-RU"))),
        "{names:?}"
    );
    assert!(
        names.contains(&("김정은".to_string(), Some("ko"))),
        "{names:?}"
    );
}
