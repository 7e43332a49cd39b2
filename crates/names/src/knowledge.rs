//! Known entities from outside the pages: a user knowledge file (TOML) and a Wikidata JSON
//! dump importer. Both are optional; the engine links names without them.
//!
//! Knowledge file:
//! ```toml
//! [[entity]]
//! type = "person"
//! names = ["Abdellatif Hammouchi", "عبد اللطيف حموشي"]
//! wikidata = "Q..."
//! [[entity.roles]]
//! title = "Director General"
//! organization = "DGSN"
//! start = "2015-05-15"
//! ```

use crate::EntityKind;
use serde::{Deserialize, Serialize};
use std::io::BufRead;

#[derive(Debug, thiserror::Error)]
pub enum KnowledgeError {
    #[error("knowledge file: {0}")]
    Toml(String),
    #[error("wikidata dump line {line}: {message}")]
    Wikidata { line: usize, message: String },
    #[error("reading: {0}")]
    Io(#[from] std::io::Error),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownRole {
    pub title: String,
    #[serde(default)]
    pub organization: Option<String>,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub end: Option<String>,
}

/// One entity known in advance: its names in any scripts, its kind, roles, Wikidata id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownEntity {
    #[serde(rename = "type")]
    pub kind: EntityKind,
    pub names: Vec<String>,
    #[serde(default)]
    pub roles: Vec<KnownRole>,
    #[serde(default)]
    pub wikidata: Option<String>,
}

#[derive(Debug, Deserialize)]
struct File {
    #[serde(default)]
    entity: Vec<KnownEntity>,
}

/// Reads a knowledge file (TOML, `[[entity]]` tables).
pub fn from_toml(text: &str) -> Result<Vec<KnownEntity>, KnowledgeError> {
    let f: File = toml::from_str(text).map_err(|e| KnowledgeError::Toml(e.to_string()))?;
    Ok(f.entity.into_iter().filter(|e| !e.names.is_empty()).collect())
}

/// Which P31 (instance of) values make which kind. Q5 human; Q6256 country, Q3624078
/// sovereign state; Q515 city, Q1549591 big city, Q5119 capital; Q43229 organization,
/// Q327333 government agency, Q484652 international organization.
fn kind_of_p31(ids: &[String]) -> Option<EntityKind> {
    for id in ids {
        match id.as_str() {
            "Q5" => return Some(EntityKind::Person),
            "Q6256" | "Q3624078" => return Some(EntityKind::Country),
            "Q515" | "Q1549591" | "Q5119" | "Q82794" => return Some(EntityKind::Location),
            "Q43229" | "Q327333" | "Q484652" | "Q17149090" => return Some(EntityKind::Organization),
            _ => {}
        }
    }
    None
}

fn claim_ids(v: &serde_json::Value, prop: &str) -> Vec<String> {
    v.get("claims")
        .and_then(|c| c.get(prop))
        .and_then(|c| c.as_array())
        .map(|a| a.iter().filter_map(|s| s.pointer("/mainsnak/datavalue/value/id").and_then(|x| x.as_str()).map(str::to_string)).collect())
        .unwrap_or_default()
}

fn qualifier_time(stmt: &serde_json::Value, prop: &str) -> Option<String> {
    let t = stmt.get("qualifiers")?.get(prop)?.as_array()?.first()?.pointer("/datavalue/value/time")?.as_str()?;
    // "+2015-05-15T00:00:00Z" -> "2015-05-15"
    Some(t.trim_start_matches('+').chars().take(10).collect())
}

/// Imports a Wikidata JSON dump (one entity per line, optionally inside `[` `]` with trailing
/// commas, as the dumps are written): labels and aliases in `langs`, P31 for the kind, P39
/// (position held) with P580/P582 (start/end) as roles. Entities of other kinds are skipped.
pub fn from_wikidata_dump<R: BufRead>(reader: R, langs: &[&str]) -> Result<Vec<KnownEntity>, KnowledgeError> {
    let mut out = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line?;
        let t = line.trim().trim_end_matches(',');
        if t.is_empty() || t == "[" || t == "]" {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(t).map_err(|e| KnowledgeError::Wikidata { line: n + 1, message: e.to_string() })?;
        let Some(kind) = kind_of_p31(&claim_ids(&v, "P31")) else { continue };
        let mut names: Vec<String> = Vec::new();
        for l in langs {
            if let Some(s) = v.pointer(&format!("/labels/{l}/value")).and_then(|x| x.as_str()) {
                names.push(s.to_string());
            }
        }
        for l in langs {
            if let Some(a) = v.pointer(&format!("/aliases/{l}")).and_then(|x| x.as_array()) {
                names.extend(a.iter().filter_map(|x| x.get("value").and_then(|s| s.as_str()).map(str::to_string)));
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        names.retain(|n| seen.insert(n.clone()));
        if names.is_empty() {
            continue;
        }
        let mut roles = Vec::new();
        if let Some(a) = v.pointer("/claims/P39").and_then(|x| x.as_array()) {
            for stmt in a {
                if let Some(id) = stmt.pointer("/mainsnak/datavalue/value/id").and_then(|x| x.as_str()) {
                    roles.push(KnownRole { title: id.to_string(), organization: None, start: qualifier_time(stmt, "P580"), end: qualifier_time(stmt, "P582") });
                }
            }
        }
        out.push(KnownEntity { kind, names, roles, wikidata: v.get("id").and_then(|x| x.as_str()).map(str::to_string) });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_knowledge_file() {
        let t = r#"
[[entity]]
type = "person"
names = ["Jane Example", "جين مثال"]
wikidata = "Q1"
[[entity.roles]]
title = "Director"
organization = "Example Agency"
start = "2020-01-01"

[[entity]]
type = "organization"
names = ["EXA", "Example Agency"]
"#;
        let k = from_toml(t).unwrap();
        assert_eq!(k.len(), 2);
        assert_eq!(k[0].kind, EntityKind::Person);
        assert_eq!(k[0].roles[0].organization.as_deref(), Some("Example Agency"));
        assert_eq!(k[1].names, vec!["EXA", "Example Agency"]);
        assert!(from_toml("[[entity]]\ntype = 3").is_err());
    }

    #[test]
    fn imports_a_wikidata_dump() {
        let dump = r#"[
{"id":"Q100","labels":{"en":{"language":"en","value":"Jane Example"},"ar":{"language":"ar","value":"جين مثال"}},"aliases":{"fr":[{"language":"fr","value":"J. Example"}]},"claims":{"P31":[{"mainsnak":{"datavalue":{"value":{"id":"Q5"}}}}],"P39":[{"mainsnak":{"datavalue":{"value":{"id":"Q200"}}},"qualifiers":{"P580":[{"datavalue":{"value":{"time":"+2015-05-15T00:00:00Z"}}}]}}]}},
{"id":"Q300","labels":{"en":{"language":"en","value":"Some Painting"}},"claims":{"P31":[{"mainsnak":{"datavalue":{"value":{"id":"Q3305213"}}}}]}},
{"id":"Q400","labels":{"fr":{"language":"fr","value":"Agence Exemple"}},"claims":{"P31":[{"mainsnak":{"datavalue":{"value":{"id":"Q327333"}}}}]}}
]"#;
        let k = from_wikidata_dump(dump.as_bytes(), &["en", "fr", "ar", "es"]).unwrap();
        assert_eq!(k.len(), 2);
        assert_eq!(k[0].names, vec!["Jane Example", "جين مثال", "J. Example"]);
        assert_eq!(k[0].roles[0].start.as_deref(), Some("2015-05-15"));
        assert_eq!(k[0].wikidata.as_deref(), Some("Q100"));
        assert_eq!(k[1].kind, EntityKind::Organization);
        assert!(from_wikidata_dump("{not json".as_bytes(), &["en"]).is_err());
    }
}
