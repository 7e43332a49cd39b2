//! The engine's figures on the seeds, the dev set and the examples, computed with the Rust port
//! of score.py (tests/support/score.rs) from the built binary's export.
//!
//! Each target figure of the seeds is its own test. A target not reached yet is
//! `#[ignore = "target of ...; figure now X"]`, so CI stays green while the stages land; run
//! `cargo test --test figures -- --include-ignored --nocapture` to see where each one stands.

mod support;

use std::path::PathBuf;
use std::sync::OnceLock;
use support::score::{score, Figures};

struct Corpus {
    name: &'static str,
    figures: Figures,
    documents: usize,
    status: Option<i32>,
}

fn build(name: &'static str, input: PathBuf, gold: PathBuf) -> Corpus {
    let built = support::build_and_export(&[input]);
    let gold = support::load_json(&gold);
    let figures = score(&gold, &built.export);
    println!("---- {name}\n{}", figures.summary());
    let documents = built.export["documents"].as_array().map_or(0, Vec::len);
    Corpus { name, figures, documents, status: built.build.status }
}

/// Each corpus is built once per test binary.
fn seeds() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| build("seeds", support::shared().join("seeds"), support::shared().join("gold/seeds.json")))
}

fn dev() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| build("dev", support::shared().join("dev/pages.jsonl"), support::shared().join("dev/gold.json")))
}

fn examples() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| build("examples", support::examples(), support::examples().join("gold.json")))
}

/// Asserts one figure of the seeds against its target, printing the misses of its section.
fn target(section: &str, figure: &str, value: Option<f64>, ok: impl Fn(f64) -> bool, want: &str) {
    let c = seeds();
    let prefix = match section {
        "documents" => "doc ",
        "entities" => "entity ",
        _ => "event",
    };
    let misses: Vec<&String> = c.figures.log.iter().filter(|l| l.starts_with(prefix) || (section == "events" && l.starts_with("extra event"))).collect();
    println!("seeds {section}.{figure} = {value:?} (target {want})");
    for m in &misses {
        println!("  {m}");
    }
    let v = value.unwrap_or_else(|| panic!("seeds {section}.{figure} is not defined (nothing to measure)"));
    assert!(ok(v), "seeds {section}.{figure} = {v}, target {want}");
}

// ---------------------------------------------------------------- seeds: documents (article stage)

#[test]
fn seeds_lang_accuracy() {
    target("documents", "lang_accuracy", seeds().figures.documents.lang_accuracy, |v| v == 1.0, "1.0");
}

#[test]
fn seeds_title_accuracy() {
    target("documents", "title_accuracy", seeds().figures.documents.title_accuracy, |v| v == 1.0, "1.0");
}

#[test]
fn seeds_published_accuracy() {
    target("documents", "published_accuracy", seeds().figures.documents.published_accuracy, |v| v == 1.0, "1.0");
}

#[test]
fn seeds_body_kept() {
    target("documents", "body_kept", seeds().figures.documents.body_kept, |v| v == 1.0, "1.0");
}

#[test]
fn seeds_boilerplate_leaked() {
    target("documents", "boilerplate_leaked", seeds().figures.documents.boilerplate_leaked, |v| v == 0.0, "0.0");
}

// ---------------------------------------------------------------- seeds: entities (names stage)

#[test]
fn seeds_merge_held() {
    target("entities", "merge_held", seeds().figures.entities.merge_held, |v| v == 1.0, "1.0");
}

// ---------------------------------------------------------------- seeds: events (events and time stages)

#[test]
fn seeds_events_f1() {
    target("events", "f1", Some(seeds().figures.events.f1), |v| v == 1.0, "1.0");
}

#[test]
fn seeds_participant_f1() {
    target("events", "participant_f1", Some(seeds().figures.events.participant_f1), |v| v >= 0.95, ">= 0.95");
}

#[test]
fn seeds_date_exact() {
    target("events", "date_exact", seeds().figures.events.date_exact, |v| v == 1.0, "1.0");
}

#[test]
fn seeds_location_accuracy() {
    target("events", "location_accuracy", seeds().figures.events.location_accuracy, |v| v == 1.0, "1.0");
}

#[test]
fn seeds_sources_cited() {
    target("events", "sources_cited", seeds().figures.events.sources_cited, |v| v == 1.0, "1.0");
}

// ---------------------------------------------------------------- every corpus, for the record

fn sane(c: &Corpus, documents: usize, gold_events: usize) {
    let f = &c.figures;
    println!("==== {} ({} documents)\n{}", c.name, c.documents, f.summary());
    for line in &f.log {
        println!("  {line}");
    }
    assert_eq!(c.status, Some(0), "{}: the build failed", c.name);
    assert_eq!(c.documents, documents, "{}: documents exported", c.name);
    assert_eq!(f.documents.count, documents, "{}: gold documents", c.name);
    assert_eq!(f.events.gold, gold_events, "{}: gold events", c.name);
    assert!(f.events.matched <= f.events.gold.min(f.events.predicted), "{}: matched", c.name);
    let d = &f.documents;
    let e = &f.events;
    let all = [
        d.lang_accuracy, d.title_accuracy, d.published_accuracy, d.published_inferred_accuracy, d.body_kept,
        d.boilerplate_leaked, f.entities.merge_held, Some(e.precision), Some(e.recall), Some(e.f1),
        Some(e.participant_precision), Some(e.participant_recall), Some(e.participant_f1), e.date_exact,
        e.location_accuracy, e.sources_cited,
    ];
    for v in all.into_iter().flatten() {
        assert!((0.0..=1.0).contains(&v), "{}: a figure out of [0, 1]: {v}", c.name);
    }
    // every page has a language the engine reads
    assert_eq!(d.lang_accuracy.map(|v| v > 0.5), Some(true), "{}: languages", c.name);
}

#[test]
fn figures_of_every_corpus() {
    sane(seeds(), 5, 6);
    sane(dev(), 30, 34);
    sane(examples(), 8, 4);
}
