//! Publication dates inferred for the undated records of a JSONL file of pages
//! ({"id", "text", "published"?}), against the newest date the records state.
//! Usage: cargo run -p dossier-time --example infer -- PAGES.jsonl [LANG_BY_ID.json]
use dossier_time::{find_dates, infer_publication, Date};

fn main() {
    let path = std::env::args().nth(1).expect("PAGES.jsonl");
    let langs: serde_json::Value = std::env::args()
        .nth(2)
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let text = std::fs::read_to_string(&path).expect("read");
    let recs: Vec<serde_json::Value> = text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let newest: Option<Date> = recs.iter().filter_map(|r| r["published"].as_str()?.get(..10)?.parse().ok()).max();
    for r in &recs {
        if r["published"].is_string() {
            continue;
        }
        let id = r["id"].as_str().unwrap_or("");
        let lang = langs[id].as_str().unwrap_or("und");
        let dates = find_dates(r["text"].as_str().unwrap_or(""), lang, None);
        match infer_publication(&dates, newest) {
            Some(inf) => println!("{id}\t{}\t{}", inf.date, inf.how),
            None => println!("{id}\t-"),
        }
    }
}
