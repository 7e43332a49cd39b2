//! Stage 2: dates. Finds date and time expressions in a text and resolves each to calendar
//! values (day, range of days, week, month, year), from the words in the language files.
//!
//! How: the text is folded (`dossier_text::Folded`: case, accents, Arabic letter forms and
//! Arabic-Indic digits) and cut into tokens; runs of tokens that are phrases of the language's
//! `[time]` section become lexemes with roles (month 4, weekday 5, "past", "from", ...); a
//! grammar over roles (`parse`) finds expressions; `resolve` ties them to the calendar against
//! the anchor (the publication date). Spans are bytes of the original text.

mod lex;
mod lexicon;
mod parse;
mod resolve;

use dossier_text::{Folded, Span};
use serde::{Deserialize, Serialize};

pub use jiff::civil::Date;
pub use lexicon::section_errors;

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
    /// Resolved against an anchor date (usually the publication date), by `rule`.
    Anchored {
        anchor: String,
        #[serde(default)]
        rule: String,
    },
    /// The year was chosen among `alternatives` (no anchor); `inferred` says so.
    YearInferred { alternatives: Vec<i16> },
    /// Not resolved to the calendar: a partial date without anchor.
    Unresolved,
}

/// What the expression states, field by field, before resolution (for inference and for
/// readers): weekday 1 = Monday; `relation` is "past", "future" or "this" when a word says so;
/// `day_offset` is the anchor-relative day of "today" (0), "yesterday" (-1)...
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stated {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekday: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_day: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day_offset: Option<i8>,
    /// A bare weekday ("lundi", "on Monday") with nothing else.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bare_weekday: bool,
}

/// One date expression found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateExpr {
    /// Byte span in the text it was found in (serialized as top-level `start`, `end`).
    #[serde(flatten)]
    pub span: Span,
    pub text: String,
    /// FORMAT.md value: "2022-06-13", "2022-06", "2022", "2022-06-13/2022-06-14"; None when unresolved.
    pub value: Option<String>,
    pub granularity: Granularity,
    pub anchoring: Anchoring,
    /// Time of day when stated ("15:57").
    pub time: Option<String>,
    #[serde(default)]
    pub stated: Stated,
}

impl DateExpr {
    /// The first and last calendar days the value covers ("2022-06" -> June 1st to 30th;
    /// "2022" -> the year; "a/b" -> a to b); None when unresolved.
    pub fn bounds(&self) -> Option<(Date, Date)> {
        value_bounds(self.value.as_deref()?)
    }
}

/// The first and last days of a FORMAT.md value: day, "YYYY-MM", "YYYY" or "a/b".
pub fn value_bounds(value: &str) -> Option<(Date, Date)> {
    fn one(v: &str) -> Option<(Date, Date)> {
        match v.len() {
            10 => {
                let d: Date = v.parse().ok()?;
                Some((d, d))
            }
            7 => {
                let y: i16 = v.get(..4)?.parse().ok()?;
                let m: i8 = v.get(5..7)?.parse().ok()?;
                let first = Date::new(y, m, 1).ok()?;
                Some((first, first.last_of_month()))
            }
            4 => {
                let y: i16 = v.parse().ok()?;
                Some((Date::new(y, 1, 1).ok()?, Date::new(y, 12, 31).ok()?))
            }
            _ => None,
        }
    }
    match value.split_once('/') {
        Some((a, b)) => Some((one(a)?.0, one(b)?.1)),
        None => one(value),
    }
}

/// Finds the date expressions in `text` (language `lang`), resolved against `anchor` when given.
/// Pure: the same text, language and anchor give the same expressions, in text order.
pub fn find_dates(text: &str, lang: &str, anchor: Option<Date>) -> Vec<DateExpr> {
    let lexicon = lexicon::lexicon(lang);
    let folded = Folded::new(text);
    let lexemes = lex::lexemes(&folded.text, lexicon);
    let raws = parse::parse(&lexemes, lexicon);
    let mut out = Vec::with_capacity(raws.len());
    for raw in raws {
        let (Some(first), Some(last)) = (lexemes.get(raw.start), raw.end.checked_sub(1).and_then(|e| lexemes.get(e))) else { continue };
        let span = folded.to_original(Span::new(first.start, last.end));
        let Some(resolved) = resolve::resolve(&raw, anchor) else { continue };
        out.push(DateExpr {
            span,
            text: span.of(text).to_string(),
            value: resolved.value,
            granularity: resolved.granularity,
            anchoring: resolved.anchoring,
            time: raw.time.map(|(h, m)| format!("{h:02}:{m:02}")),
            stated: resolve::stated(&raw),
        });
    }
    out
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
    /// The expression it comes from: byte span in the text given to `find_dates`.
    #[serde(default)]
    pub source: Option<Span>,
    /// How the expression was tied to the calendar: `Absolute` (a full date), or
    /// `YearInferred` with the other possible years when the year had to be chosen.
    #[serde(default = "unresolved")]
    pub anchoring: Anchoring,
}

fn unresolved() -> Anchoring {
    Anchoring::Unresolved
}

/// Infers a publication date for an article that states none, from the date expressions in
/// its text (found without an anchor) and the newest date known in the corpus.
pub fn infer_publication(dates: &[DateExpr], newest_known: Option<Date>) -> Option<InferredDate> {
    resolve::infer(dates, newest_known)
}
