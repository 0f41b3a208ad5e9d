//! Links of the site found in a Markdown document: what each names, and the placeholder it
//! carries until `links::resolve` fills it in.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use std::ops::Range;

/// What a link of the site names, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// `[text](@/articles/file.md#anchor)`: a file under `content/`.
    Content {
        path: String,
        anchor: Option<String>,
    },
    /// `[[slug]]`, `[[slug|text]]`, `[[g:id]]`, `[[section/slug#anchor]]`.
    Wiki {
        name: String,
        anchor: Option<String>,
    },
    /// `/articles/x/`, `../x/`, `image.png`, `#anchor`: a path of the built site.
    Relative { url: String },
}

/// One link to something of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub target: LinkTarget,
    /// Byte range of the link in the Markdown source.
    pub span: Range<usize>,
    /// The link's text as written.
    pub text: String,
    /// `[[x]]` without text: the target's title becomes the text (placeholder in `html`).
    pub needs_text: bool,
    /// `![alt](path)`: the placeholder is the image's `src`, and the file must be one.
    pub is_image: bool,
}

/// The `href` a link has until it is resolved.
pub fn link_placeholder(n: usize) -> String {
    format!("#hashiya-link-{n}")
}

/// The text an untitled `[[x]]` has until it is resolved.
pub fn link_text_placeholder(n: usize) -> String {
    format!("{LINK_TEXT_OPEN}{n}{LINK_TEXT_CLOSE}")
}

const LINK_TEXT_OPEN: char = '\u{E002}';
const LINK_TEXT_CLOSE: char = '\u{E003}';

/// Finds the links to the site, gives each a placeholder, and notes stray `[[`.
pub(super) fn extract_links(
    events: &mut [Event],
    ranges: &[Range<usize>],
) -> (Vec<LinkRef>, Vec<Range<usize>>) {
    let mut links = Vec::new();
    let mut malformed = Vec::new();
    let mut in_code = 0usize;
    let mut index = 0;
    while index < events.len() {
        match &events[index] {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Text(text) if in_code == 0 => {
                if let Some(at) = text.find("[[") {
                    let start = ranges[index].start + at.min(ranges[index].len());
                    malformed.push(start..(start + 2).min(ranges[index].end.max(start)));
                }
            }
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    ..
                },
            ) => {
                let is_image = matches!(events[index], Event::Start(Tag::Image { .. }));
                let wiki = matches!(link_type, LinkType::WikiLink { .. });
                let needs_text =
                    !is_image && matches!(link_type, LinkType::WikiLink { has_pothole: false });
                let end = (index + 1..events.len())
                    .find(|&i| matches!(events[i], Event::End(TagEnd::Link | TagEnd::Image)))
                    .unwrap_or(events.len() - 1);
                let target = link_target(dest_url, wiki && !is_image);
                if let Some(target) = target {
                    let text: String = events[index + 1..end]
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let n = links.len();
                    links.push(LinkRef {
                        target,
                        span: ranges[index].clone(),
                        text,
                        needs_text,
                        is_image,
                    });
                    if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) =
                        &mut events[index]
                    {
                        *dest_url = CowStr::Boxed(link_placeholder(n).into_boxed_str());
                    }
                    if needs_text {
                        for event in &mut events[index + 1..end] {
                            *event = Event::Text(CowStr::Borrowed(""));
                        }
                        if index + 1 < end {
                            events[index + 1] = Event::Text(CowStr::Boxed(
                                link_text_placeholder(n).into_boxed_str(),
                            ));
                        }
                    }
                }
                index = end;
            }
            _ => {}
        }
        index += 1;
    }
    (links, malformed)
}

/// What a link's destination names, if it is something of the site.
pub(crate) fn link_target(dest: &str, wiki: bool) -> Option<LinkTarget> {
    let split_anchor = |text: &str| match text.split_once('#') {
        Some((name, anchor)) => (
            name.to_string(),
            Some(anchor.to_string()).filter(|a| !a.is_empty()),
        ),
        None => (text.to_string(), None),
    };
    if wiki {
        let (name, anchor) = split_anchor(dest.trim());
        return Some(LinkTarget::Wiki { name, anchor });
    }
    if let Some(path) = dest.strip_prefix("@/") {
        let (path, anchor) = split_anchor(path);
        return Some(LinkTarget::Content { path, anchor });
    }
    let has_scheme = dest.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme || dest.starts_with("//") || dest.is_empty() {
        return None;
    }
    Some(LinkTarget::Relative {
        url: dest.to_string(),
    })
}
