//! A port of ../shared/eval/score.py (FORMAT.md): the same figures from the same JSON.
//!
//! It mirrors the Python line by line; where the Python would raise on malformed JSON
//! (a non-string name, a gold interval that does not parse) the port treats the value as
//! absent instead. `norm()` uses `norm_table.txt`, the per-character part of the Python's
//! `norm()` generated from the Python itself by `gen_norm_table.py`.

use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

// ---------------------------------------------------------------- names

enum Map {
    Delta(i64),
    Text(String),
}

fn table() -> &'static [(u32, u32, Map)] {
    static TABLE: OnceLock<Vec<(u32, u32, Map)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut rows = Vec::new();
        for line in include_str!("norm_table.txt").lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut f = line.splitn(4, '\t');
            let (kind, lo, hi, val) = (f.next(), f.next(), f.next(), f.next().unwrap_or(""));
            let lo = u32::from_str_radix(lo.unwrap_or(""), 16).expect("norm_table.txt: bad lo");
            let hi = u32::from_str_radix(hi.unwrap_or(""), 16).expect("norm_table.txt: bad hi");
            let map = match kind {
                Some("D") => Map::Delta(val.parse().expect("norm_table.txt: bad delta")),
                Some("S") => Map::Text(val.to_string()),
                _ => panic!("norm_table.txt: bad row {line:?}"),
            };
            rows.push((lo, hi, map));
        }
        rows
    })
}

/// score.py's per-character mapping: the result holds only word characters and spaces.
fn map_char(c: char, out: &mut String) {
    let cp = c as u32;
    if (0xAC00..=0xD7A3).contains(&cp) {
        // Hangul syllable: NFKD into conjoining jamo (which the mapping leaves alone).
        let s = cp - 0xAC00;
        let (l, v, t) = (0x1100 + s / 588, 0x1161 + (s % 588) / 28, 0x11A7 + s % 28);
        for j in [l, v].into_iter().chain((t != 0x11A7).then_some(t)) {
            out.extend(char::from_u32(j));
        }
        return;
    }
    let rows = table();
    let i = rows.partition_point(|r| r.0 <= cp);
    match i.checked_sub(1).map(|i| &rows[i]) {
        Some((_, hi, map)) if cp <= *hi => match map {
            Map::Delta(d) => out.extend(char::from_u32((cp as i64 + d) as u32)),
            Map::Text(t) => out.push_str(t),
        },
        _ => out.push(c),
    }
}

/// score.py `norm`.
pub fn norm(s: &str) -> String {
    let mut mapped = String::with_capacity(s.len());
    for c in s.chars() {
        map_char(c, &mut mapped);
    }
    mapped.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// `norm` of a JSON value: strings are normalized, anything else counts as empty.
fn norm_v(v: Option<&Value>) -> String {
    v.and_then(Value::as_str).map(norm).unwrap_or_default()
}

fn char_len(w: &str) -> usize {
    w.chars().count()
}

/// score.py `match_quality`.
pub fn match_quality(pred_name: &str, gold_names: &[String]) -> f64 {
    let pn = norm(pred_name);
    if pn.is_empty() {
        return 0.0;
    }
    let pw: BTreeSet<&str> = pn.split(' ').collect();
    let mut best: f64 = 0.0;
    for g in gold_names {
        let gn = norm(g);
        if gn.is_empty() {
            continue;
        }
        if pn == gn {
            return 3.0;
        }
        let gw: BTreeSet<&str> = gn.split(' ').collect();
        if !gw.is_empty() && gw.is_subset(&pw) && gw.iter().map(|w| char_len(w)).max().unwrap_or(0) >= 3 {
            best = best.max(2.0 + gw.len() as f64 / pw.len() as f64 * 0.99);
        }
    }
    best
}

/// score.py `name_matches`.
pub fn name_matches(pred_name: &str, gold_names: &[String]) -> bool {
    match_quality(pred_name, gold_names) > 0.0
}

/// Gold entity ids with their names, in the gold's order (a repeated id keeps its first place
/// and its last names, like a Python dict).
pub struct GoldEntities {
    names: Vec<(String, Vec<String>)>,
}

impl GoldEntities {
    pub fn new(entities: &[Value]) -> GoldEntities {
        let mut names: Vec<(String, Vec<String>)> = Vec::new();
        for e in entities {
            let id = e.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
            let mut all = vec![str_of(e.get("name"))];
            all.extend(strings(e.get("aliases")));
            match names.iter_mut().find(|(i, _)| *i == id) {
                Some(slot) => slot.1 = all,
                None => names.push((id, all)),
            }
        }
        GoldEntities { names }
    }

    /// score.py `GoldEntities.resolve` (without candidates).
    pub fn resolve(&self, name: &str) -> Option<String> {
        let (mut best, mut best_q) = (None, 0.0);
        for (gid, names) in &self.names {
            let q = match_quality(name, names);
            if q > best_q {
                best = Some(gid.clone());
                best_q = q;
            }
        }
        best
    }
}

// ---------------------------------------------------------------- JSON like Python's dict.get

fn str_of(v: Option<&Value>) -> String {
    v.and_then(Value::as_str).unwrap_or_default().to_string()
}

/// A list of strings (a JSON string iterates as its characters, as in Python).
fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
        Some(Value::String(s)) => s.chars().map(String::from).collect(),
        _ => Vec::new(),
    }
}

fn array(v: Option<&Value>) -> &[Value] {
    match v {
        Some(Value::Array(a)) => a,
        _ => &[],
    }
}

fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// A JSON value for the log, the way the Python prints it (None, 'text', numbers, lists).
fn py(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "None".into(),
        Some(Value::String(s)) => format!("'{s}'"),
        Some(v) => v.to_string(),
    }
}

/// A Python dict key for a JSON value (missing and null are both None).
fn key(v: Option<&Value>) -> String {
    v.unwrap_or(&Value::Null).to_string()
}

// ---------------------------------------------------------------- dates

type Day = (i64, u32, u32);

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Python's `datetime.date(y, m, d)`: Err is its ValueError.
fn date(y: i64, m: u32, d: u32) -> Result<Day, ()> {
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return Err(());
    }
    Ok((y, m, d))
}

fn prev_day((y, m, d): Day) -> Result<Day, ()> {
    if d > 1 {
        return Ok((y, m, d - 1));
    }
    if m > 1 {
        return Ok((y, m - 1, days_in_month(y, m - 1)));
    }
    date(y - 1, 12, 31)
}

/// A decimal digit as Python's `\d` and `int()` read it (ASCII, Arabic-Indic, fullwidth).
fn digit(c: char) -> Option<u32> {
    let cp = c as u32;
    [0x30, 0x660, 0x6F0, 0xFF10].iter().find(|&&z| (z..z + 10).contains(&cp)).map(|z| cp - z)
}

fn digits(chars: &[char], n: usize) -> Option<u32> {
    if chars.len() < n {
        return None;
    }
    chars[..n].iter().try_fold(0u32, |acc, &c| Some(acc * 10 + digit(c)?))
}

/// score.py `_parse_point`: Ok(None) when the regex does not match, Err for ValueError.
fn parse_point(s: &str, end: bool) -> Result<Option<Day>, ()> {
    let chars: Vec<char> = s.trim().chars().collect();
    let Some(y) = digits(&chars, 4) else { return Ok(None) };
    let y = y as i64;
    let rest = &chars[4..];
    let group = |r: &[char]| -> Option<u32> { if r.first() == Some(&'-') { digits(&r[1..], 2) } else { None } };
    let month = group(rest);
    let day = month.and_then(|_| group(&rest[3..]));
    if let (Some(mo), Some(d)) = (month, day) {
        return date(y, mo, d).map(Some);
    }
    if let Some(mo) = month {
        if !end {
            return date(y, mo, 1).map(Some);
        }
        let nxt = date(y + (mo == 12) as i64, mo % 12 + 1, 1)?;
        return prev_day(nxt).map(Some);
    }
    if end { date(y, 12, 31).map(Some) } else { date(y, 1, 1).map(Some) }
}

/// score.py `interval`.
pub fn interval(v: Option<&Value>) -> Option<(Day, Day)> {
    let s = v.and_then(Value::as_str).filter(|s| !s.is_empty())?;
    let (lo, hi) = match s.split_once('/') {
        Some((a, b)) => (parse_point(a, false), parse_point(b, true)),
        None => (parse_point(s, false), parse_point(s, true)),
    };
    match (lo, hi) {
        (Ok(Some(lo)), Ok(Some(hi))) => Some((lo, hi)),
        _ => None,
    }
}

fn dates_compatible(gold_ev: &Value, pred_date: Option<&Value>) -> bool {
    let gi = interval(gold_ev.get("date"));
    let pi = interval(pred_date);
    let Some(gi) = gi else {
        let Some(pi) = pi else { return true };
        return interval(gold_ev.get("before")).is_none_or(|b| pi.1 <= b.1);
    };
    let Some(pi) = pi else { return false };
    pi.0 <= gi.1 && gi.0 <= pi.1
}

fn date_exact(gold_ev: &Value, pred_date: Option<&Value>) -> bool {
    match interval(gold_ev.get("date")) {
        None => dates_compatible(gold_ev, pred_date),
        Some(gi) => interval(pred_date) == Some(gi),
    }
}

// ---------------------------------------------------------------- scoring

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 0.0 };
    let r = if tp + fn_ > 0 { tp as f64 / (tp + fn_) as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

fn base(src: Option<&Value>) -> String {
    let s = src.and_then(Value::as_str).unwrap_or_default();
    s.rsplit('/').next().unwrap_or_default().to_string()
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

#[derive(Debug, Clone, PartialEq)]
pub struct Documents {
    pub count: usize,
    pub lang_accuracy: Option<f64>,
    pub title_accuracy: Option<f64>,
    pub published_accuracy: Option<f64>,
    pub published_inferred_accuracy: Option<f64>,
    pub body_kept: Option<f64>,
    pub boilerplate_leaked: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entities {
    pub merge_groups: usize,
    pub merge_held: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Events {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub participant_precision: f64,
    pub participant_recall: f64,
    pub participant_f1: f64,
    pub date_exact: Option<f64>,
    pub location_accuracy: Option<f64>,
    pub sources_cited: Option<f64>,
}

/// score.py's figures, and its log of misses.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub documents: Documents,
    pub entities: Entities,
    pub events: Events,
    pub log: Vec<String>,
}

impl Figures {
    /// The figures as `score.py --json` prints them.
    pub fn to_json(&self) -> Value {
        let d = &self.documents;
        let e = &self.events;
        serde_json::json!({
            "documents": {
                "count": d.count, "lang_accuracy": d.lang_accuracy, "title_accuracy": d.title_accuracy,
                "published_accuracy": d.published_accuracy,
                "published_inferred_accuracy": d.published_inferred_accuracy,
                "body_kept": d.body_kept, "boilerplate_leaked": d.boilerplate_leaked,
            },
            "entities": {"merge_groups": self.entities.merge_groups, "merge_held": self.entities.merge_held},
            "events": {
                "gold": e.gold, "predicted": e.predicted, "matched": e.matched,
                "precision": e.precision, "recall": e.recall, "f1": e.f1,
                "participant_precision": e.participant_precision, "participant_recall": e.participant_recall,
                "participant_f1": e.participant_f1, "date_exact": e.date_exact,
                "location_accuracy": e.location_accuracy, "sources_cited": e.sources_cited,
            },
        })
    }

    /// One line per section, like score.py without --json.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let json = self.to_json();
        for section in ["documents", "entities", "events"] {
            let figs = json[section].as_object().expect("object");
            let order: &[&str] = match section {
                "documents" => &["count", "lang_accuracy", "title_accuracy", "published_accuracy",
                    "published_inferred_accuracy", "body_kept", "boilerplate_leaked"],
                "entities" => &["merge_groups", "merge_held"],
                _ => &["gold", "predicted", "matched", "precision", "recall", "f1", "participant_precision",
                    "participant_recall", "participant_f1", "date_exact", "location_accuracy", "sources_cited"],
            };
            let parts: Vec<String> = order
                .iter()
                .map(|k| match &figs[*k] {
                    Value::Number(n) if n.is_f64() => format!("{k}={:.3}", n.as_f64().unwrap_or_default()),
                    Value::Null => format!("{k}=None"),
                    v => format!("{k}={v}"),
                })
                .collect();
            out.push_str(&format!("{section}: {}\n", parts.join(", ")));
        }
        out
    }
}

/// score.py `score(gold, pred)`.
pub fn score(gold: &Value, pred: &Value) -> Figures {
    let ge = GoldEntities::new(array(gold.get("entities")));
    // pred_entities: a dict by id, in first-insertion order with the last value
    let mut pe_keys: Vec<String> = Vec::new();
    let mut pred_entities: HashMap<String, &Value> = HashMap::new();
    for e in array(pred.get("entities")) {
        let k = key(e.get("id"));
        if pred_entities.insert(k.clone(), e).is_none() {
            pe_keys.push(k);
        }
    }
    let mut log = Vec::new();

    // documents
    let mut pdocs: HashMap<String, &Value> = HashMap::new();
    for d in array(pred.get("documents")) {
        pdocs.insert(base(d.get("source")), d);
    }
    let empty = Value::Object(Default::default());
    let (mut n, mut lang_ok, mut title_n, mut title_ok, mut pub_n, mut pub_ok, mut inf_n, mut inf_ok) =
        (0, 0, 0, 0, 0, 0, 0, 0);
    let (mut inc_n, mut inc_ok, mut exc_n, mut exc_leak) = (0, 0, 0, 0);
    for gd in array(gold.get("documents")) {
        n += 1;
        let src = str_of(gd.get("source"));
        let pd = pdocs.get(&base(gd.get("source"))).copied().unwrap_or(&empty);
        let plang: String = str_of(pd.get("lang")).to_lowercase().chars().take(2).collect();
        if gd.get("lang").and_then(Value::as_str) == Some(plang.as_str()) {
            lang_ok += 1;
        } else {
            log.push(format!("doc {src}: lang {} != {}", py(pd.get("lang")), py(gd.get("lang"))));
        }
        if truthy(gd.get("title")) {
            title_n += 1;
            if norm_v(gd.get("title")) == norm_v(pd.get("title")) {
                title_ok += 1;
            } else {
                log.push(format!("doc {src}: title {}", py(pd.get("title"))));
            }
        }
        let published = interval(pd.get("published"));
        if gd.get("published").is_some_and(|v| !v.is_null()) {
            pub_n += 1;
            match (published, interval(gd.get("published"))) {
                (Some(p), Some(g)) if p.0 == g.0 => pub_ok += 1,
                _ => log.push(format!("doc {src}: published {} != {}", py(pd.get("published")), py(gd.get("published")))),
            }
        } else if truthy(gd.get("published_inferred")) {
            inf_n += 1;
            match (published, interval(gd.get("published_inferred"))) {
                (Some(p), Some(g)) if p.0 == g.0 => inf_ok += 1,
                (Some(_), _) => log.push(format!(
                    "doc {src}: published {}, inferable {}",
                    py(pd.get("published")),
                    py(gd.get("published_inferred"))
                )),
                _ => {}
            }
        }
        let body = norm_v(pd.get("body"));
        for s in strings(gd.get("must_include")) {
            inc_n += 1;
            if body.contains(&norm(&s)) {
                inc_ok += 1;
            } else {
                log.push(format!("doc {src}: body lacks {s:?}"));
            }
        }
        for s in strings(gd.get("must_exclude")) {
            exc_n += 1;
            let ns = norm(&s);
            if !ns.is_empty() && body.contains(&ns) {
                exc_leak += 1;
                log.push(format!("doc {src}: body keeps boilerplate {s:?}"));
            }
        }
    }
    let documents = Documents {
        count: n,
        lang_accuracy: ratio(lang_ok, n),
        title_accuracy: ratio(title_ok, title_n),
        published_accuracy: ratio(pub_ok, pub_n),
        published_inferred_accuracy: ratio(inf_ok, inf_n),
        body_kept: ratio(inc_ok, inc_n),
        boilerplate_leaked: ratio(exc_leak, exc_n),
    };

    // entities: merge groups
    let (mut groups, mut total) = (0, 0);
    for g in array(gold.get("entities")) {
        if !truthy(g.get("merge")) {
            continue;
        }
        let for_merge: Vec<Vec<String>> = array(g.get("merge")).iter().map(|side| strings(Some(side))).collect();
        total += 1;
        let held = pe_keys.iter().any(|k| {
            let pe = pred_entities[k];
            let mut forms = vec![norm_v(pe.get("name"))];
            forms.extend(strings(pe.get("aliases")).iter().map(|a| norm(a)));
            for_merge.iter().all(|side| {
                let side: BTreeSet<String> = side.iter().map(|x| norm(x)).collect();
                forms.iter().any(|f| side.contains(f))
            })
        });
        groups += held as usize;
        if !held {
            log.push(format!("entity {}: no single entity holds {for_merge:?}", str_of(g.get("id"))));
        }
    }
    let entities = Entities { merge_groups: total, merge_held: ratio(groups, total) };

    // events
    let gevents = array(gold.get("events"));
    let pevents = array(pred.get("events"));
    let pred_participants = |pev: &Value| -> Vec<(Option<Value>, Option<String>)> {
        let mut ids = Vec::new();
        for p in array(pev.get("participants")) {
            let mut names = vec![str_of(p.get("name"))];
            if let Some(ent) = pred_entities.get(&key(p.get("entity"))).filter(|e| truthy(Some(e))) {
                names.push(str_of(ent.get("name")));
                names.extend(strings(ent.get("aliases")));
            }
            let mut gid = None;
            for nm in &names {
                gid = ge.resolve(nm);
                if gid.is_some() {
                    break;
                }
            }
            ids.push((p.get("name").cloned(), gid));
        }
        ids
    };
    let pparts: Vec<_> = pevents.iter().map(pred_participants).collect();
    let id_set = |v: Option<&Value>| -> BTreeSet<String> { strings(v).into_iter().collect() };
    let mut cands: Vec<(f64, bool, usize, usize)> = Vec::new();
    for (gi, g) in gevents.iter().enumerate() {
        let req = id_set(g.get("participants"));
        let gloc = strings(g.get("location"));
        for (pi, p) in pevents.iter().enumerate() {
            let got: BTreeSet<String> = pparts[pi].iter().filter_map(|(_, gid)| gid.clone()).collect();
            let shared = req.intersection(&got).count();
            if shared == 0 || !dates_compatible(g, p.get("date")) {
                continue;
            }
            let loc_ok = truthy(p.get("location")) && name_matches(&str_of(p.get("location")), &gloc);
            if req.len() == 1 && truthy(g.get("location")) && !loc_ok {
                continue;
            }
            let opt = id_set(g.get("optional_participants"));
            let extra: BTreeSet<String> = got.difference(&opt).cloned().collect();
            let mut s = shared as f64 / req.union(&extra).count() as f64;
            s += 1.0 * (date_exact(g, p.get("date")) as u8 as f64) + 0.5 * (loc_ok as u8 as f64);
            cands.push((s, !truthy(g.get("optional")), gi, pi));
        }
    }
    cands.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
    let mut gmatch: Vec<(usize, usize)> = Vec::new();
    let (mut gdone, mut pdone) = (BTreeSet::new(), BTreeSet::new());
    for &(_, _, gi, pi) in &cands {
        if gdone.contains(&gi) || pdone.contains(&pi) {
            continue;
        }
        gdone.insert(gi);
        pdone.insert(pi);
        gmatch.push((gi, pi));
    }
    let optional = |g: &Value| truthy(g.get("optional"));
    let tp = gmatch.iter().filter(|(gi, _)| !optional(&gevents[*gi])).count();
    let fn_ = gevents.iter().enumerate().filter(|(gi, g)| !gdone.contains(gi) && !optional(g)).count();
    let fp = (0..pevents.len()).filter(|pi| !pdone.contains(pi)).count();
    let (p, r, f) = prf(tp, fp, fn_);
    let (mut part_tp, mut part_fp, mut part_fn) = (0, 0, 0);
    let (mut d_ok, mut loc_ok, mut src_ok, mut src_n) = (0, 0, 0, 0);
    for &(gi, pi) in &gmatch {
        let (g, pe) = (&gevents[gi], &pevents[pi]);
        let gid_name = str_of(g.get("id"));
        let req = id_set(g.get("participants"));
        let opt = id_set(g.get("optional_participants"));
        let mut got = BTreeSet::new();
        for (name, gid) in &pparts[pi] {
            match gid {
                Some(id) if req.contains(id) => {
                    got.insert(id.clone());
                }
                Some(id) if opt.contains(id) => {}
                _ => {
                    part_fp += 1;
                    log.push(format!("event {gid_name}: extra participant {}", py(name.as_ref())));
                }
            }
        }
        part_tp += got.len();
        part_fn += req.difference(&got).count();
        for miss in req.difference(&got) {
            log.push(format!("event {gid_name}: missing participant {miss}"));
        }
        if date_exact(g, pe.get("date")) {
            d_ok += 1;
        } else {
            log.push(format!("event {gid_name}: date {} != {}", py(pe.get("date")), py(g.get("date"))));
        }
        let gloc = strings(g.get("location"));
        if (!truthy(g.get("location")) && !truthy(pe.get("location")))
            || (truthy(pe.get("location")) && name_matches(&str_of(pe.get("location")), &gloc))
        {
            loc_ok += 1;
        } else {
            log.push(format!("event {gid_name}: location {} not in {gloc:?}", py(pe.get("location"))));
        }
        let cited: BTreeSet<String> = array(pe.get("sources")).iter().map(|s| base(s.get("document"))).collect();
        for sdoc in array(g.get("sources")) {
            src_n += 1;
            if cited.contains(&base(Some(sdoc))) {
                src_ok += 1;
            } else {
                log.push(format!("event {gid_name}: source {} not cited", py(Some(sdoc))));
            }
        }
    }
    for (gi, g) in gevents.iter().enumerate() {
        if !gdone.contains(&gi) && !optional(g) {
            log.push(format!("event {}: missed ({})", str_of(g.get("id")), str_of(g.get("what"))));
        }
    }
    for (pi, pe) in pevents.iter().enumerate() {
        if !pdone.contains(&pi) {
            let names: Vec<String> = pparts[pi].iter().map(|(n, _)| py(n.as_ref())).collect();
            log.push(format!(
                "extra event {}: {} {} [{}]",
                py(pe.get("id")),
                py(pe.get("date")),
                py(pe.get("location")),
                names.join(", ")
            ));
        }
    }
    let (pp, pr, pf) = prf(part_tp, part_fp, part_fn);
    let m = gmatch.len();
    let events = Events {
        gold: gevents.iter().filter(|g| !optional(g)).count(),
        predicted: pevents.len(),
        matched: tp,
        precision: p,
        recall: r,
        f1: f,
        participant_precision: pp,
        participant_recall: pr,
        participant_f1: pf,
        date_exact: ratio(d_ok, m),
        location_accuracy: ratio(loc_ok, m),
        sources_cited: ratio(src_ok, src_n),
    };
    Figures { documents, entities, events, log }
}
