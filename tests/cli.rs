//! The `dossier` binary end to end, on temporary directories: build, export, docs, show, dates,
//! incremental builds, unreadable inputs, stdin, database errors, and the example pages.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::{run, run_with_stdin, Run};

fn ex(name: &str) -> PathBuf {
    support::examples().join(name)
}

fn copy(from: &Path, to: &Path) {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
}

fn build(db: &Path, inputs: &[&Path]) -> Run {
    let mut args = vec!["build".into(), "--db".into(), db.as_os_str().to_owned()];
    args.extend(inputs.iter().map(|p| p.as_os_str().to_owned()));
    run(args)
}

fn export(db: &Path) -> Run {
    let r = run(["export".as_ref(), "--db".as_ref(), db.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    r.expect_status(0, "export");
    r
}

fn sources(export: &Value) -> Vec<String> {
    export["documents"]
        .as_array()
        .expect("documents is an array")
        .iter()
        .map(|d| d["source"].as_str().expect("source is a string").to_string())
        .collect()
}

fn docs_lines(db: &Path) -> Vec<Vec<String>> {
    let r = run(["docs".as_ref(), "--db".as_ref(), db.as_os_str()]);
    r.expect_status(0, "docs");
    r.stdout.lines().map(|l| l.split('\t').map(str::to_string).collect()).collect()
}

/// A directory with three example pages, one of them in a subdirectory, and the JSONL file.
fn small_corpus(dir: &Path) -> PathBuf {
    let pages = dir.join("pages");
    copy(&ex("ex01_fr_port-aurel.txt"), &pages.join("nested/deeper/ex01_fr_port-aurel.txt"));
    copy(&ex("ex04_es_dar-sina.html"), &pages.join("ex04_es_dar-sina.html"));
    copy(&ex("ex06_records.jsonl"), &pages.join("ex06_records.jsonl"));
    copy(&ex("ex07_fr_communique.txt.gz"), &pages.join("ex07_fr_communique.txt.gz"));
    pages
}

#[test]
fn build_then_export_json_sorted_by_source() {
    let dir = tempfile::tempdir().unwrap();
    let pages = small_corpus(dir.path());
    let db = dir.path().join("t.db");
    let b = build(&db, &[&pages]);
    b.expect_status(0, "build");
    let json: Value = serde_json::from_str(&export(&db).stdout).expect("export is JSON");
    let got = sources(&json);
    // a file's base name (whatever directory it was in, .gz kept), a JSONL record's id
    assert_eq!(got, ["ex01_fr_port-aurel.txt", "ex04_es_dar-sina.html", "ex06-ar", "ex06-fr", "ex07_fr_communique.txt.gz"]);
    let mut sorted = got.clone();
    sorted.sort();
    assert_eq!(got, sorted, "documents sorted by source");
    for d in json["documents"].as_array().unwrap() {
        let src = d["source"].as_str().unwrap();
        assert!(d["lang"].as_str().is_some_and(|l| !l.is_empty()), "{src}: lang");
        assert!(d["body"].as_str().is_some_and(|b| b.len() > 200), "{src}: body");
        assert!(d["published"].is_null() || d["published"].is_string(), "{src}: published");
    }
    assert!(json["entities"].is_array(), "entities is an array");
    assert!(json["events"].is_array(), "events is an array");
    let ex06fr = &json["documents"][3];
    assert_eq!(ex06fr["published"].as_str().map(|p| &p[..10]), Some("2023-06-02"), "a JSONL record's published field is kept");
}

#[test]
fn docs_lists_one_line_per_document() {
    let dir = tempfile::tempdir().unwrap();
    let pages = small_corpus(dir.path());
    let db = dir.path().join("t.db");
    build(&db, &[&pages]).expect_status(0, "build");
    let json: Value = serde_json::from_str(&export(&db).stdout).unwrap();
    let lines = docs_lines(&db);
    assert_eq!(lines.iter().map(|l| l[0].clone()).collect::<Vec<_>>(), sources(&json));
    for (l, d) in lines.iter().zip(json["documents"].as_array().unwrap()) {
        assert_eq!(l.len(), 4, "source, language, publication date, title: {l:?}");
        assert_eq!(Some(l[1].as_str()), d["lang"].as_str(), "{l:?}");
        // `docs` prints the date the page states, or the inferred one marked as such
        if d["published_inferred"] == Value::Bool(true) {
            assert_eq!(l[2], format!("{} (inferred)", d["published"].as_str().unwrap()), "{l:?}");
        } else {
            assert_eq!(l[2], d["published"].as_str().unwrap_or("-"), "{l:?}");
        }
        assert_eq!(l[3], d["title"].as_str().unwrap_or("-"), "{l:?}");
    }
}

#[test]
fn show_marks_removed_blocks_with_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    build(&db, &[&ex("ex01_fr_port-aurel.txt")]).expect_status(0, "build");
    let r = run(["show".as_ref(), "--db".as_ref(), db.as_os_str(), "ex01_fr_port-aurel.txt".as_ref()]);
    r.expect_status(0, "show");
    assert!(r.stdout.contains("ex01_fr_port-aurel.txt"), "names the document:\n{}", r.stdout);
    assert!(r.stdout.contains("Ce mardi 14 mars, Théodore Vasselin"), "keeps the article:\n{}", r.stdout);
    let removed: Vec<&str> = r.stdout.lines().filter(|l| l.trim_start().starts_with("[removed: ")).collect();
    assert!(!removed.is_empty(), "marks removed blocks:\n{}", r.stdout);
    for l in &removed {
        let reason = l.trim_start().trim_start_matches("[removed: ");
        let reason = reason.split(']').next().unwrap_or("");
        assert!(reason.trim().len() > 2, "a removed block without a reason: {l}");
    }
    assert!(removed.iter().any(|l| l.contains("Temps de lecture")), "the reading-time line is marked removed:\n{}", r.stdout);
    assert!(removed.iter().any(|l| l.contains("Poster commentaire") || l.contains("Votre adresse e-mail")), "the comment form is marked removed:\n{}", r.stdout);

    let missing = run(["show".as_ref(), "--db".as_ref(), db.as_os_str(), "no-such-page.txt".as_ref()]);
    assert_eq!(missing.status, Some(1), "an unknown source is an error: {missing:?}");
    assert!(missing.stderr.contains("no-such-page.txt"), "names the source: {}", missing.stderr);
}

#[test]
fn dates_prints_json_lines() {
    let text = "Le ministre a été reçu le 21 février dernier, puis ce vendredi 7 avril 2023 à Rabat.";
    let r = run(["dates", "--anchor", "2023-04-07", "--lang", "fr", text]);
    r.expect_status(0, "dates");
    let lines: Vec<&str> = r.stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    println!("dates: {} expressions", lines.len());
    for l in lines {
        let v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line: {l:?}: {e}"));
        let o = v.as_object().unwrap_or_else(|| panic!("not a JSON object: {l}"));
        // the span, when given, is the text's own bytes
        if let (Some(s), Some(e), Some(t)) = (o.get("start").and_then(Value::as_u64), o.get("end").and_then(Value::as_u64), o.get("text").and_then(Value::as_str)) {
            assert_eq!(text.get(s as usize..e as usize), Some(t), "span of {l}");
        }
    }
    // without --lang: detected
    run(["dates", "--anchor", "2023-04-07", text]).expect_status(0, "dates without --lang");
}

#[test]
fn dates_with_a_bad_anchor_fails_with_a_message() {
    let r = run(["dates", "--anchor", "07/04/2023", "le 21 février"]);
    assert!(matches!(r.status, Some(1) | Some(2)), "{r:?}");
    assert!(r.stderr.contains("07/04/2023"), "names the bad anchor: {}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn dates_with_a_bad_anchor_is_a_usage_error() {
    let r = run(["dates", "--anchor", "07/04/2023", "le 21 février"]);
    assert_eq!(r.status, Some(2), "{r:?}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(["build"]).status, Some(2), "build without inputs");
    assert_eq!(run(["no-such-command"]).status, Some(2), "unknown command");
    assert_eq!(run(["export", "--format", "xml"]).status, Some(2), "unknown format");
}

#[test]
fn building_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let first = build(&db, &[&support::examples()]);
    first.expect_status(0, "first build");
    let export1 = export(&db).stdout_bytes;
    let second = build(&db, &[&support::examples()]);
    second.expect_status(0, "second build");
    assert!(second.stderr.contains(" 0 stored"), "the second build stores nothing: {}", second.stderr);
    assert!(!first.stderr.contains(" 0 stored"), "the first build stores pages: {}", first.stderr);
    let export2 = export(&db).stdout_bytes;
    assert!(export1 == export2, "the export changed after building the same pages again");
    assert_eq!(first.stdout, second.stdout, "the printed timeline changed");
    // and a fresh database gives the same bytes: the output is deterministic
    let db2 = dir.path().join("t2.db");
    build(&db2, &[&support::examples()]).expect_status(0, "fresh build");
    assert!(export(&db2).stdout_bytes == export1, "two fresh builds of the same pages export different bytes");
}

#[test]
fn unreadable_inputs_are_named_once_and_the_rest_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    copy(&ex("ex01_fr_port-aurel.txt"), &pages.join("good.txt"));
    // a PNG image saved under a page's name
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\nIDATx\x9cc\0\x01\0\0\x05\0\x01\r\n-\xb4\0\0\0\0IEND\xaeB`\x82";
    std::fs::write(pages.join("picture.html"), png).unwrap();
    // a JSONL file whose second line is broken
    let recs = std::fs::read_to_string(ex("ex06_records.jsonl")).unwrap();
    let mut lines = recs.lines();
    let (r1, r2) = (lines.next().unwrap(), lines.next().unwrap());
    std::fs::write(pages.join("records.jsonl"), format!("{r1}\n{{\"id\": \"broken\", \"text\": \"cut off\n{r2}\n")).unwrap();
    let db = dir.path().join("t.db");
    let r = build(&db, &[&pages]);
    assert_eq!(r.status, Some(3), "some inputs could not be read: {r:?}");
    let png_lines: Vec<&str> = r.stderr.lines().filter(|l| l.contains("picture.html")).collect();
    assert_eq!(png_lines.len(), 1, "one line for the PNG: {}", r.stderr);
    assert!(png_lines[0].len() > "picture.html".len() + 12, "with a reason: {}", png_lines[0]);
    let json_lines: Vec<&str> = r.stderr.lines().filter(|l| l.contains("records.jsonl")).collect();
    assert_eq!(json_lines.len(), 1, "one line for the broken record: {}", r.stderr);
    assert!(json_lines[0].contains("records.jsonl:2"), "names the line: {}", json_lines[0]);
    assert!(json_lines[0].len() > "records.jsonl:2".len() + 12, "with a reason: {}", json_lines[0]);
    let stored: Vec<String> = docs_lines(&db).into_iter().map(|l| l[0].clone()).collect();
    assert_eq!(stored, ["ex06-ar", "ex06-fr", "good.txt"], "every readable page is stored");
}

#[test]
fn reads_a_page_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let page = std::fs::read(ex("ex03_en_dar-sina.txt")).unwrap();
    let r = run_with_stdin(["build".as_ref(), "--db".as_ref(), db.as_os_str(), "-".as_ref()], &page);
    r.expect_status(0, "build -");
    let json: Value = serde_json::from_str(&export(&db).stdout).unwrap();
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["lang"], "en");
    assert!(docs[0]["body"].as_str().unwrap_or("").contains("Lucía Arrondo Velasco"));
    assert!(!sources(&json)[0].is_empty(), "stdin has a source name");
}

#[test]
fn a_database_in_a_missing_directory_is_a_fatal_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("no/such/dir/t.db");
    let r = build(&db, &[&ex("ex01_fr_port-aurel.txt")]);
    assert_eq!(r.status, Some(1), "{r:?}");
    assert!(r.stderr.contains("no/such/dir"), "names the database: {}", r.stderr);
    assert!(!db.exists());
    let e = run(["export".as_ref(), "--db".as_ref(), db.as_os_str()]);
    assert_eq!(e.status, Some(1), "{e:?}");
}

#[test]
fn builds_the_examples() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("examples.db");
    let r = build(&db, &[&support::examples()]);
    r.expect_status(0, "build examples");
    assert!(r.stderr.contains("0 failed"), "{}", r.stderr);
    let stored: Vec<String> = docs_lines(&db).into_iter().map(|l| l[0].clone()).collect();
    assert_eq!(
        stored,
        [
            "ex01_fr_port-aurel.txt", "ex02_ar_port-aurel.txt", "ex03_en_dar-sina.txt", "ex04_es_dar-sina.html",
            "ex05_es_detencion.txt", "ex06-ar", "ex06-fr", "ex07_fr_communique.txt.gz"
        ],
        "every example page, and nothing else from examples/ (gold.json, README.md, gz/)"
    );
    let t = run(["timeline".as_ref(), "--db".as_ref(), db.as_os_str()]);
    t.expect_status(0, "timeline");
    assert_eq!(t.stdout, r.stdout, "build prints the timeline that `timeline` prints");
}

#[test]
fn a_changed_page_replaces_its_earlier_version() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    let page = pages.join("p.txt");
    copy(&ex("ex03_en_dar-sina.txt"), &page);
    let db = dir.path().join("t.db");
    build(&db, &[&pages]).expect_status(0, "first build");
    let text = std::fs::read_to_string(&page).unwrap().replace("Published: 17 May 2023", "Published: 18 May 2023");
    std::fs::write(&page, text).unwrap();
    let again = build(&db, &[&pages]);
    again.expect_status(0, "second build");
    assert!(again.stderr.contains(" 1 stored"), "the changed page is stored again: {}", again.stderr);
    let lines = docs_lines(&db);
    assert_eq!(lines.len(), 1, "one document per source: {lines:?}");
    assert_eq!(lines[0][2], "2023-05-18", "the new version is the one kept: {lines:?}");
}

#[test]
fn reading_a_database_that_does_not_exist_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");
    let r = run(["export".as_ref(), "--db".as_ref(), db.as_os_str()]);
    assert_eq!(r.status, Some(1), "{r:?}");
    assert!(!db.exists(), "export created {}", db.display());
}

#[test]
fn reads_gzip_compressed_jsonl_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    for (from, to) in [("ex06_records.jsonl", "records.jsonl.gz"), ("ex04_es_dar-sina.html", "page.html.gz")] {
        let data = std::fs::read(ex(from)).unwrap();
        std::fs::write(pages.join(to), support::gzip_stored(&data)).unwrap();
    }
    let db = dir.path().join("t.db");
    build(&db, &[&pages]).expect_status(0, "build gzip'd inputs");
    let json: Value = serde_json::from_str(&export(&db).stdout).unwrap();
    assert_eq!(sources(&json), ["ex06-ar", "ex06-fr", "page.html.gz"]);
    let page = &json["documents"][2];
    assert_eq!(page["lang"], "es");
    assert!(page["body"].as_str().unwrap_or("").contains("Lucía Arrondo Velasco"), "{page}");
    // the same bytes as the uncompressed page give the same document
    let plain = dir.path().join("plain");
    copy(&ex("ex04_es_dar-sina.html"), &plain.join("page.html"));
    let db2 = dir.path().join("t2.db");
    build(&db2, &[&plain]).expect_status(0, "build plain");
    let json2: Value = serde_json::from_str(&export(&db2).stdout).unwrap();
    assert_eq!(json2["documents"][0]["body"], page["body"]);
    assert_eq!(json2["documents"][0]["title"], page["title"]);
}

#[test]
fn a_knowledge_file_names_an_entity_and_its_wikidata_id() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("p.txt");
    std::fs::write(&pages, "Le ministre de l'Intérieur, Arnaud Kessler, a reçu mardi à Lyon son homologue Jonas Berg pour des entretiens sur la coopération policière.\n").unwrap();
    let know = dir.path().join("known.toml");
    std::fs::write(&know, "[[entity]]\ntype = \"person\"\nnames = [\"Arnaud Kessler\", \"أرنو كيسلر\"]\nwikidata = \"Q4242\"\n").unwrap();
    let db = dir.path().join("k.db");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--quiet", "--db"]).arg(&db).arg("--knowledge").arg(&know).arg(&pages)
        .output().unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier")).args(["entity", "--db"]).arg(&db).arg("كيسلر").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && text.contains("Arnaud Kessler") && text.contains("Q4242"), "{text}");
}
