//! Linking's input: one document as linking reads it, held compactly. A build links every
//! document of the corpus at once (100,000 pages: ~2 million mentions), so what a document
//! keeps for linking is only what linking reads — its name, language, date, its body when the
//! cross-script pass reads it — and each mention's strings are shared through an `Interner`:
//! pages repeat the same names, places and titles, and each is held once.

use crate::{EntityKind, Mention};
use dossier_article::Article;
use dossier_text::Span;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// Shared copies of strings: `intern` gives the same allocation for equal strings. Safe to use
/// from several threads (a few locks, chosen by hash, so that threads rarely wait).
pub struct Interner {
    shards: Vec<Mutex<HashSet<Arc<str>>>>,
}

/// Locks of an `Interner` (a power of two).
const INTERNER_SHARDS: usize = 16;

impl Default for Interner {
    fn default() -> Self {
        Interner { shards: (0..INTERNER_SHARDS).map(|_| Mutex::default()).collect() }
    }
}

impl Interner {
    /// The shared copy of `s`.
    pub fn intern(&self, s: &str) -> Arc<str> {
        use std::hash::BuildHasher;
        // the shard from the hash's high bits (the set inside hashes with its own hasher)
        let shard = (rustc_hash::FxBuildHasher.hash_one(s) >> 60) as usize % INTERNER_SHARDS;
        // a poisoned lock only means another thread panicked mid-insert: the set is still sound
        let mut set = self.shards[shard].lock().unwrap_or_else(|p| p.into_inner());
        if let Some(shared) = set.get(s) {
            return shared.clone();
        }
        let shared: Arc<str> = Arc::from(s);
        set.insert(shared.clone());
        shared
    }

    /// The shared copy of `s`, when there is one to share.
    fn intern_opt(&self, s: Option<&str>) -> Option<Arc<str>> {
        s.map(|s| self.intern(s))
    }
}

/// One document as linking reads it.
#[derive(Debug, Clone)]
pub struct LinkDoc {
    /// The document's name (`Article::source`), shared by every reference to it.
    pub source: Arc<str>,
    pub lang: Arc<str>,
    /// The publication date it states (YYYY-MM-DD), which dates the roles it states.
    pub date: Option<Arc<str>>,
    /// The body, only when linking reads it (`crate::reads_body`); empty otherwise.
    pub body: Box<str>,
    pub mentions: Vec<LinkMention>,
}

impl LinkDoc {
    /// `article`'s mentions as linking reads them. Adjectives of nationality are kept only in
    /// a page whose body linking reads (the cross-script pass must not take their words for a
    /// name); elsewhere nothing in linking reads them.
    pub fn new(article: &Article, mentions: Vec<Mention>, interner: &Interner) -> LinkDoc {
        let reads_body = crate::reads_body(article);
        let mut kept: Vec<LinkMention> = mentions.into_iter().filter(|m| reads_body || !m.adjective).map(|m| LinkMention::new(m, interner)).collect();
        kept.shrink_to_fit();
        LinkDoc {
            source: Arc::from(article.source.as_str()),
            lang: interner.intern(&article.lang),
            date: article.published.as_ref().and_then(|p| p.value.get(..p.value.char_indices().nth(10).map_or(p.value.len(), |(i, _)| i))).map(|d| interner.intern(d)),
            body: if reads_body { article.body.as_str().into() } else { Box::default() },
            mentions: kept,
        }
    }

    /// Whether the cross-script pass reads this page (it holds its body).
    pub(crate) fn reads_body(&self) -> bool {
        !self.body.is_empty()
    }
}

/// A mention as linking reads it (the fields of `Mention`, strings shared, its span in 32 bits:
/// a corpus's two million mentions are held at once).
#[derive(Debug, Clone)]
pub struct LinkMention {
    start: u32,
    end: u32,
    pub surface: Arc<str>,
    /// The place key ("cldr:MA"): half of all mentions have one.
    pub key: Option<Arc<str>>,
    /// What few mentions have (boxed: every mention would otherwise carry its room).
    rare: Option<Box<RareParts>>,
    pub kind: EntityKind,
    pub adjective: bool,
    pub confident: bool,
}

/// The parts of a mention that few have.
#[derive(Debug, Clone, Default)]
struct RareParts {
    title: Option<Arc<str>>,
    acronym: Option<Arc<str>>,
    role: Option<LinkRole>,
}

/// A role stated next to a name (`crate::Role`, strings shared).
#[derive(Debug, Clone)]
pub struct LinkRole {
    pub text: Arc<str>,
    pub span: Span,
    pub organization: Option<Arc<str>>,
    pub country: Option<Arc<str>>,
}

/// A byte offset in 32 bits (a page's body is read whole: it holds fewer than 2^32 bytes; a
/// larger offset is kept as the largest).
fn offset32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

impl LinkMention {
    pub fn new(m: Mention, interner: &Interner) -> LinkMention {
        let rare = (m.title.is_some() || m.acronym.is_some() || m.role.is_some()).then(|| {
            Box::new(RareParts {
                title: interner.intern_opt(m.title.as_deref()),
                acronym: interner.intern_opt(m.acronym.as_deref()),
                role: m.role.map(|r| LinkRole {
                    text: interner.intern(&r.text),
                    span: r.span,
                    organization: interner.intern_opt(r.organization.as_deref()),
                    country: interner.intern_opt(r.country.as_deref()),
                }),
            })
        });
        LinkMention { start: offset32(m.span.start), end: offset32(m.span.end), surface: interner.intern(&m.surface), key: interner.intern_opt(m.key.as_deref()), rare, kind: m.kind, adjective: m.adjective, confident: m.confident }
    }

    /// A person found by linking itself (the cross-script pass): confident, nothing else known.
    pub(crate) fn person(span: Span, surface: Arc<str>) -> LinkMention {
        LinkMention { start: offset32(span.start), end: offset32(span.end), surface, key: None, rare: None, kind: EntityKind::Person, adjective: false, confident: true }
    }

    /// Where it is written in its document's body.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// The honorific written before the name.
    pub fn title(&self) -> Option<&str> {
        self.rare.as_ref()?.title.as_deref()
    }

    /// The honorific, shared (an entity built from the mention keeps it).
    pub(crate) fn shared_title(&self) -> Option<&Arc<str>> {
        self.rare.as_ref()?.title.as_ref()
    }

    /// For organisations: the acronym this mention is or defines.
    pub fn acronym(&self) -> Option<&str> {
        self.rare.as_ref()?.acronym.as_deref()
    }

    /// The position stated next to the name.
    pub fn role(&self) -> Option<&LinkRole> {
        self.rare.as_ref()?.role.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_share_one_allocation() {
        let interner = Interner::default();
        let a = interner.intern("Abdellatif Hammouchi");
        let b = interner.intern(&String::from("Abdellatif Hammouchi"));
        let c = interner.intern("Abdellatif Hammoud");
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(&*c, "Abdellatif Hammoud");
    }

    #[test]
    fn a_mention_keeps_every_field_linking_reads() {
        let interner = Interner::default();
        let mut m = Mention::new(Span::new(3, 23), "Abdellatif Hammouchi", EntityKind::Person);
        m.title = Some("M.".into());
        m.role = Some(Box::new(crate::Role { text: "directeur général".into(), span: Span::new(25, 42), organization: Some("DGSN".into()), country: Some("cldr:MA".into()) }));
        m.confident = false;
        let l = LinkMention::new(m, &interner);
        assert_eq!((l.span(), &*l.surface, l.kind, l.confident, l.adjective), (Span::new(3, 23), "Abdellatif Hammouchi", EntityKind::Person, false, false));
        assert_eq!(l.title(), Some("M."));
        assert_eq!(l.acronym(), None);
        let role = l.role().expect("the role is kept");
        assert_eq!((&*role.text, role.span, role.organization.as_deref(), role.country.as_deref()), ("directeur général", Span::new(25, 42), Some("DGSN"), Some("cldr:MA")));
        let plain = LinkMention::new(Mention::new(Span::new(0, 5), "Rabat", EntityKind::Location), &interner);
        assert_eq!(plain.span(), Span::new(0, 5));
        let far = LinkMention::new(Mention::new(Span::new(4_000_000_000, 4_000_000_005), "Rabat", EntityKind::Location), &interner);
        assert_eq!(far.span(), Span::new(4_000_000_000, 4_000_000_005), "offsets up to 2^32 kept");
        assert!(plain.rare.is_none() && plain.title().is_none() && plain.role().is_none());
    }
}
