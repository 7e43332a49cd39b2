//! Every date expression of the seed pages (read from ../shared/seeds at test time), and the
//! publication dates inferred for the undated ones, as the seeds' gold gives them.

use dossier_text::Span;
use dossier_time::{find_dates, infer_publication, Date};

fn seeds_dir() -> std::path::PathBuf {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds")).to_path_buf()
}

fn read(file: &str) -> Option<String> {
    std::fs::read_to_string(seeds_dir().join(file)).ok()
}

#[test]
fn every_seed_expression() {
    if !seeds_dir().exists() {
        eprintln!("../shared/seeds not found: skipped");
        return;
    }
    let mut failures = Vec::new();
    let mut total = 0;
    for line in include_str!("data/seeds.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        total += 1;
        let cols: Vec<&str> = line.split('\t').collect();
        let [file, lang, anchor, expected, target] = cols[..] else { panic!("bad line {line}") };
        let text = read(file).unwrap_or_else(|| panic!("{file} missing"));
        let anchor: Date = anchor.parse().unwrap();
        let (target, nth) = match target.rsplit_once('@') {
            Some((t, n)) => (t, n.parse::<usize>().unwrap()),
            None => (target, 1),
        };
        let Some((at, _)) = text.match_indices(target).nth(nth - 1) else { panic!("{target:?} not in {file}") };
        let span = Span::new(at, at + target.len());
        let found = find_dates(&text, lang, Some(anchor));
        let hits: Vec<_> = found.iter().filter(|d| d.span.overlaps(span)).collect();
        let ok = if expected == "NONE" { hits.is_empty() } else { hits.iter().any(|d| d.value.as_deref() == Some(expected)) };
        if !ok {
            failures.push(format!("{file} {target:?}: expected {expected}, got {:?}", hits.iter().map(|d| (&d.text, &d.value)).collect::<Vec<_>>()));
        }
    }
    eprintln!("seeds: {}/{} expressions", total - failures.len(), total);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seed_publication_dates_are_inferred() {
    if !seeds_dir().exists() {
        return;
    }
    // The newest publication date the seed pages state (002's byline).
    let newest: Date = "2022-06-18".parse().unwrap();
    for (file, lang, expected) in [
        ("000_620e3e67c49f6038.txt", "fr", "2020-09-24"),
        ("001_cb0b866dcdfbf5b4.txt", "fr", "2022-06-16"),
        ("004_f5ad488a914c5076.txt", "fr", "2023-04-07"),
    ] {
        let text = read(file).unwrap();
        let dates = find_dates(&text, lang, None);
        let inf = infer_publication(&dates, Some(newest)).unwrap_or_else(|| panic!("{file}: nothing inferred"));
        assert_eq!(inf.date.to_string(), expected, "{file}: {}", inf.how);
        // Re-reading with the inferred date gives the main expression its value.
        let again = find_dates(&text, lang, Some(inf.date));
        assert!(again.iter().any(|d| d.value.as_deref().is_some_and(|v| v.starts_with(&expected[..7]))), "{file}");
    }
    // 000: a Thursday 24 September: 2020 is the most recent not after the newest date; the
    // other years the weekday allows are recorded.
    let dates = find_dates(&read("000_620e3e67c49f6038.txt").unwrap(), "fr", None);
    let inf = infer_publication(&dates, Some(newest)).unwrap();
    let years: Vec<i16> = inf.alternatives.iter().map(|d| d.year()).collect();
    assert!(years.contains(&2015) && years.contains(&2026), "{years:?}");
    match &inf.anchoring {
        dossier_time::Anchoring::YearInferred { alternatives } => assert!(alternatives.contains(&2015) && alternatives.contains(&2026)),
        other => panic!("{other:?}"),
    }
    let src = inf.source.expect("source span");
    assert!(read("000_620e3e67c49f6038.txt").unwrap()[src.start..src.end].contains("jeudi 24 septembre"));
}
