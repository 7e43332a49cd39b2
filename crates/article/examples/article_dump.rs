//! Writes every page's `Article` as one JSON line (after a digest of the `Page` it was read
//! into), so that two builds of the article stage can be compared byte for byte on any input;
//! prints the article stage's CPU time on stderr (pages are read first, then extracted).
//!
//! cargo run --release -p dossier-article --example article_dump -- [--time-only] INPUT... > OUT.jsonl
//!
//! `--time-only` writes nothing (for profiling the stage alone).

use std::hash::{Hash, Hasher};
use std::io::Write;
use std::time::Instant;

fn main() {
    let mut inputs: Vec<String> = std::env::args().skip(1).collect();
    let time_only = inputs.first().is_some_and(|a| a == "--time-only");
    if time_only {
        inputs.remove(0);
    }
    if inputs.is_empty() {
        eprintln!("usage: article_dump INPUT... > OUT.jsonl");
        std::process::exit(2);
    }
    let read_start = Instant::now();
    let mut pages = Vec::new();
    for item in dossier_page::read_inputs(&inputs, dossier_page::Limits::default()) {
        match item {
            Ok(page) => pages.push(page),
            Err(e) => eprintln!("{e}"),
        }
    }
    let read_time = read_start.elapsed();
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    let articles: Vec<dossier_article::Article> = pages.iter().map(dossier_article::extract).collect();
    let wall = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_start;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (page, article) in pages.iter().zip(&articles).filter(|_| !time_only) {
        // a DefaultHasher made with `new` has fixed keys: the digest is the same from run to run
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        serde_json::to_string(page).unwrap_or_default().hash(&mut hasher);
        let json = serde_json::to_string(article).unwrap_or_default();
        if writeln!(out, "{:016x} {json}", hasher.finish()).is_err() {
            std::process::exit(1);
        }
    }
    eprintln!(
        "{} pages read in {:.2} s; article stage {:.2} s wall ({:.0} pages/s), {:.2} s CPU ({:.0} pages per CPU-second)",
        pages.len(),
        read_time.as_secs_f64(),
        wall,
        pages.len() as f64 / wall.max(1e-9),
        cpu,
        pages.len() as f64 / cpu.max(1e-9)
    );
}

/// CPU time of this thread, in seconds (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|ns| ns.parse::<f64>().ok()))
        .map_or(0.0, |ns| ns / 1e9)
}
