//! Known places (and the few organisations CLDR lists) found in a text by their folded names,
//! with Arabic proclitics allowed before them ("بالرباط" is الرباط).

use crate::lexicon::{lexicon, Lexicon};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use crate::token::FoldMap;
use dossier_text::Span;
use std::sync::OnceLock;

pub(crate) struct Hit {
    /// Span in the original text, without proclitics.
    pub span: Span,
    /// Index into `Lexicon::places` keys list (`Gaz::names`).
    pub name: String,
}

struct Gaz {
    ac: AhoCorasick,
    /// pattern -> folded table name
    names: Vec<String>,
}

fn gaz() -> Option<&'static Gaz> {
    static G: OnceLock<Option<Gaz>> = OnceLock::new();
    G.get_or_init(|| {
        let lex = lexicon();
        let mut pats: Vec<String> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        let mut keys: Vec<&String> = lex.places.keys().collect();
        keys.sort();
        for k in keys {
            pats.push(k.clone());
            names.push(k.clone());
            // names written with stops ("EE. UU.") are matched as folded, stops kept
            for e in lex.places.get(k).into_iter().flatten() {
                if e.name.contains('.') {
                    let f = dossier_text::fold(e.name.trim());
                    if f != *k {
                        pats.push(f);
                        names.push(k.clone());
                    }
                }
            }
            // "للمغرب": the article's alef falls after the preposition
            if !lex.article.is_empty() {
                if let Some(rest) = k.strip_prefix(lex.article.as_str()) {
                    let lam: String = lex.article.chars().skip(1).collect();
                    pats.push(format!("{lam}{rest}"));
                    names.push(k.clone());
                }
            }
        }
        let ac = AhoCorasickBuilder::new().match_kind(MatchKind::Standard).build(&pats).ok()?;
        Some(Gaz { ac, names })
    })
    .as_ref()
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// Known place names in `text`, longest first, never overlapping.
pub(crate) fn find(text: &str, folded: &FoldMap) -> Vec<Hit> {
    let Some(g) = gaz() else { return Vec::new() };
    let lex: &Lexicon = lexicon();
    let f = folded.text.as_str();
    let mut cands: Vec<(usize, usize, usize)> = Vec::new();
    for m in g.ac.find_overlapping_iter(f) {
        let (s, e) = (m.start(), m.end());
        // right boundary
        if f[e..].chars().next().is_some_and(is_word) {
            continue;
        }
        // left boundary, allowing up to two Arabic proclitics
        let before = &f[..s];
        let word_start = before.char_indices().rev().take_while(|(_, c)| is_word(*c)).last().map_or(s, |(i, _)| i);
        let prefix = &f[word_start..s];
        if !prefix.is_empty() {
            let n = prefix.chars().count();
            let first = f[s..].chars().next().unwrap_or(' ');
            if !dossier_text::is_arabic_letter(first) || n > 2 || !prefix.chars().all(|c| lex.clitics.contains(&c)) {
                continue;
            }
        }
        cands.push((s, e, m.pattern().as_usize()));
    }
    // longest first, then leftmost
    cands.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::new();
    for (s, e, p) in cands {
        if taken.iter().any(|&(a, b)| s < b && a < e) {
            continue;
        }
        let span = folded.to_original(text, Span::new(s, e));
        let orig = span.of(text);
        let name = match g.names.get(p) {
            Some(n) => n.clone(),
            None => continue,
        };
        // Latin names are capitalised in text (or written in capitals)
        let first = orig.chars().next().unwrap_or(' ');
        if first.is_alphabetic() && !dossier_text::is_arabic_letter(first) && !first.is_uppercase() {
            continue;
        }
        // short all-capital names must be written so ("US", not "us"); short Latin names need a capital
        taken.push((s, e));
        out.push(Hit { span, name });
    }
    out.sort_by_key(|h| h.span.start);
    out
}
