//! The input walker: paths (files, directories walked recursively in sorted order, `-` for
//! stdin) become a lazy stream of pages. Each failure is an `InputError` naming the input
//! and the reason, and the stream goes on with the next input.

use crate::decode::{decode, NotText};
use crate::record::{LineBytes, Spare};
use crate::{Declared, Markup, Page, Record};
use flate2::read::MultiGzDecoder;
use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Bounds that keep memory finite whatever the input. The defaults keep a build under 1 GB:
/// analysing a page takes about 30 times its size at its peak (a 20 MB page of one line
/// peaked at 576 MB), and pages are analysed a few at a time in parallel; real news pages,
/// HTML included, are well under 8 MB.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest page (after decompression) read into memory, in bytes.
    pub max_page_bytes: u64,
    /// Largest JSONL line, in bytes.
    pub max_line_bytes: u64,
    /// Deepest directory nesting followed.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_page_bytes: 8 << 20, max_line_bytes: 8 << 20, max_depth: 64 }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InputError {
    #[error("{origin}: cannot read: {message}")]
    Io { origin: String, message: String },
    #[error("{origin}: {reason}")]
    NotText { origin: String, reason: String },
    #[error("{origin}: larger than the limit of {limit} bytes (after decompression); skipped")]
    TooLarge { origin: String, limit: u64 },
    #[error("{origin}: not a valid JSONL record: {message}")]
    Json { origin: String, message: String },
    #[error("{origin}: {message}")]
    Unsupported { origin: String, message: String },
}

impl InputError {
    pub fn origin(&self) -> &str {
        match self {
            InputError::Io { origin, .. }
            | InputError::NotText { origin, .. }
            | InputError::TooLarge { origin, .. }
            | InputError::Json { origin, .. }
            | InputError::Unsupported { origin, .. } => origin,
        }
    }
}

/// What a file holds, from its name (after any `.gz`) or, failing that, its first bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Html,
    Jsonl,
    Warc,
}

fn kind_from_name(name: &str) -> Option<Kind> {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
    match ext {
        "txt" | "text" => Some(Kind::Text),
        "html" | "htm" | "xhtml" | "shtml" => Some(Kind::Html),
        "jsonl" | "ndjson" => Some(Kind::Jsonl),
        "warc" => Some(Kind::Warc),
        _ => None,
    }
}

fn kind_from_content(head: &[u8]) -> Kind {
    let start = String::from_utf8_lossy(&head[..head.len().min(2048)]).trim_start().to_ascii_lowercase();
    if start.starts_with("warc/") {
        Kind::Warc
    } else if start.starts_with('{') {
        Kind::Jsonl
    } else if start.starts_with("<!doctype html") || start.starts_with("<html") || start.contains("<body") || start.contains("<p>") {
        Kind::Html
    } else {
        Kind::Text
    }
}

/// An open stream of bytes (already decompressed when it was gzip).
type Stream = BufReader<Box<dyn Read + Send>>;

fn open_stream(path: Option<&Path>) -> std::io::Result<Stream> {
    let raw: Box<dyn Read + Send> = match path {
        Some(p) => Box::new(File::open(p)?),
        None => Box::new(std::io::stdin()),
    };
    wrap_stream(raw)
}

/// Buffers a raw stream, gunzipping it when it starts with gzip's magic bytes.
fn wrap_stream(raw: Box<dyn Read + Send>) -> std::io::Result<Stream> {
    let mut reader = BufReader::with_capacity(64 << 10, raw);
    let is_gzip = reader.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    if is_gzip {
        let inner: Box<dyn Read + Send> = Box::new(MultiGzDecoder::new(reader));
        reader = BufReader::with_capacity(64 << 10, inner);
    }
    Ok(reader)
}

/// Opens a file for reading, gunzipping it when it is gzip (by its first bytes).
pub fn open_decompressed(path: &Path) -> std::io::Result<impl BufRead + Send> {
    open_stream(Some(path))
}

/// Reads at most `limit` bytes; `Ok(None)` when the stream is longer.
fn read_capped(stream: &mut impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    stream.take(limit + 1).read_to_end(&mut buf)?;
    Ok(if buf.len() as u64 > limit { None } else { Some(buf) })
}

/// A JSONL file being read record by record.
struct JsonlReader {
    origin: String,
    stream: Stream,
    line: usize,
    /// The buffer the next line is read into, once its last record is done with it.
    spare: Spare,
}

enum Pending {
    Path(PathBuf, usize),
    Stdin,
    /// A stream given by the caller, with the name it is read as.
    Stream(String, Box<dyn Read + Send>),
}

/// The stream of pages from a list of inputs.
pub struct Inputs {
    queue: VecDeque<Pending>,
    jsonl: Option<JsonlReader>,
    warc: Option<crate::warc::WarcReader>,
    seen_dirs: HashSet<PathBuf>,
    limits: Limits,
}

/// Reads `inputs` (files, directories, or `-` for stdin) lazily, in order; directories are
/// walked recursively in sorted order, following symbolic links but never twice into one directory.
pub fn read_inputs<S: AsRef<str>>(inputs: &[S], limits: Limits) -> Inputs {
    let queue = inputs
        .iter()
        .map(|s| match s.as_ref() {
            "-" => Pending::Stdin,
            p => Pending::Path(PathBuf::from(p), 0),
        })
        .collect();
    Inputs { queue, jsonl: None, warc: None, seen_dirs: HashSet::new(), limits }
}

/// Reads one stream of bytes exactly as a file named `name` would be read: its kind (text,
/// HTML, JSONL, WARC) from the name, else from its first bytes; gunzipped by magic bytes; the
/// same limits and errors, each naming `name`. For callers holding bytes in memory (and the
/// fuzz targets under `fuzz/`).
pub fn read_stream(name: &str, stream: impl Read + Send + 'static, limits: Limits) -> Inputs {
    let queue = VecDeque::from([Pending::Stream(name.to_string(), Box::new(stream))]);
    Inputs { queue, jsonl: None, warc: None, seen_dirs: HashSet::new(), limits }
}

fn origin_of(path: Option<&Path>) -> String {
    path.map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string())
}

fn source_of(path: Option<&Path>) -> String {
    path.and_then(|p| p.file_name()).map_or_else(|| "stdin".to_string(), |n| n.to_string_lossy().into_owned())
}

impl Inputs {
    /// The next item of the WARC file being read, if any.
    fn next_warc(&mut self) -> Option<Result<Record, InputError>> {
        let item = self.warc.as_mut()?.next_item().map(|r| r.map(Record::from));
        if item.is_none() {
            self.warc = None;
        }
        item
    }

    fn next_jsonl(&mut self) -> Option<Result<Record, InputError>> {
        let reader = self.jsonl.as_mut()?;
        loop {
            reader.line += 1;
            let origin = format!("{}:{}", reader.origin, reader.line);
            // back to the spare when its record is done with it, or at once when there is none
            let mut line = LineBytes { bytes: reader.spare.take(), home: reader.spare.clone() };
            let buf = &mut line.bytes;
            let n = match (&mut reader.stream).take(self.limits.max_line_bytes + 1).read_until(b'\n', buf) {
                Ok(n) => n,
                Err(e) => {
                    let err = InputError::Io { origin, message: e.to_string() };
                    self.jsonl = None;
                    return Some(Err(err));
                }
            };
            if n == 0 {
                self.jsonl = None;
                return None;
            }
            if buf.len() as u64 > self.limits.max_line_bytes && !buf.ends_with(b"\n") {
                // skip the rest of the over-long line without holding it
                let mut sink = Vec::new();
                loop {
                    sink.clear();
                    match (&mut reader.stream).take(1 << 20).read_until(b'\n', &mut sink) {
                        Ok(0) => break,
                        Ok(_) if sink.ends_with(b"\n") => break,
                        Ok(_) => continue,
                        Err(_) => break,
                    }
                }
                return Some(Err(InputError::TooLarge { origin, limit: self.limits.max_line_bytes }));
            }
            if buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(Ok(Record::line(origin, line)));
        }
    }

    fn open_file(&mut self, path: Option<&Path>) -> Option<Result<Record, InputError>> {
        let origin = origin_of(path);
        let stream = match open_stream(path) {
            Ok(s) => s,
            Err(e) => return Some(Err(InputError::Io { origin, message: e.to_string() })),
        };
        let name = path.map(|p| p.to_string_lossy().into_owned());
        self.open_opened(stream, origin, source_of(path), name.as_deref())
    }

    /// Reads an opened stream; `name` (a path) gives its kind when its extension says it.
    fn open_opened(&mut self, mut stream: Stream, origin: String, source: String, name: Option<&str>) -> Option<Result<Record, InputError>> {
        let kind = name.and_then(kind_from_name).unwrap_or_else(|| {
            let head = stream.fill_buf().map(|b| b.to_vec()).unwrap_or_default();
            kind_from_content(&head)
        });
        match kind {
            Kind::Jsonl => {
                self.jsonl = Some(JsonlReader { origin, stream, line: 0, spare: Spare::default() });
                self.next_jsonl()
            }
            Kind::Warc => {
                self.warc = Some(crate::warc::WarcReader::new(origin, Box::new(stream), self.limits.max_page_bytes));
                self.next_warc()
            }
            Kind::Text | Kind::Html => {
                let bytes = match read_capped(&mut stream, self.limits.max_page_bytes) {
                    Ok(Some(b)) => b,
                    Ok(None) => return Some(Err(InputError::TooLarge { origin, limit: self.limits.max_page_bytes })),
                    Err(e) => return Some(Err(InputError::Io { origin, message: e.to_string() })),
                };
                let markup = if kind == Kind::Html { Markup::Html } else { Markup::Text };
                let declared_charset = if markup == Markup::Html { meta_charset(&bytes) } else { None };
                let decoded = match decode(&bytes, declared_charset.as_deref()) {
                    Ok(d) => d,
                    Err(e) => return Some(Err(not_text(origin, e))),
                };
                Some(Ok(Record::from(Page {
                    source,
                    origin,
                    url: None,
                    markup,
                    content: decoded.text,
                    encoding: decoded.encoding.to_string(),
                    declared: Declared { charset: declared_charset, ..Declared::default() },
                })))
            }
        }
    }
}

fn not_text(origin: String, e: NotText) -> InputError {
    InputError::NotText { origin, reason: e.to_string() }
}

/// The charset an HTML page names in its first bytes (`<meta charset=…>` or http-equiv).
pub(crate) fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let rest = head[at..].trim_start_matches(['"', '\'', ' ']);
    let label: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    (!label.is_empty()).then_some(label)
}

/// The fields of a JSONL record that a page is made from (each a string in the record, else None;
/// `id` also from a number).
#[derive(Debug, Default, PartialEq)]
struct Fields {
    id: Option<String>,
    url: Option<String>,
    html: Option<String>,
    text: Option<String>,
    title: Option<String>,
    published: Option<String>,
    crawled: Option<String>,
}

impl Fields {
    /// Through a `serde_json::Value`: any valid JSON, and serde_json's messages for the rest.
    fn from_json(text: &str) -> Result<Fields, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let obj = value.as_object().ok_or_else(|| "not a JSON object".to_string())?;
        let field = |k: &str| obj.get(k).and_then(|v| v.as_str()).map(str::to_string);
        Ok(Fields {
            id: field("id").or_else(|| obj.get("id").filter(|v| v.is_number()).map(|v| v.to_string())),
            url: field("url"),
            html: field("html"),
            text: field("text"),
            title: field("title"),
            published: field("published"),
            crawled: field("crawled"),
        })
    }
}

/// A record read straight into its fields (serde skips the fields it does not know without
/// building them). Anything this does not take — a line that is not an object, a repeated
/// field, invalid JSON — is read through `Fields::from_json` instead, so that every record gets
/// the same fields and every error the same message. Building a `Value` for every record (a
/// page's HTML is a string of hundreds of kilobytes) was most of the time spent reading a
/// JSONL file.
fn record_direct(text: &str) -> Option<Fields> {
    #[derive(Default, serde::Deserialize)]
    #[serde(default)]
    struct Direct {
        id: Option<serde_json::Value>,
        url: Option<serde_json::Value>,
        html: Option<serde_json::Value>,
        text: Option<serde_json::Value>,
        title: Option<serde_json::Value>,
        published: Option<serde_json::Value>,
        crawled: Option<serde_json::Value>,
    }
    // a derived struct also reads a JSON array, field by field: only objects come here
    if !text.trim_start_matches([' ', '\t', '\n', '\r']).starts_with('{') {
        return None;
    }
    let d: Direct = serde_json::from_str(text).ok()?;
    let string = |v: Option<serde_json::Value>| match v {
        Some(serde_json::Value::String(s)) => Some(s),
        _ => None,
    };
    let id = match d.id {
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        other => string(other),
    };
    Some(Fields {
        id,
        url: string(d.url),
        html: string(d.html),
        text: string(d.text),
        title: string(d.title),
        published: string(d.published),
        crawled: string(d.crawled),
    })
}

pub(crate) fn page_from_json(line: &[u8], origin: &str) -> Result<Page, InputError> {
    let err = |message: String| InputError::Json { origin: origin.to_string(), message };
    let text = std::str::from_utf8(line).map_err(|e| err(format!("invalid UTF-8: {e}")))?;
    let record = match record_direct(text) {
        Some(record) => record,
        None => Fields::from_json(text).map_err(err)?,
    };
    let source = record.id.or_else(|| record.url.clone()).ok_or_else(|| err("neither \"id\" nor \"url\"".into()))?;
    let (markup, content) = match (record.html, record.text) {
        (Some(h), _) => (Markup::Html, h),
        (None, Some(t)) => (Markup::Text, t),
        (None, None) => return Err(err("neither \"text\" nor \"html\"".into())),
    };
    if content.trim().is_empty() {
        return Err(InputError::NotText { origin: origin.to_string(), reason: "empty page".into() });
    }
    Ok(Page {
        source,
        origin: origin.to_string(),
        url: record.url,
        markup,
        content,
        encoding: "UTF-8".into(),
        declared: Declared { title: record.title, published: record.published, crawled: record.crawled, charset: None },
    })
}

impl Iterator for Inputs {
    type Item = Result<Page, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record().map(|record| record.and_then(Record::page))
    }
}

/// The stream of records from a list of inputs: `Inputs` with each JSONL line left unparsed
/// until its page is asked for (`Record::page`).
pub struct Records(Inputs);

impl Iterator for Records {
    type Item = Result<Record, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next_record()
    }
}

impl Inputs {
    /// The same inputs read as records, each parsed only when its page is asked for.
    pub fn records(self) -> Records {
        Records(self)
    }

    fn next_record(&mut self) -> Option<Result<Record, InputError>> {
        loop {
            if self.warc.is_some() {
                if let Some(item) = self.next_warc() {
                    return Some(item);
                }
            }
            if self.jsonl.is_some() {
                if let Some(item) = self.next_jsonl() {
                    return Some(item);
                }
            }
            match self.queue.pop_front()? {
                Pending::Stdin => {
                    if let Some(item) = self.open_file(None) {
                        return Some(item);
                    }
                }
                Pending::Stream(name, raw) => {
                    let stream = match wrap_stream(raw) {
                        Ok(s) => s,
                        Err(e) => return Some(Err(InputError::Io { origin: name, message: e.to_string() })),
                    };
                    let source = Path::new(&name).file_name().map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
                    if let Some(item) = self.open_opened(stream, name.clone(), source, Some(&name)) {
                        return Some(item);
                    }
                }
                Pending::Path(path, depth) => {
                    let meta = match std::fs::metadata(&path) {
                        Ok(m) => m,
                        Err(e) => return Some(Err(InputError::Io { origin: origin_of(Some(&path)), message: e.to_string() })),
                    };
                    if meta.is_dir() {
                        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
                        if !self.seen_dirs.insert(canonical) {
                            continue; // a symbolic link back into a directory already walked
                        }
                        if depth >= self.limits.max_depth {
                            return Some(Err(InputError::Unsupported {
                                origin: origin_of(Some(&path)),
                                message: format!("directory nesting deeper than {}; not walked", self.limits.max_depth),
                            }));
                        }
                        let entries = match std::fs::read_dir(&path) {
                            Ok(rd) => rd,
                            Err(e) => return Some(Err(InputError::Io { origin: origin_of(Some(&path)), message: e.to_string() })),
                        };
                        let mut children: Vec<PathBuf> = entries
                            .filter_map(|e| e.ok())
                            .map(|e| e.path())
                            .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
                            .filter(|p| p.is_dir() || kind_from_name(&p.to_string_lossy()).is_some())
                            .collect();
                        children.sort();
                        for child in children.into_iter().rev() {
                            self.queue.push_front(Pending::Path(child, depth + 1));
                        }
                    } else if let Some(item) = self.open_file(Some(&path)) {
                        return Some(item);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn collect(inputs: &[&str]) -> Vec<Result<Page, InputError>> {
        read_inputs(inputs, Limits::default()).collect()
    }

    #[test]
    fn reads_directories_jsonl_and_gzip_with_errors_per_input() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.txt"), "Un article.\n").unwrap();
        std::fs::write(d.join("b.html"), "<html><body><p>Bonjour</p></body></html>").unwrap();
        std::fs::write(d.join("c.jsonl"), "{\"id\":\"r1\",\"text\":\"Texte un\"}\nnot json\n\n{\"id\":\"r2\",\"html\":\"<p>x</p>\",\"published\":\"2022-06-18\"}\n").unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"Texte compresse.\n").unwrap();
        std::fs::write(d.join("d.txt.gz"), gz.finish().unwrap()).unwrap();
        std::fs::write(d.join("e.html"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
        std::fs::write(d.join("ignored.bin"), b"zzz").unwrap();

        let items = collect(&[d.to_str().unwrap()]);
        let ok: Vec<&Page> = items.iter().filter_map(|r| r.as_ref().ok()).collect();
        let sources: Vec<&str> = ok.iter().map(|p| p.source.as_str()).collect();
        assert_eq!(sources, vec!["a.txt", "b.html", "r1", "r2", "d.txt.gz"]);
        assert_eq!(ok[1].markup, Markup::Html);
        assert_eq!(ok[3].declared.published.as_deref(), Some("2022-06-18"));
        assert_eq!(ok[4].content, "Texte compresse.\n");
        let errs: Vec<String> = items.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].contains("c.jsonl:2") && errs[0].contains("JSONL"), "{errs:?}");
        assert!(errs[1].contains("e.html") && errs[1].contains("PNG"), "{errs:?}");
    }

    #[test]
    fn a_missing_file_is_an_error_and_the_rest_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        std::fs::write(&a, "Texte.").unwrap();
        let items = collect(&["/nonexistent/x.txt", a.to_str().unwrap()]);
        assert!(items[0].as_ref().unwrap_err().to_string().contains("/nonexistent/x.txt"));
        assert_eq!(items[1].as_ref().unwrap().source, "a.txt");
    }

    #[test]
    fn gzip_bombs_are_capped() {
        let dir = tempfile::tempdir().unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![b'a'; 1 << 20];
        for _ in 0..8 {
            gz.write_all(&zeros).unwrap();
        }
        let p = dir.path().join("bomb.txt.gz");
        std::fs::write(&p, gz.finish().unwrap()).unwrap();
        let limits = Limits { max_page_bytes: 1 << 20, ..Limits::default() };
        let items: Vec<_> = read_inputs(&[p.to_str().unwrap()], limits).collect();
        assert!(matches!(items[0], Err(InputError::TooLarge { .. })));
    }

    #[test]
    fn a_stream_is_read_as_a_file_of_its_name() {
        let jsonl = b"{\"id\":\"r1\",\"text\":\"Texte un\"}\nnot json\n".to_vec();
        let items: Vec<_> = read_stream("mem/pages.jsonl", std::io::Cursor::new(jsonl), Limits::default()).collect();
        assert_eq!(items[0].as_ref().unwrap().source, "r1");
        assert!(items[1].as_ref().unwrap_err().to_string().starts_with("mem/pages.jsonl:2: "), "{items:?}");
        let items: Vec<_> = read_stream("page", std::io::Cursor::new(b"<html><body><p>Bonjour</p></body></html>".to_vec()), Limits::default()).collect();
        assert_eq!(items[0].as_ref().unwrap().markup, Markup::Html);
        assert_eq!(items[0].as_ref().unwrap().source, "page");
    }

    #[test]
    fn records_are_pages_parsed_when_asked_and_lines_give_their_bytes() {
        let jsonl = b"{\"id\":\"r1\",\"text\":\"Texte un\"}\r\n\n{\"id\":\"r2\"\n{\"id\":\"r1\",\"text\":\"Texte un\"}".to_vec();
        let read = || read_stream("mem/pages.jsonl", std::io::Cursor::new(jsonl.clone()), Limits::default());
        let records: Vec<Record> = read().records().map(Result::unwrap).collect();
        let origins: Vec<&str> = records.iter().map(Record::origin).collect();
        assert_eq!(origins, ["mem/pages.jsonl:1", "mem/pages.jsonl:3", "mem/pages.jsonl:4"]);
        // the same line, whatever its ending and place, gives the same bytes
        assert_eq!(records[0].raw(), Some(&br#"{"id":"r1","text":"Texte un"}"#[..]));
        assert_eq!(records[0].raw(), records[2].raw());
        // parsed when asked, as the pages read directly are, errors included
        let parsed: Vec<Result<Page, InputError>> = records.into_iter().map(Record::page).collect();
        assert_eq!(parsed, read().collect::<Vec<_>>());
        assert!(parsed[1].is_err() && parsed[0].is_ok());
        // a page read whole has no bytes of its own: its source is its file's name
        let page: Vec<Record> = read_stream("page.txt", std::io::Cursor::new(b"Texte.".to_vec()), Limits::default()).records().map(Result::unwrap).collect();
        assert_eq!((page[0].raw(), page[0].origin()), (None, "page.txt"));
    }

    /// The direct reader gives what serde_json's `Value` gives, or leaves the record to it.
    fn agrees(json: &str) -> bool {
        match record_direct(json) {
            None => true,
            Some(r) => Fields::from_json(json).as_ref() == Ok(&r),
        }
    }

    #[test]
    fn records_read_directly_read_as_serde_json_reads_them() {
        let cases = [
            r#"{"id":"a","html":"<p class=\"x\">caf\u00e9 \/ \\ \n\t\r\b\f</p>"}"#,
            "{\"id\":\"a\",\"text\":\"é ü 日本 \\u0041\"}\r\n",
            r#" { "id" : "a" , "url" : null , "title" : true , "text" : "x" , "crawled": false } "#,
            r#"{"id":"a","id":"b","text":"x","text":null}"#,
            r#"{"id":7,"text":"x"}"#,
            r#"{"id":"a","text":"x","extra":{"n":[1,2]}}"#,
            r#"{"id":"a","text":"\ud83d\ude00"}"#,
            r#"{"id":"a","text":"\ud83d"}"#,
            r#"{"id":"a","text":"bad \x escape"}"#,
            "{\"id\":\"a\",\"text\":\"raw \u{1} control\"}",
            r#"{"id":"a","text":"x"} trailing"#,
            r#"{"id":"a","text":"x",}"#,
            r#"{"id":"a" "text":"x"}"#,
            r#"{"id":"a","text":"unterminated}"#,
            r#"{"id":"a","text":nul}"#,
            r#"{"id":"a","text":"x"}}"#,
            r#"{}"#,
            r#"[]"#,
            r#""str""#,
            r#"{"\u0069d":"escaped key","text":"x"}"#,
            r#"{"id":"a","text":"\u00zz"}"#,
            r#"{"id":"12345678901234567890","text":"0123456789abcdef\"0123456789abcdef\\"}"#,
        ];
        for c in cases {
            assert!(agrees(c), "{c}");
        }
        // the common shape is read directly
        assert!(record_direct(cases[0]).is_some() && record_direct(cases[2]).is_some());
        assert_eq!(Fields::from_json(cases[3]).ok().and_then(|r| r.id).as_deref(), Some("b"));
        // every cut of a record, and every byte of it changed into each JSON-significant byte
        let base = r#"{"id":"p1","url":null,"html":"<a href=\"/x\">caf\u00e9</a>\n","title":"T"}"#;
        for cut in 0..=base.len() {
            if let Some(prefix) = base.get(..cut) {
                assert!(agrees(prefix), "{prefix}");
            }
        }
        for i in 0..base.len() {
            for b in [b'"', b'\\', b'{', b'}', b',', b':', b' ', b'u', b'n', b'0', 0x01] {
                let mut bytes = base.as_bytes().to_vec();
                bytes[i] = b;
                if let Ok(s) = String::from_utf8(bytes) {
                    assert!(agrees(&s), "{s}");
                }
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_walked_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Texte.").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let items = collect(&[dir.path().to_str().unwrap()]);
        assert_eq!(items.len(), 1);
    }
}
