//! No panic and bounded work on any input.

use dossier_article::Article;
use dossier_page::{Markup, Page};
use std::time::Instant;

fn article(text: &str) -> Article {
    dossier_article::extract(&Page::from_text("t", Markup::Text, text))
}

fn run(text: &str) {
    let t = Instant::now();
    let a = article(text);
    eprintln!("article {:?}", t.elapsed());
    let t = Instant::now();
    let m = dossier_names::find_mentions(&a);
    eprintln!("mentions {:?} ({})", t.elapsed(), m.len());
    for x in &m {
        assert!(a.body.get(x.span.start..x.span.end).is_some(), "span on a char boundary");
    }
    let docs = [dossier_names::DocMentions { article: &a, mentions: &m }];
    let t = Instant::now();
    let _ = dossier_names::link(&docs);
    eprintln!("link {:?}", t.elapsed());
}

#[test]
fn odd_inputs_do_not_panic() {
    for t in [
        "",
        " ",
        "(",
        "()",
        "(DGST)",
        "A.",
        "M.",
        "M. ",
        "- bek",
        "Lounous- ",
        "بن",
        "السيد",
        "السيد،",
        "عبد",
        "«",
        "«إنتربول",
        "وزير ،",
        "لل",
        "ال",
        "\u{0651}\u{0651}",
        "É",
        "İstanbul İİİ",
        "Directeur de la CIA, ",
        ", directeur",
        "X (Y) (Z) (ABC-DEF-GHI)",
        "Ⅳ Ⅻ ǅ ß ẞ",
        "🙂 Hammouchi 🙂 حموشي",
    ] {
        run(t);
    }
}

#[test]
fn a_large_page_is_read_in_bounded_time() {
    let para = "Abdellatif Hammouchi, Directeur général de la Sûreté nationale (DGSN), a reçu M. David Fischer, ambassadeur des États-Unis au Maroc, à Rabat. استقبل المدير العام للأمن الوطني، عبد اللطيف حموشي، السيد دايفيد فيشر بالرباط.\n\n";
    let mut text = String::new();
    while text.len() < 1_000_000 {
        text.push_str(para);
    }
    let t = Instant::now();
    run(&text);
    assert!(t.elapsed().as_secs() < 120, "took {:?}", t.elapsed());
    // capital letters without end
    let caps = "Aaaa ".repeat(60_000);
    let t = Instant::now();
    run(&caps);
    assert!(t.elapsed().as_secs() < 120, "took {:?}", t.elapsed());
    let arabic = "السيد ".repeat(50_000);
    run(&arabic);
}

/// Arabic presentation forms (U+FB50–U+FEFF) fold to the base letters but are three bytes long:
/// a cut computed on the folded letter must not fall inside them.
#[test]
fn presentation_forms_do_not_break_spans() {
    for text in [
        "استقبل السيد ﻭﻟﻴﺪﺍﻥ الفاسي وزير الداخلية أمس بالرباط.",
        "التقى الوزير ﻭﺍﻟﻲ ﺍﻟﺠﻬﺔ السيد محمد ﻻﻣﻴﻦ في مكتبه، بحضور ﷲ.",
        "Le ministre a reçu M. Eﬁlal ﬁls à Rabat.",
    ] {
        let page = dossier_page::Page::from_text("p.txt", dossier_page::Markup::Text, text);
        let article = dossier_article::extract(&page);
        for m in dossier_names::find_mentions(&article) {
            assert!(article.body.get(m.span.start..m.span.end).is_some(), "{m:?}");
        }
    }
}
