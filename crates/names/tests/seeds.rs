//! Names on the real seed pages and the dev corpus: every cross-script and misspelled form
//! of a gold entity held by one predicted entity, and no predicted entity holding two gold ones.

mod common;

use dossier_names::EntityKind;

#[test]
fn seed_merge_groups_are_all_held() {
    let articles = common::seeds();
    let (_, ents) = common::entities(&articles);
    let gold = common::gold_entities(&common::gold("gold/seeds.json"));
    let (held, total, missed) = common::merge_held(&gold, &ents);
    assert_eq!(held, total, "merge groups not held: {missed:?}");
}

#[test]
fn no_seed_entity_merges_two_gold_entities() {
    let articles = common::seeds();
    let (_, ents) = common::entities(&articles);
    let gold = common::gold_entities(&common::gold("gold/seeds.json"));
    let bad = common::over_merged(&gold, &ents);
    assert!(bad.is_empty(), "{bad:?}");
}

#[test]
fn dev_merge_groups_and_no_over_merge() {
    let articles = common::dev();
    let (_, ents) = common::entities(&articles);
    let gold = common::gold_entities(&common::gold("dev/gold.json"));
    let (held, total, missed) = common::merge_held(&gold, &ents);
    eprintln!("dev merge_held {held}/{total}, missed {missed:?}");
    // 26/27 when written; the one missed (khalifa_bin_ahmed) is in a paragraph the article stage drops
    assert!(held + 2 >= total, "dev merge groups held {held}/{total}; missed {missed:?}");
    let bad = common::over_merged(&gold, &ents);
    assert!(bad.is_empty(), "{bad:?}");
}

#[test]
fn seed_people_roles_and_places() {
    let articles = common::seeds();
    let (mentions, ents) = common::entities(&articles);
    let find = |name: &str| ents.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no entity {name}"));
    let h = find("Abdellatif Hammouchi");
    assert_eq!(h.kind, EntityKind::Person);
    for alias in ["M. Hammouchi", "عبد اللطيف حموشي"] {
        assert!(h.aliases.iter().any(|a| a == alias), "{alias} not in {:?}", h.aliases);
    }
    let burns = find("William Burns");
    assert!(burns.roles.iter().any(|r| r.title.to_lowercase().contains("directeur de la cia") && r.organization.as_deref() == Some("CIA")), "{:?}", burns.roles);
    let fischer = find("David Fischer");
    assert!(fischer.aliases.iter().any(|a| a == "دايفيد فيشر"));
    assert!(fischer.roles.iter().any(|r| r.title.starts_with("ambassadeur des États-Unis")));
    // Hammouchi and a different family name stay apart
    assert!(!ents.iter().any(|e| e.aliases.iter().any(|a| a.contains("Hammoud"))));
    // the Arabic clitic form "بالرباط" is Rabat; the country with its adjective is the US
    let rabat = find("Rabat");
    assert!(rabat.aliases.iter().any(|a| a == "الرباط"));
    let us = find("United States");
    assert!(us.aliases.iter().any(|a| a == "الولايات المتحدة الأمريكية"));
    // adjectives of nationality are marked as such
    let fr = &mentions[0];
    assert!(fr.iter().any(|m| m.adjective && m.surface == "américaine" && m.key.as_deref() == Some("cldr:US")));
    // spans point at the surface
    for (a, ms) in articles.iter().zip(&mentions) {
        for m in ms {
            let text = m.span.of(&a.body);
            assert!(!text.is_empty(), "{} {:?}", a.source, m);
        }
    }
}

#[test]
fn organisations_acronyms_definitions_translations() {
    let articles = common::seeds();
    let (_, ents) = common::entities(&articles);
    let holding = |form: &str| ents.iter().find(|e| e.name == form || e.aliases.iter().any(|a| a == form)).map(|e| e.id.clone());
    let dgst = holding("DGST").expect("DGST");
    assert_eq!(holding("Direction générale de la surveillance du territoire"), Some(dgst.clone()));
    assert_eq!(holding("المديرية العامة لمراقبة التراب الوطني"), Some(dgst.clone()));
    let dgsn = holding("DGSN").expect("DGSN");
    assert_ne!(dgst, dgsn);
    assert_eq!(holding("المديرية العامة للأمن الوطني"), Some(dgsn));
    assert_eq!(holding("FBI"), holding("Bureau d’Investigation Fédéral américain"));
}

#[test]
fn linking_is_deterministic() {
    let articles = common::dev();
    let (_, a) = common::entities(&articles);
    let (_, b) = common::entities(&articles);
    assert_eq!(a, b);
    let mut ids: Vec<&str> = a.iter().map(|e| e.id.as_str()).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "ids are unique");
    // entities serialize with "type"
    let v = serde_json::to_value(&a[0]).unwrap();
    assert!(v.get("type").is_some() && v.get("kind").is_none());
}
