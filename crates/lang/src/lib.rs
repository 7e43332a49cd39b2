//! The language registry: everything that belongs to one language (month names, honorifics,
//! boilerplate cues, event verbs...) lives in `lang/<code>.toml` at the repository root and is
//! compiled in. The engine's code names no language's words; each stage reads its own section
//! of every language file (`Language::section`).
//!
//! Adding a language: copy `lang/TEMPLATE.toml` to `lang/<iso-639-1>.toml`, fill it in, and
//! run the tests (every file must parse, every section must deserialize).

use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::sync::OnceLock;

mod files {
    include!(concat!(env!("OUT_DIR"), "/lang_files.rs"));
}

/// The writing system a language is written in; used to pick a language quickly by script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum Script {
    Latin,
    Arabic,
}

#[derive(Debug, thiserror::Error)]
pub enum LangError {
    #[error("language file {code}.toml: {message}")]
    Parse { code: String, message: String },
    #[error("language file {code}.toml, section [{section}]: {message}")]
    Section { code: String, section: String, message: String },
}

#[derive(Debug, Deserialize)]
struct Header {
    language: Meta,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Meta {
    /// ISO 639-1 code; equals the file's stem.
    pub code: String,
    /// English name, for messages.
    pub name: String,
    pub script: Script,
}

/// One compiled-in language file.
#[derive(Debug)]
pub struct Language {
    pub meta: Meta,
    table: toml::Table,
}

impl Language {
    pub fn code(&self) -> &str {
        &self.meta.code
    }

    /// Deserializes the section `name` of this language file (a missing section gives the
    /// section type's default). Stages call this once per language and cache the result.
    pub fn section<T: DeserializeOwned + Default>(&self, name: &str) -> Result<T, LangError> {
        match self.table.get(name) {
            None => Ok(T::default()),
            Some(v) => v.clone().try_into().map_err(|e: toml::de::Error| LangError::Section {
                code: self.meta.code.clone(),
                section: name.to_string(),
                message: e.to_string(),
            }),
        }
    }
}

fn parse(code: &str, text: &str) -> Result<Language, LangError> {
    let err = |message: String| LangError::Parse { code: code.to_string(), message };
    let table: toml::Table = toml::from_str(text).map_err(|e| err(e.to_string()))?;
    let header: Header = table.clone().try_into().map_err(|e: toml::de::Error| err(e.to_string()))?;
    if header.language.code != code {
        return Err(err(format!("[language] code {:?} differs from the file name", header.language.code)));
    }
    Ok(Language { meta: header.language, table })
}

/// Every compiled-in language, sorted by code. Files that fail to parse are reported by
/// `check()` (run by the tests) and left out here, so one bad file cannot stop the engine.
pub fn all() -> &'static [Language] {
    static ALL: OnceLock<Vec<Language>> = OnceLock::new();
    ALL.get_or_init(|| files::FILES.iter().filter_map(|(c, t)| parse(c, t).ok()).collect())
}

/// The language with this ISO 639-1 code, if compiled in.
pub fn get(code: &str) -> Option<&'static Language> {
    all().iter().find(|l| l.meta.code == code)
}

/// Codes of every compiled-in language.
pub fn codes() -> Vec<&'static str> {
    all().iter().map(|l| l.meta.code.as_str()).collect()
}

/// Parses every language file and reports every error (used by tests and `dossier check`).
pub fn check() -> Vec<LangError> {
    files::FILES.iter().filter_map(|(c, t)| parse(c, t).err()).collect()
}

/// Loads section `name` from every language: `(language, section)` pairs. Errors are
/// collected rather than fatal, so a stage keeps working with the languages that parse.
pub fn load_section<T: DeserializeOwned + Default>(name: &str) -> (Vec<(&'static Language, T)>, Vec<LangError>) {
    let mut ok = Vec::new();
    let mut errs = Vec::new();
    for lang in all() {
        match lang.section::<T>(name) {
            Ok(s) => ok.push((lang, s)),
            Err(e) => errs.push(e),
        }
    }
    (ok, errs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_file_parses() {
        let errors = check();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(all().len(), files::FILES.len());
    }

    /// Every key path of a TOML value ("time.months", "names.demonyms"...), tables only.
    fn key_paths(prefix: &str, v: &toml::Value, out: &mut Vec<String>) {
        if let toml::Value::Table(t) = v {
            for (k, child) in t {
                let path = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                // tables whose keys are data (word -> value), not settings
                const DATA: [&str; 5] = ["time.numbers", "names.demonyms", "names.places", "names.concepts", "names.regions"];
                if DATA.contains(&prefix) {
                    continue;
                }
                out.push(path.clone());
                key_paths(&path, child, out);
            }
        }
    }

    #[test]
    fn the_template_names_every_key_the_languages_use() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../lang");
        let template: toml::Value = toml::from_str(&std::fs::read_to_string(format!("{dir}/TEMPLATE.toml")).unwrap()).unwrap();
        let mut have = Vec::new();
        key_paths("", &template, &mut have);
        for (code, text) in files::FILES {
            let lang: toml::Value = toml::from_str(text).unwrap();
            let mut keys = Vec::new();
            key_paths("", &lang, &mut keys);
            let missing: Vec<&String> = keys.iter().filter(|k| !have.contains(k)).collect();
            assert!(missing.is_empty(), "lang/TEMPLATE.toml lacks keys that lang/{code}.toml uses: {missing:?} (run python3 lang/tools/make_template.py)");
        }
    }

    #[test]
    fn the_four_languages_are_compiled_in() {
        for code in ["ar", "en", "es", "fr"] {
            assert!(get(code).is_some(), "{code} missing");
        }
        assert_eq!(get("ar").unwrap().meta.script, Script::Arabic);
        assert_eq!(get("fr").unwrap().meta.script, Script::Latin);
    }
}
