//! Limits on how deep content may nest, checked by cheap scans before the parsers see it: the
//! YAML parser and the HTML sanitiser take time quadratic in the depth (minutes for a file of
//! half a megabyte), so a pathological save would otherwise stall `build` and freeze `serve`.

use crate::diagnostics::{Diagnostic, DiagnosticKind};
use std::path::Path;

/// No setting of a site nests deeper than a few levels; 64 leaves room for any real data.
pub const MAX_YAML_DEPTH: usize = 64;

/// Browsers stop nesting elements at 512 (deeper ones become siblings), so deeper raw HTML
/// cannot show as written anyway.
pub const MAX_HTML_DEPTH: usize = 512;

/// Refuses YAML nested deeper than `MAX_YAML_DEPTH`, counting flow brackets (`[`, `{`) and
/// block levels (indentation, `- ` items). `yaml` is found at `offset` of `file_text`.
pub fn yaml_nesting(
    path: &Path,
    file_text: &str,
    yaml: &str,
    offset: usize,
) -> Result<(), Diagnostic> {
    match yaml_too_deep(yaml) {
        None => Ok(()),
        Some(at) => Err(Diagnostic::error(
            DiagnosticKind::TooDeep,
            path,
            format!("the YAML is nested more than {MAX_YAML_DEPTH} levels deep"),
        )
        .at_offset(file_text, offset + at, 1)
        .with_hint("no value needs such depth: close the brackets, or indent less")),
    }
}

/// The byte offset where the nesting first goes past the limit.
fn yaml_too_deep(yaml: &str) -> Option<usize> {
    // Indentations of the open block levels, innermost last.
    let mut blocks: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut quote: Option<u8> = None;
    // A block scalar (`|`, `>`) continues while lines are indented deeper than this.
    let mut scalar_parent: Option<usize> = None;
    let mut line_start = 0;
    for line in yaml.split_inclusive('\n') {
        let at = line_start;
        line_start += line.len();
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let blank = line.trim().is_empty();
        if let Some(parent) = scalar_parent {
            if blank || indent > parent {
                continue;
            }
            scalar_parent = None;
        }
        let mut i = 0;
        if quote.is_none() && flow == 0 {
            if blank || bytes[indent] == b'#' {
                continue;
            }
            while blocks.last().is_some_and(|&open| open >= indent) {
                blocks.pop();
            }
            blocks.push(indent);
            i = indent;
            // Each `- ` (or `? `) on the line opens one more level.
            while i + 1 < bytes.len() && matches!(bytes[i], b'-' | b'?') && bytes[i + 1] == b' ' {
                i += 2;
                while i < bytes.len() && bytes[i] == b' ' {
                    i += 1;
                }
                blocks.push(i);
                if blocks.len() > MAX_YAML_DEPTH {
                    return Some(at + i - 2);
                }
            }
            if blocks.len() > MAX_YAML_DEPTH {
                return Some(at + indent);
            }
        }
        // Where a value may start: a bracket or quote there opens something.
        let mut value_start = quote.is_none();
        while i < bytes.len() {
            let b = bytes[i];
            if let Some(q) = quote {
                if b == b'\\' && q == b'"' {
                    i += 1;
                } else if b == q {
                    if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                        i += 1;
                    } else {
                        quote = None;
                        value_start = false;
                    }
                }
                i += 1;
                continue;
            }
            match b {
                b' ' | b'\t' | b'\r' | b'\n' => {}
                b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t') => break,
                b'"' | b'\'' if value_start => quote = Some(b),
                b'[' | b'{' if value_start || flow > 0 => {
                    flow += 1;
                    if blocks.len() + flow > MAX_YAML_DEPTH {
                        return Some(at + i);
                    }
                    value_start = true;
                    i += 1;
                    continue;
                }
                b']' | b'}' if flow > 0 => flow -= 1,
                b',' if flow > 0 => {
                    value_start = true;
                    i += 1;
                    continue;
                }
                b':' if bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) || flow > 0 => {
                    value_start = true;
                    i += 1;
                    continue;
                }
                b'|' | b'>' if value_start && flow == 0 => {
                    scalar_parent = Some(indent);
                    break;
                }
                _ => value_start = false,
            }
            i += 1;
        }
    }
    None
}

/// Refuses raw HTML nested deeper than `MAX_HTML_DEPTH` elements anywhere in `text`, a whole
/// content file. Elements that need no end tag (`<br>`, `<p>`, `<li>`…) are not counted, so a
/// page of unclosed paragraphs is not deep.
pub fn html_nesting(path: &Path, text: &str) -> Result<(), Diagnostic> {
    let mut open: Vec<&str> = Vec::new();
    let mut rest = 0;
    while let Some(found) = text[rest..].find('<') {
        let at = rest + found;
        rest = at + 1;
        let after = &text[at + 1..];
        let closing = after.starts_with('/');
        let name_from = usize::from(closing);
        let name_len = after[name_from..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if name_len == 0 || !after.as_bytes()[name_from].is_ascii_alphabetic() {
            continue;
        }
        let name = &after[name_from..name_from + name_len];
        if closing {
            if let Some(i) = open.iter().rposition(|o| o.eq_ignore_ascii_case(name)) {
                open.truncate(i);
            }
            continue;
        }
        // The tag ends at the next `>`; looking no further than the next `<` keeps the scan
        // linear on text full of `<`.
        let tag_end = after.find(['<', '>']).unwrap_or(after.len());
        if after[..tag_end].ends_with('/') || needs_no_end_tag(name) {
            continue;
        }
        open.push(name);
        if open.len() > MAX_HTML_DEPTH {
            return Err(Diagnostic::error(
                DiagnosticKind::TooDeep,
                path,
                format!("raw HTML is nested more than {MAX_HTML_DEPTH} elements deep"),
            )
            .at_offset(text, at, name_len + 1)
            .with_hint(
                "close the elements you open, or nest fewer: browsers flatten anything deeper",
            ));
        }
    }
    Ok(())
}

fn needs_no_end_tag(name: &str) -> bool {
    const NAMES: [&str; 27] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
        "tbody", "tfoot", "rt", "rp",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(yaml: &str) -> Option<usize> {
        yaml_too_deep(yaml)
    }

    #[test]
    fn real_front_matter_is_not_deep() {
        let yaml = "title: \"[تحليل] عنوان\"\nsummary: نص [بين] قوسين {و} هذا\ntags: [a, 'b, c', \"d]\"]\nsource:\n  outlet: x # تعليق [\n  url: https://a.org/?q=[1]\nnotes:\n  - quote: a\n    body: |\n      [[[[ نص {{{{\n      - - - -\n  - quote: b\n    body: c\nglossary:\n  - id: x\n    variants: [y, z]\n";
        assert_eq!(depth_error(yaml), None);
    }

    #[test]
    fn deep_flow_and_block_nesting_is_found_where_it_passes_the_limit() {
        let n = 100;
        let flow = format!("title: {}{}\n", "[".repeat(n), "]".repeat(n));
        // The title's own level, then 63 brackets: the 64th bracket is one too many.
        assert_eq!(depth_error(&flow), Some("title: ".len() + 63));
        let maps = format!("source: {}1{}\n", "{a: ".repeat(n), "}".repeat(n));
        assert!(depth_error(&maps).is_some());
        let items = format!("tags:\n{}x\n", "- ".repeat(n));
        assert!(depth_error(&items).is_some());
        let indented: String = (0..n).map(|d| format!("{}a:\n", " ".repeat(d))).collect();
        assert!(depth_error(&indented).is_some());
        let shallow = format!("title: {}{}\n", "[".repeat(60), "]".repeat(60));
        assert_eq!(depth_error(&shallow), None);
    }

    #[test]
    fn deep_raw_html_is_refused_and_unclosed_paragraphs_are_not_deep() {
        let path = Path::new("a.md");
        let deep = format!("نص\n{}x{}", "<div>".repeat(600), "</div>".repeat(600));
        let e = html_nesting(path, &deep).unwrap_err();
        assert_eq!((e.line, e.column), (2, 513 * 5 - 4));
        let fine = format!(
            "{}{}<br><img src=x/>{}",
            "<p>x".repeat(2000),
            "<div>a</div>".repeat(2000),
            "<span>".repeat(500)
        );
        assert!(html_nesting(path, &fine).is_ok());
        assert!(html_nesting(path, "a < b, x<3, <ب>").is_ok());
    }
}
