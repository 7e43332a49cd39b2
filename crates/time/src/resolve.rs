//! Ties parsed expressions to the calendar against an anchor, and infers a publication date
//! for an undated article from its expressions.

use crate::lexicon::Unit;
use crate::parse::{Comp, Raw, RawKind, Rel};
use crate::{Anchoring, DateExpr, Granularity, InferredDate, Stated};
use jiff::civil::Date;

/// How far after the anchor a partial date without "past"/"next" may fall before the previous
/// year is taken instead (news reports the past, announces the near future).
const AHEAD_DAYS: i64 = 120;

pub(crate) struct Resolved {
    pub value: Option<String>,
    pub granularity: Granularity,
    pub anchoring: Anchoring,
}

fn date(y: i32, m: u8, d: u8) -> Option<Date> {
    let y = i16::try_from(y).ok()?;
    Date::new(y, m as i8, d as i8).ok()
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().try_days(n).ok()?).ok()
}

fn weekday(d: Date) -> u8 {
    d.weekday().to_monday_one_offset() as u8
}

fn max_day(m: u8) -> u8 {
    match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn fmt_days(a: Date, b: Date) -> String {
    if a == b {
        a.to_string()
    } else {
        format!("{a}/{b}")
    }
}

fn rel_name(r: Rel) -> Option<String> {
    match r {
        Rel::None => None,
        Rel::Past => Some("past".into()),
        Rel::Future => Some("future".into()),
        Rel::This => Some("this".into()),
    }
}

pub(crate) fn stated(raw: &Raw) -> Stated {
    let mut s = Stated { relation: rel_name(raw.rel), day_offset: raw.day_offset, ..Default::default() };
    match raw.kind {
        RawKind::Days { first, last } => {
            s.day = first.day;
            s.month = first.month;
            s.year = first.year;
            s.weekday = first.weekday;
            if (last.day, last.month) != (first.day, first.month) {
                s.last_day = last.day;
                s.last_month = last.month;
            }
        }
        RawKind::Weekday(w, _) => {
            s.weekday = Some(w);
            s.bare_weekday = raw.rel == Rel::None && raw.day_offset.is_none();
        }
        RawKind::Month { month, year } => {
            s.month = Some(month);
            s.year = year;
        }
        RawKind::Year(y) => s.year = Some(y),
        RawKind::Relative { .. } => {}
    }
    s
}

fn anchored(anchor: Date, rule: &str) -> Anchoring {
    Anchoring::Anchored { anchor: anchor.to_string(), rule: rule.to_string() }
}

/// None when the expression is not a real date ("31 février 2020").
pub(crate) fn resolve(raw: &Raw, anchor: Option<Date>) -> Option<Resolved> {
    match raw.kind {
        RawKind::Days { first, last } => days(first, last, raw, anchor),
        RawKind::Weekday(w, last) => {
            let granularity = if w == last { Granularity::Day } else { Granularity::Days };
            let Some(a) = anchor else {
                return Some(Resolved { value: None, granularity, anchoring: Anchoring::Unresolved });
            };
            let (mut d, rule) = weekday_near(a, w, raw.rel, raw.day_offset, raw.future_tense)?;
            // A list of weekdays is the run of days from the first to the last; read in the
            // past, the whole run is over by the anchor.
            let len = (last as i64 - w as i64).rem_euclid(7);
            if raw.rel == Rel::None && raw.day_offset.is_none() && !raw.future_tense && add_days(d, len)? > a {
                d = add_days(d, -7)?;
            }
            let to = add_days(d, len)?;
            Some(Resolved { value: Some(fmt_days(d, to)), granularity, anchoring: anchored(a, rule) })
        }
        RawKind::Month { month, year } => {
            if !(1..=12).contains(&month) {
                return None;
            }
            if let Some(y) = year {
                return Some(Resolved { value: Some(format!("{y:04}-{month:02}")), granularity: Granularity::Month, anchoring: Anchoring::Absolute });
            }
            let Some(a) = anchor else {
                return Some(Resolved { value: None, granularity: Granularity::Month, anchoring: Anchoring::Unresolved });
            };
            let (ay, am) = (a.year() as i32, a.month() as u8);
            let (y, rule) = match raw.rel {
                Rel::Past => (if month < am { ay } else { ay - 1 }, "past: the most recent such month before the anchor's"),
                Rel::Future => (if month > am { ay } else { ay + 1 }, "future: the next such month after the anchor's"),
                _ if raw.future_tense => (if month >= am { ay } else { ay + 1 }, "future tense: the next such month"),
                _ if raw.past_tense => (if month <= am { ay } else { ay - 1 }, "past tense: the most recent such month"),
                _ => (if month as i32 > am as i32 + 3 { ay - 1 } else { ay }, "the anchor's year unless well after it"),
            };
            Some(Resolved { value: Some(format!("{y:04}-{month:02}")), granularity: Granularity::Month, anchoring: anchored(a, rule) })
        }
        RawKind::Year(y) => Some(Resolved { value: Some(format!("{y:04}")), granularity: Granularity::Year, anchoring: Anchoring::Absolute }),
        RawKind::Relative { unit, offset } => {
            let granularity = match unit {
                Unit::Hour | Unit::Day => Granularity::Day,
                Unit::Week => Granularity::Week,
                Unit::Month => Granularity::Month,
                Unit::Year => Granularity::Year,
            };
            let Some(a) = anchor else {
                return Some(Resolved { value: None, granularity, anchoring: Anchoring::Unresolved });
            };
            let value = match unit {
                Unit::Day => add_days(a, offset as i64)?.to_string(),
                // The anchor has no time of day: hours ago are the anchor's day (or days before).
                Unit::Hour => add_days(a, (offset as i64).signum() * ((offset as i64).abs() / 24))?.to_string(),
                Unit::Week => {
                    let monday = add_days(a, -(weekday(a) as i64 - 1) + 7 * offset as i64)?;
                    fmt_days(monday, add_days(monday, 6)?)
                }
                Unit::Month => {
                    let total = a.year() as i64 * 12 + (a.month() as i64 - 1) + offset as i64;
                    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) + 1);
                    if !(1..=9999).contains(&y) {
                        return None;
                    }
                    format!("{y:04}-{m:02}")
                }
                Unit::Year => {
                    let y = a.year() as i64 + offset as i64;
                    if !(1..=9999).contains(&y) {
                        return None;
                    }
                    format!("{y:04}")
                }
            };
            Some(Resolved { value: Some(value), granularity, anchoring: anchored(a, "relative to the anchor") })
        }
    }
}

/// The weekday `w` near anchor `a`, by the words around it.
fn weekday_near(a: Date, w: u8, rel: Rel, day_offset: Option<i8>, future_tense: bool) -> Option<(Date, &'static str)> {
    if let Some(o) = day_offset {
        let d = add_days(a, o as i64)?;
        if weekday(d) == w {
            return Some((d, "the day the deictic word names"));
        }
    }
    let aw = weekday(a) as i64;
    let back = (aw - w as i64).rem_euclid(7);
    let fwd = (w as i64 - aw).rem_euclid(7);
    match rel {
        // "last Friday" said on a Saturday is not yesterday (that would be "yesterday"): the one before.
        Rel::Past => Some((add_days(a, -(if back <= 1 { back + 7 } else { back }))?, "past: the most recent such weekday before the anchor and before yesterday")),
        Rel::Future => Some((add_days(a, if fwd == 0 { 7 } else { fwd })?, "future: the next such weekday after the anchor")),
        Rel::This => {
            if back <= fwd {
                Some((add_days(a, -back)?, "this: the nearest such weekday (past on ties)"))
            } else {
                Some((add_days(a, fwd)?, "this: the nearest such weekday"))
            }
        }
        Rel::None if future_tense => Some((add_days(a, fwd)?, "future tense: the next such weekday")),
        Rel::None => Some((add_days(a, -back)?, "news reports the past: the most recent such weekday, the anchor included")),
    }
}

fn days(first: Comp, mut last: Comp, raw: &Raw, anchor: Option<Date>) -> Option<Resolved> {
    if let (Some(d), None, None) = (first.day, first.month, first.weekday) {
        // "le 12 courant": the anchor's month.
        let Some(a) = anchor else {
            return Some(Resolved { value: None, granularity: Granularity::Day, anchoring: Anchoring::Unresolved });
        };
        let x = date(a.year() as i32, a.month() as u8, d)?;
        return Some(Resolved { value: Some(x.to_string()), granularity: Granularity::Day, anchoring: anchored(a, "a day of the anchor's month") });
    }
    if let (Some(d), None, Some(w)) = (first.day, first.month, first.weekday) {
        // A weekday and a day of the month: the nearest such day before (or, in the future
        // tense, after) the anchor, within a year.
        let Some(a) = anchor else {
            return Some(Resolved { value: None, granularity: Granularity::Day, anchoring: Anchoring::Unresolved });
        };
        let forward = raw.future_tense || raw.rel == Rel::Future;
        let total = a.year() as i32 * 12 + a.month() as i32 - 1;
        for k in 0..13 {
            let t = if forward { total + k } else { total - k };
            let Some(x) = date(t.div_euclid(12), (t.rem_euclid(12) + 1) as u8, d) else { continue };
            if weekday(x) == w && (if forward { x >= a } else { x <= a }) {
                return Some(Resolved { value: Some(x.to_string()), granularity: Granularity::Day, anchoring: anchored(a, "the nearest month where this day falls on this weekday") });
            }
        }
        return None;
    }
    let (d1, m1) = (first.day?, first.month?);
    let (d2, m2) = (last.day?, last.month?);
    if d1 > max_day(m1) || d2 > max_day(m2) {
        return None;
    }
    let single = (d1, m1) == (d2, m2);
    let granularity = if single { Granularity::Day } else { Granularity::Days };
    if first.year.is_some() && last.year.is_none() {
        let y = first.year?;
        last.year = Some(if (m2, d2) >= (m1, d1) { y } else { y + 1 });
    }
    if let (Some(y1), Some(y2)) = (first.year, last.year) {
        let (a, b) = (date(y1, m1, d1)?, date(y2, m2, d2)?);
        if b < a {
            return None;
        }
        return Some(Resolved { value: Some(fmt_days(a, b)), granularity, anchoring: Anchoring::Absolute });
    }
    let Some(a) = anchor else {
        return Some(Resolved { value: None, granularity, anchoring: Anchoring::Unresolved });
    };
    let ay = a.year() as i32;
    let at = |y: i32| date(y, m1, d1);
    let mut rule = "";
    let mut year = None;
    if let Some(w) = first.weekday {
        // The year near the anchor in which this day falls on this weekday.
        let mut best: Option<(i64, i32)> = None;
        for y in ay - 1..=ay + 1 {
            let Some(d) = at(y) else { continue };
            if weekday(d) != w {
                continue;
            }
            let diff = (d - a).get_days() as i64;
            let ok = match raw.rel {
                Rel::Past => diff < 0,
                Rel::Future => diff > 0,
                _ => true,
            };
            if ok && best.is_none_or(|(bd, _)| diff.abs() < bd) {
                best = Some((diff.abs(), y));
            }
        }
        if let Some((_, y)) = best {
            year = Some(y);
            rule = "the year near the anchor where the weekday matches";
        }
    }
    let year = match year {
        Some(y) => y,
        None => {
            let this = at(ay).or_else(|| at(ay - 1)).or_else(|| at(ay - 2))?;
            let this_y = this.year() as i32;
            match raw.rel {
                Rel::Past => {
                    rule = "past: the most recent occurrence before the anchor";
                    if this < a { this_y } else { this_y - 1 }
                }
                Rel::Future => {
                    rule = "future: the next occurrence after the anchor";
                    if this > a { this_y } else { this_y + 1 }
                }
                _ if raw.future_tense => {
                    rule = "future tense: the next occurrence, the anchor included";
                    if this >= a { this_y } else { this_y + 1 }
                }
                _ if raw.past_tense => {
                    rule = "past tense: the most recent occurrence, the anchor included";
                    if this <= a { this_y } else { this_y - 1 }
                }
                _ => {
                    rule = "the anchor's year unless that puts it well after the anchor";
                    if this > add_days(a, AHEAD_DAYS)? { this_y - 1 } else { this_y }
                }
            }
        }
    };

    let y2 = if (m2, d2) >= (m1, d1) { year } else { year + 1 };
    let from = date(year, m1, d1).or_else(|| date(year - 1, m1, d1))?;
    let to = date(y2, m2, d2)?;
    if to < from {
        return None;
    }
    Some(Resolved { value: Some(fmt_days(from, to)), granularity, anchoring: anchored(a, rule) })
}

fn is_deictic(e: &DateExpr) -> bool {
    e.stated.relation.as_deref() == Some("this") || e.stated.day_offset.is_some()
}

/// The publication day an expression about day `d` implies: "hier dimanche 1er novembre"
/// was written the day after.
fn written_on(e: &DateExpr, d: Date) -> Date {
    match e.stated.day_offset {
        Some(o) => add_days(d, -(o as i64)).unwrap_or(d),
        None => d,
    }
}

/// The last day an absolute expression covers.
fn last_day_of(value: &str) -> Option<Date> {
    let last = value.rsplit('/').next()?;
    last.get(..10)?.parse().ok()
}

/// The most recent year, not after `limit`, in which day `d` of month `m` is weekday `w`
/// (any weekday when `w` is None); and the other matching years in the window around it.
fn matching_years(d: u8, m: u8, w: Option<u8>, limit: Date) -> Option<(Date, Vec<Date>)> {
    let ly = limit.year() as i32;
    let mut chosen = None;
    let mut alternatives = Vec::new();
    for y in (ly - 30..=ly + 6).rev() {
        let Some(dt) = date(y, m, d) else { continue };
        if w.is_some_and(|w| weekday(dt) != w) {
            continue;
        }
        if chosen.is_none() && dt <= limit {
            chosen = Some(dt);
        } else if (ly - 12..=ly + 6).contains(&y) {
            alternatives.push(dt);
        }
    }
    alternatives.sort();
    Some((chosen?, alternatives))
}

pub(crate) fn infer(dates: &[DateExpr], newest_known: Option<Date>) -> Option<InferredDate> {
    // 1. An explicit date with "this"/"today" deixis: the article is about its own day.
    for e in dates {
        if !is_deictic(e) {
            continue;
        }
        if let (Anchoring::Absolute, Some(v), Granularity::Day | Granularity::Days) = (&e.anchoring, &e.value, e.granularity) {
            let date = written_on(e, last_day_of(v)?);
            return Some(InferredDate { date, how: format!("'{}': an explicit date the article places relative to its own day", e.text), alternatives: Vec::new(), source: Some(e.span), anchoring: Anchoring::Absolute });
        }
    }
    // 2. A day, month and weekday without year: the most recent matching year.
    let mut ordered: Vec<&DateExpr> = dates.iter().filter(|e| e.stated.weekday.is_some() && e.stated.day.is_some() && e.stated.month.is_some() && e.stated.year.is_none()).collect();
    ordered.sort_by_key(|e| !is_deictic(e));
    if let (Some(e), Some(limit)) = (ordered.first(), newest_known) {
        let (d, m, w) = (e.stated.day?, e.stated.month?, e.stated.weekday?);
        if let Some((found, alternatives)) = matching_years(d, m, Some(w), limit) {
            // the calendar's own name of the weekday (jiff's), for the human-readable note
            let wname = format!("{:?}", found.weekday());
            let date = written_on(e, found);
            let alternatives: Vec<Date> = alternatives.into_iter().map(|a| written_on(e, a)).collect();
            let how = format!("'{}': the most recent {wname} {d:02}-{m:02} not after {limit} (newest date known)", e.text);
            let anchoring = years_inferred(&alternatives);
            return Some(InferredDate { date, how, alternatives, source: Some(e.span), anchoring });
        }
    }
    // 3. The latest full date the article states (it reports the past). A day and month
    //    without year is written so because it falls in the year of writing, which the years
    //    written out elsewhere are not: its first occurrence after the latest full date, when
    //    that is not after the newest date known, is the better estimate.
    let latest = dates
        .iter()
        .filter(|e| matches!(e.anchoring, Anchoring::Absolute) && matches!(e.granularity, Granularity::Day | Granularity::Days))
        .filter_map(|e| Some((last_day_of(e.value.as_deref()?)?, e)))
        .filter(|(d, _)| newest_known.is_none_or(|n| *d <= n))
        .max_by_key(|(d, _)| *d);
    if let Some((full, fe)) = latest {
        for e in dates {
            let (Some(d), Some(m), None) = (e.stated.day, e.stated.month, e.stated.year) else { continue };
            let (ld, lm) = (e.stated.last_day.unwrap_or(d), e.stated.last_month.unwrap_or(m));
            let fy = full.year() as i32;
            let Some(next) = [fy, fy + 1].iter().filter_map(|&y| date(y, lm, ld)).find(|x| *x > full) else { continue };
            // "le 2 juin dernier" was written after the 2nd of June.
            let written = if e.stated.relation.as_deref() == Some("past") { add_days(next, 1).unwrap_or(next) } else { next };
            if newest_known.is_none_or(|n| written <= n) {
                let how = format!("'{}': a day without year, so of the year of writing, after the latest full date '{}'", e.text, fe.text);
                return Some(InferredDate { date: written, how, alternatives: vec![full], source: Some(e.span), anchoring: years_inferred(&[]) });
            }
        }
        return Some(InferredDate { date: full, how: format!("'{}': the latest full date the article states", fe.text), alternatives: Vec::new(), source: Some(fe.span), anchoring: Anchoring::Absolute });
    }
    // 4. A day and month without year: the most recent such day not after the newest date
    //    known; a bare weekday said after it ("a communiqué said Thursday") moves it forward.
    let limit = newest_known?;
    for (i, e) in dates.iter().enumerate() {
        let (Some(d), Some(m)) = (e.stated.day, e.stated.month) else { continue };
        if e.stated.year.is_some() {
            continue;
        }
        let (ld, lm) = (e.stated.last_day.unwrap_or(d), e.stated.last_month.unwrap_or(m));
        let Some((end, alternatives)) = matching_years(ld, lm, None, limit) else { continue };
        let mut date = end;
        let mut how = format!("'{}': the most recent such day not after {limit} (newest date known)", e.text);
        if let Some(w) = dates[i + 1..].iter().find(|x| x.stated.bare_weekday).and_then(|x| x.stated.weekday.map(|w| (w, x))) {
            let back = (w.0 as i64 - weekday(end) as i64).rem_euclid(7);
            if let Some(next) = add_days(end, back) {
                date = next;
                how = format!("{how}, then the '{}' said after it", w.1.text);
            }
        }
        let anchoring = years_inferred(&alternatives);
        return Some(InferredDate { date, how, alternatives, source: Some(e.span), anchoring });
    }
    None
}

fn years_inferred(alternatives: &[Date]) -> Anchoring {
    let mut years: Vec<i16> = alternatives.iter().map(|d| d.year()).collect();
    years.dedup();
    Anchoring::YearInferred { alternatives: years }
}
