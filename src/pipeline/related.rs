//! Related reading: for each article, up to three others, ranked by the glossary entries they
//! share (a rarer entry weighs more), then by shared tags, then by nearness in date.

use crate::model::Date;
use crate::pipeline::annotate::AnnotatedArticle;
use crate::pipeline::render::tag_key;
use crate::pipeline::site::Site;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// How many related articles each article shows.
pub const RELATED: usize = 3;

/// Each article's rarest entries are enough to find its neighbours; entries that half the site
/// mentions say little and would make the search quadratic.
const RAREST_ENTRIES: usize = 12;

/// Related articles of every article, as indices into `site.articles`.
pub fn related(site: &Site, annotated: &[Arc<AnnotatedArticle>]) -> Vec<Vec<usize>> {
    let n = site.articles.len();
    let mut by_entry: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, body) in annotated.iter().enumerate() {
        for mention in &body.mentions {
            by_entry
                .entry(mention.entry_id.as_str())
                .or_default()
                .push(i);
        }
    }
    let mut by_tag: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, article) in site.articles.iter().enumerate() {
        for tag in &article.front.tags {
            let list = by_tag.entry(tag_key(tag)).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    // Beyond this many articles an entry or tag is too common to tell neighbours apart.
    let cap = 50.max(n / 10);
    let weight = |df: usize| ((n as f64 + 1.0) / df as f64).ln();

    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![(0.0f64, 0u32); n], Vec::new()),
            |(scores, touched), i| {
                let mut entries: Vec<&Vec<usize>> = annotated[i]
                    .mentions
                    .iter()
                    .filter_map(|m| by_entry.get(m.entry_id.as_str()))
                    .filter(|p| p.len() <= cap)
                    .collect();
                entries.sort_by_key(|postings| postings.len());
                entries.truncate(RAREST_ENTRIES);
                // A dense accumulator, reset through the list of what was touched.
                for postings in entries {
                    let w = weight(postings.len());
                    for &j in postings.iter().filter(|&&j| j != i) {
                        if scores[j] == (0.0, 0) {
                            touched.push(j);
                        }
                        scores[j].0 += w;
                    }
                }
                for tag in &site.articles[i].front.tags {
                    if let Some(postings) = by_tag.get(&tag_key(tag)).filter(|p| p.len() <= cap) {
                        for &j in postings.iter().filter(|&&j| j != i) {
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
                for &j in touched.iter() {
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
                touched.clear();
                best.into_iter().map(|(j, _, _)| j).collect()
            },
        )
        .collect()
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
