//! People and places no table knows, linked across Latin and Arabic script by general
//! transliteration rules and confirmed by context. The pages are written here (fictional names).

use dossier_article::Article;
use dossier_names::{DocMentions, Entity, EntityKind};
use dossier_page::{Markup, Page};

fn article(source: &str, text: &str) -> Article {
    dossier_article::extract(&Page::from_text(source, Markup::Text, text))
}

fn entities(pages: &[(&str, &str)]) -> Vec<Entity> {
    let arts: Vec<Article> = pages.iter().map(|(s, t)| article(s, t)).collect();
    let ments: Vec<_> = arts.iter().map(dossier_names::find_mentions).collect();
    let docs: Vec<DocMentions> = arts.iter().zip(&ments).map(|(a, m)| DocMentions { article: a, mentions: m }).collect();
    dossier_names::link(&docs)
}

fn holding<'e>(es: &'e [Entity], form: &str) -> Option<&'e Entity> {
    es.iter().find(|e| e.name == form || e.aliases.iter().any(|a| a == form))
}

const FR: &str = "Rencontre à Lisbonne\n\nLe ministre de la Défense de la République de Norvalie, Gaspard Montrevel, a reçu mardi à Lisbonne le directeur de la police, Omar Bensliman. M. Montrevel a salué la coopération entre les deux services.\n";
const AR: &str = "لقاء في لشبونة\n\nاستقبل وزير الدفاع في جمهورية نورفاليا، غاسبار مونتريفل، يوم الثلاثاء في لشبونة مدير الشرطة عمر بنسليمان. وأشاد مونتريفل بالتعاون بين الجهازين.\n";

#[test]
fn a_latin_full_name_is_found_again_in_arabic() {
    let es = entities(&[("fr", FR), ("ar", AR)]);
    let e = holding(&es, "Gaspard Montrevel").expect("the Latin name");
    assert_eq!(e.kind, EntityKind::Person);
    assert!(e.aliases.iter().any(|a| a == "غاسبار مونتريفل"), "{:?}", e.aliases);
    assert!(e.aliases.iter().any(|a| a == "مونتريفل"), "{:?}", e.aliases);
}

#[test]
fn a_country_no_table_knows_is_linked_across_scripts() {
    let es = entities(&[("fr", FR), ("ar", AR)]);
    let e = holding(&es, "République de Norvalie").expect("the Latin country");
    assert_eq!(e.kind, EntityKind::Country);
    assert!(e.aliases.iter().chain([&e.name]).any(|a| a == "جمهورية نورفاليا"), "{:?} {:?}", e.name, e.aliases);
}

#[test]
fn another_family_name_is_not_the_same_person() {
    // same given name, family name with another skeleton (Montrevel / مونتيري)
    let ar = AR.replace("مونتريفل", "مونتيري");
    let es = entities(&[("fr", FR), ("ar", &ar)]);
    let e = holding(&es, "Gaspard Montrevel").expect("the Latin name");
    assert!(!e.aliases.iter().any(|a| a.contains("مونتيري")), "{:?}", e.aliases);
}

#[test]
fn without_a_shared_referent_nothing_is_linked() {
    // the Arabic page shares no place or person with the French one
    let ar = "خبر\n\nقال غاسبار مونتريفل يوم الثلاثاء إن الطقس سيكون جميلا في الجبال.\n";
    let es = entities(&[("fr", FR), ("ar", ar)]);
    let e = holding(&es, "Gaspard Montrevel").expect("the Latin name");
    assert!(!e.aliases.iter().any(|a| a.contains("مونتريفل")), "{:?}", e.aliases);
}

#[test]
fn the_first_of_two_family_names_alone() {
    let es = entities(&[("es", "Visita oficial\n\nLa ministra de Exteriores, Lucía Garrido Ortega, llegó el lunes a Lisboa. Según la agencia, Garrido se reunió con su homólogo.\n")]);
    let e = holding(&es, "Lucía Garrido Ortega").expect("the full name");
    assert!(e.aliases.iter().any(|a| a == "Garrido"), "{:?}", e.aliases);
}
