//! `Article::blocks` as stored: each distinct removal once, then five numbers a block, instead
//! of an object a block repeating its removal's kind and detail. An HTML page has a hundred
//! blocks or more, most removed for one of a few reasons; as objects they were two thirds of
//! its stored analysis and of the time spent writing and reading it back.
//!
//! ```json
//! {"removals": [{"kind": "navigation", "detail": "..."}],
//!  "spans": [raw.start, raw.end, removal, body.start + 1, body.end, ...]}
//! ```
//! `removal` is 0 for a kept block, else 1 + its index in `removals`; a block without a body
//! has 0, 0 for it. Analyses stored before (a list of block objects) are read as well.

use crate::{Block, Removal};
use dossier_text::Span;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserializer, Serializer};
use std::collections::HashMap;

const NUMBERS: usize = 5;

pub fn serialize<S: Serializer>(blocks: &[Block], serializer: S) -> Result<S::Ok, S::Error> {
    let mut removals: Vec<&Removal> = Vec::new();
    // page data (class names end up in details): the standard keyed hasher
    let mut index: HashMap<&Removal, usize> = HashMap::new();
    let mut spans = Vec::with_capacity(blocks.len() * NUMBERS);
    for b in blocks {
        let removal = match &b.removed {
            None => 0,
            Some(r) => {
                1 + *index.entry(r).or_insert_with(|| {
                    removals.push(r);
                    removals.len() - 1
                })
            }
        };
        let (body_start, body_end) = b.body.map_or((0, 0), |s| (s.start + 1, s.end));
        spans.extend([b.raw.start, b.raw.end, removal, body_start, body_end]);
    }
    let mut s = serializer.serialize_struct("Blocks", 2)?;
    s.serialize_field("removals", &removals)?;
    s.serialize_field("spans", &spans)?;
    s.end()
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Block>, D::Error> {
    deserializer.deserialize_any(BlocksVisitor)
}

struct BlocksVisitor;

impl<'de> Visitor<'de> for BlocksVisitor {
    type Value = Vec<Block>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("blocks: {\"removals\", \"spans\"}, or a list of block objects")
    }

    /// Analyses stored before the compact form.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Block>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(b) = seq.next_element::<Block>()? {
            out.push(b);
        }
        Ok(out)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Block>, A::Error> {
        let (mut removals, mut spans): (Option<Vec<Removal>>, Option<Vec<usize>>) = (None, None);
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match &*key {
                "removals" => removals = Some(map.next_value()?),
                "spans" => spans = Some(map.next_value()?),
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        let removals = removals.ok_or_else(|| de::Error::missing_field("removals"))?;
        let spans = spans.ok_or_else(|| de::Error::missing_field("spans"))?;
        if spans.len() % NUMBERS != 0 {
            return Err(de::Error::invalid_length(spans.len(), &"five numbers a block"));
        }
        spans
            .chunks_exact(NUMBERS)
            .map(|n| {
                let removed = match n[2] {
                    0 => None,
                    i => Some(removals.get(i - 1).cloned().ok_or_else(|| de::Error::custom(format!("removal {i} of {}", removals.len())))?),
                };
                let body = (n[3] > 0).then(|| Span { start: n[3] - 1, end: n[4] });
                Ok(Block { raw: Span { start: n[0], end: n[1] }, body, removed })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::{Article, Block, Removal, RemovalKind};
    use dossier_text::Span;

    fn article(blocks: Vec<Block>) -> Article {
        Article {
            source: "s".into(),
            origin: "o".into(),
            url: None,
            markup: dossier_page::Markup::Html,
            encoding: "UTF-8".into(),
            lang: "fr".into(),
            title: None,
            published: None,
            raw: "menu\nTexte.\nmenu\n".into(),
            blocks,
            body: "Texte.".into(),
            crawled: None,
        }
    }

    fn blocks() -> Vec<Block> {
        let nav = Removal { kind: RemovalKind::Navigation, detail: "class token 'nav'; outside the main content".into() };
        vec![
            Block { raw: Span::new(0, 4), body: None, removed: Some(nav.clone()) },
            Block { raw: Span::new(5, 11), body: Some(Span::new(0, 6)), removed: None },
            Block { raw: Span::new(12, 16), body: None, removed: Some(nav) },
            Block { raw: Span::new(17, 17), body: None, removed: None },
            Block { raw: Span::new(0, 0), body: Some(Span::new(0, 0)), removed: Some(Removal { kind: RemovalKind::Other, detail: "\"quoted\" ✓".into() }) },
        ]
    }

    #[test]
    fn blocks_are_written_compactly_and_read_back() {
        let a = article(blocks());
        let json = serde_json::to_string(&a).unwrap();
        assert!(json.contains(r#""blocks":{"removals":[{"kind":"navigation","detail":"class token 'nav'; outside the main content"},{"kind":"other""#), "{json}");
        assert!(json.contains(r#""spans":[0,4,1,0,0,5,11,0,1,6,12,16,1,0,0,17,17,0,0,0,0,0,2,1,0]"#), "{json}");
        let back: Article = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a);
        let empty = article(Vec::new());
        assert_eq!(serde_json::from_str::<Article>(&serde_json::to_string(&empty).unwrap()).unwrap(), empty);
    }

    #[test]
    fn analyses_stored_before_are_read() {
        let a = article(blocks());
        // the form every analysis had before: a list of block objects (`Block`'s own serde)
        let old_blocks = serde_json::to_string(&blocks()).unwrap();
        assert!(old_blocks.starts_with(r#"[{"raw":{"start":0,"end":4},"body":null,"removed":{"kind":"navigation","detail":"class"#), "{old_blocks}");
        let new = serde_json::to_string(&a).unwrap();
        let (at, end) = (new.find(r#""blocks":"#).unwrap() + 9, new.find(r#","body":"Texte."#).unwrap());
        let old = format!("{}{old_blocks}{}", &new[..at], &new[end..]);
        assert_eq!(serde_json::from_str::<Article>(&old).unwrap(), a, "{old}");
    }

    #[test]
    fn malformed_blocks_are_errors_not_panics() {
        let a = serde_json::to_value(article(Vec::new())).unwrap();
        for bad in [
            serde_json::json!({"removals": [], "spans": [0, 1, 1, 0, 0]}),
            serde_json::json!({"removals": [], "spans": [0, 1, 0, 0]}),
            serde_json::json!({"spans": []}),
            serde_json::json!({"removals": [], "spans": [0, 1, 0, 0, -1]}),
            serde_json::json!(7),
        ] {
            let mut v = a.clone();
            v["blocks"] = bad.clone();
            assert!(serde_json::from_value::<Article>(v.clone()).is_err(), "{bad}");
            assert!(serde_json::from_str::<Article>(&v.to_string()).is_err(), "{bad}");
        }
    }
}
