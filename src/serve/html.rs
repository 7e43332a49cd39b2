//! HTML building blocks: escaping, the page frame, marked text, JSON values rendered
//! generically, and calendar arithmetic for the time axis.
//!
//! Rule of this module and `pages`: every string that comes from the database or the request
//! goes through [`esc`] (text and attributes) or [`super::http::encode`] (inside URLs) before
//! it is written; only static markup is written raw.

use dossier_text::Span;
use serde_json::Value;
use std::fmt::Write;

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A link to one of the interface's own pages: `/{kind}/{id}` with the id percent-encoded.
pub fn link(kind: &str, id: &str) -> String {
    format!("/{}/{}", kind, super::http::encode(id))
}

/// First `n` characters of `s`, with an ellipsis when cut.
pub fn clip(s: &str, n: usize) -> String {
    let mut it = s.chars();
    let head: String = it.by_ref().take(n).collect();
    if it.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

const STYLE: &str = "
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans Arabic',sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{background:#1f3b57;color:#fff;padding:.5em 1.2em;display:flex;gap:1.2em;align-items:center;flex-wrap:wrap}
header a{color:#fff;text-decoration:none;font-weight:600}header .brand{font-size:1.15em;margin-right:1em}
header form{margin-left:auto}header input{padding:.25em .4em}
main{max-width:1100px;margin:0 auto;padding:1em 1.2em 3em}
h1{font-size:1.45em;margin:.4em 0}h2{font-size:1.15em;margin:1.4em 0 .4em;border-bottom:1px solid #d5dae1}
a{color:#1a5fb4}table{border-collapse:collapse;margin:.4em 0}td,th{border:1px solid #d5dae1;padding:.25em .55em;text-align:start;vertical-align:top}
th{background:#eef1f5}.muted{color:#5d6775}.small{font-size:.88em}
.text{white-space:pre-wrap;background:#fff;border:1px solid #d5dae1;padding:1em;border-radius:4px;unicode-bidi:plaintext}
mark{background:#fff1a6;padding:0 1px}mark.evidence{background:#ffd866;outline:1px solid #c99a00}
mark.date{background:#d6ecff}mark.person{background:#e3f5d8}mark.organization{background:#f6e1f7}mark.location,mark.country{background:#ffe6cc}
.filters{display:flex;gap:.5em;flex-wrap:wrap;align-items:end;background:#fff;border:1px solid #d5dae1;padding:.6em;border-radius:4px}
.filters label{display:flex;flex-direction:column;font-size:.85em}.filters input{padding:.2em .35em}
svg{background:#fff;border:1px solid #d5dae1;border-radius:4px;max-width:100%;height:auto}
svg text{font:12px system-ui,sans-serif;fill:#1d2430;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}svg .tick{fill:#5d6775}svg a text{fill:#1a5fb4}
ol.events li{margin:.3em 0}.cited{border-bottom:2px solid #e0a800;background:#fffbe6}.legend .cited{padding:0 .3em}ol.hits li{margin:.7em 0}.kind{display:inline-block;background:#eef1f5;border-radius:3px;padding:0 .4em;font-size:.85em}
details{background:#fff;border:1px solid #d5dae1;padding:.4em .8em;border-radius:4px;margin:.6em 0}summary{cursor:pointer;font-weight:600}
.removed{border-left:3px solid #c0392b;padding-left:.6em;margin:.5em 0;white-space:pre-wrap}.reason{color:#c0392b;font-size:.85em;font-weight:600}
.source{background:#fff;border:1px solid #d5dae1;border-radius:4px;padding:.6em 1em;margin:.8em 0}
.conflict{background:#fff4f2;border:1px solid #e8b4ab;padding:.5em 1em;border-radius:4px}
dl.generic{margin:.2em 0}dl.generic dt{font-weight:600}dl.generic dd{margin-left:1.2em}
.legend mark{margin-right:.5em}
";

/// The page frame: header with navigation and search, the body, no script.
pub fn page(title: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 4096);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · dossier</title><style>{}</style></head><body>\
         <header><a class=\"brand\" href=\"/\">dossier</a><a href=\"/timeline\">Timeline</a><a href=\"/documents\">Documents</a><a href=\"/search\">Search</a>\
         <form action=\"/search\" method=\"get\"><input type=\"search\" name=\"q\" placeholder=\"search articles\" aria-label=\"search articles\"></form></header>\
         <main>{}</main></body></html>\n",
        esc(title),
        STYLE,
        body
    );
    out
}

/// One mark to put on a text: its span and the opening tag (already escaped markup).
pub struct Mark {
    pub span: Span,
    pub open: String,
    pub close: &'static str,
}

/// `text` escaped, with `marks` wrapped around their spans. Marks nest (a mark inside another
/// is kept); marks that are empty, that do not fall on char boundaries, or that cross a mark
/// already open or overlap one already closed are left out, so the output is always well nested.
pub fn marked(text: &str, mut marks: Vec<Mark>) -> String {
    marks.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut out = String::with_capacity(text.len() + marks.len() * 40);
    let mut at = 0;
    let mut open: Vec<(usize, &'static str)> = Vec::new();
    let close_until = |out: &mut String, open: &mut Vec<(usize, &'static str)>, at: &mut usize, upto: Option<usize>| {
        while let Some(&(end, close)) = open.last() {
            if upto.is_some_and(|u| end > u) {
                break;
            }
            out.push_str(&esc(text.get(*at..end).unwrap_or("")));
            out.push_str(close);
            *at = end;
            open.pop();
        }
    };
    for m in marks {
        if m.span.is_empty() || text.get(m.span.start..m.span.end).is_none() {
            continue;
        }
        close_until(&mut out, &mut open, &mut at, Some(m.span.start));
        if m.span.start < at || open.last().is_some_and(|&(end, _)| m.span.end > end) {
            continue;
        }
        out.push_str(&esc(text.get(at..m.span.start).unwrap_or("")));
        out.push_str(&m.open);
        at = m.span.start;
        open.push((m.span.end, m.close));
    }
    close_until(&mut out, &mut open, &mut at, None);
    out.push_str(&esc(text.get(at..).unwrap_or("")));
    out
}

/// Any JSON value as nested HTML (strings escaped), at most `depth` levels deep.
pub fn value(v: &Value, depth: usize) -> String {
    match v {
        Value::Null => "<span class=\"muted\">—</span>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => esc(&n.to_string()),
        Value::String(s) => esc(s),
        _ if depth == 0 => format!("<code>{}</code>", esc(&clip(&v.to_string(), 300))),
        Value::Array(items) => {
            if items.is_empty() {
                return "<span class=\"muted\">none</span>".into();
            }
            let mut out = String::from("<ul>");
            for it in items.iter().take(200) {
                let _ = write!(out, "<li>{}</li>", value(it, depth - 1));
            }
            if items.len() > 200 {
                let _ = write!(out, "<li class=\"muted\">… {} more</li>", items.len() - 200);
            }
            out.push_str("</ul>");
            out
        }
        Value::Object(map) => {
            let mut out = String::from("<dl class=\"generic\">");
            for (k, v) in map {
                let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", esc(k), value(v, depth - 1));
            }
            out.push_str("</dl>");
            out
        }
    }
}

/// The fields of a JSON object not in `known`, as a table (empty string when none).
pub fn other_fields(v: &Value, known: &[&str]) -> String {
    let Some(map) = v.as_object() else { return String::new() };
    let rest: Vec<(&String, &Value)> = map.iter().filter(|(k, _)| !known.contains(&k.as_str())).collect();
    if rest.is_empty() {
        return String::new();
    }
    let mut out = String::from("<h2>Other fields</h2><table>");
    for (k, v) in rest {
        let _ = write!(out, "<tr><th>{}</th><td>{}</td></tr>", esc(k), value(v, 4));
    }
    out.push_str("</table>");
    out
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The date of a day number: (year, month, day).
pub fn civil(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

pub fn month_len(y: i64, m: u32) -> i64 {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    days(ny, nm, 1) - days(y, m, 1)
}

/// First and last day of an ISO date value ("2022", "2022-06", "2022-06-13", "a/b", a date-time).
pub fn day_range(value: &str) -> Option<(i64, i64)> {
    let (a, b) = value.split_once('/').unwrap_or((value, value));
    let lo = one(a.trim(), false)?;
    let hi = one(b.trim(), true).unwrap_or(lo);
    Some((lo.min(hi), hi.max(lo)))
}

fn one(s: &str, end: bool) -> Option<i64> {
    let s = s.get(..10.min(s.len())).unwrap_or(s);
    let mut parts = s.split('-');
    let y: i64 = parts.next()?.parse().ok().filter(|y: &i64| (1..=9999).contains(y))?;
    let m: Option<u32> = match parts.next() {
        Some(p) => Some(p.parse().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let d: Option<u32> = match parts.next() {
        Some(p) => Some(p.parse().ok().filter(|d| (1..=31).contains(d))?),
        None => None,
    };
    Some(match (m, d) {
        (Some(m), Some(d)) => days(y, m, (d as i64).min(month_len(y, m)) as u32),
        (Some(m), None) => days(y, m, 1) + if end { month_len(y, m) - 1 } else { 0 },
        _ => if end { days(y, 12, 31) } else { days(y, 1, 1) },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_marks() {
        assert_eq!(esc("<script>alert('x')</script>&\""), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
        let text = "a <b> c";
        let m = |s, e| Mark { span: Span::new(s, e), open: "<mark>".into(), close: "</mark>" };
        assert_eq!(marked(text, vec![m(2, 5), m(3, 4), m(0, 100)]), "a <mark>&lt;<mark>b</mark>&gt;</mark> c");
        assert_eq!(marked(text, vec![m(0, 3), m(2, 5)]), "<mark>a &lt;</mark>b&gt; c", "crossing marks are dropped");
        assert_eq!(marked(text, vec![m(0, 1), m(2, 3), m(2, 3), m(4, 7)]), "<mark>a</mark> <mark><mark>&lt;</mark></mark>b<mark>&gt; c</mark>");
        assert_eq!(marked("é", vec![m(1, 2)]), "é");
    }

    #[test]
    fn calendar() {
        assert_eq!(days(1970, 1, 1), 0);
        assert_eq!(civil(days(2024, 2, 29)), (2024, 2, 29));
        assert_eq!(month_len(2024, 2), 29);
        assert_eq!(day_range("2022-06-13/2022-06-14"), Some((days(2022, 6, 13), days(2022, 6, 14))));
        assert_eq!(day_range("2022-06"), Some((days(2022, 6, 1), days(2022, 6, 30))));
        assert_eq!(day_range("2022"), Some((days(2022, 1, 1), days(2022, 12, 31))));
        assert_eq!(day_range("junk"), None);
        assert_eq!(day_range("2022-13-01"), None);
    }
}
