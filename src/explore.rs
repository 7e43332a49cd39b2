//! Looking things up in the corpus: an entity by any of its names (any script), what is known
//! about it, and an event with every fact next to the sentence it came from.

use crate::{Corpus, Entity, Event};
use dossier_lang::Script;
use dossier_text::dominant_script;
use std::collections::BTreeMap;
use std::fmt::Write;

use dossier_text::terms::words as folded_words;

/// The entities a name designates: those with a name or alias equal to it (folded), else those
/// with a name holding all its words. Sorted by how often they are mentioned.
pub fn find_entities<'c>(corpus: &'c Corpus, query: &str) -> Vec<&'c Entity> {
    let q = folded_words(query);
    if q.is_empty() {
        return Vec::new();
    }
    let names = |e: &'c Entity| std::iter::once(&e.name).chain(e.aliases.iter());
    let mut exact: Vec<&Entity> = corpus.entities.iter().filter(|e| names(e).any(|n| folded_words(n) == q)).collect();
    if exact.is_empty() {
        exact = corpus.entities.iter().filter(|e| names(e).any(|n| {
            let w = folded_words(n);
            q.iter().all(|x| w.contains(x))
        })).collect();
    }
    exact.sort_by(|a, b| b.mentions.len().cmp(&a.mentions.len()).then(a.id.cmp(&b.id)));
    exact
}

/// The events an entity takes part in, by date.
pub fn events_of<'c>(corpus: &'c Corpus, entity: &Entity) -> Vec<&'c Event> {
    let mut evs: Vec<&Event> = corpus.events.iter().filter(|e| e.participants.iter().any(|p| p.entity.as_deref() == Some(entity.id.as_str()))).collect();
    evs.sort_by(|a, b| (a.date.as_deref().unwrap_or("~"), &a.id).cmp(&(b.date.as_deref().unwrap_or("~"), &b.id)));
    evs
}

/// Entities mentioned in the same documents, with the number of documents shared.
pub fn co_mentioned<'c>(corpus: &'c Corpus, entity: &Entity) -> Vec<(&'c Entity, usize)> {
    let docs: std::collections::BTreeSet<&str> = entity.mentions.iter().map(|m| &*m.document).collect();
    let mut out: Vec<(&Entity, usize)> = corpus
        .entities
        .iter()
        .filter(|e| e.id != entity.id)
        .map(|e| {
            let shared: std::collections::BTreeSet<&str> = e.mentions.iter().map(|m| &*m.document).filter(|d| docs.contains(d)).collect();
            (e, shared.len())
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.name.cmp(&b.0.name)));
    out
}

/// `dossier entity NAME` as text.
pub fn entity_report(corpus: &Corpus, entity: &Entity) -> String {
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
    let evs = events_of(corpus, entity);
    if !evs.is_empty() {
        let _ = writeln!(out, "  events:");
        for e in evs {
            let _ = writeln!(out, "    {}  {}  {}  [{}]", e.date.as_deref().unwrap_or("undated"), e.location.as_deref().unwrap_or("-"), e.summary, e.id);
        }
    }
    let with = co_mentioned(corpus, entity);
    if !with.is_empty() {
        let list: Vec<String> = with.iter().take(15).map(|(e, n)| format!("{} ({n})", e.name)).collect();
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
