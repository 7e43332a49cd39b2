//! The HTML pages. Everything from the database or the request is escaped with `esc` or
//! percent-encoded with `encode`; see `html.rs`.

use super::data::{self, Loaded};
use super::html::{self, clip, day_range, days, esc, link, marked, month_len, page, Mark};
use super::http::{encode, param, Response};
use super::State;
use crate::timeline::Filter;
use crate::Event;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write;

type Query = [(String, String)];

pub fn not_found(what: &str) -> Response {
    Response::html(404, page("Not found", &format!("<h1>Not found</h1><p>{}</p><p><a href=\"/\">Back to the timeline</a></p>", esc(what))))
}

fn server_error(what: &str) -> Response {
    Response::html(500, page("Error", &format!("<h1>Error</h1><p>{}</p>", esc(what))))
}

/// The timeline filter from the query (the CLI's filter: entity, from, to, place, type).
pub fn filter(q: &Query) -> Filter {
    Filter {
        entity: param(q, "entity").map(str::to_string),
        from: param(q, "from").map(str::to_string),
        to: param(q, "to").map(str::to_string),
        place: param(q, "place").map(str::to_string),
        kind: param(q, "type").map(str::to_string),
        include_undated: false,
    }
}

/// The filtered events, by date.
pub fn filtered<'a>(l: &'a Loaded, f: &Filter) -> Vec<&'a Event> {
    l.order.iter().filter_map(|&i| l.corpus.events.get(i)).filter(|e| f.matches(e, &l.corpus.entities)).collect()
}

const FILTER_KEYS: [&str; 5] = ["entity", "from", "to", "place", "type"];

/// A timeline URL keeping the filters of `q`, zoomed to `year`/`month`.
fn timeline_url(q: &Query, year: Option<i64>, month: Option<u32>) -> String {
    let mut parts: Vec<String> = Vec::new();
    for k in FILTER_KEYS {
        if let Some(v) = param(q, k) {
            parts.push(format!("{k}={}", encode(v)));
        }
    }
    if let Some(y) = year {
        parts.push(format!("year={y}"));
        if let Some(m) = month {
            parts.push(format!("month={m:02}"));
        }
    }
    if parts.is_empty() {
        "/timeline".into()
    } else {
        format!("/timeline?{}", parts.join("&amp;"))
    }
}

fn participants_line(e: &Event) -> String {
    let names: Vec<&str> = e.participants.iter().map(|p| p.name.as_str()).collect();
    names.join(", ")
}

/// The zoom the query asks for: a year (1..=9999), and a month of it.
pub fn zoom(q: &Query) -> (Option<i64>, Option<u32>) {
    let year: Option<i64> = param(q, "year").and_then(|y| y.parse().ok()).filter(|y| (1..=9999).contains(y));
    let month: Option<u32> = year.and(param(q, "month").and_then(|m| m.parse().ok()).filter(|m| (1..=12).contains(m)));
    (year, month)
}

/// First and last day of a zoomed year or month.
pub fn zoom_range(year: Option<i64>, month: Option<u32>) -> Option<(i64, i64)> {
    match (year, month) {
        (Some(y), Some(m)) => Some((days(y, m, 1), days(y, m, 1) + month_len(y, m) - 1)),
        (Some(y), None) => Some((days(y, 1, 1), days(y, 12, 31))),
        _ => None,
    }
}

pub fn timeline(l: &Loaded, q: &Query) -> Response {
    let f = filter(q);
    let (year, month) = zoom(q);
    let events = filtered(l, &f);
    let dated: Vec<(&Event, (i64, i64))> = events.iter().filter_map(|e| Some((*e, day_range(e.date.as_deref()?)?))).collect();
    let undated: Vec<&Event> = events.iter().filter(|e| e.date.as_deref().and_then(day_range).is_none()).copied().collect();

    let mut b = String::new();
    b.push_str("<h1>Timeline</h1>");
    // filters
    b.push_str("<form class=\"filters\" method=\"get\" action=\"/timeline\">");
    for (k, label, hint) in [("entity", "Entity", "any name, any script"), ("from", "From", "2022 or 2022-06-13"), ("to", "To", "2023-04"), ("place", "Place", "Rabat"), ("type", "Type", "visit, receive, 043…")] {
        let _ = write!(
            b,
            "<label>{label}<input name=\"{k}\" value=\"{}\" placeholder=\"{hint}\"></label>",
            esc(param(q, k).unwrap_or(""))
        );
    }
    if let Some(y) = year {
        let _ = write!(b, "<input type=\"hidden\" name=\"year\" value=\"{y}\">");
        if let Some(m) = month {
            let _ = write!(b, "<input type=\"hidden\" name=\"month\" value=\"{m:02}\">");
        }
    }
    let _ = write!(b, "<button type=\"submit\">Filter</button> <a href=\"{}\">clear filters</a></form>", timeline_url(&[], year, month));

    // the view: whole span by year, a year by month, a month by day
    let view = match zoom_range(year, month) {
        Some(range) => Some(range),
        None => {
            let lo = dated.iter().map(|(_, r)| r.0).min();
            let hi = dated.iter().map(|(_, r)| r.1).max();
            match (lo, hi) {
                (Some(lo), Some(hi)) => Some((days(html::civil(lo).0, 1, 1), days(html::civil(hi).0, 12, 31))),
                _ => None,
            }
        }
    };
    // breadcrumb
    let _ = write!(b, "<p class=\"zoom\">Zoom: <a href=\"{}\">all years</a>", timeline_url(q, None, None));
    if let Some(y) = year {
        let _ = write!(
            b,
            " › <a href=\"{}\">{y}</a> <span class=\"small\">(<a href=\"{}\" rel=\"prev\">{}</a> · <a href=\"{}\" rel=\"next\">{}</a>)</span>",
            timeline_url(q, Some(y), None),
            timeline_url(q, Some(y - 1), None),
            y - 1,
            timeline_url(q, Some(y + 1), None),
            y + 1
        );
        if let Some(m) = month {
            let (py, pm) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            let _ = write!(
                b,
                " › {y}-{m:02} <span class=\"small\">(<a href=\"{}\">{py}-{pm:02}</a> · <a href=\"{}\">{ny}-{nm:02}</a>)</span>",
                timeline_url(q, Some(py), Some(pm)),
                timeline_url(q, Some(ny), Some(nm))
            );
        }
    }
    b.push_str("</p>");

    let in_view: Vec<(&Event, (i64, i64))> = match view {
        Some((v0, v1)) => dated.iter().filter(|(_, (lo, hi))| *hi >= v0 && *lo <= v1).copied().collect(),
        None => Vec::new(),
    };
    if let Some((v0, v1)) = view {
        b.push_str(&axis_svg(q, year, month, v0, v1, &in_view));
    }
    let _ = write!(b, "<h2>Events ({})</h2>", in_view.len());
    if in_view.is_empty() {
        b.push_str("<p class=\"muted\">No dated event matches.</p>");
    }
    b.push_str("<ol class=\"events\" id=\"events\">");
    for (e, _) in &in_view {
        event_item(&mut b, e);
    }
    b.push_str("</ol>");
    if year.is_none() && !undated.is_empty() {
        let _ = write!(b, "<h2>Undated ({})</h2><ul class=\"events\" id=\"undated\">", undated.len());
        for e in &undated {
            event_item(&mut b, e);
        }
        b.push_str("</ul>");
    }
    Response::html(200, page("Timeline", &b))
}

fn event_item(b: &mut String, e: &Event) {
    let date = e.date.as_deref().unwrap_or("undated");
    let _ = write!(
        b,
        "<li data-date=\"{}\"><time>{}</time> <span class=\"kind\">{}</span> <a href=\"{}\"><bdi>{}</bdi></a>{}{}</li>",
        esc(date),
        esc(date),
        esc(&e.kind),
        link("events", &e.id),
        esc(&e.summary),
        e.location.as_deref().map(|p| format!(" <span class=\"muted\">· {}</span>", esc(p))).unwrap_or_default(),
        if e.status == "planned" { " <span class=\"kind\">planned</span>" } else { "" }
    );
}

/// The time axis with one marker per event (a bar for a span of days), packed in lanes.
fn axis_svg(q: &Query, year: Option<i64>, month: Option<u32>, v0: i64, v1: i64, events: &[(&Event, (i64, i64))]) -> String {
    const W: f64 = 1060.0;
    const X0: f64 = 30.0;
    const X1: f64 = W - 30.0;
    let span = (v1 - v0 + 1).max(1) as f64;
    let x = |d: i64| X0 + ((d.clamp(v0, v1 + 1) - v0) as f64) / span * (X1 - X0);
    // lanes
    let mut lanes: Vec<f64> = Vec::new();
    let mut placed = Vec::new();
    for (e, (lo, hi)) in events {
        let label = format!("{} {}", e.date.as_deref().unwrap_or(""), clip(&participants_line(e), 42));
        let width = label.chars().count() as f64 * 6.6;
        let (a, z) = (x(*lo), x(*hi + 1).max(x(*lo) + 6.0));
        // the label goes right of the marker, or left of it when it would leave the axis
        let left = z + 6.0 + width > W - 4.0 && a - 6.0 - width >= 4.0;
        let (start, end) = if left { (a - 12.0 - width, z + 6.0) } else { (a - 6.0, z + 12.0 + width) };
        let lane = match lanes.iter().position(|&r| r < start) {
            Some(i) => i,
            None if lanes.len() < 40 => {
                lanes.push(f64::MIN);
                lanes.len() - 1
            }
            None => lanes.len() - 1,
        };
        if let Some(r) = lanes.get_mut(lane) {
            *r = end;
        }
        placed.push((e, *lo, *hi, lane, label, left));
    }
    let height = 70.0 + lanes.len().max(1) as f64 * 26.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg id=\"axis\" role=\"img\" aria-label=\"events on a time axis\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{height}\" viewBox=\"0 0 {W} {height}\">"
    );
    let _ = write!(s, "<line x1=\"{X0}\" y1=\"34\" x2=\"{X1}\" y2=\"34\" stroke=\"#1f3b57\" stroke-width=\"1.5\"/>");
    // ticks
    let mut ticks: Vec<(i64, String, Option<String>)> = Vec::new();
    match (year, month) {
        (Some(y), Some(m)) => {
            for d in 1..=month_len(y, m) {
                ticks.push((days(y, m, d as u32), d.to_string(), None));
            }
        }
        (Some(y), None) => {
            for m in 1..=12u32 {
                ticks.push((days(y, m, 1), format!("{y}-{m:02}"), Some(timeline_url(q, Some(y), Some(m)))));
            }
        }
        _ => {
            let (y0, y1) = (html::civil(v0).0, html::civil(v1).0);
            for y in y0..=y1.min(y0 + 200) {
                ticks.push((days(y, 1, 1), y.to_string(), Some(timeline_url(q, Some(y), None))));
            }
        }
    }
    for (d, label, href) in &ticks {
        let tx = x(*d);
        let _ = write!(s, "<line x1=\"{tx:.1}\" y1=\"28\" x2=\"{tx:.1}\" y2=\"{:.1}\" stroke=\"#d5dae1\"/>", height - 6.0);
        let text = format!("<text class=\"tick\" x=\"{:.1}\" y=\"22\">{}</text>", tx + 3.0, esc(label));
        match href {
            Some(h) => {
                let _ = write!(s, "<a href=\"{h}\"><title>zoom to {}</title>{text}</a>", esc(label));
            }
            None => s.push_str(&text),
        }
    }
    for (e, lo, hi, lane, label, left) in &placed {
        let y = 56.0 + *lane as f64 * 26.0;
        let (a, z) = (x(*lo), x(*hi + 1));
        let _ = write!(s, "<a href=\"{}\" class=\"marker\"><title>{}</title>", link("events", &e.id), esc(&e.summary));
        if z - a > 12.0 {
            let _ = write!(s, "<rect x=\"{a:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"10\" rx=\"4\" fill=\"#1f6fb4\"/>", y - 5.0, z - a);
        } else {
            let _ = write!(s, "<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"#1f6fb4\"/>", (a + z) / 2.0);
        }
        let (lx, anchor) = if *left { (a - 8.0, "end") } else { (z.max(a + 6.0) + 6.0, "start") };
        let _ = write!(s, "<text x=\"{lx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text></a>", y + 4.0, esc(label));
    }
    s.push_str("</svg>");
    s
}

/// Where a source's evidence is in the body: its spans when they hold text, else each piece of
/// the evidence found in the body.
fn evidence_spans(body: &str, spans: &[dossier_text::Span], evidence: &str) -> Vec<dossier_text::Span> {
    let good: Vec<dossier_text::Span> = spans.iter().copied().filter(|s| !s.is_empty() && body.get(s.start..s.end).is_some()).collect();
    if !good.is_empty() {
        return good;
    }
    let mut out = Vec::new();
    for piece in evidence.split('…').map(str::trim).filter(|p| p.chars().count() >= 8) {
        if let Some(at) = body.find(piece) {
            out.push(dossier_text::Span::new(at, at + piece.len()));
        }
    }
    out
}

/// Sources shown open on an event's page; the others are in a `<details>`.
const SOURCES_SHOWN: usize = 4;

const EVENT_FIELDS: [&str; 12] = ["id", "type", "cameo", "plover", "status", "date", "location", "participants", "topics", "summary", "sources", "conflicts"];

/// Inside the evidence, the facts the event takes from it: its participants' names, the date
/// expressions that fall on its date, its place.
fn fact_marks(l: &Loaded, e: &Event, s: &crate::events::Source, a: &crate::DocAnalysis, evidence: &[dossier_text::Span]) -> Vec<Mark> {
    use dossier_text::fold;
    let inside = |sp: dossier_text::Span| evidence.iter().any(|ev| ev.contains(sp));
    let mut out = Vec::new();
    let ids: Vec<&str> = e.participants.iter().filter_map(|p| p.entity.as_deref()).collect();
    let names: Vec<String> = e.participants.iter().map(|p| fold(&p.name)).collect();
    let places: Vec<String> = s.location.iter().chain(e.location.iter()).map(|p| fold(p)).collect();
    for m in a.mentions.iter().filter(|m| inside(m.span)) {
        let ent = dossier_names::Entity::find(&l.corpus.entities, &s.document, m.span);
        let surface = fold(&m.surface);
        if ent.is_some_and(|x| ids.contains(&x.id.as_str())) || names.contains(&surface) {
            out.push(Mark { span: m.span, open: "<mark class=\"person\" title=\"participant\">".into(), close: "</mark>" });
        } else if places.contains(&surface) || ent.is_some_and(|x| places.contains(&fold(&x.name)) || x.aliases.iter().any(|al| places.contains(&fold(al)))) {
            out.push(Mark { span: m.span, open: "<mark class=\"location\" title=\"place\">".into(), close: "</mark>" });
        }
    }
    let when = s.date.as_deref().or(e.date.as_deref()).and_then(day_range);
    for d in a.dates.iter().filter(|d| inside(d.span)) {
        let on = match (when, d.value.as_deref().and_then(day_range)) {
            (Some((lo, hi)), Some((a0, a1))) => a0 <= hi && a1 >= lo,
            _ => false,
        };
        if on {
            out.push(Mark { span: d.span, open: format!("<mark class=\"date\" title=\"{}\">", esc(d.value.as_deref().unwrap_or(""))), close: "</mark>" });
        }
    }
    out
}

pub fn event(state: &State, l: &Loaded, id: &str) -> Response {
    let Some(e) = l.corpus.events.iter().find(|e| e.id == id) else { return not_found("No event has this id.") };
    let mut b = String::new();
    let _ = write!(b, "<h1>{}</h1><p class=\"muted small\">event {}</p><table class=\"facts\">", esc(&e.summary), esc(&e.id));
    let _ = write!(
        b,
        "<tr><th>Type</th><td>{} <span class=\"muted\">(CAMEO {}, PLOVER {}{})</span></td></tr>",
        esc(&e.kind),
        esc(&e.cameo),
        esc(&e.plover.code),
        if e.plover.mode.is_empty() { String::new() } else { format!(" / {}", esc(&e.plover.mode)) }
    );
    let _ = write!(b, "<tr><th>Status</th><td>{}</td></tr>", esc(&e.status));
    let date = match e.date.as_deref() {
        Some(d) => {
            let zoom = day_range(d).map(|(lo, _)| html::civil(lo));
            match zoom {
                Some((y, m, _)) => format!("<a href=\"{}\">{}</a>", timeline_url(&[], Some(y), Some(m)), esc(d)),
                None => esc(d),
            }
        }
        None => "<span class=\"muted\">undated</span>".into(),
    };
    let _ = write!(b, "<tr><th>Date</th><td id=\"date\">{date}</td></tr>");
    let place = match e.location.as_deref() {
        Some(p) => format!("<a href=\"/timeline?place={}\">{}</a>", encode(p), esc(p)),
        None => "<span class=\"muted\">unknown</span>".into(),
    };
    let _ = write!(b, "<tr><th>Place</th><td>{place}</td></tr><tr><th>Participants</th><td><ul>");
    for p in &e.participants {
        let name = match &p.entity {
            Some(id) => format!("<a href=\"{}\">{}</a>", link("entities", id), esc(&p.name)),
            None => esc(&p.name),
        };
        let _ = write!(b, "<li>{name} <span class=\"kind\">{}</span></li>", esc(&p.role));
    }
    b.push_str("</ul></td></tr>");
    if !e.topics.is_empty() {
        let topics: Vec<String> = e.topics.iter().map(|t| esc(t)).collect();
        let _ = write!(b, "<tr><th>Topics</th><td>{}</td></tr>", topics.join(", "));
    }
    b.push_str("</table>");
    if !e.conflicts.is_empty() {
        b.push_str("<h2>Sources disagree</h2><div class=\"conflict\"><table><tr><th>on</th><th>claim</th><th>sources</th></tr>");
        for c in &e.conflicts {
            for cl in &c.claims {
                let docs: Vec<String> = cl.documents.iter().map(|d| format!("<a href=\"{}\">{}</a>", link("documents", d), esc(d))).collect();
                let _ = write!(b, "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", esc(&c.field), esc(&cl.value), docs.join(", "));
            }
        }
        b.push_str("</table></div>");
    }
    let _ = write!(
        b,
        "<h2>Sources ({})</h2><p class=\"legend small\"><mark class=\"evidence\">evidence</mark> and in it: <mark class=\"person\">participant</mark><mark class=\"date\">date</mark><mark class=\"location\">place</mark></p>",
        e.sources.len()
    );
    let store = data::open(state);
    for (n, s) in e.sources.iter().enumerate() {
        if n == SOURCES_SHOWN {
            let _ = write!(b, "<details id=\"more-sources\"><summary>{} more sources</summary>", e.sources.len() - SOURCES_SHOWN);
        }
        let title = l.title(&s.document).unwrap_or(&s.document);
        let _ = write!(
            b,
            "<section class=\"source\" id=\"source-{n}\"><h3 dir=\"auto\"><a href=\"{}\">{}</a></h3><p class=\"muted small\">{}{}{}</p>",
            link("documents", &s.document),
            esc(title),
            esc(&s.document),
            s.date.as_deref().map(|d| format!(" · says date: {}", esc(d))).unwrap_or_default(),
            s.location.as_deref().map(|p| format!(" · says place: {}", esc(p))).unwrap_or_default(),
        );
        match store.as_ref().map_err(|e| e.to_string()).and_then(|st| data::document(st, l, &s.document).map_err(|e| e.to_string())) {
            Ok(Some((row, analysis))) => {
                let spans = evidence_spans(&row.body, &s.spans, &s.evidence);
                if spans.is_empty() {
                    let _ = write!(b, "<p>Evidence (not located in the clean text):</p><blockquote><mark class=\"evidence\">{}</mark></blockquote>", esc(&s.evidence));
                } else {
                    let mut marks: Vec<Mark> = spans.iter().map(|sp| Mark { span: *sp, open: "<mark class=\"evidence\">".into(), close: "</mark>" }).collect();
                    if let Some(a) = &analysis {
                        marks.extend(fact_marks(l, e, s, a, &spans));
                    }
                    let dir = text_direction(&row.lang);
                    let _ = write!(b, "<div class=\"text\" lang=\"{}\" dir=\"{dir}\">{}</div>", esc(&row.lang), marked(&row.body, marks));
                }
            }
            Ok(None) => {
                let _ = write!(b, "<p class=\"muted\">Document not in the database.</p><blockquote><mark class=\"evidence\">{}</mark></blockquote>", esc(&s.evidence));
            }
            Err(err) => {
                let _ = write!(b, "<p class=\"muted\">Document unreadable: {}</p>", esc(&err));
            }
        }
        b.push_str("</section>");
    }
    if e.sources.len() > SOURCES_SHOWN {
        b.push_str("</details>");
    }
    if let Some(v) = l.events.get(&e.id) {
        b.push_str(&html::other_fields(v, &EVENT_FIELDS));
    }
    let _ = write!(b, "<p class=\"small\"><a href=\"{}\">JSON</a></p>", link("api/events", &e.id));
    Response::html(200, page(&clip(&e.summary, 80), &b))
}

const ENTITY_FIELDS: [&str; 6] = ["id", "type", "name", "aliases", "mentions", "roles"];

/// The HTML `dir` of a text in language `lang`: right to left for a language written in
/// Arabic script (its language file says so), else the browser's guess.
fn text_direction(lang: &str) -> &'static str {
    match dossier_lang::get(lang).map(|l| l.meta.script) {
        Some(dossier_lang::Script::Arabic) => "rtl",
        _ => "auto",
    }
}

fn script_of(s: &str) -> &'static str {
    match dossier_text::dominant_script(s) {
        Some(dossier_lang::Script::Latin) => "Latin",
        Some(dossier_lang::Script::Arabic) => "Arabic",
        None => "Other",
    }
}

pub fn entity(l: &Loaded, id: &str) -> Response {
    let Some(ent) = l.corpus.entities.iter().find(|e| e.id == id) else { return not_found("No entity has this id.") };
    let value = l.entities.get(id).cloned().unwrap_or(Value::Null);
    let kind = value.get("type").and_then(Value::as_str).unwrap_or("");
    let mut b = String::new();
    let _ = write!(b, "<h1>{}</h1><p class=\"muted small\">{} · {}</p>", esc(&ent.name), esc(kind), esc(&ent.id));

    // names by script, with how often each is written
    let mut names: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for n in std::iter::once(&ent.name).chain(&ent.aliases) {
        names.entry(script_of(n)).or_default().entry(n.as_str()).or_insert(0);
    }
    for m in &ent.mentions {
        *names.entry(script_of(&m.surface)).or_default().entry(&*m.surface).or_insert(0) += 1;
    }
    b.push_str("<h2>Names</h2><table id=\"names\"><tr><th>script</th><th>names (mentions)</th></tr>");
    for (script, ns) in &names {
        let list: Vec<String> = ns.iter().map(|(n, c)| format!("<span dir=\"auto\">{}</span> <span class=\"muted\">({c})</span>", esc(n))).collect();
        let _ = write!(b, "<tr><th>{script}</th><td>{}</td></tr>", list.join("; "));
    }
    b.push_str("</table>");

    // roles over time, read generically
    if let Some(roles) = value.get("roles").and_then(Value::as_array).filter(|r| !r.is_empty()) {
        let mut rows: Vec<&Value> = roles.iter().collect();
        let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        rows.sort_by_key(|r| (s(r, "date"), s(r, "title"), s(r, "document")));
        b.push_str("<h2>Roles over time</h2><table id=\"roles\"><tr><th>as of</th><th>role</th><th>organization</th><th>country</th><th>source</th></tr>");
        for r in rows {
            let doc = s(r, "document");
            let _ = write!(
                b,
                "<tr><td>{}</td><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td><td>{}</td><td><a href=\"{}\">{}</a></td></tr>",
                esc(&s(r, "date")),
                esc(&s(r, "title")),
                esc(&s(r, "organization")),
                esc(&s(r, "country")),
                link("documents", &doc),
                esc(&doc)
            );
        }
        b.push_str("</table>");
    }

    // events
    let evs: Vec<&Event> = l.order.iter().filter_map(|&i| l.corpus.events.get(i)).filter(|e| e.participants.iter().any(|p| p.entity.as_deref() == Some(id))).collect();
    let _ = write!(b, "<h2>Events ({})</h2>", evs.len());
    if !evs.is_empty() {
        let _ = write!(b, "<p class=\"small\"><a href=\"/timeline?entity={}\">on the timeline</a></p>", encode(&ent.name));
    }
    b.push_str("<ol class=\"events\">");
    for e in &evs {
        event_item(&mut b, e);
    }
    b.push_str("</ol>");

    // events at this place, for places
    if matches!(ent.kind, dossier_names::EntityKind::Location | dossier_names::EntityKind::Country) {
        let names: Vec<String> = std::iter::once(&ent.name).chain(&ent.aliases).map(|n| dossier_text::fold(n)).collect();
        let at = |p: &Option<String>| p.as_deref().is_some_and(|p| names.contains(&dossier_text::fold(p)));
        let here: Vec<&Event> =
            l.order.iter().filter_map(|&i| l.corpus.events.get(i)).filter(|e| at(&e.location) || e.sources.iter().any(|s| at(&s.location))).collect();
        if !here.is_empty() {
            let _ = write!(b, "<h2>Events here ({})</h2><ol class=\"events\">", here.len());
            for e in &here {
                event_item(&mut b, e);
            }
            b.push_str("</ol>");
        }
    }

    // network of co-participants
    let net = network(l, id, &evs);
    if !net.is_empty() {
        b.push_str("<h2>Co-participants</h2>");
        b.push_str(&net);
    }

    // mentions per document
    let mut per_doc: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &ent.mentions {
        *per_doc.entry(&*m.document).or_insert(0) += 1;
    }
    let _ = write!(b, "<h2>Mentioned in ({} documents)</h2><ul>", per_doc.len());
    for (d, n) in &per_doc {
        let _ = write!(b, "<li><a href=\"{}\"><bdi>{}</bdi></a> <span class=\"muted\">{} · {n} mentions</span></li>", link("documents", d), esc(l.title(d).unwrap_or(d)), esc(d));
    }
    b.push_str("</ul>");
    b.push_str(&html::other_fields(&value, &ENTITY_FIELDS));
    let _ = write!(b, "<p class=\"small\"><a href=\"{}\">JSON</a></p>", link("api/entities", id));
    Response::html(200, page(&ent.name, &b))
}

/// Co-participants of entity `id` in `evs`: (key, name, entity id, shared events), most shared first.
pub fn co_participants(id: &str, evs: &[&Event]) -> Vec<(String, String, Option<String>, usize)> {
    let mut co: BTreeMap<String, (String, Option<String>, usize)> = BTreeMap::new();
    for e in evs {
        let mut seen = std::collections::BTreeSet::new();
        for p in &e.participants {
            if p.entity.as_deref() == Some(id) {
                continue;
            }
            let key = p.entity.clone().unwrap_or_else(|| format!("name:{}", p.name));
            if seen.insert(key.clone()) {
                co.entry(key).or_insert_with(|| (p.name.clone(), p.entity.clone(), 0)).2 += 1;
            }
        }
    }
    let mut out: Vec<(String, String, Option<String>, usize)> = co.into_iter().map(|(k, (n, e, c))| (k, n, e, c)).collect();
    out.sort_by(|a, b| b.3.cmp(&a.3).then_with(|| a.1.cmp(&b.1)).then_with(|| a.0.cmp(&b.0)));
    out
}

fn network(l: &Loaded, id: &str, evs: &[&Event]) -> String {
    let mut co = co_participants(id, evs);
    co.truncate(24);
    if co.is_empty() {
        return String::new();
    }
    let key_of = |p: &crate::events::Participant| p.entity.clone().unwrap_or_else(|| format!("name:{}", p.name));
    let index: BTreeMap<&str, usize> = co.iter().enumerate().map(|(i, c)| (c.0.as_str(), i)).collect();
    let mut pairs: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for e in evs {
        let mut here: Vec<usize> = e.participants.iter().filter_map(|p| index.get(key_of(p).as_str()).copied()).collect();
        here.sort_unstable();
        here.dedup();
        for (i, a) in here.iter().enumerate() {
            for bb in here.iter().skip(i + 1) {
                *pairs.entry((*a, *bb)).or_insert(0) += 1;
            }
        }
    }
    let (w, h, cx, cy, r) = (760.0f64, 480.0f64, 380.0f64, 235.0f64, 175.0f64);
    let n = co.len() as f64;
    let pos: Vec<(f64, f64)> = (0..co.len())
        .map(|i| {
            let a = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect();
    let mut s = String::new();
    let _ = write!(s, "<svg id=\"network\" role=\"img\" aria-label=\"co-participants\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">");
    for ((a, bb), c) in &pairs {
        if let (Some(p), Some(q)) = (pos.get(*a), pos.get(*bb)) {
            let _ = write!(s, "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#c5ccd6\" stroke-width=\"{}\"/>", p.0, p.1, q.0, q.1, 1 + (*c).min(5));
        }
    }
    for ((_, _, _, c), p) in co.iter().zip(&pos) {
        let _ = write!(s, "<line x1=\"{cx}\" y1=\"{cy}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#7f9bb8\" stroke-width=\"{}\"/>", p.0, p.1, 1 + (*c).min(6));
    }
    let name = l.entity_name(id).unwrap_or(id);
    let _ = write!(s, "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"13\" fill=\"#1f3b57\"/><text x=\"{cx}\" y=\"{:.1}\" text-anchor=\"middle\" font-weight=\"600\">{}</text>", cy + 30.0, esc(name));
    for ((_, nm, ent, c), p) in co.iter().zip(&pos) {
        let anchor = if p.0 < cx - 20.0 { "end" } else if p.0 > cx + 20.0 { "start" } else { "middle" };
        let dx = match anchor {
            "end" => -12.0,
            "start" => 12.0,
            _ => 0.0,
        };
        let dy = if anchor == "middle" { if p.1 < cy { -14.0 } else { 22.0 } } else { 4.0 };
        let node = format!(
            "<title>{} — {c} shared event(s)</title><circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{}\" fill=\"#1f6fb4\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{} ({c})</text>",
            esc(nm),
            p.0,
            p.1,
            6 + (*c).min(6),
            p.0 + dx,
            p.1 + dy,
            esc(&clip(nm, 32))
        );
        match ent {
            Some(e) => {
                let _ = write!(s, "<a href=\"{}\">{node}</a>", link("entities", e));
            }
            None => s.push_str(&node),
        }
    }
    s.push_str("</svg>");
    s
}

pub fn document(state: &State, l: &Loaded, source: &str) -> Response {
    let (row, analysis) = match data::open(state).and_then(|store| data::document(&store, l, source)) {
        Ok(Some(d)) => d,
        Ok(None) => return not_found("No document has this source."),
        Err(e) => return server_error(&e.to_string()),
    };
    let title = row.title.clone().unwrap_or_else(|| row.source.clone());
    let mut b = String::new();
    let _ = write!(b, "<h1 dir=\"auto\">{}</h1><table class=\"meta\">", esc(&title));
    let _ = write!(b, "<tr><th>Source</th><td>{}</td></tr>", esc(&row.source));
    if let Some(u) = &row.url {
        // shown as text: a page's URL is untrusted and the interface works offline
        let _ = write!(b, "<tr><th>URL</th><td><code>{}</code></td></tr>", esc(u));
    }
    let _ = write!(b, "<tr><th>Language</th><td>{}</td></tr>", esc(&row.lang));
    let published = match analysis.as_ref().and_then(|a| a.article.published.as_ref()) {
        Some(p) => format!("{} <span class=\"muted small\">({})</span>", esc(&p.value), esc(&p.how)),
        None => match l.corpus.inferred.get(&row.source) {
            Some(inf) => format!("{} <span class=\"muted small\">(inferred: {})</span>", esc(&inf.date.to_string()), esc(&inf.how)),
            None => "<span class=\"muted\">unknown</span>".into(),
        },
    };
    let _ = write!(b, "<tr><th>Published</th><td>{published}</td></tr></table>");
    let dir = text_direction(&row.lang);
    match &analysis {
        Some(a) => {
            let mut marks = Vec::new();
            for d in &a.dates {
                let tip = d.value.as_deref().unwrap_or("unresolved");
                marks.push(Mark { span: d.span, open: format!("<mark class=\"date\" title=\"{}\">", esc(tip)), close: "</mark>" });
            }
            for m in &a.mentions {
                let kind = serde_json::to_value(m.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                let open = format!("<mark class=\"{}\" title=\"{}\">", esc(&kind), esc(&kind));
                match dossier_names::Entity::find(&l.corpus.entities, &row.source, m.span) {
                    Some(ent) => marks.push(Mark { span: m.span, open: format!("<a href=\"{}\">{open}", link("entities", &ent.id)), close: "</mark></a>" }),
                    None => marks.push(Mark { span: m.span, open, close: "</mark>" }),
                }
            }
            // the evidence of the events citing this document, around the dates and names
            for e in l.order.iter().filter_map(|&i| l.corpus.events.get(i)) {
                for s in e.sources.iter().filter(|s| s.document == row.source) {
                    for sp in evidence_spans(&row.body, &s.spans, &s.evidence) {
                        marks.push(Mark { span: sp, open: format!("<span class=\"cited\" title=\"evidence: {}\">", esc(&clip(&e.summary, 120))), close: "</span>" });
                    }
                }
            }
            b.push_str("<p class=\"legend small\"><mark class=\"date\">date</mark><mark class=\"person\">person</mark><mark class=\"organization\">organization</mark><mark class=\"location\">place</mark><span class=\"cited\">evidence of an event</span></p>");
            let _ = write!(b, "<div class=\"text\" id=\"body\" lang=\"{}\" dir=\"{dir}\">{}</div>", esc(&row.lang), marked(&row.body, marks));
            let removed: Vec<(&crate::article::Block, &str)> = a.article.removed().collect();
            let _ = write!(b, "<details id=\"removed\"><summary>Removed boilerplate ({} blocks)</summary>", removed.len());
            for (block, text) in removed {
                let (kind, detail) = match &block.removed {
                    Some(r) => (serde_json::to_value(r.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(), r.detail.clone()),
                    None => (String::new(), String::new()),
                };
                let _ = write!(b, "<div class=\"removed\" dir=\"auto\"><span class=\"reason\">{}: {}</span>\n{}</div>", esc(&kind), esc(&detail), esc(&clip(text, 2000)));
            }
            b.push_str("</details>");
            if !a.dates.is_empty() {
                b.push_str("<h2>Dates</h2><table id=\"dates\"><tr><th>as written</th><th>value</th></tr>");
                for d in &a.dates {
                    let _ = write!(b, "<tr><td dir=\"auto\">{}</td><td>{}</td></tr>", esc(&d.text), esc(d.value.as_deref().unwrap_or("unresolved")));
                }
                b.push_str("</table>");
            }
            if !a.mentions.is_empty() {
                b.push_str("<h2>Names</h2><table id=\"mentions\"><tr><th>as written</th><th>kind</th><th>entity</th></tr>");
                for m in &a.mentions {
                    let kind = serde_json::to_value(m.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                    let ent = match dossier_names::Entity::find(&l.corpus.entities, &row.source, m.span) {
                        Some(e) => format!("<a href=\"{}\">{}</a>", link("entities", &e.id), esc(&e.name)),
                        None => String::new(),
                    };
                    let _ = write!(b, "<tr><td dir=\"auto\">{}</td><td>{}</td><td>{ent}</td></tr>", esc(&m.surface), esc(&kind));
                }
                b.push_str("</table>");
            }
        }
        None => {
            let _ = write!(
                b,
                "<p class=\"muted\">The stored analysis could not be read (rebuild the database); the clean text:</p><div class=\"text\" id=\"body\" lang=\"{}\" dir=\"{dir}\">{}</div>",
                esc(&row.lang),
                esc(&row.body)
            );
        }
    }
    let cited: Vec<&Event> = l.order.iter().filter_map(|&i| l.corpus.events.get(i)).filter(|e| e.sources.iter().any(|s| s.document == row.source)).collect();
    if !cited.is_empty() {
        let _ = write!(b, "<h2>Events citing this document ({})</h2><ol class=\"events\">", cited.len());
        for e in cited {
            event_item(&mut b, e);
        }
        b.push_str("</ol>");
    }
    let _ = write!(b, "<p class=\"small\"><a href=\"{}\">JSON</a></p>", link("api/documents", &row.source));
    Response::html(200, page(&title, &b))
}

pub fn search(state: &State, q: &Query) -> Response {
    let query = param(q, "q").unwrap_or("");
    let mut b = String::new();
    let _ = write!(
        b,
        "<h1>Search</h1><form class=\"filters\" method=\"get\" action=\"/search\"><label>Words<input name=\"q\" value=\"{}\" size=\"40\"></label><button type=\"submit\">Search</button></form>",
        esc(query)
    );
    if !query.is_empty() {
        let hits = match data::open(state).and_then(|store| crate::search::search(&store, query, 50)) {
            Ok(h) => h,
            Err(e) => return server_error(&e.to_string()),
        };
        let _ = write!(b, "<h2>{} result(s)</h2><ol class=\"hits\">", hits.len());
        for h in &hits {
            let marks = h.marks.iter().map(|s| Mark { span: *s, open: "<mark>".into(), close: "</mark>" }).collect();
            let _ = write!(
                b,
                "<li><a href=\"{}\"><bdi>{}</bdi></a> <span class=\"muted small\">{}</span><br><span dir=\"auto\">{}</span></li>",
                link("documents", &h.source),
                esc(h.title.as_deref().unwrap_or(&h.source)),
                esc(&h.source),
                marked(&h.snippet, marks)
            );
        }
        b.push_str("</ol>");
    }
    Response::html(200, page("Search", &b))
}

pub fn documents(l: &Loaded) -> Response {
    let mut b = String::new();
    let _ = write!(b, "<h1>Documents ({})</h1><table id=\"documents\"><tr><th>source</th><th>language</th><th>published</th><th>title</th></tr>", l.docs.len());
    for (source, (title, published, lang)) in &l.docs {
        let published = match published {
            Some(p) => esc(p),
            None => match l.corpus.inferred.get(source) {
                Some(inf) => format!("<span class=\"muted\">{} (inferred)</span>", esc(&inf.date.to_string())),
                None => "<span class=\"muted\">—</span>".into(),
            },
        };
        let _ = write!(
            b,
            "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{published}</td><td dir=\"auto\">{}</td></tr>",
            link("documents", source),
            esc(source),
            esc(lang),
            esc(title.as_deref().unwrap_or(""))
        );
    }
    b.push_str("</table>");
    Response::html(200, page("Documents", &b))
}
