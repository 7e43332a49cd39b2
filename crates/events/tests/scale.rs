//! Merging stays bounded and complete on corpora far larger than the development pages.

use dossier_events::{merge, merge_owned, Candidate, Participant};
use dossier_text::Span;

fn person(name: &str) -> Participant {
    Participant { name: name.into(), entity: None, role: "participant".into(), kind: Some("person".into()), span: None }
}

fn candidate(document: String, date: String, participants: Vec<Participant>) -> Candidate {
    Candidate {
        document,
        kind: "meeting".into(),
        date: Some(date),
        participants,
        evidence: "The two met.".into(),
        status: "happened".into(),
        ..Candidate::default()
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

fn undated(document: String, participants: Vec<Participant>) -> Candidate {
    Candidate { date: None, ..candidate(document, String::new(), participants) }
}

#[test]
fn thousands_of_undated_reports_join_the_dated_occasion() {
    // copies of one report, dated and undated: the undated ones are one group, and it fits
    // the one dated event
    let people = || vec![person("Jean Dupont"), person("Paul Martin")];
    let mut all: Vec<Candidate> = (0..1_000).map(|i| candidate(format!("dated-{i:05}"), "2022-06-13".into(), people())).collect();
    all.extend((0..1_000).map(|i| undated(format!("undated-{i:05}"), people())));
    let events = merge(&all, &[]);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].sources.len(), 2_000);
    assert_eq!(events[0].date.as_deref(), Some("2022-06-13"));
}

#[test]
fn one_report_that_does_not_fit_keeps_its_many_copies_apart() {
    // among a thousand undated copies, one gives a Tuesday (a bare weekday): the dated
    // occasion is on a Monday, so the undated group does not join it
    let people = || vec![person("Jean Dupont"), person("Paul Martin")];
    let mut all: Vec<Candidate> = (0..1_000).map(|i| candidate(format!("dated-{i:05}"), "2022-06-13".into(), people())).collect();
    all.extend((0..1_000).map(|i| undated(format!("undated-{i:05}"), people())));
    all.push(Candidate { date_weak: true, ..candidate("undated-weekday".into(), "2022-06-14".into(), people()) });
    let events = merge(&all, &[]);
    assert_eq!(events.len(), 2);
    let mut sizes: Vec<usize> = events.iter().map(|e| e.sources.len()).collect();
    sizes.sort();
    assert_eq!(sizes, [1_000, 1_001]);
}

#[test]
fn the_events_do_not_depend_on_how_many_threads_merge() {
    // one name on thousands of pages of overlapping days (more pairs than a block may
    // compare: each candidate meets its nearest, judged in parallel), in two cities that keep
    // apart the occasions of one shared person, and undated copies that join them
    let day = days(60);
    let cities = ["Paris", "Lyon", "Rabat"];
    // five visitors per city, none in two
    let families = ["Abel", "Brun", "Colin", "Duval", "Morel", "Faure", "Garnier", "Henry", "Petit", "Roux", "Bastien", "Lemaire", "Chevalier", "Renaud", "Vidal"];
    let visitor = |i: usize| format!("{} {}", ["Marc", "Omar", "Ines"][i % 3], families[i % 3 * 5 + i / 3 % 5]);
    let mut all: Vec<Candidate> = (0..3_000)
        .map(|i| {
            let date = format!("{}/{}", day[i % 57], day[i % 57 + 2]);
            let city = cities[i % 3];
            let mut c = candidate(format!("page-{i:05}"), date, vec![person("Jean Dupont"), person(&visitor(i))]);
            c.location = Some(city.into());
            c.location_kind = Some("location".into());
            c
        })
        .collect();
    all.extend((0..500).map(|i| undated(format!("undated-{i:05}"), vec![person("Jean Dupont"), person(&visitor(i))])));
    let merged_on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
        pool.install(|| merge(&all, &[]))
    };
    let one = merged_on(1);
    assert!(one.len() > 1 && one.len() < all.len(), "{} events {:?}", one.len(), one.iter().map(|e| &e.summary).collect::<Vec<_>>());
    assert_eq!(one.iter().map(|e| e.sources.len()).sum::<usize>(), all.len());
    assert_eq!(one, merged_on(4));
}

#[test]
fn candidates_handed_over_give_the_events_of_candidates_lent() {
    // pages telling each occasion in one to three sentences, one page telling it twice (its
    // sources' evidence is rebuilt sentence by sentence, shared sentences once), names spelled
    // two ways, roles, places and topics that differ: moving the candidates' strings into the
    // events must give the events merging borrowed candidates gives, byte for byte
    let day = days(40);
    let sentence = |page: usize, k: usize| format!("Sentence {k} of page {page}.");
    let mut by_page: Vec<Vec<Candidate>> = Vec::new();
    for page in 0..600 {
        let told = 1 + page % 2;
        let page_candidates = (0..told)
            .map(|again| {
                let pieces: Vec<usize> = (again..again + 1 + page % 3).collect();
                let host = if page % 4 == 0 { "Jean Dupont" } else { "J. Dupont" };
                let mut c = candidate(format!("page-{page:04}"), day[page % 40].clone(), vec![person(host), person(&format!("Guest {}", page % 40))]);
                c.participants[0].role = if again == 0 { "host".into() } else { "participant".into() };
                c.evidence = pieces.iter().map(|&k| sentence(page, k)).collect::<Vec<_>>().join(" … ");
                c.spans = pieces.iter().map(|&k| Span { start: k * 100, end: k * 100 + 40 }).collect();
                c.location = Some(["Paris", "Lyon"][page % 2].into());
                c.location_kind = Some("location".into());
                c.topics = vec![format!("topic {}", page % 5)];
                c
            })
            .collect();
        by_page.push(page_candidates);
    }
    let lent: Vec<&Candidate> = by_page.iter().flatten().collect();
    let from_lent = merge(lent, &[]);
    assert!(from_lent.len() > 1 && from_lent.iter().any(|e| e.sources.len() > 1));
    // a page told twice: its source holds each sentence once
    let twice = from_lent.iter().flat_map(|e| &e.sources).find(|s| s.document == "page-0001").expect("page-0001 is a source");
    assert_eq!(twice.evidence, "Sentence 0 of page 1. … Sentence 1 of page 1. … Sentence 2 of page 1.");
    assert_eq!(merge_owned(by_page, &[]), from_lent);
}
