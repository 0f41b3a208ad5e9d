//! What kind of problem a diagnostic reports, each with a stable code that `docs/errors.md`
//! explains. A new diagnostic needs a variant here (one line) and a section there; a test
//! keeps the two in step.

use serde::{Serialize, Serializer};

/// Declares the kinds once: the enum, its code strings and the list of all of them.
macro_rules! kinds {
    ($($variant:ident => $code:literal,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum DiagnosticKind {
            $($variant,)*
        }

        impl DiagnosticKind {
            pub const ALL: &'static [DiagnosticKind] = &[$(DiagnosticKind::$variant,)*];

            /// The code shown as `error[code]` and in JSON; never changed once released.
            pub fn code(self) -> &'static str {
                match self {
                    $(DiagnosticKind::$variant => $code,)*
                }
            }
        }
    };
}

kinds! {
    // Commands and files.
    NoSite => "no-site",
    AlreadyExists => "already-exists",
    InvalidArticleName => "invalid-article-name",
    NoContentDir => "no-content-dir",
    CannotRead => "cannot-read",
    CannotWrite => "cannot-write",
    NotUtf8 => "not-utf8",
    SymlinkLoop => "symlink-loop",
    LinkOutsideSite => "link-outside-site",
    OutputInSources => "output-in-sources",
    OutputNotReplaceable => "output-not-replaceable",
    HiddenOutputFile => "hidden-output-file",
    // Front matter and YAML.
    EmptyFile => "empty-file",
    NoFrontMatter => "no-front-matter",
    UnclosedFrontMatter => "unclosed-front-matter",
    YamlSyntax => "yaml-syntax",
    UnknownKey => "unknown-key",
    MissingKey => "missing-key",
    UnknownValue => "unknown-value",
    WrongType => "wrong-type",
    DuplicateKey => "duplicate-key",
    InvalidDate => "invalid-date",
    UpdatedBeforeDate => "updated-before-date",
    TooDeep => "too-deep",
    ArabicComma => "arabic-comma",
    // Settings.
    ZeroPageSize => "zero-page-size",
    InvalidBaseUrl => "invalid-base-url",
    ExampleBaseUrl => "example-base-url",
    InvalidLanguage => "invalid-language",
    ThemeNotFound => "theme-not-found",
    ControlCharacter => "control-character",
    // URLs and tags.
    InvalidSlug => "invalid-slug",
    InvisibleControl => "invisible-control",
    DuplicateUrl => "duplicate-url",
    InvalidAlias => "invalid-alias",
    TagWithoutLetters => "tag-without-letters",
    TagTooLong => "tag-too-long",
    TagsMerged => "tags-merged",
    TagsDifferByAl => "tags-differ-by-al",
    // Articles, notes and links.
    EmptyArticle => "empty-article",
    EmptyQuote => "empty-quote",
    NoteNotFound => "note-not-found",
    OccurrenceOutOfRange => "occurrence-out-of-range",
    AmbiguousQuote => "ambiguous-quote",
    OverlappingNotes => "overlapping-notes",
    BrokenLink => "broken-link",
    BrokenAnchor => "broken-anchor",
    LinkToDraft => "link-to-draft",
    AmbiguousLink => "ambiguous-link",
    MalformedLink => "malformed-link",
    InvalidImage => "invalid-image",
    BrokenImage => "broken-image",
    // The glossary.
    InvalidGlossaryId => "invalid-glossary-id",
    DuplicateGlossaryId => "duplicate-glossary-id",
    EmptySummary => "empty-summary",
    NoLetters => "no-letters",
    SharedForm => "shared-form",
    UnknownSeeAlso => "unknown-see-also",
    UnmentionedEntry => "unmentioned-entry",
    ExceptionUnused => "exception-unused",
    ExceptionRemoved => "exception-removed",
    // Templates.
    TemplateError => "template-error",
    UndefinedVariable => "undefined-variable",
}

impl Serialize for DiagnosticKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::DiagnosticKind;

    const ERRORS_DOC: &str = include_str!("../../docs/errors.md");

    /// The codes `docs/errors.md` explains: each section is headed `` ### `code` ``.
    fn documented_codes() -> Vec<&'static str> {
        ERRORS_DOC
            .lines()
            .filter_map(|line| line.strip_prefix("### `")?.strip_suffix('`'))
            .collect()
    }

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut codes: Vec<&str> = DiagnosticKind::ALL.iter().map(|k| k.code()).collect();
        for code in &codes {
            assert!(
                !code.is_empty()
                    && code.split('-').all(|w| !w.is_empty()
                        && w.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
                "`{code}` is not kebab-case"
            );
        }
        codes.sort_unstable();
        let count = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), count, "a code is used by two kinds");
    }

    #[test]
    fn every_code_is_documented_once_and_nothing_else_is() {
        let mut documented = documented_codes();
        let mut codes: Vec<&str> = DiagnosticKind::ALL.iter().map(|k| k.code()).collect();
        documented.sort_unstable();
        codes.sort_unstable();
        assert_eq!(
            documented, codes,
            "docs/errors.md and DiagnosticKind differ"
        );
    }
}
