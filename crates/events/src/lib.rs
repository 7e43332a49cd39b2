//! Stage 4: events. Who met whom, when, where, about what: candidates found in each article,
//! then one event per real-world occasion across articles and languages.
//! (First version: the stage's types; the finder arrives with issue 5.)

use dossier_article::Article;
use dossier_names::{Entity, Mention};
use dossier_time::DateExpr;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    pub entity: Option<String>,
    /// host | visitor | participant
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub document: String,
    pub evidence: String,
}

/// One occasion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub date: Option<String>,
    pub location: Option<String>,
    pub participants: Vec<Participant>,
    pub sources: Vec<Source>,
}

/// What one article says happened (before merging across articles).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub document: String,
    pub kind: String,
    pub date: Option<String>,
    pub location: Option<String>,
    pub participants: Vec<Participant>,
    pub evidence: String,
}

/// One document's input to event finding.
pub struct DocInput<'a> {
    pub article: &'a Article,
    pub dates: &'a [DateExpr],
    pub mentions: &'a [Mention],
}

/// Event candidates in one article.
pub fn find_candidates(doc: &DocInput<'_>) -> Vec<Candidate> {
    let _ = doc;
    Vec::new()
}

/// One event per occasion across all documents' candidates (sorted, stable ids).
pub fn merge(candidates: &[Candidate], entities: &[Entity]) -> Vec<Event> {
    let _ = (candidates, entities);
    Vec::new()
}
