#![no_main]
//! The date parser over the fuzzer's bytes (as UTF-8, lossily) in each language, without an
//! anchor, with a fixed one and with one taken from the first bytes: no panic, every span
//! indexes the text at character boundaries, every value has bounds.
use dossier_time::{find_dates, infer_publication, Date};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let derived = match data {
        [a, b, c, d, ..] => {
            let year = 1 + (u16::from_le_bytes([*a, *b]) % 9999) as i16;
            Date::new(year, (1 + c % 12) as i8, (1 + d % 28) as i8).ok()
        }
        _ => None,
    };
    let fixed = Date::new(2022, 6, 18).ok();
    for lang in ["ar", "en", "es", "fr"] {
        for anchor in [None, fixed, derived] {
            let dates = find_dates(&text, lang, anchor);
            for d in &dates {
                assert!(text.get(d.span.start..d.span.end).is_some(), "{lang}: span {:?} not in the text", d.span);
                if let Some(v) = &d.value {
                    assert!(d.bounds().is_some(), "{lang}: value {v:?} without bounds");
                }
            }
            let _ = infer_publication(&dates, anchor);
        }
    }
});
