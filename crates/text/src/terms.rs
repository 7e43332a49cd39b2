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

/// The text to index for `text`: every word's forms (as `forms` gives them), space-separated.
/// Written straight into one string: a page has thousands of words.
pub fn index_terms(text: &str) -> String {
    let folded = fold(text);
    let proclitics = proclitics();
    let starts: Vec<char> = proclitics.iter().filter_map(|p| p.chars().next()).collect();
    let mut out = String::with_capacity(folded.len() + folded.len() / 4);
    let mut seen: Vec<&str> = Vec::new();
    for w in folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
        // a word no proclitic can start (most words) has one form
        if !w.chars().next().is_some_and(|c| starts.contains(&c)) {
            continue;
        }
        seen.clear();
        seen.push(w);
        for p in proclitics {
            if let Some(rest) = w.strip_prefix(p.as_str()) {
                if rest.chars().count() >= 2 && !seen.contains(&rest) {
                    seen.push(rest);
                    out.push(' ');
                    out.push_str(rest);
                }
            }
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
    fn index_terms_are_the_forms_of_the_words() {
        let text = "Sûreté nationale — حموشي يستقبل بالرباط وللمديرية سفير الولايات المتحدة; l’ambassadeur, 24 septembre";
        let by_forms: Vec<String> = words(text).iter().flat_map(|w| forms(w)).collect();
        assert_eq!(index_terms(text), by_forms.join(" "));
    }

    #[test]
    fn latin_words_are_folded() {
        assert_eq!(index_terms("Sûreté nationale, l’ambassadeur"), "surete nationale l ambassadeur");
    }
}
