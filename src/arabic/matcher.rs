//! The glossary matcher: every written form of every entry, with the Arabic prefixes (and for
//! nouns the suffixes) it may carry, compiled once into one Aho-Corasick automaton over
//! normalised text. A text is then searched in one pass, whatever the glossary's size.

use super::normalize::{is_word_char, normalize_phrase};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::HashMap;

/// What the matcher needs to know of one glossary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchEntry {
    /// The written forms: the term and its variants, as the editor wrote them.
    pub forms: Vec<String>,
    /// Nouns take the article ال and suffixes; names do not.
    pub is_noun: bool,
}

/// One occurrence found, in byte offsets of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermMatch {
    /// Index of the entry in the list the matcher was built from.
    pub entry: usize,
    pub start: usize,
    pub end: usize,
    /// Letters of proclitics before the written form (و، ف، ب، ك، ل).
    pub prefix_letters: u8,
}

#[derive(Debug, Clone, Copy)]
struct Pattern {
    entry: usize,
    prefix_letters: u8,
}

pub struct Matcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

const CONJUNCTIONS: [&str; 3] = ["", "و", "ف"];
const PREPOSITIONS: [&str; 4] = ["", "ب", "ك", "ل"];
const NUMBER_SUFFIXES: [&str; 4] = ["ات", "ان", "ين", "ون"];
/// After ة (folded to ه), which becomes ات or ت.
const NUMBER_SUFFIXES_AFTER_TA_MARBUTA: [&str; 3] = ["ات", "تان", "تين"];
const PRONOUN_SUFFIXES: [&str; 11] = [
    "ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "ي", "نا",
];
const DEFINITE_ARTICLE: &str = "ال";

impl Matcher {
    pub fn new(entries: &[MatchEntry]) -> Matcher {
        // Each normalised pattern belongs to one reading: fewer prefix letters win, then the
        // earlier entry.
        let mut best: HashMap<String, Pattern> = HashMap::new();
        for (entry, match_entry) in entries.iter().enumerate() {
            for form in &match_entry.forms {
                for (pattern, prefix_letters) in surface_forms(form, match_entry.is_noun) {
                    let candidate = Pattern {
                        entry,
                        prefix_letters,
                    };
                    best.entry(pattern)
                        .and_modify(|kept| {
                            if (prefix_letters, entry) < (kept.prefix_letters, kept.entry) {
                                *kept = candidate;
                            }
                        })
                        .or_insert(candidate);
                }
            }
        }
        // A stable pattern order keeps the automaton, and so the output, deterministic.
        let mut sorted: Vec<(String, Pattern)> = best.into_iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        let patterns: Vec<Pattern> = sorted.iter().map(|(_, p)| *p).collect();
        let automaton = if sorted.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(sorted.iter().map(|(s, _)| s.as_str()))
                    .expect("glossary patterns are plain strings"),
            )
        };
        Matcher {
            automaton,
            patterns,
        }
    }

    /// Every whole-word occurrence in `normalized`, leftmost-longest and non-overlapping.
    pub fn find(&self, normalized: &str) -> Vec<TermMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let candidates = automaton
            .find_overlapping_iter(normalized)
            .filter(|m| is_whole_word(normalized, m.start(), m.end()))
            .map(|m| {
                let pattern = self.patterns[m.pattern().as_usize()];
                TermMatch {
                    entry: pattern.entry,
                    start: m.start(),
                    end: m.end(),
                    prefix_letters: pattern.prefix_letters,
                }
            })
            .collect();
        select_leftmost_longest(candidates)
    }
}

/// Keeps, from left to right, the longest candidate at each place; on equal spans the reading
/// with fewer prefix letters, then the earlier entry.
pub fn select_leftmost_longest(mut candidates: Vec<TermMatch>) -> Vec<TermMatch> {
    candidates.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.prefix_letters.cmp(&b.prefix_letters))
            .then(a.entry.cmp(&b.entry))
    });
    let mut chosen: Vec<TermMatch> = Vec::new();
    for candidate in candidates {
        if chosen.last().is_none_or(|last| candidate.start >= last.end) {
            chosen.push(candidate);
        }
    }
    chosen
}

fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// Every normalised surface of a written form, with its count of prefix letters.
pub fn surface_forms(written: &str, is_noun: bool) -> Vec<(String, u8)> {
    let normalized = normalize_phrase(written);
    if normalized.is_empty() {
        return Vec::new();
    }
    let one_word = !normalized.contains(' ');
    if one_word && normalized.chars().count() < 3 {
        return vec![(normalized, 0)];
    }
    let mut stems = vec![normalized.clone()];
    if is_noun {
        let definite = !normalized.starts_with(DEFINITE_ARTICLE);
        if definite {
            stems.push(format!("{DEFINITE_ARTICLE}{normalized}"));
        }
        if one_word {
            let ends_in_ta_marbuta = last_letter(written) == Some('ة');
            let (stem, number, pronoun_joint): (&str, &[&str], &str) = if ends_in_ta_marbuta {
                let cut = normalized.len() - 'ه'.len_utf8();
                (&normalized[..cut], &NUMBER_SUFFIXES_AFTER_TA_MARBUTA, "ت")
            } else {
                (normalized.as_str(), &NUMBER_SUFFIXES, "")
            };
            for suffix in number {
                stems.push(format!("{stem}{suffix}"));
                if definite {
                    stems.push(format!("{DEFINITE_ARTICLE}{stem}{suffix}"));
                }
            }
            for suffix in PRONOUN_SUFFIXES {
                stems.push(format!("{stem}{pronoun_joint}{suffix}"));
            }
        }
    }
    let mut forms = Vec::with_capacity(stems.len() * 12);
    for stem in &stems {
        for conjunction in CONJUNCTIONS {
            for preposition in PREPOSITIONS {
                let prefix_letters =
                    (conjunction.chars().count() + preposition.chars().count()) as u8;
                let surface = match stem.strip_prefix('ا') {
                    // ل + ال → لل: the alef of the article drops.
                    Some(rest) if preposition == "ل" && stem.starts_with(DEFINITE_ARTICLE) => {
                        format!("{conjunction}ل{rest}")
                    }
                    _ => format!("{conjunction}{preposition}{stem}"),
                };
                forms.push((surface, prefix_letters));
            }
        }
    }
    forms
}

/// The last letter of a written form, ignoring diacritics after it.
fn last_letter(written: &str) -> Option<char> {
    written
        .chars()
        .rev()
        .find(|&c| is_word_char(c) && !super::is_ignorable(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(written: &str, is_noun: bool) -> Vec<String> {
        surface_forms(written, is_noun)
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }

    #[test]
    fn names_take_prefixes_only() {
        let f = forms("روسيا", false);
        for expected in ["روسيا", "وروسيا", "بروسيا", "وبروسيا", "فلروسيا", "كروسيا"]
        {
            assert!(f.contains(&expected.to_string()), "{expected}");
        }
        assert_eq!(f.len(), 12);
    }

    #[test]
    fn definite_names_fuse_with_lam() {
        let f = forms("الكرملين", false);
        for expected in ["والكرملين", "بالكرملين", "للكرملين", "وللكرملين"]
        {
            assert!(f.contains(&expected.to_string()), "{expected}");
        }
        assert!(!f.contains(&"لالكرملين".to_string()));
    }

    #[test]
    fn nouns_take_article_and_suffixes() {
        let f = forms("عقوبة", true);
        for expected in [
            "العقوبات",
            "عقوبات",
            "عقوبتان",
            "عقوبتين",
            "عقوبتها",
            "وبالعقوبات",
        ] {
            assert!(f.contains(&expected.to_string()), "{expected}");
        }
    }

    #[test]
    fn short_words_match_only_as_written() {
        assert_eq!(forms("قم", false), ["قم"]);
    }
}
