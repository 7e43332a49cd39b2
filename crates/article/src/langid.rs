//! Language identification. Arabic script is decided by script; Latin-script text goes first
//! to whatlang (trigrams, fast) and, when whatlang is not sure, to lingua (more accurate on
//! short text, ~20x slower). Both are restricted to the languages the engine reads plus a few
//! neighbours it must not confuse them with.
//!
//! Measured before this two-pass design was adopted: where whatlang called a Latin line
//! reliable, it agreed with lingua on 2,789 of 2,790 lines (seeds, dev pages, examples, the
//! extraction benchmark's bodies); lingua was ~30 % of a build's time.

use dossier_lang::Script;
use lingua::{IsoCode639_3, Language, LanguageDetector, LanguageDetectorBuilder};
use std::str::FromStr;
use std::sync::OnceLock;

/// The Latin-script languages told apart.
const LATIN: [Language; 8] = [
    Language::English,
    Language::French,
    Language::Spanish,
    Language::German,
    Language::Italian,
    Language::Portuguese,
    Language::Dutch,
    Language::Turkish,
];

fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| LanguageDetectorBuilder::from_languages(&LATIN).build())
}

fn first_pass() -> &'static whatlang::Detector {
    static DETECTOR: OnceLock<whatlang::Detector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        let allow = LATIN.iter().filter_map(|l| whatlang::Lang::from_code(l.iso_code_639_3().to_string())).collect();
        whatlang::Detector::with_allowlist(allow)
    })
}

/// whatlang's answer when it calls it reliable, as lingua's language.
fn quick(text: &str) -> Option<(Language, f64)> {
    let info = first_pass().detect(text)?;
    if !info.is_reliable() {
        return None;
    }
    let iso = IsoCode639_3::from_str(info.lang().code()).ok()?;
    Some((Language::from_iso_code_639_3(&iso), info.confidence()))
}

/// ISO 639-1 code of `text`'s language with a confidence in 0..=1, if it can be told.
pub fn detect_language_scored(text: &str) -> Option<(String, f64)> {
    match dossier_text::dominant_script(text)? {
        Script::Arabic => Some(("ar".to_string(), 1.0)),
        Script::Latin => {
            if let Some((lang, conf)) = quick(text) {
                return Some((lang.iso_code_639_1().to_string(), conf));
            }
            // One pass over the text: lingua's `detect_language_of` followed by
            // `compute_language_confidence` computed the same ngram probabilities twice.
            // The choice below is `detect_language_of`'s own (minimum relative distance 0):
            // no language when nothing scored or the two best tie.
            let values = detector().compute_language_confidence_values(text);
            let &(lang, conf) = values.first()?;
            match values.get(1) {
                None if conf == 0.0 => return None,
                Some(&(_, second)) if (conf - second).abs() < f64::EPSILON || conf - second < 0.0 => return None,
                _ => {}
            }
            Some((lang.iso_code_639_1().to_string(), conf))
        }
    }
}

/// ISO 639-1 code of `text`'s language, if it can be told.
pub fn detect_language(text: &str) -> Option<String> {
    detect_language_scored(text).map(|(l, _)| l)
}

/// At most `max` chars of `text`, cut at a char boundary.
fn sample(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// Chars of the title and body read to tell the page's language.
const PAGE_SAMPLE: usize = 800;

/// Sets the language of the article from its title and the start of its body: a page's
/// language is that of its headline and opening, whatever follows. (Blocks were once given
/// a language each; nothing read it, and it was a third of the article stage's time.)
pub fn label(article: &mut crate::Article) {
    let mut text = String::new();
    if let Some(t) = &article.title {
        text.push_str(&t.value);
        text.push('\n');
    }
    text.push_str(sample(&article.body, PAGE_SAMPLE));
    if text.trim().is_empty() {
        text = sample(&article.raw, PAGE_SAMPLE).to_string();
    }
    article.lang = detect_language(&text).unwrap_or_else(|| "und".into());
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn tells_the_four_languages() {
        assert_eq!(detect_language("Le directeur général a reçu l'ambassadeur des États-Unis.").as_deref(), Some("fr"));
        assert_eq!(detect_language("The minister met his counterpart in Riyadh on Wednesday.").as_deref(), Some("en"));
        assert_eq!(detect_language("El presidente del Gobierno se encuentra de visita en Mauritania.").as_deref(), Some("es"));
        assert_eq!(detect_language("استقبل المدير العام للأمن الوطني").as_deref(), Some("ar"));
    }
}
