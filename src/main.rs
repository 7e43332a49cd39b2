//! The `dossier` command line: a thin layer over the library.
//!
//! Exit status: 0 success; 1 a fatal error (database, output); 2 a usage error;
//! 3 the command ran but some inputs could not be read (each named on stderr).

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use dossier::build::{build, load_entities, load_events, load_inferred};
use dossier::store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// mimalloc instead of the system allocator: the stages allocate many small strings across
// worker threads, where glibc's per-thread arenas kept freed memory apart (see docs/perf.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its place in the C enum `mi_option_e`, which mimalloc
/// keeps stable; libmimalloc-sys names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Memory freed is given back to the system at once instead of a second later (mimalloc 3's
/// default). Set when a build starts its cross-page stage (`build::on_cross_page_stage`): its
/// parts free one large structure before building the next (linking's groups, then the
/// candidates, then the events), and the delay kept the freed pages resident under the new
/// ones (100,000 text pages: peak 889 -> 731 MB). Not before: the per-page stages' churn of
/// small allocations made immediate purging cost 5-9 % more CPU (10,000 pages, one core).
fn purge_freed_memory_at_once() {
    // SAFETY: sets a process-wide allocator option; mimalloc reads its options atomically
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
}

/// No transparent huge pages for this process. mimalloc asks for them on its arenas, and on a
/// host that grants them on request (THP "madvise", as here) every page it purges and touches
/// again comes back as a fresh 2 MiB page the kernel zeroes whole: 12-18 % of an HTML build's
/// CPU went to `clear_page_erms`. With 4 KiB pages, 1,000 HTML pages on one core took 13 %
/// less time on average (4.21 vs 4.83 s over four runs each) and peaked 20-30 MB lower (see
/// docs/perf.md). A flag of the process (Linux `PR_SET_THP_DISABLE`), so it holds for the
/// mappings mimalloc made before `main` too; elsewhere nothing to do.
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with an integer option and integer arguments; no memory is passed
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[derive(Parser)]
#[command(name = "dossier", version, about = "Sourced, deduplicated timelines of meetings from raw news pages")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Read pages (.txt, .html, .jsonl, gzip'd or not; directories recursively; - for stdin) into the database.
    Build {
        #[arg(long, default_value = "dossier.db")]
        db: PathBuf,
        /// Do not print the timeline at the end.
        #[arg(long)]
        quiet: bool,
        /// Entities known in advance: a knowledge file (.toml) or a Wikidata JSON dump
        /// (.json, .json.gz). Repeatable; replaces the database's known entities.
        #[arg(long)]
        knowledge: Vec<PathBuf>,
        /// Worker threads for the per-page stages (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
        /// Print where the build's time went (per part) on stderr.
        #[arg(long)]
        times: bool,
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// Write the database as JSON (FORMAT.md) to stdout.
    Export {
        #[arg(long, default_value = "dossier.db")]
        db: PathBuf,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// List documents: source, language, publication date, title.
    Docs {
        #[arg(long, default_value = "dossier.db")]
        db: PathBuf,
    },
    /// Print a document's clean text, with each removed block marked with its reason.
    Show {
        #[arg(long, default_value = "dossier.db")]
        db: PathBuf,
        source: String,
    },
    /// Print the date expressions found in TEXT, one JSON object per line.
    Dates {
        /// Resolve relative and partial dates against this date (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        anchor: Option<dossier::time::Date>,
        /// Language of TEXT (ISO 639-1); detected when absent.
        #[arg(long)]
        lang: Option<String>,
        text: String,
    },
    /// Full-text search over articles (accents, case and Arabic clitics matched sensibly).
    Search {
        #[arg(long, default_value = "dossier.db")]
        db: PathBuf,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// One JSON object per hit instead of text.
        #[arg(long)]
        json: bool,
        query: String,
    },
    /// Measure throughput on a corpus made from the real pages under --shared.
    Bench {
        /// The shared data directory (seeds/, dev/, bench/article-extraction/).
        #[arg(long, default_value = "../shared")]
        shared: PathBuf,
        /// Pages in the corpus.
        #[arg(long, default_value_t = 10_000)]
        pages: usize,
        /// Worker threads for the end-to-end build; several (1,2) compare scaling.
        #[arg(long, value_delimiter = ',', default_value = "1")]
        threads: Vec<usize>,
        /// text, html or all.
        #[arg(long, default_value = "all")]
        mix: String,
        /// Write the varied corpus here (one JSONL file) and keep it; default: a temporary file.
        #[arg(long)]
        write_corpus: Option<PathBuf>,
        /// Pages timed stage by stage (one thread).
        #[arg(long, default_value_t = 2000)]
        sample: usize,
        /// Also time the peers a user would otherwise chain (trafilatura, dateparser, spaCy
        /// fr_core_news_sm; Python, via bench/peers.py) on the first PEER_PAGES pages.
        #[arg(long)]
        peers: bool,
        #[arg(long, default_value_t = 200)]
        peer_pages: usize,
    },
    /// Serve a read-only web interface on the database (offline; no JavaScript needed).
    Serve {
        #[arg(long, default_value = "dossier.db")]
        db: PathBuf,
        /// Address to listen on (127.0.0.1 keeps it on this machine; port 0 picks a free one).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
    },
    /// Print the timeline of events, optionally filtered.
    Timeline {
        #[arg(long, default_value = "dossier.db")]
        db: PathBuf,
        /// Only events with this participant (any alias, any script).
        #[arg(long)]
        entity: Option<String>,
        /// Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Only events on or before this date.
        #[arg(long)]
        to: Option<String>,
        /// Only events at this place.
        #[arg(long)]
        place: Option<String>,
        /// Only events of this type (visit, receive, meeting, talks, phone call, signing), CAMEO code or status.
        #[arg(long = "type")]
        kind: Option<String>,
        /// One JSON object per event instead of text.
        #[arg(long)]
        json: bool,
    },
    /// What is known about an entity, found by any of its names in any script.
    Entity {
        #[arg(long, default_value = "dossier.db")]
        db: PathBuf,
        name: String,
    },
    /// Every field of an event, with the sentence each source gives.
    Event {
        #[arg(long, default_value = "dossier.db")]
        db: PathBuf,
        id: String,
    },
}

fn main() -> ExitCode {
    // one line per internal error; the build reports which page it cost
    std::panic::set_hook(Box::new(|info| eprintln!("dossier: internal error: {info}")));
    no_transparent_huge_pages();
    dossier::build::on_cross_page_stage(purge_freed_memory_at_once);
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dossier: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Opens a database that a build made; reading commands never create one.
fn open(db: &PathBuf) -> Result<Store> {
    anyhow::ensure!(db.exists(), "no database at {}: run `dossier build --db {} INPUT...` first", db.display(), db.display());
    Store::open(db).with_context(|| format!("cannot open database {}", db.display()))
}

/// The directory a database is to be created in exists.
fn check_db_dir(db: &Path) -> Result<()> {
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        anyhow::ensure!(dir.is_dir(), "cannot create database {}: directory {} does not exist", db.display(), dir.display());
    }
    Ok(())
}

/// Opens or creates the database a build writes to.
fn create(db: &PathBuf) -> Result<Store> {
    Store::open(db).with_context(|| format!("cannot open database {}", db.display()))
}

/// A `YYYY-MM-DD` argument.
fn parse_date(s: &str) -> Result<dossier::time::Date, String> {
    s.parse().map_err(|_| format!("{s:?} is not a YYYY-MM-DD date"))
}

fn run(cli: Cli) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match cli.command {
        Command::Build { db, quiet, knowledge, threads, times, inputs } => {
            if let Some(n) = threads {
                rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global().context("cannot start the worker threads")?;
            }
            // the lock before the store: a new database's tables are created by one build only
            check_db_dir(&db)?;
            let _lock = dossier::store::BuildLock::acquire(&db, || {
                eprintln!("dossier: another build is writing to {}; waiting for it to finish", db.display())
            })?;
            let mut store = create(&db)?;
            // each cross-page part's own peak, when the parts' figures are asked for
            dossier::build::measure_part_peaks(times);
            if !knowledge.is_empty() {
                let mut known = Vec::new();
                for path in &knowledge {
                    known.extend(read_knowledge(path)?);
                }
                eprintln!("dossier: {} known entities from {} file(s)", known.len(), knowledge.len());
                dossier::build::set_knowledge(&mut store, &known)?;
            }
            let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
            bar.set_style(indicatif::ProgressStyle::with_template("{spinner} {pos} pages  {per_sec}  {msg}").expect("static template"));
            // records: a JSONL line already stored is recognised from its bytes, unparsed
            let pages = dossier::page::read_inputs(&inputs, dossier::page::Limits::default()).records();
            let report = build(&mut store, pages, |source| {
                bar.inc(1);
                bar.set_message(source.to_string());
            })?;
            bar.finish_and_clear();
            for f in report.failures.iter().chain(&report.duplicates) {
                eprintln!("dossier: {f}");
            }
            eprintln!(
                "dossier: {} pages read, {} stored, {} unchanged, {} failed -> {}",
                report.pages,
                report.stored,
                report.unchanged,
                report.failures.len(),
                db.display()
            );
            if times {
                eprint!("{}", dossier::bench::times_table(&report.times));
            }
            if !quiet {
                write!(out, "{}", dossier::timeline::render(&load_events(&store)?))?;
            }
            out.flush()?;
            return Ok(if report.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(3) });
        }
        Command::Export { db, format: Format::Json } => {
            let store = open(&db)?;
            dossier::export::write_json(&store, &mut out)?;
        }
        Command::Docs { db } => {
            let store = open(&db)?;
            let inferred = load_inferred(&store)?;
            store.each_document(|d| -> anyhow::Result<()> {
                let published = match (&d.published, inferred.get(&d.source)) {
                    (Some(p), _) => p.clone(),
                    (None, Some(i)) => format!("{} (inferred)", i.date),
                    (None, None) => "-".into(),
                };
                writeln!(out, "{}\t{}\t{}\t{}", d.source, d.lang, published, d.title.as_deref().unwrap_or("-"))?;
                Ok(())
            })?;
        }
        Command::Show { db, source } => {
            let store = open(&db)?;
            let row = store.document(&source)?.with_context(|| format!("no document {source:?} in {}", db.display()))?;
            let doc = dossier::build::parse_analysis(&row)?;
            write!(out, "{}", dossier::show(&doc))?;
        }
        Command::Dates { anchor, lang, text } => {
            let lang = lang.or_else(|| dossier::article::detect_language(&text)).unwrap_or_else(|| "und".into());
            for d in dossier::time::find_dates(&text, &lang, anchor) {
                serde_json::to_writer(&mut out, &d)?;
                writeln!(out)?;
            }
        }
        Command::Search { db, limit, json, query } => {
            let store = open(&db)?;
            for hit in dossier::search::search(&store, &query, limit)? {
                if json {
                    serde_json::to_writer(&mut out, &hit)?;
                    writeln!(out)?;
                } else {
                    writeln!(out, "{}  {:.2}  {}\n    {}", hit.source, hit.score, hit.title.as_deref().unwrap_or("-"), dossier::search::marked(&hit))?;
                }
            }
        }
        Command::Bench { shared, pages, threads, mix, write_corpus, sample, peers, peer_pages } => {
            let options = BenchOptions { pages, threads, sample, peer_pages: peers.then_some(peer_pages) };
            bench(&shared, &mix, write_corpus.as_deref(), &options, &mut out)?;
        }
        Command::Serve { db, addr } => {
            drop(open(&db)?);
            dossier::serve::run(&db, &addr)?
        }
        Command::Timeline { db, entity, from, to, place, kind, json } => {
            let store = open(&db)?;
            // entities only to match a participant's other names
            let entities = if entity.is_some() { load_entities(&store)? } else { Vec::new() };
            let events = load_events(&store)?;
            let filter = dossier::timeline::Filter { entity, from, to, place, kind, ..Default::default() };
            if json {
                let mut events: Vec<&dossier::Event> = events.iter().filter(|e| filter.matches(e, &entities)).collect();
                events.sort_by(|a, b| a.timeline_key().cmp(&b.timeline_key()));
                for e in events {
                    serde_json::to_writer(&mut out, e)?;
                    writeln!(out)?;
                }
            } else {
                write!(out, "{}", dossier::timeline::render_filtered(&events, &entities, &filter))?;
            }
        }
        Command::Entity { db, name } => {
            let store = open(&db)?;
            let reports = dossier::explore::entity_reports(&store, &name)?;
            anyhow::ensure!(!reports.is_empty(), "no entity named {name:?} in {}", db.display());
            for report in reports {
                writeln!(out, "{report}")?;
            }
        }
        Command::Event { db, id } => {
            let store = open(&db)?;
            let row = store.event(&id)?.with_context(|| format!("no event {id:?} in {}", db.display()))?;
            let event: dossier::Event = dossier::build::parse_record("events", &row)?;
            write!(out, "{}", dossier::explore::event_report(&event))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

struct BenchOptions {
    pages: usize,
    threads: Vec<usize>,
    sample: usize,
    peer_pages: Option<usize>,
}

fn bench(shared: &std::path::Path, mix: &str, keep_corpus: Option<&std::path::Path>, o: &BenchOptions, out: &mut impl Write) -> Result<()> {
    use dossier::bench::*;
    let mix = match mix {
        "text" => Mix::Text,
        "html" => Mix::Html,
        "all" => Mix::All,
        other => anyhow::bail!("--mix {other:?}: expected text, html or all"),
    };
    let base = base_pages(shared, mix);
    anyhow::ensure!(!base.is_empty(), "no pages under {}", shared.display());
    let dir = tempfile_dir()?;
    let corpus = keep_corpus.map(Path::to_path_buf).unwrap_or_else(|| dir.join("corpus.jsonl"));
    let bytes = dossier::bench::write_corpus(&base, o.pages, &corpus).with_context(|| format!("cannot write {}", corpus.display()))?;
    writeln!(out, "corpus: {} pages varied from {} real pages ({mix:?}), {:.1} MB in {}", o.pages, base.len(), bytes as f64 / 1e6, corpus.display())?;

    // each stage alone, one thread, on the first pages of the corpus
    let t = profile_stages(read_corpus(&corpus).take(o.sample));
    writeln!(out, "\nper stage, one thread, {} pages ({:.1} MB):", t.pages, t.bytes as f64 / 1e6)?;
    write!(out, "{}", stage_table(&t))?;

    // end to end: `dossier build` as a user runs it, reading the corpus file
    let exe = std::env::current_exe().context("cannot find the dossier executable")?;
    for (k, &threads) in o.threads.iter().enumerate() {
        let db = dir.join(format!("bench-{threads}.db"));
        let run = run_build(&exe, &db, &corpus, threads)?;
        let pps = o.pages as f64 / run.wall.as_secs_f64();
        let cpus = match &run.cpus {
            Ok(cpus) => format!(" on CPU(s) {}", cpu_list(cpus)),
            Err(why) => format!(" unconfined ({why})"),
        };
        writeln!(out, "\nend to end, {threads} worker thread(s){cpus}: {} pages in {:.2} s = {:.0} pages/s; {:.2} s of CPU = {:.0} pages per CPU-second; peak memory {:.0} MB",
            o.pages, run.wall.as_secs_f64(), pps, run.cpu.as_secs_f64(), o.pages as f64 / run.cpu.as_secs_f64().max(1e-9), run.peak_rss as f64 / 1e6)?;
        write!(out, "{}", run.times)?;
        if k == 0 {
            let again = run_build(&exe, &db, &corpus, threads)?;
            writeln!(out, "rebuild with nothing new: {:.2} s ({:.1}% of the first build), {:.2} s of CPU ({:.1}%); peak memory {:.0} MB",
                again.wall.as_secs_f64(), 100.0 * again.wall.as_secs_f64() / run.wall.as_secs_f64(),
                again.cpu.as_secs_f64(), 100.0 * again.cpu.as_secs_f64() / run.cpu.as_secs_f64().max(1e-9), again.peak_rss as f64 / 1e6)?;
            let (wall, peak, cpu) = run_export(&exe, &db)?;
            writeln!(out, "export (JSON) of the corpus: {:.2} s, {:.2} s of CPU; peak memory {:.0} MB", wall.as_secs_f64(), cpu.as_secs_f64(), peak as f64 / 1e6)?;
        }
        let _ = std::fs::remove_file(&db);
    }

    // peers, on the same first pages
    if let Some(k) = o.peer_pages {
        let ours = profile_stages(read_corpus(&corpus).take(k));
        writeln!(out, "\npeers on the first {} pages (one thread each; ours on the same pages):", ours.pages)?;
        match run_peers(&corpus, k) {
            Ok(rows) => write!(out, "{}", peer_table(&ours, &rows))?,
            Err(e) => writeln!(out, "  peers not run: {e:#}")?,
        }
    }
    if keep_corpus.is_none() {
        let _ = std::fs::remove_file(&corpus);
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn tempfile_dir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("dossier-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Known entities from a knowledge file (TOML) or a Wikidata JSON dump (gzip'd or not).
fn read_knowledge(path: &std::path::Path) -> Result<Vec<dossier::names::knowledge::KnownEntity>> {
    use dossier::names::knowledge;
    let context = || format!("knowledge file {}", path.display());
    let reader = dossier::page::open_decompressed(path).with_context(context)?;
    let known = if path.to_string_lossy().to_ascii_lowercase().trim_end_matches(".gz").ends_with(".toml") {
        knowledge::from_toml(&std::io::read_to_string(reader).with_context(context)?)
    } else {
        knowledge::from_wikidata_dump(reader, &dossier::lang::codes())
    };
    known.with_context(context)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option set is mimalloc's purge delay: 1,000 ms by default (mimalloc 3's
    /// options.c), 0 once set.
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: reads a process-wide allocator option
        let default = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(default, 1000);
        purge_freed_memory_at_once();
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) }, 0);
    }

    /// The process no longer gets transparent huge pages once `main` has asked.
    #[cfg(target_os = "linux")]
    #[test]
    fn transparent_huge_pages_are_off_for_the_process() {
        no_transparent_huge_pages();
        // SAFETY: prctl reading a flag of the process
        let disabled = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(disabled, 1);
    }
}
