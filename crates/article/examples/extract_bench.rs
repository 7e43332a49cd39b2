//! Extracts the article body of every `*.html` / `*.html.gz` page in a directory and writes
//! `{id: {"articleBody": ..., "title": ..., "published": ...}}` as JSON (for
//! ../shared/eval/score_extraction.py). Prints pages per second of the extraction alone
//! (HTML string in, `Article` out; reading and gunzipping excluded; after a warm-up on one
//! page, since language models load on first use), single-threaded.
//!
//! cargo run --release -p dossier-article --example extract_bench -- DIR OUT.json [ROUNDS]

use std::io::Read;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: extract_bench DIR OUT.json [ROUNDS]");
        std::process::exit(2);
    }
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(1).max(1);
    let mut paths: Vec<std::path::PathBuf> = match std::fs::read_dir(&args[1]) {
        Ok(rd) => rd.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
        Err(e) => {
            eprintln!("{}: {e}", args[1]);
            std::process::exit(1);
        }
    };
    paths.retain(|p| p.to_string_lossy().ends_with(".html") || p.to_string_lossy().ends_with(".html.gz"));
    paths.sort();
    let mut pages = Vec::new();
    for p in &paths {
        let mut bytes = Vec::new();
        let ok = if p.to_string_lossy().ends_with(".gz") {
            std::fs::File::open(p).and_then(|f| flate2::read::MultiGzDecoder::new(f).read_to_end(&mut bytes))
        } else {
            std::fs::File::open(p).and_then(|mut f| f.read_to_end(&mut bytes))
        };
        if let Err(e) = ok {
            eprintln!("{}: {e}", p.display());
            continue;
        }
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let id = name.trim_end_matches(".gz").trim_end_matches(".html").to_string();
        let text = match dossier_page::decode(&bytes, None) {
            Ok(d) => d.text,
            Err(e) => {
                eprintln!("{}: {e:?}", p.display());
                continue;
            }
        };
        let mut page = dossier_page::Page::from_text(&id, dossier_page::Markup::Html, &text);
        page.markup = dossier_page::Markup::Html;
        pages.push(page);
    }
    let mut out = serde_json::Map::new();
    // warm-up on one page (language models load on first use), as the peer script does
    if let Some(p) = pages.first() {
        let _ = dossier_article::extract(p);
    }
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    for round in 0..rounds {
        for page in &pages {
            let a = dossier_article::extract(page);
            if round == 0 {
                let mut entry = serde_json::Map::new();
                entry.insert("articleBody".into(), a.body.into());
                entry.insert("title".into(), a.title.map(|t| t.value).into());
                entry.insert("published".into(), a.published.map(|t| t.value).into());
                entry.insert("lang".into(), a.lang.into());
                out.insert(page.source.clone(), entry.into());
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu_start).map(|(b, a)| b - a);
    let n = pages.len() * rounds;
    let empty = out.values().filter(|v| v.get("articleBody").and_then(|b| b.as_str()).is_none_or(|b| b.trim().is_empty())).count();
    if let Err(e) = std::fs::write(&args[2], serde_json::to_string_pretty(&out).unwrap_or_default()) {
        eprintln!("{}: {e}", args[2]);
        std::process::exit(1);
    }
    let cpu_pps = cpu.map_or("null".to_string(), |c| format!("{:.1}", n as f64 / c.max(1e-9)));
    let cpu = cpu.map_or("null".to_string(), |c| format!("{c:.4}"));
    println!(
        "{{\"pages\": {}, \"rounds\": {rounds}, \"seconds\": {secs:.4}, \"pages_per_second\": {:.1}, \"cpu_seconds\": {cpu}, \"pages_per_cpu_second\": {cpu_pps}, \"empty\": {empty}}}",
        pages.len(),
        n as f64 / secs.max(1e-9)
    );
}

/// CPU time this thread has run, from the scheduler's statistics (Linux), in seconds.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
