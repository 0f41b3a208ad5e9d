//! Where a value was written: filled in by the parser of the file it comes from, so that a
//! later stage can point at a value without searching the file's text for it.

use std::fmt;

/// A stretch of a file's text: the byte offset where a value starts and how many bytes it
/// takes as written (its quotes included). Line and column follow from the offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    pub offset: usize,
    pub len: usize,
}

impl Span {
    /// The text a value is written as: without its quotes, so that a caret falls under the
    /// characters a person typed. Empty quotes, or a span past the text, are left as they are.
    pub fn inside_quotes(self, text: &str) -> Span {
        let written = text
            .get(self.offset..self.offset + self.len)
            .unwrap_or_default();
        let quoted = written.len() > 2
            && ((written.starts_with('"') && written.ends_with('"'))
                || (written.starts_with('\'') && written.ends_with('\'')));
        if quoted {
            Span {
                offset: self.offset + 1,
                len: self.len - 2,
            }
        } else {
            self
        }
    }
}

/// A value with the place it was written in its file; `None` for a value no file gave (a
/// default). Compared and shown as its value alone: the same tag written in two places is one
/// tag.
#[derive(Debug, Clone, Default)]
pub struct Located<T> {
    pub value: T,
    pub span: Option<Span>,
}

impl<T> Located<T> {
    /// A value no file gave.
    pub fn new(value: T) -> Located<T> {
        Located { value, span: None }
    }
}

impl<T> From<T> for Located<T> {
    fn from(value: T) -> Located<T> {
        Located::new(value)
    }
}

impl<T> std::ops::Deref for Located<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Located<T> {
    fn eq(&self, other: &Located<T>) -> bool {
        self.value == other.value
    }
}

impl<T: Eq> Eq for Located<T> {}

impl<T: Copy> Copy for Located<T> {}

impl<T: PartialOrd> PartialOrd for Located<T> {
    fn partial_cmp(&self, other: &Located<T>) -> Option<std::cmp::Ordering> {
        self.value.partial_cmp(&other.value)
    }
}

impl<T: Ord> Ord for Located<T> {
    fn cmp(&self, other: &Located<T>) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

impl<T: fmt::Display> fmt::Display for Located<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl PartialEq<str> for Located<String> {
    fn eq(&self, other: &str) -> bool {
        self.value == other
    }
}

impl PartialEq<Located<String>> for &str {
    fn eq(&self, other: &Located<String>) -> bool {
        *self == other.value
    }
}

impl PartialEq<Located<String>> for String {
    fn eq(&self, other: &Located<String>) -> bool {
        *self == other.value
    }
}

#[cfg(test)]
mod tests {
    use super::Span;

    #[test]
    fn a_quoted_value_is_pointed_at_inside_its_quotes() {
        let text = "term: \"موسكو\"\nid: 'a'\nplain: x\n";
        let quoted = Span {
            offset: 6,
            len: "\"موسكو\"".len(),
        };
        assert_eq!(&text[quoted.inside_quotes(text).offset..][..10], "موسكو");
        let single = Span {
            offset: text.find('\'').unwrap(),
            len: 3,
        };
        assert_eq!(single.inside_quotes(text).len, 1);
        let plain = Span {
            offset: text.len() - 2,
            len: 1,
        };
        assert_eq!(plain.inside_quotes(text), plain);
    }
}
