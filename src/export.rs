//! The JSON export (`../shared/eval/FORMAT.md`): documents, entities, events; sorted, so the
//! same database always gives the same bytes.
//!
//! `write_json` writes it one record at a time, as the store reads them (documents by source,
//! entities and events by id), so a corpus of any size is exported in bounded memory; the bytes
//! are those of `serde_json::to_writer_pretty` over `to_json`'s whole document.

use crate::build::{load_inferred, parse_analysis, parse_record};
use crate::store::{Store, StoreError};
use crate::time::InferredDate;
use crate::{Article, Corpus, DocAnalysis, Entity, Event};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::Write;

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("writing the export")]
    Write(#[from] std::io::Error),
}

/// The export document for a set of analysed documents and their corpus results, held whole
/// (for tests and small sets; `write_json` gives the same bytes from a store).
pub fn to_json(docs: &[DocAnalysis], corpus: &Corpus) -> Value {
    let mut documents: Vec<Value> = docs.iter().map(|d| document(&d.article, &corpus.inferred)).collect();
    documents.sort_by(|a, b| a["source"].as_str().cmp(&b["source"].as_str()));
    json!({
        "documents": documents,
        "entities": corpus.entities,
        "events": corpus.events,
    })
}

/// One document as the export shows it: publication date stated, or else inferred.
fn document(a: &Article, inferred: &BTreeMap<String, InferredDate>) -> Value {
    let inferred = inferred.get(&a.source);
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
}

/// Writes the export of the corpus stored in `store` to `out` (with a final newline), one
/// record at a time.
pub fn write_json(store: &Store, out: &mut dyn Write) -> Result<(), ExportError> {
    let inferred = load_inferred(store)?;
    out.write_all(b"{")?;
    let mut documents = Section::open(out, "documents", true)?;
    store.each_document(|row| documents.element(&document(&parse_analysis(&row)?.article, &inferred)))?;
    documents.close()?;
    let mut entities = Section::open(out, "entities", false)?;
    store.each_entity(|row| entities.element(&serde_json::to_value(parse_record::<Entity>("entities", &row)?).expect("an entity is JSON")))?;
    entities.close()?;
    let mut events = Section::open(out, "events", false)?;
    store.each_event(|row| events.element(&serde_json::to_value(parse_record::<Event>("events", &row)?).expect("an event is JSON")))?;
    events.close()?;
    out.write_all(b"\n}\n")?;
    Ok(())
}

/// One array of the export's top-level object, written as serde_json's pretty printer writes
/// it there: key and elements indented by two and four spaces, `[]` when empty.
struct Section<'w> {
    out: &'w mut dyn Write,
    empty: bool,
    /// One element pretty-printed, before it is indented (reused).
    buffer: Vec<u8>,
}

impl<'w> Section<'w> {
    fn open(out: &'w mut dyn Write, key: &str, first: bool) -> std::io::Result<Section<'w>> {
        out.write_all(if first { b"\n  " } else { b",\n  " })?;
        serde_json::to_writer(&mut *out, key)?;
        out.write_all(b": [")?;
        Ok(Section { out, empty: true, buffer: Vec::new() })
    }

    fn element(&mut self, value: &Value) -> Result<(), ExportError> {
        self.buffer.clear();
        serde_json::to_writer_pretty(&mut self.buffer, value).map_err(std::io::Error::from)?;
        self.out.write_all(if self.empty { b"\n    " } else { b",\n    " })?;
        self.empty = false;
        // strings escape their newlines: every raw newline is the printer's, and its next line
        // sits four spaces deeper here
        for (k, line) in self.buffer.split(|&b| b == b'\n').enumerate() {
            if k > 0 {
                self.out.write_all(b"\n    ")?;
            }
            self.out.write_all(line)?;
        }
        Ok(())
    }

    fn close(self) -> std::io::Result<()> {
        self.out.write_all(if self.empty { b"]" } else { b"\n  ]" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sections as `Section` writes them, against serde_json's printer over the whole.
    #[test]
    fn sections_print_as_the_pretty_printer_prints_the_whole() {
        let nested = json!({"b": [1, {"c": "line\nbreak", "d": []}], "a": {}, "e": ""});
        let sections: [(&str, Vec<Value>); 3] = [("documents", vec![nested.clone(), json!("x")]), ("entities", vec![]), ("events", vec![json!(null)])];
        let mut written = Vec::new();
        written.push(b'{');
        for (k, (key, values)) in sections.iter().enumerate() {
            let mut s = Section::open(&mut written, key, k == 0).unwrap();
            for v in values {
                s.element(v).unwrap();
            }
            s.close().unwrap();
        }
        written.extend_from_slice(b"\n}\n");
        let whole: serde_json::Map<String, Value> = sections.into_iter().map(|(k, v)| (k.to_string(), Value::Array(v))).collect();
        let expected = serde_json::to_string_pretty(&Value::Object(whole)).unwrap() + "\n";
        assert_eq!(String::from_utf8(written).unwrap(), expected);
    }
}
