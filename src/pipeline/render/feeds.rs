//! Files for machines: Atom feeds, the sitemap, robots.txt, and the search page and index.

use super::pages::{Feed, PageId};
use super::views::Page;
use super::Renderer;
use crate::arabic::dates::format_date;
use crate::diagnostics::Diagnostic;
use crate::pipeline::annotate::html_escape;
use crate::pipeline::{markdown, search};
use rayon::prelude::*;
use serde::Serialize;

/// How many articles a feed carries.
pub(super) const FEED_ENTRIES: usize = 20;

impl<'a> Renderer<'a> {
    pub(super) fn search(&self) -> Result<Vec<u8>, Diagnostic> {
        #[derive(Serialize)]
        struct Data {
            search_index_url: String,
        }
        let data = Data {
            search_index_url: self.url_of(&PageId::SearchIndex),
        };
        self.templates.render_page(
            "search.html",
            &Page {
                common: self.site_common(self.search_url.clone(), "search"),
                data,
            },
        )
    }

    pub(super) fn search_input(&self) -> search::SearchInput {
        let glossary = &self.site.glossary.entries;
        let docs = self
            .summaries
            .par_iter()
            .zip(self.annotated)
            .map(|(summary, body)| search::SearchDoc {
                title: summary.title.clone(),
                url: summary.url.clone(),
                date: summary.date.clone(),
                date_text: crate::model::Date::parse(&summary.date)
                    .map(|d| format_date(&d, self.site.config.digits))
                    .unwrap_or_default(),
                text: search::Text {
                    summary: summary.summary.clone(),
                    body: body.text.clone(),
                },
                entries: body
                    .mentions
                    .iter()
                    .filter_map(|m| m.site_entry.map(|at| at as u32))
                    .collect(),
            })
            .collect();
        let entries = glossary
            .par_iter()
            .map(|entry| search::SearchEntry {
                term: entry.term.value.clone(),
                url: self.entry_url(&entry.id),
                kind_label: entry.kind.singular_label().to_string(),
                summary: markdown::text_of_html(&self.entry_markdown(entry, true)),
                forms: std::iter::once(&entry.term)
                    .chain(&entry.variants)
                    .chain(&entry.original)
                    .chain(&entry.latin)
                    .map(|form| form.value.clone())
                    .collect(),
            })
            .collect();
        search::SearchInput::new(docs, entries)
    }

    /// An Atom feed (RFC 4287) of the newest articles of the site, a tag or an entry.
    pub(super) fn feed(&self, feed: &Feed) -> String {
        let (title, members, alternate): (String, Vec<usize>, String) = match feed {
            Feed::Site => (
                self.site.config.title.value.clone(),
                (0..self.summaries.len()).collect(),
                self.base_path.clone(),
            ),
            Feed::Tag(key) => (
                format!("{} — {}", self.tag_refs[key].name, self.site.config.title),
                self.tag_articles[key].clone(),
                self.tag_refs[key].url.clone(),
            ),
            Feed::Entry(id) => {
                let term = self
                    .site
                    .glossary
                    .get(id)
                    .map_or_else(|| id.clone(), |e| e.term.value.clone());
                let members = self.mentions_of(id).iter().map(|&(i, _)| i).collect();
                (
                    format!("{term} — {}", self.site.config.title),
                    members,
                    self.entry_url(id),
                )
            }
        };
        let self_url = self.absolute(&self.url_of(&PageId::Feed(feed.clone())));
        let author = self
            .site
            .config
            .author
            .clone()
            .unwrap_or_else(|| self.site.config.title.clone());
        let rfc3339 = |date: &str| match crate::model::Date::parse(date) {
            Ok(d) => format!(
                "{:04}-{:02}-{:02}T00:00:00Z",
                d.year,
                d.month.unwrap_or(1),
                d.day.unwrap_or(1)
            ),
            Err(_) => "1970-01-01T00:00:00Z".to_string(),
        };
        // An entry was last changed when it was revised, or else published.
        let changed = |i: usize| {
            let summary = &self.summaries[i];
            summary.updated.as_deref().unwrap_or(&summary.date)
        };
        let shown = &members[..members.len().min(FEED_ENTRIES)];
        // Dates are `YYYY-MM-DD`: their text sorts as they do.
        let updated = shown
            .iter()
            .map(|&i| changed(i))
            .max()
            .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), rfc3339);
        let e = xml_escape;
        let mut xml = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <updated>{updated}</updated>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <author><name>{}</name></author>\n",
            e(&self.site.config.language),
            e(&title),
            e(&self_url),
            e(&self_url),
            e(&self.absolute(&alternate)),
            e(&author)
        );
        for &i in shown {
            let summary = &self.summaries[i];
            let article = &self.site.articles[i];
            let date = rfc3339(&summary.date);
            let changed = rfc3339(changed(i));
            let by = article
                .front
                .author
                .as_ref()
                .or(article.front.translator.as_ref())
                .unwrap_or(&author);
            xml.push_str(&format!(
                "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <published>{date}</published>\n    <updated>{changed}</updated>\n    <author><name>{}</name></author>\n",
                e(&summary.title),
                e(&summary.permalink),
                e(&summary.permalink),
                e(by)
            ));
            if self.site.config.feeds.full_content {
                let body = &self.annotated[i];
                let html = self.links.fill_body(i, &body.html, &body.links);
                xml.push_str(&format!(
                    "    <content type=\"html\">{}</content>\n",
                    e(&feed_html(&html, &summary.permalink))
                ));
            } else if !summary.summary.is_empty() {
                xml.push_str(&format!("    <summary>{}</summary>\n", e(&summary.summary)));
            }
            xml.push_str("  </entry>\n");
        }
        xml.push_str("</feed>\n");
        xml
    }

    /// Every HTML page but the 404 page, for search engines.
    pub(super) fn sitemap(&self) -> String {
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (page, path) in self.pages.iter().zip(&self.page_paths) {
            // An alias is an old URL of a page the sitemap lists already.
            if !path.ends_with("index.html") || matches!(page, PageId::Alias(..)) {
                continue;
            }
            xml.push_str(&format!(
                "  <url><loc>{}</loc>",
                xml_escape(&self.absolute(&self.url_of(page)))
            ));
            if let PageId::Article(i) = page {
                let summary = &self.summaries[*i];
                let changed = summary.updated.as_ref().unwrap_or(&summary.date);
                xml.push_str(&format!("<lastmod>{changed}</lastmod>"));
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
        xml
    }
}

/// An article's body as feed readers show it well: the glossary's marks become their text
/// and the note numbers go (their popovers are not in the feed); scripts, styles, classes and
/// data attributes are dropped; links and images become absolute (from the article's
/// `permalink`), since readers resolve relative ones against the feed, if at all.
fn feed_html(html: &str, permalink: &str) -> String {
    // The note numbers are the annotator's buttons of class `note-ref`, whatever the order
    // of their attributes.
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<button ") {
        let tag_end = rest[at..].find('>').map_or(rest.len(), |end| at + end);
        if rest[at..tag_end].contains("class=\"note-ref\"") {
            kept.push_str(&rest[..at]);
            let end = rest[at..]
                .find("</button>")
                .map_or(rest.len(), |close| at + close + "</button>".len());
            rest = &rest[end..];
        } else {
            kept.push_str(&rest[..tag_end]);
            rest = &rest[tag_end..];
        }
    }
    kept.push_str(rest);
    let mut cleaner = ammonia::Builder::default();
    cleaner
        .add_generic_attributes(["dir", "lang"])
        .add_tags(["bdi", "section", "figure", "figcaption"])
        .link_rel(None);
    if let Ok(base) = ammonia::Url::parse(permalink) {
        cleaner.url_relative(ammonia::UrlRelative::RewriteWithBase(base));
    }
    cleaner.clean(&kept).to_string()
}

/// Text for XML: escaped, and without the characters XML 1.0 forbids (C0 controls but tab,
/// line feed and carriage return; U+FFFE and U+FFFF), which would make a reader reject the
/// whole feed. `check` warns where content carries them.
fn xml_escape(text: &str) -> String {
    if text.chars().all(is_xml_char) {
        return html_escape(text);
    }
    html_escape(&text.chars().filter(|&c| is_xml_char(c)).collect::<String>())
}

/// Whether XML 1.0 allows `c` in a document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}
