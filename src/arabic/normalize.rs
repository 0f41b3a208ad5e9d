//! Arabic-aware normalisation with a map back to the original text.
//!
//! Text and glossary terms go through the same function, so a match found in normalised text
//! can be mapped back to exactly the written words, diacritics and all.

use unicode_normalization::UnicodeNormalization;

/// Normalised text plus, for every byte of it, the byte offset in the original where the
/// character it came from starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    origin: Vec<u32>,
    /// Original offsets of the invisible controls removed (rare, so kept apart): a range
    /// mapped back ends before them, so that a mark around a name never holds the LRM or RLM
    /// written beside it.
    controls: Vec<u32>,
    original_len: usize,
}

impl Normalized {
    /// The original byte range that produced normalised bytes `start..end` (char boundaries of
    /// `self.text`). The range stretches over the diacritics that normalisation removed after
    /// the last kept character (a final vowel mark), so it covers the whole written word, but
    /// not over an invisible control there (a direction mark belongs to the text around).
    pub fn original_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let original_start = self.origin[start] as usize;
        let original_end = self.stretched_end(start, end);
        // The first control after the last kept character, if it is before the stretched end.
        let last_kept = self.origin[end.max(start + 1) - 1];
        let after = self.controls.partition_point(|&at| at <= last_kept);
        let original_end = match self.controls.get(after) {
            Some(&control) if (control as usize) < original_end => control as usize,
            _ => original_end,
        };
        original_start..original_end
    }

    /// The end of the original range, stretched over everything removed after `end`.
    fn stretched_end(&self, start: usize, end: usize) -> usize {
        if end >= self.text.len() {
            self.original_len
        } else if end > start && self.origin[end] == self.origin[end - 1] {
            // `end` splits the expansion of one original character (ﷲ → الله): keep it whole.
            self.next_origin_after(end)
        } else {
            self.origin[end] as usize
        }
    }

    fn next_origin_after(&self, index: usize) -> usize {
        let here = self.origin[index];
        self.origin[index..]
            .iter()
            .find(|&&o| o != here)
            .map_or(self.original_len, |&o| o as usize)
    }

    /// The original byte offset of normalised byte `index`.
    pub fn original_offset(&self, index: usize) -> usize {
        self.origin
            .get(index)
            .map_or(self.original_len, |&o| o as usize)
    }
}

/// Normalises `text` for matching: NFKC; Arabic diacritics, tatweel and invisible controls
/// removed; letter variants folded; Eastern digits made ASCII; whitespace runs made one space.
pub fn normalize(text: &str) -> Normalized {
    let out = fold_all(text, true);
    Normalized {
        text: out.text,
        origin: out.origin,
        controls: out.controls,
        original_len: text.len(),
    }
}

/// `normalize(text).text`, without the map back to the original: for text that is searched
/// but never marked (the search index).
pub fn normalize_text(text: &str) -> String {
    fold_all(text, false).text
}

/// `track`: whether to record where each normalised byte comes from.
fn fold_all(text: &str, track: bool) -> Output {
    let mut out = Output {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(if track { text.len() } else { 0 }),
        controls: Vec::new(),
        track,
        in_space: false,
        last_letter: None,
    };
    let arabic_block = &*ARABIC_BLOCK;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let lead = bytes[at];
        if lead < 0x80 {
            let c = char::from(lead);
            out.push(c, fold(c), at);
            at += 1;
        } else if (0xD8..=0xDB).contains(&lead) {
            // U+0600–U+06FF, two bytes: most of an Arabic text, looked up rather than decoded
            // and matched.
            let k = (usize::from(lead & 0x03) << 6) | usize::from(bytes[at + 1] & 0x3F);
            let (c, folded) = arabic_block[k];
            out.push(c, folded, at);
            at += 2;
        } else {
            let c = text[at..].chars().next().expect("at a character boundary");
            if needs_compatibility_form(c) {
                for d in std::iter::once(c).nfkc() {
                    out.push(d, fold(d), at);
                }
            } else {
                out.push(c, fold(c), at);
            }
            at += c.len_utf8();
        }
    }
    out
}

/// Each character of the Arabic block (U+0600–U+06FF) with what `fold` makes of it; none of
/// them has a compatibility form to take first.
static ARABIC_BLOCK: std::sync::LazyLock<[(char, Folded); 256]> = std::sync::LazyLock::new(|| {
    std::array::from_fn(|k| {
        let c = char::from_u32(0x600 + k as u32).expect("the Arabic block has no surrogates");
        debug_assert!(!needs_compatibility_form(c));
        (c, fold(c))
    })
});

struct Output {
    text: String,
    origin: Vec<u32>,
    controls: Vec<u32>,
    track: bool,
    in_space: bool,
    /// The last character kept, before folding: a following hamza may compose with it.
    last_letter: Option<char>,
}

impl Output {
    /// Adds `c`, written at byte `at` of the original, which `fold` makes `folded`.
    #[inline(always)]
    fn push(&mut self, c: char, folded: Folded, at: usize) {
        // NFKC composes و or ي with a following hamza above into ؤ or ئ; do the same, in place
        // (the composed letter has the same length, so the offset map holds).
        if c == HAMZA_ABOVE {
            let composed = match self.last_letter {
                Some('و') => Some('ؤ'),
                Some('ي') => Some('ئ'),
                _ => None,
            };
            if let Some(composed) = composed {
                self.text.pop();
                self.text.push(composed);
                self.last_letter = Some(composed);
                // A control between the letter and its hamza is inside the letter, which a
                // range mapped back keeps whole.
                let letter_at = self.origin.last().copied().unwrap_or(0);
                while self.controls.last().is_some_and(|&at| at > letter_at) {
                    self.controls.pop();
                }
                return;
            }
        }
        match folded {
            Folded::Removed => {}
            Folded::Control => {
                if self.track {
                    self.controls.push(at as u32);
                }
            }
            Folded::Space => {
                if !self.in_space {
                    self.keep(' ', at);
                    self.in_space = true;
                }
                self.last_letter = None;
            }
            Folded::Char(folded) => {
                self.keep(folded, at);
                self.in_space = false;
                self.last_letter = Some(c);
            }
        }
    }

    #[inline(always)]
    fn keep(&mut self, c: char, at: usize) {
        self.text.push(c);
        if self.track {
            let at = at as u32;
            match c.len_utf8() {
                1 => self.origin.push(at),
                2 => self.origin.extend_from_slice(&[at, at]),
                n => self.origin.extend(std::iter::repeat_n(at, n)),
            }
        }
    }
}

const HAMZA_ABOVE: char = '\u{0654}';

/// The normalised form of a glossary term or a quote: `normalize` with ends trimmed.
pub fn normalize_phrase(text: &str) -> String {
    normalize(text).text.trim().to_string()
}

#[derive(Clone, Copy)]
enum Folded {
    /// A diacritic or tatweel: part of the word it is written in.
    Removed,
    /// An invisible control: part of no word.
    Control,
    Space,
    Char(char),
}

/// Characters for which NFKC is not the identity; checked first so the common case (ASCII and
/// the basic Arabic block) never builds an iterator.
fn needs_compatibility_form(c: char) -> bool {
    let common = c.is_ascii() || ('\u{0600}'..='\u{06FF}').contains(&c);
    !common
        && unicode_normalization::is_nfkc_quick(std::iter::once(c))
            != unicode_normalization::IsNormalized::Yes
}

#[inline(always)]
fn fold(c: char) -> Folded {
    // The common cases first: ASCII, and the basic Arabic letters, which all but six keep.
    if c.is_ascii() {
        return if matches!(c, '\t'..='\r' | ' ') {
            Folded::Space
        } else {
            Folded::Char(c)
        };
    }
    if ('\u{0621}'..='\u{063A}').contains(&c) || ('\u{0641}'..='\u{064A}').contains(&c) {
        return match c {
            'آ' | 'أ' | 'إ' => Folded::Char('ا'),
            'ى' => Folded::Char('ي'),
            'ة' => Folded::Char('ه'),
            c => Folded::Char(c),
        };
    }
    match c {
        // Diacritics: Quranic marks, tanwin, harakat, shadda, sukun, other combining marks of
        // the Arabic block, superscript alef, Quranic annotation signs; and tatweel.
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}' => Folded::Removed,
        // Invisible controls: ZWSP, ZWNJ, ZWJ, LRM, RLM, ALM, bidi embeddings and isolates,
        // word joiner, soft hyphen, BOM.
        '\u{200B}'..='\u{200F}'
        | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{2060}'
        | '\u{00AD}'
        | '\u{FEFF}' => Folded::Control,
        'آ' | 'أ' | 'إ' | 'ٱ' => Folded::Char('ا'),
        'ى' | 'ی' | 'ے' => Folded::Char('ي'),
        'ة' | 'ہ' | 'ە' | 'ۀ' => Folded::Char('ه'),
        'ک' => Folded::Char('ك'),
        '٠'..='٩' => Folded::Char(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '۰'..='۹' => Folded::Char(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        c if c.is_whitespace() => Folded::Space,
        c => Folded::Char(c),
    }
}

/// Marks and controls that normalisation drops: they never end a word or make a slug.
pub fn is_ignorable(c: char) -> bool {
    matches!(fold(c), Folded::Removed | Folded::Control)
}

/// A letter or digit of any script: what a whole word is made of.
pub fn is_word_char(c: char) -> bool {
    // ASCII and the Arabic letters and digits first: the general lookup searches Unicode's
    // tables, and the matcher asks this of every character of every text.
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        _ if c.is_ascii() => false,
        // ء to ي, with the tatweel (a letter modifier); then ٠ to ٩.
        '\u{0621}'..='\u{064A}' | '\u{0660}'..='\u{0669}' => true,
        _ => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_characters_are_the_letters_and_digits_of_every_script() {
        let differ: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_word_char(c) != c.is_alphanumeric())
            .collect();
        assert!(differ.is_empty(), "{differ:?}");
    }

    #[test]
    fn folds_and_removes() {
        let cases = [
            ("أُوكْرَانِيَا", "اوكرانيا"),
            ("إيران", "ايران"),
            ("آسيا", "اسيا"),
            ("مدرسة", "مدرسه"),
            ("على", "علي"),
            ("كـــوريا", "كوريا"),
            ("فارسی", "فارسي"),
            ("کتاب", "كتاب"),
            ("٢٠١٩ و۱۴", "2019 و14"),
            ("روسيا\u{200C}\u{200F}", "روسيا"),
            ("كيم\u{00A0}جونغ \n  أون", "كيم جونغ اون"),
            ("\u{FEFB}", "لا"),
            ("الجزا\u{064A}\u{0654}ر", "الجزائر"),
            ("مو\u{0648}\u{0654}تمر", "موؤتمر"),
            ("ا\u{0654}وكرانيا", "اوكرانيا"),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize(input).text, expected, "{input}");
        }
    }

    #[test]
    fn maps_back_to_whole_written_words() {
        let text = "قال بُوتِينُ، ثم";
        let n = normalize(text);
        let start = n.text.find("بوتين").unwrap();
        let range = n.original_range(start, start + "بوتين".len());
        assert_eq!(&text[range], "بُوتِينُ");
    }

    #[test]
    fn maps_expansions_whole() {
        let text = "\u{FDF2} x";
        let n = normalize(text);
        assert_eq!(n.text, "الله x");
        assert_eq!(&text[n.original_range(0, 2)], "\u{FDF2}");
    }
}
