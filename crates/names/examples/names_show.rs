//! Prints the mentions and entities found in the seed or dev pages:
//! `cargo run -p dossier-names --example names_show -- seeds|dev [mentions]`.
#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let which = std::env::args().nth(1).unwrap_or_else(|| "seeds".into());
    let show_mentions = std::env::args().nth(2).is_some();
    let only = std::env::args().nth(3);
    let (articles, gold) = if which == "dev" { (common::dev(), common::gold("dev/gold.json")) } else { (common::seeds(), common::gold("gold/seeds.json")) };
    let (mentions, ents) = common::entities(&articles);
    if show_mentions {
        for (a, ms) in articles.iter().zip(&mentions) {
            if only.as_ref().is_some_and(|o| !a.source.contains(o.as_str())) {
                continue;
            }
            println!("=== {} ({})", a.source, a.lang);
            if std::env::var("BODY").is_ok() {
                println!("{}", a.body);
            }
            for m in ms {
                println!("  {:?}{} {:?} title={:?} key={:?} acr={:?} role={:?}", m.kind, if m.adjective { "(adj)" } else if !m.confident { "(weak)" } else { "" }, m.surface, m.title, m.key, m.acronym, m.role.as_ref().map(|r| (&r.text, &r.organization)));
            }
        }
    }
    println!("=== entities");
    for e in &ents {
        println!("{:?} {:?} {:?} ({} mentions) roles={:?}", e.kind, e.name, e.aliases, e.mentions.len(), e.roles.iter().map(|r| &r.title).collect::<Vec<_>>());
    }
    let g = common::gold_entities(&gold);
    let (held, total, missed) = common::merge_held(&g, &ents);
    println!("merge_held {held}/{total}; missed {missed:?}");
    println!("over-merged {:?}", common::over_merged(&g, &ents));
}
