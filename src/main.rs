//! The `dossier` command line: a thin layer over the library.
//!
//! Exit status: 0 success; 1 a fatal error (database, output); 2 a usage error;
//! 3 the command ran but some inputs could not be read (each named on stderr).

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use dossier::build::{build, load_analyses, load_corpus};
use dossier::store::Store;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

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
        #[arg(long)]
        anchor: Option<String>,
        /// Language of TEXT (ISO 639-1); detected when absent.
        #[arg(long)]
        lang: Option<String>,
        text: String,
    },
    /// Print the timeline of events.
    Timeline {
        #[arg(long, default_value = "dossier.db")]
        db: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dossier: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn open(db: &PathBuf) -> Result<Store> {
    Store::open(db).with_context(|| format!("cannot open database {}", db.display()))
}

fn run(cli: Cli) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match cli.command {
        Command::Build { db, quiet, inputs } => {
            let _lock = dossier::store::BuildLock::acquire(&db, || {
                eprintln!("dossier: another build is writing to {}; waiting for it to finish", db.display())
            })?;
            let mut store = open(&db)?;
            let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
            bar.set_style(indicatif::ProgressStyle::with_template("{spinner} {pos} pages  {per_sec}  {msg}").expect("static template"));
            let pages = dossier::page::read_inputs(&inputs, dossier::page::Limits::default());
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
            if !quiet {
                let corpus = load_corpus(&store)?;
                write!(out, "{}", dossier::timeline::render(&corpus.events))?;
            }
            out.flush()?;
            return Ok(if report.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(3) });
        }
        Command::Export { db, format: Format::Json } => {
            let store = open(&db)?;
            let docs = load_analyses(&store.documents()?)?;
            let corpus = load_corpus(&store)?;
            serde_json::to_writer_pretty(&mut out, &dossier::export::to_json(&docs, &corpus))?;
            writeln!(out)?;
        }
        Command::Docs { db } => {
            let store = open(&db)?;
            for d in store.documents()? {
                writeln!(out, "{}\t{}\t{}\t{}", d.source, d.lang, d.published.as_deref().unwrap_or("-"), d.title.as_deref().unwrap_or("-"))?;
            }
        }
        Command::Show { db, source } => {
            let store = open(&db)?;
            let row = store.document(&source)?.with_context(|| format!("no document {source:?} in {}", db.display()))?;
            let doc = load_analyses(std::slice::from_ref(&row))?.remove(0);
            write!(out, "{}", dossier::show(&doc))?;
        }
        Command::Dates { anchor, lang, text } => {
            let anchor = match anchor {
                Some(a) => Some(a.parse::<dossier::time::Date>().with_context(|| format!("--anchor {a:?} is not a YYYY-MM-DD date"))?),
                None => None,
            };
            let lang = lang.or_else(|| dossier::article::detect_language(&text)).unwrap_or_else(|| "und".into());
            for d in dossier::time::find_dates(&text, &lang, anchor) {
                serde_json::to_writer(&mut out, &d)?;
                writeln!(out)?;
            }
        }
        Command::Timeline { db } => {
            let store = open(&db)?;
            write!(out, "{}", dossier::timeline::render(&load_corpus(&store)?.events))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
