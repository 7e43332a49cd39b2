//! Words and punctuation of a text with byte spans; what the finder walks over.

use crate::lexicon::{key, lexicon};
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
    /// Folded form (see `lexicon::key`).
    pub key: String,
}

impl Tok {
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        body.get(self.start..self.end).unwrap_or("")
    }
    pub fn is_punct(&self, c: char) -> bool {
        !self.word && self.key.starts_with(c)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || c == '\u{0640}'
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Tokens of `text`. Elided articles ("l’", "d'") are tokens of their own; a possessive "’s"
/// is dropped; a full stop right after a short capitalised word ("M.", "Gen.") belongs to it.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut nl = true;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c.is_whitespace() {
            if c == '\n' {
                nl = true;
            }
            i += 1;
            continue;
        }
        if is_word_char(c) {
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                if is_word_char(cj) {
                    j += 1;
                    continue;
                }
                if (cj == '-' || cj == '‑' || is_apostrophe(cj)) && j + 1 < chars.len() && is_word_char(chars[j + 1].1) {
                    j += 1;
                    continue;
                }
                // a hyphenated word broken by a space: "Lounous- bek"
                if cj == '-' && j + 2 < chars.len() && chars[j + 1].1 == ' ' && chars[j + 2].1.is_lowercase() {
                    j += 2;
                    continue;
                }
                break;
            }
            let end = chars.get(j).map_or(text.len(), |x| x.0);
            let word = &text[pos..end];
            let arabic = word.chars().any(dossier_text::is_arabic_letter);
            // elision: l’UE, d'Investigation, qu'il
            let mut start = pos;
            // (both elision forms need an apostrophe)
            if !arabic && word.contains(is_apostrophe) {
                let wc: Vec<(usize, char)> = word.char_indices().collect();
                let el = if wc.len() > 2 && is_apostrophe(wc[1].1) && wc[0].1.is_alphabetic() {
                    Some(wc[2].0)
                } else if let Some(k) = (2..wc.len().saturating_sub(1)).find(|&k| {
                    is_apostrophe(wc[k].1) && lexicon().elisions.iter().any(|e| *e == key(&word[..wc[k].0]))
                }) {
                    Some(wc[k + 1].0)
                } else {
                    None
                };
                if let Some(cut) = el {
                    out.push(Tok { start: pos, end: pos + cut, word: true, nl_before: nl, arabic, key: key(&word[..cut]) });
                    nl = false;
                    start = pos + cut;
                }
            }
            let mut wend = end;
            // possessive 's
            let w = &text[start..wend];
            for poss in &lexicon().possessives {
                let Some(before) = w.strip_suffix(poss.as_str()) else { continue };
                let Some(apostrophe) = before.chars().next_back().filter(|c| is_apostrophe(*c)) else { continue };
                let cut = poss.len() + apostrophe.len_utf8();
                if w.len() > cut + 1 {
                    wend -= cut;
                    break;
                }
            }
            // abbreviation stop
            let w = &text[start..wend];
            let mut tok_end = wend;
            if !arabic && wend == end && text[end..].starts_with('.') {
                let n = w.chars().count();
                let first_upper = w.chars().next().is_some_and(|c| c.is_uppercase());
                let next_upper = text[end + 1..].trim_start().chars().next().is_some_and(|c| c.is_uppercase());
                let abbr = lexicon().abbreviations.contains(&key(w));
                if first_upper && (n == 1 || (abbr && next_upper && text[end + 1..].starts_with(' '))) {
                    tok_end = end + 1;
                }
            }
            let k = key(&text[start..tok_end]);
            out.push(Tok { start, end: tok_end, word: true, nl_before: nl, arabic, key: k });
            nl = false;
            // skip past what we consumed
            let mut consumed = tok_end.max(end);
            if tok_end > end {
                consumed = tok_end;
            }
            while i < chars.len() && chars[i].0 < consumed {
                i += 1;
            }
            continue;
        }
        let end = pos + c.len_utf8();
        out.push(Tok { start: pos, end, word: false, nl_before: nl, arabic: false, key: c.to_string() });
        nl = false;
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn splits_elisions_and_keeps_abbreviation_stops() {
        let t = "A. Hammouchi et l’UE, Maj. Gen. Al-Raisi's office.";
        let toks: Vec<&str> = tokenize(t).iter().map(|k| k.text(t)).collect();
        assert_eq!(toks, vec!["A.", "Hammouchi", "et", "l’", "UE", ",", "Maj.", "Gen.", "Al-Raisi", "office", "."]);
    }
}
