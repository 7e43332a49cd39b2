//! Known entities from a knowledge file anchor linking: names the pages alone cannot join.

mod common;

#[test]
fn a_knowledge_file_joins_names_and_gives_wikidata_ids() {
    let articles = common::seeds();
    let mentions: Vec<Vec<dossier_names::Mention>> = articles.iter().map(dossier_names::find_mentions).collect();
    let docs: Vec<dossier_names::DocMentions> = articles.iter().zip(&mentions).map(|(a, m)| dossier_names::DocMentions { article: a, mentions: m }).collect();
    // without knowledge, the CIA's French name and acronym are one entity (defined in the page)
    // and the DGSN's French words are a different organisation from the DGST's
    let known = dossier_names::knowledge::from_toml(
        r#"
[[entity]]
type = "organization"
names = ["Central Intelligence Agency", "CIA", "Agence de Renseignement Américaine"]
wikidata = "Q37230"

[[entity]]
type = "person"
names = ["William J. Burns", "William Burns", "ويليام بيرنز"]
wikidata = "Q8007346"
[[entity.roles]]
title = "Director of the Central Intelligence Agency"
organization = "CIA"
start = "2021-03-19"
"#,
    )
    .unwrap();
    let ents = dossier_names::link_with(&docs, &known);
    let cia = ents.iter().find(|e| e.aliases.iter().any(|a| a == "CIA")).expect("CIA");
    assert_eq!(cia.name, "Central Intelligence Agency");
    assert_eq!(cia.wikidata.as_deref(), Some("Q37230"));
    let burns = ents.iter().find(|e| e.name == "William J. Burns").expect("Burns");
    assert_eq!(burns.wikidata.as_deref(), Some("Q8007346"));
    assert!(burns.roles.iter().any(|r| r.date.as_deref() == Some("2021-03-19")));
    assert!(burns.mentions.len() >= 2);
    // and nothing else changes
    let plain = dossier_names::link(&docs);
    assert_eq!(plain.len(), ents.len());
}
