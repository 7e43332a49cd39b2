//! What the names stage knows about words: the `[names]` section of every language file,
//! merged, plus the place table generated from CLDR and GeoNames (`data/places.tsv`).

use crate::EntityKind;
use dossier_text::fold;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

/// The lexicon's word tables hash with FxHash (rustc-hash): much cheaper than the standard
/// SipHash on short words (every token of a page is looked up several times). They are built
/// from the language files only, never from a page, so no text can fill them with crafted
/// collisions.
/// A set of folded words of the lexicon.
pub(crate) type WordSet = HashSet<String, rustc_hash::FxBuildHasher>;
/// A map from folded words of the lexicon.
pub(crate) type WordMap<V> = HashMap<String, V, rustc_hash::FxBuildHasher>;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct NamesSection {
    honorifics: Vec<String>,
    given_name_titles: Vec<String>,
    ordinals: Vec<String>,
    roles: Vec<String>,
    particles: Vec<String>,
    compound_prefixes: Vec<String>,
    stopwords: Vec<String>,
    clitics: Vec<String>,
    conjunctions: Vec<String>,
    article_eliding: Vec<String>,
    stem_suffixes: Vec<String>,
    elisions: Vec<String>,
    possessives: Vec<String>,
    article_latin: Vec<String>,
    nisba_endings: Vec<String>,
    nisba: String,
    place_endings: Vec<String>,
    feminine_ending: String,
    article: String,
    org_heads: Vec<String>,
    state_words: Vec<String>,
    regions: BTreeMap<String, Vec<String>>,
    connectors: Vec<String>,
    demonym_suffixes: Vec<String>,
    demonyms: BTreeMap<String, Vec<String>>,
    places: BTreeMap<String, Vec<String>>,
    concepts: BTreeMap<String, Vec<String>>,
}

/// One known place or organisation name.
#[derive(Debug, Clone)]
pub(crate) struct PlaceEntry {
    pub kind: EntityKind,
    /// Stable key of the referent ("cldr:MA", "geonames:2538475", "region:sahel").
    pub key: String,
    /// The name as written in the table.
    pub name: String,
}

pub(crate) struct Lexicon {
    pub honorifics: WordSet,
    pub given_name_titles: WordSet,
    /// folded ordinal word -> "#n"
    pub ordinals: WordMap<String>,
    pub roles: WordSet,
    pub particles: WordSet,
    pub compound_prefixes: WordSet,
    pub stopwords: WordSet,
    pub clitics: Vec<char>,
    /// Clitics that are the conjunction "and" (a name part never starts with one).
    pub conjunctions: Vec<char>,
    /// Clitics before which the article loses its first letter (Arabic ل + ال = لل).
    pub article_eliding: Vec<char>,
    /// Plural and feminine endings removed to match inflected words (longest first).
    pub stem_suffixes: Vec<String>,
    /// Words of more than one letter written elided before an apostrophe ("qu'il"), folded.
    pub elisions: Vec<String>,
    /// Possessive endings written after an apostrophe ("Saudi Arabia's"), folded.
    pub possessives: Vec<String>,
    /// The article as Latin transcriptions may glue it to a name ("Alhnaity"), folded.
    pub article_latin: Vec<String>,
    /// Feminine/plural endings after a nisba adjective's suffix (folded).
    pub nisba_endings: Vec<String>,
    /// The nisba suffix that makes an adjective of a place name (folded).
    pub nisba: String,
    /// Endings a place name may have that its nisba drops (folded; "" for none).
    pub place_endings: Vec<String>,
    /// A feminine ending removed when stemming (folded).
    pub feminine_ending: String,
    pub article: String,
    pub org_heads: WordSet,
    pub state_words: WordSet,
    pub connectors: WordSet,
    pub demonym_suffixes: Vec<String>,
    /// folded adjective -> place key
    pub demonyms: WordMap<String>,
    /// stemmed folded word -> concept id
    pub concepts: WordMap<String>,
    /// (language, concept) -> stemmed folded words, for acronym initials
    pub concept_words: HashMap<(String, String), Vec<String>>,
    /// folded name -> entries
    pub places: WordMap<Vec<PlaceEntry>>,
    /// place key -> preferred display names by language ("en" first)
    pub place_names: HashMap<String, BTreeMap<String, String>>,
    /// longest honorific / role, in words
    pub max_phrase_words: usize,
    /// The first words of honorifics and roles of several words ("his", "his majesty" of
    /// "his majesty king"): a phrase read word by word can only go on while it is one of these.
    pub phrase_starts: WordSet,
    /// folded words written with a full stop in honorifics (\"gen\" of \"Gen.\")
    pub abbreviations: WordSet,
    /// folded country names by key, for demonym stems
    pub country_stems: Vec<(String, String)>,
    /// first three chars of a country's name (without the article) -> (that name, key)
    pub stem_index: WordMap<Vec<(String, String)>>,
}

const PLACES: &str = include_str!("../data/places.tsv");

/// Folded form with a trailing full stop removed and inner dots dropped: "Maj. Gen." -> "maj gen".
pub(crate) fn key(s: &str) -> String {
    let f = fold(s.trim());
    if !f.contains(|c: char| c == '.' || c.is_whitespace()) {
        return f; // the common case (one word): nothing to drop or collapse
    }
    let mut out = String::with_capacity(f.len());
    for c in f.chars() {
        match c {
            '.' => {}
            c if c.is_whitespace() => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ')
                }
            }
            c => out.push(c),
        }
    }
    out.trim_end().to_string()
}

/// A light stem for matching inflected organisation words: folded, Arabic article and
/// proclitics and final ta marbuta removed, Latin plural/feminine endings removed.
pub(crate) fn stem(word: &str, lex: &Lexicon) -> String {
    let f = key(word);
    if f.chars().any(dossier_text::is_arabic_letter) {
        let base = lex.strip_arabic(&f);
        let mut s = base.to_string();
        if !lex.feminine_ending.is_empty() && s.ends_with(lex.feminine_ending.as_str()) && s.chars().count() > 3 {
            s.truncate(s.len() - lex.feminine_ending.len());
        }
        return s;
    }
    lex.stem_latin_of(&f).to_string()
}

impl Lexicon {
    /// A folded Latin-script word without its plural or feminine ending (a part of `k`).
    pub fn stem_latin_of<'k>(&self, k: &'k str) -> &'k str {
        // (only words of more than four chars lose an ending)
        if k.len() <= 4 || k.chars().nth(4).is_none() {
            return k;
        }
        self.stem_suffixes.iter().find_map(|suffix| k.strip_suffix(suffix.as_str())).unwrap_or(k)
    }

    /// True when `word` starts with the conjunction "and" written as a clitic.
    pub fn starts_with_conjunction(&self, word: &str) -> bool {
        word.chars().next().is_some_and(|c| self.conjunctions.contains(&c))
    }

    /// True when `word` starts with a clitic before which the article loses its first letter.
    pub fn starts_with_eliding(&self, word: &str) -> bool {
        word.chars().next().is_some_and(|c| self.article_eliding.contains(&c))
    }

    /// The Arabic word without proclitics and article ("بالرباط" -> "رباط", "للأمن" -> "امن").
    pub fn strip_arabic<'a>(&self, folded: &'a str) -> &'a str {
        let art = self.article.as_str();
        let mut s = folded;
        for _ in 0..3 {
            if !art.is_empty() {
                if let Some(rest) = s.strip_prefix(art) {
                    if rest.chars().count() >= 2 {
                        return rest;
                    }
                }
                // "لل" + noun: the article's alef is dropped after the preposition
                let lam: String = art.chars().skip(1).collect();
                let double = format!("{}{}", s.chars().next().unwrap_or(' '), lam);
                if self.starts_with_eliding(s) && s.starts_with(&double) && s.chars().count() > 4 {
                    return &s[double.len()..];
                }
            }
            let mut chars = s.chars();
            match chars.next() {
                Some(c) if self.clitics.contains(&c) && chars.as_str().chars().count() >= 3 => s = chars.as_str(),
                _ => break,
            }
        }
        s
    }

    /// The Arabic word without the article ("الغزواني" -> "غزواني"); other words as they are.
    pub fn strip_article<'a>(&self, folded: &'a str) -> &'a str {
        if self.article.is_empty() {
            return folded;
        }
        match folded.strip_prefix(self.article.as_str()) {
            Some(rest) if rest.chars().count() >= 2 => rest,
            _ => folded,
        }
    }

    /// Does a title ("His Majesty King", "الأمير") go with a given name alone?
    pub fn is_given_name_title(&self, title: &str) -> bool {
        let k = key(title);
        let words: Vec<&str> = k.split(' ').collect();
        (0..words.len()).any(|a| (a + 1..=words.len()).any(|b| self.given_name_titles.contains(&words[a..b].join(" "))))
    }

    pub fn is_honorific(&self, k: &str) -> bool {
        self.honorifics.contains(k)
    }
    pub fn is_role(&self, k: &str) -> bool {
        self.roles.contains(k)
    }
    pub fn is_particle(&self, k: &str) -> bool {
        self.particles.contains(k)
    }
    pub fn is_stop(&self, k: &str) -> bool {
        self.stopwords.contains(k)
    }
    pub fn is_org_head(&self, k: &str) -> bool {
        self.org_heads.contains(k) || self.org_heads.contains(self.stem_latin_of(k))
    }

    /// The concept of an organisation word, if known.
    pub fn concept(&self, word: &str) -> Option<&str> {
        let s = stem(word, self);
        self.concepts.get(&s).map(|c| c.as_str())
    }

    /// The place key an adjective of nationality refers to ("marocaine" -> "cldr:MA").
    pub fn demonym(&self, word: &str) -> Option<&str> {
        self.demonym_of_key(&key(word))
    }

    /// False when `demonym_of_key(k)` is surely `None`, told quickly: a Latin-script word is
    /// an adjective only when it is one of the table's or its first three letters begin a
    /// country's name.
    pub fn may_be_demonym(&self, k: &str) -> bool {
        let Some((head_end, _)) = k.char_indices().nth(3) else { return false };
        k.chars().any(dossier_text::is_arabic_letter) || self.demonyms.contains_key(k) || self.stem_index.contains_key(&k[..head_end])
    }

    /// `demonym` of a word's key (it depends on nothing else).
    pub fn demonym_of_key(&self, k: &str) -> Option<&str> {
        if k.chars().count() < 4 {
            return None;
        }
        if let Some(p) = self.demonyms.get(k) {
            return Some(p);
        }
        if k.chars().any(dossier_text::is_arabic_letter) {
            for base in [self.strip_article(k), self.strip_arabic(k)] {
                if let Some(p) = self.demonyms.get(base) {
                    return Some(p);
                }
                // nisba: the country's name less its final alef or -iya, plus ي, then the
                // feminine or plural ending: تونس -> تونسي, إسبانيا -> الإسبانية
                let mut stem = base;
                for end in &self.nisba_endings {
                    if let Some(s) = stem.strip_suffix(end.as_str()) {
                        if s.chars().count() >= 4 {
                            stem = s;
                            break;
                        }
                    }
                }
                if self.nisba.is_empty() {
                    continue;
                }
                let Some(stem) = stem.strip_suffix(self.nisba.as_str()) else { continue };
                if stem.chars().count() < 3 {
                    continue;
                }
                let head: String = stem.chars().take(3).collect();
                for (name, pkey) in self.stem_index.get(&head).map(|v| v.as_slice()).unwrap_or(&[]) {
                    if let Some(rest) = name.strip_prefix(stem) {
                        if self.place_endings.iter().any(|e| e == rest) {
                            return Some(pkey);
                        }
                    }
                }
            }
            return None;
        }
        for suf in &self.demonym_suffixes {
            if suf.chars().any(dossier_text::is_arabic_letter) {
                continue;
            }
            let Some(stem) = k.strip_suffix(suf.as_str()) else { continue };
            let n = stem.chars().count();
            if n < 4 {
                continue;
            }
            let head: String = stem.chars().take(3).collect();
            for (name, pkey) in self.stem_index.get(&head).map(|v| v.as_slice()).unwrap_or(&[]) {
                if name.chars().any(dossier_text::is_arabic_letter) || name.contains(' ') {
                    continue;
                }
                let m = name.chars().count();
                if name.starts_with(stem) && n + 2 >= m && *name != k {
                    return Some(pkey);
                }
            }
        }
        None
    }
}



pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(build)
}

fn kind_of(s: &str) -> Option<EntityKind> {
    match s {
        "country" => Some(EntityKind::Country),
        "location" => Some(EntityKind::Location),
        "organization" => Some(EntityKind::Organization),
        "person" => Some(EntityKind::Person),
        _ => None,
    }
}

fn build() -> Lexicon {
    let (sections, _errors) = dossier_lang::load_section::<NamesSection>("names");
    let mut lex = Lexicon {
        honorifics: WordSet::default(),
        given_name_titles: WordSet::default(),
        ordinals: WordMap::default(),
        roles: WordSet::default(),
        particles: WordSet::default(),
        compound_prefixes: WordSet::default(),
        stopwords: WordSet::default(),
        clitics: Vec::new(),
        conjunctions: Vec::new(),
        article_eliding: Vec::new(),
        stem_suffixes: Vec::new(),
        elisions: Vec::new(),
        possessives: Vec::new(),
        article_latin: Vec::new(),
        nisba_endings: Vec::new(),
        nisba: String::new(),
        place_endings: Vec::new(),
        feminine_ending: String::new(),
        article: String::new(),
        org_heads: WordSet::default(),
        state_words: WordSet::default(),
        connectors: WordSet::default(),
        demonym_suffixes: Vec::new(),
        demonyms: WordMap::default(),
        concepts: WordMap::default(),
        concept_words: HashMap::new(),
        places: WordMap::default(),
        place_names: HashMap::new(),
        max_phrase_words: 1,
        phrase_starts: WordSet::default(),
        abbreviations: WordSet::default(),
        country_stems: Vec::new(),
        stem_index: WordMap::default(),
    };
    // places first (demonym stems need the country names)
    let add_place = |lex: &mut Lexicon, kind: EntityKind, pkey: &str, lang: &str, name: &str| {
        let k = key(name);
        if k.chars().count() < 2 {
            return;
        }
        let entries = lex.places.entry(k.clone()).or_default();
        if !entries.iter().any(|e| e.key == pkey) {
            entries.push(PlaceEntry { kind, key: pkey.to_string(), name: name.to_string() });
        }
        let names = lex.place_names.entry(pkey.to_string()).or_default();
        names.entry(lang.to_string()).or_insert_with(|| name.to_string());
        if kind == EntityKind::Country || (kind == EntityKind::Location && !pkey.starts_with("geonames:")) {
            lex.country_stems.push((k, pkey.to_string()));
        }
    };
    for line in PLACES.lines() {
        let mut cols = line.split('\t');
        let (Some(kind), Some(pkey), Some(lang), Some(name)) = (cols.next(), cols.next(), cols.next(), cols.next()) else { continue };
        let Some(kind) = kind_of(kind) else { continue };
        add_place(&mut lex, kind, pkey, lang, name);
    }
    for (lang, s) in &sections {
        let code = lang.code().to_string();
        for (iso, names) in &s.places {
            let pkey = format!("cldr:{iso}");
            let kind = lex.places.values().flatten().find(|e| e.key == pkey).map(|e| e.kind).unwrap_or(EntityKind::Country);
            for n in names {
                add_place(&mut lex, kind, &pkey, &code, n);
            }
        }
    }
    // regions by a language-neutral id; a region CLDR knows in any language keeps CLDR's key
    let mut regions: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (lang, s) in &sections {
        for (id, names) in &s.regions {
            for n in names {
                regions.entry(id.clone()).or_default().push((lang.code().to_string(), n.clone()));
            }
        }
    }
    for (id, names) in &regions {
        let cldr = names.iter().filter_map(|(_, n)| lex.places.get(&key(n)).and_then(|v| v.iter().find(|e| e.key.starts_with("cldr:")).map(|e| e.key.clone()))).min();
        let pkey = cldr.unwrap_or_else(|| format!("region:{id}"));
        for (code, n) in names {
            add_place(&mut lex, EntityKind::Location, &pkey, code, n);
        }
    }
    for (lang, s) in &sections {
        let code = lang.code().to_string();
        let add = |set: &mut WordSet, words: &[String]| {
            for w in words {
                let k = key(w);
                if !k.is_empty() {
                    set.insert(k);
                }
            }
        };
        add(&mut lex.honorifics, &s.honorifics);
        for h in &s.honorifics {
            for w in h.split_whitespace() {
                if let Some(a) = w.strip_suffix('.') {
                    lex.abbreviations.insert(key(a));
                }
            }
        }
        add(&mut lex.roles, &s.roles);
        add(&mut lex.given_name_titles, &s.given_name_titles);
        for (n, o) in s.ordinals.iter().enumerate() {
            lex.ordinals.insert(key(o), format!("#{}", n + 1));
        }
        add(&mut lex.particles, &s.particles);
        add(&mut lex.compound_prefixes, &s.compound_prefixes);
        add(&mut lex.stopwords, &s.stopwords);
        add(&mut lex.org_heads, &s.org_heads);
        add(&mut lex.state_words, &s.state_words);
        add(&mut lex.connectors, &s.connectors);
        for (words, into) in [(&s.clitics, &mut lex.clitics), (&s.conjunctions, &mut lex.conjunctions), (&s.article_eliding, &mut lex.article_eliding)] {
            for c in words {
                let mut chars = c.chars();
                if let (Some(ch), None) = (chars.next(), chars.next()) {
                    if !into.contains(&ch) {
                        into.push(ch);
                    }
                }
            }
        }
        if !s.article.is_empty() {
            lex.article = key(&s.article);
        }
        for (words, into) in [
            (&s.stem_suffixes, &mut lex.stem_suffixes),
            (&s.elisions, &mut lex.elisions),
            (&s.possessives, &mut lex.possessives),
            (&s.article_latin, &mut lex.article_latin),
            (&s.nisba_endings, &mut lex.nisba_endings),
            (&s.place_endings, &mut lex.place_endings),
        ] {
            for w in words {
                let k = key(w);
                if !into.contains(&k) {
                    into.push(k);
                }
            }
        }
        if !s.nisba.is_empty() {
            lex.nisba = key(&s.nisba);
        }
        if !s.feminine_ending.is_empty() {
            lex.feminine_ending = key(&s.feminine_ending);
        }
        for suf in &s.demonym_suffixes {
            let k = key(suf);
            if !lex.demonym_suffixes.contains(&k) {
                lex.demonym_suffixes.push(k);
            }
        }
        for (iso, words) in &s.demonyms {
            for w in words {
                lex.demonyms.insert(key(w), format!("cldr:{iso}"));
            }
        }
        let _ = &code;
    }
    // country names by their first letters without the article (read from the sections above)
    lex.country_stems.sort();
    lex.country_stems.dedup();
    let mut index: WordMap<Vec<(String, String)>> = WordMap::default();
    for (name, pkey) in &lex.country_stems {
        let bare = lex.strip_article(name).to_string();
        let head: String = bare.chars().take(3).collect();
        index.entry(head).or_default().push((bare, pkey.clone()));
    }
    lex.stem_index = index;
    // longest suffixes first
    lex.demonym_suffixes.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    // concepts need the article and clitics
    for (lang, s) in &sections {
        let code = lang.code().to_string();
        for (concept, words) in &s.concepts {
            for w in words {
                let st = stem(w, &lex);
                lex.concepts.entry(st.clone()).or_insert_with(|| concept.clone());
                lex.concept_words.entry((code.clone(), concept.clone())).or_default().push(st);
            }
        }
    }
    for phrase in lex.honorifics.iter().chain(lex.roles.iter()) {
        let words: Vec<&str> = phrase.split(' ').collect();
        for n in 1..words.len() {
            lex.phrase_starts.insert(words[..n].join(" "));
        }
    }
    lex.max_phrase_words = lex.honorifics.iter().chain(lex.roles.iter()).chain(lex.org_heads.iter()).map(|h| h.split(' ').count()).max().unwrap_or(1);
    lex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_nationality_adjectives_find_countries_written_with_the_article() {
        // the stems are indexed without the article, so the article must be read first
        let lex = lexicon();
        for (word, place) in [("المغربي", "cldr:MA"), ("المغربية", "cldr:MA"), ("الجزائري", "cldr:DZ"), ("العراقي", "cldr:IQ"), ("الإسبانية", "cldr:ES")] {
            assert_eq!(lex.demonym(word), Some(place), "{word}");
        }
    }
}
