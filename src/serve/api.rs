//! The read-only JSON API: the same data as the pages. Events and entities are returned as
//! stored (every field, including ones this module does not know).

use super::data::{self, Loaded};
use super::http::{param, Response};
use super::pages;
use super::State;
use serde_json::{json, Value};

type Query = [(String, String)];

fn error(status: u16, message: &str) -> Response {
    Response::json(status, &json!({ "error": message }))
}

/// `/api/events`: the events passing the timeline filters (and in the zoomed year or month,
/// when `year` is given), by date.
pub fn events(l: &Loaded, q: &Query) -> Response {
    let f = pages::filter(q);
    let (year, month) = pages::zoom(q);
    let view = pages::zoom_range(year, month);
    let in_view = |e: &crate::Event| match view {
        None => true,
        Some((v0, v1)) => e.date.as_deref().and_then(super::html::day_range).is_some_and(|(lo, hi)| hi >= v0 && lo <= v1),
    };
    let list: Vec<Value> = pages::filtered(l, &f).into_iter().filter(|e| in_view(e)).filter_map(|e| l.events.get(&e.id).cloned()).collect();
    Response::json(200, &json!({ "count": list.len(), "events": list }))
}

pub fn event(l: &Loaded, id: &str) -> Response {
    match l.events.get(id) {
        Some(v) => Response::json(200, v),
        None => error(404, "no event has this id"),
    }
}

/// `/api/entities`: id, type and name of every entity, by id.
pub fn entities(l: &Loaded) -> Response {
    let list: Vec<Value> = l
        .entities
        .iter()
        .map(|(id, v)| json!({ "id": id, "type": v.get("type").cloned().unwrap_or(Value::Null), "name": v.get("name").cloned().unwrap_or(Value::Null) }))
        .collect();
    Response::json(200, &json!({ "count": list.len(), "entities": list }))
}

/// `/api/entities/{id}`: the entity as stored, its events' ids and its co-participants.
pub fn entity(l: &Loaded, id: &str) -> Response {
    let Some(v) = l.entities.get(id) else { return error(404, "no entity has this id") };
    let evs: Vec<&crate::Event> =
        l.order.iter().filter_map(|&i| l.corpus.events.get(i)).filter(|e| e.participants.iter().any(|p| p.entity.as_deref() == Some(id))).collect();
    let co: Vec<Value> = pages::co_participants(id, &evs)
        .into_iter()
        .map(|(_, name, entity, shared)| json!({ "name": name, "entity": entity, "shared_events": shared }))
        .collect();
    let ids: Vec<&str> = evs.iter().map(|e| e.id.as_str()).collect();
    Response::json(200, &json!({ "entity": v, "events": ids, "co_participants": co }))
}

/// `/api/documents`: source, language, publication date and title of every document, by source.
pub fn documents(l: &Loaded) -> Response {
    let list: Vec<Value> = l
        .docs
        .iter()
        .map(|(source, (title, published, lang))| {
            json!({ "source": source, "lang": lang, "published": published, "inferred_published": l.corpus.inferred.get(source).map(|i| i.date.to_string()), "title": title })
        })
        .collect();
    Response::json(200, &json!({ "count": list.len(), "documents": list }))
}

/// `/api/documents/{source}`: metadata, clean text, removed blocks, dates and names.
pub fn document(state: &State, l: &Loaded, source: &str) -> Response {
    let (row, analysis) = match data::open(state).and_then(|store| data::document(&store, l, source)) {
        Ok(Some(d)) => d,
        Ok(None) => return error(404, "no document has this source"),
        Err(e) => return error(500, &e.to_string()),
    };
    let mut out = json!({
        "source": row.source,
        "url": row.url,
        "lang": row.lang,
        "title": row.title,
        "published": row.published,
        "inferred_published": l.corpus.inferred.get(&row.source).map(|i| i.date.to_string()),
        "body": row.body,
    });
    if let (Some(a), Some(obj)) = (analysis, out.as_object_mut()) {
        let removed: Vec<Value> = a
            .article
            .removed()
            .map(|(b, text)| json!({ "span": b.raw, "removed": b.removed, "text": text }))
            .collect();
        obj.insert("removed".into(), Value::Array(removed));
        obj.insert("dates".into(), serde_json::to_value(&a.dates).unwrap_or(Value::Null));
        obj.insert("mentions".into(), serde_json::to_value(&a.mentions).unwrap_or(Value::Null));
        let cited: Vec<&str> =
            l.order.iter().filter_map(|&i| l.corpus.events.get(i)).filter(|e| e.sources.iter().any(|s| s.document == row.source)).map(|e| e.id.as_str()).collect();
        obj.insert("events".into(), json!(cited));
    }
    Response::json(200, &out)
}

/// `/api/search?q=&limit=`: hits with their marked spans (byte spans of `snippet`).
pub fn search(state: &State, q: &Query) -> Response {
    let Some(query) = param(q, "q") else { return error(400, "missing q") };
    let limit = param(q, "limit").and_then(|l| l.parse::<usize>().ok()).unwrap_or(20).clamp(1, 200);
    match data::open(state).and_then(|store| crate::search::search(&store, query, limit)) {
        Ok(hits) => Response::json(200, &json!({ "query": query, "count": hits.len(), "hits": hits })),
        Err(e) => error(500, &e.to_string()),
    }
}
