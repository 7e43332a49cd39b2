//! dossier: raw news pages in, a sourced timeline of meetings out.
//!
//! The pipeline, top to bottom. Per page (independent, run in parallel):
//!   1. `Page`     — input: files, directories, gzip, JSONL, stdin        (crates/page)
//!   2. `Article`  — boilerplate removed, title, publication date, language (crates/article)
//!   3. `DateExpr` — date expressions resolved to the calendar             (crates/time)
//!   4. `Mention`  — people, organizations, places                         (crates/names)
//!   5. `Candidate`— what the article says happened                        (crates/events)
//! Across pages (a reduce over every stored document):
//!   6. `Entity`   — one per referent, across pages, languages and scripts (crates/names)
//!   7. `Event`    — one per occasion, citing every page that reports it   (crates/events)
//!
//! `build` runs the per-page stages, stores each document's analysis, then the cross-page
//! stages; `export` writes FORMAT.md's JSON.

pub use dossier_article::{self as article, Article};
pub use dossier_events::{self as events, Candidate, Event};
pub use dossier_names::{self as names, Entity, Mention};
pub use dossier_page::{self as page, Page};
pub use dossier_time::{self as time, DateExpr};
pub use dossier_store as store;
pub use dossier_lang as lang;

pub mod bench;
pub mod build;
pub mod explore;
pub mod export;
pub mod search;
pub mod serve;
pub mod timeline;

use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/engine_id.rs"));

/// Everything the per-page stages found in one document; stored as JSON per document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocAnalysis {
    pub article: Article,
    pub dates: Vec<DateExpr>,
    pub mentions: Vec<Mention>,
    pub candidates: Vec<Candidate>,
}

/// The publication date as a calendar date, when the article states one.
pub fn publication_date(article: &Article) -> Option<time::Date> {
    let value = article.published.as_ref()?.value.get(..10)?;
    value.parse().ok()
}

/// Stages 1–5 for one page.
pub fn analyze(page: &Page) -> DocAnalysis {
    let article = article::extract(page);
    let anchor = publication_date(&article);
    let dates = time::find_dates(&article.body, &article.lang, anchor);
    let mentions = names::find_mentions(&article);
    let candidates = events::find_candidates(&events::DocInput { article: &article, dates: &dates, mentions: &mentions });
    DocAnalysis { article, dates, mentions, candidates }
}

/// The cross-page results.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    /// Publication dates inferred for documents that state none, by source.
    pub inferred: std::collections::BTreeMap<String, time::InferredDate>,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
}

/// The newest publication date the documents state.
pub(crate) fn newest_stated(docs: &[DocAnalysis]) -> Option<time::Date> {
    docs.iter().filter_map(|d| publication_date(&d.article)).max()
}

/// Stages 6–7 over every document (given sorted by source), with entities known in advance
/// (a knowledge file, a Wikidata import; may be empty). Documents that state no publication
/// date first get one inferred from the corpus; their dates and candidates are then found
/// again against it.
pub fn resolve(docs: Vec<DocAnalysis>, known: &[names::knowledge::KnownEntity]) -> Corpus {
    resolve_timed(docs, known, &mut ResolveTimes::default())
}

/// Wall time of each cross-page stage (for `dossier bench`).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct ResolveTimes {
    /// Publication dates inferred, and those documents' dates and candidates found again (in
    /// a build, after linking, with every document's candidates read back).
    pub infer: std::time::Duration,
    /// Mentions linked into entities.
    pub link: std::time::Duration,
    /// Candidates merged into events.
    pub merge: std::time::Duration,
    /// CPU time of the process during each stage, all threads (Linux; zero elsewhere).
    pub infer_cpu: std::time::Duration,
    pub link_cpu: std::time::Duration,
    pub merge_cpu: std::time::Duration,
    /// Peak resident memory of the process (bytes, Linux; 0 elsewhere) when each stage ended:
    /// the stage's own when the high-water mark was reset at its start (a build does), else
    /// the peak so far.
    pub peak_after_infer: u64,
    pub peak_after_link: u64,
    pub peak_after_merge: u64,
}

/// Peak resident memory of this process so far, in bytes (Linux's VmHWM; 0 when unknown).
pub fn peak_memory() -> u64 {
    peak_memory_of("self")
}

/// Peak resident memory so far of process `pid` ("self": this one), in bytes (Linux's
/// VmHWM, a high-water mark; 0 when unknown).
pub fn peak_memory_of(pid: &str) -> u64 {
    status_bytes(pid, "VmHWM:")
}

/// Resident memory of this process now, in bytes (Linux's VmRSS; 0 when unknown).
pub fn resident_memory() -> u64 {
    status_bytes("self", "VmRSS:")
}

/// Resets this process's peak resident memory (VmHWM) to its current resident memory, so the
/// next reading is the peak of what runs from now on; false when it could not (not Linux, or
/// /proc/self/clear_refs not writable: the next reading is the peak so far).
pub fn reset_peak_memory() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// A field of /proc/PID/status given in kB (`field` with its colon, "VmHWM:"), in bytes; 0
/// when unknown.
fn status_bytes(pid: &str, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix(field))?.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// CPU time this process has used so far, all threads, user and system (Linux; zero
/// elsewhere; in steps of 10 ms).
pub fn cpu_used() -> std::time::Duration {
    std::fs::read_to_string("/proc/self/stat").ok().and_then(|s| stat_field_ticks(&s, &[14, 15])).unwrap_or_default()
}

/// How long this process has been running (Linux; zero elsewhere; in steps of 10 ms).
pub fn running_for() -> std::time::Duration {
    let started = std::fs::read_to_string("/proc/self/stat").ok().and_then(|s| stat_field_ticks(&s, &[22]));
    let uptime = std::fs::read_to_string("/proc/uptime").ok().and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok());
    match (started, uptime) {
        (Some(started), Some(uptime)) => std::time::Duration::from_secs_f64(uptime).saturating_sub(started),
        _ => std::time::Duration::ZERO,
    }
}

/// The sum of `fields` (numbered from 1 as in proc(5)) of a /proc/PID/stat line, read as clock
/// ticks of 1/100 s (Linux's USER_HZ).
pub fn stat_field_ticks(stat: &str, fields: &[usize]) -> Option<std::time::Duration> {
    // the command name (field 2) may hold spaces and parentheses: fields 3.. follow the last ')'
    let after_name: Vec<&str> = stat.get(stat.rfind(')')? + 1..)?.split_whitespace().collect();
    let mut ticks = 0u64;
    for &field in fields {
        ticks += after_name.get(field.checked_sub(3)?)?.parse::<u64>().ok()?;
    }
    Some(std::time::Duration::from_millis(ticks * 10))
}

/// Wall and CPU time of a part of a build, from when it started.
pub(crate) struct Stopwatch {
    wall: std::time::Instant,
    cpu: std::time::Duration,
}

impl Stopwatch {
    pub(crate) fn start() -> Stopwatch {
        Stopwatch { wall: std::time::Instant::now(), cpu: cpu_used() }
    }

    /// Adds the time since `start` to `wall` and `cpu`.
    pub(crate) fn add_to(self, wall: &mut std::time::Duration, cpu: &mut std::time::Duration) {
        *wall += self.wall.elapsed();
        *cpu += cpu_used().saturating_sub(self.cpu);
    }
}

/// Stage 6, timed: the documents' mentions linked into entities.
pub(crate) fn link_timed(docs: Vec<names::LinkDoc>, known: &[names::knowledge::KnownEntity], times: &mut ResolveTimes) -> Vec<Entity> {
    let clock = Stopwatch::start();
    let entities = names::link_docs(docs, known);
    clock.add_to(&mut times.link, &mut times.link_cpu);
    times.peak_after_link = peak_memory();
    entities
}

/// Stage 7, timed: the documents' candidates merged into events.
pub(crate) fn merge_timed(candidates: Vec<Vec<Candidate>>, entities: &[Entity], times: &mut ResolveTimes) -> Vec<Event> {
    timed_merge(times, || events::merge_owned(candidates, entities))
}

/// `merge_timed` leaving the sources' evidence to be made from the stored bodies.
pub(crate) fn merge_timed_without_evidence(candidates: Vec<Vec<Candidate>>, entities: events::EntityIndex, times: &mut ResolveTimes) -> Vec<events::EventWithoutEvidence> {
    timed_merge(times, || events::merge_without_evidence(candidates, entities))
}

/// A merge's time, CPU and peak memory added to `times`.
fn timed_merge<T>(times: &mut ResolveTimes, merge: impl FnOnce() -> T) -> T {
    let clock = Stopwatch::start();
    let events = merge();
    clock.add_to(&mut times.merge, &mut times.merge_cpu);
    times.peak_after_merge = peak_memory();
    events
}

/// The publication date inferred for a document that states none, from its own dates and the
/// corpus's newest stated date; its dates and candidates are then found again against it (they
/// were found with no anchor). `None`, and the document unchanged, when it states a date or
/// nothing dates it.
pub fn infer_and_find_again(doc: &mut DocAnalysis, newest: Option<time::Date>) -> Option<time::InferredDate> {
    if doc.article.published.is_some() {
        return None;
    }
    let inferred = time::infer_publication(&doc.dates, newest)?;
    doc.dates = time::find_dates(&doc.article.body, &doc.article.lang, Some(inferred.date));
    doc.candidates = events::find_candidates(&events::DocInput { article: &doc.article, dates: &doc.dates, mentions: &doc.mentions });
    Some(inferred)
}

/// `resolve`, adding the time of each stage to `times`. Each document's parts are released
/// as soon as no later stage reads them: its dates after inferring, its article and mentions
/// once they are held as linking reads them (merging reads candidates and entities only).
pub fn resolve_timed(mut docs: Vec<DocAnalysis>, known: &[names::knowledge::KnownEntity], times: &mut ResolveTimes) -> Corpus {
    use rayon::prelude::*;
    let clock = Stopwatch::start();
    let newest = newest_stated(&docs);
    // each undated document's dates and candidates found again in place, in parallel (a map)
    let found: Vec<Option<(String, time::InferredDate)>> =
        docs.par_iter_mut().map(|doc| infer_and_find_again(doc, newest).map(|inf| (doc.article.source.clone(), inf))).collect();
    let inferred: std::collections::BTreeMap<String, time::InferredDate> = found.into_iter().flatten().collect();
    let interner = names::Interner::default();
    let (linking, candidates): (Vec<names::LinkDoc>, Vec<Vec<Candidate>>) =
        docs.into_par_iter().map(|d| (names::LinkDoc::new(&d.article, d.mentions, &interner), d.candidates)).unzip();
    drop(interner);
    clock.add_to(&mut times.infer, &mut times.infer_cpu);
    times.peak_after_infer = peak_memory();
    let entities = link_timed(linking, known, times);
    let events = merge_timed(candidates, &entities, times);
    Corpus { inferred, entities, events }
}

/// A fingerprint of `parts`, in hex: XXH3-128 (stable across platforms and versions of the
/// crate) over each part with its length, so that moving bytes between parts changes it.
pub fn fingerprint_of(parts: &[&[u8]]) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part);
    }
    format!("{:032x}", h.digest128())
}

/// A document for reading: metadata, the page's blocks with removed ones marked and why,
/// and the date expressions found.
pub fn show(doc: &DocAnalysis) -> String {
    use std::fmt::Write;
    let a = &doc.article;
    let mut out = String::new();
    let _ = writeln!(out, "source:    {}  ({})", a.source, a.origin);
    let _ = writeln!(out, "language:  {}", a.lang);
    match &a.title {
        Some(t) => { let _ = writeln!(out, "title:     {}  [{}]", t.value, t.how); }
        None => { let _ = writeln!(out, "title:     -"); }
    }
    match &a.published {
        Some(p) => { let _ = writeln!(out, "published: {}  [{}]", p.value, p.how); }
        None => { let _ = writeln!(out, "published: -"); }
    }
    let _ = writeln!(out, "\n---- page ({} blocks; removed ones marked)", a.blocks.len());
    for b in &a.blocks {
        let text = b.raw.of(&a.raw);
        match &b.removed {
            None => { let _ = writeln!(out, "{text}\n"); }
            Some(r) => {
                let one_line: String = text.chars().take(160).collect::<String>().replace('\n', " ");
                let _ = writeln!(out, "  [removed: {:?}: {}] {}\n", r.kind, r.detail, one_line);
            }
        }
    }
    if !doc.dates.is_empty() {
        let _ = writeln!(out, "---- dates");
        for d in &doc.dates {
            let _ = writeln!(out, "{:>6}..{:<6} {:<40} -> {}", d.span.start, d.span.end, d.text, d.value.as_deref().unwrap_or("unresolved"));
        }
    }
    out
}
