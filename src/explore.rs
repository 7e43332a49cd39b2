//! Looking things up in the corpus: an entity by any of its names (any script), what is known
//! about it, and an event with every fact next to the sentence it came from.

use crate::build::parse_record;
use crate::store::{Store, StoreError};
use crate::{Entity, Event};
use dossier_lang::Script;
use dossier_text::dominant_script;
use std::collections::BTreeMap;
use std::fmt::Write;

use dossier_text::terms::words as folded_words;

/// The entities a query finds among those offered one at a time: those with a name or alias
/// equal to it (folded), else those with a name holding all its words.
struct Found {
    query: Vec<String>,
    exact: Vec<Entity>,
    all_words: Vec<Entity>,
}

impl Found {
    fn new(query: &str) -> Self {
        Found { query: folded_words(query), exact: Vec::new(), all_words: Vec::new() }
    }

    /// Keeps `e` when it answers the query (by all its words only while nothing answers exactly).
    fn offer(&mut self, e: Entity) {
        if self.query.is_empty() {
            return;
        }
        let names = || std::iter::once(&e.name).chain(e.aliases.iter()).map(|n| folded_words(n));
        if names().any(|n| n == self.query) {
            self.all_words.clear();
            self.exact.push(e);
        } else if self.exact.is_empty() && names().any(|w| self.query.iter().all(|x| w.contains(x))) {
            self.all_words.push(e);
        }
    }

    /// The exact answers, else those holding all the words; most mentioned first.
    fn best(self) -> Vec<Entity> {
        let mut best = if self.exact.is_empty() { self.all_words } else { self.exact };
        best.sort_by(|a, b| b.mentions.len().cmp(&a.mentions.len()).then(a.id.cmp(&b.id)));
        best
    }
}

fn takes_part(event: &Event, entity: &Entity) -> bool {
    event.participants.iter().any(|p| p.entity.as_deref() == Some(entity.id.as_str()))
}

fn documents_of(entity: &Entity) -> std::collections::BTreeSet<&str> {
    entity.mentions.iter().map(|m| &*m.document).collect()
}

/// How many of `docs` (`entity`'s) `other` is mentioned in, when it is another entity and
/// shares any.
fn shared_documents(docs: &std::collections::BTreeSet<&str>, entity: &Entity, other: &Entity) -> Option<usize> {
    if other.id == entity.id {
        return None;
    }
    let shared: std::collections::BTreeSet<&str> = other.mentions.iter().map(|m| &*m.document).filter(|d| docs.contains(d)).collect();
    (!shared.is_empty()).then_some(shared.len())
}

/// `dossier entity NAME`: the report of each entity the name designates — those with a name or
/// alias equal to it (folded), else those with a name holding all its words; most mentioned
/// first. The stored entities are read twice and the events once, one at a time, so that the
/// corpus is never held whole: the answers, their events and the names they appear with are.
pub fn entity_reports(store: &Store, query: &str) -> Result<Vec<String>, StoreError> {
    let mut found = Found::new(query);
    store.each_entity(|row| {
        found.offer(parse_record("entities", &row)?);
        Ok(())
    })?;
    let found: Vec<Entity> = found.best();
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let mut events: Vec<Vec<Event>> = vec![Vec::new(); found.len()];
    store.each_event(|row| {
        let ev: Event = parse_record("events", &row)?;
        let of: Vec<usize> = (0..found.len()).filter(|&k| takes_part(&ev, &found[k])).collect();
        if let Some((&last, rest)) = of.split_last() {
            for &k in rest {
                events[k].push(ev.clone());
            }
            events[last].push(ev);
        }
        Ok(())
    })?;
    let docs: Vec<_> = found.iter().map(documents_of).collect();
    let mut with: Vec<Vec<(String, usize)>> = vec![Vec::new(); found.len()];
    store.each_entity(|row| {
        let other: Entity = parse_record("entities", &row)?;
        for (k, entity) in found.iter().enumerate() {
            if let Some(n) = shared_documents(&docs[k], entity, &other) {
                with[k].push((other.name.clone(), n));
            }
        }
        Ok(())
    })?;
    Ok(found
        .iter()
        .zip(events)
        .zip(with)
        .map(|((entity, mut evs), mut with)| {
            evs.sort_by(|a, b| a.timeline_key().cmp(&b.timeline_key()));
            with.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            report(entity, &evs, &with)
        })
        .collect())
}

/// An entity's report: its names by script, roles, pages, `events` (by date) and the
/// entities it appears `with` (most shared pages first).
fn report(entity: &Entity, events: &[Event], with: &[(String, usize)]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}  ({:?}, {}){}", entity.name, entity.kind, entity.id, entity.wikidata.as_ref().map(|q| format!("  wikidata {q}")).unwrap_or_default());
    let mut by_script: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for n in std::iter::once(&entity.name).chain(entity.aliases.iter()) {
        let script = match dominant_script(n) {
            Some(Script::Arabic) => "Arabic",
            Some(Script::Latin) => "Latin",
            None => "other",
        };
        let v = by_script.entry(script).or_default();
        if !v.contains(&n.as_str()) {
            v.push(n);
        }
    }
    for (script, names) in &by_script {
        let _ = writeln!(out, "  names ({script}): {}", names.join(" · "));
    }
    if !entity.roles.is_empty() {
        let _ = writeln!(out, "  roles:");
        let mut roles: Vec<_> = entity.roles.iter().collect();
        roles.sort_by(|a, b| (a.date.as_deref().unwrap_or("~"), &a.document).cmp(&(b.date.as_deref().unwrap_or("~"), &b.document)));
        for r in roles {
            let org = [r.organization.as_deref(), r.country.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", ");
            let _ = writeln!(out, "    {}  {}{}  ({})", r.date.as_deref().unwrap_or("undated"), r.title, if org.is_empty() { String::new() } else { format!(" — {org}") }, r.document);
        }
    }
    let mut docs: Vec<&str> = entity.mentions.iter().map(|m| &*m.document).collect();
    docs.dedup();
    docs.sort();
    docs.dedup();
    let _ = writeln!(out, "  mentioned in {} page(s): {}", docs.len(), docs.join(", "));
    if !events.is_empty() {
        let _ = writeln!(out, "  events:");
        for e in events {
            let _ = writeln!(out, "    {}  {}  {}  [{}]", e.date.as_deref().unwrap_or("undated"), e.location.as_deref().unwrap_or("-"), e.summary, e.id);
        }
    }
    if !with.is_empty() {
        let list: Vec<String> = with.iter().take(15).map(|(name, n)| format!("{name} ({n})")).collect();
        let _ = writeln!(out, "  appears with: {}", list.join(", "));
    }
    out
}

/// `dossier event ID` as text: every field, then each source's evidence.
pub fn event_report(event: &Event) -> String {
    let mut out = String::new();
    let value = serde_json::to_value(event).unwrap_or_default();
    if let Some(obj) = value.as_object() {
        for (k, v) in obj {
            if k == "sources" || k == "participants" {
                continue;
            }
            let shown = match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => "-".into(),
                other => other.to_string(),
            };
            let _ = writeln!(out, "{k:<12} {shown}");
        }
    }
    let _ = writeln!(out, "participants:");
    for p in &event.participants {
        let _ = writeln!(out, "  {:<10} {}{}", p.role, p.name, p.entity.as_ref().map(|e| format!("  [{e}]")).unwrap_or_default());
    }
    let _ = writeln!(out, "sources:");
    for s in &event.sources {
        let _ = writeln!(out, "  {}{}{}", s.document, s.date.as_ref().map(|d| format!("  date: {d}")).unwrap_or_default(), s.location.as_ref().map(|l| format!("  place: {l}")).unwrap_or_default());
        let _ = writeln!(out, "    « {} »", s.evidence.replace('\n', " "));
    }
    out
}
