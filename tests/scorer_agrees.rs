//! The Rust port of score.py (tests/support/score.rs) gives the same figures as the Python, on
//! exports the engine makes and on predictions made up to exercise every branch of the matching.
//! Skipped, with a note, where python3 is missing.

mod support;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use support::score::{norm, score};

/// `score.<function>(s)` for each string, run by python3 on score.py (dates as ISO strings);
/// `None` without python3.
fn python_map(function: &str, strings: &[String]) -> Option<Vec<Value>> {
    let py = support::python3()?;
    let eval = support::shared().join("eval");
    let code = format!(
        "import json, sys\nsys.path.insert(0, sys.argv[1])\nimport score\n\
         r = lambda v: [d.isoformat() for d in v] if isinstance(v, tuple) else v\n\
         print(json.dumps([r(score.{function}(s)) for s in json.load(sys.stdin)]))"
    );
    let mut child = Command::new(py)
        .args(["-c", &code])
        .arg(&eval)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("piped");
        stdin.write_all(serde_json::to_string(strings).expect("json").as_bytes()).expect("write to python");
    }
    let out = child.wait_with_output().expect("python3 ends");
    assert!(out.status.success(), "python {function} failed");
    Some(serde_json::from_slice(&out.stdout).expect("python prints JSON"))
}

fn python_score(gold: &Path, pred: &Path) -> Option<Value> {
    let py = support::python3()?;
    let out = Command::new(py)
        .arg(support::shared().join("eval/score.py"))
        .arg("--gold")
        .arg(gold)
        .arg("--pred")
        .arg(pred)
        .arg("--json")
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "score.py failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(serde_json::from_slice(&out.stdout).expect("score.py --json prints JSON"))
}

/// Both figure sets, field by field (numbers as f64, to the last bits).
fn assert_same(what: &str, python: &Value, rust: &Value) {
    let (Some(p), Some(r)) = (python.as_object(), rust.as_object()) else { panic!("{what}: not objects") };
    assert_eq!(p.keys().collect::<Vec<_>>(), r.keys().collect::<Vec<_>>(), "{what}: sections");
    for (section, figs) in p {
        let pf = figs.as_object().expect("section");
        let rf = r[section].as_object().expect("section");
        assert_eq!(pf.len(), rf.len(), "{what}: {section} fields");
        for (k, pv) in pf {
            let rv = rf.get(k).unwrap_or_else(|| panic!("{what}: {section}.{k} missing in the port"));
            match (pv, rv) {
                (Value::Null, Value::Null) => {}
                (Value::Number(a), Value::Number(b)) => {
                    // serde_json's default float parsing may be one ulp off Python's repr: allow that.
                    let (a, b) = (a.as_f64().unwrap_or(f64::NAN), b.as_f64().unwrap_or(f64::NAN));
                    assert!((a - b).abs() <= 4.0 * f64::EPSILON * a.abs().max(1.0), "{what}: {section}.{k}: python {a}, rust {b}")
                }
                _ => panic!("{what}: {section}.{k}: python {pv}, rust {rv}"),
            }
        }
    }
}

fn compare(what: &str, gold_path: &Path, pred: &Value) {
    let dir = tempfile::tempdir().expect("temp dir");
    let pred_path = dir.path().join("pred.json");
    std::fs::write(&pred_path, serde_json::to_string_pretty(pred).expect("json")).expect("write prediction");
    let Some(python) = python_score(gold_path, &pred_path) else {
        println!("note: python3 is not available; {what}: the port is not compared with score.py");
        return;
    };
    let rust = score(&support::load_json(gold_path), pred);
    println!("{what}:\n{}", rust.summary());
    assert_same(what, &python, &rust.to_json());
}

#[test]
fn norm_agrees_with_python() {
    let mut strings: Vec<String> = [
        "", "  ", "Abdellatif Hammouchi", "A. Hammouchi", "l’ambassadeur d'Espagne", "ÉTATS-UNIS", "États‑Unis",
        "Straße", "ΣΊΣΥΦΟΣ", "ﬁn ﬂeur", "x² ½ ①", "Ｆｕｌｌｗｉｄｔｈ", "عَبْدُ اللَّطِيفِ الحَمُّوشِي", "أإآٱىةؤئ",
        "ـــطويل", "ﻻ ﷲ", "٢٠٢٢-٠٦-١٣", "snake_case", "tab\there\u{a0}nbsp\u{202f}nnbsp", "İstanbul", "ǅemal",
        "한국어", "日本語", "emoji 🙂 ok", "«guillemets» – tiret — long…", "\u{200b}zero\u{200d}width",
        "Ⅻ ㎞ ℡", "ŉ ǰ ΐ", "Ꭰ ꭰ", "d\u{301}e\u{300}\u{327}",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // pseudo-random strings over every plane, weighted toward the scripts the engine reads
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as u32
    };
    for _ in 0..3000 {
        let s: String = (0..8)
            .filter_map(|_| {
                let r = next();
                let cp = match r % 4 {
                    0 => r / 4 % 0x250,
                    1 => 0x600 + r / 4 % 0x100,
                    2 => 0x2000 + r / 4 % 0xE000,
                    _ => r / 4 % 0x11_0000,
                };
                char::from_u32(cp)
            })
            .collect();
        strings.push(s);
    }
    // every name, alias, title and snippet in the gold files
    for gold in ["gold/seeds.json", "dev/gold.json"] {
        let g = support::load_json(&support::shared().join(gold));
        collect_strings(&g, &mut strings);
    }
    let Some(python) = python_map("norm", &strings) else {
        println!("note: python3 is not available; norm() is not compared with score.py");
        return;
    };
    let mut differ = Vec::new();
    for (s, p) in strings.iter().zip(&python) {
        if norm(s) != p.as_str().unwrap_or("(not a string)") {
            differ.push(format!("{s:?}: python {p:?}, rust {:?}", norm(s)));
        }
    }
    assert!(differ.is_empty(), "norm() differs:\n{}", differ.join("\n"));
    println!("norm() agrees with score.py on {} strings", strings.len());
}

#[test]
fn date_intervals_agree_with_python() {
    let strings: Vec<String> = [
        "2022", "2022-05", "2022-02", "2024-02", "2022-12", "2022-06-13", "2022-06-13T10:00:00+02:00", " 2022-06 ",
        "2022-13", "2022-00", "2022-02-30", "2024-02-29", "2023-02-29", "0000", "9999-12", "2022-6-1", "2022/2023",
        "2022-05/2022-13", "2022-05-14/2022-05-13", "abc", "", "x2022", "\u{662}\u{660}\u{662}\u{662}-\u{660}\u{666}-\u{661}\u{663}",
        "2022-06-13/", "/2022", "2022-06-13/2022-06-14/2022-06-15", "20220613", "2022-06-1x",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let Some(python) = python_map("interval", &strings) else {
        println!("note: python3 is not available; interval() is not compared with score.py");
        return;
    };
    let fmt = |(y, m, d): (i64, u32, u32)| format!("{y:04}-{m:02}-{d:02}");
    for (s, p) in strings.iter().zip(&python) {
        let rust = match support::score::interval(Some(&Value::from(s.as_str()))) {
            Some((lo, hi)) => json!([fmt(lo), fmt(hi)]),
            None => Value::Null,
        };
        assert_eq!(&rust, p, "interval({s:?})");
    }
}

fn collect_strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

#[test]
fn agrees_on_engine_exports() {
    let corpora: [(&str, PathBuf, PathBuf); 3] = [
        ("seeds", support::shared().join("seeds"), support::shared().join("gold/seeds.json")),
        ("dev", support::shared().join("dev/pages.jsonl"), support::shared().join("dev/gold.json")),
        ("examples", support::examples(), support::examples().join("gold.json")),
    ];
    for (name, input, gold) in corpora {
        if !gold.exists() {
            println!("note: {} is missing; {name} skipped", gold.display());
            continue;
        }
        let built = support::build_and_export(&[input]);
        compare(name, &gold, &built.export);
    }
}

/// A prediction made from a gold file with deliberate faults: participants dropped, extra and
/// unknown ones added, dates widened, shifted or removed, locations changed, sources missing,
/// duplicate and extra events, entities split or merged. Deterministic.
fn perturbed(gold: &Value) -> Value {
    let gents = gold["entities"].as_array().cloned().unwrap_or_default();
    let mut entities = Vec::new();
    for (i, e) in gents.iter().enumerate() {
        let aliases: Vec<Value> = e["aliases"].as_array().cloned().unwrap_or_default();
        let keep: Vec<Value> = aliases.iter().enumerate().filter(|(j, _)| (i + j) % 3 != 1).map(|(_, a)| a.clone()).collect();
        entities.push(json!({"id": format!("p{i}"), "type": e["type"], "name": e["name"], "aliases": keep}));
        if i % 4 == 2 {
            // a second entity with only the remaining forms: a split
            let rest: Vec<Value> = aliases.iter().enumerate().filter(|(j, _)| (i + j) % 3 == 1).map(|(_, a)| a.clone()).collect();
            if let Some(first) = rest.first() {
                entities.push(json!({"id": format!("p{i}b"), "type": e["type"], "name": first, "aliases": rest}));
            }
        }
    }
    let names: std::collections::HashMap<String, (usize, String)> = gents
        .iter()
        .enumerate()
        .map(|(i, e)| (e["id"].as_str().unwrap_or("").to_string(), (i, e["name"].as_str().unwrap_or("").to_string())))
        .collect();
    let mut events = Vec::new();
    for (i, g) in gold["events"].as_array().cloned().unwrap_or_default().iter().enumerate() {
        let mut parts = Vec::new();
        for (j, p) in g["participants"].as_array().cloned().unwrap_or_default().iter().enumerate() {
            if (i + j) % 5 == 4 {
                continue; // missed
            }
            let (k, name) = names.get(p.as_str().unwrap_or("")).cloned().unwrap_or((0, String::new()));
            let name = if j % 2 == 1 { name.split(' ').next_back().unwrap_or("").to_string() } else { name };
            parts.push(json!({"name": name, "entity": format!("p{k}"), "role": "x"}));
        }
        if i % 3 == 0 {
            parts.push(json!({"name": "Somebody Unknown", "entity": null}));
        }
        if let Some(o) = g["optional_participants"].as_array().and_then(|o| o.first()) {
            let (k, name) = names.get(o.as_str().unwrap_or("")).cloned().unwrap_or((0, String::new()));
            parts.push(json!({"name": name, "entity": format!("p{k}")}));
        }
        let date = g["date"].as_str().map(|d| match i % 5 {
            0 => Value::from(d),
            1 => Value::from(d.get(..7).unwrap_or(d)),
            2 => Value::from(d.get(..4).unwrap_or(d)),
            3 => Value::from(format!("{}/{}", d.get(..10).unwrap_or(d), "2030-01-01")),
            _ => Value::Null,
        });
        let location = match (i % 4, g["location"].as_array().and_then(|l| l.last())) {
            (0, Some(l)) => l.clone(),
            (1, Some(l)) => Value::from(format!("near {}", l.as_str().unwrap_or(""))),
            (2, _) => Value::from("Atlantis"),
            _ => Value::Null,
        };
        let sources: Vec<Value> = g["sources"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter(|(j, _)| (i + j) % 4 != 3)
            .map(|(_, s)| json!({"document": format!("some/dir/{}", s.as_str().unwrap_or("")), "evidence": "..."}))
            .collect();
        events.push(json!({"id": format!("v{i}"), "type": "meeting", "date": date.unwrap_or(Value::Null),
                           "location": location, "participants": parts, "sources": sources}));
        if i % 6 == 1 {
            events.push(json!({"id": format!("v{i}dup"), "date": g["date"], "location": null,
                               "participants": [parts.first().cloned().unwrap_or(Value::Null)], "sources": []}));
        }
    }
    events.push(json!({"id": "vx", "date": "1999-01-01", "location": "Nowhere", "participants": [{"name": "Nobody"}]}));
    events.push(json!({"id": "vy", "date": "2022-13", "participants": []}));
    let documents: Vec<Value> = gold["documents"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let body = d["must_include"].as_array().cloned().unwrap_or_default().iter()
                .chain(d["must_exclude"].as_array().cloned().unwrap_or_default().iter().take(i % 2))
                .filter_map(|s| s.as_str().map(str::to_uppercase))
                .collect::<Vec<_>>()
                .join(" | ");
            let published = if i % 3 == 0 { d["published"].clone() } else { d["published_inferred"].clone() };
            json!({"source": d["source"], "lang": if i % 4 == 3 { Value::from("EN-gb") } else { d["lang"].clone() },
                   "title": if i % 5 == 2 { Value::Null } else { d["title"].clone() },
                   "published": published, "body": body})
        })
        .collect();
    json!({"documents": documents, "entities": entities, "events": events})
}

#[test]
fn agrees_on_perturbed_predictions() {
    for gold in ["gold/seeds.json", "dev/gold.json"] {
        let path = support::shared().join(gold);
        compare(gold, &path, &perturbed(&support::load_json(&path)));
        compare(&format!("{gold} (empty prediction)"), &path, &json!({}));
    }
    let ex = support::examples().join("gold.json");
    if ex.exists() {
        compare("examples/gold.json", &ex, &perturbed(&support::load_json(&ex)));
    }
}
