//! Text pages (no markup): the article is found among lines by their shape.
//! First version: every non-empty line is a block; blocks without sentence-like prose are
//! removed as outside the article. (To be replaced by the full cleaner.)

use crate::{Article, Block, Found, Removal, RemovalKind};
use dossier_page::Page;
use dossier_text::Span;

fn is_prose(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words >= 12 && line.trim_end().ends_with(['.', '!', '?', '»', '"', '”', ':', '؟'])
}

pub fn extract(page: &Page) -> Article {
    let raw = page.content.replace("\r\n", "\n");
    let mut blocks = Vec::new();
    let mut offset = 0;
    for line in raw.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            let span = Span::new(offset + lead, offset + lead + trimmed.len());
            let removed = (!is_prose(trimmed)).then(|| Removal { kind: RemovalKind::OutsideArticle, detail: "not prose".into() });
            blocks.push(Block { raw: span, body: None, removed, lang: None });
        }
        offset += line.len();
    }
    let title = blocks
        .iter()
        .find(|b| b.removed.is_some() && b.raw.of(&raw).split_whitespace().count() >= 4)
        .map(|b| Found { value: b.raw.of(&raw).to_string(), how: "first headline-like line".into(), raw: Some(b.raw) });
    let mut article = Article {
        source: page.source.clone(),
        origin: page.origin.clone(),
        url: page.url.clone(),
        markup: page.markup,
        encoding: page.encoding.clone(),
        lang: "und".into(),
        title,
        published: None,
        raw,
        blocks,
        body: String::new(),
        crawled: page.declared.crawled.clone(),
    };
    article.assemble_body();
    article.lang = crate::detect_language(&article.body).unwrap_or_else(|| "und".into());
    article
}
