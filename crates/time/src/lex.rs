//! Tokens of folded text (words, digit runs, single punctuation marks) and lexemes: tokens
//! or phrases of the language's lexicon, with what they can mean in a date.

use crate::lexicon::{Lexicon, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Num,
    Punct,
}

/// A token of the folded text: byte range, and whether white space / a line break precedes it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub kind: TokKind,
    pub start: usize,
    pub end: usize,
    pub spaced: bool,
    pub newline: bool,
}

/// `char::is_alphabetic`, with the answers for the first 2,048 code points (Latin, Greek,
/// Cyrillic, Arabic...) in a table: the standard library's search of its Unicode table cost
/// more than the rest of tokenising on Arabic pages.
fn is_alphabetic(c: char) -> bool {
    const TABLE_END: usize = 0x800;
    static TABLE: std::sync::LazyLock<[bool; TABLE_END]> =
        std::sync::LazyLock::new(|| std::array::from_fn(|i| char::from_u32(i as u32).is_some_and(char::is_alphabetic)));
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if (c as usize) < TABLE_END {
        TABLE[c as usize]
    } else {
        c.is_alphabetic()
    }
}

pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut spaced = false;
    let mut newline = false;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            spaced = true;
            if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                newline = true;
            }
            continue;
        }
        let kind = if c.is_ascii_digit() {
            TokKind::Num
        } else if is_alphabetic(c) {
            TokKind::Word
        } else {
            TokKind::Punct
        };
        let mut end = i + c.len_utf8();
        if kind != TokKind::Punct {
            while let Some(&(j, d)) = iter.peek() {
                let same = match kind {
                    TokKind::Num => d.is_ascii_digit(),
                    _ => is_alphabetic(d),
                };
                if !same {
                    break;
                }
                end = j + d.len_utf8();
                iter.next();
            }
        }
        out.push(Tok { kind, start: i, end, spaced, newline });
        spaced = false;
        newline = false;
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LexKind {
    /// A run of digits: its value (None when too long) and its number of digits.
    Num(Option<u32>, u8),
    Punct(char),
    Word,
}

/// A token, or a phrase of several, with its possible meanings.
#[derive(Debug, Clone)]
pub(crate) struct Lex {
    pub kind: LexKind,
    /// Folded byte range.
    pub start: usize,
    pub end: usize,
    /// No white space before it.
    pub glued: bool,
    pub newline: bool,
    pub roles: Vec<Role>,
    /// A clitic meaning "and" was glued before it ("والجمعة").
    pub clitic_and: bool,
}

impl Lex {
    pub fn has(&self, r: Role) -> bool {
        self.roles.contains(&r)
    }
}

/// Lexemes of folded `text`: the longest phrase of `lex` at each token, else the token itself.
pub(crate) fn lexemes(text: &str, lex: &Lexicon) -> Vec<Lex> {
    let toks = tokenize(text);
    let s = |t: &Tok| text.get(t.start..t.end).unwrap_or("");
    let mut out = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let base = Lex { kind: LexKind::Word, start: t.start, end: t.end, glued: !t.spaced, newline: t.newline, roles: Vec::new(), clitic_and: false };
        match t.kind {
            TokKind::Num => {
                let digits = s(&t);
                let value = if digits.len() <= 9 { digits.parse::<u32>().ok() } else { None };
                out.push(Lex { kind: LexKind::Num(value, digits.len().min(255) as u8), ..base });
                i += 1;
                continue;
            }
            TokKind::Punct | TokKind::Word => {
                let word = s(&t);
                let kind = if t.kind == TokKind::Punct { LexKind::Punct(word.chars().next().unwrap_or(' ')) } else { LexKind::Word };
                if let Some((len, roles)) = match_phrase(text, &toks, i, word, lex) {
                    let last = toks[i + len - 1];
                    out.push(Lex { kind: if len == 1 { kind } else { LexKind::Word }, end: last.end, roles: roles.to_vec(), ..base });
                    i += len;
                    continue;
                }
                if t.kind == TokKind::Word {
                    // A clitic glued to a known word: "والخميس", "بالأمس".
                    let mut found = None;
                    for c in lex.clitics() {
                        if let Some(rest) = word.strip_prefix(c.as_str()) {
                            if rest.chars().count() >= 2 {
                                if let Some((_, roles)) = lex.starting_with(rest).iter().find(|(more, _)| more.is_empty()) {
                                    let and = lex.starting_with(c).iter().any(|(more, r)| more.is_empty() && r.contains(&Role::And));
                                    found = Some((c.len(), roles.clone(), and));
                                    break;
                                }
                            }
                        }
                    }
                    if let Some((skip, roles, and)) = found {
                        out.push(Lex { start: t.start + skip, roles, clitic_and: and, ..base });
                        i += 1;
                        continue;
                    }
                }
                out.push(Lex { kind, ..base });
                i += 1;
            }
        }
    }
    out
}

fn match_phrase<'a>(text: &str, toks: &[Tok], i: usize, first: &str, lex: &'a Lexicon) -> Option<(usize, &'a [Role])> {
    'phrases: for (rest, roles) in lex.starting_with(first) {
        for (k, w) in rest.iter().enumerate() {
            let Some(t) = toks.get(i + 1 + k) else { continue 'phrases };
            if t.newline || text.get(t.start..t.end) != Some(w.as_str()) {
                continue 'phrases;
            }
        }
        return Some((1 + rest.len(), roles.as_slice()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alphabetic_table_agrees_with_the_standard_library() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }
}
