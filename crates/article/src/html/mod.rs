//! HTML pages: the DOM (html5ever, through scraper) is cut into blocks at block elements;
//! the main content is found by structure and text density (`select`); navigation, headers,
//! footers, asides, share bars, comments, related lists and banners are kept as removed
//! blocks with their reason. Metadata (headline, publication date, author, site name,
//! canonical URL, declared language) comes from JSON-LD, meta tags, time elements and the URL.

mod attrs;
mod cues;
mod dom;
mod meta;
mod prestrip;
mod select;

use crate::{Article, Block, Found};
use dossier_page::Page;
use dossier_text::Span;

/// Language detection reads at most this much of the body: enough to tell, and fast.
const LANG_SAMPLE: usize = 250;

/// The page's language: the one `<html lang>` declares when the body's script agrees with it
/// (Arabic script for Arabic, Latin for the Latin-script languages), else detected from the body.
fn language(body: &str, declared: Option<&str>) -> String {
    let mut cut = body.len().min(LANG_SAMPLE);
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    let sample = body.get(..cut).unwrap_or("");
    if let Some(d) = declared {
        let script = dossier_text::dominant_script(sample);
        let agrees = match script {
            Some(dossier_lang::Script::Arabic) => matches!(d, "ar" | "fa" | "ur"),
            Some(dossier_lang::Script::Latin) => !matches!(d, "ar" | "fa" | "ur" | "ru" | "uk" | "bg" | "el" | "he" | "zh" | "ja" | "ko" | "hi"),
            None => false,
        };
        if agrees && d.len() == 2 {
            return d.to_string();
        }
    }
    crate::detect_language(sample).or_else(|| declared.map(str::to_string)).unwrap_or_else(|| "und".into())
}

pub fn extract(page: &Page) -> Article {
    let doc = scraper::Html::parse_document(&prestrip::prestrip(&page.content));
    let mut collector = meta::MetaCollector::default();
    let dom = dom::build(&doc, &mut collector);
    drop(doc);
    let meta = collector.resolve(page.url.as_deref());
    let title_text = meta.title.as_ref().map(|(t, _)| t.as_str());
    let decisions = select::select(&dom, title_text);

    let mut raw = String::with_capacity(dom.blocks.iter().map(|b| b.text.len() + 1).sum());
    let mut blocks = Vec::with_capacity(dom.blocks.len());
    for (b, removed) in dom.blocks.iter().zip(decisions) {
        if !raw.is_empty() {
            raw.push('\n');
        }
        let start = raw.len();
        raw.push_str(&b.text);
        blocks.push(Block { raw: Span::new(start, raw.len()), body: None, removed });
    }

    // where in the rendering the metadata was read, when it was read from the page's text
    let span_of = |value: &str| -> Option<Span> {
        blocks.iter().map(|b| b.raw).find(|s| s.of(&raw) == value)
    };
    let title = meta.title.as_ref().map(|(v, how)| {
        let mut how = how.clone();
        if let Some((site, site_how)) = &meta.site_name {
            how.push_str(&format!("; site name '{site}' ({site_how})"));
        }
        Found { value: v.clone(), how, raw: span_of(v) }
    });
    let published = meta.published.as_ref().map(|(v, how)| {
        let mut how = how.clone();
        if let Some((author, author_how)) = &meta.author {
            how.push_str(&format!("; author '{author}' ({author_how})"));
        }
        Found { value: v.clone(), how, raw: None }
    });

    let url = page.url.clone().or_else(|| meta.canonical.clone().filter(|c| c.starts_with("http")));
    let mut article = Article {
        source: page.source.clone(),
        origin: page.origin.clone(),
        url,
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
    article.lang = language(&article.body, meta.lang.as_deref());
    article
}
