//! Names found again in the other script. A person's full name written in Latin script on one
//! page ("Andrés Pellicer") is looked for in the Arabic-script pages: two adjacent Arabic words
//! whose consonant skeletons are the given name's and the family name's ("أندريس بيليسير").
//! A match counts only when the context agrees: the Arabic page and a page writing the Latin
//! name share another referent (a place key, or another person's family-name skeleton). Once
//! the full name is found in a page, the family name alone in that page is the same person.
//!
//! Work is linear in the corpus: Latin names are indexed by family-name skeleton, and each
//! Arabic page is read once.

use crate::lexicon::{key, Lexicon};
use crate::skeleton::skeletons;
use crate::token::Tokens;
use crate::{EntityKind, Interner, LinkDoc, LinkMention};
use dossier_text::Span;
use std::collections::{BTreeMap, BTreeSet};

/// A Latin name is compared with at most this many of the pages writing it (bounded work).
const MAX_DOCS_PER_NAME: usize = 64;

#[derive(Default)]
struct Known {
    /// given-name skeleton variants
    given: Vec<String>,
    /// pages writing the name
    docs: Vec<usize>,
}

fn long_enough(skels: &[String], n: usize) -> bool {
    skels.iter().any(|s| s.chars().count() >= n)
}

/// Context keys of one page: place keys and people's family-name skeletons.
pub(crate) fn context(doc: &LinkDoc, lex: &Lexicon) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for m in doc.mentions.iter().filter(|m| !m.adjective) {
        if let Some(k) = &m.key {
            out.insert(format!("k:{k}"));
        }
        if m.kind == EntityKind::Person && m.confident {
            if let Some(last) = m.surface.split_whitespace().last() {
                let k = key(last);
                let bare = if k.chars().any(dossier_text::is_arabic_letter) { lex.strip_article(&k).to_string() } else { k };
                for s in skeletons(&bare) {
                    if s.chars().count() >= 3 {
                        out.insert(format!("s:{s}"));
                    }
                }
            }
        }
    }
    out
}

/// (given name, family name) readings of a Latin-script person's name (particles dropped):
/// the first and the last part, and for three parts also the first two (the first of two
/// family names, "Andrés Pellicer Ruiz"). Empty for initials or one word.
fn latin_parts(surface: &str, lex: &Lexicon) -> Vec<(String, String)> {
    let words: Vec<String> = surface
        .split(|c: char| c.is_whitespace() || c == '-' || c == '‑')
        .map(|w| key(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().any(|w| w.chars().any(dossier_text::is_arabic_letter) || w.chars().count() < 2) {
        return Vec::new();
    }
    let names: Vec<&String> = words.iter().filter(|w| !lex.is_particle(w) && !lex.connectors.contains(w.as_str())).collect();
    if names.len() < 2 || names.len() > 4 {
        return Vec::new();
    }
    let mut out = vec![(names[0].clone(), names[names.len() - 1].clone())];
    if names.len() == 3 && words.len() == 3 {
        out.push((names[0].clone(), names[1].clone()));
    }
    out
}

/// A person's name written in Latin script, read as given + family name, with their skeletons.
struct LatinName {
    given: String,
    family: String,
    given_skels: Vec<String>,
    family_skels: Vec<String>,
}

/// A page's people written in Latin script, when both names are long enough to look for.
fn latin_full_names(doc: &LinkDoc, lex: &Lexicon) -> Vec<LatinName> {
    let mut out = Vec::new();
    for m in doc.mentions.iter().filter(|m| m.kind == EntityKind::Person && m.confident && !m.adjective) {
        for (given, family) in latin_parts(&m.surface, lex) {
            let gs = skeletons(&given);
            let fs = skeletons(&family);
            if long_enough(&gs, 2) && long_enough(&fs, 3) {
                out.push(LatinName { given, family, given_skels: gs, family_skels: fs });
            }
        }
    }
    out
}

/// For each document, the mentions to add (people found again in Arabic script).
pub(crate) fn echoes(docs: &[LinkDoc], lex: &Lexicon, interner: &Interner) -> Vec<Vec<LinkMention>> {
    use rayon::prelude::*;
    // Latin full names by family-name skeleton: each page's names and skeletons worked out in
    // parallel, a chunk of pages at a time (bounded memory), then indexed in page order
    const CHUNK: usize = 4096;
    let mut by_family: BTreeMap<String, BTreeMap<(String, String), Known>> = BTreeMap::new();
    for (c, chunk) in docs.chunks(CHUNK).enumerate() {
        let named: Vec<Vec<LatinName>> = chunk.par_iter().map(|doc| latin_full_names(doc, lex)).collect();
        for (k, names) in named.into_iter().enumerate() {
            let d = c * CHUNK + k;
            for LatinName { given, family, given_skels: gs, family_skels: fs } in names {
                let name = (given, family);
                for s in fs.iter().filter(|s| s.chars().count() >= 3) {
                    // (pages repeat names: the keys are copied only when first seen)
                    let of_family = match by_family.get_mut(s.as_str()) {
                        Some(m) => m,
                        None => by_family.entry(s.clone()).or_default(),
                    };
                    let e = match of_family.get_mut(&name) {
                        Some(e) => e,
                        None => of_family.entry(name.clone()).or_default(),
                    };
                    if e.given.is_empty() {
                        e.given = gs.clone();
                    }
                    if e.docs.last() != Some(&d) && e.docs.len() < MAX_DOCS_PER_NAME {
                        e.docs.push(d);
                    }
                }
            }
        }
    }
    if by_family.is_empty() {
        return vec![Vec::new(); docs.len()];
    }
    // each Arabic-script page on its own (in parallel); other pages' contexts are cached per
    // thread (a pure function of the page)
    docs.par_iter()
        .enumerate()
        .map_init(BTreeMap::new, |contexts, (d, doc)| echoes_in(d, doc, docs, &by_family, contexts, lex, interner))
        .collect()
}

/// The people of `by_family` found again in page `d`, when it is written in Arabic script.
fn echoes_in(
    d: usize,
    doc: &LinkDoc,
    docs: &[LinkDoc],
    by_family: &BTreeMap<String, BTreeMap<(String, String), Known>>,
    contexts: &mut BTreeMap<usize, BTreeSet<String>>,
    lex: &Lexicon,
    interner: &Interner,
) -> Vec<LinkMention> {
    if !doc.reads_body() {
        return Vec::new();
    }
    let body: &str = &doc.body;
    let tokens = Tokens::new(body);
    let toks = &tokens.toks;
    // forms of each Arabic word: (byte offset of the form, folded form, skeleton)
    let forms: Vec<Vec<(usize, String, String)>> = toks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut v = Vec::new();
            if !t.word || !t.arabic {
                return v;
            }
            let text = t.text(body);
            let mut push = |off: usize, k: String| {
                if let Some(sk) = skeletons(&k).into_iter().next() {
                    v.push((off, k, sk));
                }
            };
            // the word's key is the tokenizer's; the word without a proclitic is keyed here
            push(t.start, tokens.key(i).to_string());
            let mut ch = text.chars();
            if let Some(c) = ch.next() {
                if lex.clitics.contains(&c) && ch.as_str().chars().count() >= 3 {
                    push(t.start + c.len_utf8(), key(ch.as_str()));
                }
            }
            v
        })
        .collect();
    let taken = |s: Span| doc.mentions.iter().any(|m| m.span().start < s.end && s.start < m.span().end);
    let mut found: Vec<LinkMention> = Vec::new();
    let mut confirmed: BTreeSet<String> = BTreeSet::new();
    let mut used: BTreeSet<usize> = BTreeSet::new();
    // this page's context, read once it is needed (other pages' contexts are in `contexts`)
    let mut mine: Option<BTreeSet<String>> = None;
    for i in 1..toks.len() {
        if toks[i].nl_before || !toks[i - 1].word || !toks[i - 1].arabic {
            continue;
        }
        for (_, fam_fold, fam_sk) in &forms[i] {
            let Some(names) = by_family.get(fam_sk) else { continue };
            let Some((g_off, _, _)) = forms[i - 1].iter().find(|(_, _, g)| names.values().any(|k| k.given.iter().any(|x| x == g))) else { continue };
            let span = Span::new(*g_off, toks[i].end);
            if taken(span) {
                continue;
            }
            // the context: a page writing the Latin name shares another referent
            let mine = mine.get_or_insert_with(|| context(doc, lex));
            let own = format!("s:{fam_sk}");
            let mut agrees = false;
            for k in names.values().filter(|k| k.given.iter().any(|x| forms[i - 1].iter().any(|(_, _, g)| g == x))) {
                for &ld in &k.docs {
                    if ld == d {
                        continue;
                    }
                    let theirs = contexts.entry(ld).or_insert_with(|| context(&docs[ld], lex));
                    if theirs.iter().any(|x| *x != own && mine.contains(x)) {
                        agrees = true;
                        break;
                    }
                }
                if agrees {
                    break;
                }
            }
            if !agrees {
                continue;
            }
            found.push(LinkMention::person(span, interner.intern(span.of(body))));
            confirmed.insert(fam_fold.clone());
            used.insert(i - 1);
            used.insert(i);
            break;
        }
    }
    if found.is_empty() {
        return found;
    }
    // the family name alone, in the page that writes the full name
    for (i, fs) in forms.iter().enumerate() {
        if used.contains(&i) {
            continue;
        }
        if let Some((off, _, _)) = fs.iter().find(|(_, f, _)| confirmed.contains(f)) {
            let span = Span::new(*off, toks[i].end);
            if !taken(span) {
                found.push(LinkMention::person(span, interner.intern(span.of(body))));
            }
        }
    }
    found.sort_by_key(|m| (m.span().start, m.span().end));
    found
}
