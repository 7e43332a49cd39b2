//! A build killed with SIGKILL in the middle leaves a database that opens, passes
//! `PRAGMA integrity_check`, holds no half-stored page, and that a second build completes to
//! exactly the export of a build that was never interrupted.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PAGES: usize = 1200;

fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

/// A JSONL corpus of `PAGES` records varied from the development pages.
fn write_corpus(dir: &Path) -> PathBuf {
    let dev = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/dev/pages.jsonl");
    let records: Vec<serde_json::Value> =
        std::fs::read_to_string(dev).expect("../shared/dev/pages.jsonl").lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let mut out = String::new();
    for i in 0..PAGES {
        let mut r = records[i % records.len()].clone();
        let id = format!("k{i:05}-{}", r["id"].as_str().unwrap());
        let text = format!("{}\n(ref. {i})", r["text"].as_str().unwrap());
        r["id"] = id.into();
        r["text"] = text.into();
        out.push_str(&r.to_string());
        out.push('\n');
    }
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, out).unwrap();
    path
}

fn build(db: &Path, corpus: &Path) {
    let status = dossier().args(["build", "--quiet", "--db"]).arg(db).arg(corpus).stdout(Stdio::null()).stderr(Stdio::null()).status().unwrap();
    assert!(status.success(), "build failed: {status}");
}

fn export(db: &Path) -> Vec<u8> {
    let out = dossier().args(["export", "--format", "json", "--db"]).arg(db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn stored(db: &Path) -> usize {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0)).unwrap_or(0) as usize
}

#[test]
fn a_killed_build_resumes_to_the_same_export() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = write_corpus(dir.path());

    let clean = dir.path().join("clean.db");
    build(&clean, &corpus);
    let expected = export(&clean);

    let killed = dir.path().join("killed.db");
    let mut child = dossier().args(["build", "--quiet", "--db"]).arg(&killed).arg(&corpus).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let start = Instant::now();
    // kill once some batches are stored, but before the end
    while start.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(50));
        if killed.exists() && stored(&killed) > 0 {
            break;
        }
    }
    let exited_already = child.try_wait().unwrap().is_some();
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    assert!(!exited_already, "the build finished before it could be killed; raise PAGES");

    let conn = rusqlite::Connection::open(&killed).expect("the database opens after a kill");
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    let mut stmt = conn.prepare("SELECT source, analysis FROM documents").unwrap();
    let rows: Vec<(String, String)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    assert!(rows.len() < PAGES, "killed before the end: {} of {PAGES} stored", rows.len());
    for (source, analysis) in &rows {
        let doc: serde_json::Value = serde_json::from_str(analysis).unwrap_or_else(|e| panic!("{source}: half-stored analysis: {e}"));
        assert_eq!(doc["article"]["source"], serde_json::Value::from(source.as_str()));
    }
    drop(stmt);
    drop(conn);

    build(&killed, &corpus);
    assert_eq!(stored(&killed), PAGES);
    assert!(export(&killed) == expected, "the resumed build's export differs from a clean build's");
}
