//! Accuracy and speed of `find_dates` on the suite (or any file of the same TSV shape).
//! Usage: cargo run --release -p dossier-time --example bench_dates -- [SUITE.tsv] [--rounds N]
//! Prints one JSON object: cases, correct, accuracy, seconds, expressions_per_second.

use dossier_text::Span;
use dossier_time::{find_dates, Date};
use std::time::Instant;

struct Case {
    lang: String,
    anchor: Option<Date>,
    expected: String,
    target: String,
    sentence: String,
}

fn main() {
    let mut path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/suite.tsv").to_string();
    let mut rounds = 200usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--rounds" {
            rounds = args.next().and_then(|n| n.parse().ok()).unwrap_or(rounds);
        } else {
            path = a;
        }
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let cases: Vec<Case> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c.len() == 5).then(|| Case {
                lang: c[0].into(),
                anchor: c[1].parse().ok(),
                expected: c[2].into(),
                target: c[3].into(),
                sentence: c[4].into(),
            })
        })
        .collect();
    let mut correct = 0;
    let mut per_lang: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for c in &cases {
        let found = find_dates(&c.sentence, &c.lang, c.anchor);
        let ok = if c.expected == "NONE" {
            found.is_empty()
        } else {
            c.sentence.find(&c.target).is_some_and(|at| {
                let t = Span::new(at, at + c.target.len());
                found.iter().any(|d| d.span.overlaps(t) && d.value.as_deref().unwrap_or("-") == c.expected)
            })
        };
        correct += ok as usize;
        let e = per_lang.entry(c.lang.as_str()).or_default();
        e.0 += 1;
        e.1 += ok as usize;
    }
    let per_lang_json: Vec<String> = per_lang.iter().map(|(l, (n, k))| format!("\"{l}\":[{k},{n}]")).collect();
    // Warm the language tables, then time `rounds` passes over every sentence.
    let _ = find_dates("1 janvier 2020", "fr", None);
    let start = Instant::now();
    let mut n = 0usize;
    for _ in 0..rounds {
        for c in &cases {
            n += find_dates(&c.sentence, &c.lang, c.anchor).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let per_second = (rounds * cases.len()) as f64 / secs;
    println!(
        "{{\"engine\":\"dossier-time\",\"cases\":{},\"correct\":{},\"accuracy\":{:.4},\"rounds\":{},\"seconds\":{:.4},\"expressions_per_second\":{:.1},\"found\":{},\"per_lang\":{{{}}}}}",
        cases.len(),
        correct,
        correct as f64 / cases.len().max(1) as f64,
        rounds,
        secs,
        per_second,
        n,
        per_lang_json.join(",")
    );
}
