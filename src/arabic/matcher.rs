//! The glossary matcher. Every written form of every entry (and, for nouns, its forms with ال
//! and with suffixes) is indexed by its first word, with the phrases in which an entry's forms
//! are not a mention (its exceptions). A mention is made of whole words, so a text is searched
//! word by word: each word, and the word without the proclitics it may carry, is looked up in
//! that index, and only the few forms found there are compared with the text. The proclitics
//! are not indexed: a match checks the letters that precede it in its word. One pass over a
//! text costs about the same whatever the glossary's size, and the index is built in a few
//! milliseconds even for 10,000 entries (an automaton of their 120,000 forms took 300 ms to
//! build and, being too large for the processor's caches, made every search slower).

use super::normalize::{is_word_char, normalize_phrase};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashSet;
use std::ops::Range;

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

#[derive(Debug, Clone)]
struct Pattern {
    /// The normalised form.
    text: Box<str>,
    target: Target,
    proclitics: Proclitics,
}

pub struct Matcher {
    /// Grouped by first word, so that the patterns of one first word are a range.
    patterns: Vec<Pattern>,
    /// The range of `patterns` that begin with each word.
    by_first_word: FxHashMap<Box<str>, Range<usize>>,
    /// The range of `patterns` that begin with each character that is not a letter or digit.
    by_first_mark: FxHashMap<char, Range<usize>>,
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
        let mut forms: FxHashMap<(String, Proclitics), usize> = FxHashMap::default();
        let mut exceptions: FxHashSet<(String, Proclitics, usize, usize)> = FxHashSet::default();
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
        let count = forms.len() + exceptions.len();
        let all = forms
            .into_iter()
            .map(|((form, proclitics), entry)| (form, proclitics, Target::Form { entry }))
            .chain(
                exceptions
                    .into_iter()
                    .map(|(form, proclitics, entry, phrase)| {
                        (form, proclitics, Target::Exception { entry, phrase })
                    }),
            );
        // Grouped by first word, or by first character for a form that begins with a mark.
        // (The order of the groups and within them does not change what `find` returns.)
        let mut by_word: FxHashMap<Box<str>, Vec<Pattern>> = FxHashMap::default();
        let mut by_mark: FxHashMap<char, Vec<Pattern>> = FxHashMap::default();
        for (form, proclitics, target) in all {
            let pattern = Pattern {
                text: form.into_boxed_str(),
                target,
                proclitics,
            };
            let word_len = first_word(&pattern.text).len();
            if word_len == 0 {
                let mark = pattern.text.chars().next().expect("forms are not empty");
                by_mark.entry(mark).or_default().push(pattern);
            } else if let Some(group) = by_word.get_mut(&pattern.text[..word_len]) {
                group.push(pattern);
            } else {
                by_word.insert(pattern.text[..word_len].into(), vec![pattern]);
            }
        }
        let mut patterns = Vec::with_capacity(count);
        let mut place = |group: Vec<Pattern>| {
            let start = patterns.len();
            patterns.extend(group);
            start..patterns.len()
        };
        let by_first_word = by_word
            .into_iter()
            .map(|(word, group)| (word, place(group)))
            .collect();
        let by_first_mark = by_mark
            .into_iter()
            .map(|(mark, group)| (mark, place(group)))
            .collect();
        Matcher {
            patterns,
            by_first_word,
            by_first_mark,
        }
    }

    /// Every whole-word occurrence in `normalized`, leftmost-longest and non-overlapping, but
    /// none of an entry inside an occurrence of one of its exceptions.
    pub fn find(&self, normalized: &str) -> Found {
        let mut candidates = Vec::new();
        // (entry, phrase, start, end) of each exception phrase found.
        let mut exceptions: Vec<(usize, usize, usize, usize)> = Vec::new();
        for found in self.occurrences(normalized) {
            match self.patterns[found.pattern].target {
                Target::Form { entry } => candidates.push(TermMatch {
                    entry,
                    start: found.start,
                    end: found.end,
                    prefix_letters: found.prefix_letters,
                }),
                Target::Exception { entry, phrase } => {
                    exceptions.push((entry, phrase, found.start, found.end))
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

    /// Every whole-word occurrence of every pattern in `normalized`, overlapping, with the
    /// proclitics its rule allows before it.
    fn occurrences(&self, normalized: &str) -> Vec<Occurrence> {
        let mut occurrences = Vec::new();
        if self.patterns.is_empty() {
            return occurrences;
        }
        let mut compare = |word_start: usize, start: usize, patterns: Range<usize>| {
            for (index, pattern) in self.patterns[patterns.clone()].iter().enumerate() {
                let end = start + pattern.text.len();
                if !normalized[start..].starts_with(&*pattern.text)
                    || normalized[end..].chars().next().is_some_and(is_word_char)
                {
                    continue;
                }
                if let Some(prefix_letters) =
                    allowed_prefix(&normalized[word_start..start], pattern.proclitics)
                {
                    occurrences.push(Occurrence {
                        pattern: patterns.start + index,
                        start: word_start,
                        end,
                        prefix_letters,
                    });
                }
            }
        };
        let mut word_start = None;
        for (at, c) in normalized.char_indices() {
            if is_word_char(c) {
                word_start.get_or_insert(at);
                continue;
            }
            if let Some(start) = word_start.take() {
                self.look_up_word(normalized, start..at, &mut compare);
            }
            if let Some(patterns) = self.by_first_mark.get(&c) {
                let before = word_prefix(normalized, at);
                compare(at - before.len(), at, patterns.clone());
            }
        }
        if let Some(start) = word_start {
            self.look_up_word(normalized, start..normalized.len(), &mut compare);
        }
        occurrences
    }

    /// Looks up the word at `word` of `text`, then the word after each proclitic it may
    /// begin with, and gives `compare` the patterns that begin with it.
    fn look_up_word(
        &self,
        text: &str,
        word: Range<usize>,
        compare: &mut impl FnMut(usize, usize, Range<usize>),
    ) {
        for after in proclitic_ends(&text[word.clone()]) {
            let start = word.start + after;
            if let Some(patterns) = self.by_first_word.get(&text[start..word.end]) {
                compare(word.start, start, patterns.clone());
            }
        }
    }
}

/// One occurrence of a pattern, in byte offsets of the normalised text, proclitics included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Occurrence {
    pattern: usize,
    start: usize,
    end: usize,
    prefix_letters: u8,
}

/// The letters of a form up to its first character that is not a letter or digit.
fn first_word(form: &str) -> &str {
    form.find(|c: char| !is_word_char(c))
        .map_or(form, |end| &form[..end])
}

/// The proclitics `word` begins with (و or ف, then ب، ك or ل), each with the byte where it
/// ends.
#[derive(Clone, Copy)]
struct LeadingProclitics {
    conjunction: Option<(char, usize)>,
    preposition: Option<(char, usize)>,
}

impl LeadingProclitics {
    fn of(word: &str) -> LeadingProclitics {
        let mut letters = word
            .char_indices()
            .map(|(i, c)| (c, i + c.len_utf8()))
            .peekable();
        let conjunction = letters.next_if(|&(c, _)| CONJUNCTIONS.contains(&c));
        let preposition = letters.next_if(|&(c, _)| PREPOSITIONS.contains(&c));
        LeadingProclitics {
            conjunction,
            preposition,
        }
    }

    /// Where each proclitic ends, in order.
    fn ends(self) -> impl Iterator<Item = usize> {
        [self.conjunction, self.preposition]
            .into_iter()
            .flatten()
            .map(|(_, end)| end)
    }
}

/// Where in `word` a form may begin: at 0, and after each letter of the proclitics the word
/// may begin with. Whether a form takes them is its own rule.
fn proclitic_ends(word: &str) -> impl Iterator<Item = usize> + '_ {
    // A form is at least one letter: a proclitic is never the whole word.
    std::iter::once(0)
        .chain(LeadingProclitics::of(word).ends())
        .filter(move |&end| end < word.len())
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
    let leading = LeadingProclitics::of(prefix);
    if leading.ends().last().unwrap_or(0) != prefix.len() {
        return None;
    }
    let count = leading.ends().count() as u8;
    let preposition = leading.preposition.map(|(c, _)| c);
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

    /// Every occurrence, found by trying every pattern at every character of the text.
    fn occurrences_by_brute_force(matcher: &Matcher, text: &str) -> Vec<Occurrence> {
        let mut found = Vec::new();
        for (start, _) in text.char_indices() {
            for (pattern, p) in matcher.patterns.iter().enumerate() {
                let end = start + p.text.len();
                if !text[start..].starts_with(&*p.text)
                    || text[end..].chars().next().is_some_and(is_word_char)
                {
                    continue;
                }
                let prefix = word_prefix(text, start);
                if let Some(prefix_letters) = allowed_prefix(prefix, p.proclitics) {
                    found.push(Occurrence {
                        pattern,
                        start: start - prefix.len(),
                        end,
                        prefix_letters,
                    });
                }
            }
        }
        found.sort();
        found
    }

    /// Entries of a few letters, and a text made of their forms (or other letters) behind
    /// proclitics and before suffixes, so that most cases hold occurrences.
    fn entries_and_text() -> impl proptest::strategy::Strategy<Value = (Vec<MatchEntry>, String)> {
        use proptest::prelude::*;
        let entry = (
            proptest::collection::vec("[-.]?(ال)?[وبكلارسه]{1,4}( [بكارسه٣]{1,3})?[.]?", 1..3),
            any::<bool>(),
            proptest::collection::vec("[وبارس]{1,3} [ارسه]{1,3}", 0..2),
        )
            .prop_map(|(forms, is_noun, except)| MatchEntry {
                forms,
                is_noun,
                except,
            });
        proptest::collection::vec(entry, 1..5).prop_flat_map(|entries| {
            let written: Vec<String> = entries
                .iter()
                .flat_map(|e| e.forms.iter().chain(&e.except).cloned())
                .collect();
            let word = (
                "(و|ف|ب|ل|وب|فل|ك|ال|س)?",
                prop_oneof![proptest::sample::select(written), "[وبلارس]{1,4}"],
                "(ات|ها|ين|ه|ي)?",
                "[ .-]{0,2}",
            )
                .prop_map(|(before, word, after, gap)| format!("{before}{word}{after}{gap}"));
            (
                Just(entries),
                proptest::collection::vec(word, 0..12).prop_map(|words| words.concat()),
            )
        })
    }

    proptest::proptest! {
        /// Looking words up finds exactly what comparing every pattern everywhere finds:
        /// proclitics, multi-word forms, forms that begin or end with a mark, exceptions.
        #[test]
        fn the_word_index_finds_every_occurrence((entries, written) in entries_and_text()) {
            let text = crate::arabic::normalize(&written).text;
            let matcher = Matcher::new(&entries);
            let mut fast = matcher.occurrences(&text);
            fast.sort();
            proptest::prop_assert_eq!(fast, occurrences_by_brute_force(&matcher, &text));
        }
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
