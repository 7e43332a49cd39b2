//! A build reads the next batch of pages while the one before is analysed: across several
//! batches, every readable page is stored once (the last, partial batch too) and what is
//! reported comes in the order of the input.

use dossier::build::build;
use dossier::page::{read_inputs, Limits};
use dossier::store::Store;

const SENTENCES: [&str; 3] = [
    "The minister of the interior received the ambassador in Rabat on Monday to discuss security cooperation.",
    "Le ministre des affaires étrangères a rencontré son homologue à Alger lundi pour évoquer la coopération régionale.",
    "Los dos presidentes se reunirán en Madrid la próxima semana para firmar un acuerdo comercial.",
];

#[test]
fn pages_over_several_batches_are_all_stored_and_reported_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let (input, db) = (dir.path().join("pages.jsonl"), dir.path().join("t.db"));
    // 700 lines: more than two batches of 256; every 97th line cannot be read, and one page
    // comes twice
    let mut lines = Vec::new();
    let mut broken = Vec::new();
    for n in 0..700 {
        if n % 97 == 50 {
            broken.push(n + 1);
            lines.push(format!("{{\"id\": \"p{n}\""));
        } else {
            let text = format!("Page {n}. {}", SENTENCES[n % SENTENCES.len()]);
            lines.push(serde_json::json!({ "id": format!("p{n}"), "published": "2024-06-03", "text": text }).to_string());
        }
    }
    lines.push(lines[0].clone());
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();

    let mut store = Store::open(&db).unwrap();
    let inputs = vec![input.display().to_string()];
    let mut progress = Vec::new();
    let report = build(&mut store, read_inputs(&inputs, Limits::default()).records(), |s| progress.push(s.to_string())).unwrap();

    let readable = 700 - broken.len();
    assert_eq!((report.pages, report.stored, report.duplicates.len()), (readable + 1, readable, 1), "{:?}", report.failures);
    assert_eq!(store.fingerprints().unwrap().len(), readable, "each readable page stored once");
    // the failures name their lines ("FILE:LINE: reason"), in the order of the input
    let failed_lines: Vec<usize> = report
        .failures
        .iter()
        .map(|f| f.split(':').nth(1).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("a failure names no line: {f}")))
        .collect();
    assert_eq!(failed_lines, broken);
    // progress saw the pages in input order
    let expected: Vec<String> = (0..700).filter(|n| !broken.contains(&(n + 1))).map(|n| format!("p{n}")).chain(["p0".to_string()]).collect();
    assert_eq!(progress, expected);
    assert!(report.resolved, "the cross-page stage ran over the stored pages");
}
