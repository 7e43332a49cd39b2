//! `dossier build`: read inputs as a stream, run the per-page stages in parallel batches,
//! store each document in a transaction per batch, then run the cross-page stages when the
//! set of documents changed.

use crate::store::{CorpusWriter, DocRow, RecordRow, Store, StoreError};
use crate::page::{InputError, Record};
use crate::{analyze, fingerprint_of, Corpus, DocAnalysis, Page, Stopwatch, ENGINE_ID};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
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
    /// Events written to the database once merged (the entities are in by then).
    pub store_corpus: Duration,
    /// Entities written to the database on a thread of their own while the candidates were
    /// read (their wall time hidden by that part's, up to it).
    pub store_entities: Duration,
    /// Peak resident memory (bytes; 0 when unknown) when the documents were stored (the
    /// documents phase's), and during each cross-page part: reading the analyses back here,
    /// linking, inferring and merging in `resolve`, and storing the corpus. Each part resets
    /// the high-water mark at its start (`crate::reset_peak_memory`) unless `peaks_so_far`.
    pub peak_after_documents: u64,
    pub peak_after_load: u64,
    pub peak_store_corpus: u64,
    /// The cross-page parts' peaks are the peaks so far, not their own: the high-water mark
    /// could not be reset (not Linux, or /proc/self/clear_refs not writable).
    pub peaks_so_far: bool,
    /// Resident memory (bytes; 0 when unknown) at each cross-page part's start, which its
    /// peak includes.
    pub resident_at_start: CrossPageParts,
    /// The process's age and CPU time (all threads) when the documents were stored: reading,
    /// the per-page stages and the writer, which overlap (Linux; zero elsewhere).
    pub documents_wall: Duration,
    pub documents_cpu: Duration,
    /// CPU time of reading the analyses back, and of storing the corpus (all threads).
    pub load_cpu: Duration,
    pub store_corpus_cpu: Duration,
}

/// A figure for each cross-page part of a build.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct CrossPageParts {
    pub load: u64,
    pub link: u64,
    pub infer: u64,
    pub merge: u64,
    pub store_corpus: u64,
}

impl BuildTimes {
    /// The build's peak resident memory: the highest of the documents phase's and of every
    /// cross-page part's (each part's own when they reset the high-water mark, which an
    /// observer polling it from outside may then miss).
    pub fn peak_whole(&self) -> u64 {
        let r = &self.resolve;
        [self.peak_after_documents, self.peak_after_load, r.peak_after_link, r.peak_after_infer, r.peak_after_merge, self.peak_store_corpus]
            .into_iter()
            .max()
            .unwrap_or(0)
    }
}

/// Whether builds reset the process's high-water mark at each cross-page part, so that each
/// part's own peak shows (`dossier build --times`, the bench). Off by default: a reset also
/// lowers what tools outside the process read as its peak (`time -v`, a test polling VmHWM).
static PART_PEAKS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Called when a build starts its cross-page stage, if set (`on_cross_page_stage`).
static CROSS_PAGE_START: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// Sets what to call when a build starts its cross-page stage (once per process; later calls
/// are ignored). The binary sets its allocator there to give freed memory back at once: the
/// cross-page parts free one large structure before building the next, while the per-page
/// stages' churn of small allocations would pay for it in CPU.
pub fn on_cross_page_stage(start: fn()) {
    let _ = CROSS_PAGE_START.set(start);
}

/// Asks later builds in this process to measure each cross-page part's own peak (see
/// `PART_PEAKS`).
pub fn measure_part_peaks(on: bool) {
    PART_PEAKS.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// Starts a cross-page part's account of memory: the high-water mark reset when asked
/// (`peaks_so_far` set when it was not, or could not be), and the resident memory it starts
/// from returned.
fn start_part(peaks_so_far: &mut bool) -> u64 {
    *peaks_so_far |= !(PART_PEAKS.load(std::sync::atomic::Ordering::Relaxed) && crate::reset_peak_memory());
    crate::resident_memory()
}

/// Pages analysed together before their batch is stored, at most.
const BATCH: usize = 256;
/// Bytes of page content in one batch, at most: a batch of large HTML pages and their
/// analyses is what a build holds in memory at its peak.
const BATCH_BYTES: usize = 32 << 20;

/// The fingerprint of a page: its content, what was declared about it, and the engine
/// (XXH3: a rebuild with nothing new hashes every page again, so the hash must be fast). Every
/// part comes from the page's record alone (a JSONL line: its bytes), which skipping a line by
/// its `input_key` relies on: nothing read from elsewhere (its origin, limits) may join it.
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

/// The input key of a record made into a page from its raw bytes alone (`Record::raw`): those
/// bytes and the engine. A record whose key is stored is skipped before it is parsed.
pub fn input_key(raw: &[u8]) -> String {
    fingerprint_of(&[ENGINE_ID.as_bytes(), raw])
}

/// A page to analyse: its fingerprint, and its input key when it has one.
struct ToAnalyse {
    page: Page,
    fingerprint: String,
    input_key: Option<String>,
}

/// What the writer thread stores at once: analysed documents, and the input keys of stored
/// documents found unchanged by their fingerprint, `(source, key)`.
#[derive(Default)]
struct ToStore {
    rows: Vec<DocRow>,
    input_keys: Vec<(String, String)>,
}

/// Input keys of unchanged documents sent to the writer together, at most.
const KEYS_BATCH: usize = 4096;
/// Records skipped in one read transaction, at most: the log is not checkpointed past it.
const SKIPS_PER_SNAPSHOT: usize = 1024;

/// A document's row. The body is stored once, in its column: the analysis is written without
/// it and `parse_analysis` puts it back.
fn row(page: &Page, fp: String, input_key: Option<String>, mut a: DocAnalysis) -> DocRow {
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
        input_key,
    }
}

/// Runs a build of `inputs` (pages, or records parsed only when needed: `Inputs::records`)
/// into `store`. `on_page` is called once per page read (progress).
///
/// Pages are analysed in batches on the worker threads while the previous batch is written
/// by a writer thread (one transaction per batch: a killed build leaves whole batches).
/// Fingerprints and input keys are looked up on a second connection: pages stored earlier in
/// this build are told apart by their source already.
pub fn build<I, R>(store: &mut Store, inputs: I, mut on_page: impl FnMut(&str)) -> Result<BuildReport, StoreError>
where
    I: Iterator<Item = Result<R, InputError>>,
    R: Into<Record>,
{
    let lookup = store.reader()?;
    let mut report = BuildReport::default();
    let (to_writer, batches) = std::sync::mpsc::sync_channel::<ToStore>(1);
    let written = std::thread::scope(|scope| -> Result<(usize, Duration), StoreError> {
        let writer = scope.spawn(|| -> Result<(usize, Duration), StoreError> {
            let (mut stored, mut busy) = (0, Duration::ZERO);
            for batch in batches {
                let clock = Instant::now();
                if !batch.rows.is_empty() {
                    store.put_documents(&batch.rows)?;
                }
                if !batch.input_keys.is_empty() {
                    store.put_input_keys(&batch.input_keys)?;
                }
                busy += clock.elapsed();
                stored += batch.rows.len();
            }
            Ok((stored, busy))
        });
        let read = read_and_analyse(&lookup, inputs, &mut on_page, &mut report, |batch| to_writer.send(batch).is_ok());
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
///
/// A record whose input key is stored is the page stored from it: it is counted unchanged
/// (or a repeat) under the stored source without being parsed. Any other record is parsed
/// and its page looked up by fingerprint, as pages without a key are; one found unchanged
/// that way has its key stored, for the next build.
fn read_and_analyse<I, R>(
    lookup: &Store,
    inputs: I,
    on_page: &mut impl FnMut(&str),
    report: &mut BuildReport,
    mut store: impl FnMut(ToStore) -> bool,
) -> Result<(), StoreError>
where
    I: Iterator<Item = Result<R, InputError>>,
    R: Into<Record>,
{
    let mut seen = HashSet::new();
    // counts a page read and tells whether its source is new in this build
    let mut first_of_source = |report: &mut BuildReport, source: &str, origin: &str| -> bool {
        report.pages += 1;
        on_page(source);
        if seen.insert(source.to_string()) {
            return true;
        }
        report.duplicates.push(format!("{origin}: source {source:?} repeats an earlier page; kept the first"));
        false
    };
    let mut batch: Vec<ToAnalyse> = Vec::with_capacity(BATCH);
    let mut batch_bytes = 0;
    let mut found_keys: Vec<(String, String)> = Vec::new();
    // one batch is analysed on the worker threads while the next is read: its rows are
    // collected (and its failures reported) before the next batch starts, so the order of
    // everything reported stays that of the input
    let mut analysing: Option<Analysing> = None;
    // held over a run of skipped records only (see `Store::snapshot`): never while pages are
    // parsed and analysed, so a first build's log is checkpointed as it goes
    let mut snapshot = None;
    let mut skips = 0;
    for item in inputs {
        let record: Record = match item {
            Err(e) => {
                report.failures.push(e.to_string());
                continue;
            }
            Ok(record) => record.into(),
        };
        let key = record.raw().map(input_key);
        if let Some(key) = &key {
            if snapshot.is_none() || skips == SKIPS_PER_SNAPSHOT {
                drop(snapshot.take());
                snapshot = Some(lookup.snapshot()?);
                skips = 0;
            }
            if let Some(source) = lookup.source_of_input(key)? {
                skips += 1;
                if first_of_source(report, &source, record.origin()) {
                    report.unchanged += 1;
                }
                continue;
            }
        }
        drop(snapshot.take());
        let page = match record.page() {
            Ok(page) => page,
            Err(e) => {
                report.failures.push(e.to_string());
                continue;
            }
        };
        if !first_of_source(report, &page.source, &page.origin) {
            continue;
        }
        let fp = fingerprint(&page);
        if lookup.fingerprint(&page.source)?.as_deref() == Some(fp.as_str()) {
            report.unchanged += 1;
            if let Some(key) = key {
                found_keys.push((page.source, key));
                if found_keys.len() >= KEYS_BATCH && !store(ToStore { rows: Vec::new(), input_keys: std::mem::take(&mut found_keys) }) {
                    return Ok(());
                }
            }
            continue;
        }
        batch_bytes += page.content.len();
        batch.push(ToAnalyse { page, fingerprint: fp, input_key: key });
        if batch.len() >= BATCH || batch_bytes >= BATCH_BYTES {
            batch_bytes = 0;
            let rows = Analysing::finish(&mut analysing, report);
            analysing = Some(Analysing::start(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))));
            if !rows.is_empty() && !store(ToStore { rows, input_keys: std::mem::take(&mut found_keys) }) {
                return Ok(());
            }
        }
    }
    drop(snapshot);
    let rows = Analysing::finish(&mut analysing, report);
    if !rows.is_empty() && !store(ToStore { rows, input_keys: Vec::new() }) {
        return Ok(());
    }
    if !batch.is_empty() {
        analysing = Some(Analysing::start(batch));
    }
    let rows = Analysing::finish(&mut analysing, report);
    if !rows.is_empty() || !found_keys.is_empty() {
        store(ToStore { rows, input_keys: found_keys });
    }
    Ok(())
}

/// A batch of pages being analysed on the worker threads, and when it started.
struct Analysing {
    started: Instant,
    analysed: std::sync::mpsc::Receiver<Vec<Result<DocRow, String>>>,
}

impl Analysing {
    /// Starts analysing `batch` on the worker threads and returns at once.
    fn start(batch: Vec<ToAnalyse>) -> Analysing {
        let (answer, analysed) = std::sync::mpsc::sync_channel(1);
        rayon::spawn(move || {
            let rows: Vec<Result<DocRow, String>> = batch
                .into_par_iter()
                .map(|ToAnalyse { page, fingerprint, input_key }| {
                    // a defect in a stage must cost one page, never the build (a panic left
                    // to this job would abort the process)
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| row(&page, fingerprint, input_key, analyze(&page))))
                        .map_err(|_| format!("{}: internal error while analysing this page; skipped (please report it)", page.origin))
                })
                .collect();
            // the reader may have stopped (the writer failed): nobody waits for these rows
            let _ = answer.send(rows);
        });
        Analysing { started: Instant::now(), analysed }
    }

    /// The rows of the batch being analysed, if any, once it is done (its failures reported).
    fn finish(analysing: &mut Option<Analysing>, report: &mut BuildReport) -> Vec<DocRow> {
        let Some(Analysing { started, analysed }) = analysing.take() else {
            return Vec::new();
        };
        // a job that could not answer (it cannot panic: each page's analysis is caught) has
        // lost its pages; say so rather than hang or stop
        let analysed = analysed.recv().unwrap_or_else(|_| vec![Err("a batch of pages: internal error while analysing it; skipped (please report it)".to_string())]);
        report.times.analyse += started.elapsed();
        let mut rows = Vec::with_capacity(analysed.len());
        for r in analysed {
            match r {
                Ok(row) => rows.push(row),
                Err(message) => report.failures.push(message),
            }
        }
        rows
    }
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
    let documents = fingerprints.len();
    drop(all);
    drop(fingerprints);
    let known: Vec<crate::names::knowledge::KnownEntity> = serde_json::from_str(&knowledge)
        .map_err(|e| StoreError::Corrupt { path: "corpus".into(), row: KNOWLEDGE.into(), message: e.to_string() })?;
    if let Some(start) = CROSS_PAGE_START.get() {
        start();
    }
    times.peaks_so_far = false;
    times.resident_at_start.load = start_part(&mut times.peaks_so_far);
    let clock = Stopwatch::start();
    let linking = load_for_linking(store, documents)?;
    clock.add_to(&mut times.load, &mut times.load_cpu);
    times.peak_after_load = crate::peak_memory();
    resolve_stored(store, linking, &known, corpus_fp, times)?;
    Ok(true)
}

/// Rows parsed together, on the worker threads, when the stored documents are read.
const CHUNK: usize = 512;

/// The parts of a stored analysis that linking reads (serde skips the others unparsed).
#[derive(serde::Deserialize)]
struct LinkingPart {
    article: crate::Article,
    mentions: Vec<crate::Mention>,
}

/// The part of a stored analysis that merging reads.
#[derive(serde::Deserialize)]
struct CandidatesPart {
    candidates: crate::events::CandidatesToMerge,
}

/// Calls `parse` on every stored document, in source order, in chunks of `CHUNK` rows. The
/// rows are read on a thread of their own, over a second connection, while the chunk before is
/// parsed (at most two chunks wait): reading is not parallel, parsing is.
fn each_chunk(store: &Store, mut parse: impl FnMut(&mut Vec<DocRow>) -> Result<(), StoreError>) -> Result<(), StoreError> {
    let reader = store.reader()?;
    let (to_parser, chunks) = std::sync::mpsc::sync_channel::<Vec<DocRow>>(1);
    std::thread::scope(|scope| {
        let reading = scope.spawn(move || -> Result<(), StoreError> {
            let mut chunk = Vec::with_capacity(CHUNK);
            let stopped = || StoreError::Corrupt { path: "documents".into(), row: String::new(), message: "reading stopped".into() };
            reader.each_document(|row| {
                chunk.push(row);
                if chunk.len() == CHUNK {
                    to_parser.send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK))).map_err(|_| stopped())?;
                }
                Ok(())
            })?;
            to_parser.send(chunk).map_err(|_| stopped())
        });
        let mut parsed = Ok(());
        for mut chunk in &chunks {
            parsed = parse(&mut chunk);
            if parsed.is_err() {
                break;
            }
        }
        // a parse error stops the reader (its next send fails): report the parse error
        drop(chunks);
        let read = reading.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        parsed.and(read)
    })
}

/// Part of one stored analysis.
fn parse_part<T: serde::de::DeserializeOwned>(r: &DocRow) -> Result<T, StoreError> {
    serde_json::from_str(&r.analysis).map_err(|e| StoreError::Corrupt { path: "documents".into(), row: r.source.clone(), message: e.to_string() })
}

/// What the first read of the stored documents gives: each document as linking reads it, the
/// newest publication date they state, and the documents that state none (their candidates
/// are found again once a date is inferred for them).
struct Linking {
    docs: Vec<crate::names::LinkDoc>,
    newest: Option<crate::time::Date>,
    undated: std::collections::HashSet<std::sync::Arc<str>>,
}

/// The cross-page stages over the stored documents, and their results stored. The documents
/// are read twice so that a document's mentions and its candidates are never held together:
/// first (`load_for_linking`) articles and mentions, held as linking reads them and linked;
/// then candidates, with the documents that state no publication date dated from the corpus
/// and read again whole, their dates and candidates found again (one chunk at a time).
/// Entities are final once linked: merging reads them through an index (`EntityIndex`), and
/// they are stored while the candidates are read, then the events are merged and stored
/// (their sources' evidence made from the stored bodies), all in one transaction with the
/// corpus fingerprint `corpus_fp`.
fn resolve_stored(
    store: &mut Store,
    linking: Linking,
    known: &[crate::names::knowledge::KnownEntity],
    corpus_fp: String,
    build_times: &mut BuildTimes,
) -> Result<(), StoreError> {
    let Linking { docs, newest, undated } = linking;
    // each part's peak is its own (see `BuildTimes::peak_after_load`)
    let (peaks_so_far, at_start) = (&mut build_times.peaks_so_far, &mut build_times.resident_at_start);
    at_start.link = start_part(peaks_so_far);
    let times = &mut build_times.resolve;
    let entities = crate::link_timed(docs, known, times);
    at_start.infer = start_part(peaks_so_far);
    let clock = Stopwatch::start();
    // what merging reads of the entities, so that they are stored (and freed a chunk at a time)
    // while the candidates are read: they and the candidates were the peak
    let index = crate::events::EntityIndex::new(&entities);
    // the documents are read on a second connection: the first writes
    let reader = store.reader()?;
    let (candidates, inferred, entities_stored) = std::thread::scope(|scope| -> Result<_, StoreError> {
        // the transaction starts by deleting the old corpus: it is begun on this thread, which
        // holds the connection, and handed back once the entities are in (dropped without it
        // when reading the candidates fails: the writer rolls back)
        let storing = scope.spawn(move || -> Result<(CorpusWriter<'_>, Duration), StoreError> {
            let clock = Instant::now();
            let mut writer = store.corpus_writer()?;
            let mut entities = entities.into_iter();
            loop {
                let size = |e: &crate::Entity| e.mentions.len() + e.roles.len() + e.aliases.len() + 1;
                let len = chunk_len(entities.as_slice().iter().map(size), RECORDS_CHUNK, ENTITY_PARTS_CHUNK);
                if len == 0 {
                    break;
                }
                let chunk: Vec<crate::Entity> = entities.by_ref().take(len).collect();
                let rows: Vec<RecordRow> = chunk.par_iter().map(entity_row).collect();
                drop(chunk);
                writer.put_entities(&rows)?;
            }
            Ok((writer, clock.elapsed()))
        });
        let (candidates, inferred) = candidates_for_merging(&reader, &undated, newest)?;
        // the entities are all stored (and freed) before merging starts: on two cores they
        // are by then, on one the storing thread lags and the entities left would add to
        // merging's peak (100,000 pages: 519 MB); waiting for them counts in this part
        let entities_stored = storing.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Ok((candidates, inferred, entities_stored))
    })?;
    clock.add_to(&mut times.infer, &mut times.infer_cpu);
    times.peak_after_infer = crate::peak_memory();
    drop(undated);
    at_start.merge = start_part(peaks_so_far);
    let events = crate::merge_timed_without_evidence(candidates, index, times);
    at_start.store_corpus = start_part(peaks_so_far);
    let clock = Stopwatch::start();
    let inferred = serde_json::to_string(&inferred).expect("inferred dates serialize");
    let (mut writer, entities_time) = entities_stored?;
    build_times.store_entities = entities_time;
    // events serialised a chunk at a time on the worker threads while the chunk before is
    // inserted, each dropped once it is a row (at most two chunks' rows are held)
    let (to_writer, chunks) = std::sync::mpsc::sync_channel::<Vec<RecordRow>>(0);
    let writer = std::thread::scope(|scope| {
        let inserting = scope.spawn(move || -> Result<CorpusWriter<'_>, StoreError> {
            for rows in chunks {
                writer.put_events(&rows)?;
            }
            Ok(writer)
        });
        let read = (|| -> Result<(), StoreError> {
            let mut events = events.into_iter();
            loop {
                let chunk: Vec<crate::events::EventWithoutEvidence> = events.by_ref().take(RECORDS_CHUNK).collect();
                if chunk.is_empty() {
                    return Ok(());
                }
                // each cited document's body read once for the chunk
                let mut body_of: HashMap<String, String> = HashMap::new();
                for source in chunk.iter().flat_map(|e| &e.event().sources) {
                    if !body_of.contains_key(source.document.as_str()) {
                        body_of.insert(source.document.clone(), reader.body(&source.document)?.unwrap_or_default());
                    }
                }
                let rows = chunk.into_par_iter().map(|e| event_row(e.with_evidence(|doc| body_of.get(doc).map(String::as_str)))).collect();
                // an insert error ends the writer: it is reported below
                if to_writer.send(rows).is_err() {
                    return Ok(());
                }
            }
        })();
        drop(to_writer);
        let inserted = inserting.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // a body that could not be read leaves the corpus as it was (the writer rolls back)
        inserted.and_then(|writer| read.map(|()| writer))
    })?;
    writer.commit(&[("fingerprint", corpus_fp), ("inferred", inferred)])?;
    clock.add_to(&mut build_times.store_corpus, &mut build_times.store_corpus_cpu);
    build_times.peak_store_corpus = crate::peak_memory();
    Ok(())
}

/// Entities or events serialised (on the worker threads) and stored together, at most: the
/// JSON storing the corpus holds beside it. Small, because records' sizes are skewed (~6 KB an
/// entity on average at 20,000 text pages, the largest ~1.8 MB): 512 entities held 33 MB of
/// heap at once there (entities are bounded by their parts too: `ENTITY_PARTS_CHUNK`).
const RECORDS_CHUNK: usize = 64;

/// Mentions, roles and aliases of the entities stored together, at most (unless one entity
/// has more): an entity's JSON is mostly its mentions (~130 bytes each at 100,000 text pages,
/// where the largest entities have tens of thousands), so this bounds the chunk's JSON to a
/// few MB. By count alone, 64 entities at a time still held 113 MB of heap there.
const ENTITY_PARTS_CHUNK: usize = 16_384;

/// The length of the next chunk of items of these sizes: at most `max_items`, and items while
/// their sizes add up to at most `max_size`, but always one item when there is one.
fn chunk_len(sizes: impl Iterator<Item = usize>, max_items: usize, max_size: usize) -> usize {
    let mut total = 0;
    let mut len = 0;
    for size in sizes.take(max_items) {
        total += size;
        if total > max_size && len > 0 {
            break;
        }
        len += 1;
    }
    len
}

/// An entity's row: keyed by its kind.
fn entity_row(e: &crate::Entity) -> RecordRow {
    RecordRow { key: Some(format!("{:?}", e.kind).to_lowercase()), data: serde_json::to_string(e).expect("entity serializes"), id: e.id.clone() }
}

/// An event's row: keyed by its date.
fn event_row(e: crate::Event) -> RecordRow {
    RecordRow { data: serde_json::to_string(&e).expect("event serializes"), id: e.id, key: e.date }
}

/// Every stored document's article and mentions as linking reads them (`LinkDoc`: no page
/// text, no body unless linking reads it, strings shared across documents), read in chunks of
/// rows and parsed on the worker threads. `documents`: how many there are (the list is
/// allocated once).
fn load_for_linking(store: &Store, documents: usize) -> Result<Linking, StoreError> {
    let interner = crate::names::Interner::default();
    let mut linking = Linking { docs: Vec::with_capacity(documents), newest: None, undated: Default::default() };
    each_chunk(store, |chunk| {
        let parsed: Result<Vec<(crate::names::LinkDoc, Option<crate::time::Date>)>, StoreError> = chunk
            .par_iter_mut()
            .map(|row| {
                let LinkingPart { mut article, mentions } = parse_part(row)?;
                body_from_column(&mut article, || std::mem::take(&mut row.body));
                let stated = crate::publication_date(&article);
                Ok((crate::names::LinkDoc::new(&article, mentions, &interner), stated))
            })
            .collect();
        for (doc, stated) in parsed? {
            linking.newest = linking.newest.max(stated);
            if doc.date.is_none() {
                linking.undated.insert(doc.source.clone());
            }
            linking.docs.push(doc);
        }
        Ok(())
    })?;
    Ok(linking)
}

/// Candidates found, by document, and the inferred publication dates.
type Found = (Vec<Vec<crate::Candidate>>, std::collections::BTreeMap<String, crate::time::InferredDate>);

/// Every stored document's candidates, in source order, for merging: those of a document that
/// states no publication date (`undated`) found again against the date inferred for it, as
/// `resolve` does (such a document is read whole: its article, dates and mentions).
fn candidates_for_merging(store: &Store, undated: &std::collections::HashSet<std::sync::Arc<str>>, newest: Option<crate::time::Date>) -> Result<Found, StoreError> {
    let mut found: Found = Default::default();
    each_chunk(store, |rows| {
        let parsed: Result<Vec<_>, StoreError> = rows
            .par_iter_mut()
            .map(|row| {
                if !undated.contains(row.source.as_str()) {
                    let mut candidates = parse_part::<CandidatesPart>(row)?.candidates.0;
                    crate::events::evidence_where_it_orders(&mut candidates, &row.body);
                    candidates.shrink_to_fit();
                    return Ok((candidates, None));
                }
                let mut doc: DocAnalysis = parse_part(row)?;
                (doc.article.raw, doc.article.blocks) = (String::new(), Vec::new());
                body_from_column(&mut doc.article, || std::mem::take(&mut row.body));
                let inferred = crate::infer_and_find_again(&mut doc, newest).map(|date| (doc.article.source, date));
                Ok((as_merged(doc.candidates), inferred))
            })
            .collect();
        for (candidates, inferred) in parsed? {
            found.0.push(candidates);
            found.1.extend(inferred);
        }
        Ok(())
    })?;
    Ok(found)
}

/// One document's candidates found again, holding what merging reads (as `CandidatesToMerge`
/// are read): evidence (made again from the body when events are stored,
/// `events::merge_without_evidence`), trigger phrases and dates as written are most of a
/// candidate and merging does not read them.
fn as_merged(mut candidates: Vec<crate::Candidate>) -> Vec<crate::Candidate> {
    crate::events::forget_evidence(&mut candidates);
    for c in &mut candidates {
        (c.triggers, c.date_text) = (Vec::new(), None);
    }
    candidates.shrink_to_fit();
    candidates
}

/// One stored document's analysis.
pub fn parse_analysis(r: &DocRow) -> Result<DocAnalysis, StoreError> {
    let mut doc: DocAnalysis = parse_part(r)?;
    body_from_column(&mut doc.article, || r.body.clone());
    Ok(doc)
}

/// Puts a stored article's body back: it lives in its column (rows stored before kept a copy
/// in the analysis too).
fn body_from_column(article: &mut crate::Article, body: impl FnOnce() -> String) {
    if article.body.is_empty() {
        article.body = body();
    }
}

/// Parses every stored document's analysis.
pub fn load_analyses(rows: &[DocRow]) -> Result<Vec<DocAnalysis>, StoreError> {
    rows.iter().map(parse_analysis).collect()
}

/// The stored corpus results.
pub fn load_corpus(store: &Store) -> Result<Corpus, StoreError> {
    Ok(Corpus { inferred: load_inferred(store)?, entities: load_entities(store)?, events: load_events(store)? })
}

/// The stored entities, sorted by id.
pub fn load_entities(store: &Store) -> Result<Vec<crate::Entity>, StoreError> {
    store.entities()?.iter().map(|r| parse_record("entities", r)).collect()
}

/// The stored events (what the timeline shows: no entity is read).
pub fn load_events(store: &Store) -> Result<Vec<crate::Event>, StoreError> {
    store.events()?.iter().map(|r| parse_record("events", r)).collect()
}

/// The publication dates inferred for stored documents that state none, by source.
pub fn load_inferred(store: &Store) -> Result<std::collections::BTreeMap<String, crate::time::InferredDate>, StoreError> {
    match store.corpus_value("inferred")? {
        Some(json) => serde_json::from_str(&json).map_err(|e| StoreError::Corrupt { path: "corpus".into(), row: "inferred".into(), message: e.to_string() }),
        None => Ok(Default::default()),
    }
}

/// A stored entity or event (`table` names which, for the error).
pub fn parse_record<T: serde::de::DeserializeOwned>(table: &str, r: &RecordRow) -> Result<T, StoreError> {
    serde_json::from_str(&r.data).map_err(|_| StoreError::Corrupt { path: table.into(), row: r.id.clone(), message: "unreadable JSON".into() })
}

#[cfg(test)]
mod tests {
    use super::chunk_len;

    #[test]
    fn a_chunk_ends_at_its_item_count_or_size_but_holds_at_least_one_item() {
        assert_eq!(chunk_len([1, 1, 1, 1].into_iter(), 3, 100), 3, "count bound");
        assert_eq!(chunk_len([4, 4, 4, 4].into_iter(), 10, 10), 2, "size bound: 12 > 10");
        assert_eq!(chunk_len([5, 5, 1].into_iter(), 10, 10), 2, "a chunk may reach the bound exactly");
        assert_eq!(chunk_len([50, 1].into_iter(), 10, 10), 1, "an item larger than the bound goes alone");
        assert_eq!(chunk_len([1, 50].into_iter(), 10, 10), 1, "and is not joined to the ones before");
        assert_eq!(chunk_len(std::iter::empty(), 10, 10), 0);
    }
}
