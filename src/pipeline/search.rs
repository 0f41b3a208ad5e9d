//! The search index, written at build time and read by the search page's script: every word
//! of every article, normalised as the glossary matcher normalises, under its own form and the
//! forms without proclitics, so `وأوكرانيا`, `أوكرانيا` and `اوكرانيا` find the same articles.

use crate::arabic::normalize;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::sync::{Arc, OnceLock};

/// Where the index is published.
pub const INDEX_PATH: &str = "search/index.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchDoc {
    pub title: String,
    pub url: String,
    pub date: String,
    pub date_text: String,
    /// Summary and body as written, diacritics kept: the page's script cuts snippets from it.
    #[serde(serialize_with = "joined_lines")]
    pub text: Text,
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
        f.write_str(&self.body)
    }
}

fn joined_lines<S: serde::Serializer>(text: &Text, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(text)
}

/// What the index is made from. The JSON is made once, when first asked for: a preview that
/// rebuilds on every save does not pay for it until the search page asks.
#[derive(Debug, Default)]
pub struct SearchInput {
    pub docs: Vec<SearchDoc>,
    json: OnceLock<String>,
}

impl PartialEq for SearchInput {
    fn eq(&self, other: &Self) -> bool {
        self.docs == other.docs
    }
}

impl Eq for SearchInput {}

impl SearchInput {
    pub fn new(docs: Vec<SearchDoc>) -> SearchInput {
        SearchInput {
            docs,
            json: OnceLock::new(),
        }
    }

    /// The index as JSON, kept once made (the preview serves it from memory).
    pub fn json(&self) -> &str {
        self.json.get_or_init(|| {
            let mut json = Vec::new();
            self.write_json(&mut json)
                .expect("writing to memory cannot fail");
            String::from_utf8(json).expect("serde_json writes UTF-8")
        })
    }

    /// Writes `{"version":1,"docs":[…],"terms":{"key":[doc,…]}}`, with `</` written `<\/` so
    /// the index can never close a script element it is put in. Writes what `json` made if it
    /// was made, else makes it as it writes, without holding it.
    pub fn write_json(&self, out: impl Write) -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(out);
        if let Some(json) = self.json.get() {
            out.write_all(json.as_bytes())?;
            return out.flush();
        }
        #[derive(Serialize)]
        struct Index<'a> {
            version: u32,
            docs: &'a [SearchDoc],
            terms: BTreeMap<String, Vec<u32>>,
        }
        let index = Index {
            version: 1,
            docs: &self.docs,
            terms: self.terms(),
        };
        let mut safe = ScriptSafe {
            out,
            after_lt: false,
        };
        serde_json::to_writer(&mut safe, &index)?;
        safe.out.flush()
    }

    /// Every search key and the documents it occurs in, in order. Documents are indexed in
    /// parallel; the partial indexes of neighbouring runs of documents are joined in order.
    fn terms(&self) -> BTreeMap<String, Vec<u32>> {
        self.docs
            .par_iter()
            .enumerate()
            .fold(
                BTreeMap::new,
                |mut terms: BTreeMap<String, Vec<u32>>, (n, doc)| {
                    let text = format!("{}\n{}", doc.title, doc.text);
                    let words: HashSet<String> = words(&text).collect();
                    for key in words.iter().flat_map(|w| search_keys(w)) {
                        let postings = terms.entry(key).or_default();
                        if postings.last() != Some(&(n as u32)) {
                            postings.push(n as u32);
                        }
                    }
                    terms
                },
            )
            .reduce(BTreeMap::new, |mut before, after| {
                for (key, mut postings) in after {
                    let list = before.entry(key).or_default();
                    list.append(&mut postings);
                    list.dedup();
                }
                before
            })
    }
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

/// The normalised, lowercased words of a text.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let normalized = normalize(text).text.to_lowercase();
    normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// A normalised word and its forms without proclitics: و or ف, then ب، ك or ل (ل with ال
/// fused: لل… → ال…). Forms under two letters are dropped.
pub fn search_keys(word: &str) -> Vec<String> {
    let mut keys = vec![word.to_string()];
    let mut push = |key: String| {
        if key.chars().count() >= 2 && !keys.contains(&key) {
            keys.push(key);
        }
    };
    let after_conjunction = word.strip_prefix(['و', 'ف']);
    for stem in [Some(word), after_conjunction].into_iter().flatten() {
        if stem != word {
            push(stem.to_string());
        }
        if let Some(rest) = stem.strip_prefix('ل') {
            if rest.starts_with('ل') {
                push(format!("ا{rest}"));
            }
            push(rest.to_string());
        } else if let Some(rest) = stem.strip_prefix(['ب', 'ك']) {
            push(rest.to_string());
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_proclitics() {
        assert_eq!(search_keys("واوكرانيا"), ["واوكرانيا", "اوكرانيا"]);
        assert_eq!(
            search_keys("وبالكرملين"),
            ["وبالكرملين", "بالكرملين", "الكرملين"]
        );
        assert_eq!(search_keys("للكرملين"), ["للكرملين", "الكرملين", "لكرملين"]);
        assert_eq!(search_keys("بكين"), ["بكين", "كين"]);
        assert_eq!(search_keys("وب"), ["وب"]);
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

    #[test]
    fn the_index_cannot_close_a_script() {
        let doc = SearchDoc {
            title: "</script><script>alert(1)</script>".into(),
            url: "/a/".into(),
            date: "2020-01-01".into(),
            date_text: "x".into(),
            text: Text {
                summary: String::new(),
                body: "نص</p>".into(),
            },
        };
        let json = SearchInput::new(vec![doc]).json().to_string();
        assert!(!json.contains("</"), "{json}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value["docs"][0]["title"],
            "</script><script>alert(1)</script>"
        );
    }
}
