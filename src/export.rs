//! The JSON export (`../shared/eval/FORMAT.md`): documents, entities, events; sorted, so the
//! same database always gives the same bytes.

use crate::{Corpus, DocAnalysis};
use serde_json::{json, Value};

/// The export document for a set of analysed documents and their corpus results.
pub fn to_json(docs: &[DocAnalysis], corpus: &Corpus) -> Value {
    let mut documents: Vec<Value> = docs
        .iter()
        .map(|d| {
            let a = &d.article;
            let inferred = corpus.inferred.get(&a.source);
            let published = a.published.as_ref().map(|p| p.value.clone()).or_else(|| inferred.map(|i| i.date.to_string()));
            let how = a.published.as_ref().map(|p| p.how.clone()).or_else(|| inferred.map(|i| format!("inferred: {}", i.how)));
            json!({
                "source": a.source,
                "url": a.url,
                "lang": a.lang,
                "title": a.title.as_ref().map(|t| &t.value),
                "published": published,
                "published_how": how,
                "published_inferred": a.published.is_none() && inferred.is_some(),
                "body": a.body,
            })
        })
        .collect();
    documents.sort_by(|a, b| a["source"].as_str().cmp(&b["source"].as_str()));
    json!({
        "documents": documents,
        "entities": corpus.entities,
        "events": corpus.events,
    })
}
