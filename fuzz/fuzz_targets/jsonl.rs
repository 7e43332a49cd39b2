#![no_main]
//! The page reader on a JSONL file made of the fuzzer's bytes (gunzipped when they start with
//! gzip's magic bytes): every line is a page or an error naming the line; no panic.
use dossier_page::{read_stream, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_page_bytes: 1 << 20, max_line_bytes: 1 << 16, ..Limits::default() };
    for item in read_stream("fuzz.jsonl", std::io::Cursor::new(data.to_vec()), limits).take(100_000) {
        if let Err(e) = item {
            assert!(e.origin().starts_with("fuzz.jsonl:"), "error without its line: {e}");
        }
    }
});
