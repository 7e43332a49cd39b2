//! Stage 4: events. Who met whom, when, where, about what: candidates found in each article,
//! then one event per real-world occasion across articles and languages.
//!
//! Per article (`find_candidates`): sentences are read for trigger phrases from the `[events]`
//! section of the article's language file ("a reçu", "استقبل", "met with", "firmó"...). A
//! sentence is cut into clauses at separator cues ("suite à", "after his visit"): each clause
//! with a trigger is one candidate, with the people named in it (their role from where they
//! stand around the trigger), its date expression, its place (a place after a locative
//! preposition, else one named in the sentences that follow), its topics, its status (planned
//! when a planned cue is in the clause) and the sentence as evidence. Clauses that refer back
//! ("lors de cette visite") or that name no one new add to the occasion told just before.
//!
//! Across articles (`merge`): candidates sharing a participant whose dates overlap and whose
//! places agree are one event; undated ones join the one dated event they fit. Every source is
//! cited with its evidence; where sources disagree on the date or place, each claim is kept in
//! `conflicts`.

mod find;
mod lexicon;
mod merge;
mod needles;
mod venue;

use dossier_article::Article;
use dossier_names::{Entity, Mention};
use dossier_text::Span;
use dossier_time::DateExpr;
use serde::{Deserialize, Serialize};

pub use find::find_candidates_with;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    pub entity: Option<String>,
    /// host | visitor | participant
    pub role: String,
    /// person | organization (the mention's kind).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Where the name is in the article body (candidates only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub document: String,
    /// The sentence(s) that tell the occasion.
    pub evidence: String,
    /// Byte spans of the evidence in the document's body.
    #[serde(default)]
    pub spans: Vec<Span>,
    /// What this source says of the date and place.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
}

/// One source's claim in a disagreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub value: String,
    pub documents: Vec<String>,
}

/// Sources disagree on `field` (date or location).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub field: String,
    pub claims: Vec<Claim>,
}

/// Codes that event-data tools read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plover {
    /// CONSULT | SUPPORT
    pub code: String,
    /// visit | third-party | multilateral | phone | "" (unspecified)
    #[serde(default)]
    pub mode: String,
}

/// One occasion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    /// receive | visit | meeting | talks | phone call | signing
    #[serde(rename = "type")]
    pub kind: String,
    /// CAMEO code: 040 consult, 041 phone, 042 make a visit, 043 host a visit, 044 meet at a
    /// third location, 046 negotiate, 057 sign an agreement.
    pub cameo: String,
    pub plover: Plover,
    /// happened | planned
    pub status: String,
    pub date: Option<String>,
    pub location: Option<String>,
    pub participants: Vec<Participant>,
    pub topics: Vec<String>,
    /// One line: who, what, where, when.
    pub summary: String,
    pub sources: Vec<Source>,
    /// Claims that sources disagree on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

impl Event {
    /// Where the event sits in a timeline: by date (undated last), then id.
    pub fn timeline_key(&self) -> (&str, &str) {
        (self.date.as_deref().unwrap_or("~"), &self.id)
    }
}

/// What one article says happened (before merging across articles). `Default` is the empty
/// candidate (no heap), left behind when merging moves one out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub document: String,
    pub kind: String,
    pub date: Option<String>,
    pub location: Option<String>,
    pub participants: Vec<Participant>,
    pub evidence: String,
    /// happened | planned
    #[serde(default = "happened")]
    pub status: String,
    /// The date expression as written, when there is one.
    #[serde(default)]
    pub date_text: Option<String>,
    /// The date came from the occasion told before it in the article (same trip).
    #[serde(default)]
    pub date_inherited: bool,
    /// The date is a bare weekday read against a guessed publication date: another source's
    /// full date of the same weekday wins.
    #[serde(default)]
    pub date_weak: bool,
    /// location kind: location (a city, a venue) | country
    #[serde(default)]
    pub location_kind: Option<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    /// Byte spans of the evidence sentences in the body.
    #[serde(default)]
    pub spans: Vec<Span>,
    /// The trigger phrases as written.
    #[serde(default)]
    pub triggers: Vec<String>,
}

fn happened() -> String {
    "happened".into()
}

/// One document's input to event finding.
pub struct DocInput<'a> {
    pub article: &'a Article,
    pub dates: &'a [DateExpr],
    pub mentions: &'a [Mention],
}

/// Event candidates in one article.
pub fn find_candidates(doc: &DocInput<'_>) -> Vec<Candidate> {
    find::find_candidates_with(doc, doc.mentions)
}

/// One event per occasion across all documents' candidates (sorted, stable ids).
pub fn merge<'c>(candidates: impl IntoIterator<Item = &'c Candidate>, entities: &[Entity]) -> Vec<Event> {
    merge::merge(candidates, entities)
}

/// `merge` taking the candidates (by document): each is freed once its event is built, its
/// strings moved into it.
pub fn merge_owned(candidates: Vec<Vec<Candidate>>, entities: &[Entity]) -> Vec<Event> {
    merge::merge_owned(candidates, entities)
}

pub use merge::{evidence_where_it_orders, forget_evidence, merge_without_evidence, EntityIndex, EventWithoutEvidence};

/// Candidates as `merge_without_evidence` reads them, deserialised without what it does not
/// read (most of a stored candidate): the evidence (see `evidence_where_it_orders`), the
/// trigger phrases and the date as written.
#[derive(Debug, Default)]
pub struct CandidatesToMerge(pub Vec<Candidate>);

impl<'de> Deserialize<'de> for CandidatesToMerge {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// `Candidate`'s fields that merging reads, as `Candidate` deserialises them (serde
        /// skips the others unparsed).
        #[derive(Deserialize)]
        struct Read {
            document: String,
            kind: String,
            date: Option<String>,
            location: Option<String>,
            participants: Vec<Participant>,
            #[serde(default = "happened")]
            status: String,
            #[serde(default)]
            date_inherited: bool,
            #[serde(default)]
            date_weak: bool,
            #[serde(default)]
            location_kind: Option<String>,
            #[serde(default)]
            topics: Vec<String>,
            #[serde(default)]
            spans: Vec<Span>,
        }
        let read = Vec::<Read>::deserialize(d)?;
        let candidates = read
            .into_iter()
            .map(|r| Candidate {
                document: r.document,
                kind: r.kind,
                date: r.date,
                location: r.location,
                participants: r.participants,
                status: r.status,
                date_inherited: r.date_inherited,
                date_weak: r.date_weak,
                location_kind: r.location_kind,
                topics: r.topics,
                spans: r.spans,
                ..Candidate::default()
            })
            .collect();
        Ok(CandidatesToMerge(candidates))
    }
}

/// Between the pieces of an evidence (one per span); merging splits an evidence on it again.
pub(crate) const EVIDENCE_SEPARATOR: &str = " … ";

/// A candidate's evidence: the text of its spans in the article body, each trimmed, joined.
pub fn evidence_of(body: &str, spans: &[Span]) -> String {
    spans.iter().map(|s| s.of(body).trim()).collect::<Vec<_>>().join(EVIDENCE_SEPARATOR)
}
