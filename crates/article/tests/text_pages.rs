//! Text pages, end to end: the seeds and the dev pages (../shared) against their gold
//! (must_include / must_exclude snippets, titles, languages, publication dates).

use dossier_article::{extract, Article};
use dossier_page::{read_inputs, Limits, Page};
use serde_json::Value;
use std::collections::BTreeMap;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

/// score.py's `norm`: folded, apostrophes and punctuation as spaces, white space collapsed.
fn norm(s: &str) -> String {
    let f = dossier_text::fold(s);
    let spaced: String = f.chars().map(|c| if c.is_alphanumeric() || c.is_whitespace() { c } else { ' ' }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pages(input: &str) -> Vec<Page> {
    let path = format!("{SHARED}/{input}");
    read_inputs(&[path], Limits::default()).filter_map(Result::ok).collect()
}

fn gold(file: &str) -> BTreeMap<String, Value> {
    let text = std::fs::read_to_string(format!("{SHARED}/{file}")).expect("gold file");
    let v: Value = serde_json::from_str(&text).expect("gold json");
    v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| (d["source"].as_str().unwrap_or_default().to_string(), d.clone()))
        .collect()
}

struct Run {
    articles: Vec<(Article, Value)>,
}

fn run(input: &str, gold_file: &str) -> Run {
    let gold = gold(gold_file);
    let articles: Vec<(Article, Value)> = pages(input)
        .iter()
        .filter_map(|p| gold.get(&p.source).map(|g| (extract(p), g.clone())))
        .collect();
    assert_eq!(articles.len(), gold.len(), "every gold document has a page");
    Run { articles }
}

fn snippets(g: &Value, key: &str) -> Vec<String> {
    g[key].as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

/// (kept, total, missing) of must_include; (leaked, total, leaks) of must_exclude.
fn body_figures(r: &Run) -> ((usize, usize, Vec<String>), (usize, usize, Vec<String>)) {
    let (mut kept, mut inc, mut missing) = (0, 0, Vec::new());
    let (mut leaked, mut exc, mut leaks) = (0, 0, Vec::new());
    for (a, g) in &r.articles {
        let body = norm(&a.body);
        for s in snippets(g, "must_include") {
            inc += 1;
            if body.contains(&norm(&s)) {
                kept += 1;
            } else {
                missing.push(format!("{}: {s}", a.source));
            }
        }
        for s in snippets(g, "must_exclude") {
            exc += 1;
            let n = norm(&s);
            if !n.is_empty() && body.contains(&n) {
                leaked += 1;
                leaks.push(format!("{}: {s}", a.source));
            }
        }
    }
    ((kept, inc, missing), (leaked, exc, leaks))
}

fn title_misses(r: &Run) -> Vec<String> {
    r.articles
        .iter()
        .filter_map(|(a, g)| {
            let want = g["title"].as_str()?;
            let got = a.title.as_ref().map(|t| t.value.as_str()).unwrap_or("");
            (norm(want) != norm(got)).then(|| format!("{}: {got:?} != {want:?}", a.source))
        })
        .collect()
}

fn lang_misses(r: &Run) -> Vec<String> {
    r.articles
        .iter()
        .filter(|(a, g)| g["lang"].as_str() != Some(a.lang.as_str()))
        .map(|(a, g)| format!("{}: {} != {}", a.source, a.lang, g["lang"]))
        .collect()
}

/// Documents whose gold states a date that differs from ours.
fn published_misses(r: &Run) -> Vec<String> {
    r.articles
        .iter()
        .filter_map(|(a, g)| {
            let want = g["published"].as_str()?;
            let got = a.published.as_ref().map(|p| p.value.get(..10).unwrap_or("").to_string());
            (got.as_deref() != Some(want)).then(|| format!("{}: {got:?} != {want}", a.source))
        })
        .collect()
}

#[test]
fn seeds_keep_the_article_and_drop_the_boilerplate() {
    let r = run("seeds", "gold/seeds.json");
    let ((kept, inc, missing), (leaked, _, leaks)) = body_figures(&r);
    assert_eq!(kept, inc, "missing: {missing:#?}");
    assert_eq!(leaked, 0, "leaked: {leaks:#?}");
}

#[test]
fn seeds_titles_and_languages() {
    let r = run("seeds", "gold/seeds.json");
    assert!(title_misses(&r).is_empty(), "{:#?}", title_misses(&r));
    assert!(lang_misses(&r).is_empty(), "{:#?}", lang_misses(&r));
}

#[test]
fn seeds_state_no_date_where_the_page_gives_none() {
    // seed 002's ticker names "vendredi 3 octobre 2025" and several seeds date their events in
    // the body: none of that is a publication date.
    let r = run("seeds", "gold/seeds.json");
    for (a, g) in &r.articles {
        if g["published"].is_null() {
            assert!(a.published.is_none(), "{}: {:?}", a.source, a.published);
        }
    }
}

#[test]
fn seeds_publication_dates() {
    let r = run("seeds", "gold/seeds.json");
    assert!(published_misses(&r).is_empty(), "{:#?}", published_misses(&r));
    for (a, _) in &r.articles {
        if let Some(p) = &a.published {
            assert!(p.raw.is_some_and(|s| !s.of(&a.raw).is_empty()), "{}: the date keeps its span", a.source);
        }
    }
}

#[test]
fn dev_pages_keep_the_article_and_drop_the_boilerplate() {
    let r = run("dev/pages.jsonl", "dev/gold.json");
    let ((kept, inc, missing), (leaked, exc, leaks)) = body_figures(&r);
    let kept_share = kept as f64 / inc as f64;
    let leaked_share = leaked as f64 / exc as f64;
    assert!(kept_share >= 0.97, "body kept {kept_share:.3}; missing: {missing:#?}");
    assert!(leaked_share <= 0.05, "boilerplate leaked {leaked_share:.3}: {leaks:#?}");
}

#[test]
fn dev_pages_titles_and_languages() {
    let r = run("dev/pages.jsonl", "dev/gold.json");
    assert!(lang_misses(&r).is_empty(), "{:#?}", lang_misses(&r));
    let misses = title_misses(&r);
    let with_title = r.articles.iter().filter(|(_, g)| g["title"].is_string()).count();
    assert!(misses.len() * 10 <= with_title, "{} of {with_title} titles wrong: {misses:#?}", misses.len());
}

#[test]
fn dev_pages_dates_come_from_datelines_or_urls_never_from_site_headers() {
    let r = run("dev/pages.jsonl", "dev/gold.json");
    for (a, g) in &r.articles {
        // a page whose only date is its site header (above the masthead) states none
        if g["published"].is_null() && a.url.as_deref().is_some_and(|u| dossier_article_url_has_no_day(u)) {
            assert!(a.published.is_none(), "{}: {:?}", a.source, a.published);
        }
        if let Some(p) = &a.published {
            assert!(p.how.contains("URL") || p.how.contains("declared") || p.raw.is_some(), "{}: {}", a.source, p.how);
        }
    }
}

fn dossier_article_url_has_no_day(url: &str) -> bool {
    let parts: Vec<&str> = url.split('/').collect();
    !parts.windows(3).any(|w| w[0].len() == 4 && w[0].chars().all(|c| c.is_ascii_digit()) && w[1].len() == 2 && w[2].len() == 2 && w[2].chars().all(|c| c.is_ascii_digit()))
}

#[test]
fn dev_pages_publication_dates() {
    let r = run("dev/pages.jsonl", "dev/gold.json");
    assert!(published_misses(&r).is_empty(), "{:#?}", published_misses(&r));
}

#[test]
fn every_block_has_a_reason_or_a_place_in_the_body() {
    for input in ["seeds", "dev/pages.jsonl"] {
        for p in pages(input) {
            let a = extract(&p);
            for b in &a.blocks {
                match (&b.removed, b.body) {
                    (Some(r), None) => assert!(!r.detail.is_empty()),
                    (None, Some(s)) => assert_eq!(s.of(&a.body), b.raw.of(&a.raw).trim()),
                    (None, None) => assert!(b.raw.of(&a.raw).trim().is_empty()),
                    (Some(_), Some(_)) => panic!("{}: removed block in the body", a.source),
                }
            }
        }
    }
}

/// `DUMP=d010 cargo test -p dossier-article --test text_pages dump -- --ignored --nocapture`
/// prints every block of the named pages with its verdict.
#[test]
#[ignore = "a reading aid, not a check"]
fn dump() {
    let want = std::env::var("DUMP").unwrap_or_default();
    let extra = std::env::var("DUMP_FILE").ok();
    let inputs: Vec<Vec<Page>> = match &extra {
        Some(f) => vec![read_inputs(&[f.as_str()], Limits::default()).filter_map(Result::ok).collect()],
        None => vec![pages("seeds"), pages("dev/pages.jsonl")],
    };
    for input in inputs {
        for p in input {
            if !want.split(',').any(|w| !w.is_empty() && p.source.starts_with(w)) {
                continue;
            }
            let a = extract(&p);
            println!("==== {} lang={} title={:?} published={:?}", a.source, a.lang, a.title.as_ref().map(|t| (&t.value, &t.how)), a.published.as_ref().map(|t| (&t.value, &t.how)));
            for b in &a.blocks {
                let text: String = b.raw.of(&a.raw).chars().take(110).collect();
                match &b.removed {
                    None => println!("  KEEP {text}"),
                    Some(r) => println!("  --   {:?}: {} | {text}", r.kind, r.detail),
                }
            }
        }
    }
}

/// `EXPORT_IN=pages.jsonl EXPORT_OUT=out.json cargo test --release -p dossier-article --test text_pages export -- --ignored`
/// writes {id: {articleBody, title, published, lang}} for every page of a JSONL file, for
/// score_extraction.py (measuring the text cleaner on pages it was not written against).
#[test]
#[ignore = "a measuring aid, not a check"]
fn export() {
    let (Ok(input), Ok(out)) = (std::env::var("EXPORT_IN"), std::env::var("EXPORT_OUT")) else { return };
    let mut map = serde_json::Map::new();
    for p in read_inputs(&[input.as_str()], Limits::default()).filter_map(Result::ok) {
        let a = extract(&p);
        map.insert(
            p.source.clone(),
            serde_json::json!({"articleBody": a.body, "title": a.title.map(|t| t.value), "published": a.published.map(|t| t.value), "lang": a.lang}),
        );
    }
    std::fs::write(out, serde_json::to_string(&Value::Object(map)).unwrap_or_default()).expect("write export");
}
