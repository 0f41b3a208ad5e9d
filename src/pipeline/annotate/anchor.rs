//! How a note's `quote`, `prefix`, `suffix` and `occurrence` name a passage of an article's
//! text: the one reading shared by the build and by the preview's note writer.

use crate::arabic::{is_word_char, Normalized};

/// A passage a note is anchored to: chunk index and normalised byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Anchor {
    pub chunk: usize,
    pub start: usize,
    pub end: usize,
}

/// A place where a quote was found: the passage, grown to whole words, and where the quote
/// itself lies in the joined text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub anchor: Anchor,
    pub matched: std::ops::Range<usize>,
}

/// The text notes are found in: the normalised chunks joined by spaces, so that a prefix or
/// suffix may reach into the chunk before or after, while a quote lies in one chunk.
pub(crate) struct NoteText<'a> {
    pub normalized: &'a [Normalized],
    pub joined: String,
    chunk_starts: Vec<usize>,
}

impl<'a> NoteText<'a> {
    pub fn new(normalized: &'a [Normalized]) -> NoteText<'a> {
        let joined = normalized
            .iter()
            .map(|n| n.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let mut chunk_starts = Vec::with_capacity(normalized.len());
        let mut position = 0;
        for n in normalized {
            chunk_starts.push(position);
            position += n.text.len() + 1;
        }
        NoteText {
            normalized,
            joined,
            chunk_starts,
        }
    }

    /// Every passage where `quote` is written with `prefix` just before it and `suffix` just
    /// after (all three normalised; empty ones match anything), in reading order.
    pub fn find(&self, quote: &str, prefix: &str, suffix: &str) -> Vec<Found> {
        let mut found = Vec::new();
        if quote.is_empty() {
            return found;
        }
        // One searcher for every chunk: building it costs as much as a search of a paragraph.
        let finder = memchr::memmem::Finder::new(quote.as_bytes());
        for (chunk, n) in self.normalized.iter().enumerate() {
            let mut from = 0;
            // A match of UTF-8 in UTF-8 starts and ends on character boundaries.
            while let Some(at) = finder.find(&n.text.as_bytes()[from..]) {
                let start = from + at;
                let end = start + quote.len();
                let global = self.chunk_starts[chunk] + start;
                let before_ok = self.joined[..global].trim_end().ends_with(prefix);
                let after_ok = self.joined[global + quote.len()..]
                    .trim_start()
                    .starts_with(suffix);
                if before_ok && after_ok {
                    // A mark that cut a word would break the joining of Arabic letters:
                    // the anchor grows to whole words (a quote without its و, say).
                    let (start, end) = widen_to_words(&n.text, start, end);
                    found.push(Found {
                        anchor: Anchor { chunk, start, end },
                        matched: global..global + quote.len(),
                    });
                }
                from = start + n.text[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
        found
    }
}

/// Why a note's selector names no single passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unresolved {
    NotFound,
    /// `occurrence` is 0 or past the number of passages found.
    OutOfRange {
        occurrence: usize,
        count: usize,
    },
    /// Several passages and no `occurrence` to choose between them.
    Ambiguous {
        count: usize,
    },
}

/// The passage `occurrence` (1-based) picks among those found, or the only one.
pub(crate) fn choose(found: &[Found], occurrence: Option<usize>) -> Result<Anchor, Unresolved> {
    match (occurrence, found.len()) {
        (_, 0) => Err(Unresolved::NotFound),
        (Some(occurrence), count) if occurrence == 0 || occurrence > count => {
            Err(Unresolved::OutOfRange { occurrence, count })
        }
        (Some(occurrence), _) => Ok(found[occurrence - 1].anchor),
        (None, 1) => Ok(found[0].anchor),
        (None, count) => Err(Unresolved::Ambiguous { count }),
    }
}

/// `start..end` grown to the nearest word boundaries of `text`.
fn widen_to_words(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    while let Some(c) = text[..start]
        .chars()
        .next_back()
        .filter(|&c| is_word_char(c))
    {
        start -= c.len_utf8();
    }
    while let Some(c) = text[end..].chars().next().filter(|&c| is_word_char(c)) {
        end += c.len_utf8();
    }
    (start, end)
}
