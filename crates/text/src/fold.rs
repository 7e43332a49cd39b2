//! Folding for matching: NFKD, no combining marks, no Arabic short vowels or tatweel, one form
//! of alef/ya/ta marbuta, ASCII digits for Arabic-Indic ones, lower case, one apostrophe and
//! one dash. `Folded` keeps, for every folded byte, the original char it came from, so a match
//! found in folded text is reported as a span of the original.

use crate::Span;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Appends the folded form of `c` to `out` (possibly nothing, possibly several chars).
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        // the common case, and its fold is itself lower-cased (apostrophe and backtick aside)
        out.push(if c == '`' { '\'' } else { c.to_ascii_lowercase() });
        return;
    }
    if arabic_folds_to_itself(c) {
        out.push(c);
        return;
    }
    fold_char_by_tables(c, out)
}

/// The Arabic letters `fold_char` keeps as they are (all but the alef, ya, waw and ta marbuta
/// forms it makes one, and tatweel), told without the Unicode tables: most of an Arabic page.
pub fn arabic_folds_to_itself(c: char) -> bool {
    matches!(c, '\u{0621}' | '\u{0627}' | '\u{0628}' | '\u{062A}'..='\u{063F}' | '\u{0641}'..='\u{0648}' | '\u{064A}')
}

/// `fold_char` for any char, by the Unicode tables.
fn fold_char_by_tables(c: char, out: &mut String) {
    let mut push = |d: char| {
        let d = match d {
            // Arabic short vowels, shadda, sukun, superscript alef, tatweel, Quranic marks
            '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}' => return,
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' | 'ئ' => 'ي',
            'ة' => 'ه',
            'ؤ' => 'و',
            'ک' => 'ك',
            'ی' => 'ي',
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (d as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (d as u32 - 0x06F0) as u8),
            '’' | '‘' | 'ʼ' | '`' | '´' | 'ʻ' => '\'',
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
            '\u{00A0}' | '\u{202F}' | '\u{2009}' | '\u{200A}' | '\u{2007}' => ' ',
            '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{061C}' => return,
            _ => d,
        };
        if is_combining_mark(d) {
            return;
        }
        for l in d.to_lowercase() {
            out.push(l);
        }
    };
    // Arabic letters with hamza must not be decomposed into letter + combining hamza before the
    // alef/ya mapping above sees them.
    if ('\u{0600}'..='\u{06FF}').contains(&c) {
        push(c);
    } else {
        decompose_compatible(c, |d| push(d));
    }
}

/// The folded form of `s`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the folded form of `s` to `out`.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        // all-ASCII text (most Latin-script words): lower-casing is the whole fold, but for
        // the backtick, which becomes an apostrophe
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
        if s.contains('`') {
            let folded = out.split_off(start).replace('`', "'");
            out.push_str(&folded);
        }
        return;
    }
    for c in s.chars() {
        fold_char(c, out);
    }
}

/// A folded text with a map back to the original.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    /// For each byte of `text`: the original span of the char it came from.
    origin: Vec<(u32, u32)>,
    original_len: usize,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (i, c) in original.char_indices() {
            if c.is_ascii() {
                // most chars: one byte folded to one byte (what `fold_char` does, inline)
                text.push(if c == '`' { '\'' } else { c.to_ascii_lowercase() });
                origin.push((i as u32, i as u32 + 1));
                continue;
            }
            let before = text.len();
            fold_char(c, &mut text);
            let span = (i as u32, (i + c.len_utf8()) as u32);
            origin.extend(std::iter::repeat_n(span, text.len() - before));
        }
        Folded { text, origin, original_len: original.len() }
    }

    /// The original span of folded bytes `[start, end)`.
    pub fn to_original(&self, span: Span) -> Span {
        if span.is_empty() {
            let at = self.origin.get(span.start).map_or(self.original_len, |o| o.0 as usize);
            return Span::new(at, at);
        }
        let start = self.origin.get(span.start).map_or(self.original_len, |o| o.0 as usize);
        let end = self.origin.get(span.end - 1).map_or(self.original_len, |o| o.1 as usize);
        Span::new(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortcuts_fold_every_char_as_the_tables_do() {
        let (mut fast, mut tables) = (String::new(), String::new());
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            fast.clear();
            tables.clear();
            fold_char(c, &mut fast);
            fold_char_by_tables(c, &mut tables);
            assert_eq!(fast, tables, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn folds_latin_accents_and_case() {
        assert_eq!(fold("Sûreté NATIONALE"), "surete nationale");
        assert_eq!(fold("l’ambassadeur"), "l'ambassadeur");
        assert_eq!(fold("États-Unis"), "etats-unis");
    }

    #[test]
    fn folds_arabic_forms_and_digits() {
        assert_eq!(fold("الأمريكية"), "الامريكيه");
        assert_eq!(fold("٢٤ سبتمبر ٢٠٢٠"), "24 سبتمبر 2020");
        assert_eq!(fold("سعيّد"), "سعيد");
    }

    #[test]
    fn ascii_fast_path_agrees_with_char_by_char_fold() {
        for s in ["Le Président", "RABAT, 12 Sept. (MAP) - `quoted` O'Neil", "", "a`b`", "État", "x\u{0660}"] {
            let mut slow = String::new();
            for c in s.chars() {
                fold_char(c, &mut slow);
            }
            assert_eq!(fold(s), slow, "{s:?}");
        }
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let original = "Le ٢٤ septembre à Rabat";
        let f = Folded::new(original);
        let at = f.text.find("24").unwrap();
        let span = f.to_original(Span::new(at, at + 2));
        assert_eq!(span.of(original), "٢٤");
        let at = f.text.find("a rabat").unwrap();
        assert_eq!(f.to_original(Span::new(at, at + 7)).of(original), "à Rabat");
    }
}
