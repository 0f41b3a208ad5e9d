//! Slugs and URL paths. Arabic stays Arabic: on disk a directory has its Unicode name, and in
//! links the same name is percent-encoded, which browsers show readable again.

use crate::arabic::is_ignorable;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// Characters that may not appear raw in a path segment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'%')
    .add(b'/')
    .add(b'\\')
    .add(b'|')
    .add(b'^')
    .add(b'[')
    .add(b']')
    .add(b'\'');

/// A slug from any text: letters and digits of every script kept (Latin lowercased), marks
/// dropped, every other run of characters made one `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if is_ignorable(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Joins path segments into a root-relative URL under `base_path`, percent-encoding each
/// segment and ending in `/` (a directory with its `index.html`).
pub fn page_url(base_path: &str, segments: &[&str]) -> String {
    let mut url = base_path.to_string();
    for segment in segments.iter().filter(|s| !s.is_empty()) {
        url.extend(utf8_percent_encode(segment, SEGMENT));
        url.push('/');
    }
    url
}

/// Whether a URL from content may become a link: no `javascript:`, `vbscript:`, `data:` or
/// `file:` scheme, however it is spelled (case, spaces, control characters).
pub fn is_safe_url(url: &str) -> bool {
    let compact: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|&c| !matches!(c, '/' | '?' | '#'))
        .collect::<String>()
        .to_ascii_lowercase();
    match compact.split_once(':') {
        Some((scheme, _)) => !matches!(scheme, "javascript" | "vbscript" | "data" | "file"),
        None => true,
    }
}

/// The first invisible control in `text`: a control of text direction (bidi embeddings,
/// overrides, isolates and marks), which reorders what follows, or a character that shows
/// nothing at all (zero-width space, word joiner, soft hyphen, BOM). In a URL or a tag either
/// makes it look like another.
pub fn invisible_control(text: &str) -> Option<char> {
    text.chars().find(|&c| is_invisible_control(c))
}

pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A direction control, or a character with no width and no effect on the letters around it.
/// (ZWNJ and ZWJ are left out: they change how Arabic letters join, and are part of the
/// spelling of Persian and Urdu words.)
pub fn is_invisible_control(c: char) -> bool {
    is_direction_control(c) || matches!(c, '\u{200B}' | '\u{2060}' | '\u{00AD}' | '\u{FEFF}')
}

/// Whether a slug from front matter can be one path segment of the output.
/// The longest file name most file systems take, in bytes: a URL segment is a directory name.
pub const MAX_SEGMENT_BYTES: usize = 255;

pub fn is_valid_slug(slug: &str) -> bool {
    invisible_control(slug).is_none()
        && !slug.is_empty()
        && slug.len() <= MAX_SEGMENT_BYTES
        // `.`, `..`, and hidden names such as `.git`: an output's hidden entries are the
        // user's (a checkout's `.git`), which a page must never replace.
        && !slug.starts_with('.')
        && !slug.contains(['/', '\\', '?', '#', '%'])
        && !slug.chars().any(char::is_control)
        && slug.trim() == slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_arabic_readable() {
        let cases = [
            ("كوريا الشمالية", "كوريا-الشمالية"),
            ("حرب أوكرانيا!", "حرب-أوكرانيا"),
            ("تَعَاوُن إستراتيجي", "تعاون-إستراتيجي"),
            ("Kim Jong Un", "kim-jong-un"),
            ("  -- a  b --", "a-b"),
            ("2022: عام", "2022-عام"),
        ];
        for (input, expected) in cases {
            assert_eq!(slugify(input), expected, "{input}");
        }
    }

    #[test]
    fn urls_are_percent_encoded() {
        assert_eq!(page_url("/", &["articles", "x"]), "/articles/x/");
        assert_eq!(
            page_url("/news/", &["tags", "روسيا"]),
            "/news/tags/%D8%B1%D9%88%D8%B3%D9%8A%D8%A7/"
        );
        assert_eq!(page_url("/", &["a b", "c#d"]), "/a%20b/c%23d/");
        assert_eq!(page_url("/", &[]), "/");
    }

    #[test]
    fn script_urls_are_unsafe() {
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_url(bad), "{bad:?}");
        }
        for good in [
            "https://a.org/x:y",
            "/articles/x/",
            "#note",
            "mailto:a@b.org",
            "a/b:c",
        ] {
            assert!(is_safe_url(good), "{good:?}");
        }
    }

    #[test]
    fn slugs_that_escape_their_directory_are_refused() {
        for bad in [
            "",
            "..",
            "a/b",
            "a\\b",
            " x",
            "x?",
            "abc\u{202E}fdp.exe",
            "a\u{200F}b",
            "a\u{200B}b",
            "\u{FEFF}ab",
        ] {
            assert!(!is_valid_slug(bad), "{bad:?}");
        }
        assert!(is_valid_slug("قمة-فلاديفوستوك"));
        // A ZWNJ is part of how Persian words are spelt.
        assert!(is_valid_slug("می\u{200C}خواهم"));
    }
}
