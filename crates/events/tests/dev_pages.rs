//! Development pages (../shared/dev/pages.jsonl), with the names and dates the other stages
//! give, through the events stage: trips split by country, days joined, separate meetings kept
//! apart, planned meetings marked, opposite roles kept apart.

mod common;
use common::*;

fn page(id: &str) -> String {
    for line in shared("dev/pages.jsonl").lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("jsonl");
        if v["id"] == id {
            return v["text"].as_str().unwrap_or("").to_string();
        }
    }
    panic!("no page {id}");
}

#[test]
fn d011_one_trip_three_countries_three_occasions() {
    let body = page("d011");
    let c = candidates(
        "d011",
        "en",
        &body,
        &[
            ("General Michael Erik Kurilla", P),
            ("General Kurilla", P),
            ("Gen. Kurilla", P),
            ("Youssef Alhnaity", P),
            ("Fayyad bin Hamed Al-Ruwail", P),
            ("Khalifa bin Ahmed Al Khalifa", P),
            ("Brad Cooper", P),
            ("George Wikoff", P),
            ("Hashemite Kingdom of Jordan", C),
            ("Jordan", C),
            ("Kingdom of Saudi Arabia", C),
            ("Saudi Arabia", C),
            ("Kingdom of Bahrain", C),
            ("Bahrain", C),
            ("TAMPA", L),
        ],
        &[("From January 29 to February 1", Some("2024-01-29/2024-02-01")), ("February 9, 2024", Some("2024-02-09"))],
    );
    let trip: Vec<_> = c.iter().filter(|c| c.date.as_deref() == Some("2024-01-29/2024-02-01")).collect();
    assert_eq!(trip.len(), 3, "{c:#?}");
    let places: Vec<&str> = trip.iter().filter_map(|c| c.location.as_deref()).collect();
    assert_eq!(places, vec!["Hashemite Kingdom of Jordan", "Saudi Arabia", "Bahrain"]);
    for t in &trip {
        assert!(names_of(t).iter().any(|n| n.contains("Kurilla")), "{t:#?}");
    }
    assert!(names_of(trip[0]).contains(&"Youssef Alhnaity".to_string()));
    assert!(names_of(trip[2]).contains(&"George Wikoff".to_string()), "presided over: attended");
}

#[test]
fn d013_arrival_and_stay_are_one_two_day_visit() {
    let body = page("d013");
    let c = candidates(
        "d013",
        "fr",
        &body,
        &[("Nancy Faeser", P), ("Faeser", P), ("Darmanin", P), ("Kamel Fékih", P), ("Tunis", L), ("aéroport international de Tunis-Carthage", L), ("Tunisie", C)],
        &[("dimanche soir", Some("2023-06-18")), ("jusqu'au 19 juin", Some("2023-06-19"))],
    );
    let visit: Vec<_> = c.iter().filter(|c| names_of(c).contains(&"Nancy Faeser".to_string())).collect();
    assert_eq!(visit.len(), 1, "{c:#?}");
    assert_eq!(visit[0].date.as_deref(), Some("2023-06-18/2023-06-19"));
    assert_eq!(visit[0].location.as_deref(), Some("Tunis"));
    assert_eq!(names_of(visit[0]), vec!["Darmanin", "Kamel Fékih", "Nancy Faeser"]);
}

#[test]
fn d023_a_separate_meeting_stays_separate() {
    let body = page("d023");
    let c = candidates(
        "d023",
        "ar",
        &body,
        &[("الشيخ محمد بن زايد", P), ("يورغن شتوك", P), ("الشيخ سيف بن زايد آل نهيان", P), ("الشيخ سيف بن زايد", P), ("قصر البحر", L)],
        &[],
    );
    assert_eq!(c.len(), 2, "{c:#?}");
    assert_eq!(c[0].location.as_deref(), Some("قصر البحر"));
    assert_eq!(c[0].kind, "receive");
    let host = c[0].participants.iter().find(|p| p.name == "الشيخ محمد بن زايد").expect("host");
    assert_eq!(host.role, "host");
    assert!(names_of(&c[1]).contains(&"يورغن شتوك".to_string()));
}

#[test]
fn d015_the_announced_meeting_is_planned() {
    let body = page("d015");
    let c = candidates(
        "d015",
        "fr",
        &body,
        &[("Bassirou Diomaye Faye", P), ("Emmanuel Macron", P), ("Ousmane Sonko", P), ("François Bayrou", P), ("Élysée", L)],
        &[("le 27 août 2025", Some("2025-08-27")), ("en septembre", Some("2025-09"))],
    );
    let met: Vec<_> = c.iter().filter(|c| names_of(c).contains(&"Emmanuel Macron".to_string())).collect();
    assert_eq!(met.len(), 1, "{c:#?}");
    assert_eq!(met[0].status, "happened");
    assert_eq!(met[0].date.as_deref(), Some("2025-08-27"));
    let planned: Vec<_> = c.iter().filter(|c| names_of(c).contains(&"Ousmane Sonko".to_string())).collect();
    assert_eq!(planned.len(), 1, "{c:#?}");
    assert_eq!(planned[0].status, "planned");
}

#[test]
fn d030_a_host_here_and_a_visitor_there_are_two_occasions() {
    let body = page("d030");
    let c = candidates(
        "d030",
        "es",
        &body,
        &[("Mohamed Uld Ghazuani", P), ("Ghazuani", P), ("Pedro Sánchez", P), ("España", C), ("Reino de España", C), ("Nuakchot", L)],
        &[("agosto de 2024", Some("2024-08"))],
    );
    let to_spain: Vec<_> = c.iter().filter(|c| c.location.as_deref() == Some("España")).collect();
    assert_eq!(to_spain.len(), 1, "{c:#?}");
    assert_eq!(to_spain[0].date, None);
    let earlier: Vec<_> = c.iter().filter(|c| c.date.as_deref() == Some("2024-08")).collect();
    assert_eq!(earlier.len(), 1, "{c:#?}");
    assert!(names_of(earlier[0]).contains(&"Pedro Sánchez".to_string()));
}
