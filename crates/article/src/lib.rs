//! Stage 1: Page -> Article. Finds the article in a page (text or HTML), keeps every removed
//! block with the reason it was removed, and reads the title, the publication date and the
//! language. Later stages read only `Article::body`; spans they report index into it.

mod compact;
mod cues;
mod html;
mod langid;
mod meta;
mod shape;
mod text;

pub use langid::{detect_language, detect_language_scored};

use dossier_page::{Markup, Page};
use dossier_text::Span;
use serde::{Deserialize, Serialize};

/// Why a block of the page is not part of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RemovalKind {
    /// Menus, breadcrumbs, logos, site furniture.
    Navigation,
    /// Reading-time lines, slide and share controls, "click here" lines.
    Controls,
    /// Tickers and lists of unrelated headlines, teasers of related articles.
    Headlines,
    /// Newsletter prompts, social follow lines.
    Promotion,
    /// Comment forms, captchas, reply prompts.
    Comments,
    /// The headline, bylines and datelines: metadata, not body text.
    Metadata,
    /// A repeat of a block already kept.
    Duplicate,
    /// Short text outside the article's run of prose.
    OutsideArticle,
    /// Advertising, image captions and credits, legal lines.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Removal {
    pub kind: RemovalKind,
    /// The evidence: which cue or shape decided it.
    pub detail: String,
}

/// One block of the page (a line or paragraph of a text page, a block element of HTML).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// Where the block is in `Article::raw`.
    pub raw: Span,
    /// Where the block is in `Article::body`, when kept.
    pub body: Option<Span>,
    /// Set when the block is not part of the article.
    pub removed: Option<Removal>,
}

/// How a fact about the article was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Found<T> {
    pub value: T,
    /// Human-readable: "declared by the JSONL record", "byline 'Publié dans … le 18 - 06 - 2022'", "og:title"...
    pub how: String,
    /// The text it was read from, in `Article::raw`, when it was read from the page's text.
    pub raw: Option<Span>,
}

/// A page's article: clean text, metadata and the removed blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub source: String,
    pub origin: String,
    pub url: Option<String>,
    pub markup: Markup,
    pub encoding: String,
    /// ISO 639-1 code of the main text, "und" when it cannot be told.
    pub lang: String,
    pub title: Option<Found<String>>,
    /// ISO date (YYYY-MM-DD) or date-time the page states.
    pub published: Option<Found<String>>,
    /// What blocks index into: the decoded text of a text page, a text rendering of an HTML page.
    pub raw: String,
    /// Stored compactly (`compact.rs`).
    #[serde(with = "compact")]
    pub blocks: Vec<Block>,
    /// The article: kept blocks joined by blank lines.
    pub body: String,
    /// When a crawler fetched the page (never a publication date; an anchor of last resort).
    pub crawled: Option<String>,
}

impl Article {
    /// The removed blocks with their text.
    pub fn removed(&self) -> impl Iterator<Item = (&Block, &str)> {
        self.blocks.iter().filter(|b| b.removed.is_some()).map(|b| (b, b.raw.of(&self.raw)))
    }

    /// Builds `body` from the kept blocks and records each kept block's body span.
    pub fn assemble_body(&mut self) {
        let mut body = String::with_capacity(self.raw.len());
        for b in &mut self.blocks {
            if b.removed.is_some() {
                b.body = None;
                continue;
            }
            let text = b.raw.of(&self.raw).trim();
            if text.is_empty() {
                b.body = None;
                continue;
            }
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            let start = body.len();
            body.push_str(text);
            b.body = Some(Span::new(start, body.len()));
        }
        self.body = body;
    }
}

/// Stage entry point: reads the article out of a page.
pub fn extract(page: &Page) -> Article {
    let mut article = match page.markup {
        Markup::Text => text::extract(page),
        Markup::Html => html::extract(page),
    };
    if let Some(declared) = &page.declared.title {
        if !declared.trim().is_empty() {
            article.title = Some(Found { value: declared.trim().to_string(), how: "declared by the input record".into(), raw: None });
        }
    }
    if let Some(declared) = &page.declared.published {
        if !declared.trim().is_empty() {
            article.published = Some(Found { value: declared.trim().to_string(), how: "declared by the input record".into(), raw: None });
        }
    }
    article
}
