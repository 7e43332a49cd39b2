//! Rules on sentences written for these tests (fictional people and places): a name the names
//! stage took for a person where a place stands, and a date that starts a wider occasion.

mod common;
use common::*;
use dossier_events::merge;
use dossier_names::{Entity, EntityKind};
use dossier_text::Span;

/// An entity whose mentions are every occurrence of `surface` in each (document, body).
fn entity_with_mentions(id: &str, kind: EntityKind, name: &str, aliases: &[&str], docs: &[(&str, &str, &str)]) -> Entity {
    let mut mentions = Vec::new();
    for (doc, body, surface) in docs {
        for (at, _) in body.match_indices(surface) {
            mentions.push(serde_json::json!({"document": doc, "span": Span::new(at, at + surface.len()), "surface": surface}));
        }
    }
    serde_json::from_value(serde_json::json!({"id": id, "kind": kind, "type": kind, "name": name, "aliases": aliases, "mentions": mentions})).expect("an Entity")
}

#[test]
fn a_name_after_a_place_only_preposition_is_the_place_not_a_participant() {
    let body = "Interior minister Ana Rovel met with police chief Omar Tallis on 3 May 2024 in Velmont to discuss border controls.";
    // the names stage took the city for a person (no title, no role)
    let c = candidates("t1", "en", body, &[("Ana Rovel", P), ("Omar Tallis", P), ("Velmont", P)], &[("3 May 2024", Some("2024-05-03"))]);
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(names_of(&c[0]), vec!["Ana Rovel", "Omar Tallis"]);
    assert_eq!(c[0].location.as_deref(), Some("Velmont"));
    assert_eq!(c[0].location_kind.as_deref(), Some("location"));
}

#[test]
fn a_person_after_a_preposition_that_also_introduces_people_stays_a_participant() {
    // "à" introduces people too ("a rendu visite à X"): not a place-only preposition in French
    let body = "Le ministre Paul Arnec a rendu visite à Léa Morvan le 4 mai 2024 à Velmont.";
    let c = candidates("t2", "fr", body, &[("Paul Arnec", P), ("Léa Morvan", P), ("Velmont", L)], &[("le 4 mai 2024", Some("2024-05-04"))]);
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(names_of(&c[0]), vec!["Léa Morvan", "Paul Arnec"]);
    assert_eq!(c[0].location.as_deref(), Some("Velmont"));
}

#[test]
fn a_place_one_page_took_for_a_person_is_dropped_where_another_page_names_it_as_the_place() {
    // page A: the names stage took the city for a person after "à" (kept by the page)
    let a = "Le préfet Karl Mendes a reçu ce vendredi à Ostrevia le commissaire Ivo Brand.";
    // page B: the same city, after a place-only preposition, is where it happened
    let b = "The prefect Karl Mendes received police commissioner Ivo Brand on Friday 7 June 2024 in Ostrevia.";
    let mut all = candidates("pa", "fr", a, &[("Karl Mendes", P), ("Ivo Brand", P), ("Ostrevia", P)], &[("ce vendredi", Some("2024-06-07"))]);
    assert!(all[0].participants.iter().any(|p| p.name == "Ostrevia"), "{all:#?}");
    all.extend(candidates("pb", "en", b, &[("Karl Mendes", P), ("Ivo Brand", P), ("Ostrevia", P)], &[("Friday 7 June 2024", Some("2024-06-07"))]));
    let ents = vec![
        entity_with_mentions("mendes", P, "Karl Mendes", &[], &[("pa", a, "Karl Mendes"), ("pb", b, "Karl Mendes")]),
        entity_with_mentions("brand", P, "Ivo Brand", &[], &[("pa", a, "Ivo Brand"), ("pb", b, "Ivo Brand")]),
        entity_with_mentions("ostrevia", P, "Ostrevia", &[], &[("pa", a, "Ostrevia"), ("pb", b, "Ostrevia")]),
    ];
    let events = merge(&all, &ents);
    assert_eq!(events.len(), 1, "{events:#?}");
    let e = &events[0];
    let names: Vec<&str> = e.participants.iter().map(|p| p.name.as_str()).collect();
    assert!(!names.contains(&"Ostrevia"), "{names:?}");
    assert_eq!(e.participants.len(), 2, "{names:?}");
    assert_eq!(e.sources.len(), 2);
    assert_eq!(e.location.as_deref(), Some("Ostrevia"));
}

#[test]
fn a_date_that_starts_the_wider_trip_is_not_the_date_of_the_visit() {
    let body = "Minister Dario Quell on Monday met General Tomas Hale to discuss air defence. \
                Minister Quell visited the army headquarters in Fort Lanric, as part of his official tour of the country, which began last Tuesday.";
    let c = candidates(
        "t3",
        "en",
        body,
        &[("Dario Quell", P), ("Quell", P), ("Tomas Hale", P), ("Fort Lanric", L)],
        &[("on Monday", Some("2024-05-20")), ("last Tuesday", Some("2024-05-14"))],
    );
    assert!(!c.is_empty(), "{c:#?}");
    assert!(c.iter().all(|x| x.date.as_deref() != Some("2024-05-14")), "{c:#?}");
    let visit = c.iter().find(|x| x.location.as_deref() == Some("Fort Lanric")).expect("the visit");
    assert_eq!(visit.date.as_deref(), Some("2024-05-20"), "{c:#?}");
}

#[test]
fn a_start_date_with_no_cue_is_still_the_date() {
    let body = "Minister Dario Quell visited the army headquarters in Fort Lanric last Tuesday.";
    let c = candidates("t4", "en", body, &[("Dario Quell", P), ("Fort Lanric", L)], &[("last Tuesday", Some("2024-05-14"))]);
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].date.as_deref(), Some("2024-05-14"));
}

#[test]
fn a_subject_named_in_the_next_sentence_that_continues_the_visit_joins_it() {
    let body = "En visite à Velmont depuis lundi, le ministre de l'Intérieur a eu une séance de travail avec son homologue Jules Ferrant. \
                Marc Olbray a poursuivi son programme, hier mardi, par une remise de matériel à la brigade des pompiers.";
    let c = candidates(
        "t5",
        "fr",
        body,
        &[("Jules Ferrant", P), ("Marc Olbray", P), ("Velmont", L)],
        &[("depuis lundi", Some("2024-05-20")), ("hier mardi", Some("2024-05-21"))],
    );
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(names_of(&c[0]), vec!["Jules Ferrant", "Marc Olbray"]);
    assert_eq!(c[0].date.as_deref(), Some("2024-05-20/2024-05-21"));
    assert!(c[0].evidence.contains("a poursuivi son programme"), "{}", c[0].evidence);
    let olbray = c[0].participants.iter().find(|p| p.name == "Marc Olbray").unwrap();
    assert_eq!(olbray.role, "visitor");
}

#[test]
fn a_next_sentence_about_someone_else_does_not_become_the_subject() {
    // the clause names its own subject: another person going on with their own programme is not it
    let body = "Le ministre Paul Arnec a reçu Léa Morvan le 4 mai 2024 à Velmont. \
                Marc Olbray a poursuivi son programme par une conférence de presse.";
    let c = candidates("t6", "fr", body, &[("Paul Arnec", P), ("Léa Morvan", P), ("Marc Olbray", P), ("Velmont", L)], &[("le 4 mai 2024", Some("2024-05-04"))]);
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(names_of(&c[0]), vec!["Léa Morvan", "Paul Arnec"]);
}

#[test]
fn a_page_that_took_the_city_for_a_person_still_agrees_with_the_page_naming_it_as_the_place() {
    // page A names a second place ("au Kelmoria", read as a city) and took the city for a person;
    // page B names the city as the place: they tell one occasion
    let a = "Le préfet Karl Mendes a reçu ce vendredi à Ostrevia le commissaire Ivo Brand, en visite de travail au Kelmoria.";
    let b = "The prefect Karl Mendes received a police delegation on Friday 7 June 2024 in Ostrevia.";
    let mut all = candidates("pa", "fr", a, &[("Karl Mendes", P), ("Ivo Brand", P), ("Ostrevia", P), ("Kelmoria", L)], &[("ce vendredi", Some("2024-06-07"))]);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].location.as_deref(), Some("Kelmoria"));
    all.extend(candidates("pb", "en", b, &[("Karl Mendes", P), ("Ostrevia", P)], &[("Friday 7 June 2024", Some("2024-06-07"))]));
    let ents = vec![
        entity_with_mentions("mendes", P, "Karl Mendes", &[], &[("pa", a, "Karl Mendes"), ("pb", b, "Karl Mendes")]),
        entity_with_mentions("brand", P, "Ivo Brand", &[], &[("pa", a, "Ivo Brand")]),
        entity_with_mentions("ostrevia", P, "Ostrevia", &[], &[("pa", a, "Ostrevia"), ("pb", b, "Ostrevia")]),
        entity_with_mentions("kelmoria", L, "Kelmoria", &[], &[("pa", a, "Kelmoria")]),
    ];
    let events = merge(&all, &ents);
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0].sources.len(), 2);
    let names: Vec<&str> = events[0].participants.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(!names.contains(&"Ostrevia"));
}
