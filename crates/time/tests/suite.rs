//! The suite: date expressions in news phrasing in four languages (tests/data/suite.tsv),
//! each with the value expected against its anchor. Asserts an accuracy of at least 95% and
//! lists every failure.

use dossier_time::{find_dates, Date, DateExpr};

pub struct Case {
    pub line: usize,
    pub lang: String,
    pub anchor: Option<Date>,
    pub expected: String,
    pub target: String,
    pub sentence: String,
}

pub fn cases() -> Vec<Case> {
    let text = include_str!("data/suite.tsv");
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 5, "suite.tsv line {}: {line}", i + 1);
        out.push(Case {
            line: i + 1,
            lang: cols[0].to_string(),
            anchor: if cols[1] == "-" { None } else { Some(cols[1].parse().expect("anchor")) },
            expected: cols[2].to_string(),
            target: cols[3].to_string(),
            sentence: cols[4].to_string(),
        });
    }
    out
}

/// None when the case passes, else what was found.
pub fn check(c: &Case) -> Option<String> {
    let found = find_dates(&c.sentence, &c.lang, c.anchor);
    let show = |f: &[DateExpr]| f.iter().map(|d| format!("{:?}={}", d.text, d.value.as_deref().unwrap_or("-"))).collect::<Vec<_>>().join(", ");
    if c.expected == "NONE" {
        return if found.is_empty() { None } else { Some(show(&found)) };
    }
    let Some(at) = c.sentence.find(&c.target) else { return Some(format!("target {:?} not in sentence", c.target)) };
    let target = dossier_text::Span::new(at, at + c.target.len());
    let hit = found.iter().find(|d| d.span.overlaps(target));
    match hit {
        Some(d) if d.value.as_deref().unwrap_or("-") == c.expected => None,
        _ => Some(if found.is_empty() { "nothing found".to_string() } else { show(&found) }),
    }
}

#[test]
fn suite_accuracy() {
    let cases = cases();
    assert!(cases.len() >= 300, "{} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        if let Some(got) = check(c) {
            failures.push(format!("  line {} [{}] {:?}: expected {} for {:?}, got {}", c.line, c.lang, c.sentence, c.expected, c.target, got));
        }
    }
    let accuracy = 1.0 - failures.len() as f64 / cases.len() as f64;
    let mut per_lang = std::collections::BTreeMap::new();
    for c in &cases {
        let e = per_lang.entry(c.lang.clone()).or_insert((0, 0));
        e.0 += 1;
        if check(c).is_none() {
            e.1 += 1;
        }
    }
    eprintln!("suite: {}/{} = {:.1}% {:?}", cases.len() - failures.len(), cases.len(), accuracy * 100.0, per_lang);
    for f in &failures {
        eprintln!("{f}");
    }
    assert!(accuracy >= 0.95, "accuracy {accuracy:.3} < 0.95; failures:\n{}", failures.join("\n"));
}
