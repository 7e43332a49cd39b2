//! Class names are page data: a hostile page can choose them. The HTML stage keeps per-page
//! tables keyed by class names (which names the cues read, what a class value says); with an
//! unkeyed multiply-xor hash, names built to have the same hash put every entry on one probe
//! chain, and each new name was compared with all the earlier ones: 40,000 such names (a 700 kB
//! page) took 4.1 s against 13 ms for the same bytes in ordinary names (test build), growing with
//! the square of their number (an 8 MB page holds ~470,000).
use dossier_page::{Markup, Page};
use std::time::{Duration, Instant};

/// Bytes allowed in the crafted names: printable ASCII that ends neither a token, an attribute
/// value nor a tag.
fn allowed(c: u8) -> bool {
    (0x21..=0x7e).contains(&c) && !b"\"'<>=/&`\\".contains(&c)
}

/// `n` sixteen-byte names `a ++ b` whose states under the multiply-xor hash
/// `s = (s.rotate_left(23) ^ word) * K` (eight bytes a word, from 0) are all the same after their
/// bytes: `b = C ^ (a * K).rotate_left(23)`. The bytes of `a` are chosen lowest first, and a
/// branch is cut as soon as a byte of `b` it fixes cannot be allowed (the low bits of a product
/// depend only on the low bits of its factors).
fn colliding_names(n: usize) -> Vec<[u8; 16]> {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    const C: u64 = u64::from_le_bytes(*b"qZ3kW9xM");
    let alphabet: Vec<u8> = (0u8..=255).filter(|&c| allowed(c)).collect();
    // byte j of b = C ^ (p.rotate_left(23)) takes bits 8j-23..8j-16 (mod 64) of p: it is fixed
    // once the bytes of `a` up to `ready[j]` are chosen
    let ready = [6usize, 7, 7, 1, 2, 3, 4, 5];
    let mut out = Vec::new();
    let mut stack: Vec<(usize, u64)> = vec![(0, 0)];
    while let Some((depth, a)) = stack.pop() {
        if out.len() >= n {
            break;
        }
        if depth == 8 {
            let b = (C ^ a.wrapping_mul(K).rotate_left(23)).to_le_bytes();
            let mut name = [0u8; 16];
            name[..8].copy_from_slice(&a.to_le_bytes());
            name[8..].copy_from_slice(&b);
            out.push(name);
            continue;
        }
        for &c in alphabet.iter().rev() {
            if depth == 0 && c % 2 == 1 {
                continue; // the top bit of b's byte 2 is a's lowest bit
            }
            let a = a | u64::from(c) << (8 * depth);
            let b = (C ^ a.wrapping_mul(K).rotate_left(23)).to_le_bytes();
            if (0..8).all(|j| ready[j] > depth || allowed(b[j])) {
                stack.push((depth + 1, a));
            }
        }
    }
    out
}

fn page_of(names: &[String]) -> Page {
    let mut html = String::from("<!doctype html><html><head><title>Classes</title></head><body><article>");
    for group in names.chunks(50) {
        html.push_str(&format!("<span class=\"{}\">mot</span>\n", group.join(" ")));
    }
    html.push_str("<p>Le conseil municipal s'est réuni lundi pour voter le budget de l'année prochaine.</p></article></body></html>");
    Page::from_text("classes.html", Markup::Html, &html)
}

fn time_extract(page: &Page) -> Duration {
    let start = Instant::now();
    let article = dossier_article::extract(page);
    let took = start.elapsed();
    assert!(article.body.contains("conseil municipal"), "{:?}", article.body);
    took
}

#[test]
fn class_names_crafted_to_collide_in_a_hash_table_take_no_longer_than_ordinary_ones() {
    let crafted = colliding_names(40_000);
    assert_eq!(crafted.len(), 40_000);
    let as_text = |n: &[u8]| String::from_utf8(n.to_vec()).expect("ASCII");
    // the same bytes with the halves swapped: the same sizes, and no shared hash
    let ordinary: Vec<String> = crafted.iter().map(|n| as_text(&[&n[8..], &n[..8]].concat())).collect();
    let crafted: Vec<String> = crafted.iter().map(|n| as_text(n)).collect();
    let (crafted, ordinary) = (page_of(&crafted), page_of(&ordinary));
    let base = time_extract(&ordinary);
    let took = time_extract(&crafted);
    eprintln!("ordinary names: {base:?}, crafted names: {took:?}");
    assert!(took < base * 5 + Duration::from_secs(2), "crafted class names took {took:?}, ordinary ones {base:?}");
}
