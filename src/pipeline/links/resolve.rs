//! How one link is resolved: the article, entry, page or file it names, and the error with
//! the closest target when it names none.

use super::*;

impl Targets<'_> {
    /// Whether a link that does not resolve (seen from `from_url`) names what failed with an
    /// error of its own — a page left out for any reason, or any glossary entry when the
    /// glossary failed — so that the cause is reported alone, not followed by a broken link for
    /// every link to it.
    pub(super) fn fails_elsewhere(&self, link: &LinkRef, from_url: &str) -> bool {
        let site = self.site;
        let failed_url = |url: &str| site.failed.iter().any(|p| p.urls.iter().any(|u| u == url));
        match &link.target {
            LinkTarget::Content { path, .. } => {
                let path = path.trim_start_matches(&format!("{CONTENT_DIR}/"));
                site.failed.iter().any(|p| p.path == path)
            }
            LinkTarget::Wiki { name, .. } => match name.strip_prefix("g:") {
                Some(_) => site.glossary_failed,
                None => {
                    site.glossary_failed
                        || failed_url(name.trim_matches('/'))
                        || site
                            .failed
                            .iter()
                            .any(|p| p.urls.iter().any(|u| u.rsplit('/').next() == Some(name)))
                }
            },
            LinkTarget::Relative { url } => {
                let path = url.split(['#', '?']).next().unwrap_or_default();
                if path.is_empty() {
                    return false;
                }
                let (key, _) = self.relative_key(path, from_url);
                let key = key.strip_suffix("index.html").unwrap_or(&key);
                let key = key.trim_end_matches('/');
                (site.glossary_failed && (key == "glossary" || key.starts_with("glossary/")))
                    || failed_url(key)
            }
        }
    }

    fn article_target(&self, i: usize, anchor: Option<&str>) -> Result<Target, LinkProblem> {
        let article = &self.site.articles[i];
        let mut url = page_url(&self.index.base_path, &article.path_segments());
        if let Some(anchor) = anchor {
            // An article has a few headings: a scan costs less than an index of them all.
            let headings = self.annotated.get(i).map(|a| &a.headings);
            if headings.is_some_and(|h| !h.iter().any(|h| h.id == anchor)) {
                let ids = || headings.into_iter().flatten().map(|h| h.id.as_str());
                let closest = did_you_mean(anchor, ids())
                    .or_else(|| ids().filter(|id| id.contains(anchor)).min());
                let hint = match closest {
                    Some(id) => format!("did you mean `#{id}`?"),
                    None => {
                        "link to one of the page's headings, by the id shown in its URL".to_string()
                    }
                };
                return Err(LinkProblem {
                    kind: DiagnosticKind::BrokenAnchor,
                    message: format!("no heading `#{anchor}` in {}", display_path(&article.path)),
                    hint,
                });
            }
            url.push('#');
            url.push_str(anchor);
        }
        Ok(Target {
            url,
            title: article.front.title.value.clone(),
            article: Some(i),
            size: None,
        })
    }

    pub(super) fn resolve(&self, link: &LinkRef, origin: &Origin) -> Result<Target, LinkProblem> {
        let shown = if link.text.is_empty() {
            String::new()
        } else {
            format!(" \"{}\"", link.text)
        };
        match &link.target {
            LinkTarget::Content { path, anchor } => {
                let path = path
                    .trim_start_matches(&format!("{CONTENT_DIR}/"))
                    .to_string();
                if let Some(&i) = self.index.by_path.get(&path) {
                    return self.article_target(i, anchor.as_deref());
                }
                if let Some(name) = self.index.sections.get(&path) {
                    let url = page_url(&self.index.base_path, &name.split('/').collect::<Vec<_>>());
                    let title = self
                        .site
                        .sections
                        .iter()
                        .find(|s| s.name == *name)
                        .map(|s| s.meta.title.clone())
                        .unwrap_or_default();
                    return Ok(Target {
                        url,
                        title,
                        article: None,
                        size: None,
                    });
                }
                if self.site.drafts.iter().any(|(draft, _)| *draft == path) {
                    return Err(LinkProblem::to_draft(format!(
                        "the link{shown} points to a draft: `@/{path}`"
                    )));
                }
                let known = self.index.by_path.keys().map(String::as_str);
                let hint = match did_you_mean(&path, known) {
                    Some(close) => format!("did you mean `@/{close}`?"),
                    None => "write the path under `content/`, e.g. `@/articles/name.md`".into(),
                };
                Err(LinkProblem {
                    kind: DiagnosticKind::BrokenLink,
                    message: format!("broken link{shown}: no page `content/{path}`"),
                    hint,
                })
            }
            LinkTarget::Wiki { name, anchor } => self.resolve_wiki(name, anchor.as_deref(), &shown),
            LinkTarget::Relative { url } => {
                self.resolve_relative(url, origin, &shown, link.is_image)
            }
        }
    }

    fn resolve_wiki(
        &self,
        name: &str,
        anchor: Option<&str>,
        shown: &str,
    ) -> Result<Target, LinkProblem> {
        let glossary = &self.site.glossary;
        let entry_target = |id: &str| {
            glossary.get(id).map(|e| Target {
                url: page_url(&self.index.base_path, &["glossary", &e.id]),
                title: e.term.value.clone(),
                article: None,
                size: None,
            })
        };
        if let Some(id) = name.strip_prefix("g:") {
            return entry_target(id).ok_or_else(|| {
                let hint = match did_you_mean(id, glossary.entries.iter().map(|e| e.id.as_str())) {
                    Some(close) => format!("did you mean `[[g:{close}]]`?"),
                    None => "name the id of a glossary entry".into(),
                };
                LinkProblem {
                    kind: DiagnosticKind::BrokenLink,
                    message: format!("broken link{shown}: no glossary entry `{id}`"),
                    hint,
                }
            });
        }
        if name.contains('/') {
            if let Some(&i) = self.index.by_url.get(name.trim_matches('/')) {
                return self.article_target(i, anchor);
            }
        }
        let articles = self.index.by_slug.get(name).map_or(&[][..], Vec::as_slice);
        let entry = entry_target(name);
        match (articles, entry) {
            ([i], None) => self.article_target(*i, anchor),
            ([], Some(entry)) => Ok(entry),
            ([], None) => {
                if self.site.drafts.iter().any(|(_, slug)| slug == name) {
                    return Err(LinkProblem::to_draft(format!(
                        "the link{shown} points to a draft: `[[{name}]]`"
                    )));
                }
                let known = self
                    .index
                    .by_slug
                    .keys()
                    .map(String::as_str)
                    .chain(glossary.entries.iter().map(|e| e.id.as_str()));
                let hint = match did_you_mean(name, known) {
                    Some(close) => format!("did you mean `[[{close}]]`?"),
                    None => "name an article by its slug, or a glossary entry by its id".into(),
                };
                Err(LinkProblem {
                    kind: DiagnosticKind::BrokenLink,
                    message: format!("broken link{shown}: nothing is called `{name}`"),
                    hint,
                })
            }
            (articles, entry) => {
                let mut options: Vec<String> = articles
                    .iter()
                    .map(|&i| format!("`[[{}]]`", self.site.articles[i].path_segments().join("/")))
                    .collect();
                if entry.is_some() {
                    options.push(format!("`[[g:{name}]]`"));
                }
                Err(LinkProblem {
                    kind: DiagnosticKind::AmbiguousLink,
                    message: format!(
                        "ambiguous link{shown}: `[[{name}]]` names more than one page"
                    ),
                    hint: format!("say which: {}", options.join(" or ")),
                })
            }
        }
    }

    fn resolve_relative(
        &self,
        url: &str,
        origin: &Origin,
        shown: &str,
        is_image: bool,
    ) -> Result<Target, LinkProblem> {
        let (path, anchor) = match url.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor)),
            None => (url, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        if path.is_empty() {
            // `#anchor` on the same page.
            return Ok(Target {
                url: url.to_string(),
                title: String::new(),
                article: None,
                size: None,
            });
        }
        if let Some(key) = self.beside_key(path, origin) {
            return Ok(Target {
                url: format!("{}{url}", self.up_to_beside(origin)),
                title: String::new(),
                article: None,
                size: is_image.then(|| self.image_size(&key)).flatten(),
            });
        }
        let (key, is_dir) = self.relative_key(path, &origin.page);
        let found = if is_dir {
            self.index.outputs.contains(&format!(
                "{key}{}index.html",
                if key.is_empty() { "" } else { "/" }
            ))
        } else {
            self.index.outputs.contains(&key)
                || self.index.outputs.contains(&format!("{key}/index.html"))
        };
        if !found {
            return Err(self.not_found(path, &key, origin, shown, is_image));
        }
        if let (Some(anchor), Some(&i)) = (anchor, self.index.by_url.get(&key)) {
            self.article_target(i, Some(anchor))?;
        }
        Ok(Target {
            url: url.to_string(),
            title: String::new(),
            article: self.index.by_url.get(&key).copied(),
            size: is_image.then(|| self.image_size(&key)).flatten(),
        })
    }

    fn beside_key(&self, path: &str, origin: &Origin) -> Option<String> {
        beside_key(path, origin, |key| {
            self.index
                .files
                .get(key)
                .is_some_and(|source| source.starts_with(CONTENT_DIR))
        })
    }

    /// The way from the page's directory up to the directory of its file: `../` from
    /// `/articles/x/` to `content/articles/`, nothing from a page bundle's page.
    fn up_to_beside(&self, origin: &Origin) -> String {
        let (page, _) = self.relative_key("./", &origin.page);
        let page: Vec<&str> = page.split('/').filter(|s| !s.is_empty()).collect();
        let beside: Vec<&str> = origin
            .beside
            .as_deref()
            .unwrap_or_default()
            .split('/')
            .filter(|s| !s.is_empty())
            .collect();
        let common = page.iter().zip(&beside).take_while(|(a, b)| a == b).count();
        "../".repeat(page.len() - common) + &page_url("", &beside[common..])
    }

    /// The width and height of the image published at `key`, read from its file; none when
    /// it is not a file of the site or not an image this can read.
    fn image_size(&self, key: &str) -> Option<(u32, u32)> {
        let source = self.index.files.get(key)?;
        let size = imagesize::size(self.index.root.join(source)).ok()?;
        Some((
            u32::try_from(size.width).ok()?,
            u32::try_from(size.height).ok()?,
        ))
    }

    /// Why `path` (a link's or image's, written in `origin`) names nothing of the site, with
    /// the closest file beside the file it is written in, else the closest path of the site.
    fn not_found(
        &self,
        path: &str,
        key: &str,
        origin: &Origin,
        shown: &str,
        is_image: bool,
    ) -> LinkProblem {
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let beside_files = origin
            .beside
            .as_deref()
            .filter(|_| !path.starts_with('/'))
            .into_iter()
            .flat_map(|beside| {
                let prefix = if beside.is_empty() {
                    String::new()
                } else {
                    format!("{beside}/")
                };
                self.index.files.iter().filter_map(move |(output, source)| {
                    let name = output.strip_prefix(&prefix)?;
                    source.starts_with(CONTENT_DIR).then_some(name)
                })
            });
        let hint = match did_you_mean(decoded.trim_start_matches("./"), beside_files) {
            Some(close) => format!("did you mean `{close}`? (the file beside the article)"),
            None => match did_you_mean(
                key,
                self.index
                    .outputs
                    .iter()
                    .map(|o| o.trim_end_matches("index.html").trim_end_matches('/')),
            ) {
                Some(close) => format!("did you mean `{}{close}`?", self.index.base_path),
                None if is_image => "put the image beside the article, or in `static/`".to_string(),
                None => "link to a page or file the site publishes".into(),
            },
        };
        let (kind, message) = if is_image {
            let beside = match origin.beside.as_deref().filter(|_| !path.starts_with('/')) {
                Some(beside) => {
                    let (key, _) = relative_key("/", path, &format!("/{beside}/"));
                    format!("neither `{CONTENT_DIR}/{key}` beside the article nor ")
                }
                None => String::new(),
            };
            (
                DiagnosticKind::BrokenImage,
                format!(
                    "the image{shown} `{path}` is not among the site's files: {beside}`{}{key}`",
                    self.index.base_path
                ),
            )
        } else {
            (
                DiagnosticKind::BrokenLink,
                format!(
                    "broken link{shown}: the site has no `{}{key}`",
                    self.index.base_path
                ),
            )
        };
        LinkProblem {
            kind,
            message,
            hint,
        }
    }

    /// An article's `image` of the site that the site does not publish, at its place in the
    /// front matter, with the closest file the site has.
    pub(super) fn image_problem(
        &self,
        article: &crate::model::Article,
        origin: &Origin,
    ) -> Option<Diagnostic> {
        let image = article.front.image.as_ref()?;
        let Some(ImageTarget::Site(path)) = image_target(image) else {
            return None;
        };
        let problem = self.resolve_relative(path, origin, "", true).err()?;
        Some(
            problem
                .at(&article.path)
                .at_span(&article.source_text, image.span),
        )
    }

    fn relative_key(&self, path: &str, from_url: &str) -> (String, bool) {
        relative_key(&self.index.base_path, path, from_url)
    }
}

/// The output path of the file under `content/` that `path` (a relative path without `#` or
/// `?`) names from the directory of the file it is written in, if `is_content_file` says there
/// is one: such a file is published where it lies under `content/`, whatever the page's URL.
pub fn beside_key(
    path: &str,
    origin: &Origin,
    is_content_file: impl Fn(&str) -> bool,
) -> Option<String> {
    let beside = origin
        .beside
        .as_deref()
        .filter(|_| !path.starts_with('/'))?;
    let (key, _) = relative_key("/", path, &format!("/{beside}/"));
    is_content_file(&key).then_some(key)
}

/// The output path a relative or root-relative link's path (without `#` or `?`) names, as
/// seen from `from_url` in a site at `base_path`, and whether it names a directory.
pub fn relative_key(base_path: &str, path: &str, from_url: &str) -> (String, bool) {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let joined = if let Some(absolute) = decoded.strip_prefix('/') {
        let base = base_path.trim_start_matches('/');
        absolute.strip_prefix(base).unwrap_or(absolute).to_string()
    } else {
        let from = percent_encoding::percent_decode_str(from_url).decode_utf8_lossy();
        let from = from.strip_prefix(base_path).unwrap_or(&from).to_string();
        let directory = match from.rfind('/') {
            Some(i) => &from[..=i],
            None => "",
        };
        format!("{directory}{decoded}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    let key = parts.join("/");
    let is_dir = joined.ends_with('/') || key.is_empty();
    (key, is_dir)
}

/// `content/articles/x.md` → `articles/x.md`.
pub(super) fn content_relative(path: &Path) -> String {
    path.strip_prefix(CONTENT_DIR)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
