//! Stage 3: find glossary terms and note anchors in each article's text and mark them.

use crate::arabic::dates::with_digits;
use crate::arabic::matcher::{select_leftmost_longest, Matcher, TermMatch};
use crate::arabic::{normalize, normalize_phrase, Normalized};
use crate::diagnostics::{Diagnostic, DiagnosticKind, Diagnostics};
use crate::model::{Article, DigitStyle, GlossaryEntry, GlossaryMark, Note, RawHtml};
use crate::pipeline::markdown::{self, Annotator, Heading, LinkRef, Span};
use crate::pipeline::render::Marks;
use anchor::{choose, Anchor, NoteText, Unresolved};
pub use exceptions::{exception_report, ExceptionUse};
use glossary::match_entries;
pub use glossary::{validate_entries, Glossary};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;
pub use suggest::{suggest_note, Selection, Suggestion, Unanchorable};

mod anchor;
mod exceptions;
mod glossary;
mod suggest;

/// An entry an article mentions; an article's terms are in the order of their first mention.
#[derive(Debug, Clone)]
pub struct TermUse {
    pub entry: Arc<GlossaryEntry>,
    /// False for an entry the article defines for itself: it has no page of its own.
    pub has_page: bool,
}

/// A note that was anchored, with its rendered body and its number: notes are numbered by
/// themselves, 1, 2, 3 in reading order (terms take no number).
#[derive(Debug, Clone)]
pub struct NoteUse {
    pub n: usize,
    pub quote: String,
    pub body_html: crate::pipeline::links::UnresolvedHtml,
    /// Links in the note's body, as in `Rendered::links`.
    pub links: Vec<crate::pipeline::markdown::LinkRef>,
    /// The note's body as written, to find its links in the file for messages.
    pub body_source: String,
}

/// The first mention of an entry in an article: the sentence around it, the mention marked.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Shared with the glossary: indexes by entry id read one copy of each id.
    pub entry: Arc<GlossaryEntry>,
    /// The place in the site's glossary of the entry of this id, if it has one (an article's
    /// own entry may share a site entry's id): indexes of the whole site's mentions count them
    /// by place, without reading each entry's id.
    pub site_entry: Option<usize>,
    pub excerpt_html: String,
}

impl PartialEq for Mention {
    fn eq(&self, other: &Mention) -> bool {
        self.entry.id == other.entry.id && self.excerpt_html == other.excerpt_html
    }
}

/// An article's body rendered and annotated.
#[derive(Debug, Clone)]
pub struct AnnotatedArticle {
    pub html: crate::pipeline::links::UnresolvedHtml,
    pub headings: Vec<Heading>,
    /// Links in the body, as in `Rendered::links`.
    pub links: Vec<crate::pipeline::markdown::LinkRef>,
    pub malformed_links: Vec<std::ops::Range<usize>>,
    /// The body's text without markup, for search.
    pub text: Arc<str>,
    pub terms: Vec<TermUse>,
    pub notes: Vec<NoteUse>,
    pub mentions: Vec<Mention>,
    /// The exceptions that removed mentions here, by glossary, entry and phrase.
    pub exceptions: Vec<ExceptionUse>,
}

impl AnnotatedArticle {
    /// Whether `other`, the same article's body after an edit, is the same to the site's index:
    /// the same headings to link to, links leading to the same places (wherever they are
    /// written) in the body and in each note in reading order (the index holds the notes'
    /// targets in that order, and moving passages reorders them), and mentions of the same
    /// entries in the same order (the index finds their sentences in the body it is given).
    pub fn same_to_the_index(&self, other: &AnnotatedArticle) -> bool {
        let same_links = |a: &[LinkRef], b: &[LinkRef]| {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|(a, b)| a.target == b.target && a.is_image == b.is_image)
        };
        self.headings == other.headings
            && same_links(&self.links, &other.links)
            // The site's links are checked with the site's index: a stray `[[` is an error.
            && other.malformed_links.is_empty()
            && self.notes.len() == other.notes.len()
            && self
                .notes
                .iter()
                .zip(&other.notes)
                .all(|(a, b)| same_links(&a.links, &b.links))
            && self.mentions.len() == other.mentions.len()
            && self
                .mentions
                .iter()
                .zip(&other.mentions)
                .all(|(a, b)| a.entry.id == b.entry.id && a.site_entry == b.site_entry)
    }
}

/// Renders and annotates one article, marking mentions and notes with `marks` (with none
/// where the templates have errors: the article is checked, not published).
pub fn annotate_article(
    article: &Article,
    glossary: &Glossary,
    marks: Option<&Marks>,
    mark: GlossaryMark,
    raw_html: RawHtml,
    digits: DigitStyle,
) -> Result<AnnotatedArticle, Diagnostics> {
    let local = LocalGlossary::new(article, glossary)?;
    let mut annotator = ArticleAnnotator {
        article,
        glossary,
        local: local.as_ref(),
        marks,
        mark,
        raw_html,
        digits,
        terms: Vec::new(),
        notes: Vec::new(),
        mentions: Vec::new(),
        excepted: HashMap::default(),
        problems: Diagnostics::default(),
    };
    let rendered = markdown::render(&article.body, raw_html, digits, Some(&mut annotator));
    if annotator.problems.has_errors() {
        return Err(annotator.problems);
    }
    let mut excepted: Vec<((Source, usize, usize), usize)> =
        annotator.excepted.iter().map(|(&k, &n)| (k, n)).collect();
    excepted.sort_unstable();
    let exceptions = excepted
        .into_iter()
        .map(|((source, entry, phrase), removed)| ExceptionUse {
            entry: annotator.entry(source, entry).clone(),
            source,
            phrase,
            removed,
        })
        .collect();
    Ok(AnnotatedArticle {
        html: rendered.html,
        headings: rendered.headings,
        links: rendered.links,
        malformed_links: rendered.malformed_links,
        text: rendered.text.into(),
        terms: annotator.terms,
        notes: annotator.notes,
        mentions: annotator.mentions,
        exceptions,
    })
}

/// Entries an article defines in its front matter, and the site entries they replace.
struct LocalGlossary {
    entries: Vec<Arc<GlossaryEntry>>,
    matcher: Matcher,
    overridden: HashSet<usize>,
}

impl LocalGlossary {
    fn new(article: &Article, site: &Glossary) -> Result<Option<LocalGlossary>, Diagnostics> {
        if article.front.glossary.is_empty() {
            return Ok(None);
        }
        let site_ids: Vec<&str> = site.entries.iter().map(|e| e.id.as_str()).collect();
        let problems = validate_entries(
            &article.front.glossary,
            &site_ids,
            &article.path,
            &article.source_text,
        );
        if problems.has_errors() {
            return Err(problems);
        }
        let entries: Vec<Arc<GlossaryEntry>> = article
            .front
            .glossary
            .iter()
            .cloned()
            .map(Arc::new)
            .collect();
        let overridden = entries
            .iter()
            .filter_map(|e| site.by_id.get(e.id.as_str()).copied())
            .collect();
        let matcher = Matcher::new(&match_entries(entries.iter().map(|e| &**e)));
        Ok(Some(LocalGlossary {
            entries,
            matcher,
            overridden,
        }))
    }
}

/// Which glossary a match came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    Site,
    Local,
}

struct ArticleAnnotator<'a> {
    article: &'a Article,
    glossary: &'a Glossary,
    local: Option<&'a LocalGlossary>,
    marks: Option<&'a Marks>,
    mark: GlossaryMark,
    raw_html: RawHtml,
    /// How note numbers are written where a reader sees them.
    digits: DigitStyle,
    terms: Vec<TermUse>,
    notes: Vec<NoteUse>,
    mentions: Vec<Mention>,
    /// Mentions removed by exceptions: (glossary, entry, phrase) → how many.
    excepted: HashMap<(Source, usize, usize), usize>,
    problems: Diagnostics,
}

impl ArticleAnnotator<'_> {
    fn entry(&self, source: Source, index: usize) -> &Arc<GlossaryEntry> {
        match source {
            Source::Site => &self.glossary.entries[index],
            Source::Local => {
                &self
                    .local
                    .expect("local matches need a local glossary")
                    .entries[index]
            }
        }
    }

    /// Term matches of one chunk, the article's own entries merged with the site's; the
    /// mentions exceptions removed are counted.
    fn find_terms(&mut self, normalized: &str) -> Vec<(Source, TermMatch)> {
        let site = self.glossary.matcher.find(normalized);
        let local = self.local;
        let overridden = |entry: &usize| local.is_some_and(|l| l.overridden.contains(entry));
        for excepted in site.excepted.iter().filter(|e| !overridden(&e.entry)) {
            *self
                .excepted
                .entry((Source::Site, excepted.entry, excepted.phrase))
                .or_default() += 1;
        }
        let Some(local) = local else {
            return site
                .matches
                .into_iter()
                .map(|m| (Source::Site, m))
                .collect();
        };
        let mut all = site.matches;
        all.retain(|m| !local.overridden.contains(&m.entry));
        let own = local.matcher.find(normalized);
        for excepted in &own.excepted {
            *self
                .excepted
                .entry((Source::Local, excepted.entry, excepted.phrase))
                .or_default() += 1;
        }
        // Tag local matches by shifting their entry index past the site's, then split again.
        let offset = self.glossary.entries.len();
        all.extend(own.matches.into_iter().map(|m| TermMatch {
            entry: m.entry + offset,
            ..m
        }));
        select_leftmost_longest(all)
            .into_iter()
            .map(|m| {
                if m.entry >= offset {
                    (
                        Source::Local,
                        TermMatch {
                            entry: m.entry - offset,
                            ..m
                        },
                    )
                } else {
                    (Source::Site, m)
                }
            })
            .collect()
    }

    /// Finds the passage each note quotes; reports notes that match nothing or too much.
    fn anchor_notes(&mut self, chunks: &[&str], normalized: &[Normalized]) -> Vec<Option<Anchor>> {
        let text = NoteText::new(normalized);
        let notes: &[Note] = &self.article.front.notes;
        let mut anchors = Vec::with_capacity(notes.len());
        for note in notes {
            let quote = normalize_phrase(&note.quote);
            if quote.is_empty() {
                self.note_error(
                    DiagnosticKind::EmptyQuote,
                    note,
                    "the note's quote is empty",
                    "copy the passage the note explains into `quote:`".to_string(),
                );
                anchors.push(None);
                continue;
            }
            let phrase = |part: &Option<String>| part.as_deref().map(normalize_phrase);
            let found = text.find(
                &quote,
                &phrase(&note.prefix).unwrap_or_default(),
                &phrase(&note.suffix).unwrap_or_default(),
            );
            let chosen = match choose(&found, note.occurrence) {
                Ok(anchor) => Some(anchor),
                Err(Unresolved::NotFound) => {
                    let hint = match closest_passage(chunks, normalized, &quote) {
                        Some(passage) => {
                            format!("the closest passage in the text is \"{passage}\"")
                        }
                        None => "copy the passage from the article's text exactly".to_string(),
                    };
                    self.note_error(
                        DiagnosticKind::NoteNotFound,
                        note,
                        format!(
                            "the note's quote \"{}\" is not in the text",
                            note.quote.trim()
                        ),
                        hint,
                    );
                    None
                }
                Err(Unresolved::OutOfRange { occurrence, count }) => {
                    self.note_error(
                        DiagnosticKind::OccurrenceOutOfRange,
                        note,
                        format!("`occurrence: {occurrence}` but the quote appears {count} time(s)"),
                        format!("use a number from 1 to {count}"),
                    );
                    None
                }
                Err(Unresolved::Ambiguous { count }) => {
                    self.note_error(DiagnosticKind::AmbiguousQuote, note,
                        format!("the note's quote \"{}\" appears {count} times in the text", note.quote.trim()),
                        "add `occurrence: N`, or `prefix:`/`suffix:` with the words just before or after it".to_string());
                    None
                }
            };
            anchors.push(chosen);
        }
        anchors
    }

    fn note_error(
        &mut self,
        kind: DiagnosticKind,
        note: &Note,
        message: impl Into<String>,
        hint: String,
    ) {
        let text = &*self.article.source_text;
        let diagnostic = Diagnostic::error(kind, &self.article.path, message)
            .with_hint(hint)
            .at_span(text, note.quote.span);
        self.problems.push(diagnostic);
    }
}

/// The span of text, as written, most like `quote`: a hint for a mistyped note.
fn closest_passage(chunks: &[&str], normalized: &[Normalized], quote: &str) -> Option<String> {
    let words = quote.split(' ').count();
    let mut best: Option<(f64, String)> = None;
    for (chunk, n) in chunks.iter().zip(normalized) {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(n.text.match_indices(' ').map(|(i, _)| i + 1))
            .collect();
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + words).map_or(n.text.len(), |&s| s - 1);
            if end <= start {
                continue;
            }
            let score = strsim::normalized_levenshtein(&n.text[start..end], quote);
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                let range = n.original_range(start, end);
                best = Some((score, chunk[range].trim().to_string()));
            }
        }
    }
    best.filter(|(score, _)| *score > 0.4)
        .map(|(_, passage)| passage)
}

impl Annotator for ArticleAnnotator<'_> {
    fn annotate(&mut self, chunks: &[&str]) -> Vec<Vec<Span>> {
        let normalized: Vec<Normalized> = chunks.iter().map(|c| normalize(c)).collect();
        let anchors = self.anchor_notes(chunks, &normalized);
        // Entries already mentioned; notes are numbered as they come, in reading order.
        let mut seen: HashSet<(Source, usize)> = HashSet::default();
        let mut next_note = 1;
        let mut all_spans = Vec::with_capacity(chunks.len());
        for (index, (chunk, n)) in chunks.iter().zip(&normalized).enumerate() {
            let mut terms: Vec<(Source, TermMatch)> = self.find_terms(&n.text);
            if self.mark == GlossaryMark::First {
                let mut here = HashSet::default();
                terms.retain(|&(source, m)| {
                    !seen.contains(&(source, m.entry)) && here.insert((source, m.entry))
                });
            }
            // Notes anchored in this chunk, widened so that no term straddles their edges.
            let mut notes: Vec<(usize, usize, usize)> = anchors
                .iter()
                .enumerate()
                .filter_map(|(i, a)| a.filter(|a| a.chunk == index).map(|a| (i, a.start, a.end)))
                .collect();
            for note in &mut notes {
                for (_, term) in &terms {
                    if term.start < note.2 && term.end > note.1 {
                        note.1 = note.1.min(term.start);
                        note.2 = note.2.max(term.end);
                    }
                }
            }
            notes.sort_by_key(|&(i, start, _)| (start, i));
            for pair in notes.windows(2) {
                if pair[1].1 < pair[0].2 {
                    let note = &self.article.front.notes[pair[1].0];
                    let first = pair[0].0 + 1;
                    self.note_error(
                        DiagnosticKind::OverlappingNotes,
                        note,
                        format!("this note's passage overlaps note {first}'s"),
                        "anchor the two notes to passages that do not overlap".to_string(),
                    );
                }
            }

            let mut spans = Vec::with_capacity(notes.len() + terms.len());
            for &(note_index, start, end) in &notes {
                let note = &self.article.front.notes[note_index];
                let number = next_note;
                next_note += 1;
                let body = markdown::render(&note.body, self.raw_html, self.digits, None);
                self.notes.push(NoteUse {
                    n: number,
                    quote: note.quote.trim().to_string(),
                    body_html: body.html,
                    links: body.links,
                    body_source: note.body.clone(),
                });
                let range = n.original_range(start, end);
                let (open, close) = self.marks.map_or_else(Default::default, |marks| {
                    marks.note(number, &with_digits(&number.to_string(), self.digits))
                });
                spans.push((
                    Span {
                        start: range.start,
                        end: range.end,
                        open,
                        close,
                    },
                    false,
                ));
            }
            for &(source, m) in &terms {
                let range = n.original_range(m.start, m.end);
                if seen.insert((source, m.entry)) {
                    // Cloned only here: the entries are shared by every thread of the build.
                    let entry = self.entry(source, m.entry).clone();
                    let site_entry = match source {
                        Source::Site => Some(m.entry),
                        Source::Local => self.glossary.position(&entry.id),
                    };
                    self.terms.push(TermUse {
                        entry: entry.clone(),
                        has_page: site_entry.is_some(),
                    });
                    self.mentions.push(Mention {
                        entry,
                        site_entry,
                        excerpt_html: excerpt(chunk, range.clone()),
                    });
                }
                let id = &self.entry(source, m.entry).id;
                let (open, close) = self
                    .marks
                    .map_or_else(Default::default, |marks| marks.term(id));
                spans.push((
                    Span {
                        start: range.start,
                        end: range.end,
                        open,
                        close,
                    },
                    true,
                ));
            }
            // Outer spans first where two start together; a note wraps a term of the same span.
            spans.sort_by(|(a, a_is_term), (b, b_is_term)| {
                a.start
                    .cmp(&b.start)
                    .then(b.end.cmp(&a.end))
                    .then(a_is_term.cmp(b_is_term))
            });
            all_spans.push(spans.into_iter().map(|(span, _)| span).collect());
        }
        all_spans
    }
}

/// The sentence of `text` around `range`, escaped, with the mention in `<mark>`; a long
/// sentence is cut to `EXCERPT_WORDS` words either side of the mention, the cut shown by `…`.
fn excerpt(text: &str, range: std::ops::Range<usize>) -> String {
    // Scanned as bytes: every first mention of an entry in every article takes an excerpt.
    let bytes = text.as_bytes();
    let start = (0..range.start)
        .rev()
        .find(|&i| ends_sentence(bytes, i))
        .map_or(0, |i| i + 1);
    let end = (range.end..bytes.len())
        .find(|&i| ends_sentence(bytes, i))
        .map_or(text.len(), |i| i + 1);
    let before = text[start..range.start].trim_start();
    let after = text[range.end..end].trim_end();
    // The byte where the last EXCERPT_WORDS words before the mention begin, and where the first
    // EXCERPT_WORDS words after it end.
    let cut_before = before
        .char_indices()
        .rev()
        .filter(|&(_, c)| is_space(c))
        .nth(EXCERPT_WORDS)
        .map(|(i, c)| i + c.len_utf8());
    let cut_after = after
        .char_indices()
        .filter(|&(_, c)| is_space(c))
        .nth(EXCERPT_WORDS)
        .map(|(i, _)| i);
    let mut html = String::with_capacity(before.len() + after.len() + range.len() + 32);
    match cut_before {
        Some(at) => {
            html.push('…');
            html.push_str(&html_escape(&before[at..]));
        }
        None => html.push_str(&html_escape(before)),
    }
    html.push_str("<mark>");
    html.push_str(&html_escape(&text[range]));
    html.push_str("</mark>");
    match cut_after {
        Some(at) => {
            html.push_str(&html_escape(&after[..at]));
            html.push('…');
        }
        None => html.push_str(&html_escape(after)),
    }
    html
}

/// Whether byte `i` of `text` is the last byte of a character that ends a sentence: `.`, `?`,
/// `!`, a line break, or the Arabic question mark or semicolon (`؟` is D8 9F, `؛` D8 9B).
fn ends_sentence(text: &[u8], i: usize) -> bool {
    match text[i] {
        b'.' | b'?' | b'!' | b'\n' => true,
        0x9F | 0x9B => i > 0 && text[i - 1] == 0xD8,
        _ => false,
    }
}

/// `char::is_whitespace`, without its table lookup for the Arabic letters.
fn is_space(c: char) -> bool {
    !('\u{0600}'..='\u{06FF}').contains(&c) && c.is_whitespace()
}

/// How many words an excerpt keeps either side of its mention.
const EXCERPT_WORDS: usize = 12;

pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut plain = 0;
    // The five characters are ASCII: a byte scan finds them, and the text between them is
    // copied whole.
    for (i, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[plain..i]);
        out.push_str(escaped);
        plain = i + 1;
    }
    out.push_str(&text[plain..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_the_sentence_cut_to_twelve_words_either_side() {
        let short = "جملة أولى. التقى بوتين كيم في فلاديفوستوك. جملة ثالثة.";
        let at = short.find("كيم").unwrap();
        assert_eq!(
            excerpt(short, at..at + "كيم".len()),
            "التقى بوتين <mark>كيم</mark> في فلاديفوستوك."
        );
        // The Arabic question mark and semicolon end sentences too.
        let arabic = "هل التقيا؟ التقى بوتين كيم؛ ثم عاد.";
        let at = arabic.find("كيم").unwrap();
        assert_eq!(
            excerpt(arabic, at..at + "كيم".len()),
            "التقى بوتين <mark>كيم</mark>؛"
        );
        let words = |n: usize, w: &str| vec![w; n].join(" ");
        let long = format!("{} كيم {} <نهاية>.", words(40, "قبل"), words(40, "بعد"));
        let at = long.find("كيم").unwrap();
        let cut = excerpt(&long, at..at + "كيم".len());
        assert_eq!(
            cut,
            format!(
                "…{} <mark>كيم</mark> {}…",
                words(12, "قبل"),
                words(12, "بعد")
            )
        );
    }

    #[test]
    fn html_escape_escapes_the_five_characters_and_keeps_the_rest() {
        assert_eq!(
            html_escape(r#"<a href="x">'بوتين' & كيم</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;بوتين&#39; &amp; كيم&lt;/a&gt;"
        );
        assert_eq!(html_escape("بلا رموز"), "بلا رموز");
    }
}
