//! Search terms: folded words, and for languages whose words carry attached clitics (Arabic
//! "بالرباط" is "ب" + "الرباط"), each word's forms with the clitics removed. The clitics are
//! language data (`[text] proclitics`). SQLite FTS5 indexes these terms, since its own
//! tokenizers cannot split clitics.

use crate::fold;
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Default, Deserialize)]
struct TextSection {
    #[serde(default)]
    proclitics: Vec<String>,
}

/// Every language's proclitics, folded, longest first.
fn proclitics() -> &'static [String] {
    static P: OnceLock<Vec<String>> = OnceLock::new();
    P.get_or_init(|| {
        let (sections, _) = dossier_lang::load_section::<TextSection>("text");
        let mut all: Vec<String> = sections.into_iter().flat_map(|(_, s)| s.proclitics).map(|p| fold(&p)).collect();
        all.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        all.dedup();
        all
    })
}

/// The folded words of `text`, in order.
pub fn words(text: &str) -> Vec<String> {
    fold(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// A folded word and its forms without proclitics (at least two letters must remain).
pub fn forms(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    for p in proclitics() {
        if let Some(rest) = word.strip_prefix(p.as_str()) {
            if rest.chars().count() >= 2 && !out.iter().any(|o| o == rest) {
                out.push(rest.to_string());
            }
        }
    }
    out
}

/// The text to index for `text`: every word's forms, space-separated.
pub fn index_terms(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for w in words(text) {
        for f in forms(&w) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_clitics_are_split_from_language_data() {
        let terms = index_terms("حموشي يستقبل بالرباط سفير الولايات المتحدة");
        for t in ["حموشي", "بالرباط", "الرباط", "رباط", "الولايات"] {
            assert!(terms.split(' ').any(|x| x == t), "{t} missing from {terms}");
        }
    }

    #[test]
    fn latin_words_are_folded() {
        assert_eq!(index_terms("Sûreté nationale, l’ambassadeur"), "surete nationale l ambassadeur");
    }
}
