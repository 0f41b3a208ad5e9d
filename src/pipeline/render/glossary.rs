//! The glossary's pages: the index of entries by kind, and each entry's page of mentions.

use super::pages::{PageId, Paginator};
use super::views::Page;
use super::Renderer;
use crate::arabic::normalize_phrase;
use crate::diagnostics::Diagnostic;
use crate::model::{EntryKind, GlossaryEntry, MentionExcerpts};
use crate::pipeline::links::LinkProblem;
use crate::pipeline::markdown;
use serde::Serialize;
use std::borrow::Cow;

/// A glossary entry's Markdown, rendered once per build.
pub(super) struct EntryHtml {
    pub(super) summary: String,
    pub(super) body: String,
    /// Broken links: the link as written, and why it does not resolve.
    pub(super) problems: Vec<(String, LinkProblem)>,
    /// A hash of the summary and body, to tell cheaply whether the pages that show them change.
    pub(super) fingerprint: u64,
}

#[derive(Serialize)]
struct EntryLink {
    id: String,
    term: String,
    url: String,
}

#[derive(Serialize)]
struct EntrySummary {
    id: String,
    term: String,
    url: String,
    kind_label: &'static str,
    summary: String,
    original: Option<String>,
    original_lang: Option<String>,
    latin: Option<String>,
}

#[derive(Serialize)]
struct GlossaryGroup {
    kind: &'static str,
    label: &'static str,
    /// The kind as a sentence names it, with the article: «الأشخاص».
    definite: &'static str,
    entries: Vec<EntrySummary>,
}

/// A kind of the glossary, as the index's every page links to it: where its first entry is.
#[derive(Serialize)]
struct KindLink {
    kind: &'static str,
    label: &'static str,
    definite: &'static str,
    /// How many entries of the kind the whole glossary has.
    count: usize,
    /// `#kind-KIND` on the page the kind begins on, else that page's URL with it.
    url: String,
}

/// What an entry's page shows of an article that mentions it: a listing row, not a card,
/// so that pages of thousands of mentions stay light.
#[derive(Serialize)]
struct MentionedArticle<'a> {
    title: &'a str,
    url: &'a str,
    date: &'a str,
    lang: &'a str,
    dir: &'static str,
}

#[derive(Serialize)]
struct MentionView<'a> {
    article: MentionedArticle<'a>,
    /// The article's title and date, from `mention_title.html` (html).
    title_html: &'a str,
    excerpt: &'a str,
}

#[derive(Serialize)]
struct EntryView<'a> {
    id: &'a str,
    term: &'a str,
    kind: &'static str,
    kind_label: &'static str,
    variants: Vec<&'a str>,
    original: Option<&'a str>,
    original_lang: Option<&'a str>,
    latin: Option<&'a str>,
    wikidata: Option<&'a str>,
    summary: Cow<'a, str>,
    body: Cow<'a, str>,
    url: String,
    see_also: Vec<EntryLink>,
    /// This page's mentions, newest first; `first` is the number of the first of them.
    mentions: Vec<MentionView<'a>>,
    first: usize,
    mention_count: usize,
}

impl<'a> Renderer<'a> {
    /// An entry's summary and body with their links filled in, as seen from its page.
    pub(super) fn render_entry(&self, entry: &GlossaryEntry) -> EntryHtml {
        let from = self.entry_url(&entry.id);
        let mut problems = Vec::new();
        let mut render = |text: &str| {
            let rendered = markdown::render(text, self.raw_html(), self.digits(), None);
            let (html, broken) =
                self.targets
                    .fill_standalone(&from, &rendered.html, &rendered.links);
            for (n, problem) in broken {
                let written = text
                    .get(rendered.links[n].span.clone())
                    .unwrap_or_default()
                    .to_string();
                problems.push((written, problem));
            }
            html
        };
        let summary = markdown::strip_paragraph(&render(&entry.summary));
        let body = entry.body.as_deref().map(&mut render).unwrap_or_default();
        let fingerprint = {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            (&summary, &body).hash(&mut hasher);
            hasher.finish()
        };
        EntryHtml {
            summary,
            body,
            problems,
            fingerprint,
        }
    }

    /// The site's entries as the index lists them: by kind, then in Arabic alphabetical order
    /// (then by id); sorted once per build, for all of the index's pages.
    fn glossary_order(&self) -> &[usize] {
        self.glossary_order.get_or_init(|| {
            let entries = &self.site.glossary.entries;
            let mut order: Vec<usize> = (0..entries.len()).collect();
            order.sort_by_cached_key(|&i| {
                let e = &entries[i];
                let kind = EntryKind::ALL.iter().position(|&k| k == e.kind);
                (kind, alphabetical_key(&e.term), e.id.value.clone())
            });
            order
        })
    }

    /// Page `n` of the glossary's index: its entries grouped by kind (a kind cut by the end of
    /// a page goes on on the next), and every kind of the glossary with the page it begins on.
    pub(super) fn glossary_index(&self, n: usize) -> Result<Vec<u8>, Diagnostic> {
        let entries = &self.site.glossary.entries;
        let order = self.glossary_order();
        let pages = self.glossary_pages();
        let mut groups: Vec<GlossaryGroup> = Vec::new();
        for &i in pages.of(order, n) {
            let e = &entries[i];
            let summary = EntrySummary {
                id: e.id.value.clone(),
                term: e.term.value.clone(),
                url: self.entry_url(&e.id),
                kind_label: e.kind.singular_label(),
                summary: self.entry_markdown(e, true).into_owned(),
                original: e.original.as_deref().cloned(),
                original_lang: e.original_language().map(str::to_string),
                latin: e.latin.as_deref().cloned(),
            };
            match groups.last_mut() {
                Some(group) if group.kind == e.kind.as_str() => group.entries.push(summary),
                _ => groups.push(GlossaryGroup {
                    kind: e.kind.as_str(),
                    label: e.kind.label(),
                    definite: e.kind.definite_label(),
                    entries: vec![summary],
                }),
            }
        }
        let mut kinds: Vec<KindLink> = Vec::new();
        for (at, &i) in order.iter().enumerate() {
            let kind = entries[i].kind;
            match kinds.last_mut() {
                Some(link) if link.kind == kind.as_str() => link.count += 1,
                _ => {
                    let page = pages.holding(at);
                    let anchor = format!("#kind-{}", kind.as_str());
                    kinds.push(KindLink {
                        kind: kind.as_str(),
                        label: kind.label(),
                        definite: kind.definite_label(),
                        count: 1,
                        url: if page == n {
                            anchor
                        } else {
                            format!("{}{anchor}", self.url_of(&PageId::GlossaryIndex(page)))
                        },
                    });
                }
            }
        }
        #[derive(Serialize)]
        struct Data {
            groups: Vec<GlossaryGroup>,
            kinds: Vec<KindLink>,
            paginator: Paginator,
        }
        let common = self.site_common(self.url_of(&PageId::GlossaryIndex(n)), "glossary");
        self.templates.render_page(
            "glossary.html",
            &Page {
                common,
                data: Data {
                    groups,
                    kinds,
                    paginator: self.paginator(&["glossary"], order.len(), pages, n),
                },
            },
        )
    }

    /// An entry's summary (inline) or body: from the cache, or rendered now for an entry an
    /// article defines for itself.
    pub(super) fn entry_markdown(&self, entry: &GlossaryEntry, summary: bool) -> Cow<'_, str> {
        let cached = self.index.entries_html.get(entry.id.as_str()).filter(|_| {
            // Most callers hold the site's own entry: no need to compare it field by field.
            self.site
                .glossary
                .get(&entry.id)
                .is_some_and(|e| std::ptr::eq(&**e, entry) || **e == *entry)
        });
        match cached {
            Some(html) if summary => Cow::Borrowed(&html.summary),
            Some(html) => Cow::Borrowed(&html.body),
            None => {
                let html = self.render_entry(entry);
                Cow::Owned(if summary { html.summary } else { html.body })
            }
        }
    }

    pub(super) fn entry(&self, id: &str, n: usize) -> Result<Vec<u8>, Diagnostic> {
        let entry = self
            .site
            .glossary
            .get(id)
            .expect("entry pages are listed from the glossary");
        let url = self.entry_url(&entry.id);
        let all_mentions = self.mentions_of(&entry.id);
        let pages = self.mention_pages();
        let view = EntryView {
            id: &entry.id,
            term: &entry.term,
            kind: entry.kind.as_str(),
            kind_label: entry.kind.singular_label(),
            variants: entry.variants.iter().map(|v| v.value.as_str()).collect(),
            original: entry.original.as_deref().map(String::as_str),
            original_lang: entry.original_language(),
            latin: entry.latin.as_deref().map(String::as_str),
            wikidata: entry.wikidata.as_deref(),
            summary: self.entry_markdown(entry, true),
            body: self.entry_markdown(entry, false),
            url,
            see_also: entry
                .see_also
                .iter()
                .filter_map(|id| self.site.glossary.get(id))
                .map(|e| EntryLink {
                    id: e.id.value.clone(),
                    term: e.term.value.clone(),
                    url: self.entry_url(&e.id),
                })
                .collect(),
            first: pages.start(n) + 1,
            mention_count: all_mentions.len(),
            mentions: pages
                .of(all_mentions, n)
                .iter()
                .map(|&(i, k)| {
                    let shown =
                        n == 1 || self.site.config.glossary.excerpts == MentionExcerpts::All;
                    let a = &self.index.summaries[i];
                    Ok(MentionView {
                        article: MentionedArticle {
                            title: &a.title,
                            url: &a.url,
                            date: &a.date,
                            lang: &a.lang,
                            dir: a.dir,
                        },
                        title_html: self.mention_title(i)?,
                        excerpt: if shown { self.excerpt((i, k)) } else { "" },
                    })
                })
                .collect::<Result<_, Diagnostic>>()?,
        };
        #[derive(Serialize)]
        struct Data<'b> {
            entry: EntryView<'b>,
            paginator: Paginator,
        }
        let common = self.listing_common(
            self.url_of(&PageId::Entry(id.to_string(), n)),
            "entry",
            self.entry_feed(&entry.id),
        );
        self.templates.render_page(
            "entry.html",
            &Page {
                common,
                data: Data {
                    paginator: self.paginator(&["glossary", id], all_mentions.len(), pages, n),
                    entry: view,
                },
            },
        )
    }
}

/// Arabic alphabetical order, a leading ال ignored: after normalisation the code points of
/// Arabic letters run in the order of the alphabet. Only a written bare ال is the article:
/// normalisation folds the hamza of ألمانيا to ا, but the name starts with alif.
fn alphabetical_key(term: &str) -> String {
    let normalized = normalize_phrase(term);
    let written_article = term.trim_start().starts_with("ال");
    normalized
        .strip_prefix("ال")
        .filter(|rest| written_article && rest.chars().count() >= 2)
        .unwrap_or(&normalized)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glossary_order_ignores_the_article() {
        let mut terms = vec![
            "الكرملين",
            "بيونغ يانغ",
            "ألمانيا",
            "أوكرانيا",
            "روسيا",
            "ألكسندر",
            "الاتحاد السوفيتي",
        ];
        terms.sort_by_key(|t| alphabetical_key(t));
        // ألكسندر and ألمانيا begin with alif: their أل is not the article.
        assert_eq!(
            terms,
            [
                "الاتحاد السوفيتي",
                "ألكسندر",
                "ألمانيا",
                "أوكرانيا",
                "بيونغ يانغ",
                "روسيا",
                "الكرملين"
            ]
        );
    }
}
