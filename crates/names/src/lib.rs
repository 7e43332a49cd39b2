//! Stage 3: names. Mentions of people, organizations, places and countries in an article,
//! and entities: one per real-world referent across all pages, languages and scripts.
//!
//! * `find_mentions` (per page): places and countries from a table generated from CLDR and
//!   GeoNames (`data/`), adjectives of nationality, organisations (acronyms and their
//!   definitions, phrases headed by an organisation word), people (after honorifics and
//!   roles, capitalised sequences in Latin script, name-part knowledge in Arabic). Every word
//!   of a language comes from the `[names]` section of `lang/<code>.toml`.
//! * `link` (across pages): one entity per referent. People are compared part by part (given
//!   name, family name, patronymic chains), within a script by spelling and across scripts by
//!   consonant skeletons (`skeleton`); organisations by acronym, by the concepts of their
//!   words (the same in every language: `[names.concepts]`), and by acronym initials of those
//!   concepts; places by their table key, places no table knows by skeleton when their
//!   pages share another referent.
//! * `echo`: a Latin-script person's full name found again in Arabic-script pages (two
//!   adjacent words with the given and family names' skeletons), confirmed by a referent the
//!   pages share; the family name alone in that page follows.
//! * `knowledge`: a user knowledge file (TOML) and a Wikidata JSON dump importer that give
//!   known entities (names in several scripts, roles, Wikidata ids).

mod echo;
mod finder;
mod gazetteer;
pub mod knowledge;
mod lexicon;
mod link;
pub mod linkdoc;
pub mod skeleton;
mod token;

use dossier_article::Article;
use dossier_text::Span;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

pub use link::{link_docs, link_with};
pub use linkdoc::{Interner, LinkDoc, LinkMention};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Location,
    Country,
}

/// A position stated next to a name: "directeur de la CIA", "سفير الولايات المتحدة".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// The role phrase as written.
    pub text: String,
    /// Byte span of the phrase in `Article::body`.
    pub span: Span,
    /// An organisation named in the phrase.
    #[serde(default)]
    pub organization: Option<String>,
    /// The place key of a country named in the phrase ("cldr:US").
    #[serde(default)]
    pub country: Option<String>,
}

/// A name in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Byte span in `Article::body` (without Arabic proclitics or the honorific).
    pub span: Span,
    /// The name as written (for an Arabic word written with a proclitic preposition, the
    /// form with the article: "للمديرية ..." gives "المديرية ...").
    pub surface: String,
    pub kind: EntityKind,
    /// The honorific written before the name ("M.", "Gen.", "الأمير").
    #[serde(default)]
    pub title: Option<String>,
    /// The position stated next to the name (boxed: few mentions have one, and every loaded
    /// mention would otherwise carry its room).
    #[serde(default)]
    pub role: Option<Box<Role>>,
    /// The referent's key when the name is a known place ("cldr:MA", "geonames:2538475").
    #[serde(default)]
    pub key: Option<String>,
    /// For organisations: the acronym this mention is or defines.
    #[serde(default)]
    pub acronym: Option<String>,
    /// An adjective of nationality ("américain", "الأمريكية"), not a name.
    #[serde(default)]
    pub adjective: bool,
    /// False for a lone capitalised word with no other evidence of being a name.
    #[serde(default = "yes")]
    pub confident: bool,
}

fn yes() -> bool {
    true
}

impl Mention {
    pub fn new(span: Span, surface: impl Into<String>, kind: EntityKind) -> Mention {
        Mention { span, surface: surface.into(), kind, title: None, role: None, key: None, acronym: None, adjective: false, confident: true }
    }
}

/// Whether linking (`link_with`) reads this article's body: only to find people named in Latin
/// script elsewhere again in an Arabic-script page. Other bodies can be left out of the
/// articles given to it.
pub fn reads_body(article: &Article) -> bool {
    article.body.chars().any(dossier_text::is_arabic_letter)
}

/// The mentions of one article, sorted by position.
pub fn find_mentions(article: &Article) -> Vec<Mention> {
    finder::find(&article.body, &article.lang)
}

/// Where an entity is mentioned. The document's name and the surface are shared (a corpus
/// holds millions of mention references, and each document's name and each written name
/// recur across them): one allocation per document and per distinct name, not per reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRef {
    pub document: Arc<str>,
    pub span: Span,
    pub surface: Arc<str>,
}

/// A position an entity held, as one page states it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
/// Its strings are shared, as in `MentionRef` (titles, organisations, countries and dates recur
/// across the pages that state roles).
pub struct RoleRef {
    pub title: Arc<str>,
    #[serde(default)]
    pub organization: Option<Arc<str>>,
    #[serde(default)]
    pub country: Option<Arc<str>>,
    pub document: Arc<str>,
    /// The page's publication date, when it states one (the role is stated as of then).
    #[serde(default)]
    pub date: Option<Arc<str>>,
    pub span: Span,
}

/// One real-world referent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub mentions: Vec<MentionRef>,
    #[serde(default)]
    pub roles: Vec<RoleRef>,
    /// The place table's or the knowledge file's key ("cldr:MA", "Q...").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
}

impl Default for EntityKind {
    fn default() -> Self {
        EntityKind::Person
    }
}

impl Default for Entity {
    fn default() -> Self {
        Entity { id: String::new(), kind: EntityKind::Person, name: String::new(), aliases: Vec::new(), mentions: Vec::new(), roles: Vec::new(), key: None, wikidata: None }
    }
}

impl Entity {
    /// The entity mentioned at `span` of `document`, if any (for later stages).
    pub fn find<'e>(entities: &'e [Entity], document: &str, span: Span) -> Option<&'e Entity> {
        entities.iter().find(|e| e.mentions.iter().any(|m| &*m.document == document && m.span == span))
    }
}

/// One document's input to entity linking, borrowed (`link`, `link_with`; a corpus is linked
/// from `LinkDoc`s, `link_docs`).
pub struct DocMentions<'a> {
    pub article: &'a Article,
    pub mentions: &'a [Mention],
}

/// Merges mentions across documents into entities (sorted, with stable ids).
pub fn link(docs: &[DocMentions<'_>]) -> Vec<Entity> {
    link::link_with(docs, &[])
}
