//! `dossier bench`: throughput of the whole pipeline and of each stage on a corpus built from
//! real pages (seeds, development pages, the extraction benchmark's HTML), varied page by page
//! so that neither fingerprints nor any cache can flatter the figures.

use crate::build::BuildTimes;
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

/// Writes the first `n` pages of the varied corpus to `path` as JSONL (the format `dossier
/// build` and the peers read); returns the bytes written.
pub fn write_corpus(base: &[Page], n: usize, path: &Path) -> std::io::Result<u64> {
    use std::io::Write;
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    for i in 0..n {
        let p = vary(&base[i % base.len()], i);
        let field = if p.markup == crate::page::Markup::Html { "html" } else { "text" };
        serde_json::to_writer(&mut w, &serde_json::json!({"id": p.source, "url": p.url, field: p.content}))?;
        writeln!(w)?;
    }
    w.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

/// The pages of a corpus file, in order (unreadable lines skipped: the corpus is ours).
pub fn read_corpus(path: &Path) -> impl Iterator<Item = Page> {
    crate::page::read_inputs(&[path.display().to_string()], Default::default()).filter_map(Result::ok)
}

/// One line per stage: pages per second and seconds.
pub fn stage_table(t: &StageTimes) -> String {
    let rate = |d: Duration| t.pages as f64 / d.as_secs_f64().max(1e-9);
    let mut out = String::new();
    for (name, d) in [("article", t.article), ("dates", t.dates), ("names", t.names), ("events", t.events)] {
        out.push_str(&format!("  {name:<8} {:>10.0} pages/s  ({:.3} s)\n", rate(d), d.as_secs_f64()));
    }
    out
}

/// Where a build's time went, one line per part.
pub fn times_table(bt: &BuildTimes) -> String {
    let mb = |b: u64| if b == 0 { String::new() } else { format!("  peak memory so far {:.0} MB", b as f64 / 1e6) };
    let parts = [
        ("per-page stages", bt.analyse, 0),
        ("store documents", bt.store, bt.peak_after_documents),
        ("load analyses", bt.load, bt.peak_after_load),
        ("infer dates", bt.resolve.infer, bt.resolve.peak_after_infer),
        ("link names", bt.resolve.link, bt.resolve.peak_after_link),
        ("merge events", bt.resolve.merge, bt.resolve.peak_after_merge),
        ("store corpus", bt.store_corpus, 0),
    ];
    let mut out = String::new();
    for (name, d, peak) in parts {
        out.push_str(&format!("  {name:<16} {:>8.2} s{}\n", d.as_secs_f64(), mb(peak)));
    }
    out
}

/// A `dossier build` run by the benchmark.
pub struct BuildRun {
    pub wall: Duration,
    /// Peak resident memory of the build process, in bytes (0 when unknown).
    pub peak_rss: u64,
    /// CPU time of the build process, all threads (user + system), as last seen before it
    /// ended (within 20 ms).
    pub cpu: Duration,
    /// The build's own account of its time (`--times`).
    pub times: String,
}

/// Runs `exe build --times` on `corpus` into `db` with `threads` threads, as a user would, and
/// watches its peak resident memory.
pub fn run_build(exe: &Path, db: &Path, corpus: &Path, threads: usize) -> std::io::Result<BuildRun> {
    use std::io::Read;
    let start = Instant::now();
    let mut child = std::process::Command::new(exe)
        .args(["build", "--quiet", "--times", "--threads", &threads.to_string(), "--db"])
        .arg(db)
        .arg(corpus)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    let mut stderr = child.stderr.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    // VmHWM is a high-water mark: the last reading before the process ends is its peak
    let pid = child.id().to_string();
    let stat_path = format!("/proc/{pid}/stat");
    let mut peak_rss = 0;
    let mut cpu = Duration::ZERO;
    let status = loop {
        peak_rss = peak_rss.max(crate::peak_memory_of(&pid));
        if let Some(t) = std::fs::read_to_string(&stat_path).ok().and_then(|s| cpu_time(&s)) {
            cpu = cpu.max(t);
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let wall = start.elapsed();
    let text = reader.join().unwrap_or_default();
    if !status.success() {
        return Err(std::io::Error::other(format!("dossier build failed ({status}): {text}")));
    }
    let times = text.lines().filter(|l| l.starts_with("  ")).map(|l| format!("{l}\n")).collect();
    Ok(BuildRun { wall, peak_rss, cpu, times })
}

/// User + system time from a /proc/PID/stat line (fields 14 and 15, in clock ticks of 1/100 s,
/// Linux's USER_HZ).
fn cpu_time(stat: &str) -> Option<Duration> {
    let after_name = stat.get(stat.rfind(')')? + 1..)?;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// One peer's time on the benchmark's pages (bench/peers.py).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct PeerRow {
    pub peer: String,
    pub stage: String,
    pub pages: usize,
    pub seconds: Option<f64>,
    pub error: Option<String>,
}

/// Runs bench/peers.py (from the working directory, the repository's root) on the first
/// `pages` pages of `corpus`.
pub fn run_peers(corpus: &Path, pages: usize) -> Result<Vec<PeerRow>, String> {
    let script = Path::new("bench/peers.py");
    if !script.exists() {
        return Err("bench/peers.py not found: run the benchmark from the repository's root".into());
    }
    let output = std::process::Command::new("python3")
        .arg(script)
        .arg("--corpus")
        .arg(corpus)
        .args(["--pages", &pages.to_string()])
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if !output.status.success() {
        return Err(format!("bench/peers.py failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).map_err(|e| format!("bench/peers.py printed {l:?}: {e}")))
        .collect()
}

/// Ours against each peer on the same pages: pages per second and the ratio.
pub fn peer_table(ours: &StageTimes, peers: &[PeerRow]) -> String {
    let mut out = String::new();
    for p in peers {
        let mine = match p.stage.as_str() {
            "article" => ours.article,
            "dates" => ours.dates,
            _ => ours.names,
        };
        let our_rate = ours.pages as f64 / mine.as_secs_f64().max(1e-9);
        match (p.seconds, &p.error) {
            (Some(s), _) => {
                let rate = p.pages as f64 / s.max(1e-9);
                out.push_str(&format!(
                    "  {:<8} ours {:>8.0} pages/s   {:<22} {:>8.1} pages/s   ratio {:>6.1}x\n",
                    p.stage, our_rate, p.peer, rate, our_rate / rate
                ));
            }
            (None, e) => out.push_str(&format!("  {:<8} {}: not run ({})\n", p.stage, p.peer, e.as_deref().unwrap_or("no time"))),
        }
    }
    out
}
