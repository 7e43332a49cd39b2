//! The words of dates, per language, read from the `[time]` section of `lang/<code>.toml`,
//! folded and split into tokens the way the text is, so a phrase ("il y a", "كانون الثاني",
//! "aujourd'hui") matches a run of text tokens.

use crate::lex::{tokenize, TokKind};
use serde::Deserialize;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct TimeSection {
    months: Vec<Vec<String>>,
    weekdays: Vec<Vec<String>>,
    ordinal_suffixes: Vec<String>,
    past: Vec<String>,
    future: Vec<String>,
    current: Vec<String>,
    this: Vec<String>,
    today: Vec<String>,
    yesterday: Vec<String>,
    day_before_yesterday: Vec<String>,
    tomorrow: Vec<String>,
    range_from: Vec<String>,
    range_to: Vec<String>,
    list_and: Vec<String>,
    of: Vec<String>,
    articles: Vec<String>,
    month_prefixes: Vec<String>,
    early: Vec<String>,
    mid: Vec<String>,
    late: Vec<String>,
    time_markers: Vec<String>,
    hour_marks: Vec<String>,
    ago_before: Vec<String>,
    ago_after: Vec<String>,
    in_future: Vec<String>,
    in_future_tensed: Vec<String>,
    year_suffixes: Vec<String>,
    am: Vec<String>,
    pm: Vec<String>,
    weekend: Vec<String>,
    future_cues: Vec<String>,
    past_cues: Vec<String>,
    clitics: Vec<String>,
    month_day: bool,
    units: Units,
    numbers: BTreeMap<String, u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Units {
    day: Vec<String>,
    week: Vec<String>,
    month: Vec<String>,
    year: Vec<String>,
    days: Vec<String>,
    weeks: Vec<String>,
    months: Vec<String>,
    years: Vec<String>,
    day2: Vec<String>,
    week2: Vec<String>,
    month2: Vec<String>,
    year2: Vec<String>,
    hour: Vec<String>,
    hours: Vec<String>,
    hour2: Vec<String>,
}

/// A calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Unit {
    /// Hours (and minutes): "il y a 3 heures" is the anchor's day.
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// What a word or phrase can mean in a date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Role {
    /// 1 = January.
    Month(u8),
    /// 1 = Monday.
    Weekday(u8),
    Ordinal,
    Past,
    Future,
    /// After a unit or month: the current one ("الأسبوع الجاري").
    Current,
    This,
    /// A day relative to the anchor: today 0, yesterday -1, tomorrow 1.
    DayOffset(i8),
    From,
    To,
    And,
    Of,
    Article,
    MonthPrefix,
    Early,
    Mid,
    Late,
    TimeMarker,
    HourMark,
    AgoBefore,
    AgoAfter,
    /// Before a count and unit: that long after the anchor ("dans deux semaines").
    InFuture,
    /// The same, only after a cue of the future tense ("will meet again in two weeks").
    InFutureTensed,
    /// Glued after a year: the era ("2024م").
    YearSuffix,
    /// After a time of day: before / after noon.
    Am,
    Pm,
    /// Saturday and Sunday.
    Weekend,
    FutureCue,
    PastCue,
    /// A unit, with the count a dual form carries (0: none).
    Unit(Unit, u8),
    /// A plural unit: only after a count.
    Units(Unit),
    Number(u32),
}

type Phrase = (Vec<String>, Vec<Role>);

/// Every phrase of one language (or of all), by first token.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Looked up once per token of every page: a fast hash (the table is fixed, built from the
    /// language files; page text is only looked up, never inserted).
    phrases: FxHashMap<String, Vec<Phrase>>,
    clitics: Vec<String>,
    pub month_day: bool,
}

impl Lexicon {
    fn build(sections: &[&TimeSection]) -> Lexicon {
        let mut table: BTreeMap<Vec<String>, Vec<Role>> = BTreeMap::new();
        let mut add = |words: &[String], role: Role| {
            for w in words {
                let folded = dossier_text::fold(w.trim());
                let toks: Vec<String> = tokenize(&folded)
                    .iter()
                    .filter(|t| t.kind != TokKind::Num)
                    .map(|t| folded.get(t.start..t.end).unwrap_or("").to_string())
                    .collect();
                if toks.is_empty() {
                    continue;
                }
                let roles = table.entry(toks).or_default();
                if !roles.contains(&role) {
                    roles.push(role);
                }
            }
        };
        let mut clitics = Vec::new();
        let mut month_day = false;
        for s in sections {
            for (i, names) in s.months.iter().enumerate().take(12) {
                add(names, Role::Month(i as u8 + 1));
            }
            for (i, names) in s.weekdays.iter().enumerate().take(7) {
                add(names, Role::Weekday(i as u8 + 1));
            }
            add(&s.ordinal_suffixes, Role::Ordinal);
            add(&s.past, Role::Past);
            add(&s.future, Role::Future);
            add(&s.current, Role::Current);
            add(&s.this, Role::This);
            add(&s.today, Role::DayOffset(0));
            add(&s.yesterday, Role::DayOffset(-1));
            add(&s.day_before_yesterday, Role::DayOffset(-2));
            add(&s.tomorrow, Role::DayOffset(1));
            add(&s.range_from, Role::From);
            add(&s.range_to, Role::To);
            add(&s.list_and, Role::And);
            add(&s.of, Role::Of);
            add(&s.articles, Role::Article);
            add(&s.month_prefixes, Role::MonthPrefix);
            add(&s.early, Role::Early);
            add(&s.mid, Role::Mid);
            add(&s.late, Role::Late);
            add(&s.time_markers, Role::TimeMarker);
            add(&s.hour_marks, Role::HourMark);
            add(&s.ago_before, Role::AgoBefore);
            add(&s.ago_after, Role::AgoAfter);
            add(&s.in_future, Role::InFuture);
            add(&s.in_future_tensed, Role::InFutureTensed);
            add(&s.year_suffixes, Role::YearSuffix);
            add(&s.weekend, Role::Weekend);
            add(&s.future_cues, Role::FutureCue);
            add(&s.past_cues, Role::PastCue);
            add(&s.units.day, Role::Unit(Unit::Day, 0));
            add(&s.units.week, Role::Unit(Unit::Week, 0));
            add(&s.units.month, Role::Unit(Unit::Month, 0));
            add(&s.units.year, Role::Unit(Unit::Year, 0));
            add(&s.units.days, Role::Units(Unit::Day));
            add(&s.units.weeks, Role::Units(Unit::Week));
            add(&s.units.months, Role::Units(Unit::Month));
            add(&s.units.years, Role::Units(Unit::Year));
            add(&s.units.day2, Role::Unit(Unit::Day, 2));
            add(&s.units.week2, Role::Unit(Unit::Week, 2));
            add(&s.units.month2, Role::Unit(Unit::Month, 2));
            add(&s.units.year2, Role::Unit(Unit::Year, 2));
            add(&s.units.hour, Role::Unit(Unit::Hour, 0));
            add(&s.units.hours, Role::Units(Unit::Hour));
            add(&s.units.hour2, Role::Unit(Unit::Hour, 2));
            add(&s.am, Role::Am);
            add(&s.pm, Role::Pm);
            for (w, n) in &s.numbers {
                add(std::slice::from_ref(w), Role::Number(*n));
            }
            for c in &s.clitics {
                let c = dossier_text::fold(c.trim());
                if !c.is_empty() && !clitics.contains(&c) {
                    clitics.push(c);
                }
            }
            month_day |= s.month_day;
        }
        let mut phrases: FxHashMap<String, Vec<Phrase>> = FxHashMap::default();
        for (toks, mut roles) in table {
            roles.sort();
            let first = toks[0].clone();
            phrases.entry(first).or_default().push((toks[1..].to_vec(), roles));
        }
        for v in phrases.values_mut() {
            // Longest first; ties in a fixed order.
            v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        clitics.sort();
        Lexicon { phrases, clitics, month_day }
    }

    /// Phrases starting with folded token `first`, longest first.
    pub(crate) fn starting_with(&self, first: &str) -> &[Phrase] {
        self.phrases.get(first).map_or(&[], |v| v.as_slice())
    }

    pub(crate) fn clitics(&self) -> &[String] {
        &self.clitics
    }
}

struct Registry {
    by_lang: Vec<(String, Lexicon)>,
    all: Lexicon,
}

fn registry() -> &'static Registry {
    static REG: OnceLock<Registry> = OnceLock::new();
    REG.get_or_init(|| {
        let (sections, _errors) = dossier_lang::load_section::<TimeSection>("time");
        let by_lang = sections.iter().map(|(l, s)| (l.code().to_string(), Lexicon::build(&[s]))).collect();
        let all_refs: Vec<&TimeSection> = sections.iter().map(|(_, s)| s).collect();
        Registry { by_lang, all: Lexicon::build(&all_refs) }
    })
}

/// The lexicon of language `code`, or of every language together when it is not known.
pub(crate) fn lexicon(code: &str) -> &'static Lexicon {
    let reg = registry();
    reg.by_lang.iter().find(|(c, _)| c == code).map_or(&reg.all, |(_, l)| l)
}

/// Errors in the `[time]` sections (for tests).
pub fn section_errors() -> Vec<String> {
    dossier_lang::load_section::<TimeSection>("time").1.iter().map(|e| e.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every month name of every language file reads as its month, in a full date; every
    /// weekday name as its weekday.
    #[test]
    fn every_month_and_weekday_name_reads() {
        let (sections, errors) = dossier_lang::load_section::<TimeSection>("time");
        assert!(errors.is_empty(), "{errors:?}");
        let anchor: crate::Date = "2020-06-17".parse().unwrap(); // a Wednesday
        for (lang, s) in &sections {
            assert_eq!(s.months.len(), 12, "{}", lang.code());
            assert_eq!(s.weekdays.len(), 7, "{}", lang.code());
            for (i, names) in s.months.iter().enumerate() {
                for name in names {
                    let text = format!("15 {name} 2020");
                    let found = crate::find_dates(&text, lang.code(), None);
                    let want = format!("2020-{:02}-15", i + 1);
                    assert!(found.iter().any(|d| d.value.as_deref() == Some(want.as_str()) && d.text == text), "{}: {text:?} -> {found:?}", lang.code());
                }
            }
            for (i, names) in s.weekdays.iter().enumerate() {
                for name in names {
                    let found = crate::find_dates(name, lang.code(), Some(anchor));
                    // the most recent such weekday, the anchor (Wednesday) included
                    let back = (3 - (i as i64 + 1)).rem_euclid(7);
                    let want = anchor.checked_sub(jiff::Span::new().days(back)).unwrap().to_string();
                    assert!(found.iter().any(|d| d.value.as_deref() == Some(want.as_str())), "{}: {name:?} -> {found:?}", lang.code());
                }
            }
        }
    }
}
