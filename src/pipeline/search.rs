//! The search index, written at build time and read by the search page's script: every word
//! of every article, normalised as the glossary matcher normalises, under its own form and the
//! forms without proclitics, so `وأوكرانيا`, `أوكرانيا` and `اوكرانيا` find the same articles.

use crate::arabic::normalize;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Where the index is published.
pub const INDEX_PATH: &str = "search/index.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchDoc {
    pub title: String,
    pub url: String,
    pub date: String,
    pub date_text: String,
    /// Summary and body as written, diacritics kept: the page's script cuts snippets from it.
    pub text: String,
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

    /// `{"version":1,"docs":[…],"terms":{"key":[doc,…]}}`, with `</` written `<\/` so the index
    /// can never close a script element it is put in.
    pub fn json(&self) -> &str {
        self.json.get_or_init(|| {
            let mut terms: BTreeMap<String, Vec<u32>> = BTreeMap::new();
            for (n, doc) in self.docs.iter().enumerate() {
                let text = format!("{}\n{}", doc.title, doc.text);
                for key in words(&text).flat_map(|w| search_keys(&w)) {
                    let postings = terms.entry(key).or_default();
                    if postings.last() != Some(&(n as u32)) {
                        postings.push(n as u32);
                    }
                }
            }
            #[derive(Serialize)]
            struct Index<'a> {
                version: u32,
                docs: &'a [SearchDoc],
                terms: BTreeMap<String, Vec<u32>>,
            }
            let json = serde_json::to_string(&Index {
                version: 1,
                docs: &self.docs,
                terms,
            })
            .unwrap_or_default();
            json.replace("</", "<\\/")
        })
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
    fn the_index_cannot_close_a_script() {
        let doc = SearchDoc {
            title: "</script><script>alert(1)</script>".into(),
            url: "/a/".into(),
            date: "2020-01-01".into(),
            date_text: "x".into(),
            text: "نص".into(),
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
