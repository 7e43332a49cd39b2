//! HTML pages: first version. Paragraph-like elements become blocks of a text rendering;
//! the title comes from og:title, h1 or <title>. (To be deepened: main-content detection.)

use crate::{Article, Block, Found, Removal, RemovalKind};
use dossier_page::Page;
use dossier_text::Span;
use scraper::{Html, Selector};

pub fn extract(page: &Page) -> Article {
    let doc = Html::parse_document(&page.content);
    let sel = Selector::parse("h1, h2, h3, p, li, blockquote").expect("static selector");
    let mut raw = String::new();
    let mut blocks = Vec::new();
    for el in doc.select(&sel) {
        let text = el.text().collect::<Vec<_>>().join(" ");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            continue;
        }
        let inside_boilerplate = el.ancestors().filter_map(scraper::ElementRef::wrap).any(|a| {
            matches!(a.value().name(), "nav" | "header" | "footer" | "aside" | "form")
        });
        if !raw.is_empty() {
            raw.push('\n');
        }
        let start = raw.len();
        raw.push_str(&text);
        let removed = inside_boilerplate.then(|| Removal { kind: RemovalKind::Navigation, detail: "inside nav/header/footer/aside/form".into() });
        blocks.push(Block { raw: Span::new(start, raw.len()), body: None, removed, lang: None });
    }
    let meta = |css: &str, attr: &str| -> Option<String> {
        let s = Selector::parse(css).ok()?;
        doc.select(&s).find_map(|e| e.value().attr(attr)).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
    };
    let text_of = |css: &str| -> Option<String> {
        let s = Selector::parse(css).ok()?;
        doc.select(&s).next().map(|e| e.text().collect::<String>().trim().to_string()).filter(|v| !v.is_empty())
    };
    let title = meta("meta[property='og:title']", "content")
        .map(|v| (v, "og:title"))
        .or_else(|| text_of("h1").map(|v| (v, "h1")))
        .or_else(|| text_of("title").map(|v| (v, "title element")))
        .map(|(v, how)| Found { value: v, how: how.into(), raw: None });
    let published = meta("meta[property='article:published_time']", "content")
        .map(|v| Found { value: v, how: "article:published_time meta".into(), raw: None });
    let mut article = Article {
        source: page.source.clone(),
        origin: page.origin.clone(),
        url: page.url.clone(),
        markup: page.markup,
        encoding: page.encoding.clone(),
        lang: "und".into(),
        title,
        published,
        raw,
        blocks,
        body: String::new(),
        crawled: page.declared.crawled.clone(),
    };
    article.assemble_body();
    article.lang = crate::detect_language(&article.body).unwrap_or_else(|| "und".into());
    article
}
