//! `dossier bench`: throughput of the whole pipeline and of each stage on a corpus built from
//! real pages (seeds, development pages, the extraction benchmark's HTML), varied page by page
//! so that neither fingerprints nor any cache can flatter the figures.

use crate::build::{build, BuildReport};
use crate::store::Store;
use crate::{article, events, names, publication_date, time, Page};
use std::path::Path;
use std::time::{Duration, Instant};

/// Which pages the corpus is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mix {
    Text,
    Html,
    All,
}

/// Reads the real pages the corpus is built from, under the shared directory.
pub fn base_pages(shared: &Path, mix: Mix) -> Vec<Page> {
    let mut inputs = Vec::new();
    if mix != Mix::Html {
        inputs.push(shared.join("seeds"));
        inputs.push(shared.join("dev/pages.jsonl"));
    }
    if mix != Mix::Text {
        inputs.push(shared.join("bench/article-extraction/html"));
    }
    let inputs: Vec<String> = inputs.iter().filter(|p| p.exists()).map(|p| p.display().to_string()).collect();
    let mut pages: Vec<Page> = crate::page::read_inputs(&inputs, Default::default()).filter_map(Result::ok).collect();
    if mix == Mix::Text {
        pages.retain(|p| p.markup == crate::page::Markup::Text);
    }
    pages
}

/// The `i`-th page of the corpus: a base page with every four-digit year shifted, every other
/// number nudged, and a unique reference, so no two pages are the same.
pub fn vary(base: &Page, i: usize) -> Page {
    let shift = (i % 5) as u32;
    let mut content = String::with_capacity(base.content.len() + 16);
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if digits.len() == 4 {
            if let Ok(y) = digits.parse::<u32>() {
                out.push_str(&(y + shift).to_string());
                digits.clear();
                return;
            }
        }
        out.push_str(digits);
        digits.clear();
    };
    for c in base.content.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut content);
            content.push(c);
        }
    }
    flush(&mut digits, &mut content);
    content.push_str(&format!("\n(ref. {i})\n"));
    let mut page = base.clone();
    page.source = format!("bench-{i:07}-{}", base.source);
    page.origin = page.source.clone();
    page.content = content;
    page
}

/// Time spent in each per-page stage.
#[derive(Debug, Default, Clone)]
pub struct StageTimes {
    pub pages: usize,
    pub bytes: usize,
    pub article: Duration,
    pub dates: Duration,
    pub names: Duration,
    pub events: Duration,
}

/// Runs the per-page stages one page at a time on one thread, timing each.
pub fn profile_stages(pages: impl Iterator<Item = Page>) -> StageTimes {
    let mut t = StageTimes::default();
    for page in pages {
        t.pages += 1;
        t.bytes += page.content.len();
        let s = Instant::now();
        let a = article::extract(&page);
        t.article += s.elapsed();
        let s = Instant::now();
        let dates = time::find_dates(&a.body, &a.lang, publication_date(&a));
        t.dates += s.elapsed();
        let s = Instant::now();
        let mentions = names::find_mentions(&a);
        t.names += s.elapsed();
        let s = Instant::now();
        let c = events::find_candidates(&events::DocInput { article: &a, dates: &dates, mentions: &mentions });
        t.events += s.elapsed();
        std::hint::black_box(c);
    }
    t
}

/// An end-to-end build of `n` varied pages into a fresh database with `threads` threads;
/// returns the report and the wall time.
pub fn end_to_end(db: &Path, base: &[Page], n: usize, threads: usize) -> Result<(BuildReport, Duration), crate::store::StoreError> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
    pool.install(|| {
        let mut store = Store::open(db)?;
        let pages = (0..n).map(|i| Ok(vary(&base[i % base.len()], i)));
        let start = Instant::now();
        let report = build(&mut store, pages, |_| {})?;
        Ok((report, start.elapsed()))
    })
}

/// Peak resident memory of this process so far, in bytes (Linux), if known.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
