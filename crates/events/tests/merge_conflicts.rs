//! Where pages disagree, every claim is kept with its sources.

mod common;
use common::*;
use dossier_events::merge;

#[test]
fn disagreeing_places_and_dates_are_shown_not_silently_picked() {
    let a = candidates(
        "a.txt",
        "fr",
        "Le ministre Jean Dupont a reçu Paul Martin à Rabat les 13 et 14 juin 2022.",
        &[("Jean Dupont", P), ("Paul Martin", P), ("Rabat", L)],
        &[("les 13 et 14 juin 2022", Some("2022-06-13/2022-06-14"))],
    );
    let b = candidates(
        "b.txt",
        "en",
        "Minister Jean Dupont received Paul Martin in Casablanca on 14 and 15 June 2022.",
        &[("Jean Dupont", P), ("Paul Martin", P), ("Casablanca", L)],
        &[("14 and 15 June 2022", Some("2022-06-14/2022-06-15"))],
    );
    assert_eq!((a.len(), b.len()), (1, 1));
    let mut all = a;
    all.extend(b);
    let events = merge(&all, &[]);
    assert_eq!(events.len(), 1, "{events:#?}");
    let e = &events[0];
    assert_eq!(e.sources.len(), 2);
    let fields: Vec<&str> = e.conflicts.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, vec!["date", "location"]);
    for c in &e.conflicts {
        assert_eq!(c.claims.len(), 2);
        assert!(c.claims.iter().all(|cl| cl.documents.len() == 1));
    }
    // each source keeps what it said
    assert_eq!(e.sources[0].location.as_deref(), Some("Rabat"));
    assert_eq!(e.sources[1].location.as_deref(), Some("Casablanca"));
    assert!(e.id.starts_with("ev-"));
}

#[test]
fn a_day_inside_a_trip_is_no_conflict_and_the_trip_wins() {
    let a = candidates("a.txt", "fr", "Jean Dupont a effectué une visite de travail à Madrid les 16 et 17 juin 2022.", &[("Jean Dupont", P), ("Madrid", L)], &[("les 16 et 17 juin 2022", Some("2022-06-16/2022-06-17"))]);
    let b = candidates("b.txt", "fr", "Jean Dupont s'est rendu à Madrid le 17 juin 2022.", &[("Jean Dupont", P), ("Madrid", L)], &[("le 17 juin 2022", Some("2022-06-17"))]);
    let mut all = a;
    all.extend(b);
    let events = merge(&all, &[]);
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0].date.as_deref(), Some("2022-06-16/2022-06-17"));
    assert!(events[0].conflicts.is_empty());
}
