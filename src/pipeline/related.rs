//! Related reading: for each article, up to three others, ranked by the glossary entries they
//! share (a rarer entry weighs more), then by shared tags, then by nearness in date.

use crate::model::{Date, FrontMatter};
use crate::pipeline::annotate::AnnotatedArticle;
use crate::pipeline::site::Site;
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

/// How many related articles each article shows.
pub const RELATED: usize = 3;

/// Each article's rarest entries are enough to find its neighbours; entries that half the site
/// mentions say little and would make the search quadratic.
const RAREST_ENTRIES: usize = 12;

/// Related articles of every article, as indices into `site.articles`, each made when first
/// asked for (the preview answers its first page before the site's ten thousand lists are
/// made), with what they were made from, so that the next build can redo only the lists an
/// edit can change.
#[derive(Default, Clone)]
pub struct Related {
    /// Shared with the next build's, which keeps most of them.
    lists: Vec<OnceLock<Arc<[usize]>>>,
    /// Of this build's site: made with the first list that needs them.
    postings: OnceLock<Arc<Postings>>,
    paths: Arc<[std::path::PathBuf]>,
    fronts: Vec<Arc<FrontMatter>>,
    bodies: Vec<Arc<AnnotatedArticle>>,
}

/// Articles by the entries they mention and by their tags.
#[derive(Default)]
struct Postings {
    by_entry: HashMap<String, Vec<usize>>,
    by_tag: HashMap<String, Vec<usize>>,
}

impl Postings {
    fn new(site: &Site, annotated: &[Arc<AnnotatedArticle>]) -> Postings {
        let mut postings = Postings::default();
        for (i, body) in annotated.iter().enumerate() {
            for mention in &body.mentions {
                add(&mut postings.by_entry, &mention.entry.id, i);
            }
        }
        for (i, article) in site.articles.iter().enumerate() {
            for tag in &article.front.tags {
                add(&mut postings.by_tag, &tag.key, i);
            }
        }
        postings
    }
}

/// Adds article `i` to the list of `key`, once.
fn add(lists: &mut HashMap<String, Vec<usize>>, key: &str, i: usize) {
    match lists.get_mut(key) {
        Some(list) if list.last() == Some(&i) => {}
        Some(list) => list.push(i),
        None => {
            lists.insert(key.to_string(), vec![i]);
        }
    }
}

thread_local! {
    /// The scores of `related_of`, kept for the thread's next article.
    static SCORES: RefCell<Vec<(f64, u32)>> = const { RefCell::new(Vec::new()) };
}

impl Related {
    /// The lists of `site`, none made yet; or, when `previous` is of the same articles in the
    /// same order, its lists, of which those an edit can change are made anew: those of the
    /// edited articles and of every article that shares an entry or a tag with one of them,
    /// before or after the edit (the weights of those entries and tags changed too). The
    /// others are the same by construction, and so are the postings when no article's entries
    /// or tags changed.
    pub fn compute(
        site: &Site,
        annotated: &[Arc<AnnotatedArticle>],
        previous: Option<&Related>,
    ) -> Related {
        let same_articles = previous.filter(|p| {
            p.paths.len() == site.articles.len()
                && p.paths
                    .iter()
                    .zip(&site.articles)
                    .all(|(a, b)| a.as_os_str() == b.path.as_os_str())
        });
        let Some(mut related) = same_articles.cloned() else {
            return Related {
                lists: (0..site.articles.len()).map(|_| OnceLock::new()).collect(),
                postings: OnceLock::new(),
                paths: site.articles.iter().map(|a| a.path.clone()).collect(),
                fronts: site.articles.iter().map(|a| a.front.clone()).collect(),
                bodies: annotated.to_vec(),
            };
        };
        // Articles whose entries, tags or date changed; most edits change none.
        let changed: Vec<usize> = (0..site.articles.len())
            .filter(|&i| {
                let (front, body) = (&related.fronts[i], &related.bodies[i]);
                let article = &site.articles[i];
                !(Arc::ptr_eq(front, &article.front) && Arc::ptr_eq(body, &annotated[i]))
                    && (entries(body) != entries(&annotated[i])
                        || front.tags != article.front.tags
                        || front.date != article.front.date)
            })
            .collect();
        if !changed.is_empty() {
            // The postings are of the articles' entries and tags: those changed.
            related.postings = OnceLock::new();
            let postings = related.postings(site, annotated);
            let mut affected = std::collections::BTreeSet::new();
            for &i in &changed {
                let (front, body) = (&related.fronts[i], &related.bodies[i]);
                let article = &site.articles[i];
                affected.insert(i);
                for id in entries(body).into_iter().chain(entries(&annotated[i])) {
                    affected.extend(postings.by_entry.get(id).into_iter().flatten());
                }
                for tag in front.tags.iter().chain(&article.front.tags) {
                    affected.extend(postings.by_tag.get(tag.key.as_str()).into_iter().flatten());
                }
            }
            for i in affected {
                related.lists[i] = OnceLock::new();
            }
        }
        for (i, (article, body)) in site.articles.iter().zip(annotated).enumerate() {
            if !Arc::ptr_eq(&related.fronts[i], &article.front) {
                related.fronts[i] = article.front.clone();
            }
            if !Arc::ptr_eq(&related.bodies[i], body) {
                related.bodies[i] = body.clone();
            }
        }
        related
    }

    /// The related articles of article `i` of `site`, the site these lists are of.
    pub fn of(&self, i: usize, site: &Site, annotated: &[Arc<AnnotatedArticle>]) -> &[usize] {
        self.lists[i].get_or_init(|| {
            let postings = self.postings(site, annotated);
            SCORES.with_borrow_mut(|scores| related_of(i, site, annotated, postings, scores).into())
        })
    }

    fn postings(&self, site: &Site, annotated: &[Arc<AnnotatedArticle>]) -> &Postings {
        self.postings
            .get_or_init(|| Arc::new(Postings::new(site, annotated)))
    }
}

/// The entries an article mentions.
fn entries(body: &AnnotatedArticle) -> std::collections::BTreeSet<&str> {
    body.mentions.iter().map(|m| m.entry.id.as_str()).collect()
}

/// The related articles of article `i`. `scores` is a dense accumulator over all articles,
/// kept between calls and left zeroed: only what was touched is reset.
fn related_of(
    i: usize,
    site: &Site,
    annotated: &[Arc<AnnotatedArticle>],
    postings: &Postings,
    scores: &mut Vec<(f64, u32)>,
) -> Vec<usize> {
    let n = site.articles.len();
    scores.resize(n, (0.0, 0));
    // Beyond this many articles an entry or tag is too common to tell neighbours apart.
    let cap = 50.max(n / 10);
    let weight = |df: usize| ((n as f64 + 1.0) / df as f64).ln();
    let mut touched = Vec::new();
    // The rarest first, ties by id: which entries are kept must not depend on where in the
    // text they are mentioned, or moving a paragraph would change the list.
    let mut entries: Vec<(&str, &Vec<usize>)> = annotated[i]
        .mentions
        .iter()
        .filter_map(|m| {
            let id = m.entry.id.as_str();
            postings.by_entry.get(id).map(|list| (id, list))
        })
        .filter(|(_, list)| list.len() <= cap)
        .collect();
    entries.sort_by_key(|&(id, list)| (list.len(), id));
    entries.truncate(RAREST_ENTRIES);
    for (_, list) in entries {
        let w = weight(list.len());
        for &j in list.iter().filter(|&&j| j != i) {
            if scores[j] == (0.0, 0) {
                touched.push(j);
            }
            scores[j].0 += w;
        }
    }
    for tag in &site.articles[i].front.tags {
        if let Some(list) = postings
            .by_tag
            .get(tag.key.as_str())
            .filter(|p| p.len() <= cap)
        {
            for &j in list.iter().filter(|&&j| j != i) {
                if scores[j] == (0.0, 0) {
                    touched.push(j);
                }
                scores[j].1 += 1;
            }
        }
    }
    let date = site.articles[i].front.date;
    let better = |a: (usize, f64, u32), b: (usize, f64, u32)| {
        b.1.total_cmp(&a.1)
            .then(b.2.cmp(&a.2))
            .then_with(|| {
                distance(date, site.articles[a.0].front.date)
                    .cmp(&distance(date, site.articles[b.0].front.date))
            })
            .then(a.0.cmp(&b.0))
            .is_lt()
    };
    // The best three, kept in order: no need to sort every candidate.
    let mut best: Vec<(usize, f64, u32)> = Vec::with_capacity(RELATED + 1);
    for &j in &touched {
        let candidate = (j, scores[j].0, scores[j].1);
        let at = best
            .iter()
            .position(|&b| better(candidate, b))
            .unwrap_or(best.len());
        if at < RELATED {
            best.insert(at, candidate);
            best.truncate(RELATED);
        }
        scores[j] = (0.0, 0);
    }
    best.into_iter().map(|(j, _, _)| j).collect()
}

/// Days between two dates, roughly (months of 31 days): enough to order by nearness.
fn distance(a: Date, b: Date) -> u32 {
    let days = |d: Date| {
        u32::from(d.year) * 372
            + u32::from(d.month.unwrap_or(1)) * 31
            + u32::from(d.day.unwrap_or(1))
    };
    days(a).abs_diff(days(b))
}
