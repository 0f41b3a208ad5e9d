//! What a content change shows on: each article's footprint on other pages, and the pages that
//! must be rendered again when footprints change.

use crate::model::Article;
use crate::pipeline::annotate::{AnnotatedArticle, Mention};
use crate::pipeline::output::SiteOutput;
use crate::pipeline::render::{Feed, PageId, Renderer};
use crate::pipeline::site::Site;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ffi::OsString;
use std::sync::Arc;

/// The record of one article that other pages show: if it is unchanged, they need no render.
/// It shares the parsed and annotated article rather than copying what it needs of them.
#[derive(Debug, Clone)]
pub(super) struct Footprint {
    text: Arc<str>,
    front: Arc<crate::model::FrontMatter>,
    body: Arc<AnnotatedArticle>,
    shown: u64,
    /// What the article's page shows of other articles.
    around: u64,
    /// Its place in the site's order (newest first), which the listings follow.
    at: usize,
}

impl Footprint {
    fn tag_keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.front.tags.iter().map(|t| t.key.as_str())
    }
}

pub(super) fn footprint(
    renderer: &Renderer,
    i: usize,
    article: &Article,
    body: &Arc<AnnotatedArticle>,
) -> Footprint {
    Footprint {
        text: article.source_text.clone(),
        front: article.front.clone(),
        body: body.clone(),
        shown: renderer.summary_fingerprint(i),
        around: renderer.surroundings_fingerprint(i),
        at: i,
    }
}

/// The articles an edit changed, if it changed nothing of what the site's index is made of
/// (see `SiteIndex`): every article in its place, with the front matter it had, and a body that
/// is the same to the index. `None` when the index must be made anew.
pub(super) fn edited_within_index(
    site: &Site,
    annotated: &[Arc<AnnotatedArticle>],
    before: &HashMap<OsString, Footprint>,
) -> Option<Vec<usize>> {
    if before.len() != site.articles.len() {
        return None;
    }
    let mut edited = Vec::new();
    for (i, (article, body)) in site.articles.iter().zip(annotated).enumerate() {
        let old = before.get(article.path.as_os_str())?;
        if old.at != i {
            return None;
        }
        let same = Arc::ptr_eq(&old.text, &article.source_text)
            && Arc::ptr_eq(&old.front, &article.front)
            && Arc::ptr_eq(&old.body, body);
        if same {
            continue;
        }
        if *old.front != *article.front || !old.body.same_to_the_index(body) {
            return None;
        }
        edited.push(i);
    }
    Some(edited)
}

/// The pages a content change shows on: the changed articles and the articles whose
/// backlinks, related reading or neighbours changed; the listings, tag pages, feeds and entry
/// pages that show something of a changed article; plus any page that does not exist yet.
/// What changed beyond single articles.
pub(super) struct SiteWide {
    /// A page appeared or went away: the sitemap lists every page.
    pub(super) pages_added_or_removed: bool,
    /// The copied files are not those of the last build.
    pub(super) assets_changed: bool,
    /// Glossary entries whose own HTML changed (a link in a summary now shows another
    /// title): their pages, the glossary index and the popovers of the articles that mention
    /// them show it.
    pub(super) restyled_entries: HashSet<String>,
}

/// This build's footprints: every article's, or those of the articles edited in their places
/// (the others' are the last build's, in the same places).
pub(super) enum Footprints {
    /// By path.
    Every(HashMap<OsString, Footprint>),
    /// By place.
    Edited(Vec<(usize, Footprint)>),
}

pub(super) fn pages_to_render(
    site: &Site,
    renderer: &Renderer,
    output: &SiteOutput,
    before: &HashMap<OsString, Footprint>,
    after: &Footprints,
    site_wide: &SiteWide,
) -> Vec<PageId> {
    let pages_added_or_removed = site_wide.pages_added_or_removed;
    // Each article that may have changed, with its footprint before (if it had one) and now.
    let (count_changed, order_changed, candidates) = match after {
        Footprints::Every(after) => {
            let count_changed =
                before.len() != after.len() || before.keys().any(|p| !after.contains_key(p));
            // While no article moved, a listing page changes only if it shows a changed article.
            let order_changed = count_changed
                || site
                    .articles
                    .iter()
                    .enumerate()
                    .any(|(i, a)| before.get(a.path.as_os_str()).is_none_or(|old| old.at != i));
            let candidates: Vec<(usize, Option<&Footprint>, &Footprint)> = site
                .articles
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let path = a.path.as_os_str();
                    (i, before.get(path), &after[path])
                })
                .collect();
            (count_changed, order_changed, candidates)
        }
        Footprints::Edited(edited) => {
            let candidates = edited
                .iter()
                .map(|(i, now)| (*i, before.get(site.articles[*i].path.as_os_str()), now))
                .collect();
            (false, false, candidates)
        }
    };
    let full_content = site.config.feeds.full_content;
    let mut listings_changed = count_changed;
    let mut feeds_changed = false;
    let mut text_changed = count_changed;
    let mut articles = HashSet::default();
    let mut listing_pages: HashSet<PageId> = HashSet::default();
    let mut sections: HashSet<&str> = HashSet::default();
    let mut tags: HashSet<&str> = HashSet::default();
    let mut retagged: HashSet<&str> = HashSet::default();
    let mut entries: HashSet<&str> = HashSet::default();
    let mut reentried: HashSet<&str> = HashSet::default();
    for (i, old, now) in candidates {
        let article = &site.articles[i];
        let text_same = old.is_some_and(|old| Arc::ptr_eq(&old.text, &now.text));
        let around_changed = old.is_none_or(|old| old.around != now.around);
        if around_changed {
            articles.insert(i);
        }
        if full_content && (around_changed || !text_same) {
            // The feeds that carry the article carry its body, links filled, too.
            feeds_changed = true;
            tags.extend(now.tag_keys());
            entries.extend(now.body.mentions.iter().map(|m| m.entry.id.as_str()));
        }
        let shown_changed = old.is_none_or(|old| old.shown != now.shown);
        if text_same && !shown_changed {
            continue;
        }
        articles.insert(i);
        text_changed |= !text_same;
        if shown_changed {
            listings_changed = true;
            sections.insert(&article.section);
            tags.extend(now.tag_keys());
            listing_pages.extend(renderer.listing_pages_of(i));
            if let Some(old) = old {
                tags.extend(old.tag_keys());
                // A tag gained or lost an article: every page of its listing moves.
                let (was, is): (HashSet<&str>, HashSet<&str>) =
                    (old.tag_keys().collect(), now.tag_keys().collect());
                retagged.extend(was.symmetric_difference(&is));
            }
            if text_same {
                // Shown differently though not edited: a tag of it is now named after another
                // article's spelling, and every page of that tag shows the name.
                retagged.extend(now.tag_keys());
            }
        }
        let old_mentions = old.map(|o| o.body.mentions.as_slice()).unwrap_or_default();
        let new_mentions = &now.body.mentions;
        let mentions_entry =
            |list: &[Mention], id: &str| list.iter().any(|m| m.entry.id.as_str() == id);
        for mention in new_mentions.iter().chain(old_mentions) {
            let id = mention.entry.id.as_str();
            if !(mentions_entry(old_mentions, id) && mentions_entry(new_mentions, id)) {
                // Mentioned now and not before, or the other way: the whole list moves.
                entries.insert(id);
                reentried.insert(id);
            } else if shown_changed
                || !(old_mentions.contains(mention) && new_mentions.contains(mention))
            {
                entries.insert(id);
                listing_pages.extend(renderer.entry_page_of(id, i));
            }
        }
    }
    // Removed articles: their tags and entries lose a line. (An edit in place removes none.)
    if let Footprints::Every(after) = after {
        for (_, old) in before.iter().filter(|(path, _)| !after.contains_key(*path)) {
            tags.extend(old.tag_keys());
            entries.extend(old.body.mentions.iter().map(|m| m.entry.id.as_str()));
            reentried.extend(old.body.mentions.iter().map(|m| m.entry.id.as_str()));
        }
    }
    // Sections sorted by title reorder when a title changes.
    let title_sorted = |name: &str| {
        site.sections
            .iter()
            .any(|s| s.name == name && s.meta.sort_by == crate::model::SortBy::Title)
    };
    renderer
        .pages()
        .iter()
        .zip(renderer.page_paths())
        .filter(|(page, path)| {
            let needed = match page {
                PageId::Article(i) => {
                    articles.contains(i) || renderer.shows_entry(*i, &site_wide.restyled_entries)
                }
                // Its article's title and URL, and its own path, are in the article's text.
                PageId::Alias(i, _) => articles.contains(i),
                PageId::Home(_) => {
                    listings_changed && (order_changed || listing_pages.contains(*page))
                }
                PageId::TagIndex => listings_changed,
                PageId::Feed(Feed::Site) => listings_changed || feeds_changed,
                PageId::Section(name, _) => {
                    sections.contains(name.as_str())
                        && (order_changed || title_sorted(name) || listing_pages.contains(*page))
                        || count_changed && listings_changed
                }
                PageId::Tag(key, _) => {
                    tags.contains(key.as_str())
                        && (order_changed
                            || retagged.contains(key.as_str())
                            || listing_pages.contains(*page))
                }
                PageId::Feed(Feed::Tag(key)) => tags.contains(key.as_str()),
                PageId::Entry(id, _) => {
                    entries.contains(id.as_str())
                        && (order_changed
                            || reentried.contains(id.as_str())
                            || listing_pages.contains(*page))
                        || site_wide.restyled_entries.contains(id.as_str())
                }
                PageId::Feed(Feed::Entry(id)) => entries.contains(id.as_str()),
                PageId::Sitemap | PageId::SitemapPart(_) => {
                    listings_changed || pages_added_or_removed
                }
                PageId::SearchIndex => text_changed,
                PageId::GlossaryIndex(_) => !site_wide.restyled_entries.is_empty(),
                PageId::NotFound | PageId::Search | PageId::Robots => false,
            };
            // With the same pages and copied files as the last build, every page is in its
            // output: ten thousand lookups spared.
            needed
                || (site_wide.pages_added_or_removed || site_wide.assets_changed)
                    && !output.files.contains_key(path.as_str())
        })
        .map(|(page, _)| page.clone())
        .collect()
}
