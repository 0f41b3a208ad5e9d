//! Writing notes from the preview: a passage selected on an article's page gets the YAML of
//! a note anchored there, which the build anchors where it was selected; a marked term names
//! the line of the glossary that defines it.

use super::Server;
use crate::common::Site;
use scraper::{Html, Selector};

const ARTICLE: &str = "content/articles/drafting.md";

/// An article whose passages repeat, with `notes` (YAML items) in its front matter.
fn drafting(notes: &str) -> String {
    format!(
        "---\ntitle: مسودة\ndate: 2024-01-01\nnotes:\n{notes}glossary:\n  - id: local-minister\n    term: وزير الأشغال\n    kind: person\n    summary: مدخل يعرّفه المقال.\n---\n\
زار الوفد موسكو أمس. ثم زار الوفد موسكو اليوم.\n\n\
{yes}.\n\n\
قال **الوزير** إن \"المحادثات جرت\"، وقال وزير الأشغال إنها نجحت.\n",
        yes = ["نعم"; 20].join(" ")
    )
}

fn server() -> Server {
    let site = Site::copy_of("basic");
    site.write(ARTICLE, &drafting("  []\n"));
    Server::start(site)
}

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

impl Server {
    /// What the anchor endpoint answers for a selection on `page`: its status and JSON.
    fn anchor(
        &self,
        page: &str,
        quote: &str,
        before: &str,
        after: &str,
    ) -> (u16, serde_json::Value) {
        let path = format!(
            "/__hashiya/anchor?page={}&quote={}&before={}&after={}",
            encode(page),
            encode(quote),
            encode(before),
            encode(after)
        );
        let (status, head, body) = self.get(&path);
        assert!(head.contains("content-type: application/json"), "{head}");
        (status, serde_json::from_str(&body).unwrap())
    }

    fn term(&self, page: &str, id: &str) -> (u16, serde_json::Value) {
        let path = format!("/__hashiya/term?page={}&id={}", encode(page), encode(id));
        let (status, _, body) = self.get(&path);
        (status, serde_json::from_str(&body).unwrap())
    }
}

/// The keys of the note the YAML holds, in order, with their values.
fn note_fields(yaml: &str) -> Vec<(String, String)> {
    let notes: Vec<InOrder> = serde_saphyr::from_str(yaml).unwrap();
    assert_eq!(notes.len(), 1, "{yaml}");
    notes[0]
        .0
        .iter()
        .map(|(k, v)| {
            let value = match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (k.clone(), value)
        })
        .collect()
}

/// A YAML mapping's entries in the order they are written.
struct InOrder(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for InOrder {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<InOrder, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = InOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<InOrder, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(InOrder(entries))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// Pastes the YAML into the article, builds, and returns the text of the paragraph holding
/// the note's mark with the mark's place in it: the text before the mark, and the mark's text.
fn paste_and_build(site: &Site, yaml: &str) -> (String, String) {
    site.write(ARTICLE, &drafting(yaml));
    site.build().unwrap();
    let page = Html::parse_document(&site.read_output("articles/drafting/index.html"));
    let marks: Vec<_> = page
        .select(&Selector::parse(".article-body mark.note").unwrap())
        .collect();
    assert_eq!(marks.len(), 1, "one note, anchored");
    let mark = marks[0];
    let paragraph = scraper::ElementRef::wrap(mark.parent().unwrap()).unwrap();
    let html = paragraph.inner_html();
    let before = html.split_once("<mark").unwrap().0;
    (
        Html::parse_fragment(before).root_element().text().collect(),
        mark.text().collect(),
    )
}

#[test]
fn a_passage_written_once_needs_only_its_quote() {
    let server = server();
    let quoted = "\"المحادثات جرت\"";
    let (status, answer) = server.anchor("/articles/drafting/", quoted, "قال الوزير إن ", "، وقال");
    assert_eq!(status, 200, "{answer}");
    let yaml = answer["yaml"].as_str().unwrap();
    let fields = note_fields(yaml);
    let keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["quote", "body"], "{yaml}");
    assert_eq!(fields[0].1, quoted, "quotation marks and all");
    let (before, marked) = paste_and_build(&server.site, yaml);
    assert_eq!(marked, quoted);
    assert!(before.ends_with("إن "), "{before}");
}

#[test]
fn a_repeated_passage_gets_the_words_around_it_and_is_anchored_where_selected() {
    let server = server();
    // The second of two «زار الوفد موسكو».
    let (status, answer) = server.anchor(
        "/articles/drafting/",
        "زار الوفد موسكو",
        "مسودة\nزار الوفد موسكو أمس. ثم ",
        " اليوم.\nنعم نعم",
    );
    assert_eq!(status, 200, "{answer}");
    let yaml = answer["yaml"].as_str().unwrap();
    let fields = note_fields(yaml);
    assert_eq!(fields[0], ("quote".into(), "زار الوفد موسكو".into()));
    assert!(
        fields.iter().any(|(k, _)| k == "prefix" || k == "suffix"),
        "{yaml}"
    );
    assert!(!fields.iter().any(|(k, _)| k == "occurrence"), "{yaml}");
    let (before, marked) = paste_and_build(&server.site, yaml);
    assert_eq!(marked, "زار الوفد موسكو");
    assert!(before.ends_with("أمس. ثم "), "the second one: {before}");
}

#[test]
fn a_passage_the_same_words_surround_gets_its_occurrence() {
    let server = server();
    // The eighth «نعم» of twenty: no six words around it tell it from the others.
    let before = "نعم ".repeat(7);
    let after = format!("{}.", " نعم".repeat(12));
    let (_, answer) = server.anchor("/articles/drafting/", "نعم", &before, &after);
    let yaml = answer["yaml"].as_str().unwrap();
    let fields = note_fields(yaml);
    assert!(
        fields.contains(&("occurrence".to_string(), "8".to_string())),
        "{yaml}"
    );
    let (before, marked) = paste_and_build(&server.site, yaml);
    assert_eq!(marked, "نعم");
    assert_eq!(before, "نعم ".repeat(7));
}

#[test]
fn a_selection_the_build_cannot_anchor_is_answered_with_the_reason() {
    let server = server();
    // Across the emphasis of «الوزير»: not one run of text.
    let (status, answer) = server.anchor("/articles/drafting/", "قال الوزير إن", "", "");
    assert_eq!(status, 200);
    assert!(answer.get("yaml").is_none(), "{answer}");
    assert!(
        answer["problem"]
            .as_str()
            .unwrap()
            .contains("لا يقع في نص متصل"),
        "{answer}"
    );
    // Repeated, and nothing around it to tell which.
    let (_, answer) = server.anchor("/articles/drafting/", "زار الوفد موسكو", "", "");
    assert!(
        answer["problem"].as_str().unwrap().contains("يتكرر"),
        "{answer}"
    );
    // Not an article's page.
    let (status, _) = server.anchor("/", "نعم", "", "");
    assert_eq!(status, 404);
}

#[test]
fn a_marked_term_names_the_line_that_defines_its_entry() {
    let server = server();
    let glossary =
        std::fs::read_to_string(server.site.root().join("content/glossary.yaml")).unwrap();
    let line = glossary
        .lines()
        .position(|l| l == "- id: pyongyang")
        .unwrap()
        + 1;
    let (status, answer) = server.term("/articles/summit/", "pyongyang");
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["id"], "pyongyang");
    assert_eq!(answer["place"], format!("content/glossary.yaml:{line}"));
    // An entry the article defines for itself is in the article.
    let (_, answer) = server.term("/articles/drafting/", "local-minister");
    assert_eq!(answer["place"], format!("{ARTICLE}:7"));
}

#[test]
fn the_writing_aids_read_nothing_but_the_sites_sources() {
    let server = server();
    for (page, id) in [
        ("/articles/summit/", "../../site.yaml"),
        ("/articles/summit/", "no-such-entry"),
        ("/../../etc/passwd", "pyongyang"),
        ("/%2e%2e/site.yaml", "pyongyang"),
    ] {
        let (status, answer) = server.term(page, id);
        assert_eq!(status, 404, "{page} {id}: {answer}");
        assert!(answer.get("place").is_none());
    }
    // Other names are refused as for every path of the preview.
    let (status, _, _) = server.get_as(
        "attacker.example",
        "/__hashiya/term?page=/articles/summit/&id=pyongyang",
    );
    assert_eq!(status, 403);
}

#[test]
fn the_note_panel_is_on_served_pages_and_never_in_the_build() {
    let server = server();
    let (_, _, page) = server.get("/articles/drafting/");
    assert!(
        page.contains("id = \"hashiya-notes\""),
        "the panel's script"
    );
    assert!(page.contains("/__hashiya/anchor"));
    server.site.build().unwrap();
    let built = server.site.read_output("articles/drafting/index.html");
    assert!(!built.contains("hashiya-notes") && !built.contains("__hashiya"));
}
