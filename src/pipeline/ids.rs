//! The element ids that the annotator's markup, the templates and the theme's script share: a
//! mention's `popovertarget` names its popover's `id`, a note's popover leads back to its
//! passage; a template may also give a popover's title an id (the default ones name the
//! popover by its title's words instead). Made here only; templates receive them
//! (`popover_id`, `title_id`, `mark_id`) and the script reads them from the markup.

/// The popover of glossary entry `id`.
pub fn term_popover(id: &str) -> String {
    format!("g-{id}")
}

/// The title of glossary entry `id`'s popover.
pub fn term_title(id: &str) -> String {
    format!("g-{id}-t")
}

/// The popover of note `n`.
pub fn note_popover(n: &str) -> String {
    format!("note-{n}")
}

/// The title of note `n`'s popover.
pub fn note_title(n: &str) -> String {
    format!("note-{n}-t")
}

/// The passage of the text that note `n` explains.
pub fn note_mark(n: &str) -> String {
    format!("note-ref-{n}")
}

#[cfg(test)]
mod tests {
    /// The ids of the README's markup contract, which themes and readers' links rely on.
    #[test]
    fn the_ids_are_those_of_the_markup_contract() {
        assert_eq!(super::term_popover("vladimir-putin"), "g-vladimir-putin");
        assert_eq!(super::term_title("vladimir-putin"), "g-vladimir-putin-t");
        assert_eq!(super::note_popover("3"), "note-3");
        assert_eq!(super::note_title("3"), "note-3-t");
        assert_eq!(super::note_mark("3"), "note-ref-3");
    }
}
