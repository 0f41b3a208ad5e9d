//! Properties of the normaliser's offset map and of the matcher, on arbitrary text.

use hashiya::arabic::matcher::{MatchEntry, Matcher};
use hashiya::arabic::normalize;
use proptest::prelude::*;

/// Text drawn from what Arabic news contains: letters in every form the normaliser folds,
/// diacritics, tatweel, controls, digits, Latin, punctuation and odd whitespace.
fn arabic_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "ا",
        "أ",
        "إ",
        "آ",
        "ٱ",
        "ب",
        "ت",
        "ة",
        "ه",
        "ى",
        "ي",
        "ی",
        "ک",
        "ك",
        "ہ",
        "و",
        "ل",
        "ال",
        "روسيا",
        "كوريا",
        "\u{064E}",
        "\u{0651}",
        "\u{0670}",
        "\u{0654}",
        "\u{0640}",
        "\u{200C}",
        "\u{200F}",
        "\u{FEFF}",
        "\u{00AD}",
        "٢",
        "۴",
        "7",
        "a",
        "Z",
        "é",
        "e\u{0301}",
        "\u{FDF2}",
        "\u{FEFB}",
        " ",
        "\u{00A0}",
        "\n",
        "\t",
        "،",
        ".",
        "«",
        "»",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn offsets_land_on_char_boundaries_and_never_go_back(text in arabic_text()) {
        let n = normalize(&text);
        let mut previous = 0;
        for (i, _) in n.text.char_indices() {
            let at = n.original_offset(i);
            prop_assert!(text.is_char_boundary(at));
            prop_assert!(at >= previous);
            previous = at;
        }
    }

    #[test]
    fn normalising_twice_changes_nothing(text in arabic_text()) {
        let once = normalize(&text).text;
        prop_assert_eq!(normalize(&once).text, once);
    }

    #[test]
    fn any_range_maps_back_to_text_that_normalises_to_it(text in arabic_text()) {
        let n = normalize(&text);
        let bounds: Vec<usize> = n.text.char_indices().map(|(i, _)| i).chain([n.text.len()]).collect();
        for (k, &start) in bounds.iter().enumerate() {
            for &end in &bounds[k + 1..] {
                let range = n.original_range(start, end);
                prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
                let again = normalize(&text[range]).text;
                // Whitespace runs are one space either way; an expansion cut at its edge (ﷲ) is
                // mapped whole, so the original may normalise to more than the range.
                prop_assert!(again.contains(n.text[start..end].trim()), "{:?} vs {:?}", again, &n.text[start..end]);
            }
        }
    }

    #[test]
    fn matches_are_whole_written_words(text in arabic_text()) {
        let entries = vec![
            MatchEntry { forms: vec!["روسيا".into()], is_noun: false, except: Vec::new() },
            MatchEntry { forms: vec!["كوريا".into()], is_noun: true, except: vec!["كوريا الجنوبية".into()] },
            MatchEntry { forms: vec!["الكرملين".into()], is_noun: false, except: Vec::new() },
        ];
        let n = normalize(&text);
        for m in Matcher::new(&entries).find(&n.text).matches {
            let range = n.original_range(m.start, m.end);
            let written = &text[range.clone()];
            prop_assert!(!written.trim().is_empty());
            // A mark standing alone before the word belongs to no letter: it does not join.
            let before = text[..range.start].chars().rev().find(|&c| !hashiya::arabic::is_ignorable(c));
            prop_assert!(!before.is_some_and(char::is_alphanumeric), "{:?} starts inside a word", written);
        }
    }
}
