#![no_main]
//! The article stage on a page of text markup made of the fuzzer's bytes: no panic, and every
//! span indexes the text it claims to.
use dossier_page::{Markup, Page};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let page = Page::from_text("fuzz.text", Markup::Text, &common::text_of(data));
    let article = dossier_article::extract(&page);
    common::check(&article);
});
