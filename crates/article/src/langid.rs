//! Language identification. Arabic script is decided by script; Latin-script text goes to
//! lingua, restricted to the languages the engine reads plus a few neighbours it must not
//! confuse them with.

use dossier_lang::Script;
use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use std::sync::OnceLock;

fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        LanguageDetectorBuilder::from_languages(&[
            Language::English,
            Language::French,
            Language::Spanish,
            Language::German,
            Language::Italian,
            Language::Portuguese,
            Language::Dutch,
            Language::Turkish,
        ])
        .build()
    })
}

/// ISO 639-1 code of `text`'s language with a confidence in 0..=1, if it can be told.
pub fn detect_language_scored(text: &str) -> Option<(String, f64)> {
    match dossier_text::dominant_script(text)? {
        Script::Arabic => Some(("ar".to_string(), 1.0)),
        Script::Latin => {
            let det = detector();
            let lang = det.detect_language_of(text)?;
            let conf = det.compute_language_confidence(text, lang);
            Some((lang.iso_code_639_1().to_string(), conf))
        }
    }
}

/// ISO 639-1 code of `text`'s language, if it can be told.
pub fn detect_language(text: &str) -> Option<String> {
    detect_language_scored(text).map(|(l, _)| l)
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
