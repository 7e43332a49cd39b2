//! The HTTP/1.1 subset the interface needs: read one request head (bounded), write one
//! response, close. Request targets are split into percent-decoded path segments and query
//! pairs; a path that tries to climb (`..`) or carries control characters is marked refused.

use std::io::{Read, Write};
use std::net::TcpStream;

/// Longest request head read (request line and headers).
const MAX_HEAD: usize = 16 * 1024;

pub struct Request {
    pub method: String,
    pub target: String,
}

/// Reads the request head; an error is the status to answer with.
pub fn read_request(mut stream: &TcpStream) -> Result<Request, u16> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    let started = std::time::Instant::now();
    loop {
        if started.elapsed() > std::time::Duration::from_secs(10) {
            return Err(408);
        }
        if let Some(end) = find_head_end(&buf) {
            buf.truncate(end);
            break;
        }
        if buf.len() > MAX_HEAD {
            return Err(431);
        }
        match stream.read(&mut chunk) {
            Ok(0) => {
                if buf.is_empty() {
                    return Err(400);
                }
                break;
            }
            Ok(n) => buf.extend_from_slice(chunk.get(..n).unwrap_or(&[])),
            Err(_) => return Err(408),
        }
    }
    let head = String::from_utf8_lossy(&buf);
    let line = head.lines().next().unwrap_or("");
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next()) else { return Err(400) };
    if parts.next().is_some() || !version.starts_with("HTTP/1.") || method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(400);
    }
    Ok(Request { method: method.to_string(), target: target.to_string() })
}

fn find_head_end(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n").or_else(|| buf.windows(2).position(|w| w == b"\n\n"))
}

/// A response: status, extra headers, body with its content type.
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(status: u16, body: &str) -> Response {
        Response { status, content_type: "text/plain; charset=utf-8", headers: Vec::new(), body: body.as_bytes().to_vec() }
    }
    pub fn html(status: u16, body: String) -> Response {
        Response { status, content_type: "text/html; charset=utf-8", headers: Vec::new(), body: body.into_bytes() }
    }
    pub fn json(status: u16, value: &serde_json::Value) -> Response {
        let mut body = serde_json::to_vec_pretty(value).unwrap_or_else(|_| b"null".to_vec());
        body.push(b'\n');
        Response { status, content_type: "application/json", headers: Vec::new(), body }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        _ => "Internal Server Error",
    }
}

pub fn write_response(mut stream: &TcpStream, r: &Response, head_only: bool) -> std::io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nX-Frame-Options: DENY\r\n\
         Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'\r\n",
        r.status,
        reason(r.status),
        r.content_type,
        r.body.len()
    );
    for (k, v) in &r.headers {
        out.push_str(k);
        out.push_str(": ");
        out.push_str(&v.replace(['\r', '\n'], " "));
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    stream.write_all(out.as_bytes())?;
    if !head_only {
        stream.write_all(&r.body)?;
    }
    stream.flush()
}

/// Closes our side, then reads (and drops) what the client still sends, for a bounded time:
/// closing a socket with unread input resets it, and the client could lose the response.
pub fn linger(mut stream: &TcpStream) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_millis(500)));
    let mut sink = [0u8; 4096];
    let mut left: usize = 1 << 20;
    while left > 0 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

/// A request target, decoded.
#[derive(Debug, Default, PartialEq)]
pub struct Target {
    /// Path segments, percent-decoded (a segment may hold a decoded `/`).
    pub segments: Vec<String>,
    /// Query pairs in order, decoded (`+` is a space).
    pub query: Vec<(String, String)>,
    /// The path climbs (`..`), or holds backslashes or control characters once decoded.
    pub refused: bool,
}

impl Target {
    pub fn parse(target: &str) -> Option<Target> {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let path = path.split_once('#').map_or(path, |(p, _)| p);
        if !path.starts_with('/') {
            return None;
        }
        let mut t = Target::default();
        for raw in path.split('/').skip(1) {
            let seg = String::from_utf8(dossier_text::percent_decode(raw, false)).ok()?;
            if seg.chars().any(|c| c.is_control() || c == '\\') || seg.split('/').any(|part| part == ".." || part == ".") {
                t.refused = true;
            }
            t.segments.push(seg);
        }
        if t.segments.last().is_some_and(|s| s.is_empty()) {
            t.segments.pop();
        }
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let k = String::from_utf8_lossy(&dossier_text::percent_decode(k, true)).into_owned();
            let v = String::from_utf8_lossy(&dossier_text::percent_decode(v, true)).into_owned();
            t.query.push((k, v));
        }
        Some(t)
    }
}

/// The value of query parameter `key`, trimmed, when non-empty.
pub fn param<'a>(query: &'a [(String, String)], key: &str) -> Option<&'a str> {
    query.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
}

/// Percent-encodes everything but unreserved characters: safe in a path segment, a query value
/// and an HTML attribute.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_decode_and_refuse_climbing() {
        let t = Target::parse("/documents/a%20b.txt?q=Sa%C3%BBret%C3%A9+nationale&x").unwrap();
        assert_eq!(t.segments, vec!["documents", "a b.txt"]);
        assert_eq!(t.query, vec![("q".into(), "Saûreté nationale".into()), ("x".into(), String::new())]);
        assert!(!t.refused);
        assert!(Target::parse("/documents/..%2F..%2Fetc%2Fpasswd").unwrap().refused);
        assert!(Target::parse("/documents/../etc/passwd").unwrap().refused);
        assert!(Target::parse("/documents/%2e%2e/x").unwrap().refused);
        assert!(Target::parse("/documents/a%00b").unwrap().refused);
        assert!(Target::parse("http://x/y").is_none());
        assert!(Target::parse("/a%ff").is_none());
        assert_eq!(encode("a b/<c>"), "a%20b%2F%3Cc%3E");
        assert_eq!(Target::parse(&format!("/documents/{}", encode("dir/x y.txt"))).unwrap().segments[1], "dir/x y.txt");
    }
}
