//! No panics and bounded output on hostile input: empty text, spans outside the text or inside
//! a multi-byte char, huge repetitive pages, every script.

mod common;
use common::*;
use dossier_events::{find_candidates, merge, DocInput};
use dossier_text::Span;

#[test]
fn empty_and_garbage_inputs() {
    for body in ["", " ", "\n\n\n", "استقبل", "a reçu", "met with met with met with", "…—«»\u{200f}\u{feff}"] {
        let a = article("x", "fr", body);
        assert!(find_candidates(&DocInput { article: &a, dates: &[], mentions: &[] }).is_empty());
    }
    assert!(merge(&[], &[]).is_empty());
}

#[test]
fn spans_outside_the_text_or_inside_a_char_are_ignored() {
    let body = "استقبل حموشي السيد دايفيد فيشر بالرباط.";
    let a = article("x", "ar", body);
    let bad = vec![
        mention(Span::new(1, 3), "x", P),         // inside a two-byte char
        mention(Span::new(0, 10_000), "y", P),    // beyond the end
        mention(Span::new(50, 40), "z", L),       // reversed (Span::new clamps)
        mention(Span::new(13, 21), "حموشي", P),
    ];
    let ds = dates(body, &[("استقبل", Some("not a date"))]);
    let c = find_candidates(&DocInput { article: &a, dates: &ds, mentions: &bad });
    let events = merge(&c, &[]);
    for e in &events {
        assert!(e.date.is_none());
    }
}

#[test]
fn a_huge_repetitive_page_stays_bounded() {
    let sentence = "Le ministre Jean Dupont a reçu Paul Martin à Rabat le 3 mai 2021. ";
    let body = sentence.repeat(5000);
    let m = mentions(&body, &[("Jean Dupont", P), ("Paul Martin", P), ("Rabat", L)]);
    let a = article("big", "fr", &body);
    let c = find_candidates(&DocInput { article: &a, dates: &[], mentions: &m });
    assert!(c.len() <= 300);
    let events = merge(&c, &[]);
    assert!(events.len() <= c.len());
}

#[test]
fn unknown_language_uses_every_language() {
    let body = "Abdellatif Hammouchi a reçu David Fischer à Rabat.";
    let c = candidates("x", "und", body, &[("Abdellatif Hammouchi", P), ("David Fischer", P), ("Rabat", L)], &[]);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].location.as_deref(), Some("Rabat"));
}

#[test]
fn venues_the_names_stage_missed_fill_an_empty_place() {
    let body = "Le président Bassirou Diomaye Faye a rencontré Emmanuel Macron le 27 août 2025 à l’Élysée.";
    let c = candidates("x", "fr", body, &[("Bassirou Diomaye Faye", P), ("Emmanuel Macron", P)], &[("le 27 août 2025", Some("2025-08-27"))]);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].location.as_deref(), Some("Élysée"));
    let body = "استقبل جلالة الملك عبدالله الثاني الجنرال ريموند توماس في قصر الحسينية، اليوم.";
    let c = candidates("y", "ar", body, &[("الملك عبدالله الثاني", P), ("ريموند توماس", P)], &[]);
    assert_eq!(c[0].location.as_deref(), Some("قصر الحسينية"));
}
