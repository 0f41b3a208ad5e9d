//! Stage 2b: parsed files become a `Site`: articles with slugs and URLs, sections, the
//! glossary; drafts dropped; pages that would share a URL refused.

use crate::diagnostics::{Diagnostic, DiagnosticKind, Diagnostics};
use crate::model::{Article, Located, Section, SiteConfig, Span};
use crate::pipeline::annotate::Glossary;
use crate::pipeline::frontmatter::{self, ParsedPage};
use crate::pipeline::load::{SiteFiles, SourceFile, CONTENT_DIR};
use crate::urls::{invisible_control, is_direction_control, is_valid_slug};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::sync::Arc;
use tags::{tag_problems, tags_spelled_apart};

mod tags;

pub struct Site {
    pub config: SiteConfig,
    /// Published articles, newest first (then by title and path, for a stable order). Shared
    /// with the parse cache: a rebuild copies no article that did not change.
    pub articles: Vec<Arc<Article>>,
    /// Sections that have an `_index.md`, by name.
    pub sections: Vec<Section>,
    /// `content/_index.md`, if the site has one.
    pub home: Option<Section>,
    pub glossary: Arc<Glossary>,
    /// Drafts left out of the build, by path under `content/` and slug: a link to one is an
    /// error that says so.
    pub drafts: Vec<(String, String)>,
    /// Pages left out for an error of their own: a link to one is not reported as broken too.
    pub failed: Vec<FailedPage>,
    /// Whether `glossary.yaml` failed: links to its entries are then not reported as broken.
    pub glossary_failed: bool,
}

/// A page left out for an error of its own (its front matter, its slug, its notes, a URL
/// another page has), as links may name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedPage {
    /// Its path under `content/`: `articles/x.md`.
    pub path: String,
    /// `section/slug` for each slug a link may mean: the one it has or was to have, and the
    /// file name's.
    pub urls: Vec<String>,
}

impl FailedPage {
    /// An article that failed after it was read, by its path and its URL.
    pub fn of_article(article: &Article) -> FailedPage {
        let relative = article
            .path
            .strip_prefix(CONTENT_DIR)
            .unwrap_or(&article.path);
        FailedPage {
            path: relative.to_string_lossy().replace('\\', "/"),
            urls: vec![article.path_segments().join("/")],
        }
    }
}

/// Parsed files kept between builds: a file whose text is the same `Arc` as last time is not
/// parsed or checked again, and a glossary whose text is unchanged keeps its compiled matcher.
/// Valid for one setting of `drafts`.
#[derive(Default)]
pub struct ParseCache {
    /// By path (as bytes: hashing a `Path` walks its components).
    pages: HashMap<OsString, (Arc<str>, Parsed)>,
    glossary: Option<(Arc<str>, Arc<Glossary>)>,
    ordered: Option<Ordered>,
}

/// The last site's articles in its order, with the warnings found among them: the same
/// articles with the same front matter, written the same, are in the same order and have the
/// same warnings at the same places. Kept unless two of them had one URL.
struct Ordered {
    articles: Vec<Arc<Article>>,
    /// Each article's place in `articles`, by path.
    places: HashMap<OsString, usize>,
    tags_spelled_apart: Vec<Diagnostic>,
}

impl Ordered {
    /// Takes `reparsed`, the articles parsed anew, in the places of their last versions, if
    /// the site has `count` articles and each of them has the front matter it had, written
    /// the same: the others are the last site's. Whether it did.
    fn take(&mut self, count: usize, reparsed: &[Arc<Article>]) -> bool {
        let places: Option<Vec<usize>> = reparsed
            .iter()
            .map(|article| {
                let &at = self.places.get(article.path.as_os_str())?;
                let last = &self.articles[at];
                (last.source_text[..last.body_offset] == article.source_text[..article.body_offset])
                    .then_some(at)
            })
            .collect();
        let Some(places) = places.filter(|_| count == self.articles.len()) else {
            return false;
        };
        for (at, article) in places.into_iter().zip(reparsed) {
            self.articles[at] = article.clone();
        }
        true
    }
}

/// What one content file adds to the site.
#[derive(Clone)]
enum Parsed {
    /// An article, with the warnings about it.
    Article(Arc<Article>, Vec<Diagnostic>),
    Section(Section),
    /// A draft left out, by its path under `content/` and its slug.
    Draft(String, String),
    /// A page left out for an error of its own, with the names links give it.
    Failed(Diagnostics, FailedPage),
}

impl ParseCache {
    /// The page as the site holds it, and whether it was parsed anew.
    fn parse(&self, file: &SourceFile, drafts: bool) -> (Parsed, bool) {
        match self.pages.get(file.path.as_os_str()) {
            Some((text, parsed)) if Arc::ptr_eq(text, &file.text) => (parsed.clone(), false),
            _ => match frontmatter::parse_page(file) {
                Ok(page) => (prepare(file, page, drafts), true),
                Err(diagnostic) => (Parsed::Failed(diagnostic, failed_page(file, None)), true),
            },
        }
    }

    /// The glossary of `file`: the one kept if its text is unchanged, else parsed and compiled.
    fn glossary(&self, file: &SourceFile) -> Result<Arc<Glossary>, Diagnostics> {
        // Compared by value: a save that leaves the text as it was keeps the compiled glossary
        // and its entries, which annotations and popovers made from it share.
        if let Some((text, glossary)) = &self.glossary {
            if text[..] == file.text[..] {
                return Ok(glossary.clone());
            }
        }
        let entries = frontmatter::parse_glossary(file)?;
        Ok(Arc::new(Glossary::new(entries, &file.path, &file.text)?))
    }
}

/// Parses every page into a `Site`. Pages with errors are left out and their problems
/// returned beside it, so later stages can still check the rest.
pub fn collect(
    files: &SiteFiles,
    config: SiteConfig,
    drafts: bool,
    cache: &mut ParseCache,
) -> (Site, Diagnostics) {
    let mut problems = Diagnostics::default();
    // The glossary is parsed and compiled on one thread while the others parse the pages.
    let (glossary, parsed) = rayon::join(
        || files.glossary.as_ref().map(|file| cache.glossary(file)),
        || -> Vec<(&SourceFile, (Parsed, bool))> {
            files
                .pages
                .par_iter()
                .map(|file| (file, cache.parse(file, drafts)))
                .collect()
        },
    );
    for (file, (result, fresh)) in &parsed {
        if *fresh {
            cache.pages.insert(
                file.path.as_os_str().to_owned(),
                (file.text.clone(), result.clone()),
            );
        }
    }
    if cache.pages.len() > files.pages.len() {
        let present: rustc_hash::FxHashSet<&OsStr> =
            files.pages.iter().map(|f| f.path.as_os_str()).collect();
        cache
            .pages
            .retain(|path, _| present.contains(path.as_os_str()));
    }

    let mut articles = Vec::new();
    let mut reparsed = Vec::new();
    let mut sections = Vec::new();
    let mut home = None;
    let mut draft_pages = Vec::new();
    let mut failed = Vec::new();
    for (_, (parsed, fresh)) in parsed {
        match parsed {
            Parsed::Article(article, warnings) => {
                problems.extend(warnings);
                if fresh {
                    reparsed.push(article.clone());
                }
                articles.push(article);
            }
            Parsed::Section(section) if section.name.is_empty() => home = Some(section),
            Parsed::Section(section) => sections.push(section),
            Parsed::Draft(path, slug) => draft_pages.push((path, slug)),
            Parsed::Failed(diagnostics, page) => {
                problems.extend(diagnostics.0);
                failed.push(page);
            }
        }
    }

    // An edit of articles' text alone leaves the order, and what it shows, as they were.
    let kept = cache
        .ordered
        .as_mut()
        .and_then(|last| last.take(articles.len(), &reparsed).then_some(last));
    let articles = match kept {
        Some(last) => {
            problems.extend(last.tags_spelled_apart.iter().cloned());
            last.articles.clone()
        }
        None => {
            let (articles, clashes) = order(articles, &mut problems, &mut failed);
            let tags = tags_spelled_apart(&articles);
            problems.extend(tags.iter().cloned());
            cache.ordered = (!clashes).then(|| Ordered {
                places: articles
                    .iter()
                    .enumerate()
                    .map(|(at, a)| (a.path.as_os_str().to_owned(), at))
                    .collect(),
                articles: articles.clone(),
                tags_spelled_apart: tags,
            });
            articles
        }
    };

    let glossary = match (glossary, &files.glossary) {
        (Some(Ok(glossary)), Some(file)) => {
            cache.glossary = Some((file.text.clone(), glossary.clone()));
            Some(glossary)
        }
        (Some(Err(more)), _) => {
            problems.extend(more.0);
            None
        }
        _ => Some(Arc::new(Glossary::empty())),
    };

    let glossary_failed = glossary.is_none();
    sections.sort_by(|a, b| a.name.cmp(&b.name));
    let site = Site {
        config,
        articles,
        sections,
        home,
        glossary: glossary.unwrap_or_else(|| Arc::new(Glossary::empty())),
        drafts: draft_pages,
        failed,
        glossary_failed,
    };
    (site, problems.sorted())
}

/// The site's articles newest first, without those that publish to a URL another has (each
/// is an error, and a failed page); with whether there were any.
fn order(
    mut articles: Vec<Arc<Article>>,
    problems: &mut Diagnostics,
    failed: &mut Vec<FailedPage>,
) -> (Vec<Arc<Article>>, bool) {
    // Two articles may not publish to one URL.
    // An article's URL is its section's path and its slug.
    let mut by_url: HashMap<(&str, &str), &Arc<Article>> = HashMap::default();
    let mut clashing = Vec::new();
    for article in &articles {
        if let Some(first) = by_url.insert((&article.section, &article.slug), article) {
            // Blame the page whose own `slug:` caused the clash, if only one of them has one.
            let (article, first) = if article.front.slug.is_none() && first.front.slug.is_some() {
                (first, article)
            } else {
                (article, first)
            };
            let text = &article.source_text;
            let mut diagnostic = Diagnostic::error(
                DiagnosticKind::DuplicateUrl,
                &article.path,
                format!(
                    "this page has the same URL as {}",
                    crate::diagnostics::display_path(&first.path)
                ),
            )
            .with_hint("give one of them another `slug:`");
            diagnostic = match article.front.slug.as_ref().and_then(|slug| slug.span) {
                Some(span) => diagnostic.at_span(text, Some(span)),
                None => diagnostic.at_position(1, 1),
            };
            problems.push(diagnostic);
            clashing.push(article.path.clone());
        }
    }
    for article in articles.iter().filter(|a| clashing.contains(&a.path)) {
        failed.push(FailedPage::of_article(article));
    }
    articles.retain(|a| !clashing.contains(&a.path));

    // No two articles have the same path: the order is total, and sorting need not be stable.
    articles.sort_unstable_by(|a, b| {
        b.front
            .date
            .cmp(&a.front.date)
            .then_with(|| a.front.title.cmp(&b.front.title))
            .then_with(|| a.path.cmp(&b.path))
    });
    (articles, !clashing.is_empty())
}

/// Makes a parsed page what the site holds of it, with the problems only its own file shows.
fn prepare(file: &SourceFile, page: ParsedPage, drafts: bool) -> Parsed {
    let (front, body, body_offset) = match page {
        ParsedPage::Section {
            meta,
            body,
            body_offset,
        } => {
            return Parsed::Section(Section {
                name: section_of(&file.path),
                path: file.path.clone(),
                meta,
                body,
                body_offset,
                source_text: file.text.clone(),
            })
        }
        ParsedPage::Article {
            front,
            body,
            body_offset,
        } => (front, body, body_offset),
    };
    let (section_name, named) = place_of(&file.path);
    let slug = front.slug.as_deref().cloned().unwrap_or(named);
    if front.draft && !drafts {
        let relative = file.path.strip_prefix(CONTENT_DIR).unwrap_or(&file.path);
        return Parsed::Draft(relative.to_string_lossy().replace('\\', "/"), slug);
    }
    if !is_valid_slug(&slug) {
        return Parsed::Failed(
            bad_slug(file, &slug, front.slug.as_ref()).into(),
            failed_page(file, Some(&slug)),
        );
    }
    let mut warnings = Vec::new();
    if body.trim().is_empty() {
        let line = text_lines(&file.text);
        warnings.push(
            Diagnostic::warning(
                DiagnosticKind::EmptyArticle,
                &file.path,
                "the article has no text after its front matter",
            )
            .at_position(line, 1)
            .with_hint("write the article below the closing `---`"),
        );
    }
    warnings.extend(xml_forbidden_characters(file, &front));
    warnings.extend(tag_problems(file, &front));
    warnings.extend(frontmatter::arabic_commas(
        &file.path,
        &file.text,
        "tags",
        front.tags.iter().map(|tag| tag.span),
    ));
    warnings.extend(publishing_problems(file, &front));
    Parsed::Article(
        Arc::new(Article {
            path: file.path.clone(),
            section: section_name,
            slug,
            front,
            body,
            body_offset,
            source_text: file.text.clone(),
        }),
        warnings,
    )
}

/// The number of the last line of `text`.
fn text_lines(text: &str) -> usize {
    text.trim_end_matches('\n').matches('\n').count() + 1
}

/// `content/a/b/x.md` is in section `a/b`; `content/x.md` in `""`.
fn section_of(path: &Path) -> String {
    let relative = path.strip_prefix(CONTENT_DIR).unwrap_or(path);
    relative
        .parent()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default()
}

/// The section of an article's file and the slug its name gives. A page bundle,
/// `content/<section>/<name>/index.md` with its files beside it, is the article `<name>` of
/// `<section>`, so that its files are published beside its page; any other file is named by
/// its stem, in the section of its directory.
fn place_of(path: &Path) -> (String, String) {
    let directory = path.parent().unwrap_or(Path::new(""));
    let is_bundle = path.file_name().is_some_and(|n| n == "index.md")
        && directory != Path::new(CONTENT_DIR)
        && directory.starts_with(CONTENT_DIR);
    let (named, slug) = if is_bundle {
        (directory, directory.file_name())
    } else {
        (path, path.file_stem())
    };
    let slug = slug.unwrap_or_default().to_string_lossy().into_owned();
    (section_of(named), slug)
}

/// A warning for each front-matter field that feeds or the sitemap carry and that holds a
/// character XML 1.0 forbids (a control character pasted from a word processor, or written as
/// a YAML escape such as `"\b"`): feeds leave such characters out, so that readers still accept
/// them.
fn xml_forbidden_characters(
    file: &SourceFile,
    front: &crate::model::FrontMatter,
) -> Vec<Diagnostic> {
    let source = front.source.as_ref();
    // (the key it is written under, its value)
    let fields = [
        ("title", Some(&front.title)),
        ("summary", front.summary.as_ref()),
        ("author", front.author.as_ref()),
        ("translator", front.translator.as_ref()),
        ("title", source.and_then(|s| s.title.as_ref())),
        ("outlet", source.and_then(|s| s.outlet.as_ref())),
        ("author", source.and_then(|s| s.author.as_ref())),
    ];
    let tags = front.tags.iter().map(|t| ("tags", t.name.as_str(), t.span));
    control_characters(file, fields.into_iter().filter_map(given).chain(tags))
}

/// The warnings about control characters for the settings feeds carry (the site's title,
/// description and author) and for the glossary's names and summaries (entry feeds and the
/// search index); and about Arabic commas in the glossary's lists of forms and exceptions.
pub fn config_and_glossary_warnings(
    config_file: &SourceFile,
    config: &SiteConfig,
    glossary_file: Option<&SourceFile>,
    glossary: &Glossary,
) -> Vec<Diagnostic> {
    let settings = [
        ("title", Some(&config.title)),
        ("description", config.description.as_ref()),
        ("author", config.author.as_ref()),
    ];
    let mut warnings = control_characters(config_file, settings.into_iter().filter_map(given));
    if let Some(file) = glossary_file {
        for entry in glossary.entries.iter() {
            let fields = [
                ("term", Some(&entry.term)),
                ("original", entry.original.as_ref()),
                ("latin", entry.latin.as_ref()),
                ("summary", Some(&entry.summary)),
            ];
            warnings.extend(control_characters(
                file,
                fields.into_iter().filter_map(given),
            ));
            for (key, items) in [("variants", &entry.variants), ("except", &entry.except)] {
                let spans = items.iter().map(|item| item.span);
                warnings.extend(frontmatter::arabic_commas(
                    &file.path, &file.text, key, spans,
                ));
            }
        }
    }
    warnings
}

/// A field that is given, as `control_characters` reads it.
fn given<'a>(
    (key, value): (&'a str, Option<&'a Located<String>>),
) -> Option<(&'a str, &'a str, Option<Span>)> {
    value.map(|value| (key, value.as_str(), value.span))
}

/// A warning while `base_url` is still an example's address (`hashiya init` writes
/// `https://example.org/`): every canonical link, feed and the sitemap would point there.
pub fn example_base_url_warning(
    config_file: &SourceFile,
    config: &SiteConfig,
) -> Option<Diagnostic> {
    let url = config.base_url.as_str();
    if !is_example_host(frontmatter::url_host(url)) {
        return None;
    }
    let diagnostic = Diagnostic::warning(
        DiagnosticKind::ExampleBaseUrl,
        &config_file.path,
        format!("`base_url` is still an example address, `{url}`"),
    )
    .with_hint(
        "write the address the site will be published at; canonical links, feeds and the \
         sitemap are made from it (a path such as `/` will do until you know it)",
    );
    Some(diagnostic.at_span(&config_file.text, config.base_url.span))
}

/// The names reserved for examples (RFC 2606): `example.org`, `example.com`, `example.net`
/// and what is under them, and the `.example` top-level domain.
fn is_example_host(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    ["example.org", "example.com", "example.net", "example"]
        .iter()
        .any(|name| host == *name || host.ends_with(&format!(".{name}")))
}

/// A warning for each field (its key, its value and where it is written) whose value holds a
/// character XML 1.0 forbids.
fn control_characters<'a>(
    file: &SourceFile,
    fields: impl Iterator<Item = (&'a str, &'a str, Option<Span>)>,
) -> Vec<Diagnostic> {
    fields
        .filter_map(|(key, value, span)| {
            let bad = value
                .chars()
                .find(|&c| !crate::pipeline::render::is_xml_char(c))?;
            let diagnostic = Diagnostic::warning(
                DiagnosticKind::ControlCharacter,
                &file.path,
                format!(
                    "`{key}` holds the control character U+{:04X}, which feeds leave out",
                    bad as u32
                ),
            )
            .with_hint("remove it (it was probably pasted from a word processor)");
            Some(diagnostic.at_span(&file.text, span))
        })
        .collect()
}

/// An `updated` before `date`, and an `image` that is neither a path of the site nor an
/// http(s) URL. Whether the image's file exists is checked with the links, which know every
/// file the site publishes.
fn publishing_problems(file: &SourceFile, front: &crate::model::FrontMatter) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if let Some(updated) = front.updated.filter(|updated| **updated < front.date) {
        problems.push(
            Diagnostic::error(
                DiagnosticKind::UpdatedBeforeDate,
                &file.path,
                format!("`updated` ({updated}) is before `date` ({})", front.date),
            )
            .with_hint("an article is revised after it is published: correct one of the dates")
            .at_span(&file.text, updated.span),
        );
    }
    if let Some(image) = &front.image {
        if image_target(image).is_none() {
            problems.push(
                Diagnostic::error(
                    DiagnosticKind::InvalidImage,
                    &file.path,
                    format!("`image` must be a path of the site or an http(s) URL, not `{image}`"),
                )
                .with_hint("write the image's path as a Markdown image in the article would name it (`photo.jpg`, `/images/photo.jpg`), or its `https://` address")
                .at_span(&file.text, image.span),
            );
        }
    }
    problems
}

/// What an article's `image` names: a path of the site (as a Markdown image would name it),
/// or the address of an image elsewhere; none for anything else (`javascript:`, `@/x.md`).
pub enum ImageTarget<'a> {
    Site(&'a str),
    External(&'a str),
}

pub fn image_target(image: &str) -> Option<ImageTarget<'_>> {
    use crate::pipeline::markdown::{link_target, LinkTarget};
    let lower = image.to_ascii_lowercase();
    match link_target(image, false) {
        Some(LinkTarget::Relative { .. }) if !image.starts_with('#') => {
            Some(ImageTarget::Site(image))
        }
        None if (lower.starts_with("https://") || lower.starts_with("http://"))
            && crate::urls::is_safe_url(image) =>
        {
            Some(ImageTarget::External(image))
        }
        _ => None,
    }
}

/// A page that failed, as links name it: its path under `content/`, and `section/slug` for
/// the slug it has (`slug`, when its front matter was read), the slug its front matter gives on
/// a line of its own (as written, escapes and all), and its file name; each also without what
/// made it invalid (invisible controls, a leading `.`, spaces at its ends), which is how links
/// written before the mistake name it.
fn failed_page(file: &SourceFile, slug: Option<&str>) -> FailedPage {
    let relative = file.path.strip_prefix(CONTENT_DIR).unwrap_or(&file.path);
    // Its front matter may not have parsed, and then no value says where it was written: the
    // slug is read from the first line that starts with `slug:`.
    let written = file.text.lines().find_map(|line| {
        let value = line.trim_start_matches([' ', '-']).strip_prefix("slug:")?;
        Some(value.trim().trim_matches(['"', '\'']).to_string())
    });
    let (section, stem) = place_of(&file.path);
    let mut urls = Vec::new();
    for slug in [slug.map(str::to_string), written, Some(stem)]
        .into_iter()
        .flatten()
    {
        let visible = |c: char| !crate::urls::is_invisible_control(c) && !c.is_control();
        let cleaned: String = slug.chars().filter(|&c| visible(c)).collect();
        let cleaned = cleaned.trim().trim_start_matches('.').trim().to_string();
        for slug in [slug, cleaned] {
            if slug.is_empty() {
                continue;
            }
            let url = if section.is_empty() {
                slug
            } else {
                format!("{section}/{slug}")
            };
            if !urls.contains(&url) {
                urls.push(url);
            }
        }
    }
    FailedPage {
        path: relative.to_string_lossy().replace('\\', "/"),
        urls,
    }
}

/// What an invisible control found in a slug or a tag is called in its error.
fn invisible_kind(c: char) -> &'static str {
    if is_direction_control(c) {
        "invisible direction control"
    } else {
        "invisible character"
    }
}

/// Why `slug` cannot be the last segment of the article's URL, at the place it is written:
/// `written` is the front matter's `slug:`; without it the slug comes from the file's name.
fn bad_slug(file: &SourceFile, slug: &str, written: Option<&Located<String>>) -> Diagnostic {
    let place = written.and_then(|written| written.span);
    let written = written.is_some();
    let what = if written { "the slug" } else { "the file name" };
    let segment = "a slug is one path segment of at most 255 bytes: no `/`, `\\`, `?`, `#`, `%`, and no `.` at its start";
    let diagnostic = match invisible_control(slug) {
        Some(c) => {
            let kind = invisible_kind(c);
            let hint = if written {
                "delete the slug and type it again: the control cannot be seen, only removed"
            } else {
                "rename the file (type its name again: the control cannot be seen, only removed), or give the article a `slug:`"
            };
            Diagnostic::error(
                DiagnosticKind::InvisibleControl,
                &file.path,
                format!(
                    "{what} holds the {kind} U+{:04X}, which makes its URL look like another",
                    c as u32
                ),
            )
            .with_hint(hint)
        }
        None if written => Diagnostic::error(
            DiagnosticKind::InvalidSlug,
            &file.path,
            format!("`{slug}` cannot be a URL segment"),
        )
        .with_hint(segment),
        None => Diagnostic::error(
            DiagnosticKind::InvalidSlug,
            &file.path,
            format!("the file name `{slug}` cannot be a URL segment"),
        )
        .with_hint(format!(
            "rename the file, or give the article a `slug:`; {segment}"
        )),
    };
    diagnostic.at_span(&file.text, place)
}
