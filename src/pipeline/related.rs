//! Related reading: for each article, up to three others, ranked by the glossary entries they
//! share (a rarer entry weighs more), then by shared tags, then by nearness in date.

use crate::model::{Date, FrontMatter};
use crate::pipeline::annotate::AnnotatedArticle;
use crate::pipeline::site::Site;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// How many related articles each article shows.
pub const RELATED: usize = 3;

/// Each article's rarest entries are enough to find its neighbours; entries that half the site
/// mentions say little and would make the search quadratic.
const RAREST_ENTRIES: usize = 12;

/// Related articles of every article, as indices into `site.articles`, with what they were
/// computed from, so that the next build can redo only the lists an edit can change.
#[derive(Default)]
pub struct Related {
    pub lists: Vec<Vec<usize>>,
    paths: Vec<std::path::PathBuf>,
    fronts: Vec<Arc<FrontMatter>>,
    bodies: Vec<Arc<AnnotatedArticle>>,
}

/// Articles by the entries they mention and by their tags.
struct Postings<'a> {
    by_entry: HashMap<&'a str, Vec<usize>>,
    by_tag: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Postings<'a> {
    fn new(site: &'a Site, annotated: &'a [Arc<AnnotatedArticle>]) -> Postings<'a> {
        let mut by_entry: HashMap<&str, Vec<usize>> = HashMap::default();
        for (i, body) in annotated.iter().enumerate() {
            for mention in &body.mentions {
                by_entry
                    .entry(mention.entry.id.as_str())
                    .or_default()
                    .push(i);
            }
        }
        let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::default();
        for (i, article) in site.articles.iter().enumerate() {
            for tag in &article.front.tags {
                let list = by_tag.entry(tag.key.as_str()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Postings { by_entry, by_tag }
    }
}

impl Related {
    /// Every list, or, when `previous` is of the same articles in the same order, only the
    /// lists an edit can change: those of the edited articles and of every article that shares
    /// an entry or a tag with one of them, before or after the edit (the weights of those
    /// entries and tags changed too). The others are the same by construction.
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
        let lists = match same_articles {
            None => {
                let postings = Postings::new(site, annotated);
                (0..site.articles.len())
                    .into_par_iter()
                    .map_init(Vec::new, |scores, i| {
                        related_of(i, site, annotated, &postings, scores)
                    })
                    .collect()
            }
            Some(previous) => {
                // Articles whose entries, tags or date changed; most edits change none.
                let changed: Vec<usize> = (0..site.articles.len())
                    .filter(|&i| {
                        let (front, body) = (&previous.fronts[i], &previous.bodies[i]);
                        let article = &site.articles[i];
                        !(Arc::ptr_eq(front, &article.front) && Arc::ptr_eq(body, &annotated[i]))
                            && (entries(body) != entries(&annotated[i])
                                || front.tags != article.front.tags
                                || front.date != article.front.date)
                    })
                    .collect();
                let mut lists = previous.lists.clone();
                if !changed.is_empty() {
                    let postings = Postings::new(site, annotated);
                    let mut affected = std::collections::BTreeSet::new();
                    for i in changed {
                        let (front, body) = (&previous.fronts[i], &previous.bodies[i]);
                        let article = &site.articles[i];
                        affected.insert(i);
                        for id in entries(body).into_iter().chain(entries(&annotated[i])) {
                            affected.extend(postings.by_entry.get(id).into_iter().flatten());
                        }
                        for tag in front.tags.iter().chain(&article.front.tags) {
                            affected.extend(
                                postings.by_tag.get(tag.key.as_str()).into_iter().flatten(),
                            );
                        }
                    }
                    let affected: Vec<usize> = affected.into_iter().collect();
                    let fresh: Vec<Vec<usize>> = affected
                        .par_iter()
                        .map_init(Vec::new, |scores, &i| {
                            related_of(i, site, annotated, &postings, scores)
                        })
                        .collect();
                    for (i, list) in affected.into_iter().zip(fresh) {
                        lists[i] = list;
                    }
                }
                lists
            }
        };
        Related {
            lists,
            paths: site.articles.iter().map(|a| a.path.clone()).collect(),
            fronts: site.articles.iter().map(|a| a.front.clone()).collect(),
            bodies: annotated.to_vec(),
        }
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
