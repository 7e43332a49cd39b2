//! The corpus as the pages read it: typed (for the timeline filter and entity lookups) and as
//! JSON values (so fields other engineers add to `Event` and `Entity` show without code here
//! knowing them). Loaded once per corpus fingerprint; documents are read per request.

use super::State;
use crate::build::load_corpus;
use crate::store::{Store, StoreError};
use crate::{Corpus, DocAnalysis};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;

pub struct Loaded {
    pub corpus: Corpus,
    /// Each event's stored JSON, by id.
    pub events: BTreeMap<String, Value>,
    /// Each entity's stored JSON, by id.
    pub entities: BTreeMap<String, Value>,
    /// Indices into `corpus.events`, by (date, id); undated last.
    pub order: Vec<usize>,
    /// Per document: (title, published, lang).
    pub docs: BTreeMap<String, (Option<String>, Option<String>, String)>,
}

impl Loaded {
    pub fn entity_name(&self, id: &str) -> Option<&str> {
        self.corpus.entities.iter().find(|e| e.id == id).map(|e| e.name.as_str())
    }
    pub fn title(&self, source: &str) -> Option<&str> {
        self.docs.get(source).and_then(|d| d.0.as_deref())
    }
}

pub fn open(state: &State) -> Result<Store, StoreError> {
    Store::open(&state.db)
}

/// The corpus, from the cache when the database's corpus fingerprint is unchanged.
pub fn load(state: &State) -> Result<Arc<Loaded>, StoreError> {
    let store = open(state)?;
    let mut fp = store.corpus_value("fingerprint")?.unwrap_or_default();
    if let Ok(cache) = state.cache.lock() {
        if let Some((key, loaded)) = cache.as_ref() {
            if *key == fp {
                return Ok(Arc::clone(loaded));
            }
        }
    }
    // A build may store a new corpus (events, entities and fingerprint in one transaction)
    // between the reads below: read again until the fingerprint is the same before and after,
    // so that one answer never mixes two corpora.
    let mut tries = 0;
    loop {
        let loaded = read_corpus(&store)?;
        let after = store.corpus_value("fingerprint")?.unwrap_or_default();
        tries += 1;
        if after == fp {
            if let Ok(mut cache) = state.cache.lock() {
                *cache = Some((after, Arc::clone(&loaded)));
            }
            return Ok(loaded);
        }
        if tries >= 5 {
            return Ok(loaded); // builds finishing back to back: answer, but do not keep it
        }
        fp = after;
    }
}

/// Everything `Loaded` holds, read from the store.
fn read_corpus(store: &Store) -> Result<Arc<Loaded>, StoreError> {
    let corpus = load_corpus(store)?;
    let json = |rows: Vec<crate::store::RecordRow>| -> BTreeMap<String, Value> {
        rows.into_iter().filter_map(|r| serde_json::from_str(&r.data).ok().map(|v| (r.id, v))).collect()
    };
    let events = json(store.events()?);
    let entities = json(store.entities()?);
    let mut order: Vec<usize> = (0..corpus.events.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&corpus.events[a], &corpus.events[b]);
        (a.date.is_none(), a.date.as_deref(), &a.id).cmp(&(b.date.is_none(), b.date.as_deref(), &b.id))
    });
    let mut docs = std::collections::BTreeMap::new();
    store.each_document(|d| {
        docs.insert(d.source, (d.title, d.published, d.lang));
        Ok(())
    })?;
    Ok(Arc::new(Loaded { corpus, events, entities, order, docs }))
}

/// One document's analysis; `Ok(None)` when no document has that source; no analysis when
/// the stored one no longer parses (the types changed since it was built). A document that
/// states no publication date has its dates read again against the one the corpus inferred,
/// as the cross-page stages did.
pub fn document(store: &Store, loaded: &Loaded, source: &str) -> Result<Option<(crate::store::DocRow, Option<DocAnalysis>)>, StoreError> {
    let Some(row) = store.document(source)? else { return Ok(None) };
    let mut analysis = crate::build::parse_analysis(&row).ok();
    if let Some(a) = analysis.as_mut() {
        if a.article.published.is_none() {
            if let Some(inf) = loaded.corpus.inferred.get(source) {
                a.dates = crate::time::find_dates(&a.article.body, &a.article.lang, Some(inf.date));
            }
        }
    }
    Ok(Some((row, analysis)))
}
