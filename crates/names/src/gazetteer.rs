//! Known places (and the few organisations CLDR lists) found in a text by their folded names,
//! with Arabic proclitics allowed before them ("بالرباط" is الرباط).

use crate::lexicon::{lexicon, Lexicon};
use crate::token::{is_word_char, FoldMap};
use dossier_text::Span;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

pub(crate) struct Hit {
    /// Span in the original text, without proclitics.
    pub span: Span,
    /// The folded table name (a key of `Lexicon::places`).
    pub name: String,
}

type Words<V> = HashMap<Cow<'static, str>, V, rustc_hash::FxBuildHasher>;

/// The folded forms a place is written in, looked up where a word starts in the page.
struct Gaz {
    /// folded form -> folded table name. A form of two names (the article dropped after a
    /// preposition may give another name) finds the first in the order the forms are made.
    names: Words<&'static str>,
    /// What each form holds before its first char that is not a word char ("new" of "new
    /// york", all of "rabat") -> bytes of the longest form with that head. Where the page's
    /// word is none of these, no form starts.
    heads: Words<usize>,
}

fn gaz() -> &'static Gaz {
    static G: OnceLock<Gaz> = OnceLock::new();
    G.get_or_init(|| {
        let lex: &'static Lexicon = lexicon();
        let mut g = Gaz { names: Words::default(), heads: Words::default() };
        let mut add = |form: Cow<'static, str>, name: &'static str| {
            let head = form.find(|c: char| !is_word_char(c)).unwrap_or(form.len());
            let head = match &form {
                Cow::Borrowed(f) => Cow::Borrowed(&f[..head]),
                Cow::Owned(f) => Cow::Owned(f[..head].to_string()),
            };
            let longest = g.heads.entry(head).or_insert(0);
            *longest = (*longest).max(form.len());
            g.names.entry(form).or_insert(name);
        };
        let mut keys: Vec<&'static String> = lex.places.keys().collect();
        keys.sort();
        for k in keys {
            add(Cow::Borrowed(k.as_str()), k.as_str());
            // names written with stops ("EE. UU.") are matched as folded, stops kept
            for e in lex.places.get(k).into_iter().flatten() {
                if e.name.contains('.') {
                    let f = dossier_text::fold(e.name.trim());
                    if f != *k {
                        add(Cow::Owned(f), k.as_str());
                    }
                }
            }
            // "للمغرب": the article's alef falls after the preposition
            if !lex.article.is_empty() {
                if let Some(rest) = k.strip_prefix(lex.article.as_str()) {
                    let lam: String = lex.article.chars().skip(1).collect();
                    add(Cow::Owned(format!("{lam}{rest}")), k.as_str());
                }
            }
        }
        g
    })
}

/// The forms that start at byte `s` of the folded text `f` and end before a char that is not a
/// word char (or at the end): (start, end, table name). The word chars from `s` end at
/// `word_end`.
fn forms_at(g: &Gaz, f: &str, s: usize, word_end: usize, out: &mut Vec<(usize, usize, &'static str)>) {
    let rest = f.get(s..).unwrap_or("");
    let head = word_end.saturating_sub(s).min(rest.len());
    let Some(&longest) = rest.get(..head).and_then(|h| g.heads.get(h)) else { return };
    let mut try_end = |e: usize| {
        if e > 0 {
            if let Some(name) = rest.get(..e).and_then(|form| g.names.get(form)) {
                out.push((s, s + e, *name));
            }
        }
    };
    for (e, c) in rest[head..].char_indices().map(|(i, c)| (head + i, c)) {
        if e > longest {
            return;
        }
        if !is_word_char(c) {
            try_end(e);
        }
    }
    if rest.len() <= longest {
        try_end(rest.len());
    }
}

/// Known place names in `text`, longest first, never overlapping.
pub(crate) fn find(text: &str, folded: &FoldMap) -> Vec<Hit> {
    let g = gaz();
    let lex: &Lexicon = lexicon();
    let f = folded.text.as_str();
    let mut cands: Vec<(usize, usize, &'static str)> = Vec::new();
    // (a form may start with a char that is not a word char, after another such char)
    let mark_first = g.heads.contains_key("");
    let mut at = 0;
    let mut after_word = false;
    while let Some(c) = f.get(at..).and_then(|r| r.chars().next()) {
        if !is_word_char(c) {
            if mark_first && !after_word {
                forms_at(g, f, at, at, &mut cands);
            }
            after_word = false;
            at += c.len_utf8();
            continue;
        }
        // a word starts here: a name at its start
        let word_end = f[at..].find(|c: char| !is_word_char(c)).map_or(f.len(), |n| at + n);
        forms_at(g, f, at, word_end, &mut cands);
        // or after one or two Arabic proclitics joined to it ("بالرباط")
        let mut s = at;
        for _ in 0..2 {
            let Some(clitic) = f[s..].chars().next().filter(|&c| is_word_char(c) && lex.clitics.contains(&c)) else { break };
            s += clitic.len_utf8();
            if f[s..].chars().next().is_some_and(dossier_text::is_arabic_letter) {
                forms_at(g, f, s, word_end, &mut cands);
            }
        }
        at = word_end;
        after_word = true;
    }
    // longest first, then leftmost
    cands.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::new();
    for (s, e, name) in cands {
        if taken.iter().any(|&(a, b)| s < b && a < e) {
            continue;
        }
        let span = folded.to_original(text, Span::new(s, e));
        let orig = span.of(text);
        let name = name.to_string();
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
