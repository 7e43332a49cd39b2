//! `dossier entity NAME` reads the store a record at a time: the seeds' security chief, asked
//! for in Arabic script, comes with his names in both scripts, his four occasions by date, and
//! the people he appears with.

use dossier::build::build;
use dossier::page::{read_inputs, Limits};
use dossier::store::Store;

#[test]
fn an_entity_asked_for_in_another_script_is_reported_with_its_events_and_company() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds").display().to_string();
    build(&mut store, read_inputs(&[seeds], Limits::default()).records(), |_| {}).unwrap();

    let reports = dossier::explore::entity_reports(&store, "حموشي").unwrap();
    assert_eq!(reports.len(), 1, "{reports:?}");
    let report = &reports[0];
    assert!(report.starts_with("Abdellatif Hammouchi  (Person"), "{report}");
    assert!(report.contains("names (Arabic): عبد اللطيف حموشي"), "{report}");
    let dates: Vec<&str> = report.lines().skip_while(|l| l.trim() != "events:").skip(1).take_while(|l| l.starts_with("    ")).map(|l| l.split_whitespace().next().unwrap()).collect();
    assert_eq!(dates, ["2020-09-24", "2022-06-13/2022-06-14", "2022-06-16/2022-06-17", "2023-04-07"]);
    let company = report.lines().find(|l| l.trim_start().starts_with("appears with:")).expect("appears with");
    for name in ["Avril Haines", "William Burns", "David Fischer"] {
        assert!(company.contains(name), "{company}");
    }
    assert!(!company.contains("Hammouchi"), "not with himself: {company}");

    assert!(dossier::explore::entity_reports(&store, "nobody of that name").unwrap().is_empty());
    assert!(dossier::explore::entity_reports(&store, "").unwrap().is_empty());
}
