//! Web archives (WARC 1.0/1.1), read as a stream record by record: response records that
//! carry an HTML page become pages (WARC-Target-URI = URL, WARC-Record-ID = source,
//! WARC-Date = crawl date, the HTTP charset = declared charset). Other records are skipped
//! without holding them; a malformed or truncated record is one error naming the file and
//! the record, and reading goes on with the next record when the stream allows it.

use crate::decode::decode;
use crate::read::{meta_charset, InputError};
use crate::{Declared, Markup, Page};
use std::io::{BufRead, Read};

/// Longest header line read (WARC or HTTP).
const MAX_LINE: u64 = 64 << 10;
/// Most header lines in one record's WARC header.
const MAX_HEADERS: usize = 512;

/// One WARC file being read.
pub struct WarcReader {
    origin: String,
    stream: Box<dyn BufRead + Send>,
    /// Records started so far (1-based number of the current record).
    record: usize,
    max_page_bytes: u64,
    done: bool,
    queue: std::collections::VecDeque<Result<Page, InputError>>,
}

enum Line {
    Eof,
    Text(String),
    TooLong,
}

fn read_line<R: BufRead + ?Sized>(r: &mut R) -> std::io::Result<Line> {
    let mut buf = Vec::new();
    let n = Read::take(&mut *r, MAX_LINE).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(Line::Eof);
    }
    if !buf.ends_with(b"\n") && n as u64 >= MAX_LINE {
        return Ok(Line::TooLong);
    }
    while buf.last().is_some_and(|c| *c == b'\n' || *c == b'\r') {
        buf.pop();
    }
    Ok(Line::Text(String::from_utf8_lossy(&buf).into_owned()))
}

/// Discards `n` bytes; returns how many were there.
fn skip<R: Read + ?Sized>(r: &mut R, n: u64) -> std::io::Result<u64> {
    std::io::copy(&mut Read::take(&mut *r, n), &mut std::io::sink())
}

struct Header {
    fields: Vec<(String, String)>,
}

impl Header {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn strip_angles(s: &str) -> &str {
    s.trim().trim_start_matches('<').trim_end_matches('>').trim()
}

/// The parts of an HTTP response that matter here.
struct Http<'a> {
    status: u16,
    content_type: Option<String>,
    chunked: bool,
    encoding: Option<String>,
    body: &'a [u8],
}

fn parse_http(block: &[u8]) -> Option<Http<'_>> {
    let end = memfind(block, b"\r\n\r\n").map(|i| (i, i + 4)).or_else(|| memfind(block, b"\n\n").map(|i| (i, i + 2)))?;
    let head = String::from_utf8_lossy(block.get(..end.0)?);
    let mut lines = head.lines();
    let status_line = lines.next()?.trim();
    if !status_line.to_ascii_uppercase().starts_with("HTTP/") {
        return None;
    }
    let status = status_line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut http = Http { status, content_type: None, chunked: false, encoding: None, body: block.get(end.1..).unwrap_or(&[]) };
    for line in lines {
        let Some((k, v)) = line.split_once(':') else { continue };
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_string());
        match k.as_str() {
            "content-type" => http.content_type = Some(v),
            "transfer-encoding" => http.chunked = v.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => http.encoding = Some(v.to_ascii_lowercase()),
            _ => {}
        }
    }
    Some(http)
}

fn memfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// Undoes chunked transfer coding; None when it is broken.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut at = 0usize;
    loop {
        let rest = body.get(at..)?;
        let line_end = memfind(rest, b"\n")?;
        let line = std::str::from_utf8(rest.get(..line_end)?).ok()?.trim();
        let size = usize::from_str_radix(line.split(';').next()?.trim(), 16).ok()?;
        at += line_end + 1;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(at..at.checked_add(size)?)?);
        at += size;
        // the CRLF after the chunk
        while body.get(at).is_some_and(|c| *c == b'\r' || *c == b'\n') {
            at += 1;
            if body.get(at.wrapping_sub(1)) == Some(&b'\n') {
                break;
            }
        }
    }
}

/// The charset parameter of a Content-Type value.
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(['"', '\'']).to_string()).filter(|v| !v.is_empty())
    })
}

fn is_html(content_type: Option<&str>, body: &[u8]) -> bool {
    match content_type {
        Some(ct) => {
            let ct = ct.to_ascii_lowercase();
            ct.starts_with("text/html") || ct.starts_with("application/xhtml")
        }
        None => {
            let head = String::from_utf8_lossy(body.get(..body.len().min(1024)).unwrap_or(&[])).to_ascii_lowercase();
            head.contains("<html") || head.contains("<!doctype html")
        }
    }
}

impl WarcReader {
    pub fn new(origin: String, stream: Box<dyn BufRead + Send>, max_page_bytes: u64) -> Self {
        WarcReader { origin, stream, record: 0, max_page_bytes, done: false, queue: Default::default() }
    }

    fn at(&self, id: Option<&str>) -> String {
        match id {
            Some(id) => format!("{}: record {} ({id})", self.origin, self.record),
            None => format!("{}: record {}", self.origin, self.record),
        }
    }

    /// The next page or error; None at the end of the file.
    pub fn next_item(&mut self) -> Option<Result<Page, InputError>> {
        loop {
            if let Some(item) = self.queue.pop_front() {
                return Some(item);
            }
            if self.done {
                return None;
            }
            self.next_record();
        }
    }

    fn io_error(&mut self, id: Option<&str>, e: std::io::Error) {
        self.done = true;
        let origin = self.at(id);
        let message = if e.kind() == std::io::ErrorKind::UnexpectedEof { format!("truncated record ({e}); skipped") } else { e.to_string() };
        self.queue.push_back(Err(InputError::Io { origin, message }));
    }

    fn malformed(&mut self, id: Option<&str>, message: String) {
        let origin = self.at(id);
        self.queue.push_back(Err(InputError::Unsupported { origin, message }));
    }

    /// Reads one record into the queue (a page, an error, or nothing for records that are not pages).
    fn next_record(&mut self) {
        // the version line, after the blank lines between records
        let mut junk = false;
        loop {
            match read_line(&mut self.stream) {
                Err(e) => {
                    self.record += 1;
                    return self.io_error(None, e);
                }
                Ok(Line::Eof) => {
                    self.done = true;
                    if junk {
                        self.record += 1;
                        self.malformed(None, "malformed WARC data (no record header) at the end of the file; skipped".into());
                    }
                    return;
                }
                Ok(Line::TooLong) => junk = true,
                Ok(Line::Text(l)) if l.trim().is_empty() => continue,
                Ok(Line::Text(l)) if l.starts_with("WARC/") => break,
                Ok(Line::Text(_)) => junk = true,
            }
        }
        self.record += 1;
        if junk {
            self.malformed(None, "malformed WARC data before this record (not a record header); skipped".into());
        }
        // the WARC header
        let mut header = Header { fields: Vec::new() };
        loop {
            match read_line(&mut self.stream) {
                Err(e) => return self.io_error(None, e),
                Ok(Line::Eof) => {
                    self.done = true;
                    return self.malformed(None, "truncated record: the file ends inside the WARC header; skipped".into());
                }
                Ok(Line::TooLong) => return self.malformed(None, "header line too long; record skipped".into()),
                Ok(Line::Text(l)) if l.is_empty() => break,
                Ok(Line::Text(l)) => {
                    if header.fields.len() >= MAX_HEADERS {
                        return self.malformed(None, "too many header lines; record skipped".into());
                    }
                    if let Some((k, v)) = l.split_once(':') {
                        header.fields.push((k.trim().to_string(), v.trim().to_string()));
                    }
                }
            }
        }
        let id = header.get("WARC-Record-ID").map(|v| strip_angles(v).to_string()).filter(|v| !v.is_empty());
        let id = id.as_deref();
        let Some(len) = header.get("Content-Length").and_then(|v| v.trim().parse::<u64>().ok()) else {
            return self.malformed(id, "no valid Content-Length; record skipped".into());
        };
        let wanted = header.get("WARC-Type").is_some_and(|t| t.trim().eq_ignore_ascii_case("response"))
            && header.get("Content-Type").is_none_or(|t| t.to_ascii_lowercase().contains("application/http"));
        if !wanted {
            match skip(&mut self.stream, len) {
                Ok(n) if n == len => {}
                Ok(n) => {
                    self.done = true;
                    return self.malformed(id, format!("truncated record: {n} of {len} bytes; skipped"));
                }
                Err(e) => return self.io_error(id, e),
            }
            return;
        }
        if len > self.max_page_bytes {
            match skip(&mut self.stream, len) {
                Ok(_) => {}
                Err(e) => return self.io_error(id, e),
            }
            let origin = self.at(id);
            self.queue.push_back(Err(InputError::TooLarge { origin, limit: self.max_page_bytes }));
            return;
        }
        let mut block = Vec::with_capacity(len.min(1 << 20) as usize);
        if let Err(e) = (&mut self.stream).take(len).read_to_end(&mut block) {
            return self.io_error(id, e);
        }
        // a record cut short: the next record's header shows up inside the block, or the file ends
        if let Some(cut) = next_record_inside(&block) {
            let rest = block.split_off(cut);
            let old = std::mem::replace(&mut self.stream, Box::new(std::io::empty()));
            self.stream = Box::new(std::io::Cursor::new(rest).chain(old));
            return self.malformed(id, format!("truncated record: {cut} of {len} bytes before the next record; skipped"));
        }
        if (block.len() as u64) < len {
            self.done = true;
            return self.malformed(id, format!("truncated record: {} of {len} bytes; skipped", block.len()));
        }
        let url = header.get("WARC-Target-URI").map(|u| strip_angles(u).to_string()).filter(|u| !u.is_empty());
        let crawled = header.get("WARC-Date").map(|d| d.trim().to_string()).filter(|d| !d.is_empty());
        let source = id.map(str::to_string).or_else(|| url.clone()).unwrap_or_else(|| format!("{}#{}", self.origin, self.record));
        let origin = self.at(id);
        match page_of(&block, source, origin, url, crawled, self.max_page_bytes) {
            Ok(Some(page)) => self.queue.push_back(Ok(page)),
            Ok(None) => {}
            Err(e) => self.queue.push_back(Err(e)),
        }
    }
}

/// Where a record header starts inside a block, if one does: a "WARC/1.x" line followed by
/// WARC header fields.
fn next_record_inside(block: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(off) = block.get(from..).and_then(|b| memchr::memmem::find(b, b"WARC/1.")) {
        let at = from + off;
        let window = block.get(at..block.len().min(at + 400)).unwrap_or(&[]);
        let w = String::from_utf8_lossy(window);
        let first = w.lines().next().unwrap_or("").trim_end();
        if (first == "WARC/1.0" || first == "WARC/1.1") && (w.contains("\nWARC-Type:") || w.contains("\nWARC-Record-ID:")) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The page in an HTTP response block: None when it is not an HTML page with content.
fn page_of(block: &[u8], source: String, origin: String, url: Option<String>, crawled: Option<String>, limit: u64) -> Result<Option<Page>, InputError> {
    let Some(http) = parse_http(block) else {
        return Err(InputError::Unsupported { origin, message: "response record without a valid HTTP header; skipped".into() });
    };
    if !(200..300).contains(&http.status) || !is_html(http.content_type.as_deref(), http.body) {
        return Ok(None);
    }
    let mut body: std::borrow::Cow<[u8]> = std::borrow::Cow::Borrowed(http.body);
    if http.chunked {
        match dechunk(&body) {
            Some(b) => body = std::borrow::Cow::Owned(b),
            None => return Err(InputError::Unsupported { origin, message: "broken chunked transfer coding; skipped".into() }),
        }
    }
    if let Some(enc) = http.encoding.as_deref().map(str::trim).filter(|e| !e.is_empty() && *e != "identity") {
        let mut out = Vec::new();
        let res = match enc {
            "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(&body[..]).take(limit + 1).read_to_end(&mut out),
            "deflate" => flate2::read::ZlibDecoder::new(&body[..]).take(limit + 1).read_to_end(&mut out),
            other => return Err(InputError::Unsupported { origin, message: format!("content encoding '{other}' not read; skipped") }),
        };
        if let Err(e) = res {
            return Err(InputError::Io { origin, message: format!("cannot decompress the page ({enc}): {e}") });
        }
        if out.len() as u64 > limit {
            return Err(InputError::TooLarge { origin, limit });
        }
        body = std::borrow::Cow::Owned(out);
    }
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Ok(None);
    }
    let charset = http.content_type.as_deref().and_then(charset_param).or_else(|| meta_charset(&body));
    let decoded = decode(&body, charset.as_deref()).map_err(|e| InputError::NotText { origin: origin.clone(), reason: e.to_string() })?;
    Ok(Some(Page {
        source,
        origin,
        url,
        markup: Markup::Html,
        content: decoded.text,
        encoding: decoded.encoding.to_string(),
        declared: Declared { title: None, published: None, crawled, charset },
    }))
}
