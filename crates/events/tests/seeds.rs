//! The seed pages, with the names and dates the other stages give, through the events stage.

mod common;
use common::*;
use dossier_events::merge;

fn seed000() -> Vec<dossier_events::Candidate> {
    let body = shared("seeds/000_620e3e67c49f6038.txt");
    candidates(
        "000_620e3e67c49f6038.txt",
        "fr",
        &body,
        &[
            ("Abdellatif Hammouchi", P),
            ("Hammouchi", P),
            ("David Fischer", P),
            ("Fischer", P),
            ("DGST", O),
            ("États-Unis", C),
            ("Maroc", C),
            ("Rabat", L),
            ("Mustapha Baitas", P),
            ("Niger", C),
        ],
        &[("Ce jeudi 24 septembre", Some("2020-09-24"))],
    )
}

#[test]
fn seed_000_host_receives_ambassador_at_rabat() {
    let c = seed000();
    assert_eq!(c.len(), 1, "{c:#?}");
    let e = &c[0];
    assert_eq!(names_of(e), vec!["Abdellatif Hammouchi", "David Fischer"]);
    assert_eq!(e.date.as_deref(), Some("2020-09-24"));
    assert_eq!(e.location.as_deref(), Some("Rabat"));
    assert_eq!(e.kind, "receive");
    let host = e.participants.iter().find(|p| p.name == "Abdellatif Hammouchi").unwrap();
    assert_eq!(host.role, "host");
    let guest = e.participants.iter().find(|p| p.name == "David Fischer").unwrap();
    assert_eq!(guest.role, "visitor");
    assert!(e.topics.contains(&"terrorism".to_string()), "{:?}", e.topics);
    assert!(e.evidence.contains("a reçu David Fischer"));
}

fn seed003() -> Vec<dossier_events::Candidate> {
    let body = shared("seeds/003_e6ed9219a86417b6.txt");
    candidates(
        "003_e6ed9219a86417b6.txt",
        "ar",
        &body,
        &[
            ("عبد اللطيف حموشي", P),
            ("حموشي", P),
            ("دايفيد فيشر", P),
            ("الولايات المتحدة الأمريكية", C),
            ("المملكة المغربية", C),
            ("الرباط", L),
            ("المديرية العامة لمراقبة التراب الوطني", O),
        ],
        &[("اليوم الخميس", Some("2020-09-24"))],
    )
}

#[test]
fn seed_003_arabic_receive_with_city_from_next_sentence() {
    let c = seed003();
    let main: Vec<_> = c.iter().filter(|c| c.date.is_some()).collect();
    assert_eq!(main.len(), 1, "{c:#?}");
    let e = main[0];
    assert_eq!(names_of(e), vec!["دايفيد فيشر", "عبد اللطيف حموشي"]);
    assert_eq!(e.location.as_deref(), Some("الرباط"));
    let host = e.participants.iter().find(|p| p.name == "عبد اللطيف حموشي").unwrap();
    assert_eq!(host.role, "host");
}

#[test]
fn same_occasion_in_two_languages_is_one_event() {
    let mut all = seed000();
    all.extend(seed003());
    // the names stage links the scripts; here, an entity list saying so
    let ents = vec![
        entity("hammouchi", "Abdellatif Hammouchi", &["Hammouchi", "عبد اللطيف حموشي", "حموشي"]),
        entity("fischer", "David Fischer", &["Fischer", "دايفيد فيشر"]),
        place("rabat", "Rabat", &["الرباط"]),
    ];
    let events = merge(&all, &ents);
    let e: Vec<_> = events.iter().filter(|e| e.date.as_deref() == Some("2020-09-24")).collect();
    assert_eq!(e.len(), 1, "{events:#?}");
    assert_eq!(e[0].sources.len(), 2);
    assert_eq!(e[0].participants.len(), 2);
    assert_eq!(e[0].location.as_deref(), Some("Rabat"));
    assert_eq!(e[0].cameo, "043");
    assert!(e[0].conflicts.is_empty(), "{:?}", e[0].conflicts);
}

fn entity(id: &str, name: &str, aliases: &[&str]) -> dossier_names::Entity {
    common::entity(id, P, name, aliases)
}

fn place(id: &str, name: &str, aliases: &[&str]) -> dossier_names::Entity {
    common::entity(id, L, name, aliases)
}

fn seed001() -> Vec<dossier_events::Candidate> {
    let body = shared("seeds/001_cb0b866dcdfbf5b4.txt");
    candidates(
        "001_cb0b866dcdfbf5b4.txt",
        "fr",
        &body,
        &[
            ("Abdellatif Hammouchi", P),
            ("A. Hammouchi", P),
            ("Avril Hainse", P),
            ("William Burns", P),
            ("Christopher Wray", P),
            ("États-Unis", C),
            ("Maroc", C),
            ("CIA", O),
            ("FBI", O),
            ("Direction générale de la surveillance du territoire", O),
            ("DGST", O),
        ],
        &[("les 13 et 14 juin", Some("2022-06-13/2022-06-14")), ("jeudi", None)],
    )
}

#[test]
fn seed_001_meetings_during_the_trip_join_the_visit() {
    let c = seed001();
    assert_eq!(c.len(), 1, "{c:#?}");
    let e = &c[0];
    assert_eq!(names_of(e), vec!["A. Hammouchi", "Avril Hainse", "Christopher Wray", "William Burns"].into_iter().map(|s| s.replace("A. Hammouchi", "Abdellatif Hammouchi")).collect::<Vec<_>>().tap_sort());
    assert_eq!(e.date.as_deref(), Some("2022-06-13/2022-06-14"));
    assert_eq!(e.location.as_deref(), Some("États-Unis"));
    assert_eq!(e.kind, "visit");
    assert!(e.topics.contains(&"cyber".to_string()), "{:?}", e.topics);
}

trait TapSort {
    fn tap_sort(self) -> Self;
}
impl TapSort for Vec<String> {
    fn tap_sort(mut self) -> Self {
        self.sort();
        self
    }
}

fn seed002() -> Vec<dossier_events::Candidate> {
    let body = shared("seeds/002_b0f5697a90157408.txt");
    let start = body.find("Abdellatif Hammouchi poursuit").unwrap();
    let end = body.find("Cliquez ici").unwrap();
    let body = &body[start..end];
    candidates(
        "002_b0f5697a90157408.txt",
        "fr",
        body,
        &[
            ("Abdellatif Hammouchi", P),
            ("M. Hammouchi", P),
            ("Abdelouafi Laftit", P),
            ("Fernando Grande-Marlaska", P),
            ("Washington", L),
            ("Madrid", L),
            ("Rabat", L),
            ("Espagne", C),
            ("Qatar", C),
            ("Etats-Unis", C),
            ("Maroc", C),
            ("DGST", O),
            ("DGSN", O),
        ],
        &[("jeudi et vendredi 16 et 17 juin 2022", Some("2022-06-16/2022-06-17")), ("le mois dernier", Some("2022-05"))],
    )
}

#[test]
fn seed_002_madrid_visit_and_the_earlier_minister_visit_stay_apart() {
    let c = seed002();
    let madrid: Vec<_> = c.iter().filter(|c| c.date.as_deref() == Some("2022-06-16/2022-06-17")).collect();
    assert_eq!(madrid.len(), 1, "{c:#?}");
    assert_eq!(madrid[0].location.as_deref(), Some("Madrid"));
    assert_eq!(names_of(madrid[0]), vec!["Abdellatif Hammouchi"]);
    let laftit: Vec<_> = c.iter().filter(|c| names_of(c).contains(&"Abdelouafi Laftit".to_string())).collect();
    assert_eq!(laftit.len(), 1, "{c:#?}");
    assert_eq!(laftit[0].date, None);
    assert_eq!(names_of(laftit[0]), vec!["Abdelouafi Laftit", "Fernando Grande-Marlaska"]);
    assert_eq!(laftit[0].location.as_deref(), Some("Espagne"));
}

fn seed004() -> Vec<dossier_events::Candidate> {
    let body = shared("seeds/004_f5ad488a914c5076.txt");
    candidates(
        "004_f5ad488a914c5076.txt",
        "fr",
        &body,
        &[
            ("William Burns", P),
            ("Abdellatif Hammouchi", P),
            ("Hammouchi", P),
            ("Puneet Talwar", P),
            ("Avril Haines", P),
            ("Christopher Wray", P),
            ("Agence de Renseignement Américaine", O),
            ("CIA", O),
            ("FBI", O),
            ("DGST", O),
            ("Maroc", C),
            ("Etats-Unis", C),
            ("États-Unis", C),
            ("Rabat", L),
        ],
        &[
            ("ce vendredi 07 avril 2023", Some("2023-04-07")),
            ("les 13 et 14 juin dernier", Some("2022-06-13/2022-06-14")),
            ("le 21 février dernier", Some("2023-02-21")),
        ],
    )
}

#[test]
fn seed_004_three_occasions() {
    let c = seed004();
    let burns: Vec<_> = c.iter().filter(|c| c.date.as_deref() == Some("2023-04-07")).collect();
    assert_eq!(burns.len(), 1, "{c:#?}");
    assert_eq!(names_of(burns[0]), vec!["Abdellatif Hammouchi", "Puneet Talwar", "William Burns"]);
    let host = burns[0].participants.iter().find(|p| p.name == "Abdellatif Hammouchi").unwrap();
    assert_eq!(host.role, "host");
    let trip: Vec<_> = c.iter().filter(|c| c.date.as_deref() == Some("2022-06-13/2022-06-14")).collect();
    assert_eq!(trip.len(), 1, "{c:#?}");
    assert_eq!(names_of(trip[0]), vec!["Avril Haines", "Christopher Wray", "Hammouchi", "William Burns"]);
    let wray: Vec<_> = c.iter().filter(|c| c.date.as_deref() == Some("2023-02-21")).collect();
    assert_eq!(wray.len(), 1, "{c:#?}");
    assert_eq!(names_of(wray[0]), vec!["Christopher Wray"]);
    assert_eq!(wray[0].location.as_deref(), Some("Rabat"));
    assert_eq!(c.len(), 3, "{c:#?}");
}

#[test]
fn the_washington_trip_told_by_two_pages_is_one_event_and_madrid_stays_apart() {
    let mut all = seed001();
    all.extend(seed002());
    all.extend(seed004());
    // the names stage holds the misspelling "Hainse" with "Haines"
    let ents = vec![entity("haines", "Avril Haines", &["Avril Hainse"])];
    let events = merge(&all, &ents);
    let trip: Vec<_> = events.iter().filter(|e| e.date.as_deref() == Some("2022-06-13/2022-06-14")).collect();
    assert_eq!(trip.len(), 1, "{events:#?}");
    let docs: Vec<&str> = trip[0].sources.iter().map(|s| s.document.as_str()).collect();
    assert_eq!(docs, vec!["001_cb0b866dcdfbf5b4.txt", "004_f5ad488a914c5076.txt"]);
    assert_eq!(trip[0].participants.len(), 4, "{:#?}", trip[0].participants);
    let madrid: Vec<_> = events.iter().filter(|e| e.location.as_deref() == Some("Madrid")).collect();
    assert_eq!(madrid.len(), 1);
    // deterministic: the same input gives the same output
    assert_eq!(events, merge(&all, &ents));
    let mut reversed = all.clone();
    reversed.reverse();
    assert_eq!(events, merge(&reversed, &ents));
}
