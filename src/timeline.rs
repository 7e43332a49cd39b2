//! The timeline as text: one block per event, sorted by date, optionally filtered.
//!
//! ```text
//! 2020-09-24  Rabat  receive  [CAMEO 043, CONSULT/visit]
//!     Abdellatif Hammouchi receives David Fischer in Rabat on 2020-09-24; topics: terrorism
//!     host: Abdellatif Hammouchi; visitor: David Fischer
//!     sources: 000_620e3e67c49f6038.txt, 003_e6ed9219a86417b6.txt
//! ```

use crate::{Entity, Event};
use dossier_text::fold;
use std::fmt::Write;

/// Which events to show. Every field that is set must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// A participant's name: matches any name or alias of the participant's entity, in any
    /// script, compared folded (case, accents, Arabic letter forms); all its words must appear.
    pub entity: Option<String>,
    /// Events on or after this ISO date ("2022", "2022-06", "2022-06-13").
    pub from: Option<String>,
    /// Events on or before this ISO date.
    pub to: Option<String>,
    /// The place, or a source's place, contains this (folded).
    pub place: Option<String>,
    /// The event type ("visit", "receive", "meeting", "talks", "phone call", "signing"), the
    /// CAMEO code ("043") or the status ("planned").
    pub kind: Option<String>,
    /// Keep undated events when `from`/`to` are given (default: leave them out).
    pub include_undated: bool,
}

use dossier_text::terms::words;

fn holds_words(hay: &str, needle: &[String]) -> bool {
    let hw = words(hay);
    !needle.is_empty() && needle.iter().all(|w| hw.contains(w))
}

/// First and last day a date value covers, as comparable strings ("2022-06" covers
/// "2022-06-01".."2022-06-31", which compares right as text).
fn bounds(value: &str) -> (String, String) {
    let (a, b) = value.split_once('/').unwrap_or((value, value));
    let pad = |s: &str, end: bool| match s.len() {
        4 => format!("{s}{}", if end { "-12-31" } else { "-01-01" }),
        7 => format!("{s}{}", if end { "-31" } else { "-01" }),
        _ => s.to_string(),
    };
    (pad(a.trim(), false), pad(b.trim(), true))
}

impl Filter {
    /// True when `event` passes the filter; `entities` (sorted by id, as the store gives them:
    /// each participant's is found by binary search) give every alias of a participant.
    pub fn matches(&self, event: &Event, entities: &[Entity]) -> bool {
        if let Some(q) = &self.entity {
            let needle = words(q);
            let hit = event.participants.iter().any(|p| {
                if holds_words(&p.name, &needle) {
                    return true;
                }
                let ent = p.entity.as_ref().and_then(|id| entities.binary_search_by(|e| e.id.as_str().cmp(id)).ok()).map(|at| &entities[at]);
                ent.is_some_and(|e| std::iter::once(&e.name).chain(e.aliases.iter()).any(|n| holds_words(n, &needle)))
            });
            if !hit {
                return false;
            }
        }
        if self.from.is_some() || self.to.is_some() {
            match &event.date {
                None => {
                    if !self.include_undated {
                        return false;
                    }
                }
                Some(d) => {
                    let (lo, hi) = bounds(d);
                    if let Some(f) = &self.from {
                        if hi < bounds(f).0 {
                            return false;
                        }
                    }
                    if let Some(t) = &self.to {
                        if lo > bounds(t).1 {
                            return false;
                        }
                    }
                }
            }
        }
        if let Some(pl) = &self.place {
            let needle = fold(pl.trim());
            let mut places: Vec<&str> = event.location.iter().map(String::as_str).collect();
            places.extend(event.sources.iter().filter_map(|s| s.location.as_deref()));
            if needle.is_empty() || !places.iter().any(|p| fold(p).contains(&needle)) {
                return false;
            }
        }
        if let Some(k) = &self.kind {
            let k = fold(k.trim());
            if fold(&event.kind) != k && event.cameo != k && fold(&event.status) != k && fold(&event.plover.code) != k {
                return false;
            }
        }
        true
    }
}

/// The events that pass `filter`, rendered as text (what `dossier timeline` prints).
pub fn render_filtered(events: &[Event], entities: &[Entity], filter: &Filter) -> String {
    let kept: Vec<Event> = events.iter().filter(|e| filter.matches(e, entities)).cloned().collect();
    render(&kept)
}

/// Every event, rendered as text.
pub fn render(events: &[Event]) -> String {
    let mut sorted: Vec<&Event> = events.iter().collect();
    sorted.sort_by(|a, b| a.timeline_key().cmp(&b.timeline_key()));
    let mut out = String::new();
    for e in sorted {
        let status = if e.status == "planned" { "  (planned)" } else { "" };
        let _ = writeln!(
            out,
            "{}  {}  {}  [CAMEO {}, {}{}]{}",
            e.date.as_deref().unwrap_or("undated"),
            e.location.as_deref().unwrap_or("place unknown"),
            e.kind,
            e.cameo,
            e.plover.code,
            if e.plover.mode.is_empty() { String::new() } else { format!("/{}", e.plover.mode) },
            status
        );
        let _ = writeln!(out, "    {}", e.summary);
        let mut roles: Vec<String> = Vec::new();
        for role in ["host", "visitor", "participant"] {
            let names: Vec<&str> = e.participants.iter().filter(|p| p.role == role).map(|p| p.name.as_str()).collect();
            if !names.is_empty() {
                roles.push(format!("{role}: {}", names.join(", ")));
            }
        }
        let _ = writeln!(out, "    {}", roles.join("; "));
        for c in &e.conflicts {
            let claims: Vec<String> = c.claims.iter().map(|cl| format!("{} ({})", cl.value, cl.documents.join(", "))).collect();
            let _ = writeln!(out, "    sources disagree on the {}: {}", c.field, claims.join(" vs "));
        }
        let srcs: Vec<&str> = e.sources.iter().map(|s| s.document.as_str()).collect();
        let _ = writeln!(out, "    sources: {}", srcs.join(", "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{Participant, Plover, Source};

    fn event(date: Option<&str>, place: &str, who: &str) -> Event {
        Event {
            id: format!("ev-{who}"),
            kind: "receive".into(),
            cameo: "043".into(),
            plover: Plover { code: "CONSULT".into(), mode: "visit".into() },
            status: "happened".into(),
            date: date.map(str::to_string),
            location: Some(place.into()),
            participants: vec![Participant { name: who.into(), entity: Some("e1".into()), role: "host".into(), kind: None, span: None }],
            topics: vec![],
            summary: format!("{who} hosts"),
            sources: vec![Source { document: "d1".into(), evidence: "…".into(), spans: vec![], date: None, location: None }],
            conflicts: vec![],
        }
    }

    #[test]
    fn filters_by_alias_in_another_script_dates_and_place() {
        let person = |id: &str, name: &str, alias: &str| Entity {
            id: id.into(),
            kind: dossier_names::EntityKind::Person,
            name: name.into(),
            aliases: vec![alias.into()],
            mentions: vec![],
            roles: vec![],
            key: None,
            wikidata: None,
        };
        // sorted by id, the participants' entity among others
        let ents = vec![person("e0", "David Fischer", "ديفيد فيشر"), person("e1", "Abdellatif Hammouchi", "عبد اللطيف حموشي"), person("e2", "Avril Haines", "أفريل هاينز")];
        let evs = vec![event(Some("2020-09-24"), "Rabat", "Abdellatif Hammouchi"), event(Some("2022-06-16/2022-06-17"), "Madrid", "Abdellatif Hammouchi")];
        let f = Filter { entity: Some("حموشي".into()), ..Default::default() };
        assert_eq!(evs.iter().filter(|e| f.matches(e, &ents)).count(), 2);
        let f = Filter { entity: Some("فيشر".into()), ..Default::default() };
        assert_eq!(evs.iter().filter(|e| f.matches(e, &ents)).count(), 0, "another entity's alias");
        let f = Filter { entity: Some("hammouchi".into()), from: Some("2022-06".into()), ..Default::default() };
        assert_eq!(evs.iter().filter(|e| f.matches(e, &ents)).count(), 1);
        let f = Filter { to: Some("2022-06-16".into()), place: Some("madrid".into()), ..Default::default() };
        assert_eq!(evs.iter().filter(|e| f.matches(e, &ents)).count(), 1);
        let f = Filter { kind: Some("signing".into()), ..Default::default() };
        assert_eq!(evs.iter().filter(|e| f.matches(e, &ents)).count(), 0);
        let text = render_filtered(&evs, &ents, &Filter { place: Some("Rabat".into()), ..Default::default() });
        assert!(text.starts_with("2020-09-24  Rabat  receive"), "{text}");
        assert!(!text.contains("Madrid"));
    }
}
