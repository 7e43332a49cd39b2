//! A development loop for the events stage alone: reads a corpus and its gold file, gives the
//! events stage the dates the time stage finds and, as names, every gold entity name or alias
//! and gold place found verbatim in the text (what a perfect names stage would give), and
//! prints an export that `score.py` reads. It measures the events rules apart from names.
//!
//!   cargo run -p dossier-events --example devloop -- ../shared/dev/pages.jsonl ../shared/dev/gold.json > /tmp/ev.json
//!   cargo run -p dossier-events --example devloop -- ../shared/seeds ../shared/gold/seeds.json > /tmp/ev.json

use dossier_events::{find_candidates, merge, DocInput};
use dossier_names::{Entity, EntityKind, Mention, MentionRef};
use dossier_text::Span;
use serde_json::{json, Value};

fn kind_of(t: &str) -> EntityKind {
    match t {
        "person" => EntityKind::Person,
        "organization" => EntityKind::Organization,
        "country" => EntityKind::Country,
        _ => EntityKind::Location,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (input, gold_path) = (&args[1], &args[2]);
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(gold_path).expect("gold")).expect("gold json");
    // (source, text, published)
    let mut pages: Vec<(String, String, Option<String>)> = Vec::new();
    if input.ends_with(".jsonl") {
        for line in std::fs::read_to_string(input).expect("pages").lines() {
            let v: Value = serde_json::from_str(line).expect("jsonl");
            pages.push((v["id"].as_str().unwrap_or("").into(), v["text"].as_str().unwrap_or("").into(), v["published"].as_str().map(String::from)));
        }
    } else {
        let mut paths: Vec<_> = std::fs::read_dir(input).expect("dir").filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            pages.push((name, std::fs::read_to_string(&p).expect("page"), None));
        }
    }
    let gdocs: Vec<&Value> = gold["documents"].as_array().map(|a| a.iter().collect()).unwrap_or_default();
    let lang_of = |src: &str| gdocs.iter().find(|d| d["source"] == src).and_then(|d| d["lang"].as_str()).unwrap_or("und").to_string();
    let pub_of = |src: &str| gdocs.iter().find(|d| d["source"] == src).and_then(|d| d["published"].as_str()).map(String::from);
    // surfaces: entity names/aliases, event places
    let mut surfaces: Vec<(String, EntityKind, Option<String>)> = Vec::new();
    for e in gold["entities"].as_array().unwrap() {
        let k = kind_of(e["type"].as_str().unwrap_or(""));
        let id = e["id"].as_str().unwrap().to_string();
        surfaces.push((e["name"].as_str().unwrap().into(), k, Some(id.clone())));
        for a in e["aliases"].as_array().into_iter().flatten() {
            surfaces.push((a.as_str().unwrap().into(), k, Some(id.clone())));
        }
    }
    for ev in gold["events"].as_array().unwrap() {
        for l in ev["location"].as_array().into_iter().flatten() {
            let l = l.as_str().unwrap().to_string();
            if !surfaces.iter().any(|(s, _, _)| *s == l) {
                surfaces.push((l, EntityKind::Location, None));
            }
        }
    }
    surfaces.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    let mut entities: Vec<Entity> = gold["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let k = kind_of(e["type"].as_str().unwrap_or(""));
            serde_json::from_value::<Entity>(json!({"id": e["id"], "kind": k, "type": k, "name": e["name"], "aliases": e["aliases"], "mentions": []})).expect("entity")
        })
        .collect();
    let mut analyses = Vec::new();
    for (src, text, published) in &pages {
        let lang = lang_of(src);
        let published = published.clone().or_else(|| pub_of(src));
        let anchor = published.as_deref().and_then(|p| p.get(..10)).and_then(|p| p.parse().ok());
        let mut mentions: Vec<Mention> = Vec::new();
        for (s, k, id) in &surfaces {
            if s.chars().count() < 2 {
                continue;
            }
            for (at, _) in text.match_indices(s.as_str()) {
                let span = Span::new(at, at + s.len());
                // word boundaries
                let before = text[..at].chars().next_back();
                let after = text[at + s.len()..].chars().next();
                let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !dossier_text::is_arabic_letter(c));
                if glued(before) || glued(after) || mentions.iter().any(|m| m.span.overlaps(span)) {
                    continue;
                }
                mentions.push(serde_json::from_value::<Mention>(json!({"span": span, "surface": s, "kind": k})).expect("mention"));
                if let Some(id) = id {
                    if let Some(e) = entities.iter_mut().find(|e| &e.id == id) {
                        e.mentions.push(MentionRef { document: src.as_str().into(), span, surface: s.as_str().into() });
                    }
                }
            }
        }
        mentions.sort_by_key(|m| m.span.start);
        analyses.push((src.clone(), text.clone(), lang, anchor, mentions, published));
    }
    // publication inference as src/lib.rs does
    let newest = analyses.iter().filter_map(|a| a.3).max();
    let mut candidates = Vec::new();
    let mut documents = Vec::new();
    for (src, text, lang, anchor, mentions, published) in &analyses {
        let mut anchor = *anchor;
        if anchor.is_none() {
            let d0 = dossier_time::find_dates(text, lang, None);
            anchor = dossier_time::infer_publication(&d0, newest).map(|i| i.date);
        }
        let dates = dossier_time::find_dates(text, lang, anchor);
        let article = dossier_article::Article {
            source: src.clone(),
            origin: src.clone(),
            url: None,
            markup: dossier_page::Markup::Text,
            encoding: "UTF-8".into(),
            lang: lang.clone(),
            title: None,
            published: published.as_ref().map(|p| dossier_article::Found { value: p.clone(), how: "declared".into(), raw: None }),
            raw: text.clone(),
            blocks: Vec::new(),
            body: text.clone(),
            crawled: None,
        };
        let c = find_candidates(&DocInput { article: &article, dates: &dates, mentions });
        if std::env::var("DEVLOOP_VERBOSE").is_ok() {
            for d in &dates {
                eprintln!("{src} date {:?} -> {:?}", d.text, d.value);
            }
            for x in &c {
                let names: Vec<String> = x.participants.iter().map(|p| format!("{}({})", p.name, p.role)).collect();
                eprintln!("{src} CAND {} {:?} {:?} {:?} {:?} :: {}", x.kind, x.date, x.location, x.status, names, x.evidence.chars().take(160).collect::<String>());
            }
        }
        candidates.extend(c);
        documents.push(json!({"source": src, "lang": lang, "published": published, "body": text}));
    }
    let events = merge(&candidates, &entities);
    let ents: Vec<Value> = entities.iter().map(|e| json!({"id": e.id, "type": "x", "name": e.name, "aliases": e.aliases})).collect();
    println!("{}", serde_json::to_string_pretty(&json!({"documents": documents, "entities": ents, "events": events})).unwrap());
}
