//! The grammar: shapes of date expressions over lexemes (a day, month and year in either
//! order, numeric dates, ranges and lists of days, weekdays, relative periods, "ago", times
//! of day). It names no word of any language: words come with their roles from the lexicon.

use crate::lex::{Lex, LexKind};
use crate::lexicon::{Lexicon, Role, Unit};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Rel {
    #[default]
    None,
    Past,
    Future,
    This,
}

/// A day, month, year and weekday as written (any may be missing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Comp {
    pub day: Option<u8>,
    pub month: Option<u8>,
    pub year: Option<i32>,
    pub weekday: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum RawKind {
    /// One day, or a range / list of days from `first` to `last` (equal for one day).
    Days { first: Comp, last: Comp },
    /// A weekday, or a list of weekdays from `0` to `1` ("jeudi et vendredi").
    Weekday(u8, u8),
    Month { month: u8, year: Option<i32> },
    Year(i32),
    /// A period relative to the anchor: `offset` units away (this week: 0; last month: -1).
    Relative { unit: Unit, offset: i32 },
}

/// An expression as parsed: lexeme range `[start, end)` and meaning before resolution.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Raw {
    pub start: usize,
    pub end: usize,
    pub kind: RawKind,
    pub rel: Rel,
    pub day_offset: Option<i8>,
    pub time: Option<(u8, u8)>,
    /// A cue of the future tense precedes it in its sentence.
    pub future_tense: bool,
    /// A cue of the past tense is the nearest cue before it in its sentence.
    pub past_tense: bool,
}

pub(crate) struct Parser<'a> {
    l: &'a [Lex],
    lex: &'a Lexicon,
}

/// Parses every expression of `lexemes`, line by line, left to right, longest first.
pub(crate) fn parse(lexemes: &[Lex], lex: &Lexicon) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut a = 0;
    while a < lexemes.len() {
        let mut b = a + 1;
        while b < lexemes.len() && !lexemes[b].newline {
            b += 1;
        }
        let p = Parser { l: &lexemes[a..b], lex };
        let mut i = 0;
        while i < p.l.len() {
            // Every expression begins with a number or a word of the lexicon: `expr` finds
            // nothing at another word or a punctuation mark (most lexemes of a page).
            let x = &p.l[i];
            if x.roles.is_empty() && !matches!(x.kind, LexKind::Num(..)) {
                i += 1;
                continue;
            }
            match p.expr(i) {
                Some(mut r) if r.end > i => {
                    let next = r.end;
                    r.start += a;
                    r.end += a;
                    out.push(r);
                    i = next;
                }
                _ => i += 1,
            }
        }
        a = b;
    }
    out
}

impl<'a> Parser<'a> {
    fn has(&self, i: usize, r: Role) -> bool {
        self.l.get(i).is_some_and(|x| x.has(r))
    }
    fn punct(&self, i: usize) -> Option<char> {
        match self.l.get(i)?.kind {
            LexKind::Punct(c) => Some(c),
            _ => None,
        }
    }
    fn num(&self, i: usize) -> Option<(u32, u8)> {
        match self.l.get(i)?.kind {
            LexKind::Num(Some(v), d) => Some((v, d)),
            _ => None,
        }
    }
    fn role<T>(&self, i: usize, f: impl Fn(&Role) -> Option<T>) -> Option<T> {
        self.l.get(i)?.roles.iter().find_map(f)
    }
    fn month(&self, i: usize) -> Option<u8> {
        self.role(i, |r| if let Role::Month(m) = r { Some(*m) } else { None })
    }
    fn weekday(&self, i: usize) -> Option<u8> {
        self.role(i, |r| if let Role::Weekday(w) = r { Some(*w) } else { None })
    }
    fn unit(&self, i: usize) -> Option<(Unit, u8)> {
        self.role(i, |r| if let Role::Unit(u, c) = r { Some((*u, *c)) } else { None })
    }
    /// A unit after a count: singular ("un an") or plural ("deux ans").
    fn counted_unit(&self, i: usize) -> Option<Unit> {
        self.role(i, |r| match r {
            Role::Unit(u, 0) | Role::Units(u) => Some(*u),
            _ => None,
        })
    }
    fn day_offset(&self, i: usize) -> Option<i8> {
        self.role(i, |r| if let Role::DayOffset(o) = r { Some(*o) } else { None })
    }
    /// "et vendredi", "والجمعة" (the conjunction glued as a clitic) after a weekday.
    fn next_weekday(&self, i: usize) -> Option<(u8, usize)> {
        if self.has(i, Role::And) {
            return self.weekday(i + 1).map(|w| (w, i + 2));
        }
        let x = self.l.get(i)?;
        if x.clitic_and {
            return self.weekday(i).map(|w| (w, i + 1));
        }
        None
    }

    /// A count: digits or a number word.
    fn count(&self, i: usize) -> Option<u32> {
        if let Some((v, d)) = self.num(i) {
            return (d <= 3).then_some(v);
        }
        self.role(i, |r| if let Role::Number(n) = r { Some(*n) } else { None })
    }

    /// A day of the month (1–31, one or two digits, maybe with an ordinal suffix glued).
    fn day_at(&self, i: usize) -> Option<(u8, usize)> {
        let (v, d) = self.num(i)?;
        if d > 2 || v == 0 || v > 31 {
            return None;
        }
        let mut j = i + 1;
        if self.l.get(j).is_some_and(|x| x.glued && x.has(Role::Ordinal)) {
            j += 1;
        }
        // Not a time of day ("15:30") nor part of a longer number ("1,5", "3.000").
        if matches!(self.punct(j), Some(':')) && self.num(j + 1).is_some() {
            return None;
        }
        if matches!(self.punct(j), Some(',' | '.')) && self.l.get(j).is_some_and(|x| x.glued) && self.l.get(j + 1).is_some_and(|x| x.glued && matches!(x.kind, LexKind::Num(..))) {
            return None;
        }
        Some((v as u8, j))
    }

    /// A year (1900–2100), with a glued era suffix ("2024م"); not "the 2000s".
    fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        let (v, d) = self.num(i)?;
        if d != 4 || !(1900..=2100).contains(&v) {
            return None;
        }
        match self.l.get(i + 1) {
            Some(x) if x.glued && x.kind == LexKind::Word => x.has(Role::YearSuffix).then_some((v as i32, i + 2)),
            _ => Some((v as i32, i + 1)),
        }
    }

    /// A month name, with the double form "أبريل (نيسان)".
    fn month_at(&self, i: usize) -> Option<(u8, usize)> {
        let m = self.month(i)?;
        let mut j = i + 1;
        // "Sept. 12": the stop of a short abbreviation before a number.
        if self.punct(j) == Some('.') && self.l.get(j).is_some_and(|x| x.glued) && self.num(j + 1).is_some() && self.l.get(i).is_some_and(|x| x.end - x.start <= 5) {
            j += 1;
        }
        if self.punct(j) == Some('(') && self.month(j + 1) == Some(m) && self.punct(j + 2) == Some(')') {
            j += 3;
        }
        Some((m, j))
    }

    /// Skips one separator between a day, a month and a year.
    fn sep(&self, i: usize) -> usize {
        if self.has(i, Role::Of) || matches!(self.punct(i), Some('-' | '.' | '/' | ',' | '،')) {
            i + 1
        } else {
            i
        }
    }

    /// "24/09/2020", "19.06.2023", "18 - 06 - 2022", "2022-06-18", "10 . 02 . 2024".
    fn numeric(&self, i: usize) -> Option<(Comp, usize)> {
        let (a, da) = self.num(i)?;
        let s = self.punct(i + 1)?;
        if !matches!(s, '/' | '.' | '-') {
            return None;
        }
        let (b, db) = self.num(i + 2)?;
        if self.punct(i + 3)? != s || db > 2 {
            return None;
        }
        let (c, dc) = self.num(i + 4)?;
        let (y, m, d) = if da == 4 && dc <= 2 {
            (a as i32, b, c)
        } else if da <= 2 && (dc == 4 || (dc == 2 && s != '-')) {
            let y = if dc == 2 { 2000 + c as i32 } else { c as i32 };
            if self.lex.month_day && a <= 12 && b > 12 {
                (y, a, b)
            } else {
                (y, b, a)
            }
        } else {
            return None;
        };
        if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        // Not a longer chain of numbers (versions, addresses).
        if self.punct(i + 5) == Some(s) && self.num(i + 6).is_some() {
            return None;
        }
        Some((Comp { day: Some(d as u8), month: Some(m as u8), year: Some(y), weekday: None }, i + 5))
    }

    /// One day: optional weekday(s) and articles, then a numeric date, day-month[-year] or
    /// (where the language writes it) month-day[-year]. A bare day number is returned with
    /// no month; callers accept it only inside a range or list.
    fn component(&self, i: usize) -> Option<(Comp, usize)> {
        let mut k = i;
        let mut wd = None;
        for _ in 0..4 {
            if self.has(k, Role::Article) {
                k += 1;
            } else if let (None, Some(w)) = (wd, self.weekday(k)) {
                wd = Some(w);
                k += 1;
                while let Some((_, e2)) = self.next_weekday(k) {
                    k = e2;
                }
                if matches!(self.punct(k), Some(',' | '،')) {
                    k += 1;
                }
            } else {
                break;
            }
        }
        if let Some((mut c, e)) = self.numeric(k) {
            c.weekday = wd;
            return Some((c, e));
        }
        if let Some((d, k2)) = self.day_at(k) {
            let mut k3 = self.sep(k2);
            if self.has(k3, Role::MonthPrefix) && self.month(k3 + 1).is_some() {
                k3 += 1;
            }
            if let Some((m, k4)) = self.month_at(k3) {
                let k5 = self.sep(k4);
                if let Some((y, k6)) = self.year_at(k5) {
                    return Some((Comp { day: Some(d), month: Some(m), year: Some(y), weekday: wd }, k6));
                }
                return Some((Comp { day: Some(d), month: Some(m), year: None, weekday: wd }, k4));
            }
            return Some((Comp { day: Some(d), month: None, year: None, weekday: wd }, k2));
        }
        if self.lex.month_day {
            if let Some((m, k2)) = self.month_at(k) {
                if let Some((d, k3)) = self.day_at(k2) {
                    let k4 = if matches!(self.punct(k3), Some(',' | '،')) { k3 + 1 } else { k3 };
                    if let Some((y, k5)) = self.year_at(k4) {
                        return Some((Comp { day: Some(d), month: Some(m), year: Some(y), weekday: wd }, k5));
                    }
                    return Some((Comp { day: Some(d), month: Some(m), year: None, weekday: wd }, k3));
                }
            }
        }
        None
    }

    /// After a day: a connector of a range or list, with following articles / "from" words.
    fn connector(&self, i: usize) -> Option<usize> {
        let x = self.l.get(i)?;
        if !(x.has(Role::And) || x.has(Role::To) || matches!(self.punct(i), Some('-' | ',' | '،'))) {
            return None;
        }
        let mut k = i + 1;
        for _ in 0..2 {
            if self.has(k, Role::Article) || self.has(k, Role::From) {
                k += 1;
            }
        }
        Some(k)
    }

    /// A day, or a range or list of days, starting with component `c1` ending at `e1`.
    fn days(&self, c1: Comp, e1: usize, from: bool) -> Option<(Comp, Comp, usize)> {
        let mut first = c1;
        let mut last = c1;
        let mut e = e1;
        if c1.month.is_none() {
            // "les 13 et 14 juin", "du 26 au 28 juin", "les 13, 14 et 15 juin"
            let list = || -> Option<(Comp, usize)> {
                let mut e = e1;
                for _ in 0..31 {
                    let k = self.connector(e)?;
                    let (c, ce) = self.component(k)?;
                    e = ce;
                    if c.month.is_some() {
                        return Some((c, e));
                    }
                }
                None
            };
            match list() {
                Some((c, ce)) => {
                    last = c;
                    e = ce;
                }
                // "Tuesday the 18th", "el jueves 16": a weekday and a day of the month.
                None if c1.weekday.is_some() => return Some((c1, c1, e1)),
                // "le 12 courant": a day of the current month.
                None if self.has(e1, Role::Current) => return Some((c1, c1, e1)),
                None => return None,
            }
            first.month = last.month;
            first.year = last.year;
        } else if let Some(k) = self.connector(e) {
            // Two full dates joined by "and" are a list of two occasions, not a range, unless a
            // "from/between" word opened the expression.
            let and_only = self.has(e, Role::And) && !self.has(e, Role::To) && !from;
            if let Some((c, ce)) = self.component(k) {
                if c.month.is_some() && !and_only {
                    last = c;
                    e = ce;
                } else if self.lex.month_day && c.day > first.day && first.day.is_some() {
                    // "June 13 and 14, 2023"
                    last = Comp { day: c.day, month: first.month, year: first.year, weekday: c.weekday };
                    e = ce;
                    let k2 = if matches!(self.punct(e), Some(',' | '،')) { e + 1 } else { e };
                    if first.year.is_none() {
                        if let Some((y, k3)) = self.year_at(k2) {
                            first.year = Some(y);
                            last.year = Some(y);
                            e = k3;
                        }
                    }
                }
            }
        }
        if first.year.is_none() {
            if let Some(y) = last.year {
                let before = (first.month, first.day) <= (last.month, last.day);
                first.year = Some(if before { y } else { y - 1 });
            }
        }
        Some((first, last, e))
    }

    /// "15:57", "à 15h30", "على الساعة 15:57", "23 H 57" after an expression ending at `i`.
    fn time_at(&self, i: usize) -> Option<((u8, u8), usize)> {
        let mut k = i;
        for _ in 0..3 {
            if self.has(k, Role::TimeMarker) || matches!(self.punct(k), Some(',' | '-' | '،')) {
                k += 1;
            }
        }
        let (h, dh) = self.num(k)?;
        if dh > 2 || h > 23 {
            return None;
        }
        let ((h, m), e) = if self.punct(k + 1) == Some(':') {
            let (m, dm) = self.num(k + 2)?;
            if dm != 2 || m > 59 {
                return None;
            }
            // seconds: "10:30:00"
            let e = if self.punct(k + 3) == Some(':') && self.num(k + 4).is_some_and(|(s, d)| d == 2 && s <= 59) { k + 5 } else { k + 3 };
            ((h, m), e)
        } else if self.has(k + 1, Role::HourMark) {
            match self.num(k + 2) {
                Some((m, 2)) if m <= 59 => ((h, m), k + 3),
                _ => ((h, 0), k + 2),
            }
        } else {
            return None;
        };
        // "4:51 PM", "08:15 م"
        let mut h = h;
        let mut e = e;
        if self.has(e, Role::Pm) && h < 12 {
            h += 12;
            e += 1;
        } else if self.has(e, Role::Am) && h <= 12 {
            if h == 12 {
                h = 0;
            }
            e += 1;
        }
        Some(((h as u8, m as u8), e))
    }

    /// A relative or suffixed relation word at `i`.
    fn suffix_rel(&self, i: usize) -> Option<Rel> {
        if self.has(i, Role::Past) {
            Some(Rel::Past)
        } else if self.has(i, Role::Future) {
            Some(Rel::Future)
        } else if self.has(i, Role::Current) {
            Some(Rel::This)
        } else {
            None
        }
    }

    /// "two years ago", "3 días atrás" at `i`: (unit, count, end).
    fn ago_after(&self, i: usize) -> Option<(Unit, u32, usize)> {
        let n = self.count(i)?;
        let u = self.counted_unit(i + 1)?;
        if !self.has(i + 2, Role::AgoAfter) {
            return None;
        }
        Some((u, n, i + 3))
    }

    /// "il y a deux ans", "hace un año", "منذ عامين" with the ago-word at `i`.
    fn ago_before(&self, i: usize) -> Option<(Unit, u32, usize)> {
        let k = i + 1;
        if let Some((u, c)) = self.unit(k) {
            return Some((u, if c == 0 { 1 } else { c as u32 }, k + 1));
        }
        let n = self.count(k)?;
        let u = self.counted_unit(k + 1)?;
        Some((u, n, k + 2))
    }

    /// The tense of the nearest cue before lexeme `i` in its sentence: Some(true) future,
    /// Some(false) past.
    fn tense_before(&self, i: usize) -> Option<bool> {
        let mut k = i;
        let mut n = 0;
        while k > 0 && n < 10 {
            k -= 1;
            n += 1;
            if matches!(self.punct(k), Some('.' | '!' | '?' | '؟' | ';')) {
                return None;
            }
            if self.has(k, Role::FutureCue) {
                return Some(true);
            }
            if self.has(k, Role::PastCue) {
                return Some(false);
            }
        }
        None
    }

    fn set_tense(&self, raw: &mut Raw) {
        let t = self.tense_before(raw.start);
        raw.future_tense = t == Some(true);
        raw.past_tense = t == Some(false);
    }

    /// The expression starting at lexeme `i`, if any.
    fn expr(&self, i: usize) -> Option<Raw> {
        let mut j = i;
        let mut rel = Rel::None;
        let mut off: Option<i8> = None;
        let mut prefixed = false;
        let mut from = false;
        let mut last_counted = i;
        let mut had_article = false;
        let mut start: Option<usize> = None;
        let mk = |kind: RawKind, start: Option<usize>, core: usize, end: usize, rel: Rel, off: Option<i8>| Raw {
            start: start.unwrap_or(core).min(core),
            end,
            kind,
            rel,
            day_offset: off,
            time: None,
            future_tense: false,
            past_tense: false,
        };
        for _ in 0..6 {
            let Some(x) = self.l.get(j) else { break };
            if x.has(Role::InFuture) || (x.has(Role::InFutureTensed) && self.tense_before(j) == Some(true)) {
                // A count of at least two is required ("dans deux semaines", "بعد يومين"): "en
                // semana santa", "in a day" are no dates.
                let counted = self.count(j + 1).is_some_and(|n| n >= 2) || matches!(self.unit(j + 1), Some((_, c)) if c > 0);
                if let Some((u, n, e)) = self.ago_before(j).filter(|_| counted) {
                    let s = start.unwrap_or(j);
                    return Some(mk(RawKind::Relative { unit: u, offset: n.min(10_000) as i32 }, Some(s), s, e, Rel::Future, None));
                }
            }
            if x.has(Role::AgoBefore) {
                if let Some((u, n, e)) = self.ago_before(j) {
                    let s = start.unwrap_or(j);
                    return Some(mk(RawKind::Relative { unit: u, offset: -(n.min(10_000) as i32) }, Some(s), s, e, Rel::Past, None));
                }
            }
            let mut counts = true;
            if let Some(o) = self.day_offset(j) {
                if off.is_some() {
                    break;
                }
                off = Some(o);
            } else if x.has(Role::This) {
                rel = Rel::This;
            } else if (x.has(Role::Past) || x.has(Role::Future)) && rel == Rel::None {
                rel = if x.has(Role::Past) { Rel::Past } else { Rel::Future };
            } else if x.has(Role::From) {
                from = true;
                prefixed = true;
            } else if x.has(Role::Early) || x.has(Role::Mid) || x.has(Role::Late) {
                prefixed = true;
            } else if x.has(Role::MonthPrefix) {
                prefixed = true;
                counts = false;
            } else if x.has(Role::Article) {
                counts = false;
                had_article = true;
            } else {
                break;
            }
            if counts && start.is_none() {
                start = Some(j);
            }
            if counts {
                last_counted = j + 1;
            }
            j += 1;
        }
        // "mi-juin", "mid-April": a dash after a modifier.
        if prefixed && self.punct(j) == Some('-') && self.l.get(j).is_some_and(|x| x.glued) {
            j += 1;
        }
        let k = j;
        // A unit: "cette semaine", "la semaine prochaine", "last month", "early last year".
        {
            let mut u_at = k;
            while self.has(u_at, Role::Article) && u_at < k + 2 {
                u_at += 1;
            }
            // "l'année 2021", "عام 2021", "el año 2021"
            if let (Some((Unit::Year, 0)), Some((y, e))) = (self.unit(u_at), self.year_at(u_at + 1)) {
                return Some(mk(RawKind::Year(y), start, u_at, e, Rel::None, None));
            }
            if let Some((u, 0)) = self.unit(u_at) {
                let mut e = u_at + 1;
                let mut r = rel;
                if let Some(sr) = self.suffix_rel(e) {
                    r = sr;
                    e += 1;
                }
                let offset = match r {
                    Rel::This => Some(0),
                    Rel::Past => Some(-1),
                    Rel::Future => Some(1),
                    Rel::None => None,
                };
                if let Some(offset) = offset {
                    return Some(mk(RawKind::Relative { unit: u, offset }, start, u_at, e, r, None));
                }
            }
        }
        if let Some((u, n, e)) = self.ago_after(k) {
            return Some(mk(RawKind::Relative { unit: u, offset: -(n.min(10_000) as i32) }, start, k, e, Rel::Past, None));
        }
        if let Some((c1, e1)) = self.component(k) {
            if let Some((first, last, mut e)) = self.days(c1, e1, from) {
                let mut r = rel;
                if let Some(sr) = self.suffix_rel(e) {
                    r = sr;
                    e += 1;
                }
                let mut raw = mk(RawKind::Days { first, last }, start, k, e, r, off);
                if let Some((t, te)) = self.time_at(e) {
                    raw.time = Some(t);
                    raw.end = te;
                }
                self.set_tense(&mut raw);
                return Some(raw);
            }
        }
        // A weekday: "lundi", "jeudi dernier", "el pasado jueves", "أمس الثلاثاء", "on Monday".
        {
            let mut w_at = k;
            while self.has(w_at, Role::Article) && w_at < k + 2 {
                w_at += 1;
            }
            // "le week-end dernier", "over the weekend"; not "a weekend activity".
            let weekend = self.has(w_at, Role::Weekend) && (w_at > k || had_article || start.is_some() || self.suffix_rel(w_at + 1).is_some());
            if let Some(w) = self.weekday(w_at).or(weekend.then_some(6)) {
                let mut e = w_at + 1;
                let mut last = if weekend { 7 } else { w };
                while let Some((w2, e2)) = self.next_weekday(e) {
                    last = w2;
                    e = e2;
                }
                let mut r = rel;
                if let Some(sr) = self.suffix_rel(e) {
                    r = sr;
                    e += 1;
                }
                let mut raw = mk(RawKind::Weekday(w, last), start, w_at, e, r, off);
                if let Some((t, te)) = self.time_at(e) {
                    raw.time = Some(t);
                    raw.end = te;
                }
                self.set_tense(&mut raw);
                return Some(raw);
            }
        }
        // A month: "en agosto de 2024", "April 2018", "en avril dernier", "mi-avril".
        if let Some((m, e)) = self.month_at(k) {
            let e2 = if self.has(e, Role::Of) || matches!(self.punct(e), Some(',' | '-')) { e + 1 } else { e };
            if let Some((y, e3)) = self.year_at(e2) {
                return Some(mk(RawKind::Month { month: m, year: Some(y) }, start, k, e3, rel, None));
            }
            if let Some(sr) = self.suffix_rel(e) {
                return Some(mk(RawKind::Month { month: m, year: None }, start, k, e + 1, sr, None));
            }
            if rel != Rel::None || prefixed {
                let mut raw = mk(RawKind::Month { month: m, year: None }, start, k, e, rel, None);
                self.set_tense(&mut raw);
                return Some(raw);
            }
            return None;
        }
        if prefixed && !from {
            if let Some((y, e)) = self.year_at(k) {
                return Some(mk(RawKind::Year(y), start, k, e, Rel::None, None));
            }
        }
        if let (Some(o), Some(s)) = (off, start) {
            let mut raw = mk(RawKind::Relative { unit: Unit::Day, offset: o as i32 }, Some(s), s, k, rel, Some(o));
            // end after the last meaningful prefix ("today", not "today on")
            raw.end = last_counted.max(s + 1);
            if let Some((t, te)) = self.time_at(raw.end) {
                raw.time = Some(t);
                raw.end = te;
            }
            return Some(raw);
        }
        None
    }
}
