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

/// Where a build's time went, one line per part in the order they run: wall time, the CPU
/// time of the parts that run one after the other, and peak memory (the documents phase's;
/// each cross-page part's own, or the peak so far when it could not be told apart); then the
/// build's peak, which `whole_build_peak` reads back.
pub fn times_table(bt: &BuildTimes) -> String {
    let mb = |b: u64| b as f64 / 1e6;
    let during = if bt.peaks_so_far { "peak memory so far" } else { "peak during" };
    let zero = Duration::ZERO;
    let r = &bt.resolve;
    let start = &bt.resident_at_start;
    let parts = [
        ("per-page stages", bt.analyse, zero, 0, "", 0),
        ("store documents", bt.store, zero, bt.peak_after_documents, "peak memory so far", 0),
        ("load analyses", bt.load, bt.load_cpu, bt.peak_after_load, during, start.load),
        ("link names", r.link, r.link_cpu, r.peak_after_link, during, start.link),
        ("infer, candidates", r.infer, r.infer_cpu, r.peak_after_infer, during, start.infer),
        ("merge events", r.merge, r.merge_cpu, r.peak_after_merge, during, start.merge),
        ("store corpus", bt.store_corpus, bt.store_corpus_cpu, bt.peak_store_corpus, during, start.store_corpus),
    ];
    let mut out = String::new();
    for (name, d, cpu, peak, what, start) in parts {
        let cpu = if cpu.is_zero() { String::new() } else { format!(" (CPU {:>6.2} s)", cpu.as_secs_f64()) };
        let start = if start == 0 { String::new() } else { format!(" (from {:.0})", mb(start)) };
        let peak = if peak == 0 { String::new() } else { format!("  {what} {:.0} MB{start}", mb(peak)) };
        out.push_str(&format!("  {name:<17} {:>8.2} s{cpu}{peak}\n", d.as_secs_f64()));
        if name == "merge events" && !bt.store_entities.is_zero() {
            // on a thread of their own: their CPU and memory count in merging's
            out.push_str(&format!("  {:<17} {:>8.2} s beside reading candidates, in that part's CPU and peak\n", "store entities", bt.store_entities.as_secs_f64()));
        }
    }
    if !bt.documents_wall.is_zero() {
        // reading, analysing and storing overlap: their CPU over their wall time says how many
        // cores they kept busy
        out.push_str(&format!(
            "  documents phase   {:>8.2} s wall, {:.2} s CPU: {:.2} cores busy\n",
            bt.documents_wall.as_secs_f64(),
            bt.documents_cpu.as_secs_f64(),
            bt.documents_cpu.as_secs_f64() / bt.documents_wall.as_secs_f64()
        ));
    }
    if bt.peaks_so_far {
        out.push_str("  (the high-water mark could not be reset: cross-page peaks are the peaks so far)\n");
    }
    if bt.peak_whole() > 0 {
        out.push_str(&format!("  {WHOLE_BUILD_PEAK} {:.0} MB\n", mb(bt.peak_whole())));
    }
    out
}

/// How `times_table` names the build's peak memory.
const WHOLE_BUILD_PEAK: &str = "peak memory of the build";

/// The build's peak memory (bytes) as `times_table` printed it, if it did.
pub fn whole_build_peak(times: &str) -> Option<u64> {
    let line = times.lines().find_map(|l| l.trim_start().strip_prefix(WHOLE_BUILD_PEAK))?;
    let megabytes: u64 = line.trim().strip_suffix("MB")?.trim().parse().ok()?;
    Some(megabytes * 1_000_000)
}

/// The CPUs a build measured with `n` worker threads is confined to: the first `n` of those
/// this process may run on. `Err` says why it runs unconfined (another system than Linux, or
/// fewer CPUs than threads).
pub fn cpus_for(n: usize) -> Result<Vec<usize>, String> {
    first_cpus(&allowed_cpus()?, n)
}

/// The first `n` of `allowed`, or why there are not that many.
pub fn first_cpus(allowed: &[usize], n: usize) -> Result<Vec<usize>, String> {
    if n == 0 || allowed.len() < n {
        return Err(format!("{n} CPU(s) wanted, {} available", allowed.len()));
    }
    Ok(allowed[..n].to_vec())
}

/// The CPUs this process may run on.
#[cfg(target_os = "linux")]
fn allowed_cpus() -> Result<Vec<usize>, String> {
    // SAFETY: a zeroed cpu_set_t is an empty set; sched_getaffinity writes at most its size
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    if unsafe { libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) } != 0 {
        return Err(format!("cannot read this process's CPUs: {}", std::io::Error::last_os_error()));
    }
    // SAFETY: CPU_ISSET reads the set within CPU_SETSIZE
    Ok((0..libc::CPU_SETSIZE as usize).filter(|&cpu| unsafe { libc::CPU_ISSET(cpu, &set) }).collect())
}

#[cfg(not(target_os = "linux"))]
fn allowed_cpus() -> Result<Vec<usize>, String> {
    Err("confining a process to CPUs is done on Linux only".into())
}

/// Makes `command`'s process run on `cpus` only (and every thread it starts).
#[cfg(target_os = "linux")]
pub fn confine(command: &mut std::process::Command, cpus: &[usize]) {
    use std::os::unix::process::CommandExt;
    // SAFETY: a zeroed cpu_set_t is an empty set; CPU_SET ignores CPUs past CPU_SETSIZE
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    for &cpu in cpus {
        unsafe { libc::CPU_SET(cpu, &mut set) };
    }
    // SAFETY: between fork and exec the closure makes one system call on a set built before
    // the fork (no allocation, no lock)
    unsafe {
        command.pre_exec(move || match libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) {
            0 => Ok(()),
            _ => Err(std::io::Error::last_os_error()),
        });
    }
}

#[cfg(not(target_os = "linux"))]
pub fn confine(_command: &mut std::process::Command, _cpus: &[usize]) {}

/// CPUs as a short list ("0", "0,1").
pub fn cpu_list(cpus: &[usize]) -> String {
    cpus.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
}

/// A `dossier build` run by the benchmark.
pub struct BuildRun {
    pub wall: Duration,
    /// Peak resident memory of the build process, in bytes (0 when unknown): the highest seen
    /// from outside or reported by the build.
    pub peak_rss: u64,
    /// CPU time of the build process, all threads (user + system), as last seen before it
    /// ended (within 20 ms).
    pub cpu: Duration,
    /// The build's own account of its time (`--times`).
    pub times: String,
    /// The CPUs the build was confined to, or why it ran unconfined.
    pub cpus: Result<Vec<usize>, String>,
}

/// Runs `exe build --times` on `corpus` into `db` with `threads` threads, as a user would, and
/// watches its peak resident memory. The build is confined to `threads` CPUs when the machine
/// allows it: its writer and reading threads then share those CPUs with the workers, so that
/// "one thread" measures one core.
pub fn run_build(exe: &Path, db: &Path, corpus: &Path, threads: usize) -> std::io::Result<BuildRun> {
    let mut command = std::process::Command::new(exe);
    command.args(["build", "--quiet", "--times", "--threads", &threads.to_string(), "--db"]).arg(db).arg(corpus);
    let cpus = cpus_for(threads);
    if let Ok(cpus) = &cpus {
        confine(&mut command, cpus);
    }
    let (wall, peak_rss, cpu, text) = run_watched(command, "build")?;
    let times: String = text.lines().filter(|l| l.starts_with("  ")).map(|l| format!("{l}\n")).collect();
    // the build resets its high-water mark at each cross-page part: polling may miss the peak
    let peak_rss = peak_rss.max(whole_build_peak(&times).unwrap_or(0));
    Ok(BuildRun { wall, peak_rss, cpu, times, cpus })
}

/// Runs `exe export --format json` on `db` (its output thrown away): wall time, peak resident
/// memory in bytes, CPU time.
pub fn run_export(exe: &Path, db: &Path) -> std::io::Result<(Duration, u64, Duration)> {
    let mut command = std::process::Command::new(exe);
    command.args(["export", "--format", "json", "--db"]).arg(db);
    let (wall, peak, cpu, _) = run_watched(command, "export")?;
    Ok((wall, peak, cpu))
}

/// Runs `command` (its output thrown away, its errors kept), polling its peak resident memory
/// and CPU time every 20 ms: wall time, peak in bytes, CPU time and what it wrote to stderr.
fn run_watched(mut command: std::process::Command, what: &str) -> std::io::Result<(Duration, u64, Duration, String)> {
    use std::io::Read;
    command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped());
    let start = Instant::now();
    let mut child = command.spawn()?;
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
        return Err(std::io::Error::other(format!("dossier {what} failed ({status}): {text}")));
    }
    Ok((wall, peak_rss, cpu, text))
}

/// User + system time from a /proc/PID/stat line.
fn cpu_time(stat: &str) -> Option<Duration> {
    crate::stat_field_ticks(stat, &[14, 15])
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_peak_is_the_highest_part_and_is_read_back_from_the_table() {
        let mut bt = BuildTimes { peak_after_documents: 300_000_000, peak_after_load: 500_000_000, peak_store_corpus: 400_000_000, ..Default::default() };
        bt.resolve.peak_after_link = 1_204_000_000;
        bt.resident_at_start.link = 669_000_000;
        bt.resolve.peak_after_merge = 1_119_000_000;
        assert_eq!(bt.peak_whole(), 1_204_000_000);
        let table = times_table(&bt);
        assert!(table.contains("link names") && table.contains("peak during 1204 MB (from 669)"), "{table}");
        assert_eq!(whole_build_peak(&table), Some(1_204_000_000), "{table}");
        // a part later than the others may hold the peak too
        bt.peak_store_corpus = 1_306_000_000;
        assert_eq!(whole_build_peak(&times_table(&bt)), Some(1_306_000_000));
        // peaks that could not be reset are said to be the peaks so far
        bt.peaks_so_far = true;
        let table = times_table(&bt);
        assert!(table.contains("peak memory so far 1204 MB") && table.contains("could not be reset"), "{table}");
        assert_eq!(whole_build_peak(&table), Some(1_306_000_000));
        // nothing measured, nothing reported
        assert_eq!(whole_build_peak(&times_table(&BuildTimes::default())), None);
        assert_eq!(whole_build_peak("  peak memory of the build lots MB\n"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_reset_high_water_mark_forgets_memory_freed_before_it() {
        const HELD: usize = 256 << 20;
        let held = vec![1u8; HELD];
        let with = crate::peak_memory();
        assert!(with as usize >= HELD, "the peak counts the memory held ({with} bytes)");
        drop(std::hint::black_box(held));
        // (Linux folds per-thread RSS counters in lazily: the mark may move by a few pages)
        assert!(crate::peak_memory() as usize >= HELD, "without a reset the peak stays");
        if !crate::reset_peak_memory() {
            eprintln!("/proc/self/clear_refs is not writable here: builds report peaks so far");
            return;
        }
        let after = crate::peak_memory();
        assert!(after + (HELD as u64) / 2 <= with, "the peak after a reset ({after}) is below the one before ({with})");
    }

    #[test]
    fn first_cpus_takes_the_first_allowed_or_says_why_not() {
        assert_eq!(first_cpus(&[2, 5, 7], 2), Ok(vec![2, 5]));
        assert_eq!(first_cpus(&[2, 5, 7], 3), Ok(vec![2, 5, 7]));
        assert!(first_cpus(&[2], 2).unwrap_err().contains("1 available"));
        assert!(first_cpus(&[2], 0).is_err());
    }

    #[test]
    fn stat_fields_are_counted_after_the_command_name() {
        // a command name holding spaces and a parenthesis must not shift the fields
        let stat = "42 (a b) c) S 1 2 3 4 5 6 7 8 9 10 150 25 0 0 20 0 4 0 9000 0";
        assert_eq!(cpu_time(stat), Some(Duration::from_millis(1750)));
        assert_eq!(crate::stat_field_ticks(stat, &[22]), Some(Duration::from_secs(90)));
        assert_eq!(crate::stat_field_ticks("no name", &[14]), None);
        assert_eq!(crate::stat_field_ticks("1 (x) S 1", &[14]), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_confined_child_runs_on_the_cpus_given() {
        let cpus = cpus_for(1).expect("at least one CPU");
        let mut command = std::process::Command::new("cat");
        command.arg("/proc/self/status");
        confine(&mut command, &cpus);
        let status = String::from_utf8(command.output().expect("cat runs").stdout).expect("UTF-8");
        let allowed = status.lines().find_map(|l| l.strip_prefix("Cpus_allowed_list:")).expect("listed").trim().to_string();
        assert_eq!(allowed, cpus[0].to_string());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_reports_its_cpu_time_and_age() {
        // spin until the CPU time grows (a busy machine gives this thread a share of a core)
        let (clock, before) = (Instant::now(), crate::cpu_used());
        let mut spin = 0u64;
        while crate::cpu_used() < before + Duration::from_millis(50) && clock.elapsed() < Duration::from_secs(20) {
            for _ in 0..100_000 {
                spin = std::hint::black_box(spin.wrapping_add(1));
            }
        }
        assert!(crate::cpu_used() >= before + Duration::from_millis(50));
        assert!(crate::running_for() + Duration::from_millis(20) >= clock.elapsed());
    }
}
