//! Words and punctuation of a text with byte spans; what the finder walks over.
//!
//! The text is folded once, into one buffer that remembers where each folded byte came from
//! (the gazetteer searches it). Each token's folded key is a range of one shared buffer of
//! keys, copied from the folded text: no string is allocated per token.

use crate::lexicon::{key, lexicon};
use dossier_text::{arabic_folds_to_itself, fold_char, Span};
use unicode_normalization::char::is_combining_mark;

#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    /// A word (letters, digits, inner hyphens and apostrophes) rather than one punctuation char.
    pub word: bool,
    /// A line break lies between this token and the previous one.
    pub nl_before: bool,
    pub arabic: bool,
    /// Byte range of the folded form (see `lexicon::key`) in `Tokens::keys`; for a punctuation
    /// token, the char as written.
    key: (usize, usize),
}

impl Tok {
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        body.get(self.start..self.end).unwrap_or("")
    }
}

/// A text folded as `dossier_text::Folded` folds it, with the way back to the original.
pub(crate) struct FoldMap {
    pub text: String,
    /// For each byte of `text`: the start of the original char it came from.
    origin: Vec<usize>,
}

impl FoldMap {
    /// The original span of folded bytes `[start, end)` (`Folded::to_original`).
    pub fn to_original(&self, original: &str, span: Span) -> Span {
        let start = self.origin.get(span.start).map_or(original.len(), |&o| o);
        if span.is_empty() {
            return Span::new(start, start);
        }
        let end = self.origin.get(span.end - 1).map_or(original.len(), |&o| o + original.get(o..).and_then(|r| r.chars().next()).map_or(0, char::len_utf8));
        Span::new(start, end)
    }
}

/// The tokens of a text, their folded keys, and the folded text.
pub(crate) struct Tokens {
    pub toks: Vec<Tok>,
    keys: String,
    pub folded: FoldMap,
}

impl Tokens {
    /// Folded key of token `i` ("" past the end).
    pub fn key(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| self.key_of(t))
    }
    pub fn key_of(&self, t: &Tok) -> &str {
        self.keys.get(t.key.0..t.key.1).unwrap_or("")
    }
}

/// Letters, digits and combining marks (tatweel, a modifier letter, among them).
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // the Arabic letters and the accented Latin ones, most of the other chars of the pages,
    // told without the Unicode tables
    if matches!(c, '\u{0621}'..='\u{064A}' | '\u{00C0}'..='\u{00D6}' | '\u{00D8}'..='\u{00F6}' | '\u{00F8}'..='\u{017F}') {
        return true;
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// One char of the text: where it starts, and where its fold starts in the folded text.
#[derive(Clone, Copy)]
struct At {
    pos: usize,
    c: char,
    folded: usize,
}

/// Appends to `keys` the key (`lexicon::key`) of an original text whose fold is `folded`, the
/// text having no white space at either end: the fold with full stops dropped and white space
/// runs made one space. Returns the key's range in `keys`.
fn push_key(keys: &mut String, folded: &str) -> (usize, usize) {
    let from = keys.len();
    if !folded.contains(|c: char| c == '.' || c.is_whitespace()) {
        keys.push_str(folded); // the common case (one word): nothing to drop or collapse
        return (from, keys.len());
    }
    for c in folded.chars() {
        match c {
            '.' => {}
            c if c.is_whitespace() => {
                if keys.len() > from && !keys.ends_with(' ') {
                    keys.push(' ')
                }
            }
            c => keys.push(c),
        }
    }
    let kept = keys[from..].trim_end().len();
    keys.truncate(from + kept);
    (from, keys.len())
}

impl Tokens {
    /// Tokens of `text`. Elided articles ("l’", "d'") are tokens of their own; a possessive "’s"
    /// is dropped; a full stop right after a short capitalised word ("M.", "Gen.") belongs to it.
    pub fn new(text: &str) -> Tokens {
        let lex = lexicon();
        // fold once: each char with its fold's offset, each folded byte with its char
        let mut folded = String::with_capacity(text.len() + text.len() / 8);
        let mut origin: Vec<usize> = Vec::with_capacity(text.len() + text.len() / 8);
        let mut chars: Vec<At> = Vec::with_capacity(text.len());
        for (pos, c) in text.char_indices() {
            let at = folded.len();
            if c.is_ascii() {
                // most chars: what `fold_char` does with ASCII, without the call
                folded.push(if c == '`' { '\'' } else { c.to_ascii_lowercase() });
                origin.push(pos);
            } else if arabic_folds_to_itself(c) {
                folded.push(c);
                origin.resize(folded.len(), pos);
            } else {
                fold_char(c, &mut folded);
                origin.resize(folded.len(), pos);
            }
            chars.push(At { pos, c, folded: at });
        }
        let folded_at = |k: usize| chars.get(k).map_or(folded.len(), |a| a.folded);
        let fold_of = |a: usize, b: usize| folded.get(folded_at(a)..folded_at(b)).unwrap_or("");
        let mut keys = String::with_capacity(folded.len());
        let mut out: Vec<Tok> = Vec::new();
        let mut i = 0;
        let mut nl = true;
        while i < chars.len() {
            let At { pos, c, .. } = chars[i];
            if c.is_whitespace() {
                if c == '\n' {
                    nl = true;
                }
                i += 1;
                continue;
            }
            if !is_word_char(c) {
                let end = pos + c.len_utf8();
                let from = keys.len();
                keys.push(c);
                out.push(Tok { start: pos, end, word: false, nl_before: nl, arabic: false, key: (from, keys.len()) });
                nl = false;
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].c;
                if is_word_char(cj) {
                    j += 1;
                    continue;
                }
                if (cj == '-' || cj == '‑' || is_apostrophe(cj)) && j + 1 < chars.len() && is_word_char(chars[j + 1].c) {
                    j += 1;
                    continue;
                }
                // a hyphenated word broken by a space: "Lounous- bek"
                if cj == '-' && j + 2 < chars.len() && chars[j + 1].c == ' ' && chars[j + 2].c.is_lowercase() {
                    j += 2;
                    continue;
                }
                break;
            }
            let end = chars.get(j).map_or(text.len(), |x| x.pos);
            let word_chars = &chars[i..j];
            let arabic = word_chars.iter().any(|a| dossier_text::is_arabic_letter(a.c));
            let has_apostrophe = word_chars.iter().any(|a| is_apostrophe(a.c));
            // elision: l’UE, d'Investigation, qu'il
            let mut start = pos;
            // (both elision forms need an apostrophe)
            if !arabic && has_apostrophe {
                let wc = word_chars;
                let el = if wc.len() > 2 && is_apostrophe(wc[1].c) && wc[0].c.is_alphabetic() {
                    Some(2)
                } else {
                    (2..wc.len().saturating_sub(1)).find(|&k| {
                        if !is_apostrophe(wc[k].c) {
                            return false;
                        }
                        let from = keys.len();
                        push_key(&mut keys, fold_of(i, i + k));
                        let elided = lex.elisions.iter().any(|e| *e == keys[from..]);
                        keys.truncate(from);
                        elided
                    })
                    .map(|k| k + 1)
                };
                if let Some(k) = el {
                    let cut = wc[k].pos;
                    let key = push_key(&mut keys, fold_of(i, i + k));
                    out.push(Tok { start: pos, end: cut, word: true, nl_before: nl, arabic, key });
                    nl = false;
                    start = cut;
                }
            }
            let mut wend = end;
            // possessive 's (it follows an apostrophe)
            if has_apostrophe {
                let w = &text[start..wend];
                for poss in &lex.possessives {
                    let Some(before) = w.strip_suffix(poss.as_str()) else { continue };
                    let Some(apostrophe) = before.chars().next_back().filter(|c| is_apostrophe(*c)) else { continue };
                    let cut = poss.len() + apostrophe.len_utf8();
                    if w.len() > cut + 1 {
                        wend -= cut;
                        break;
                    }
                }
            }
            // abbreviation stop
            let mut tok_end = wend;
            if !arabic && wend == end && text[end..].starts_with('.') {
                let w = &text[start..wend];
                let n = w.chars().count();
                let first_upper = w.chars().next().is_some_and(|c| c.is_uppercase());
                let next_upper = text[end + 1..].trim_start().chars().next().is_some_and(|c| c.is_uppercase());
                if first_upper && (n == 1 || (next_upper && text[end + 1..].starts_with(' ') && lex.abbreviations.contains(&key(w)))) {
                    tok_end = end + 1;
                }
            }
            // the token's chars: start and tok_end are char boundaries of `chars`
            let first = i + chars[i..j].partition_point(|a| a.pos < start);
            let last = if tok_end > end { j + 1 } else { i + chars[i..j].partition_point(|a| a.pos < tok_end) };
            let key = push_key(&mut keys, fold_of(first, last));
            out.push(Tok { start, end: tok_end, word: true, nl_before: nl, arabic, key });
            nl = false;
            // go on past what was consumed
            i = last.max(j);
        }
        Tokens { toks: out, keys, folded: FoldMap { text: folded, origin } }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn splits_elisions_and_keeps_abbreviation_stops() {
        let t = "A. Hammouchi et l’UE, Maj. Gen. Al-Raisi's office.";
        let toks = Tokens::new(t);
        let texts: Vec<&str> = toks.toks.iter().map(|k| k.text(t)).collect();
        assert_eq!(texts, vec!["A.", "Hammouchi", "et", "l’", "UE", ",", "Maj.", "Gen.", "Al-Raisi", "office", "."]);
        let keys: Vec<&str> = (0..toks.toks.len()).map(|i| toks.key(i)).collect();
        assert_eq!(keys, vec!["a", "hammouchi", "et", "l'", "ue", ",", "maj", "gen", "al-raisi", "office", "."]);
    }

    #[test]
    fn keys_are_the_keys_of_the_words_as_written() {
        for t in [
            "Le ministre de l’Intérieur, M. Abdelouafi Laftit, a reçu qu'il Lounous- bek à Rabat.",
            "أشرف الرئيس أمس بالقصر الرئاسي في نواكشوط، رفقة رئيس الحكومة الإسبانية بيدرو سانشيز",
            "Saudi Arabia’s Crown Prince met Gen. Michael Kurilla in Washington D.C. ⒈ ½ Ｆｕｌｌ ǅemal",
        ] {
            let toks = Tokens::new(t);
            for (i, tok) in toks.toks.iter().enumerate() {
                let expected = if tok.word { key(tok.text(t)) } else { tok.text(t).to_string() };
                assert_eq!(toks.key(i), expected, "{:?}", tok.text(t));
            }
        }
    }

    #[test]
    fn folded_text_maps_back_like_folded() {
        let t = "Ｆｕｌｌ ǅemal à l’Élysée, بالرباط ﻻ ⒈ `Quoted` MAJ. 12 €";
        let toks = Tokens::new(t);
        let reference = dossier_text::Folded::new(t);
        assert_eq!(toks.folded.text, reference.text);
        for s in 0..reference.text.len() {
            for e in s..=reference.text.len() {
                assert_eq!(toks.folded.to_original(t, Span::new(s, e)), reference.to_original(Span::new(s, e)), "{s}..{e}");
            }
        }
    }

    #[test]
    fn arabic_letters_are_word_chars_as_before() {
        let before = |c: char| c.is_alphanumeric() || is_combining_mark(c) || c == '\u{0640}';
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), before(c), "{c:?}");
        }
    }
}
