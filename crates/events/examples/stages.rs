//! The per-page stages on a JSONL corpus, one thread, for profiling the events and dates stages
//! apart from the rest (`valgrind --tool=callgrind --toggle-collect=...`), and a digest of what
//! they produce, to check that a change leaves every output as it was.
//!
//!   dossier bench --pages 2000 --mix text --write-corpus /tmp/corpus.jsonl
//!   cargo run --release -p dossier-events --example stages -- /tmp/corpus.jsonl

use dossier_events::{find_candidates, DocInput};
use std::hash::{Hash, Hasher};
use std::time::{Duration, Instant};

fn main() {
    let path = std::env::args().nth(1).expect("usage: stages CORPUS.jsonl");
    let pages: Vec<_> = dossier_page::read_inputs(&[path], Default::default()).filter_map(Result::ok).collect();
    let (mut t_dates, mut t_events) = (Duration::ZERO, Duration::ZERO);
    let (mut h_dates, mut h_events) = (std::collections::hash_map::DefaultHasher::new(), std::collections::hash_map::DefaultHasher::new());
    for page in &pages {
        let a = dossier_article::extract(page);
        let anchor = a.published.as_ref().and_then(|p| p.value.get(..10)).and_then(|v| v.parse().ok());
        let s = Instant::now();
        let dates = dossier_time::find_dates(&a.body, &a.lang, anchor);
        t_dates += s.elapsed();
        let mentions = dossier_names::find_mentions(&a);
        let s = Instant::now();
        let c = find_candidates(&DocInput { article: &a, dates: &dates, mentions: &mentions });
        t_events += s.elapsed();
        serde_json::to_string(&dates).unwrap().hash(&mut h_dates);
        serde_json::to_string(&c).unwrap().hash(&mut h_events);
    }
    let n = pages.len() as f64;
    println!("{} pages; dates {:.0} pages/s digest {:016x}; events {:.0} pages/s digest {:016x}", pages.len(), n / t_dates.as_secs_f64(), h_dates.finish(), n / t_events.as_secs_f64(), h_events.finish());
}
