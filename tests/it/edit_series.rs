//! Random series of edits to a small site, each rebuilt by one session: after every edit the
//! session holds exactly what a fresh build makes, or fails as a fresh build fails. The edits
//! mix what the preview's shortcuts must notice (mentions, links, headings, notes, titles, tags,
//! dates, the glossary) with what they may skip (a sentence without names, a save without a
//! change) and with mistakes that fail the build and are fixed later.

use crate::common::Site;
use crate::session::assert_same_as_fresh_build;
use hashiya::{BuildOptions, Session};
use proptest::prelude::*;
use std::path::PathBuf;

const TITLES: [&str; 3] = ["قمة في موسكو", "زيارة إلى بيونغ يانغ", "تقرير قصير"];
const DATES: [&str; 3] = ["2019-01-10", "2019-04-25", "2021-07-15"];
const TAGS: [&str; 3] = ["روسيا", "كوريا الشمالية", "سياسة"];
/// Paragraphs of a body, each in two wordings. Some mention entries, link to articles, their
/// parts or entries, or head a part; the last is a mistake (a link to no article). A second
/// wording keeps what the rest of the site sees of the first, or changes one thing of it: the
/// order of two mentions, a new mention (before the others, or after them all), a heading's
/// anchor, a link's target; or it is a mistake, a `[[` that never closes.
const PARAGRAPHS: [[&str; 2]; 13] = [
    [
        "زار بوتين موسكو في الربيع.",
        "زار بوتين موسكو في الربيع الماضي.",
    ],
    [
        "قال كيم جونغ أون إن العلاقات مع روسيا تتحسن.",
        "قال كيم جونغ أون إن العلاقات مع روسيا جيدة.",
    ],
    [
        "تقع بيونغ يانغ في الشمال، ويحكمها كيم جونغ أون.",
        "يحكم كيم جونغ أون بيونغ يانغ في الشمال.",
    ],
    ["فقرة بلا أسماء ولا روابط.", "فقرة عن بيونغ يانغ."],
    ["## ردود الفعل", "## ردود فعل"],
    ["## في موسكو", "## في موسكو اليوم"],
    ["انظر [[a1]] للخلفية.", "راجع [[a1]] للخلفية."],
    [
        "انظر [[a2|المقال الثاني]] أيضًا.",
        "انظر [[a3|مقالًا آخر]] أيضًا.",
    ],
    [
        "عن [[g:moscow]] انظر المسرد.",
        "عن العاصمة انظر [[g:moscow]].",
    ],
    ["وفي [[a2#ردود-الفعل]] تفصيل.", "وفي [[a2#في-موسكو]] تفصيل."],
    ["فقرة أخيرة.", "فقرة فيها [[ لا يُغلق."],
    ["ختام.", "ختام في الكرملين."],
    ["رابط إلى [[a9]] لا مقال له.", "رابط إلى [[a8]] لا مقال له."],
];
/// A note on a passage of the first paragraph, in two wordings that link to different
/// articles, and a second note on a passage of the paragraph without names. A note whose
/// passage the body lacks is an error.
const NOTE_ON_SPRING: [&str; 2] = [
    "  - quote: في الربيع\n    body: حاشية تحيل إلى [[a3]].\n",
    "  - quote: في الربيع\n    body: حاشية تحيل إلى [[a2]].\n",
];
const NOTE_ON_NO_NAMES: &str = "  - quote: بلا أسماء\n    body: حاشية ثانية عن [[a1]].\n";

/// The fixture's glossary and an entry that only the last paragraph mentions; then with a
/// summary changed, a variant added, an entry removed, and broken.
fn glossary(version: usize) -> String {
    let fixture =
        std::fs::read_to_string(crate::common::fixture("basic").join("content/glossary.yaml"))
            .expect("the fixture's glossary");
    let base = format!(
        "{fixture}- id: kremlin\n  term: الكرملين\n  kind: organization\n  summary: مقر الرئاسة الروسية.\n"
    );
    match version {
        0 => base,
        1 => base.replace("عاصمة روسيا.", "عاصمة روسيا الاتحادية."),
        2 => base.replace("variants: [بوتين]", "variants: [بوتين, الرئيس الروسي]"),
        3 => {
            let (at, end) = (
                base.find("- id: moscow").expect("moscow's entry"),
                base.find("- id: kremlin").expect("the added entry"),
            );
            format!("{}{}", &base[..at], &base[end..])
        }
        _ => format!("{base}- id: [\n"),
    }
}

#[derive(Clone, Debug)]
struct ArticleSpec {
    title: usize,
    date: usize,
    tags: Vec<usize>,
    /// Paragraphs and their wordings.
    paragraphs: Vec<(usize, usize)>,
    /// The wording of the note on «في الربيع», and whether the second note follows it.
    notes: Option<(usize, bool)>,
}

impl ArticleSpec {
    fn text(&self) -> String {
        let tags: Vec<&str> = self.tags.iter().map(|&t| TAGS[t]).collect();
        let body: Vec<&str> = self
            .paragraphs
            .iter()
            .map(|&(p, w)| PARAGRAPHS[p][w])
            .collect();
        format!(
            "---\ntitle: {}\ndate: {}\ntags: [{}]\n{}---\n{}\n",
            TITLES[self.title],
            DATES[self.date],
            tags.join(", "),
            self.notes
                .map_or(String::new(), |(wording, second)| format!(
                    "notes:\n{}{}",
                    NOTE_ON_SPRING[wording],
                    if second { NOTE_ON_NO_NAMES } else { "" }
                )),
            body.join("\n\n")
        )
    }
}

#[derive(Clone, Debug)]
enum Edit {
    /// Writes article `a{slot}` anew.
    Write(usize, ArticleSpec),
    /// Gives article `a{slot}` these paragraphs, its front matter unchanged (written anew
    /// where the article is not there).
    Body(usize, Vec<(usize, usize)>),
    /// Gives article `a{slot}` this title, date and tags, its body unchanged.
    Front(usize, usize, usize, Vec<usize>),
    /// Words paragraph `k` (modulo their number) of article `a{slot}` the other way.
    Reword(usize, usize),
    /// Words paragraph `k` of `a1` and of `a2` the other way, saved together: one rebuild
    /// for both.
    RewordBoth(usize),
    /// Words the first note of article `a{slot}` the other way, or gives it one.
    RewordNote(usize),
    /// Swaps the first two paragraphs of article `a{slot}`: its notes change order.
    Swap(usize),
    /// Adds the mistake (a link to no article) to the end of article `a{slot}`.
    LinkNowhere(usize),
    /// Saves article `a{slot}` again as it is.
    Touch(usize),
    Remove(usize),
    /// Saves the glossary in one of its versions.
    Glossary(usize),
}

/// A body: the paragraphs that the notes quote, the one whose second wording reorders two
/// mentions, the two headings that links name, a link to one of them, the paragraph that a
/// second wording gives a stray `[[` and the one that it gives the last mention, all in their
/// first wordings, then up to three others: not those that the notes quote (a quote found twice
/// is an error), and no mistake (the edits make them).
fn paragraphs() -> impl Strategy<Value = Vec<(usize, usize)>> {
    let others: Vec<usize> = (0..PARAGRAPHS.len() - 1)
        .filter(|p| ![0, 3].contains(p))
        .collect();
    proptest::collection::vec(
        (proptest::sample::select(others), 0..2usize)
            .prop_map(|(p, wording)| (p, if p == 10 { 0 } else { wording })),
        0..4,
    )
    .prop_map(|others| {
        [
            (0, 0),
            (3, 0),
            (2, 0),
            (4, 0),
            (5, 0),
            (9, 0),
            (10, 0),
            (11, 0),
        ]
        .into_iter()
        .chain(others)
        .collect()
    })
}

fn tags() -> impl Strategy<Value = Vec<usize>> {
    proptest::sample::subsequence((0..TAGS.len()).collect::<Vec<_>>(), 0..=2)
}

fn article() -> impl Strategy<Value = ArticleSpec> {
    (
        0..TITLES.len(),
        0..DATES.len(),
        tags(),
        paragraphs(),
        proptest::option::weighted(0.5, (0..2usize, proptest::bool::ANY)),
    )
        .prop_map(|(title, date, tags, paragraphs, notes)| ArticleSpec {
            title,
            date,
            tags,
            paragraphs,
            notes,
        })
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (1..=3usize, article()).prop_map(|(slot, spec)| Edit::Write(slot, spec)),
        3 => (1..=3usize, paragraphs()).prop_map(|(slot, paragraphs)| Edit::Body(slot, paragraphs)),
        12 => (1..=3usize, 0..10usize).prop_map(|(slot, k)| Edit::Reword(slot, k)),
        4 => (0..10usize).prop_map(Edit::RewordBoth),
        2 => (1..=3usize).prop_map(Edit::RewordNote),
        3 => (1..=3usize, 0..TITLES.len(), 0..DATES.len(), tags())
            .prop_map(|(slot, title, date, tags)| Edit::Front(slot, title, date, tags)),
        3 => (1..=3usize).prop_map(Edit::Swap),
        1 => (1..=3usize).prop_map(Edit::LinkNowhere),
        1 => (1..=3usize).prop_map(Edit::Touch),
        1 => (1..=3usize).prop_map(Edit::Remove),
        2 => (0..5usize).prop_map(Edit::Glossary),
    ]
}

/// Words paragraph `k` (modulo their number) of article `a{slot}` the other way, if it is there.
fn reword(site: &Site, articles: &mut [Option<ArticleSpec>], slot: usize, k: usize) {
    if let Some(spec) = &mut articles[slot] {
        let count = spec.paragraphs.len();
        let wording = &mut spec.paragraphs[k % count].1;
        *wording = 1 - *wording;
        site.write(&path_of(slot), &spec.text());
    }
}

fn path_of(slot: usize) -> String {
    format!("content/articles/a{slot}.md")
}

proptest! {
    // A fixed seed: every run tries the same series, and a failure is found again.
    #![proptest_config(ProptestConfig {
        cases: 128,
        rng_seed: proptest::test_runner::RngSeed::Fixed(1),
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_edit_of_a_series_gives_what_a_fresh_build_gives(
        first in [article(), article(), article()],
        edits in proptest::collection::vec(edit(), 1..7),
    ) {
        let site = Site::copy_of("basic");
        site.write("content/glossary.yaml", &glossary(0));
        // The articles written, by slot.
        let [a1, a2, a3] = first;
        let mut articles: [Option<ArticleSpec>; 4] = [None, Some(a1), Some(a2), Some(a3)];
        for (slot, spec) in articles.iter().enumerate() {
            if let Some(spec) = spec {
                site.write(&path_of(slot), &spec.text());
            }
        }
        let mut session = Session::new(BuildOptions::new(site.root()));
        let _ = session.build();
        for edit in &edits {
            let changed: Vec<String> = match edit {
                Edit::Write(slot, spec) => {
                    articles[*slot] = Some(spec.clone());
                    site.write(&path_of(*slot), &spec.text());
                    vec![path_of(*slot)]
                }
                Edit::Body(slot, paragraphs) => {
                    let spec = articles[*slot].get_or_insert_with(|| ArticleSpec {
                        title: 0,
                        date: 0,
                        tags: Vec::new(),
                        paragraphs: Vec::new(),
                        notes: None,
                    });
                    spec.paragraphs = paragraphs.clone();
                    site.write(&path_of(*slot), &spec.text());
                    vec![path_of(*slot)]
                }
                Edit::Front(slot, title, date, tags) => {
                    if let Some(spec) = &mut articles[*slot] {
                        (spec.title, spec.date, spec.tags) = (*title, *date, tags.clone());
                        site.write(&path_of(*slot), &spec.text());
                    }
                    vec![path_of(*slot)]
                }
                Edit::Reword(slot, k) => {
                    reword(&site, &mut articles, *slot, *k);
                    vec![path_of(*slot)]
                }
                Edit::RewordBoth(k) => {
                    reword(&site, &mut articles, 1, *k);
                    reword(&site, &mut articles, 2, *k);
                    vec![path_of(1), path_of(2)]
                }
                Edit::RewordNote(slot) => {
                    if let Some(spec) = &mut articles[*slot] {
                        spec.notes = Some(spec.notes.map_or((0, false), |(n, second)| (1 - n, second)));
                        site.write(&path_of(*slot), &spec.text());
                    }
                    vec![path_of(*slot)]
                }
                Edit::Swap(slot) => {
                    if let Some(spec) = &mut articles[*slot] {
                        if spec.paragraphs.len() > 1 {
                            spec.paragraphs.swap(0, 1);
                        }
                        site.write(&path_of(*slot), &spec.text());
                    }
                    vec![path_of(*slot)]
                }
                Edit::LinkNowhere(slot) => {
                    if let Some(spec) = &mut articles[*slot] {
                        spec.paragraphs.push((PARAGRAPHS.len() - 1, 0));
                        site.write(&path_of(*slot), &spec.text());
                    }
                    vec![path_of(*slot)]
                }
                Edit::Touch(slot) => {
                    if let Some(spec) = &articles[*slot] {
                        site.write(&path_of(*slot), &spec.text());
                    }
                    vec![path_of(*slot)]
                }
                Edit::Remove(slot) => {
                    articles[*slot] = None;
                    let _ = std::fs::remove_file(site.root().join(path_of(*slot)));
                    vec![path_of(*slot)]
                }
                Edit::Glossary(version) => {
                    site.write("content/glossary.yaml", &glossary(*version));
                    vec!["content/glossary.yaml".to_string()]
                }
            };
            let paths: Vec<PathBuf> = changed.iter().map(PathBuf::from).collect();
            let rebuilt = session.rebuild(&paths);
            let fresh = hashiya::build_in_memory(&BuildOptions::new(site.root()));
            match (&rebuilt, &fresh) {
                (Ok(_), Ok(_)) => assert_same_as_fresh_build(&site, &session, &changed.join(", ")),
                (Err(held), Err(fresh)) => prop_assert_eq!(held.to_string(), fresh.to_string()),
                _ => prop_assert!(
                    false,
                    "after {:?}: the rebuild {} but a fresh build {}",
                    edit,
                    if rebuilt.is_ok() { "succeeded" } else { "failed" },
                    if fresh.is_ok() { "succeeded" } else { "failed" },
                ),
            }
        }
    }
}
