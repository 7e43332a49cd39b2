//! Stage 3: names. Mentions of people, organizations, places and countries in an article,
//! and entities: one per real-world referent across all pages, languages and scripts.
//! (First version: the stage's types; the finder arrives with issue 4.)

use dossier_article::Article;
use dossier_text::Span;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Location,
    Country,
}

/// A name in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Byte span in `Article::body`.
    pub span: Span,
    pub surface: String,
    pub kind: EntityKind,
}

/// The mentions of one article.
pub fn find_mentions(article: &Article) -> Vec<Mention> {
    let _ = article;
    Vec::new()
}

/// Where an entity is mentioned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRef {
    pub document: String,
    pub span: Span,
    pub surface: String,
}

/// One real-world referent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub mentions: Vec<MentionRef>,
}

/// One document's input to entity linking.
pub struct DocMentions<'a> {
    pub article: &'a Article,
    pub mentions: &'a [Mention],
}

/// Merges mentions across documents into entities (sorted, with stable ids).
pub fn link(docs: &[DocMentions<'_>]) -> Vec<Entity> {
    let _ = docs;
    Vec::new()
}
