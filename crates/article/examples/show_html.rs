//! Prints an HTML page's blocks with the reason each removed one was removed, and its metadata.
//! cargo run --release -p dossier-article --example show_html -- PAGE.html[.gz]

use std::io::Read;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: show_html PAGE.html[.gz]");
        std::process::exit(2);
    };
    let mut bytes = Vec::new();
    let res = std::fs::File::open(&path).and_then(|f| {
        if path.ends_with(".gz") {
            flate2::read::MultiGzDecoder::new(f).read_to_end(&mut bytes)
        } else {
            let mut f = f;
            f.read_to_end(&mut bytes)
        }
    });
    if let Err(e) = res {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    }
    let text = dossier_page::decode(&bytes, None).map(|d| d.text).unwrap_or_default();
    let page = dossier_page::Page::from_text(&path, dossier_page::Markup::Html, &text);
    let a = dossier_article::extract(&page);
    println!("lang: {}\ntitle: {:?}\npublished: {:?}\nurl: {:?}", a.lang, a.title, a.published, a.url);
    for b in &a.blocks {
        let t: String = b.raw.of(&a.raw).chars().take(150).collect::<String>().replace('\n', " / ");
        match &b.removed {
            None => println!("KEEP  {t}"),
            Some(r) => println!("  --  [{:?}: {}] {t}", r.kind, r.detail),
        }
    }
}
