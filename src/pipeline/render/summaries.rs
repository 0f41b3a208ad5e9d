//! What listings, feeds and related reading show of an article: its summary, made from its
//! front matter and its place in the site, and the hash that tells whether it changed.

use super::views::{ArticleSummary, ImageView, SourceView, TagRef};
use crate::model::{Article, SiteConfig};
use crate::urls::page_url;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// An article as listings show it: `tag_refs` name its tags, `content_files` are the output
/// paths of the files under `content/` (where its `image` may be).
pub(super) fn summary_of(
    article: &Article,
    config: &SiteConfig,
    base_path: &str,
    tag_refs: &HashMap<String, TagRef>,
    content_files: &HashSet<&str>,
) -> ArticleSummary {
    let url = page_url(base_path, &article.path_segments());
    let permalink = format!("{}{}", config.base_url_slash(), &url[base_path.len()..]);
    let image = image_of(article, config, base_path, content_files);
    ArticleSummary {
        title: article.front.title.value.clone(),
        url,
        permalink,
        date: article.front.date.to_string(),
        updated: article.front.updated.map(|d| d.to_string()),
        summary: article
            .front
            .summary
            .as_deref()
            .cloned()
            .unwrap_or_default(),
        image,
        lang: article.lang(config).to_string(),
        dir: article.dir(config).as_str(),
        tags: article
            .front
            .tags
            .iter()
            .filter_map(|t| tag_refs.get(&t.key).cloned())
            .collect(),
        author: article.front.author.as_deref().cloned(),
        translator: article.front.translator.as_deref().cloned(),
        // A `source:` whose fields are all left empty (as `hashiya new` writes it) is none.
        source: article
            .front
            .source
            .as_ref()
            .map(|s| SourceView {
                title: s.title.as_deref().cloned(),
                outlet: s.outlet.as_deref().cloned(),
                url: s.url.clone().filter(|url| crate::urls::is_safe_url(url)),
                author: s.author.as_deref().cloned(),
                date: s.date.map(|d| d.to_string()),
            })
            .filter(|s| *s != SourceView::default()),
    }
}

/// An article's `image`, its path resolved as the same path in its body would be: a file
/// beside the article's, else as seen from its page (whether the file exists is checked with
/// the links). `content_files` are the output paths of the files under `content/`.
fn image_of(
    article: &Article,
    config: &SiteConfig,
    base_path: &str,
    content_files: &HashSet<&str>,
) -> Option<ImageView> {
    use crate::pipeline::links::{beside_key, relative_key, Origin};
    use crate::pipeline::site::{image_target, ImageTarget};
    let image = article.front.image.as_deref()?;
    let url = match image_target(image)? {
        ImageTarget::External(url) => url.to_string(),
        ImageTarget::Site(path) => {
            let path = path.split(['#', '?']).next().unwrap_or(path);
            let origin = Origin::article(article, base_path);
            let key = beside_key(path, &origin, |key| content_files.contains(key))
                .unwrap_or_else(|| relative_key(base_path, path, origin.page_url()).0);
            let mut url = page_url(base_path, &key.split('/').collect::<Vec<_>>());
            url.pop();
            url
        }
    };
    let permalink = match url.strip_prefix(base_path) {
        Some(path) if url.starts_with('/') => format!("{}{path}", config.base_url_slash()),
        _ => url.clone(),
    };
    Some(ImageView {
        url,
        permalink,
        alt: article
            .front
            .image_alt
            .clone()
            .unwrap_or_else(|| article.front.title.value.clone()),
    })
}

pub(super) fn hash_summary(summary: &ArticleSummary) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    summary.hash(&mut hasher);
    hasher.finish()
}
