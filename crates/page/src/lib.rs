//! Input: files, directories, gzip, JSONL records and stdin, read as a stream of `Page`s.
//! A page is decoded text plus what its container declared (URL, title, date). Nothing here
//! judges content: that is the article stage's job.

mod decode;
mod read;
mod record;
mod warc;

pub use decode::{decode, Decoded};
pub use read::{open_decompressed, read_inputs, read_stream, InputError, Inputs, Limits, Records};
pub use record::Record;

use serde::{Deserialize, Serialize};

/// How the page's content is marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Markup {
    /// A page saved as plain text (lines, no tags), like a crawler's text dump.
    Text,
    Html,
}

/// What the container of a page says about it, before any reading of the content.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Declared {
    pub title: Option<String>,
    /// Publication date or date-time as declared (a JSONL `published` field).
    pub published: Option<String>,
    /// When a crawler fetched the page (WARC-Date): an anchor of last resort, never a publication date.
    pub crawled: Option<String>,
    /// Charset named by the container (HTTP header), if any.
    pub charset: Option<String>,
}

/// One page as read from the input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Stable identifier in the export: a file's base name, a JSONL record's id (else url).
    pub source: String,
    /// Where it was read from, for messages: `path` or `path:line`.
    pub origin: String,
    pub url: Option<String>,
    pub markup: Markup,
    /// The decoded content.
    pub content: String,
    /// The encoding the content was decoded from ("UTF-8", "windows-1256", ...).
    pub encoding: String,
    pub declared: Declared,
}

impl Page {
    /// A page from text already in memory (tests, the `dates` command, library users).
    pub fn from_text(source: &str, markup: Markup, content: &str) -> Page {
        Page {
            source: source.to_string(),
            origin: source.to_string(),
            url: None,
            markup,
            content: content.to_string(),
            encoding: "UTF-8".to_string(),
            declared: Declared::default(),
        }
    }
}
