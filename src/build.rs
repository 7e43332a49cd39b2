//! `dossier build`: read inputs as a stream, run the per-page stages in parallel batches,
//! store each document in a transaction per batch, then run the cross-page stages when the
//! set of documents changed.

use crate::store::{DocRow, RecordRow, Store, StoreError};
use crate::{analyze, fingerprint_of, Corpus, DocAnalysis, Page, ENGINE_ID};
use rayon::prelude::*;
use std::collections::HashSet;
use std::time::{Duration, Instant};

/// What a build did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct BuildReport {
    /// Pages read from the inputs.
    pub pages: usize,
    /// Pages analysed and stored (new or changed).
    pub stored: usize,
    /// Pages already stored with the same content and engine: nothing to redo.
    pub unchanged: usize,
    /// Pages whose source repeats an earlier page of this build (kept: the first).
    pub duplicates: Vec<String>,
    /// One message per input that could not be read (file, line, reason).
    pub failures: Vec<String>,
    /// Whether the cross-page stages ran.
    pub resolved: bool,
    /// Where the build's time went.
    pub times: BuildTimes,
}

/// Wall time of each part of a build.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct BuildTimes {
    /// Per-page stages (article, dates, names, events), across all threads.
    pub analyse: Duration,
    /// Documents written to the database (with their search terms).
    pub store: Duration,
    /// Stored analyses read back for the cross-page stages.
    pub load: Duration,
    /// The cross-page stages.
    pub resolve: crate::ResolveTimes,
    /// Entities and events written to the database.
    pub store_corpus: Duration,
    /// Peak resident memory (bytes; 0 when unknown) after the documents were stored, and
    /// after the analyses were read back.
    pub peak_after_documents: u64,
    pub peak_after_load: u64,
    /// The process's age and CPU time (all threads) when the documents were stored: reading,
    /// the per-page stages and the writer, which overlap (Linux; zero elsewhere).
    pub documents_wall: Duration,
    pub documents_cpu: Duration,
    /// CPU time of reading the analyses back, and of storing the corpus (all threads).
    pub load_cpu: Duration,
    pub store_corpus_cpu: Duration,
}

/// Pages analysed together before their batch is stored, at most.
const BATCH: usize = 256;
/// Bytes of page content in one batch, at most: a batch of large HTML pages and their
/// analyses is what a build holds in memory at its peak.
const BATCH_BYTES: usize = 32 << 20;

/// The fingerprint of a page: its content, what was declared about it, and the engine
/// (XXH3: a rebuild with nothing new hashes every page again, so the hash must be fast).
pub fn fingerprint(page: &Page) -> String {
    let d = &page.declared;
    let markup = format!("{:?}", page.markup);
    fingerprint_of(&[
        ENGINE_ID.as_bytes(),
        page.source.as_bytes(),
        page.url.as_deref().unwrap_or("").as_bytes(),
        markup.as_bytes(),
        page.content.as_bytes(),
        d.title.as_deref().unwrap_or("").as_bytes(),
        d.published.as_deref().unwrap_or("").as_bytes(),
        d.crawled.as_deref().unwrap_or("").as_bytes(),
    ])
}

/// A document's row. The body is stored once, in its column: the analysis is written without
/// it and `parse_analysis` puts it back.
fn row(page: &Page, fp: String, mut a: DocAnalysis) -> DocRow {
    let search_terms = dossier_text::terms::index_terms(&format!("{}\n{}", a.article.title.as_ref().map_or("", |t| t.value.as_str()), a.article.body));
    let body = std::mem::take(&mut a.article.body);
    DocRow {
        source: page.source.clone(),
        fingerprint: fp,
        origin: page.origin.clone(),
        url: page.url.clone(),
        lang: a.article.lang.clone(),
        title: a.article.title.as_ref().map(|t| t.value.clone()),
        published: a.article.published.as_ref().map(|p| p.value.clone()),
        analysis: serde_json::to_string(&a).expect("analysis serializes"),
        body,
        search_terms,
    }
}

/// Runs a build of `inputs` into `store`. `on_page` is called once per page read (progress).
///
/// Pages are analysed in batches on the worker threads while the previous batch is written
/// by a writer thread (one transaction per batch: a killed build leaves whole batches).
/// Fingerprints are looked up on a second connection: pages stored earlier in this build are
/// told apart by their source already.
pub fn build<I>(store: &mut Store, inputs: I, mut on_page: impl FnMut(&str)) -> Result<BuildReport, StoreError>
where
    I: Iterator<Item = Result<Page, dossier_page::InputError>>,
{
    let lookup = store.reader()?;
    let mut report = BuildReport::default();
    let (to_writer, batches) = std::sync::mpsc::sync_channel::<Vec<DocRow>>(1);
    let written = std::thread::scope(|scope| -> Result<(usize, Duration), StoreError> {
        let writer = scope.spawn(|| -> Result<(usize, Duration), StoreError> {
            let (mut stored, mut busy) = (0, Duration::ZERO);
            for rows in batches {
                let clock = Instant::now();
                store.put_documents(&rows)?;
                busy += clock.elapsed();
                stored += rows.len();
            }
            Ok((stored, busy))
        });
        let read = read_and_analyse(&lookup, inputs, &mut on_page, &mut report, |rows| to_writer.send(rows).is_ok());
        drop(to_writer);
        let written = writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // a write error explains a stopped reader: report it first
        let written = written?;
        read?;
        Ok(written)
    })?;
    report.stored = written.0;
    report.times.store = written.1;
    report.times.peak_after_documents = crate::peak_memory();
    report.resolved = resolve_if_changed(store, &mut report.times)?;
    Ok(report)
}

/// Reads the inputs, skips unchanged and repeated pages, analyses the rest in batches and
/// hands each batch's rows to `store` (false: the writer stopped; reading stops too).
fn read_and_analyse<I>(
    lookup: &Store,
    inputs: I,
    on_page: &mut impl FnMut(&str),
    report: &mut BuildReport,
    mut store: impl FnMut(Vec<DocRow>) -> bool,
) -> Result<(), StoreError>
where
    I: Iterator<Item = Result<Page, dossier_page::InputError>>,
{
    let mut seen = HashSet::new();
    let mut batch: Vec<(Page, String)> = Vec::with_capacity(BATCH);
    let mut batch_bytes = 0;
    let mut flush = |batch: &mut Vec<(Page, String)>, report: &mut BuildReport| -> bool {
        let clock = Instant::now();
        let analysed: Vec<Result<DocRow, String>> = batch
            .par_iter()
            .map(|(page, fp)| {
                // a defect in a stage must cost one page, never the build
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyze(page)))
                    .map(|a| row(page, fp.clone(), a))
                    .map_err(|_| format!("{}: internal error while analysing this page; skipped (please report it)", page.origin))
            })
            .collect();
        report.times.analyse += clock.elapsed();
        let mut rows = Vec::with_capacity(analysed.len());
        for r in analysed {
            match r {
                Ok(row) => rows.push(row),
                Err(message) => report.failures.push(message),
            }
        }
        batch.clear();
        store(rows)
    };
    for item in inputs {
        match item {
            Err(e) => report.failures.push(e.to_string()),
            Ok(page) => {
                report.pages += 1;
                on_page(&page.source);
                if !seen.insert(page.source.clone()) {
                    report.duplicates.push(format!("{}: source {:?} repeats an earlier page; kept the first", page.origin, page.source));
                    continue;
                }
                let fp = fingerprint(&page);
                if lookup.fingerprint(&page.source)?.as_deref() == Some(fp.as_str()) {
                    report.unchanged += 1;
                    continue;
                }
                batch_bytes += page.content.len();
                batch.push((page, fp));
                if batch.len() >= BATCH || batch_bytes >= BATCH_BYTES {
                    batch_bytes = 0;
                    if !flush(&mut batch, report) {
                        return Ok(());
                    }
                }
            }
        }
    }
    if !batch.is_empty() {
        flush(&mut batch, report);
    }
    Ok(())
}

/// The corpus value holding the known entities (JSON), kept across builds.
pub const KNOWLEDGE: &str = "knowledge";

/// Replaces the known entities the cross-page stages use (from `--knowledge` files).
pub fn set_knowledge(store: &mut Store, known: &[crate::names::knowledge::KnownEntity]) -> Result<(), StoreError> {
    store.put_corpus_value(KNOWLEDGE, &serde_json::to_string(known).expect("known entities serialize"))
}

/// Runs the cross-page stages when the stored documents changed since they last ran, adding
/// their time to `times`.
fn resolve_if_changed(store: &mut Store, times: &mut BuildTimes) -> Result<bool, StoreError> {
    times.documents_wall = crate::running_for();
    times.documents_cpu = crate::cpu_used();
    let fingerprints = store.fingerprints()?;
    let knowledge = store.corpus_value(KNOWLEDGE)?.unwrap_or_else(|| "[]".into());
    let mut all: Vec<&[u8]> = fingerprints.iter().map(|(_, fp)| fp.as_bytes()).collect();
    all.push(knowledge.as_bytes());
    let corpus_fp = fingerprint_of(&all);
    if store.corpus_value("fingerprint")?.as_deref() == Some(corpus_fp.as_str()) {
        return Ok(false);
    }
    drop(all);
    drop(fingerprints);
    let known: Vec<crate::names::knowledge::KnownEntity> = serde_json::from_str(&knowledge)
        .map_err(|e| StoreError::Corrupt { path: "corpus".into(), row: KNOWLEDGE.into(), message: e.to_string() })?;
    let (clock, cpu) = (Instant::now(), crate::cpu_used());
    let docs = load_for_resolve(store)?;
    times.load += clock.elapsed();
    times.load_cpu += crate::cpu_used().saturating_sub(cpu);
    times.peak_after_load = crate::peak_memory();
    let corpus = crate::resolve_timed(docs, &known, &mut times.resolve);
    let (clock, cpu) = (Instant::now(), crate::cpu_used());
    store_corpus(store, corpus, corpus_fp)?;
    times.store_corpus += clock.elapsed();
    times.store_corpus_cpu += crate::cpu_used().saturating_sub(cpu);
    Ok(true)
}

/// Every stored document's analysis, without what the cross-page stages never read (the
/// page's raw text and its blocks; a dated page's dates; a dated page's body when it has no
/// Arabic script), read in chunks: memory holds mentions and candidates, not whole pages.
fn load_for_resolve(store: &Store) -> Result<Vec<DocAnalysis>, StoreError> {
    const CHUNK: usize = 512; // rows parsed together, on the worker threads
    let mut docs = Vec::new();
    let mut chunk: Vec<DocRow> = Vec::with_capacity(CHUNK);
    let parse = |chunk: &mut Vec<DocRow>, docs: &mut Vec<DocAnalysis>| -> Result<(), StoreError> {
        let parsed: Result<Vec<DocAnalysis>, StoreError> = chunk
            .par_iter_mut()
            .map(|row| {
                let body = std::mem::take(&mut row.body);
                let mut doc = analysis_with_body(row, || body)?;
                doc.article.raw = String::new();
                doc.article.blocks = Vec::new();
                if doc.article.published.is_some() {
                    // dates and body serve only to infer an undated page's date; the body
                    // also linking, sometimes
                    doc.dates = Vec::new();
                    if !crate::names::reads_body(&doc.article) {
                        doc.article.body = String::new();
                    }
                }
                Ok(doc)
            })
            .collect();
        docs.extend(parsed?);
        chunk.clear();
        Ok(())
    };
    store.each_document(|row| {
        chunk.push(row);
        if chunk.len() == CHUNK {
            parse(&mut chunk, &mut docs)?;
        }
        Ok(())
    })?;
    parse(&mut chunk, &mut docs)?;
    Ok(docs)
}

/// One stored document's analysis.
pub fn parse_analysis(r: &DocRow) -> Result<DocAnalysis, StoreError> {
    analysis_with_body(r, || r.body.clone())
}

/// `parse_analysis`, with the body given when the analysis needs it.
fn analysis_with_body(r: &DocRow, body: impl FnOnce() -> String) -> Result<DocAnalysis, StoreError> {
    let mut doc: DocAnalysis =
        serde_json::from_str(&r.analysis).map_err(|e| StoreError::Corrupt { path: "documents".into(), row: r.source.clone(), message: e.to_string() })?;
    // the body lives in its column (rows stored before kept a copy in the analysis too)
    if doc.article.body.is_empty() {
        doc.article.body = body();
    }
    Ok(doc)
}

/// Parses every stored document's analysis.
pub fn load_analyses(rows: &[DocRow]) -> Result<Vec<DocAnalysis>, StoreError> {
    rows.iter().map(parse_analysis).collect()
}

/// Stores the cross-page results, each entity and event dropped once it is a row (the rows
/// and the whole corpus are not held together).
fn store_corpus(store: &mut Store, corpus: Corpus, fp: String) -> Result<(), StoreError> {
    let Corpus { inferred, entities, events } = corpus;
    let inferred = serde_json::to_string(&inferred).expect("inferred dates serialize");
    let entities: Vec<RecordRow> = entities
        .into_iter()
        .map(|e| RecordRow { key: Some(format!("{:?}", e.kind).to_lowercase()), data: serde_json::to_string(&e).expect("entity serializes"), id: e.id })
        .collect();
    let events: Vec<RecordRow> = events
        .into_iter()
        .map(|e| RecordRow { data: serde_json::to_string(&e).expect("event serializes"), id: e.id, key: e.date })
        .collect();
    store.put_corpus(&entities, &events, &[("fingerprint", fp), ("inferred", inferred)])
}

/// The stored corpus results.
pub fn load_corpus(store: &Store) -> Result<Corpus, StoreError> {
    let parse = |table: &str, r: &RecordRow| StoreError::Corrupt { path: table.into(), row: r.id.clone(), message: "unreadable JSON".into() };
    let entities = store.entities()?.iter().map(|r| serde_json::from_str(&r.data).map_err(|_| parse("entities", r))).collect::<Result<_, _>>()?;
    let events = store.events()?.iter().map(|r| serde_json::from_str(&r.data).map_err(|_| parse("events", r))).collect::<Result<_, _>>()?;
    let inferred = match store.corpus_value("inferred")? {
        Some(json) => serde_json::from_str(&json).map_err(|e| StoreError::Corrupt { path: "corpus".into(), row: "inferred".into(), message: e.to_string() })?,
        None => Default::default(),
    };
    Ok(Corpus { inferred, entities, events })
}
