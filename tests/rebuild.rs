//! Rebuilds with nothing new: a JSONL line stored before is recognised from its bytes and
//! skipped unparsed (counted unchanged), wherever it is read from; a changed line, a page read
//! from a file, and a database from before input keys are read and fingerprinted as always.

use dossier::build::{build, BuildReport};
use dossier::page::{read_inputs, Limits};
use dossier::store::Store;
use std::path::Path;

fn line(id: &str, text: &str) -> String {
    serde_json::json!({ "id": id, "url": format!("https://example.org/{id}"), "published": "2024-06-03", "text": text }).to_string()
}

const TEXTS: [&str; 3] = [
    "The minister of the interior received the ambassador in Rabat on Monday to discuss security cooperation, a statement said.",
    "Le ministre des affaires étrangères a rencontré son homologue à Alger lundi pour évoquer la coopération régionale.",
    "The two presidents will meet in Madrid next week to sign a trade agreement, officials said on Monday.",
];

/// Builds `inputs` as the binary does (records, parsed only when needed); the report and
/// every source handed to the progress callback.
fn build_records(db: &Path, inputs: &[&Path]) -> (BuildReport, Vec<String>) {
    let mut store = Store::open(db).unwrap();
    let inputs: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    let mut progress = Vec::new();
    let report = build(&mut store, read_inputs(&inputs, Limits::default()).records(), |s| progress.push(s.to_string())).unwrap();
    (report, progress)
}

/// Makes every stored fingerprint wrong: a page that is parsed and fingerprinted is then
/// analysed again, and only one skipped unparsed stays unchanged.
fn spoil_fingerprints(db: &Path) {
    rusqlite::Connection::open(db).unwrap().execute("UPDATE documents SET fingerprint = 'spoilt'", []).unwrap();
}

fn counts(r: &BuildReport) -> (usize, usize, usize, usize, usize) {
    (r.pages, r.stored, r.unchanged, r.duplicates.len(), r.failures.len())
}

#[test]
fn a_rebuild_skips_stored_lines_unparsed_and_reports_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (a, txt, db) = (dir.path().join("a.jsonl"), dir.path().join("page.txt"), dir.path().join("t.db"));
    let first = line("r1", TEXTS[0]);
    let lines = [first.clone(), line("r2", TEXTS[1]), "{\"id\": \"bad\"".to_string(), line("r3", TEXTS[2]), first];
    std::fs::write(&a, lines.join("\n") + "\n").unwrap();
    std::fs::write(&txt, TEXTS[1]).unwrap();
    let (built, progress) = build_records(&db, &[&a, &txt]);
    assert_eq!(counts(&built), (5, 4, 0, 1, 1), "{built:?}");
    spoil_fingerprints(&db);
    let (rebuilt, again) = build_records(&db, &[&a, &txt]);
    // the lines are unchanged without their fingerprints being read; the file is read and
    // fingerprinted, and stored again
    assert_eq!(counts(&rebuilt), (5, 1, 3, 1, 1), "{rebuilt:?}");
    assert_eq!(again, progress, "the progress callback sees the same sources");
    assert_eq!(rebuilt.duplicates, built.duplicates, "a repeated line is still reported, under its source");
    assert_eq!(rebuilt.failures, built.failures, "an unreadable line still fails as it did");
}

#[test]
fn a_changed_line_is_analysed_again_and_a_moved_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, db) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"), dir.path().join("t.db"));
    let lines: Vec<String> = (0..3).map(|i| line(&format!("r{i}"), TEXTS[i])).collect();
    std::fs::write(&a, lines.join("\n") + "\n").unwrap();
    let (built, _) = build_records(&db, &[&a]);
    assert_eq!(counts(&built), (3, 3, 0, 0, 0));
    spoil_fingerprints(&db);
    // r0 changed; r2 moved to another file, at another line, its line ending changed
    let changed = line("r0", &format!("{} It was their second meeting.", TEXTS[0]));
    std::fs::write(&a, format!("{changed}\n{}\n", lines[1])).unwrap();
    std::fs::write(&b, format!("\n\n{}\r\n", lines[2])).unwrap();
    let (rebuilt, _) = build_records(&db, &[&a, &b]);
    assert_eq!(counts(&rebuilt), (3, 1, 2, 0, 0), "{rebuilt:?}");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.document("r2").unwrap().unwrap().origin, format!("{}:3", a.display()), "an unchanged document is left as it was stored");
    assert!(store.document("r0").unwrap().unwrap().body.contains("second meeting"));
}

#[test]
fn a_version_4_database_migrates_and_learns_its_input_keys() {
    let dir = tempfile::tempdir().unwrap();
    let (a, db) = (dir.path().join("a.jsonl"), dir.path().join("t.db"));
    let lines: Vec<String> = (0..3).map(|i| line(&format!("r{i}"), TEXTS[i])).collect();
    std::fs::write(&a, lines.join("\n") + "\n").unwrap();
    build_records(&db, &[&a]);
    let export = |db: &Path| {
        let store = Store::open(db).unwrap();
        let docs = dossier::build::load_analyses(&store.documents().unwrap()).unwrap();
        dossier::export::to_json(&docs, &dossier::build::load_corpus(&store).unwrap()).to_string()
    };
    let before = export(&db);
    // back to version 4: no input keys
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("DROP INDEX documents_by_input_key; DROP INDEX documents_fingerprints; ALTER TABLE documents DROP COLUMN input_key; PRAGMA user_version = 4;")
        .unwrap();
    // the first rebuild reads every line and finds it unchanged by its fingerprint ...
    let (migrated, _) = build_records(&db, &[&a]);
    assert_eq!(counts(&migrated), (3, 0, 3, 0, 0), "{migrated:?}");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version(), 5);
    assert!(store.documents().unwrap().iter().all(|d| d.input_key.is_some()), "unchanged documents get their input keys");
    drop(store);
    assert_eq!(export(&db), before);
    // ... and the next one skips them unparsed
    spoil_fingerprints(&db);
    let (rebuilt, _) = build_records(&db, &[&a]);
    assert_eq!(counts(&rebuilt), (3, 0, 3, 0, 0), "{rebuilt:?}");
}
