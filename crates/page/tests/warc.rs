//! Web archives: a small WARC file built here (HTML responses in UTF-8 and windows-1252, a
//! request, an image, a record cut short in the middle, an oversized record, and a record
//! truncated by the end of the file), plain and gzip'd record by record.

use dossier_page::{read_inputs, InputError, Limits, Markup, Page};
use std::io::Write;

fn record(warc_type: &str, id: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = Vec::new();
    write!(
        r,
        "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2019-11-19T10:00:00Z\r\n\
         WARC-Record-ID: <{id}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .unwrap();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut b = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len()).into_bytes();
    b.extend_from_slice(body);
    b
}

const RESP: &str = "application/http; msgtype=response";

/// The records, in order; the last one is cut by the end of the file.
fn records() -> Vec<Vec<u8>> {
    let page1 = "<html><head><title>Un</title></head><body><p>Le ministre a reçu l'ambassadeur.</p></body></html>";
    let (page2, _, _) = encoding_rs::WINDOWS_1252.encode("<html><body><p>La Sûreté nationale a reçu une délégation.</p></body></html>");
    let mut r = vec![
        record("warcinfo", "urn:uuid:0", "", "application/warc-fields", b"software: test\r\n"),
        record("response", "urn:uuid:1", "https://example.org/a", RESP, &http("text/html; charset=utf-8", page1.as_bytes())),
        record("request", "urn:uuid:2", "https://example.org/b", "application/http; msgtype=request", b"GET /b HTTP/1.1\r\nHost: example.org\r\n\r\n"),
        record("response", "urn:uuid:3", "https://example.org/b", RESP, &http("text/html; charset=windows-1252", &page2)),
        record("response", "urn:uuid:4", "https://example.org/logo.png", RESP, &http("image/png", b"\x89PNG\r\n\x1a\n\0\0")),
    ];
    // cut short in the middle: it claims more bytes than it has before the next record
    let mut cut = record("response", "urn:uuid:5", "https://example.org/c", RESP, &http("text/html", b"<p>cut short</p>"));
    let text = String::from_utf8(cut.clone()).unwrap().replace("Content-Length: ", "Content-Length: 9");
    cut = text.into_bytes();
    cut.truncate(cut.len() - 4);
    r.push(cut);
    r.push(record("response", "urn:uuid:6", "https://example.org/d", RESP, &http("text/html", "<p>Après la coupure.</p>".as_bytes())));
    let big = format!("<p>{}</p>", "x".repeat(5000));
    r.push(record("response", "urn:uuid:7", "https://example.org/big", RESP, &http("text/html", big.as_bytes())));
    r.push(record("response", "urn:uuid:8", "https://example.org/e", RESP, &http("text/html", "<p>Encore une page.</p>".as_bytes())));
    let mut last = record("response", "urn:uuid:9", "https://example.org/f", RESP, &http("text/html", b"<p>never complete</p>"));
    last.truncate(last.len() - 20);
    r.push(last);
    r
}

fn read(path: &std::path::Path) -> Vec<Result<Page, InputError>> {
    read_inputs(&[path.to_str().unwrap()], Limits { max_page_bytes: 4096, ..Limits::default() }).collect()
}

fn check_pages(items: &[Result<Page, InputError>], gzip: bool) {
    let pages: Vec<&Page> = items.iter().filter_map(|r| r.as_ref().ok()).collect();
    let sources: Vec<&str> = pages.iter().map(|p| p.source.as_str()).collect();
    if gzip {
        // a gzip member cut in the middle cannot be resynchronised: pages before it are read
        assert!(sources.starts_with(&["urn:uuid:1", "urn:uuid:3"]), "{sources:?}");
    } else {
        assert_eq!(sources, vec!["urn:uuid:1", "urn:uuid:3", "urn:uuid:6", "urn:uuid:8"]);
    }
    let p1 = pages[0];
    assert_eq!(p1.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(p1.markup, Markup::Html);
    assert_eq!(p1.declared.crawled.as_deref(), Some("2019-11-19T10:00:00Z"));
    assert_eq!(p1.declared.published, None, "a crawl date is never a publication date");
    assert!(p1.content.contains("Le ministre a reçu"), "{}", p1.content);
    assert!(p1.origin.contains("record 2"), "{}", p1.origin);
    let p3 = pages[1];
    assert_eq!(p3.encoding, "windows-1252");
    assert_eq!(p3.declared.charset.as_deref(), Some("windows-1252"));
    assert!(p3.content.contains("La Sûreté nationale"), "{}", p3.content);
}

#[test]
fn reads_a_warc_file_and_reports_bad_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc");
    std::fs::write(&path, records().concat()).unwrap();
    let items = read(&path);
    check_pages(&items, false);
    let errs: Vec<String> = items.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(errs[0].contains("crawl.warc") && errs[0].contains("urn:uuid:5") && errs[0].contains("truncated"), "{errs:?}");
    assert!(errs[1].contains("urn:uuid:7") && errs[1].contains("larger than the limit"), "{errs:?}");
    assert!(errs[2].contains("urn:uuid:9") && errs[2].contains("truncated"), "{errs:?}");
    assert!(items.last().unwrap().is_err(), "the truncated record comes last");
}

#[test]
fn reads_a_warc_gz_file_gzipped_record_by_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    let mut bytes = Vec::new();
    for (i, r) in records().iter().enumerate() {
        if i == 5 {
            continue; // the record cut in the middle: a broken gzip member ends the file
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(r).unwrap();
        let member = gz.finish().unwrap();
        bytes.extend_from_slice(&member);
    }
    // the last member is cut short too
    bytes.truncate(bytes.len() - 10);
    std::fs::write(&path, &bytes).unwrap();
    let items = read(&path);
    let pages: Vec<&str> = items.iter().filter_map(|r| r.as_ref().ok()).map(|p| p.source.as_str()).collect();
    assert_eq!(pages, vec!["urn:uuid:1", "urn:uuid:3", "urn:uuid:6", "urn:uuid:8"]);
    check_pages(&items, true);
    let errs: Vec<String> = items.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs[0].contains("urn:uuid:7"), "{errs:?}");
    assert!(errs[1].contains("crawl.warc.gz") && errs[1].contains("urn:uuid:9"), "{errs:?}");
}

#[test]
fn warc_pages_come_lazily_and_other_inputs_follow() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.warc");
    std::fs::write(&path, records().concat()).unwrap();
    let txt = dir.path().join("b.txt");
    std::fs::write(&txt, "Un texte.\n").unwrap();
    let mut it = read_inputs(&[path.to_str().unwrap(), txt.to_str().unwrap()], Limits { max_page_bytes: 4096, ..Limits::default() });
    assert_eq!(it.next().unwrap().unwrap().source, "urn:uuid:1");
    let rest: Vec<_> = it.collect();
    assert_eq!(rest.last().unwrap().as_ref().unwrap().source, "b.txt");
}

#[test]
fn garbage_and_empty_warc_files_do_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("empty.warc", Vec::new()),
        ("junk.warc", b"hello\nworld\n".to_vec()),
        ("badlen.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\nxx".to_vec()),
        ("header-only.warc", b"WARC/1.0\r\nWARC-Type: response\r\n".to_vec()),
        ("binary.warc", (0..=255u8).cycle().take(100_000).collect()),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, &bytes).unwrap();
        let items = read(&p);
        assert!(items.iter().all(|r| r.is_err()), "{name}: {items:?}");
        assert!(items.len() <= 3, "{name}: {items:?}");
    }
}

#[test]
fn http_transfer_and_content_encodings_and_meta_charsets() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><head><meta charset=\"windows-1252\"></head><body><p>Réunion à Genève entre les deux délégations.</p></body></html>";
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(page);
    // chunked, no charset in the HTTP header: the meta charset decides
    let mut chunked = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    let (a, b) = latin.split_at(latin.len() / 2);
    for part in [a, b] {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    // gzip content encoding
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all("<html><body><p>Compressed page, in UTF-8: café.</p></body></html>".as_bytes()).unwrap();
    let body = gz.finish().unwrap();
    let mut gzipped = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\n\r\n", body.len()).into_bytes();
    gzipped.extend_from_slice(&body);
    // a redirect has no page
    let redirect = b"HTTP/1.1 301 Moved Permanently\r\nLocation: https://example.org/x\r\nContent-Length: 0\r\n\r\n".to_vec();
    let bytes = [
        record("response", "urn:uuid:c1", "https://example.org/chunked", RESP, &chunked),
        record("response", "urn:uuid:c2", "https://example.org/gz", RESP, &gzipped),
        record("response", "urn:uuid:c3", "https://example.org/moved", RESP, &redirect),
    ]
    .concat();
    let path = dir.path().join("enc.warc");
    std::fs::write(&path, bytes).unwrap();
    let items = read(&path);
    let pages: Vec<&Page> = items.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(pages.len(), 2, "{items:?}");
    assert!(pages[0].content.contains("Réunion à Genève"), "{}", pages[0].content);
    assert_eq!(pages[0].encoding, "windows-1252");
    assert!(pages[1].content.contains("café"), "{}", pages[1].content);
    assert!(items.iter().all(|r| r.is_ok()), "{items:?}");
}
