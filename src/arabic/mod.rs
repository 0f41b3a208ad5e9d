//! Arabic text handling: normalisation with an offset map, the glossary matcher, and dates.

pub mod dates;
pub mod matcher;
pub mod normalize;

pub use normalize::{
    is_ignorable, is_word_char, normalize, normalize_phrase, normalize_text, Normalized,
};
