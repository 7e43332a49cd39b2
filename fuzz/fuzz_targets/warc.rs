#![no_main]
//! The page reader on a WARC file made of the fuzzer's bytes (gunzipped when they start with
//! gzip's magic bytes): each record is a page, nothing, or an error naming the file; no panic.
use dossier_page::{read_stream, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_page_bytes: 1 << 20, ..Limits::default() };
    for item in read_stream("fuzz.warc", std::io::Cursor::new(data.to_vec()), limits).take(100_000) {
        match item {
            Ok(page) => assert!(!page.content.trim().is_empty(), "an empty page from {}", page.origin),
            Err(e) => assert!(e.origin().starts_with("fuzz.warc"), "error without the file: {e}"),
        }
    }
});
