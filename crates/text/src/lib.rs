//! Text utilities shared by every stage: byte spans, folding for matching (with a map back to
//! the original bytes), scripts, and sentence segmentation.

pub mod fold;
pub mod percent;
pub mod script;
pub mod sentences;
pub mod span;
pub mod terms;

pub use fold::{arabic_folds_to_itself, fold, fold_char, fold_into, Folded};
pub use percent::percent_decode;
pub use script::{dominant_script, is_arabic_letter};
pub use sentences::{sentences, Sentences};
pub use span::Span;
