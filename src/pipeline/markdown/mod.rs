//! The one place Markdown becomes HTML. Every body, note and glossary text goes through here;
//! the annotator sees the body's plain text and wraps what it finds.

use crate::arabic::dates::with_digits;
use crate::model::{DigitStyle, RawHtml};
use crate::pipeline::links::UnresolvedHtml;
use crate::urls::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

mod link_refs;

use link_refs::extract_links;
pub(crate) use link_refs::link_target;
pub use link_refs::{link_placeholder, link_text_placeholder, LinkRef, LinkTarget};

/// A wrapper the annotator puts around `start..end` (byte offsets into one text chunk).
/// Spans of one chunk are sorted by start and nest properly (outer first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub open: String,
    pub close: String,
}

/// Finds what to mark in a page's text. It gets every eligible text chunk of the page at
/// once, in document order, and returns the spans of each.
pub trait Annotator {
    fn annotate(&mut self, chunks: &[&str]) -> Vec<Vec<Span>>;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: UnresolvedHtml,
    pub headings: Vec<Heading>,
    /// Links to pages and files of the site, in order. In `html` each one's `href` is the
    /// placeholder `#hashiya-link-N` until `links::resolve` fills it in.
    pub links: Vec<LinkRef>,
    /// Where `[[` was written but no link came of it.
    pub malformed_links: Vec<Range<usize>>,
    /// The text a reader sees, without markup: for search.
    pub text: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// Parses Markdown into events with their source ranges; soft breaks become text (a term may
/// run across a line break) and neighbouring text events are merged.
fn parse(markdown: &str) -> (Vec<Event<'_>>, Vec<Range<usize>>) {
    let mut events: Vec<Event> = Vec::new();
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let event = match event {
            Event::SoftBreak => Event::Text(CowStr::Borrowed("\n")),
            other => other,
        };
        if let (Event::Text(text), Some(Event::Text(previous))) = (&event, events.last_mut()) {
            let mut merged = previous.to_string();
            merged.push_str(text);
            *previous = CowStr::Boxed(merged.into_boxed_str());
            if let Some(last) = ranges.last_mut() {
                last.end = range.end;
            }
            continue;
        }
        events.push(event);
        ranges.push(range);
    }
    (events, ranges)
}

/// Renders a Markdown document, the numbers of its footnotes in `digits`. Text inside code,
/// links, images and raw HTML is never given to the annotator.
pub fn render(
    markdown: &str,
    raw_html: RawHtml,
    digits: DigitStyle,
    annotator: Option<&mut dyn Annotator>,
) -> Rendered {
    let (events, ranges) = parse(markdown);
    let mut events: Vec<Event> = events.into_iter().map(neutralise_urls).collect();
    let (links, malformed_links) = extract_links(&mut events, &ranges);
    let headings = assign_heading_ids(&mut events);
    let text = plain_text(&events);
    let has_raw_html = events
        .iter()
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let has_footnotes = events
        .iter()
        .any(|e| matches!(e, Event::FootnoteReference(_)));

    let sanitize = raw_html == RawHtml::Sanitize && has_raw_html;
    if raw_html == RawHtml::Escape {
        for event in &mut events {
            if let Event::Html(html) | Event::InlineHtml(html) = event {
                *event = Event::Text(std::mem::replace(html, CowStr::Borrowed("")));
            }
        }
    }
    let mut events = images_as_html(events);
    let mut markup = Vec::new();
    if let Some(annotator) = annotator {
        events = annotate_events(events, annotator, sanitize, &mut markup);
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if has_footnotes && digits != DigitStyle::Western {
        html = footnote_digits(&html, digits);
    }
    if sanitize {
        html = sanitize_html(&html);
        html = restore_markup(&html, &markup);
    }
    Rendered {
        html: UnresolvedHtml::new(html),
        headings,
        links,
        malformed_links,
        text,
    }
}

/// The footnote numbers pulldown-cmark writes (always Western), in `digits`: those of the
/// references and of the definitions' labels.
fn footnote_digits(html: &str, digits: DigitStyle) -> String {
    const NUMBERED: [&str; 2] = [
        "<sup class=\"footnote-reference\"><a ",
        "<sup class=\"footnote-definition-label\"",
    ];
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    // Each number is the text just after the end of the tag that follows one of these.
    while let Some(at) = NUMBERED
        .iter()
        .filter_map(|mark| rest.find(mark).map(|at| at + mark.len()))
        .min()
    {
        let Some(tag_end) = rest[at..].find('>') else {
            break;
        };
        let number = at + tag_end + 1;
        let end = rest[number..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(rest.len(), |len| number + len);
        out.push_str(&rest[..number]);
        out.push_str(&with_digits(&rest[number..end], digits));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Each image as the markup it is published with: as pulldown-cmark writes it, and loaded only
/// when the reader scrolls near it. (Its `width` and `height` are the file's, written when its
/// link is filled in.)
fn images_as_html(events: Vec<Event>) -> Vec<Event> {
    let mut out = Vec::with_capacity(events.len());
    let mut events = events.into_iter();
    while let Some(event) = events.next() {
        let Event::Start(Tag::Image {
            dest_url, title, ..
        }) = event
        else {
            out.push(event);
            continue;
        };
        // The alt text is the text of everything inside, nested images included.
        let mut alt = String::new();
        let mut depth = 1;
        for inner in events.by_ref() {
            match inner {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                Event::Text(text) | Event::Code(text) => alt.push_str(&text),
                _ => {}
            }
        }
        let mut html = String::from("<img src=\"");
        let _ = pulldown_cmark_escape::escape_href(&mut html, &dest_url);
        html.push_str("\" alt=\"");
        let _ = pulldown_cmark_escape::escape_html(&mut html, &alt);
        if !title.is_empty() {
            html.push_str("\" title=\"");
            let _ = pulldown_cmark_escape::escape_html(&mut html, &title);
        }
        html.push_str("\" loading=\"lazy\" />");
        out.push(Event::InlineHtml(CowStr::Boxed(html.into_boxed_str())));
    }
    out
}

/// The text of rendered HTML (an entry's summary, its links filled in), without its tags.
pub fn text_of_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

/// The text of the events, blocks separated by a line break.
fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock,
            )
            | Event::HardBreak => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// HTML of one paragraph without its `<p>`; anything else as it is.
pub fn strip_paragraph(html: &str) -> String {
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html.to_string(),
    }
}

/// Links and images may not run script or embed data, whatever the raw HTML setting.
fn neutralise_urls(event: Event) -> Event {
    let safe = |url: CowStr<'_>| -> CowStr<'static> {
        if crate::urls::is_safe_url(&url) {
            into_static(url)
        } else {
            CowStr::Borrowed("#")
        }
    };
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe(dest_url),
            title,
            id,
        }),
        other => other,
    }
}

fn into_static(text: CowStr) -> CowStr<'static> {
    CowStr::Boxed(text.into_string().into_boxed_str())
}

/// Gives every heading an id (its own `{#id}` or a slug of its text), unique in the page.
fn assign_heading_ids(events: &mut [Event]) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used = HashSet::new();
    let mut index = 0;
    while index < events.len() {
        let Event::Start(Tag::Heading { level, id, .. }) = &events[index] else {
            index += 1;
            continue;
        };
        let level = heading_level(*level);
        let explicit = id.as_ref().map(|id| id.to_string());
        let mut text = String::new();
        let mut end = index + 1;
        while end < events.len() && !matches!(events[end], Event::End(TagEnd::Heading(_))) {
            if let Event::Text(t) | Event::Code(t) = &events[end] {
                text.push_str(t);
            }
            end += 1;
        }
        let base = explicit.unwrap_or_else(|| {
            let slug = slugify(&text);
            if slug.is_empty() {
                "section".to_string()
            } else {
                slug
            }
        });
        let mut unique = base.clone();
        let mut n = 1;
        while !used.insert(unique.clone()) {
            unique = format!("{base}-{n}");
            n += 1;
        }
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[index] {
            *id = Some(CowStr::Boxed(unique.clone().into_boxed_str()));
        }
        headings.push(Heading {
            level,
            id: unique,
            text: text.trim().to_string(),
        });
        index = end;
    }
    headings
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Hands the eligible text chunks to the annotator and splices its spans into the events.
/// With `placeholders`, the spans' HTML is stashed in `markup` and only a marker goes into the
/// page, so the sanitiser sees the author's HTML alone and ours is put back after it.
fn annotate_events<'a>(
    events: Vec<Event<'a>>,
    annotator: &mut dyn Annotator,
    placeholders: bool,
    markup: &mut Vec<String>,
) -> Vec<Event<'a>> {
    let mut eligible = Vec::new();
    let mut depth_excluded = 0usize;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(
                Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock,
            ) => depth_excluded += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                depth_excluded = depth_excluded.saturating_sub(1)
            }
            Event::Text(_) if depth_excluded == 0 => eligible.push(i),
            _ => {}
        }
    }
    let chunks: Vec<&str> = eligible
        .iter()
        .map(|&i| match &events[i] {
            Event::Text(t) => t.as_ref(),
            _ => "",
        })
        .collect();
    let spans = annotator.annotate(&chunks);
    let mut spans_of: Vec<Option<Vec<Span>>> = vec![None; events.len()];
    for (&i, chunk_spans) in eligible.iter().zip(spans) {
        if !chunk_spans.is_empty() {
            spans_of[i] = Some(chunk_spans);
        }
    }

    let mut out = Vec::with_capacity(events.len());
    let mut emit_markup = |out: &mut Vec<Event<'a>>, html: String| {
        if placeholders {
            out.push(Event::Text(CowStr::Boxed(
                format!("{PLACEHOLDER_OPEN}{}{PLACEHOLDER_CLOSE}", markup.len()).into_boxed_str(),
            )));
            markup.push(html);
        } else {
            out.push(Event::InlineHtml(CowStr::Boxed(html.into_boxed_str())));
        }
    };
    for (event, spans) in events.into_iter().zip(spans_of) {
        let (Event::Text(text), Some(spans)) = (&event, spans) else {
            out.push(match event {
                Event::Text(t) if placeholders => Event::Text(strip_placeholders(t)),
                other => other,
            });
            continue;
        };
        // Boundaries in order: opens at a start, closes at an end (inner spans close first).
        let mut cuts: Vec<(usize, bool, usize)> = Vec::new();
        for (n, span) in spans.iter().enumerate() {
            cuts.push((span.start, true, n));
            cuts.push((span.end, false, n));
        }
        cuts.sort_by(|a, b| {
            a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then_with(|| {
                if a.1 {
                    a.2.cmp(&b.2)
                } else {
                    b.2.cmp(&a.2)
                }
            })
        });
        let mut position = 0;
        for (at, is_open, n) in cuts {
            if at > position {
                out.push(text_event(&text[position..at], placeholders));
                position = at;
            }
            let span = &spans[n];
            emit_markup(
                &mut out,
                if is_open {
                    span.open.clone()
                } else {
                    span.close.clone()
                },
            );
        }
        if position < text.len() {
            out.push(text_event(&text[position..], placeholders));
        }
    }
    out
}

const PLACEHOLDER_OPEN: char = '\u{E000}';
const PLACEHOLDER_CLOSE: char = '\u{E001}';

fn text_event<'a>(text: &str, placeholders: bool) -> Event<'a> {
    let text = CowStr::Boxed(text.to_string().into_boxed_str());
    Event::Text(if placeholders {
        strip_placeholders(text)
    } else {
        text
    })
}

/// The author's own text may not forge a marker.
fn strip_placeholders(text: CowStr) -> CowStr {
    if text.contains([PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE]) {
        CowStr::Boxed(
            text.replace([PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE], "\u{FFFD}")
                .into_boxed_str(),
        )
    } else {
        text
    }
}

fn restore_markup(html: &str, markup: &[String]) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find(PLACEHOLDER_OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + PLACEHOLDER_OPEN.len_utf8()..];
        match after.find(PLACEHOLDER_CLOSE) {
            Some(close) => {
                if let Some(html) = after[..close]
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| markup.get(n))
                {
                    out.push_str(html);
                }
                rest = &after[close + PLACEHOLDER_CLOSE.len_utf8()..];
            }
            None => rest = after,
        }
    }
    out.push_str(rest);
    out
}

/// Keeps formatting; drops scripts, styles, frames, event handlers and dangerous URLs.
fn sanitize_html(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id", "class", "dir", "lang"])
        .add_tags(["mark", "bdi", "section", "figure", "figcaption"])
        .add_tag_attributes("img", ["loading"])
        .link_rel(None)
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_of_html_has_no_tags_and_no_entities() {
        assert_eq!(
            text_of_html(
                "انظر <a href=\"/articles/summit/\">القمة &amp; ما بعدها</a> &lt;هنا&gt;."
            ),
            "انظر القمة & ما بعدها <هنا>."
        );
    }

    struct MarkWord(&'static str);
    impl Annotator for MarkWord {
        fn annotate(&mut self, chunks: &[&str]) -> Vec<Vec<Span>> {
            chunks
                .iter()
                .map(|chunk| {
                    chunk
                        .match_indices(self.0)
                        .map(|(at, w)| Span {
                            start: at,
                            end: at + w.len(),
                            open: "<b data-x>".into(),
                            close: "</b>".into(),
                        })
                        .collect()
                })
                .collect()
        }
    }

    #[test]
    fn headings_get_unique_slug_ids() {
        let r = render(
            "## تعاون إستراتيجي\n\n## تعاون إستراتيجي\n\n## x {#own}\n",
            RawHtml::Sanitize,
            DigitStyle::Western,
            None,
        );
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["تعاون-إستراتيجي", "تعاون-إستراتيجي-1", "own"]);
        assert!(
            r.html
                .with_placeholders()
                .contains("<h2 id=\"تعاون-إستراتيجي-1\">"),
            "{}",
            r.html.with_placeholders()
        );
    }

    #[test]
    fn annotator_skips_code_links_and_images() {
        let md = "روسيا `روسيا` [روسيا](/x) ![روسيا](/i.png)\n\n```\nروسيا\n```\n";
        let r = render(
            md,
            RawHtml::Sanitize,
            DigitStyle::Western,
            Some(&mut MarkWord("روسيا")),
        );
        assert_eq!(
            r.html.with_placeholders().matches("<b data-x>").count(),
            1,
            "{}",
            r.html.with_placeholders()
        );
    }

    #[test]
    fn annotations_survive_sanitising_and_forged_ones_do_not() {
        let md = "روسيا <b data-x onclick=\"x()\">bold</b><script>alert(1)</script>";
        let r = render(
            md,
            RawHtml::Sanitize,
            DigitStyle::Western,
            Some(&mut MarkWord("روسيا")),
        );
        assert!(
            r.html.with_placeholders().contains("<b data-x>روسيا</b>"),
            "{}",
            r.html.with_placeholders()
        );
        assert!(
            !r.html.with_placeholders().contains("onclick")
                && !r.html.with_placeholders().contains("<script"),
            "{}",
            r.html.with_placeholders()
        );
        assert_eq!(
            r.html.with_placeholders().matches("data-x").count(),
            1,
            "{}",
            r.html.with_placeholders()
        );
    }

    #[test]
    fn raw_html_modes() {
        let md = "a <i>b</i>";
        assert!(render(md, RawHtml::Escape, DigitStyle::Western, None)
            .html
            .with_placeholders()
            .contains("&lt;i&gt;"));
        assert!(render(md, RawHtml::Allow, DigitStyle::Western, None)
            .html
            .with_placeholders()
            .contains("<i>b</i>"));
        assert!(render(md, RawHtml::Sanitize, DigitStyle::Western, None)
            .html
            .with_placeholders()
            .contains("<i>b</i>"));
    }

    #[test]
    fn script_urls_are_neutralised() {
        let html = render(
            "[x](javascript:alert(1)) [y]( JavaScript:alert(1))",
            RawHtml::Allow,
            DigitStyle::Western,
            None,
        )
        .html
        .with_placeholders()
        .to_string();
        assert!(!html.to_lowercase().contains("javascript:"), "{html}");
    }

    #[test]
    fn footnote_numbers_are_written_in_the_digits_asked_for() {
        let md = "نص[^a] ونص[^b].\n\n[^a]: أول.\n[^b]: ثان.\n";
        let arabic = render(md, RawHtml::Sanitize, DigitStyle::Arabic, None)
            .html
            .with_placeholders()
            .to_string();
        let western = render(md, RawHtml::Sanitize, DigitStyle::Western, None)
            .html
            .with_placeholders()
            .to_string();
        assert_eq!(arabic.replace('١', "1").replace('٢', "2"), western);
        assert_eq!(arabic.matches(">١</").count(), 2, "{arabic}");
        assert_eq!(arabic.matches(">٢</").count(), 2, "{arabic}");
    }

    #[test]
    fn inline_markdown_has_no_paragraph() {
        assert_eq!(
            strip_paragraph(
                render("زعيم *كوريا*", RawHtml::Sanitize, DigitStyle::Western, None)
                    .html
                    .with_placeholders()
            ),
            "زعيم <em>كوريا</em>"
        );
    }
}
