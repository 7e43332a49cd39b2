//! Timing of cross-page linking alone on a stored corpus (ignored by default).
//!
//! Input: one stored document analysis per line (JSON with `article` and `mentions`, as the
//! `documents.analysis` column holds them, with the body put back from its own column), in the
//! order the build reads them (by source):
//!   sqlite3 -batch -noheader X.db "select json_set(analysis, '$.article.body', body) from documents order by source" > an.jsonl
//!   DOSSIER_LINK_INPUT=an.jsonl DOSSIER_LINK_OUTPUT=entities.json \
//!     cargo test --release -p dossier-names --test link_scale -- --ignored --nocapture
//! Prints the time `link_with` takes; writes the entities as JSON when asked, so that two
//! versions of the linker can be compared byte for byte.

use dossier_article::Article;
use dossier_names::{link_with, DocMentions, Mention};
use serde::Deserialize;
use std::io::BufRead;

#[derive(Deserialize)]
struct Stored {
    article: Article,
    mentions: Vec<Mention>,
}

/// A memory figure of this process from /proc/self/status, in kB (0 where there is none).
fn memory(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field))?.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

#[test]
#[ignore]
fn link_a_stored_corpus() {
    let Ok(path) = std::env::var("DOSSIER_LINK_INPUT") else {
        eprintln!("DOSSIER_LINK_INPUT not set: nothing to time");
        return;
    };
    let file = std::fs::File::open(&path).expect("input opens");
    let docs: Vec<Stored> = std::io::BufReader::new(file)
        .lines()
        .map(|l| serde_json::from_str(&l.expect("input reads")).expect("a stored analysis"))
        .collect();
    let input: Vec<DocMentions<'_>> = docs.iter().map(|d| DocMentions { article: &d.article, mentions: &d.mentions }).collect();
    let mentions: usize = docs.iter().map(|d| d.mentions.len()).sum();
    // the peak resident memory is reset before linking (Linux), so that the peak printed after
    // it is linking's own (over the input held)
    let before = memory("VmRSS:");
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let start = std::time::Instant::now();
    let entities = link_with(&input, &[]);
    let took = start.elapsed();
    eprintln!("link_with: {} documents, {} mentions -> {} entities in {:.3} s", docs.len(), mentions, entities.len(), took.as_secs_f64());
    eprintln!("resident memory: {} MB before linking, peak {} MB during it", before / 1024, memory("VmHWM:") / 1024);
    if let Ok(out) = std::env::var("DOSSIER_LINK_OUTPUT") {
        std::fs::write(out, serde_json::to_string(&entities).expect("entities serialize")).expect("output writes");
    }
}
