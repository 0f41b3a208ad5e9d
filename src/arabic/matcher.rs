//! The glossary matcher. Every written form of every entry (and, for nouns, its forms with ال
//! and with suffixes) is compiled once into one Aho-Corasick automaton over normalised text. The
//! proclitics a form may carry are not compiled in: a match checks the letters that precede it
//! in its word, which keeps the automaton small, so one pass over a text costs about the same
//! whatever the glossary's size.

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

/// One occurrence found, in byte offsets of the normalised text, proclitics included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermMatch {
    /// Index of the entry in the list the matcher was built from.
    pub entry: usize,
    pub start: usize,
    pub end: usize,
    /// Letters of proclitics before the written form (و، ف، ب، ك، ل).
    pub prefix_letters: u8,
}

/// Which proclitics may stand before a compiled form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Proclitics {
    /// None: a one-word term under three letters matches only as written.
    Never,
    /// و or ف, then ب، ك or ل.
    Any,
    /// A form that starts with ال: as `Any`, but not ل, which fuses with the article.
    NotLam,
    /// A form with ال whose alef dropped after ل (الكرملين → لكرملين): ل must precede it.
    FusedLam,
}

#[derive(Debug, Clone, Copy)]
struct Pattern {
    entry: usize,
    proclitics: Proclitics,
}

pub struct Matcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

const CONJUNCTIONS: [char; 2] = ['و', 'ف'];
const PREPOSITIONS: [char; 3] = ['ب', 'ك', 'ل'];
const NUMBER_SUFFIXES: [&str; 4] = ["ات", "ان", "ين", "ون"];
/// After ة (folded to ه), which becomes ات or ت.
const NUMBER_SUFFIXES_AFTER_TA_MARBUTA: [&str; 3] = ["ات", "تان", "تين"];
const PRONOUN_SUFFIXES: [&str; 11] = [
    "ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "ي", "نا",
];
const DEFINITE_ARTICLE: &str = "ال";

impl Matcher {
    pub fn new(entries: &[MatchEntry]) -> Matcher {
        // One pattern per (form, rule); where two entries share one, the earlier entry keeps it.
        let mut best: HashMap<(String, Proclitics), usize> = HashMap::new();
        for (entry, match_entry) in entries.iter().enumerate() {
            for form in &match_entry.forms {
                for (pattern, proclitics) in compiled_forms(form, match_entry.is_noun) {
                    best.entry((pattern, proclitics))
                        .and_modify(|kept| *kept = (*kept).min(entry))
                        .or_insert(entry);
                }
            }
        }
        // A stable pattern order keeps the automaton, and so the output, deterministic.
        let mut sorted: Vec<((String, Proclitics), usize)> = best.into_iter().collect();
        sorted.sort();
        let patterns = sorted
            .iter()
            .map(|((_, proclitics), entry)| Pattern {
                entry: *entry,
                proclitics: *proclitics,
            })
            .collect();
        let automaton = (!sorted.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(sorted.iter().map(|((form, _), _)| form.as_str()))
                .or_else(|_| {
                    // A glossary too large for a DFA's memory limit still gets a matcher.
                    AhoCorasick::builder()
                        .match_kind(MatchKind::Standard)
                        .build(sorted.iter().map(|((form, _), _)| form.as_str()))
                })
                .expect("glossary patterns are plain strings")
        });
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
            .filter_map(|m| {
                let pattern = self.patterns[m.pattern().as_usize()];
                if normalized[m.end()..]
                    .chars()
                    .next()
                    .is_some_and(is_word_char)
                {
                    return None;
                }
                let prefix = word_prefix(normalized, m.start());
                let prefix_letters = allowed_prefix(prefix, pattern.proclitics)?;
                Some(TermMatch {
                    entry: pattern.entry,
                    start: m.start() - prefix.len(),
                    end: m.end(),
                    prefix_letters,
                })
            })
            .collect();
        select_leftmost_longest(candidates)
    }
}

/// The letters of the word that stand before byte `start` of `text`.
fn word_prefix(text: &str, start: usize) -> &str {
    let before = &text[..start];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(start, |(i, _)| i);
    &text[word_start..start]
}

/// The number of proclitic letters in `prefix` if the rule allows them, else `None`.
fn allowed_prefix(prefix: &str, proclitics: Proclitics) -> Option<u8> {
    let mut letters = prefix.chars().peekable();
    let conjunction = letters.next_if(|c| CONJUNCTIONS.contains(c));
    let preposition = letters.next_if(|c| PREPOSITIONS.contains(c));
    if letters.next().is_some() {
        return None;
    }
    let count = u8::from(conjunction.is_some()) + u8::from(preposition.is_some());
    let allowed = match proclitics {
        Proclitics::Never => count == 0,
        Proclitics::Any => true,
        Proclitics::NotLam => preposition != Some('ل'),
        Proclitics::FusedLam => preposition == Some('ل'),
    };
    allowed.then_some(count)
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

/// The normalised forms compiled for one written form, each with the proclitics it may take.
fn compiled_forms(written: &str, is_noun: bool) -> Vec<(String, Proclitics)> {
    let normalized = normalize_phrase(written);
    if normalized.is_empty() {
        return Vec::new();
    }
    let one_word = !normalized.contains(' ');
    if one_word && normalized.chars().count() < 3 {
        return vec![(normalized, Proclitics::Never)];
    }
    let mut stems = vec![normalized.clone()];
    if is_noun {
        let indefinite = !normalized.starts_with(DEFINITE_ARTICLE);
        if indefinite {
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
                if indefinite {
                    stems.push(format!("{DEFINITE_ARTICLE}{stem}{suffix}"));
                }
            }
            for suffix in PRONOUN_SUFFIXES {
                stems.push(format!("{stem}{pronoun_joint}{suffix}"));
            }
        }
    }
    let mut forms = Vec::with_capacity(stems.len() + 2);
    for stem in stems {
        if let Some(fused) = stem
            .strip_prefix('ا')
            .filter(|_| stem.starts_with(DEFINITE_ARTICLE))
        {
            forms.push((fused.to_string(), Proclitics::FusedLam));
            forms.push((stem, Proclitics::NotLam));
        } else {
            forms.push((stem, Proclitics::Any));
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

    fn surfaces(term: &str, is_noun: bool, text: &str) -> Vec<String> {
        let matcher = Matcher::new(&[MatchEntry {
            forms: vec![term.to_string()],
            is_noun,
        }]);
        matcher
            .find(text)
            .iter()
            .map(|m| text[m.start..m.end].to_string())
            .collect()
    }

    #[test]
    fn proclitics_are_checked_in_the_word() {
        let text = "روسيا وروسيا بروسيا وبروسيا فلروسيا كروسيا سروسيا بوروسيا";
        assert_eq!(
            surfaces("روسيا", false, text),
            ["روسيا", "وروسيا", "بروسيا", "وبروسيا", "فلروسيا", "كروسيا"]
        );
    }

    #[test]
    fn definite_forms_fuse_with_lam() {
        let text = "والكرملين بالكرملين للكرملين وللكرملين لالكرملين لكرملين";
        assert_eq!(
            surfaces("الكرملين", false, text),
            ["والكرملين", "بالكرملين", "للكرملين", "وللكرملين"]
        );
    }

    #[test]
    fn nouns_take_article_and_suffixes() {
        let text = "العقوبات عقوبات عقوبتان عقوبتين عقوبتها وبالعقوبات عقوبةها";
        assert_eq!(
            surfaces("عقوبة", true, text),
            [
                "العقوبات",
                "عقوبات",
                "عقوبتان",
                "عقوبتين",
                "عقوبتها",
                "وبالعقوبات"
            ]
        );
    }

    #[test]
    fn short_words_match_only_as_written() {
        assert_eq!(surfaces("قم", false, "قم وقم"), ["قم"]);
    }
}
