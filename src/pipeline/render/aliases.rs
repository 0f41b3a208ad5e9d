//! Redirect pages at an article's old URLs (`aliases:`), and the check that no alias takes a
//! path another page or file of the site is written to.

use super::pages::PageId;
use super::Renderer;
use crate::diagnostics::{display_path, Diagnostic, DiagnosticKind, Diagnostics};
use crate::pipeline::annotate::html_escape;
use crate::pipeline::load::AssetFile;
use rustc_hash::FxHashMap as HashMap;

impl<'a> Renderer<'a> {
    /// The page at an alias of article `i`: it sends readers and search engines on to the
    /// article (`noindex`, its canonical URL), with a visible link for a browser that does not
    /// follow the refresh.
    pub(super) fn alias(&self, i: usize) -> String {
        let summary = &self.index.summaries[i];
        let config = &self.site.config;
        let title = html_escape(&summary.title);
        // The site's path, not the permalink: the preview then stays on its own server.
        let url = html_escape(&summary.url);
        let lang = if summary.lang == config.language {
            String::new()
        } else {
            format!(
                " lang=\"{}\" dir=\"{}\"",
                html_escape(&summary.lang),
                summary.dir
            )
        };
        format!(
            "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{}\">\n<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n<p>نُقلت هذه الصفحة إلى: <a href=\"{url}\"{lang}>{title}</a></p>\n</body>\n</html>\n",
            html_escape(&config.language),
            config.direction().as_str(),
            html_escape(&summary.permalink),
        )
    }

    /// An alias written to a path another page, file or alias of the site takes (or inside a
    /// directory whose name a file takes), at the alias in its article's front matter, naming
    /// what else is there.
    pub fn alias_problems(&self, assets: &[AssetFile]) -> Diagnostics {
        let mut owners: HashMap<&str, String> = HashMap::default();
        let mut aliases = Vec::new();
        for (page, path) in self.index.pages.iter().zip(&self.index.page_paths) {
            match page {
                PageId::Alias(i, k) => aliases.push((*i, *k, path.as_str())),
                PageId::Article(i) => {
                    owners.insert(path, display_path(&self.site.articles[*i].path));
                }
                _ => {
                    owners.insert(path, format!("the site's page `{path}`"));
                }
            }
        }
        for asset in assets {
            owners.insert(&asset.output, display_path(&asset.source));
        }
        let theme: Vec<String> = crate::embedded::theme_outputs()
            .map(|(path, _)| path)
            .collect();
        for path in &theme {
            owners
                .entry(path)
                .or_insert_with(|| format!("the theme's `{path}`"));
        }
        let mut problems = Diagnostics::default();
        for (i, k, path) in aliases {
            let article = &self.site.articles[i];
            let alias = &article.front.aliases[k];
            let blocked = path
                .match_indices('/')
                .map(|(at, _)| &path[..at])
                .find_map(|dir| owners.get(dir).map(|owner| (dir, owner)));
            let problem = match (owners.get(path), blocked) {
                (Some(owner), _) => format!(
                    "the alias `{}` would be written to `{path}`, which {owner} takes",
                    alias.written
                ),
                (None, Some((dir, owner))) => format!(
                    "the alias `{}` would be written to `{path}`, inside `{dir}`, which {owner} takes as a file",
                    alias.written
                ),
                (None, None) => {
                    let this = format!(
                        "the alias `{}` of {}",
                        alias.written,
                        display_path(&article.path)
                    );
                    owners.insert(path, this);
                    continue;
                }
            };
            let text = &article.source_text;
            let mut diagnostic = Diagnostic::error(
                DiagnosticKind::DuplicateUrl,
                &article.path,
                problem,
            )
            .with_hint(
                "an alias is an old URL of the article: remove it if another page has that URL now",
            );
            diagnostic = diagnostic.at_span(text, alias.span);
            problems.push(diagnostic);
        }
        problems
    }
}
