//! Shared helpers: the seed and dev pages as Articles, and the gold files.
#![allow(dead_code)]

use dossier_article::Article;
use dossier_page::{Markup, Page};

pub const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

pub fn seeds() -> Vec<Article> {
    let dir = format!("{SHARED}/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).expect("seeds dir").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("seed text");
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("?").to_string();
            dossier_article::extract(&Page::from_text(&name, Markup::Text, &text))
        })
        .collect()
}

pub fn dev() -> Vec<Article> {
    let text = std::fs::read_to_string(format!("{SHARED}/dev/pages.jsonl")).expect("dev pages");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("jsonl");
            let id = v["id"].as_str().unwrap_or("?");
            let mut page = Page::from_text(id, Markup::Text, v["text"].as_str().unwrap_or(""));
            page.url = v["url"].as_str().map(str::to_string);
            page.declared.published = v["published"].as_str().map(str::to_string);
            dossier_article::extract(&page)
        })
        .collect()
}

pub fn gold(path: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(format!("{SHARED}/{path}")).expect("gold file");
    serde_json::from_str(&text).expect("gold json")
}

pub fn entities(articles: &[Article]) -> (Vec<Vec<dossier_names::Mention>>, Vec<dossier_names::Entity>) {
    let mentions: Vec<Vec<dossier_names::Mention>> = articles.iter().map(dossier_names::find_mentions).collect();
    let docs: Vec<dossier_names::DocMentions> = articles.iter().zip(&mentions).map(|(a, m)| dossier_names::DocMentions { article: a, mentions: m }).collect();
    let ents = dossier_names::link(&docs);
    (mentions, ents)
}

/// The Rust port of score.py (the repository's `tests/support/score.rs`): its `norm` and
/// `match_quality`, so these tests match names exactly as the scorer does.
#[allow(dead_code, unused_imports)]
#[path = "../../../../tests/support/score.rs"]
mod score;
pub use score::{match_quality, norm};

pub struct GoldEntity {
    pub id: String,
    pub names: Vec<String>,
    pub merge: Vec<Vec<String>>,
}

pub fn gold_entities(g: &serde_json::Value) -> Vec<GoldEntity> {
    g["entities"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    let mut names = vec![e["name"].as_str().unwrap_or("").to_string()];
                    names.extend(e["aliases"].as_array().into_iter().flatten().filter_map(|x| x.as_str()).map(str::to_string));
                    let merge = e["merge"].as_array().into_iter().flatten().map(|side| side.as_array().into_iter().flatten().filter_map(|x| x.as_str()).map(str::to_string).collect()).collect();
                    GoldEntity { id: e["id"].as_str().unwrap_or("").to_string(), names, merge }
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The gold entity a predicted name resolves to (score.py's GoldEntities.resolve).
pub fn resolve<'g>(name: &str, gold: &'g [GoldEntity]) -> Option<&'g str> {
    let mut best: Option<&str> = None;
    let mut best_q = 0.0;
    for g in gold {
        let q = match_quality(name, &g.names);
        if q > best_q {
            best_q = q;
            best = Some(&g.id);
        }
    }
    best
}

/// Merge groups held by one entity, and the ids of those not held.
pub fn merge_held(gold: &[GoldEntity], ents: &[dossier_names::Entity]) -> (usize, usize, Vec<String>) {
    let (mut total, mut held, mut missed) = (0, 0, Vec::new());
    for g in gold {
        if g.merge.is_empty() {
            continue;
        }
        total += 1;
        let ok = ents.iter().any(|e| {
            let forms: Vec<String> = std::iter::once(&e.name).chain(e.aliases.iter()).map(|f| norm(f)).collect();
            g.merge.iter().all(|side| side.iter().any(|s| forms.contains(&norm(s))))
        });
        if ok {
            held += 1;
        } else {
            missed.push(g.id.clone());
        }
    }
    (held, total, missed)
}

/// Predicted entities whose names resolve to more than one gold entity.
pub fn over_merged(gold: &[GoldEntity], ents: &[dossier_names::Entity]) -> Vec<(String, Vec<String>)> {
    let mut bad = Vec::new();
    for e in ents {
        let mut ids: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
        for n in std::iter::once(&e.name).chain(e.aliases.iter()) {
            if let Some(id) = resolve(n, gold) {
                ids.insert(id);
            }
        }
        if ids.len() > 1 {
            bad.push((e.name.clone(), ids.into_iter().map(str::to_string).collect()));
        }
    }
    bad
}
