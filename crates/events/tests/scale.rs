//! Merging stays bounded and complete on corpora far larger than the development pages.

use dossier_events::{merge, Candidate, Participant};

fn person(name: &str) -> Participant {
    Participant { name: name.into(), entity: None, role: "participant".into(), kind: Some("person".into()), span: None }
}

fn candidate(document: String, date: String, participants: Vec<Participant>) -> Candidate {
    Candidate {
        document,
        kind: "meeting".into(),
        date: Some(date),
        location: None,
        participants,
        evidence: "The two met.".into(),
        status: "happened".into(),
        date_text: None,
        date_inherited: false,
        date_weak: false,
        location_kind: None,
        topics: Vec::new(),
        spans: Vec::new(),
        triggers: Vec::new(),
    }
}

/// `n` consecutive days from 1 January 1950, as ISO text.
fn days(n: usize) -> Vec<String> {
    let mut d = dossier_time::Date::new(1950, 1, 1).unwrap();
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(d.to_string());
        d = d.tomorrow().unwrap();
    }
    out
}

#[test]
fn every_candidate_counts_however_many_there_are() {
    // one person on 30,000 different days: 30,000 occasions (an earlier version kept only the
    // first 20,000 candidates)
    let all: Vec<Candidate> = days(30_000)
        .into_iter()
        .enumerate()
        .map(|(i, d)| candidate(format!("page-{i:05}"), d, vec![person("Jean Dupont"), person(&format!("Visitor {i}"))]))
        .collect();
    let events = merge(&all, &[]);
    assert_eq!(events.len(), 30_000);
    assert!(events.iter().all(|e| e.sources.len() == 1));
}

#[test]
fn one_meeting_reported_by_thousands_of_pages_is_one_event() {
    // more pairs than one block may compare: the bounded comparison still joins them all
    let all: Vec<Candidate> =
        (0..3_000).map(|i| candidate(format!("page-{i:05}"), "2022-06-13".into(), vec![person("Jean Dupont"), person("Paul Martin")])).collect();
    let events = merge(&all, &[]);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].sources.len(), 3_000);
}

#[test]
fn the_same_people_on_other_days_stay_apart() {
    let mut all = Vec::new();
    let days = days(6_000);
    for i in 0..2_000 {
        // two reports of each day's meeting
        for copy in 0..2 {
            all.push(candidate(format!("page-{i:05}-{copy}"), days[i * 3].clone(), vec![person("Jean Dupont"), person("Paul Martin")]));
        }
    }
    let events = merge(&all, &[]);
    assert_eq!(events.len(), 2_000);
    assert!(events.iter().all(|e| e.sources.len() == 2));
}
