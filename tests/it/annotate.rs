//! Glossary marking and anchored notes on whole pages, and the errors editors see for them.

use crate::common::Site;
use scraper::{Html, Selector};

fn marked(html: &str) -> Vec<(String, String)> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse("[data-term]").unwrap())
        .map(|e| {
            (
                e.value().attr("data-term").unwrap().to_string(),
                e.text().collect(),
            )
        })
        .collect()
}

const HEAD: &str = "---\ntitle: اختبار\ndate: 2020-01-01\n";

fn article(site: &Site, front: &str, body: &str) {
    site.write(
        "content/articles/t.md",
        &format!("{HEAD}{front}---\n{body}\n"),
    );
}

#[test]
fn every_mention_is_marked_with_its_written_form() {
    let site = Site::copy_of("basic");
    article(
        &site,
        "",
        "قال بُوتِينُ، وَلِمُوسْكُو: «فلاديمير\nبوتين» في `موسكو` و[موسكو](https://example.org/x).",
    );
    site.build().unwrap();
    assert_eq!(
        marked(&site.read_output("articles/t/index.html")),
        [
            ("vladimir-putin".into(), "بُوتِينُ".into()),
            ("moscow".into(), "وَلِمُوسْكُو".into()),
            ("vladimir-putin".into(), "فلاديمير\nبوتين".into()),
        ]
    );
}

#[test]
fn the_title_is_never_marked() {
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/t.md",
        "---\ntitle: بوتين في موسكو\ndate: 2020-01-01\n---\nنص بلا أسماء.\n",
    );
    site.build().unwrap();
    assert!(marked(&site.read_output("articles/t/index.html")).is_empty());
}

#[test]
fn mark_first_marks_one_mention_per_article() {
    let site = Site::copy_of("basic");
    site.write("site.yaml", "title: t\nglossary:\n  mark: first\n");
    article(&site, "", "بوتين في موسكو.\n\nثم عاد بوتين إلى موسكو.");
    site.build().unwrap();
    let marks = marked(&site.read_output("articles/t/index.html"));
    assert_eq!(
        marks,
        [
            ("vladimir-putin".into(), "بوتين".into()),
            ("moscow".into(), "موسكو".into())
        ]
    );
}

#[test]
fn an_article_glossary_adds_and_overrides_entries() {
    let site = Site::copy_of("basic");
    let front = "glossary:\n  - id: moscow\n    term: العاصمة الروسية\n    kind: place\n    summary: موسكو هنا.\n";
    article(&site, front, "أهدى كيم سيفا في العاصمة الروسية لا في موسكو.");
    site.build().unwrap();
    let html = site.read_output("articles/t/index.html");
    // The article's own entry replaces the site's: موسكو is not marked here, the new form is.
    assert_eq!(
        marked(&html),
        [("moscow".to_string(), "العاصمة الروسية".to_string())],
        "{html}"
    );
    assert!(html.contains("موسكو هنا."));
    // Another article still uses the site's entry.
    assert!(site
        .read_output("articles/older/index.html")
        .contains("data-term=\"moscow\""));
}

#[test]
fn notes_are_anchored_and_numbered_apart_from_terms() {
    let site = Site::copy_of("basic");
    let front = "notes:\n  - quote: وعد بزيارة\n    body: وعد **لم** يتحقق.\n";
    article(&site, front, "التقى بوتين وكيم، ووعد بزيارة موسكو.");
    site.build().unwrap();
    let html = site.read_output("articles/t/index.html");
    let doc = Html::parse_document(&html);
    let mark = doc
        .select(&Selector::parse("mark[data-note]").unwrap())
        .next()
        .expect("the note is anchored");
    // The mark covers whole words: the و stays joined to its word.
    assert_eq!(mark.text().collect::<String>(), "ووعد بزيارة");
    // Two terms come before it, and it is still note 1.
    assert_eq!(mark.value().attr("data-note"), Some("1"));
    assert!(html.contains("<div id=\"note-1\" popover"));
    assert!(html.contains("وعد <strong>لم</strong> يتحقق."));
}

/// The numbers on the note buttons of a page, as a reader sees them.
fn note_numbers(doc: &Html) -> Vec<String> {
    doc.select(&Selector::parse(".article-body button.note-ref").unwrap())
        .map(|b| b.text().collect())
        .collect()
}

#[test]
fn notes_read_one_two_three_in_reading_order_whatever_their_order_in_the_front_matter() {
    let site = Site::copy_of("basic");
    // Listed last, first, middle; terms before, between and inside the passages.
    let front =
        "notes:\n  - quote: زيارة قريبة\n    body: الثالثة.\n  - quote: التقى بوتين\n    body: \
                 الأولى.\n  - quote: في موسكو\n    body: الثانية.\n";
    let body = "التقى بوتين وجونغ أون في موسكو.\n\nوقال بوتين إن جونغ أون وعد بزيارة قريبة.";
    article(&site, front, body);
    site.build().unwrap();
    let doc = Html::parse_document(&site.read_output("articles/t/index.html"));
    assert_eq!(note_numbers(&doc), ["1", "2", "3"]);
    let attrs = |css: &str, name: &str| -> Vec<String> {
        doc.select(&Selector::parse(css).unwrap())
            .map(|e| e.value().attr(name).unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(
        attrs(".article-body button.note-ref", "aria-label"),
        ["حاشية 1", "حاشية 2", "حاشية 3"]
    );
    assert_eq!(
        attrs(".article-body mark.note", "data-note"),
        ["1", "2", "3"]
    );
    // Terms take no number.
    assert!(doc
        .select(&Selector::parse("[data-term][data-n]").unwrap())
        .next()
        .is_none());
    // The endnotes: the notes in that order, each titled with its number, then the entries.
    let notes: Vec<(String, String)> = doc
        .select(&Selector::parse(".endnotes ol.notes > li > div[popover]").unwrap())
        .map(|p| {
            let title = p.select(&Selector::parse("h3").unwrap()).next().unwrap();
            let body = p.select(&Selector::parse("div").unwrap()).next().unwrap();
            (
                title.text().collect(),
                body.text().collect::<String>().trim().to_string(),
            )
        })
        .collect();
    assert_eq!(
        notes,
        [
            ("حاشية 1".to_string(), "الأولى.".to_string()),
            ("حاشية 2".to_string(), "الثانية.".to_string()),
            ("حاشية 3".to_string(), "الثالثة.".to_string()),
        ]
    );
    assert_eq!(
        attrs(".endnotes ul.terms > li > div[popover]", "id"),
        ["g-vladimir-putin", "g-kim-jong-un", "g-moscow"]
    );
}

#[test]
fn with_arabic_digits_note_numbers_read_in_arabic_digits() {
    let site = Site::copy_of("basic");
    site.configure("digits: arabic\n");
    let front =
        "notes:\n  - quote: التقى بوتين\n    body: أ.\n  - quote: في موسكو\n    body: ب.\n  \
                 - quote: زيارة قريبة\n    body: ج.\n";
    let body = "التقى بوتين وكيم في موسكو.[^m] ووعد بزيارة قريبة.\n\n[^m]: حاشية سفلية.";
    article(&site, front, body);
    site.build().unwrap();
    let doc = Html::parse_document(&site.read_output("articles/t/index.html"));
    assert_eq!(note_numbers(&doc), ["١", "٢", "٣"]);
    // A Markdown footnote too, where it is referred to and where it is defined.
    let footnotes: Vec<String> = doc
        .select(&Selector::parse(".footnote-reference a, .footnote-definition-label").unwrap())
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(footnotes, ["١", "١"]);
    let labels: Vec<&str> = doc
        .select(&Selector::parse(".article-body button.note-ref").unwrap())
        .filter_map(|b| b.value().attr("aria-label"))
        .collect();
    assert_eq!(labels, ["حاشية ١", "حاشية ٢", "حاشية ٣"]);
    let titles: Vec<String> = doc
        .select(&Selector::parse(".notes > li > div[popover] > h3").unwrap())
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(titles, ["حاشية ١", "حاشية ٢", "حاشية ٣"]);
    // Attributes stay machine-readable; the theme learns the digits from <html>.
    assert!(doc
        .select(&Selector::parse("button.note-ref[data-n='3'][popovertarget='note-3']").unwrap())
        .next()
        .is_some());
    assert!(doc
        .select(&Selector::parse("html[data-digits='arabic']").unwrap())
        .next()
        .is_some());
}

fn note_error(body: &str, notes: &str) -> String {
    let site = Site::copy_of("basic");
    article(&site, &format!("notes:\n{notes}"), body);
    site.build().expect_err("the build fails")
}

#[test]
fn a_note_whose_quote_is_missing_points_at_the_closest_passage() {
    let err = note_error(
        "وأشاد بالخبرة الواسعة للجيش الكوري الشمالي.",
        "  - quote: بالخبرات الواسعة للجيش\n    body: x\n",
    );
    assert!(err.contains("content/articles/t.md:5:12: error[note-not-found]: the note's quote \"بالخبرات الواسعة للجيش\" is not in the text"), "{err}");
    assert!(
        err.contains("help: the closest passage in the text is \"بالخبرة الواسعة للجيش\""),
        "{err}"
    );
}

#[test]
fn a_quote_is_found_through_normalisation() {
    let site = Site::copy_of("basic");
    article(
        &site,
        "notes:\n  - quote: بالخبرة الواسعه للجيش\n    body: x\n",
        "وأشاد بالخِبرةِ الواسعة للجيش الكوري.",
    );
    site.build().unwrap();
    let html = site.read_output("articles/t/index.html");
    assert!(html.contains(">بالخِبرةِ الواسعة للجيش</mark>"), "{html}");
}

#[test]
fn an_ambiguous_note_is_an_error_until_it_says_which() {
    let body = "قال بوتين كلاما. ثم قال بوتين كلاما آخر.";
    let err = note_error(body, "  - quote: قال بوتين\n    body: x\n");
    assert!(err.contains("appears 2 times"), "{err}");
    assert!(err.contains("add `occurrence: N`"), "{err}");

    for selector in [
        "    occurrence: 2\n",
        "    prefix: ثم\n",
        "    suffix: كلاما آخر\n",
    ] {
        let site = Site::copy_of("basic");
        article(
            &site,
            &format!("notes:\n  - quote: قال بوتين\n{selector}    body: x\n"),
            body,
        );
        site.build().unwrap();
        let html = site.read_output("articles/t/index.html");
        let second = html.find("ثم ").unwrap();
        assert!(
            html[second..].contains("<mark class=\"note\""),
            "{selector}: {html}"
        );
        assert_eq!(html.matches("<mark class=\"note\"").count(), 1);
    }
    let err = note_error(
        body,
        "  - quote: قال بوتين\n    occurrence: 3\n    body: x\n",
    );
    assert!(
        err.contains("`occurrence: 3` but the quote appears 2 time(s)"),
        "{err}"
    );
}

#[test]
fn an_empty_quote_is_an_error() {
    let err = note_error("نص.", "  - quote: \"\u{064E} \"\n    body: x\n");
    assert!(err.contains("the note's quote is empty"), "{err}");
}

#[test]
fn overlapping_notes_are_an_error() {
    let err = note_error(
        "أرسل الرئيس رسالة تهنئة طويلة.",
        "  - quote: الرئيس رسالة\n    body: x\n  - quote: رسالة تهنئة\n    body: y\n",
    );
    assert!(err.contains("overlaps note 1"), "{err}");
}

fn glossary_error(glossary: &str) -> String {
    let site = Site::copy_of("basic");
    site.write("content/glossary.yaml", glossary);
    site.build().expect_err("the build fails")
}

#[test]
fn glossary_validation_errors() {
    let entry = |id: &str, term: &str, extra: &str| {
        format!("- id: {id}\n  term: {term}\n  kind: place\n  summary: وصف.\n{extra}")
    };
    let cases = [
        (
            format!("{}{}", entry("a", "موسكو", ""), entry("a", "بكين", "")),
            "content/glossary.yaml:5:7: error[duplicate-glossary-id]: duplicate glossary id `a`",
        ),
        (
            format!("{}{}", entry("a", "موسكو", ""), entry("b", "مُوسْكو", "")),
            "content/glossary.yaml:6:9: error[shared-form]: `مُوسْكو` is claimed by both `a` and `b`",
        ),
        (
            entry("a", "موسكو", "  see_also: [moscw]\n"),
            "error[unknown-see-also]: `see_also` names unknown entry `moscw`",
        ),
        (
            entry("a", "\u{064E}\u{0651}", ""),
            "error[no-letters]: `\u{064E}\u{0651}` has no letters once diacritics are removed",
        ),
        (
            "- id: a\n  term: موسكو\n  kind: place\n  summary: \" \"\n".to_string(),
            "error[empty-summary]: glossary entry `a` has an empty summary",
        ),
        (
            "- id: a\n  term: موسكو\n  kind: city\n  summary: x\n".to_string(),
            "content/glossary.yaml:3:9: error[unknown-value]: unknown value `city`",
        ),
        (
            entry("a", "موسكو", "  excpet: [موسكو الجديدة]\n"),
            "content/glossary.yaml:5:3: error[unknown-key]: unknown key `excpet`\n  |\n5 |   excpet: [موسكو الجديدة]\n  |   ^^^^^^\n  = help: did you mean `except`?",
        ),
        (
            entry("a", "موسكو", "  except:\n    - \"\u{064E}\"\n"),
            "content/glossary.yaml:6:8: error[no-letters]: the exception `\u{064E}` of `a` has no letters once diacritics are removed",
        ),
    ];
    for (glossary, expected) in cases {
        let err = glossary_error(&glossary);
        assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
    }
}

#[test]
fn an_unmentioned_entry_is_a_warning() {
    let site = Site::copy_of("basic");
    let mut glossary = std::fs::read_to_string(site.root().join("content/glossary.yaml")).unwrap();
    glossary.push_str("- id: kyiv\n  term: كييف\n  kind: place\n  summary: عاصمة أوكرانيا.\n");
    site.write("content/glossary.yaml", &glossary);
    let report = site.build().unwrap();
    let warnings = report.warnings.to_string();
    assert!(
        warnings.contains(
            "content/glossary.yaml:24:7: warning[unmentioned-entry]: no article mentions `kyiv`"
        ),
        "{warnings}"
    );
}

#[test]
fn entry_pages_quote_the_sentence_of_the_first_mention() {
    let site = Site::copy_of("basic");
    site.build().unwrap();
    let doc = Html::parse_document(&site.read_output("glossary/moscow/index.html"));
    let excerpt: Vec<String> = doc
        .select(&Selector::parse("main mark").unwrap())
        .map(|m| m.text().collect())
        .collect();
    assert_eq!(excerpt, ["موسكو"]);
    assert!(site
        .read_output("glossary/moscow/index.html")
        .contains("تعود العلاقات بين <mark>موسكو</mark> وبيونغ يانغ إلى الحقبة السوفيتية."));
}

#[test]
fn an_exception_phrase_is_no_mention_anywhere_mentions_are_used() {
    let site = Site::copy_of("exceptions");
    site.build().unwrap();
    // «كيم» alone is the entry; inside «كيم إيل سونغ» or «كيم يو جونغ», with a prefix or not,
    // it is not.
    assert_eq!(
        marked(&site.read_output("articles/family/index.html")),
        [
            ("pyongyang".into(), "بيونغ يانغ".into()),
            ("kim-jong-un".into(), "كيم".into()),
        ]
    );
    assert_eq!(
        marked(&site.read_output("articles/founder/index.html")),
        [("pyongyang".into(), "بيونغ يانغ".into())]
    );
    // The entry's page lists the article that mentions it, not the one that names only the
    // founder; the excerpt is the sentence of the real mention.
    let entry = Html::parse_document(&site.read_output("glossary/kim-jong-un/index.html"));
    let listed: Vec<String> = entry
        .select(&Selector::parse("main a[href*='/articles/']").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(listed, ["/articles/family/"]);
    let excerpt: Vec<String> = entry
        .select(&Selector::parse("main mark").unwrap())
        .map(|m| m.text().collect())
        .collect();
    assert_eq!(excerpt, ["كيم"]);
}

#[test]
fn direction_marks_beside_a_name_stay_outside_its_mark() {
    let site = Site::copy_of("basic");
    article(
        &site,
        "",
        "قال \u{200F}بوتين\u{200F} في \u{200E}موسكو\u{061C}.",
    );
    site.build().unwrap();
    let html = site.read_output("articles/t/index.html");
    assert_eq!(
        marked(&html),
        [
            ("vladimir-putin".into(), "بوتين".into()),
            ("moscow".into(), "موسكو".into()),
        ]
    );
    assert!(
        html.contains("\u{200F}<button") && html.contains("</button>\u{200F}"),
        "{html}"
    );
    assert!(html.contains("</button>\u{061C}."), "{html}");
}
