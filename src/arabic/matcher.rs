//! The glossary matcher. Every written form of every entry (and, for nouns, its forms with ال
//! and with suffixes) is compiled once into one Aho-Corasick automaton over normalised text,
//! with the phrases in which an entry's forms are not a mention (its exceptions). The
//! proclitics a form may carry are not compiled in: a match checks the letters that precede it
//! in its word, which keeps the automaton small, so one pass over a text costs about the same
//! whatever the glossary's size.

use super::normalize::{is_word_char, normalize_phrase};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::{HashMap, HashSet};

/// What the matcher needs to know of one glossary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchEntry {
    /// The written forms: the term and its variants, as the editor wrote them.
    pub forms: Vec<String>,
    /// Nouns take the article ال and suffixes; names do not.
    pub is_noun: bool,
    /// Phrases in which a form of the entry is not a mention of it (كيم in كيم إيل سونغ),
    /// matched as its forms are.
    pub except: Vec<String>,
}

/// One occurrence found, in byte offsets of the normalised text, proclitics included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TermMatch {
    /// Index of the entry in the list the matcher was built from.
    pub entry: usize,
    pub start: usize,
    pub end: usize,
    /// Letters of proclitics before the written form (و، ف، ب، ك، ل).
    pub prefix_letters: u8,
}

/// A mention an exception removed: one that would have been found without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Excepted {
    pub entry: usize,
    /// Index of the phrase in the entry's `except`.
    pub phrase: usize,
}

/// What one search of a text found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// Leftmost-longest and non-overlapping.
    pub matches: Vec<TermMatch>,
    /// The mentions exceptions removed, in the order of the text.
    pub excepted: Vec<Excepted>,
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

/// What a compiled pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Target {
    /// A form of an entry.
    Form { entry: usize },
    /// An exception phrase of an entry.
    Exception { entry: usize, phrase: usize },
}

#[derive(Debug, Clone, Copy)]
struct Pattern {
    target: Target,
    proclitics: Proclitics,
}

pub struct Matcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

const CONJUNCTIONS: [char; 2] = ['و', 'ف'];
const PREPOSITIONS: [char; 3] = ['ب', 'ك', 'ل'];
/// Number suffixes, each with the form it takes before a pronoun (the construct state drops
/// the ن: مراقبون → مراقبوه, مراقبين → مراقبيها).
const NUMBER_SUFFIXES: [(&str, &str); 4] = [("ات", "ات"), ("ان", "ا"), ("ين", "ي"), ("ون", "و")];
/// After ة (folded to ه), which becomes ات or ت: عقوبات → عقوباتها, عقوبتين → عقوبتيه.
const NUMBER_SUFFIXES_AFTER_TA_MARBUTA: [(&str, &str); 3] =
    [("ات", "ات"), ("تان", "تا"), ("تين", "تي")];
const PRONOUN_SUFFIXES: [&str; 11] = [
    "ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "ي", "نا",
];
/// The shortest stem whose construct plural or dual (ending in ا, و or ي) takes a pronoun:
/// on three letters these forms are past-tense verbs with an object (قتلوهم، عملاه).
const MIN_CONSTRUCT_STEM_LETTERS: usize = 4;
const DEFINITE_ARTICLE: &str = "ال";

impl Matcher {
    pub fn new(entries: &[MatchEntry]) -> Matcher {
        // One pattern per (form, rule); where two entries share one, the earlier entry keeps it.
        // Every entry keeps its own exceptions, whoever else writes the same phrase.
        let mut forms: HashMap<(String, Proclitics), usize> = HashMap::new();
        let mut exceptions: HashSet<(String, Proclitics, usize, usize)> = HashSet::new();
        for (entry, match_entry) in entries.iter().enumerate() {
            for form in &match_entry.forms {
                for (pattern, proclitics) in compiled_forms(form, match_entry.is_noun) {
                    forms
                        .entry((pattern, proclitics))
                        .and_modify(|kept| *kept = (*kept).min(entry))
                        .or_insert(entry);
                }
            }
            for (phrase, written) in match_entry.except.iter().enumerate() {
                for (pattern, proclitics) in compiled_forms(written, match_entry.is_noun) {
                    exceptions.insert((pattern, proclitics, entry, phrase));
                }
            }
        }
        let mut sorted: Vec<(String, Proclitics, Target)> = forms
            .into_iter()
            .map(|((form, proclitics), entry)| (form, proclitics, Target::Form { entry }))
            .chain(
                exceptions
                    .into_iter()
                    .map(|(form, proclitics, entry, phrase)| {
                        (form, proclitics, Target::Exception { entry, phrase })
                    }),
            )
            .collect();
        // A stable pattern order keeps the automaton, and so the output, deterministic.
        sorted.sort();
        let patterns = sorted
            .iter()
            .map(|&(_, proclitics, target)| Pattern { target, proclitics })
            .collect();
        let automaton = (!sorted.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(sorted.iter().map(|(form, _, _)| form.as_str()))
                .or_else(|_| {
                    // A glossary too large for a DFA's memory limit still gets a matcher.
                    AhoCorasick::builder()
                        .match_kind(MatchKind::Standard)
                        .build(sorted.iter().map(|(form, _, _)| form.as_str()))
                })
                .expect("glossary patterns are plain strings")
        });
        Matcher {
            automaton,
            patterns,
        }
    }

    /// Every whole-word occurrence in `normalized`, leftmost-longest and non-overlapping, but
    /// none of an entry inside an occurrence of one of its exceptions.
    pub fn find(&self, normalized: &str) -> Found {
        let Some(automaton) = &self.automaton else {
            return Found::default();
        };
        let mut candidates = Vec::new();
        // (entry, phrase, start, end) of each exception phrase found.
        let mut exceptions: Vec<(usize, usize, usize, usize)> = Vec::new();
        for m in automaton.find_overlapping_iter(normalized) {
            let pattern = self.patterns[m.pattern().as_usize()];
            if normalized[m.end()..]
                .chars()
                .next()
                .is_some_and(is_word_char)
            {
                continue;
            }
            let prefix = word_prefix(normalized, m.start());
            let Some(prefix_letters) = allowed_prefix(prefix, pattern.proclitics) else {
                continue;
            };
            let start = m.start() - prefix.len();
            match pattern.target {
                Target::Form { entry } => candidates.push(TermMatch {
                    entry,
                    start,
                    end: m.end(),
                    prefix_letters,
                }),
                Target::Exception { entry, phrase } => {
                    exceptions.push((entry, phrase, start, m.end()))
                }
            }
        }
        if exceptions.is_empty() {
            return Found {
                matches: select_leftmost_longest(candidates),
                excepted: Vec::new(),
            };
        }
        // The first listed exception of the entry that holds the match.
        let excepted_by = |m: &TermMatch| {
            exceptions
                .iter()
                .filter(|&&(entry, _, start, end)| {
                    entry == m.entry && start <= m.start && m.end <= end
                })
                .map(|&(_, phrase, _, _)| phrase)
                .min()
        };
        // What would be found without the exceptions tells which mentions they removed.
        let unexcepted = select_leftmost_longest(candidates.clone());
        candidates.retain(|m| excepted_by(m).is_none());
        let matches = select_leftmost_longest(candidates);
        let kept: HashSet<&TermMatch> = matches.iter().collect();
        let excepted = unexcepted
            .iter()
            .filter(|m| !kept.contains(m))
            .filter_map(|m| {
                excepted_by(m).map(|phrase| Excepted {
                    entry: m.entry,
                    phrase,
                })
            })
            .collect();
        Found { matches, excepted }
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
            let (stem, number, pronoun_joint): (&str, &[(&str, &str)], &str) = if ends_in_ta_marbuta
            {
                let cut = normalized.len() - 'ه'.len_utf8();
                (&normalized[..cut], &NUMBER_SUFFIXES_AFTER_TA_MARBUTA, "ت")
            } else {
                (normalized.as_str(), &NUMBER_SUFFIXES, "")
            };
            let long_stem = stem.chars().count() >= MIN_CONSTRUCT_STEM_LETTERS;
            for (suffix, construct) in number {
                stems.push(format!("{stem}{suffix}"));
                if indefinite {
                    stems.push(format!("{DEFINITE_ARTICLE}{stem}{suffix}"));
                }
                // A pronoun never follows ال; a plural in ات with one is never a verb.
                if indefinite && (long_stem || *construct == "ات") {
                    // مسؤوليّ: the pronoun ي merges with a construct ending in ي (or و).
                    let pronouns = PRONOUN_SUFFIXES
                        .iter()
                        .filter(|p| **p != "ي" || *construct == "ات");
                    for pronoun in pronouns {
                        stems.push(format!("{stem}{construct}{pronoun}"));
                    }
                }
            }
            for suffix in PRONOUN_SUFFIXES {
                stems.push(format!("{stem}{pronoun_joint}{suffix}"));
            }
        }
    }
    let mut forms = Vec::with_capacity(stems.len() + 2);
    for stem in stems {
        match fused_with_lam(&stem) {
            Some(fused) => {
                forms.push((fused.to_string(), Proclitics::FusedLam));
                forms.push((stem, Proclitics::NotLam));
            }
            None => forms.push((stem, Proclitics::Any)),
        }
    }
    forms
}

/// What a form that starts with ال becomes after the preposition ل: the alef drops
/// (للكرملين), and so does the article's lam before a word that starts with ل (لليرة, not
/// لللّيرة). None for a form without ال.
fn fused_with_lam(stem: &str) -> Option<&str> {
    let after_article = stem.strip_prefix(DEFINITE_ARTICLE)?;
    Some(if after_article.starts_with('ل') {
        after_article
    } else {
        &stem['ا'.len_utf8()..]
    })
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
            except: Vec::new(),
        }]);
        matcher
            .find(text)
            .matches
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
    fn an_article_before_lam_loses_its_lam_too_after_lam() {
        // The text as normalised: ة folded to ه.
        let text = "لليره وللجنه لالليره للليره";
        assert_eq!(surfaces("الليرة", false, text), ["لليره"]);
        assert_eq!(surfaces("اللجنة", true, text), ["وللجنه"]);
    }

    #[test]
    fn construct_plurals_take_pronouns_on_long_stems_only() {
        let text = "مسؤوليها مسؤولوهم مسؤولاه مسؤوليي عقوباتهم عقوبتيه";
        assert_eq!(
            surfaces("مسؤول", true, text),
            ["مسؤوليها", "مسؤولوهم", "مسؤولاه"]
        );
        assert_eq!(surfaces("عقوبة", true, text), ["عقوباتهم", "عقوبتيه"]);
        // On three letters these are verbs: they killed them, the two killed him.
        assert_eq!(surfaces("قتل", true, "قتلوهم قتلاه قتلاتهم"), ["قتلاتهم"]);
    }

    #[test]
    fn an_exception_removes_the_mentions_inside_it_and_counts_them() {
        let entries = [
            MatchEntry {
                forms: vec!["كيم جونغ أون".into(), "كيم".into()],
                is_noun: false,
                except: vec!["كيم إيل سونغ".into(), "كيم يو جونغ".into()],
            },
            MatchEntry {
                forms: vec!["يو جونغ".into()],
                is_noun: false,
                except: Vec::new(),
            },
        ];
        let text = "قال كيم ان جده وكيم ايل سونغ واخته كيم يو جونغ";
        let found = Matcher::new(&entries).find(text);
        let surfaces: Vec<(usize, &str)> = found
            .matches
            .iter()
            .map(|m| (m.entry, &text[m.start..m.end]))
            .collect();
        // The exception frees the words it held for another entry.
        assert_eq!(surfaces, [(0, "كيم"), (1, "يو جونغ")]);
        assert_eq!(
            found.excepted,
            [
                Excepted {
                    entry: 0,
                    phrase: 0
                },
                Excepted {
                    entry: 0,
                    phrase: 1
                }
            ]
        );
    }

    #[test]
    fn an_exception_of_one_entry_is_another_entrys_form() {
        let entries = [
            MatchEntry {
                forms: vec!["كيم".into()],
                is_noun: false,
                except: vec!["كيم إيل سونغ".into()],
            },
            MatchEntry {
                forms: vec!["كيم إيل سونغ".into()],
                is_noun: false,
                except: Vec::new(),
            },
        ];
        let text = "كيم ايل سونغ ثم كيم";
        let found = Matcher::new(&entries).find(text);
        let entries: Vec<usize> = found.matches.iter().map(|m| m.entry).collect();
        assert_eq!(entries, [1, 0]);
        // The longer entry would have won anyway: the exception removed nothing.
        assert!(found.excepted.is_empty());
    }

    #[test]
    fn short_words_match_only_as_written() {
        assert_eq!(surfaces("قم", false, "قم وقم"), ["قم"]);
    }
}
