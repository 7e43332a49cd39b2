//! Shared by the integration tests: running the `dossier` binary, and `score`, a Rust port of
//! ../shared/eval/score.py so the tests assert figures without Python.
#![allow(dead_code)]

pub mod score;

use serde_json::Value;
use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The `dossier` binary built for these tests.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_dossier")
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The team's shared data (seeds, dev set, gold files, score.py), read-only.
pub fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"))
}

/// The example pages the team wrote (examples/ at the repository root).
pub fn examples() -> PathBuf {
    repo().join("examples")
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub stdout_bytes: Vec<u8>,
}

impl Run {
    /// Panics with everything the run printed unless it exited with `code`.
    pub fn expect_status(&self, code: i32, what: &str) -> &Run {
        assert_eq!(self.status, Some(code), "{what}: exit status\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
}

/// Runs `dossier ARGS` with `stdin` as its standard input.
pub fn run_with_stdin<I, S>(args: I, stdin: &[u8]) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut child = Command::new(bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start the dossier binary");
    {
        let mut input = child.stdin.take().expect("stdin is piped");
        // The binary may exit without reading (usage errors): a broken pipe is not a failure here.
        let _ = input.write_all(stdin);
    }
    let out = child.wait_with_output().expect("cannot wait for the dossier binary");
    Run {
        status: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout_bytes: out.stdout,
    }
}

/// Runs `dossier ARGS` with an empty standard input.
pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_with_stdin(args, b"")
}

/// A corpus built into a fresh database and exported.
pub struct Built {
    pub build: Run,
    /// The export exactly as printed.
    pub export_text: String,
    pub export: Value,
}

/// `dossier build --quiet --db TMP INPUTS...` then `dossier export --format json`; the
/// database lives in a temporary directory removed on return.
pub fn build_and_export(inputs: &[PathBuf]) -> Built {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("corpus.db");
    let mut args: Vec<&OsStr> = vec!["build".as_ref(), "--quiet".as_ref(), "--db".as_ref(), db.as_os_str()];
    args.extend(inputs.iter().map(|p| p.as_os_str()));
    let build = run(&args);
    let export = run(["export".as_ref(), "--db".as_ref(), db.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    export.expect_status(0, "export");
    let json = serde_json::from_str(&export.stdout).expect("the export is JSON");
    Built { build, export_text: export.stdout, export: json }
}

/// A JSON file.
pub fn load_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// python3, when it runs on this machine.
pub fn python3() -> Option<&'static str> {
    let ok = Command::new("python3").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status();
    matches!(ok, Ok(s) if s.success()).then_some("python3")
}

/// `data` as a gzip file made of stored (uncompressed) deflate blocks: enough to test reading
/// gzip without a compression library.
pub fn gzip_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let mut chunks = data.chunks(0xffff).peekable();
    if chunks.peek().is_none() {
        out.extend([1, 0, 0, 0xff, 0xff]);
    }
    while let Some(chunk) = chunks.next() {
        let last = chunks.peek().is_none() as u8;
        let len = chunk.len() as u16;
        out.push(last);
        out.extend(len.to_le_bytes());
        out.extend((!len).to_le_bytes());
        out.extend(chunk);
    }
    out.extend(crc32(data).to_le_bytes());
    out.extend((data.len() as u32).to_le_bytes());
    out
}

/// CRC-32 (gzip's), for writing gzip members by hand in tests.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}
