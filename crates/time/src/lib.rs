//! Stage 2: dates. Finds date and time expressions in a text and resolves each to calendar
//! values (day, range of days, week, month, year), from the words in the language files.
//! (First version: a stub with the stage's types; the parser arrives with issue 3.)

use dossier_text::Span;
use serde::{Deserialize, Serialize};

pub use jiff::civil::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Days,
    Week,
    Month,
    Year,
}

/// How an expression was tied to the calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Anchoring {
    /// The expression states a full date by itself.
    Absolute,
    /// Resolved against an anchor date (usually the publication date).
    Anchored { anchor: String },
    /// The year was chosen among `alternatives` (no anchor); `inferred` says so.
    YearInferred { alternatives: Vec<i16> },
    /// Not resolved to the calendar: a partial date without anchor.
    Unresolved,
}

/// One date expression found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateExpr {
    /// Byte span in the text it was found in.
    pub span: Span,
    pub text: String,
    /// FORMAT.md value: "2022-06-13", "2022-06", "2022", "2022-06-13/2022-06-14"; None when unresolved.
    pub value: Option<String>,
    pub granularity: Granularity,
    pub anchoring: Anchoring,
    /// Time of day when stated ("15:57").
    pub time: Option<String>,
}

/// Finds the date expressions in `text` (language `lang`), resolved against `anchor` when given.
pub fn find_dates(text: &str, lang: &str, anchor: Option<Date>) -> Vec<DateExpr> {
    let _ = (text, lang, anchor);
    Vec::new()
}

/// A publication date inferred for an article that states none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InferredDate {
    pub date: Date,
    /// Human-readable: which expression gave it and how ("'Ce jeudi 24 septembre': the most recent
    /// Thursday 24 September not after 2023-04-07").
    pub how: String,
    /// Other dates that were possible (for a weekday + day + month: the other matching years).
    pub alternatives: Vec<Date>,
}

/// Infers a publication date for an article that states none, from the date expressions in
/// its text (found without an anchor) and the newest date known in the corpus.
pub fn infer_publication(dates: &[DateExpr], newest_known: Option<Date>) -> Option<InferredDate> {
    let _ = (dates, newest_known);
    None
}
