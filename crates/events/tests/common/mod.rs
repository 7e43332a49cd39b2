//! Hand-built inputs: an article from real text, with the mentions and dates the names and
//! time stages give for it, so the events stage is tested on its own.
#![allow(dead_code)]

use dossier_article::Article;
use dossier_events::{find_candidates, Candidate, DocInput};
use dossier_names::{EntityKind, Mention};
use dossier_text::Span;
use dossier_time::DateExpr;

pub fn shared(path: &str) -> String {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/").to_string() + path;
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

pub fn article(source: &str, lang: &str, body: &str) -> Article {
    Article {
        source: source.into(),
        origin: source.into(),
        url: None,
        markup: dossier_page::Markup::Text,
        encoding: "UTF-8".into(),
        lang: lang.into(),
        title: None,
        published: None,
        raw: body.into(),
        blocks: Vec::new(),
        body: body.into(),
        crawled: None,
    }
}

/// Every occurrence of each surface, as a mention of that kind (longer surfaces first win).
pub fn mentions(body: &str, names: &[(&str, EntityKind)]) -> Vec<Mention> {
    let mut sorted: Vec<&(&str, EntityKind)> = names.iter().collect();
    sorted.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    let mut out: Vec<Mention> = Vec::new();
    for (surface, kind) in sorted {
        for (at, _) in body.match_indices(surface) {
            let span = Span::new(at, at + surface.len());
            if out.iter().any(|m| m.span.overlaps(span)) {
                continue;
            }
            out.push(mention(span, surface, *kind));
        }
    }
    out.sort_by_key(|m| m.span.start);
    out
}

/// A mention built through serde, so that fields the names stage adds take their defaults.
pub fn mention(span: Span, surface: &str, kind: EntityKind) -> Mention {
    serde_json::from_value(serde_json::json!({"span": span, "surface": surface, "kind": kind})).expect("a Mention")
}

/// An entity built through serde (the kind under both spellings the names stage has used).
pub fn entity(id: &str, kind: EntityKind, name: &str, aliases: &[&str]) -> dossier_names::Entity {
    serde_json::from_value(serde_json::json!({"id": id, "kind": kind, "type": kind, "name": name, "aliases": aliases, "mentions": []})).expect("an Entity")
}

/// Every occurrence of each date expression, with its resolved value.
pub fn dates(body: &str, exprs: &[(&str, Option<&str>)]) -> Vec<DateExpr> {
    let mut out: Vec<DateExpr> = Vec::new();
    for (text, value) in exprs {
        assert!(body.contains(text), "date {text:?} not in text");
        for (at, _) in body.match_indices(text) {
            // Built through serde so that fields the time stage adds take their defaults.
            let span = Span::new(at, at + text.len());
            let json = serde_json::json!({
                "span": span, "start": span.start, "end": span.end,
                "text": text,
                "value": value,
                "granularity": if value.is_some_and(|v| v.contains('/')) { "days" } else { "day" },
                "anchoring": {"kind": "absolute"},
                "time": null,
            });
            out.push(serde_json::from_value(json).expect("a DateExpr"));
        }
    }
    out.sort_by_key(|d| d.span.start);
    out
}

pub fn candidates(source: &str, lang: &str, body: &str, names: &[(&str, EntityKind)], date_list: &[(&str, Option<&str>)]) -> Vec<Candidate> {
    let a = article(source, lang, body);
    let m = mentions(body, names);
    let d = dates(body, date_list);
    find_candidates(&DocInput { article: &a, dates: &d, mentions: &m })
}

pub fn names_of(c: &Candidate) -> Vec<String> {
    let mut v: Vec<String> = c.participants.iter().map(|p| p.name.clone()).collect();
    v.sort();
    v
}

pub const P: EntityKind = EntityKind::Person;
pub const O: EntityKind = EntityKind::Organization;
pub const L: EntityKind = EntityKind::Location;
pub const C: EntityKind = EntityKind::Country;
