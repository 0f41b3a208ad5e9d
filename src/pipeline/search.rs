//! The search index, written at build time and read by the search page's script, in small
//! files fetched as a query needs them (after Pagefind's design):
//!
//! - `search/index.json`: how many articles and entries there are, and the first key of each
//!   term chunk;
//! - `search/t/<n>.json.gz`: term chunks, keys in code point order, each key with the articles
//!   that contain it, those that have it in their title, and the glossary entries it names;
//! - `search/a/<i>.json.gz`: article `i`'s title, URL, date and text, for its result and
//!   snippet;
//! - `search/g/<k>.json`: glossary entries, `ENTRIES_PER_CHUNK` to a file.
//!
//! The term chunks and the articles' texts are nine tenths of the index: they are gzipped, as
//! Pagefind's fragments are, and the script inflates them (`DecompressionStream`), so that a
//! site's output and a host's disk hold a third of their bytes. The script also reads them
//! when a host has already inflated them on the way (`Content-Encoding: gzip` for `.gz`).
//!
//! Words are normalised as the glossary matcher normalises, and indexed under their forms
//! without proclitics and without the article ال, so `وأوكرانيا`, `أوكرانيا`, `اوكرانيا`,
//! `كرملين` and `الكرملين` find what they should. An article is also indexed under every name
//! of the glossary entries it mentions (`Putin` finds the articles that mention بوتين).

use crate::arabic::normalize_text;
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Where the index is published; its other files are beside it.
pub const INDEX_PATH: &str = "search/index.json";

/// A term chunk is closed once it holds this much JSON (a key with more postings has a
/// chunk of its own): small enough that a query fetches little, large enough that a site
/// of 10,000 articles has about a thousand of them.
const CHUNK_BYTES: usize = 32 * 1024;

const ENTRIES_PER_CHUNK: usize = 100;

/// The name's end of a gzipped file of the index.
const GZIPPED_JSON: &str = ".json.gz";

/// An article's text is kept for snippets up to this size: a hit past it shows the start.
const MAX_TEXT_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchDoc {
    pub title: String,
    pub url: String,
    pub date: String,
    pub date_text: String,
    /// Summary and body as written, diacritics kept: the page's script cuts snippets from it.
    #[serde(serialize_with = "joined_lines")]
    pub text: Text,
    /// The glossary entries it mentions, by their place in `SearchInput::entries`.
    #[serde(skip)]
    pub entries: Vec<u32>,
}

/// The summary (may be empty) and the body's text, shared with the annotated article rather
/// than copied: they are the bulk of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub summary: String,
    pub body: Arc<str>,
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.summary.is_empty() {
            writeln!(f, "{}", self.summary)?;
        }
        let mut end = self.body.len().min(MAX_TEXT_BYTES);
        while !self.body.is_char_boundary(end) {
            end -= 1;
        }
        f.write_str(&self.body[..end])
    }
}

fn joined_lines<S: serde::Serializer>(text: &Text, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(text)
}

/// A glossary entry as search shows it, first among the results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchEntry {
    pub term: String,
    pub url: String,
    pub kind_label: String,
    /// The summary as plain text.
    pub summary: String,
    /// Every written form of the entry: its term, variants, original and Latin names. The
    /// script marks the first two kinds in the snippets of the articles found through them.
    pub forms: Vec<String>,
}

/// What the index is made from. Its files are made when first asked for: a preview that
/// rebuilds on every save does not pay for them until the search page asks.
#[derive(Debug, Default)]
pub struct SearchInput {
    /// Shared with the next build, which keeps those of the articles that did not change.
    pub docs: Vec<Arc<SearchDoc>>,
    /// Shared likewise: the same while the glossary is.
    pub entries: Arc<[SearchEntry]>,
    layout: OnceLock<Layout>,
}

impl PartialEq for SearchInput {
    fn eq(&self, other: &Self) -> bool {
        self.docs == other.docs && self.entries == other.entries
    }
}

impl Eq for SearchInput {}

/// The term chunks, as JSON, and the index that names them.
#[derive(Debug)]
struct Layout {
    meta: String,
    chunks: Vec<String>,
}

/// A key's postings: articles with it anywhere, articles with it in the title, entries.
#[derive(Default)]
struct Postings {
    articles: Vec<u32>,
    titles: Vec<u32>,
    entries: Vec<u32>,
}

impl SearchInput {
    pub fn new(docs: Vec<Arc<SearchDoc>>, entries: Arc<[SearchEntry]>) -> SearchInput {
        SearchInput {
            docs,
            entries,
            layout: OnceLock::new(),
        }
    }

    /// The bytes of the index's file at `path`, relative to the index's directory
    /// (`index.json`, `t/3.json.gz`, …); `None` for a file the index does not have.
    pub fn file(&self, path: &str) -> Option<Vec<u8>> {
        let numbered = |dir: &str, extension: &str| {
            path.strip_prefix(dir)?
                .strip_suffix(extension)
                .filter(|n| !n.starts_with('0') || *n == "0")?
                .parse::<usize>()
                .ok()
        };
        if path == "index.json" {
            return Some(self.layout().meta.as_bytes().to_vec());
        }
        if let Some(n) = numbered("t/", GZIPPED_JSON) {
            return self.layout().chunks.get(n).map(|c| gzip(c.as_bytes()));
        }
        if let Some(i) = numbered("a/", GZIPPED_JSON) {
            return self.docs.get(i).map(|doc| gzip(&script_safe_json(&**doc)));
        }
        if let Some(k) = numbered("g/", ".json") {
            let start = k.checked_mul(ENTRIES_PER_CHUNK)?;
            let chunk = self.entries.get(start..)?;
            let chunk = &chunk[..chunk.len().min(ENTRIES_PER_CHUNK)];
            return (!chunk.is_empty()).then(|| script_safe_json(&chunk));
        }
        None
    }

    /// Every file of the index, by its path relative to the index's directory.
    pub fn paths(&self) -> Vec<String> {
        let mut paths = vec!["index.json".to_string()];
        paths.extend((0..self.layout().chunks.len()).map(|n| format!("t/{n}{GZIPPED_JSON}")));
        paths.extend((0..self.docs.len()).map(|i| format!("a/{i}{GZIPPED_JSON}")));
        paths.extend(
            (0..self.entries.len().div_ceil(ENTRIES_PER_CHUNK)).map(|k| format!("g/{k}.json")),
        );
        paths
    }

    /// Writes every file of the index into `dir`, in parallel.
    pub fn write_to(&self, dir: &Path) -> std::io::Result<()> {
        for sub in ["t", "a", "g"] {
            std::fs::create_dir_all(dir.join(sub))?;
        }
        self.paths().par_iter().try_for_each(|path| {
            let bytes = self.file(path).expect("a path the index listed");
            std::fs::write(dir.join(path), bytes)
        })
    }

    fn layout(&self) -> &Layout {
        self.layout.get_or_init(|| self.make_layout())
    }

    fn make_layout(&self) -> Layout {
        let terms = self.terms();
        let mut chunks: Vec<String> = Vec::new();
        let mut first_keys: Vec<&str> = Vec::new();
        let mut chunk = String::new();
        for (key, postings) in &terms {
            let mut entry = serde_json::to_string(key).expect("a string");
            entry.push(':');
            let _ = write!(
                entry,
                "[{},{},{}]",
                deltas(&postings.articles),
                deltas(&postings.titles),
                deltas(&postings.entries)
            );
            if !chunk.is_empty() && chunk.len() + entry.len() > CHUNK_BYTES {
                chunk.push('}');
                chunks.push(std::mem::take(&mut chunk));
            }
            if chunk.is_empty() {
                chunk.push('{');
                first_keys.push(key);
            } else {
                chunk.push(',');
            }
            chunk.push_str(&entry);
        }
        if !chunk.is_empty() {
            chunk.push('}');
            chunks.push(chunk);
        }
        #[derive(Serialize)]
        struct Meta<'a> {
            version: u32,
            articles: usize,
            entries: usize,
            entries_per_chunk: usize,
            chunks: &'a [&'a str],
        }
        let meta = script_safe_json(&Meta {
            version: 2,
            articles: self.docs.len(),
            entries: self.entries.len(),
            entries_per_chunk: ENTRIES_PER_CHUNK,
            chunks: &first_keys,
        });
        Layout {
            meta: String::from_utf8(meta).expect("serde_json writes UTF-8"),
            chunks: chunks
                .into_iter()
                .map(|c| c.replace("</", "<\\/"))
                .collect(),
        }
    }

    /// Every search key and its postings, in key order. The keys of each document are found
    /// in parallel; the postings are then gathered in document order.
    fn terms(&self) -> Vec<(String, Postings)> {
        let entry_keys: Vec<Vec<String>> = self
            .entries
            .par_iter()
            .map(|entry| {
                let forms: Vec<&str> = entry.forms.iter().map(String::as_str).collect();
                let normalized = normalized(&forms);
                let mut keys = HashSet::default();
                add_keys(&normalized, &mut keys);
                let mut keys: Vec<String> = keys.into_iter().map(Cow::into_owned).collect();
                keys.sort_unstable();
                keys
            })
            .collect();
        // Runs of documents, indexed in parallel, then joined in order: few keys are held
        // twice at any time.
        const RUN: usize = 256;
        let runs: Vec<HashMap<String, Postings>> = self
            .docs
            .par_chunks(RUN)
            .enumerate()
            .map(|(r, docs)| {
                let mut terms: HashMap<String, Postings> = HashMap::default();
                let mut add =
                    |key: &str, n: u32, to: fn(&mut Postings) -> &mut Vec<u32>| match terms
                        .get_mut(key)
                    {
                        Some(postings) => to(postings).push(n),
                        None => to(terms.entry(key.to_string()).or_default()).push(n),
                    };
                for (k, doc) in docs.iter().enumerate() {
                    let n = (r * RUN + k) as u32;
                    let title = normalized(&[&doc.title]);
                    let mut all = HashSet::default();
                    add_keys(&title, &mut all);
                    for key in &all {
                        add(key, n, |p| &mut p.titles);
                    }
                    // The whole text, not the part kept for snippets.
                    let text = normalized(&[&doc.text.summary, &doc.text.body]);
                    add_keys(&text, &mut all);
                    for &entry in &doc.entries {
                        all.extend(
                            entry_keys[entry as usize]
                                .iter()
                                .map(|k| Cow::Borrowed(k.as_str())),
                        );
                    }
                    for key in &all {
                        add(key, n, |p| &mut p.articles);
                    }
                }
                terms
            })
            .collect();
        let mut terms: HashMap<String, Postings> = HashMap::default();
        for run in runs {
            for (key, mut postings) in run {
                let joined = terms.entry(key).or_default();
                joined.articles.append(&mut postings.articles);
                joined.titles.append(&mut postings.titles);
            }
        }
        for (n, keys) in entry_keys.into_iter().enumerate() {
            for key in keys {
                terms.entry(key).or_default().entries.push(n as u32);
            }
        }
        let mut terms: Vec<(String, Postings)> = terms.into_iter().collect();
        terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        terms
    }
}

/// `[first, second − first, …]`: postings are ascending, so their gaps are short numbers.
fn deltas(postings: &[u32]) -> String {
    let mut out = String::from("[");
    let mut last = 0;
    for (i, &n) in postings.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{}", n - last);
        last = n;
    }
    out.push(']');
    out
}

/// `bytes` gzipped, the same bytes for the same input (no time or name in the header). Level
/// 1 of libdeflate: on the articles' texts a third of their bytes, within 6 % of the best
/// level's size, at a fifth of a second of CPU per 10,000 articles.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut compressor =
        libdeflater::Compressor::new(libdeflater::CompressionLvl::new(1).expect("a valid level"));
    let mut out = vec![0; compressor.gzip_compress_bound(bytes.len())];
    let size = compressor
        .gzip_compress(bytes, &mut out)
        .expect("the bound holds the output");
    out.truncate(size);
    out
}

/// JSON with `</` written `<\/`, so that no file of the index can close a script element
/// it is put in. (`\/` is `/` in a JSON string, the only place a `<` can be.)
fn script_safe_json(value: &impl Serialize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut safe = ScriptSafe {
        out: &mut out,
        after_lt: false,
    };
    serde_json::to_writer(&mut safe, value).expect("writing to memory cannot fail");
    out
}

/// Writes `<\/` for every `</`. In JSON a `<` occurs only inside strings, where `\/` is `/`.
struct ScriptSafe<W> {
    out: W,
    after_lt: bool,
}

impl<W: Write> Write for ScriptSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut start = 0;
        for (i, &byte) in buf.iter().enumerate() {
            if byte == b'/' && (self.after_lt || (i > 0 && buf[i - 1] == b'<')) {
                self.out.write_all(&buf[start..i])?;
                self.out.write_all(b"\\")?;
                start = i;
            }
            self.after_lt = false;
        }
        self.out.write_all(&buf[start..])?;
        self.after_lt = buf.last() == Some(&b'<');
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Texts normalised and lowercased for their keys.
fn normalized(texts: &[&str]) -> Vec<String> {
    texts
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| lowercase(normalize_text(t)))
        .collect()
}

/// Adds the search keys of every word of `normalized` to `keys`.
fn add_keys<'a>(normalized: &'a [String], keys: &mut HashSet<Cow<'a, str>>) {
    let mut seen: HashSet<&str> = HashSet::default();
    for word in normalized.iter().flat_map(|t| split_words(t)) {
        if seen.insert(word) {
            for_each_key(word, |key| {
                keys.insert(key);
            });
        }
    }
}

/// `text.to_lowercase()`, without looking up the many characters that have no case: the
/// Arabic block and ASCII are mapped here, anything else by the standard library.
fn lowercase(mut text: String) -> String {
    let arabic_or_ascii = |c: char| c.is_ascii() || ('\u{0600}'..='\u{06FF}').contains(&c);
    if text.chars().all(arabic_or_ascii) {
        text.make_ascii_lowercase();
        text
    } else {
        text.to_lowercase()
    }
}

/// The normalised, lowercased words of a text.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let normalized = lowercase(normalize_text(text));
    split_words(&normalized)
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The runs of letters and digits (`char::is_alphanumeric`, as the script's `\p{Alpha}\p{N}`).
fn split_words(text: &str) -> impl Iterator<Item = &str> {
    // The basic Arabic letters are looked up first: the general table is slow for them.
    text.split(|c: char| !(matches!(c, '\u{0621}'..='\u{064A}') || c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

/// A normalised word and its forms without proclitics: و or ف, then ب، ك or ل (ل with ال
/// fused: لل… → ال…); then, in every form, a leading ال dropped, so that the article matters
/// neither in the text nor in the query. Forms under two letters are not made.
pub fn search_keys(word: &str) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for_each_key(word, |key| {
        if !keys.iter().any(|k| *k == *key) {
            keys.push(key.into_owned());
        }
    });
    keys
}

/// `search_keys` without collecting them: each key is given as the part of `word` it is, or,
/// for a short `لل…` whose `ال…` keeps its article, as a new string. A key may be given more
/// than once.
fn for_each_key<'w>(word: &'w str, mut key: impl FnMut(Cow<'w, str>)) {
    fn long_enough(form: &str) -> bool {
        form.chars().nth(1).is_some()
    }
    if !long_enough(word) {
        return key(Cow::Borrowed(word));
    }
    let mut forms: [Cow<'w, str>; 8] = Default::default();
    let mut count = 0;
    let mut form = |f: Cow<'w, str>| {
        forms[count] = f;
        count += 1;
    };
    form(Cow::Borrowed(word));
    let after_conjunction = word.strip_prefix(['و', 'ف']);
    for stem in [Some(word), after_conjunction].into_iter().flatten() {
        form(Cow::Borrowed(stem));
        if let Some(rest) = stem.strip_prefix('ل') {
            if let Some(after_article) = rest.strip_prefix('ل') {
                // ا + rest is ال + after_article, whose article is dropped if enough is left.
                form(if long_enough(after_article) {
                    Cow::Borrowed(after_article)
                } else {
                    Cow::Owned(format!("ا{rest}"))
                });
            }
            form(Cow::Borrowed(rest));
        } else if let Some(rest) = stem.strip_prefix(['ب', 'ك']) {
            form(Cow::Borrowed(rest));
        }
    }
    for f in forms.into_iter().take(count) {
        match f {
            Cow::Borrowed(f) => {
                let f = f
                    .strip_prefix("ال")
                    .filter(|rest| long_enough(rest))
                    .unwrap_or(f);
                if long_enough(f) {
                    key(Cow::Borrowed(f));
                }
            }
            made => key(made),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_proclitics_and_the_article() {
        assert_eq!(search_keys("واوكرانيا"), ["واوكرانيا", "اوكرانيا"]);
        assert_eq!(
            search_keys("وبالكرملين"),
            ["وبالكرملين", "بالكرملين", "كرملين"]
        );
        assert_eq!(search_keys("للكرملين"), ["للكرملين", "كرملين", "لكرملين"]);
        assert_eq!(search_keys("الكرملين"), ["كرملين"]);
        assert_eq!(search_keys("العقوبات"), ["عقوبات"]);
        assert_eq!(search_keys("بكين"), ["بكين", "كين"]);
        assert_eq!(search_keys("وب"), ["وب"]);
        // Too short once the article is gone: kept with it.
        assert_eq!(search_keys("الا"), ["الا"]);
        assert_eq!(search_keys("للا"), ["للا", "الا", "لا"]);
    }

    #[test]
    fn lowercasing_is_the_standard_librarys() {
        for text in [
            "Putin بوتين",
            "İstanbul ΣΊΣΥΦΟΣ Ǆemal",
            "«موسكو» MOSCOW",
            "Путин",
            "ǅ",
        ] {
            assert_eq!(lowercase(text.to_string()), text.to_lowercase(), "{text}");
        }
    }

    #[test]
    fn spellings_of_one_word_share_a_key() {
        let spellings = ["اوكرانيا", "أوكرانيا", "وأوكرانيا", "أُوكْرَانِيَا"];
        for spelling in spellings {
            let keys: Vec<String> = words(spelling).flat_map(|w| search_keys(&w)).collect();
            assert!(
                keys.contains(&"اوكرانيا".to_string()),
                "{spelling}: {keys:?}"
            );
        }
    }

    #[test]
    fn a_closing_tag_split_between_two_writes_is_escaped_too() {
        let mut out = Vec::new();
        let mut safe = ScriptSafe {
            out: &mut out,
            after_lt: false,
        };
        for part in ["a<", "/b</", "c", "<", "<", "/"] {
            safe.write_all(part.as_bytes()).unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "a<\\/b<\\/c<<\\/");
    }

    fn doc(title: &str, body: &str, entries: Vec<u32>) -> Arc<SearchDoc> {
        Arc::new(SearchDoc {
            title: title.into(),
            url: format!("/{title}/"),
            date: "2020-01-01".into(),
            date_text: "x".into(),
            text: Text {
                summary: String::new(),
                body: body.into(),
            },
            entries,
        })
    }

    #[test]
    fn no_file_of_the_index_can_close_a_script() {
        let input = SearchInput::new(
            vec![doc("</script><script>alert(1)</script>", "نص</p>", vec![])],
            Arc::new([]),
        );
        for path in input.paths() {
            let json = String::from_utf8(read(&input, &path)).unwrap();
            assert!(!json.contains("</"), "{path}: {json}");
        }
        let value: serde_json::Value =
            serde_json::from_slice(&read(&input, "a/0.json.gz")).unwrap();
        assert_eq!(value["title"], "</script><script>alert(1)</script>");
    }

    /// A file of the index as the script reads it: inflated when its name ends in `.gz`.
    fn read(input: &SearchInput, path: &str) -> Vec<u8> {
        let bytes = input.file(path).unwrap();
        if !path.ends_with(".gz") {
            return bytes;
        }
        // gzip's last four bytes are the inflated size.
        let size = u32::from_le_bytes(bytes[bytes.len() - 4..].try_into().unwrap());
        let mut json = vec![0; size as usize];
        let written = libdeflater::Decompressor::new()
            .gzip_decompress(&bytes, &mut json)
            .unwrap();
        assert_eq!(written, json.len());
        json
    }

    #[test]
    fn term_chunks_and_article_texts_are_gzipped_and_the_rest_is_not() {
        let input = SearchInput::new(vec![doc("عنوان", "نص المقال", vec![])], Arc::new([]));
        let paths = input.paths();
        assert_eq!(paths, ["index.json", "t/0.json.gz", "a/0.json.gz"]);
        for path in &paths {
            let gzip_magic = input.file(path).unwrap().starts_with(&[0x1f, 0x8b]);
            assert_eq!(gzip_magic, path.ends_with(".gz"), "{path}");
        }
        assert_eq!(
            input.file("a/0.json"),
            None,
            "the plain name is not a file of the index"
        );
    }

    /// The postings of `key` as the script reads them: (articles, titles, entries).
    fn lookup(input: &SearchInput, key: &str) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
        let meta: serde_json::Value =
            serde_json::from_slice(&input.file("index.json").unwrap()).unwrap();
        let firsts: Vec<&str> = meta["chunks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap())
            .collect();
        let Some(n) = firsts.iter().rposition(|first| *first <= key) else {
            return Default::default();
        };
        let chunk: serde_json::Value =
            serde_json::from_slice(&read(input, &format!("t/{n}.json.gz"))).unwrap();
        let undelta = |v: &serde_json::Value| {
            let mut at = 0;
            v.as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    at += d.as_u64().unwrap() as u32;
                    at
                })
                .collect()
        };
        match chunk.get(key) {
            Some(p) => (undelta(&p[0]), undelta(&p[1]), undelta(&p[2])),
            None => Default::default(),
        }
    }

    #[test]
    fn a_large_index_is_cut_into_small_chunks_that_find_every_key() {
        // 3,000 articles of distinct words: far more than one chunk holds.
        let docs: Vec<Arc<SearchDoc>> = (0..3000)
            .map(|n| doc(&format!("عنوان{n}"), &format!("كلمة{n} مشتركة"), vec![]))
            .collect();
        let input = SearchInput::new(docs, Arc::new([]));
        let paths = input.paths();
        let chunks = paths.iter().filter(|p| p.starts_with("t/")).count();
        assert!(chunks > 3, "{chunks} chunks");
        for path in &paths {
            let size = read(&input, path).len();
            assert!(size <= CHUNK_BYTES + 1024 * 64, "{path}: {size} bytes");
        }
        for n in [0, 1, 1234, 2999] {
            assert_eq!(lookup(&input, &format!("كلمه{n}")).0, [n]);
            assert_eq!(lookup(&input, &format!("عنوان{n}")).1, [n]);
        }
        assert_eq!(lookup(&input, "مشتركه").0.len(), 3000);
        assert_eq!(lookup(&input, "غائبه").0, Vec::<u32>::new());
    }

    #[test]
    fn an_entrys_names_find_the_entry_and_the_articles_that_mention_it() {
        let entry = SearchEntry {
            term: "فلاديمير بوتين".into(),
            url: "/glossary/vladimir-putin/".into(),
            kind_label: "شخص".into(),
            summary: "رئيس روسيا.".into(),
            forms: vec![
                "فلاديمير بوتين".into(),
                "بوتين".into(),
                "Владимир Путин".into(),
                "Vladimir Putin".into(),
            ],
        };
        let input = SearchInput::new(
            vec![
                doc("لقاء", "التقى الرئيس الروسي كيم.", vec![0]),
                doc("آخر", "لا ذكر هنا.", vec![]),
            ],
            Arc::new([entry]),
        );
        for name in ["putin", "путин", "بوتين"] {
            assert_eq!(lookup(&input, name).0, [0], "{name}");
            assert_eq!(lookup(&input, name).2, [0], "{name}");
        }
        let entries: serde_json::Value =
            serde_json::from_slice(&input.file("g/0.json").unwrap()).unwrap();
        assert_eq!(entries[0]["url"], "/glossary/vladimir-putin/");
    }
}
