//! Entities across pages: mentions grouped within each page, then the page groups merged
//! across pages, languages and scripts.

use crate::finder::acronym_fits;
use crate::knowledge::KnownEntity;
use crate::lexicon::{key, lexicon, stem, Lexicon};
use crate::skeleton::{same_skeleton, skeletons};
use crate::{DocMentions, Entity, EntityKind, Interner, LinkDoc, LinkMention, MentionRef, RoleRef};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// Concepts that translations add or drop freely ("national").
const WEAK_CONCEPTS: &[&str] = &["national"];

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Part {
    fold: String,
    skels: Vec<String>,
    initial: bool,
    after_particle: bool,
    arabic: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Name {
    parts: Vec<Part>,
    /// Written after a title that goes with a given name alone ("Prince Khalid").
    given_title: bool,
    /// Number of whitespace-separated words each part took (for trimming surfaces).
    words: Vec<usize>,
}

fn roman(s: &str) -> Option<usize> {
    let v = match s {
        "i" => 1,
        "ii" => 2,
        "iii" => 3,
        "iv" => 4,
        "v" => 5,
        "vi" => 6,
        "vii" => 7,
        "viii" => 8,
        _ => return None,
    };
    Some(v)
}

/// People's names parsed once per surface and shared by every group that writes them (pages
/// repeat names: one copy each instead of one per mention), across the threads building groups.
#[derive(Default)]
struct ParsedNames(std::sync::RwLock<HashMap<String, [Option<Arc<Name>>; 2]>>);

impl ParsedNames {
    /// `surface` parsed, written after `title`; shared.
    fn get(&self, surface: &str, title: Option<&str>, lex: &Lexicon) -> Arc<Name> {
        let given = title.is_some_and(|t| lex.is_given_name_title(t));
        let slot = given as usize;
        // read-mostly: a name is parsed once and looked up for every mention writing it
        if let Some(n) = self.0.read().ok().and_then(|m| m.get(surface).and_then(|v| v[slot].clone())) {
            return n;
        }
        let mut name = parse_name(surface, lex);
        name.given_title = given;
        let name = Arc::new(name);
        if let Ok(mut m) = self.0.write() {
            let entry = m.entry(surface.to_string()).or_default();
            return Arc::clone(entry[slot].get_or_insert(name));
        }
        name
    }
}

fn parse_name(surface: &str, lex: &Lexicon) -> Name {
    let mut parts: Vec<Part> = Vec::new();
    let mut word_counts: Vec<usize> = Vec::new();
    // whitespace-separated words, each split further at hyphens
    let mut owner: Vec<usize> = Vec::new();
    for (wi, w) in surface.split_whitespace().enumerate() {
        for _ in w.split(|c: char| c == '-' || c == '‑' || c == '_').filter(|x| !x.trim_matches(|c: char| !c.is_alphanumeric()).is_empty()) {
            owner.push(wi);
        }
    }
    let words: Vec<String> = surface
        .split(|c: char| c.is_whitespace() || c == '-' || c == '‑' || c == '_')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    let mut i = 0;
    let mut after_particle = false;
    while i < words.len() {
        let w = &words[i];
        let k = key(w);
        let first_word = owner.get(i).copied().unwrap_or(0);
        if lex.is_particle(&k) && i + 1 < words.len() {
            after_particle = true;
            i += 1;
            continue;
        }
        let mut fold = k.clone();
        if lex.compound_prefixes.contains(&k) && i + 1 < words.len() {
            fold = format!("{}{}", k, key(&words[i + 1]));
            i += 1;
        }
        let arabic = fold.chars().any(dossier_text::is_arabic_letter);
        // the Arabic article before a family name
        let bare = if arabic { lex.strip_article(&fold).to_string() } else { fold.clone() };
        let initial = !arabic && w.trim_end_matches('.').chars().count() == 1 && roman(&k).is_none();
        let ordinal = if arabic { lex.ordinals.get(&fold).cloned() } else { roman(&k).filter(|_| !parts.is_empty()).map(|n| format!("#{n}")) };
        let (bare, skels) = match ordinal {
            Some(o) => (o.clone(), vec![o]),
            None => {
                let s = skeletons(&bare);
                (bare, s)
            }
        };
        parts.push(Part { fold: bare, skels, initial, after_particle, arabic });
        let last_word = owner.get(i).copied().unwrap_or(first_word);
        word_counts.push(last_word + 1);
        after_particle = false;
        i += 1;
    }
    Name { parts, given_title: false, words: word_counts }
}

fn damerau_ok(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.min(lb) < 5 {
        return false;
    }
    let d = strsim::damerau_levenshtein(a, b);
    d <= 1 || (d <= 2 && la.min(lb) >= 9)
}

fn part_match(a: &Part, b: &Part) -> bool {
    if a.arabic == b.arabic {
        if a.initial || b.initial {
            return a.fold.chars().next() == b.fold.chars().next();
        }
        if a.fold == b.fold || damerau_ok(&a.fold, &b.fold) {
            return true;
        }
    } else if a.initial || b.initial {
        return false;
    }
    same_skeleton(&a.skels, &b.skels)
}

/// A strict match for a family name alone.
fn surname_match(a: &Part, b: &Part) -> bool {
    if a.initial || b.initial {
        return false;
    }
    if a.arabic == b.arabic {
        return a.fold == b.fold || damerau_ok(&a.fold, &b.fold);
    }
    same_skeleton(&a.skels, &b.skels) && a.skels.iter().any(|s| s.chars().count() >= 2)
}

/// A family name alone that is the first of two family names ("Arrondo" for "Lucía Arrondo
/// Velasco"): a Latin-script name of three parts with no particle or initial.
fn first_of_two_surnames(p: &Part, l: &Name) -> bool {
    l.parts.len() == 3 && !p.arabic && l.parts.iter().all(|x| !x.arabic && !x.after_particle && !x.initial) && surname_match(p, &l.parts[1])
}

/// Two names of two or more parts that can be one person.
fn full_compatible(a: &Name, b: &Name) -> bool {
    let (s, l) = if a.parts.len() <= b.parts.len() { (a, b) } else { (b, a) };
    if s.parts.len() < 2 {
        return false;
    }
    let (Some(sf), Some(lf)) = (s.parts.first(), l.parts.first()) else { return false };
    if !part_match(sf, lf) {
        return false;
    }
    // two patronymics at the same place must agree ("Nahyan bin Zayed" is not "Nahyan bin Mubarak")
    for k in 1..s.parts.len().min(l.parts.len()) {
        if s.parts.len() == l.parts.len() && s.parts[k].after_particle && l.parts[k].after_particle && !part_match(&s.parts[k], &l.parts[k]) {
            return false;
        }
    }
    let (Some(sl), Some(ll)) = (s.parts.last(), l.parts.last()) else { return false };
    if part_match(sl, ll) && !(sl.initial || ll.initial) {
        return true;
    }
    // given name and the first of two family names: "Andrés Pellicer" / "Andrés Pellicer Ruiz"
    if s.parts.len() == 2 && !sl.initial && l.parts.len() == 3 && l.parts.iter().all(|x| !x.arabic && !x.after_particle && !x.initial) && part_match(sl, &l.parts[1]) {
        return true;
    }
    // same given name written alike: a one-letter slip in a short family name ("ستوك" / "شتوك")
    if sf.fold == lf.fold && sf.arabic == lf.arabic && sl.arabic == ll.arabic && !(sl.initial || ll.initial) && sl.fold.chars().count() >= 4 && strsim::damerau_levenshtein(&sl.fold, &ll.fold) <= 1 {
        return true;
    }
    // patronymic chains: "Abdulaziz bin Saud" within "Abdulaziz bin Saud bin Naif"
    if l.parts.len() > s.parts.len() && l.parts[s.parts.len()].after_particle {
        return s.parts.iter().zip(l.parts.iter()).all(|(x, y)| part_match(x, y));
    }
    arabic_overrun(s, l).is_some()
}

/// An Arabic name read past its end ("مارك روته توقيع"): the other script's full name is a
/// prefix of it. Returns how many words of the Arabic surface the name takes.
fn arabic_overrun(s: &Name, l: &Name) -> Option<usize> {
    let (lat, ar) = if s.parts.first()?.arabic { (l, s) } else { (s, l) };
    if lat.parts.first()?.arabic || !ar.parts.first()?.arabic || ar.parts.len() <= lat.parts.len() || lat.parts.len() < 2 {
        return None;
    }
    if lat.parts.iter().zip(ar.parts.iter()).all(|(x, y)| part_match(x, y) && !x.initial) {
        ar.words.get(lat.parts.len() - 1).copied()
    } else {
        None
    }
}

// ------------------------------------------------------------------ groups

/// A set of a few strings, sorted (a group's surfaces, acronyms, languages: mostly one or
/// two each, where a `BTreeSet` would allocate a node of eleven for each group).
/// Owned strings, or strings borrowed from the mentions (a group's surfaces).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
struct SmallSet<S = String>(Vec<S>);

impl<S: Ord + AsRef<str>> SmallSet<S> {
    fn insert(&mut self, s: S) {
        if let Err(at) = self.0.binary_search(&s) {
            self.0.insert(at, s);
        }
    }
    fn contains(&self, s: &str) -> bool {
        self.0.binary_search_by(|x| x.as_ref().cmp(s)).is_ok()
    }
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    fn iter(&self) -> std::slice::Iter<'_, S> {
        self.0.iter()
    }
}

impl<'a, S> IntoIterator for &'a SmallSet<S> {
    type Item = &'a S;
    type IntoIter = std::slice::Iter<'a, S>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// One referent's mentions in one document. Every group of the corpus is held until
/// entities are built (a million at 100,000 pages), so it holds boxed slices of the exact
/// size, indices of 32 bits and shared strings, and not what its mentions give (its
/// surfaces: `surfaces`).
#[derive(Debug, Clone)]
struct Group {
    kind: EntityKind,
    /// its document (a group is one document's; a corpus holds fewer than 2^32 documents)
    doc: u32,
    /// its mentions' indices in the document
    members: Box<[u32]>,
    /// what only its kind has (one kind's room, not every kind's)
    parts: KindParts,
}

/// The parts of a group that only its kind has.
#[derive(Debug, Clone)]
enum KindParts {
    /// parsed names of people, one per mention (shared: pages repeat names)
    Person(Box<[Arc<Name>]>),
    /// a place's key
    Place(Arc<str>),
    /// boxed: fewer than a third of the groups are organisations
    Organization(Box<OrgParts>),
}

/// The parts of an organisation's group.
#[derive(Debug, Clone, Default)]
struct OrgParts {
    acronyms: SmallSet,
    /// organisation concept keys
    concept_keys: Box<[Arc<[String]>]>,
    /// organisation concept sequences (for acronym initials)
    concept_seqs: Box<[Arc<[String]>]>,
    /// the place key of an organisation the place tables know
    place_key: Option<Arc<str>>,
}

/// The organisation parts of a group that has none.
static NO_ORG_PARTS: std::sync::LazyLock<OrgParts> = std::sync::LazyLock::new(OrgParts::default);

/// The parts of an organisation's group while its page is read.
#[derive(Debug, Default)]
struct DraftOrg {
    acronyms: SmallSet,
    concept_keys: Vec<Arc<[String]>>,
    concept_seqs: Vec<Arc<[String]>>,
    /// `key` of each surface (only a page's own mentions are compared by it)
    surface_keys: SmallSet,
}

/// The organisation parts of a draft that has none.
static NO_DRAFT_ORG: DraftOrg = DraftOrg { acronyms: SmallSet(Vec::new()), concept_keys: Vec::new(), concept_seqs: Vec::new(), surface_keys: SmallSet(Vec::new()) };

/// A group while its document is read: its lists grow.
#[derive(Debug)]
struct Draft<'m> {
    kind: EntityKind,
    confident: bool,
    members: Vec<u32>,
    names: Vec<Arc<Name>>,
    place_key: Option<Arc<str>>,
    surfaces: SmallSet<&'m str>,
    org: Option<Box<DraftOrg>>,
}

impl<'m> Draft<'m> {
    fn new(kind: EntityKind) -> Draft<'m> {
        let org = (kind == EntityKind::Organization).then(Box::default);
        Draft { kind, confident: false, members: Vec::new(), names: Vec::new(), place_key: None, surfaces: SmallSet::default(), org }
    }
    fn org(&self) -> &DraftOrg {
        self.org.as_deref().unwrap_or(&NO_DRAFT_ORG)
    }
    /// The group, complete once its page is read: its lists without room to grow.
    fn finish(self, doc: u32) -> Group {
        let parts = match (self.kind, self.org, self.place_key) {
            (EntityKind::Organization, org, place_key) => {
                let org = org.map(|o| *o).unwrap_or_default();
                let mut acronyms = org.acronyms;
                acronyms.0.shrink_to_fit();
                KindParts::Organization(Box::new(OrgParts { acronyms, concept_keys: org.concept_keys.into(), concept_seqs: org.concept_seqs.into(), place_key }))
            }
            (EntityKind::Country | EntityKind::Location, _, Some(key)) => KindParts::Place(key),
            _ => KindParts::Person(self.names.into_boxed_slice()),
        };
        Group { kind: self.kind, doc, members: self.members.into_boxed_slice(), parts }
    }
}

impl Group {
    fn org(&self) -> &OrgParts {
        match &self.parts {
            KindParts::Organization(o) => o,
            _ => &NO_ORG_PARTS,
        }
    }
    /// Its people's names (none for other kinds).
    fn names(&self) -> &[Arc<Name>] {
        match &self.parts {
            KindParts::Person(names) => names,
            _ => &[],
        }
    }
    /// Its place key (places, and organisations the place tables know).
    fn place_key(&self) -> Option<&Arc<str>> {
        match &self.parts {
            KindParts::Place(key) => Some(key),
            KindParts::Organization(o) => o.place_key.as_ref(),
            KindParts::Person(_) => None,
        }
    }
    /// The names as its mentions write them (sorted, each once).
    fn surfaces<'d>(&self, docs: &'d [LinkDoc]) -> Vec<&'d str> {
        let doc = &docs[self.doc as usize];
        let mut out: Vec<&str> = self.members.iter().map(|&m| &*doc.mentions[m as usize].surface).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
    /// The language of its document.
    fn lang<'d>(&self, docs: &'d [LinkDoc]) -> &'d str {
        &docs[self.doc as usize].lang
    }
    fn longest(&self) -> Option<&Name> {
        self.names().iter().max_by_key(|n| n.parts.len()).map(|n| &**n)
    }
}

/// The part of a group that building its entity reads.
struct GroupMembers {
    kind: EntityKind,
    doc: u32,
    members: Box<[u32]>,
    place_key: Option<Arc<str>>,
}

/// Concept sequence of an organisation name: concepts, place keys, other words.
fn concept_seq(surface: &str, lex: &Lexicon) -> Vec<String> {
    let mut out = Vec::new();
    for w in surface.split(|c: char| c.is_whitespace() || c == '\'' || c == '’' || c == '(' || c == ')') {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        let k = key(w);
        if lex.connectors.contains(&k) || lex.stopwords.contains(&k) && lex.concept(w).is_none() {
            continue;
        }
        // elided "d'Investigation"
        let k2 = k.split('\'').next_back().unwrap_or(&k).to_string();
        if let Some(c) = lex.concept(&k2) {
            out.push(format!("c:{c}"));
        } else if let Some(p) = lex.demonym(w) {
            out.push(format!("p:{p}"));
        } else if let Some(e) = lex.places.get(&k).and_then(|v| v.first()) {
            out.push(format!("p:{}", e.key));
        } else {
            out.push(format!("w:{}", stem(&k2, lex)));
        }
    }
    out
}

/// The two keys equal once their places are left out.
fn same_without_places(a: &[String], b: &[String]) -> bool {
    let not_place = |c: &&String| !c.starts_with("p:");
    a.iter().filter(not_place).eq(b.iter().filter(not_place))
}

/// A name that can stand for one organisation across pages: it names a place, or has three
/// concepts or more ("Ministry of Interior" alone is every country's).
fn specific(k: &[String]) -> bool {
    k.iter().any(|c| c.starts_with("p:")) || k.iter().filter(|c| c.starts_with("c:")).count() >= 3
}

fn concept_key(seq: &[String]) -> Option<Vec<String>> {
    let mut k: Vec<String> = seq.iter().filter(|c| !WEAK_CONCEPTS.iter().any(|w| c.as_str() == format!("c:{w}"))).cloned().collect();
    k.sort();
    k.dedup();
    let concepts = k.iter().filter(|c| c.starts_with("c:")).count();
    if concepts >= 2 && k.iter().all(|c| !c.starts_with("w:")) {
        Some(k)
    } else {
        None
    }
}

/// Can the acronym be the initials of this concept sequence in language `lang`?
fn acronym_of_concepts(acr: &str, seq: &[String], lang: &str, lex: &Lexicon) -> bool {
    let letters: Vec<char> = acr.to_lowercase().chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 3 || seq.iter().any(|c| c.starts_with("w:")) {
        return false;
    }
    let initials = |c: &str| -> Option<Vec<char>> {
        let concept = c.strip_prefix("c:")?;
        let words = lex.concept_words.get(&(lang.to_string(), concept.to_string()))?;
        Some(words.iter().filter_map(|w| w.chars().next()).collect())
    };
    fn go(letters: &[char], seq: &[String], i: usize, j: usize, f: &dyn Fn(&str) -> Option<Vec<char>>) -> bool {
        if j == seq.len() {
            return i == letters.len();
        }
        let c = &seq[j];
        let optional = c.starts_with("p:") || WEAK_CONCEPTS.iter().any(|w| c.as_str() == format!("c:{w}"));
        if optional && go(letters, seq, i, j + 1, f) {
            return true;
        }
        match f(c) {
            Some(ini) if i < letters.len() && ini.contains(&letters[i]) => go(letters, seq, i + 1, j + 1, f),
            _ => false,
        }
    }
    go(&letters, seq, 0, 0, &initials)
}

/// Places no table knows, across scripts: of the Latin and of the Arabic groups with one
/// skeleton, at most this many of each side are compared (bounded work).
const PLACE_SKELETON_SIDE: usize = 64;

/// How many first letters of an acronym the index keys hold.
const ACRONYM_KEY_LETTERS: usize = 3;

/// Most keys one offer (a concept sequence in one language, or the content words of one name)
/// is indexed under. An offer that would need more (a very long name) goes to the `wide` list,
/// which every acronym is compared with: the bound keeps the index small without losing a
/// match.
const MAX_OFFER_KEYS: usize = 512;

/// Organisation groups indexed by the first letters an acronym of them can have, so that an
/// acronym meets only the groups it can abbreviate. Every key is a necessary condition of
/// `acronym_of_concepts` or `acronym_fits` (the exact tests, run on the candidates), so the
/// candidates are a superset of the groups that fit:
/// * `acronym_of_concepts`: the acronym has three letters or more, each one an initial of a
///   concept of the sequence in order (places and weak concepts may be skipped): keyed by every
///   string of the first `ACRONYM_KEY_LETTERS` letters such a path can give, in any language;
/// * `acronym_fits`, in order: the letters are prefixes of the words in order, the first word
///   used: keyed by every string of up to `ACRONYM_KEY_LETTERS` letters such prefixes give
///   (an acronym of fewer letters looks up all of its letters);
/// * `acronym_fits`, in another order: the letters are the words' initials: keyed by the sorted
///   initials.
struct AcronymIndex {
    /// key -> offer positions (ascending, distinct)
    by_key: HashMap<String, Vec<usize>>,
    /// offers with too many keys: compared with every acronym
    wide: Vec<usize>,
}

impl AcronymIndex {
    fn new(offers: &[(usize, Vec<Arc<[String]>>)], groups: &[Group], lex: &Lexicon) -> AcronymIndex {
        let mut langs: Vec<&str> = lex.concept_words.keys().map(|(l, _)| l.as_str()).collect();
        langs.sort();
        langs.dedup();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut wide = Vec::new();
        // many groups share a concept sequence or a name: their keys are computed once
        let mut seq_keys: HashMap<&[String], Option<Vec<String>>> = HashMap::new();
        let mut content_keys: HashMap<&[String], Option<Vec<String>>> = HashMap::new();
        for (o, (j, contents)) in offers.iter().enumerate() {
            let mut keys: Vec<String> = Vec::new();
            let mut too_many = false;
            for seq in &groups[*j].org().concept_seqs {
                let k = seq_keys.entry(&seq[..]).or_insert_with(|| concept_initial_keys(seq, &langs, lex));
                match k {
                    Some(k) => keys.extend(k.iter().cloned()),
                    None => too_many = true,
                }
            }
            for c in contents {
                let k = content_keys.entry(&c[..]).or_insert_with(|| content_initial_keys(c));
                match k {
                    Some(k) => keys.extend(k.iter().cloned()),
                    None => too_many = true,
                }
            }
            if too_many {
                wide.push(o);
                continue;
            }
            keys.sort();
            keys.dedup();
            for k in keys {
                by_key.entry(k).or_default().push(o);
            }
        }
        AcronymIndex { by_key, wide }
    }

    /// The offers that can fit one of these acronyms (ascending, distinct).
    fn candidates(&self, acronyms: &SmallSet, out: &mut Vec<usize>) {
        out.clear();
        out.extend(self.wide.iter().copied());
        for a in acronyms {
            let letters: Vec<char> = a.to_lowercase().chars().filter(|c| c.is_alphabetic()).collect();
            if letters.is_empty() {
                continue;
            }
            let head: String = letters.iter().take(ACRONYM_KEY_LETTERS).collect();
            for k in [format!("a:{head}"), format!("o:{head}")] {
                out.extend(self.by_key.get(&k).map(|v| v.as_slice()).unwrap_or(&[]));
            }
            let mut bag = letters.clone();
            bag.sort();
            let bag: String = bag.into_iter().collect();
            out.extend(self.by_key.get(&format!("b:{bag}")).map(|v| v.as_slice()).unwrap_or(&[]));
        }
        out.sort();
        out.dedup();
    }
}

/// "a:" keys of a concept sequence: the first letters of every acronym
/// `acronym_of_concepts` can accept for it, in any of `langs`; None when there are more than
/// `MAX_OFFER_KEYS`.
fn concept_initial_keys(seq: &[String], langs: &[&str], lex: &Lexicon) -> Option<Vec<String>> {
    if seq.iter().any(|c| c.starts_with("w:")) {
        return Some(Vec::new());
    }
    fn go(seq: &[String], j: usize, cur: &mut String, ini: &dyn Fn(&str) -> Vec<char>, out: &mut BTreeSet<String>) -> bool {
        if cur.chars().count() == ACRONYM_KEY_LETTERS {
            out.insert(format!("a:{cur}"));
            return out.len() <= MAX_OFFER_KEYS;
        }
        let Some(c) = seq.get(j) else { return true };
        let optional = c.starts_with("p:") || WEAK_CONCEPTS.iter().any(|w| c.as_str() == format!("c:{w}"));
        if optional && !go(seq, j + 1, cur, ini, out) {
            return false;
        }
        for ch in ini(c) {
            cur.push(ch);
            let ok = go(seq, j + 1, cur, ini, out);
            cur.pop();
            if !ok {
                return false;
            }
        }
        true
    }
    let mut out = BTreeSet::new();
    for lang in langs {
        let ini = |c: &str| -> Vec<char> {
            let Some(concept) = c.strip_prefix("c:") else { return Vec::new() };
            let mut v: Vec<char> = lex.concept_words.get(&(lang.to_string(), concept.to_string())).map(|words| words.iter().filter_map(|w| w.chars().next()).collect()).unwrap_or_default();
            v.sort();
            v.dedup();
            v
        };
        if !go(seq, 0, &mut String::new(), &ini, &mut out) {
            return None;
        }
    }
    Some(out.into_iter().collect())
}

/// "o:" and "b:" keys of a name's content words: the first letters of every acronym
/// `acronym_fits` can accept for it (in order), and its sorted initials (in another order);
/// None when there are more than `MAX_OFFER_KEYS`.
fn content_initial_keys(words: &[String]) -> Option<Vec<String>> {
    // the words as `acronym_fits` reads them
    let w: Vec<Vec<char>> = words.iter().map(|w| dossier_text::fold(w).chars().filter(|c| c.is_alphanumeric()).collect()).collect();
    fn go(w: &[Vec<char>], j: usize, first: bool, cur: &mut Vec<char>, out: &mut BTreeSet<String>) -> bool {
        if !cur.is_empty() {
            out.insert(format!("o:{}", cur.iter().collect::<String>()));
            if out.len() > MAX_OFFER_KEYS {
                return false;
            }
        }
        if cur.len() == ACRONYM_KEY_LETTERS {
            return true;
        }
        let Some(word) = w.get(j) else { return true };
        for k in 1..=word.len().min(ACRONYM_KEY_LETTERS - cur.len()) {
            let n = cur.len();
            cur.extend_from_slice(&word[..k]);
            let ok = go(w, j + 1, false, cur, out);
            cur.truncate(n);
            if !ok {
                return false;
            }
        }
        first || go(w, j + 1, false, cur, out)
    }
    let mut out = BTreeSet::new();
    if !go(&w, 0, true, &mut Vec::new(), &mut out) {
        return None;
    }
    let mut initials: Vec<char> = w.iter().filter_map(|x| x.first().copied()).collect();
    initials.sort();
    out.insert(format!("b:{}", initials.into_iter().collect::<String>()));
    Some(out.into_iter().collect())
}

/// A block of people (the groups sharing a key of a name part) of at most this many groups is
/// compared pair by pair.
const PERSON_BLOCK_ALL_PAIRS: usize = 1000;

/// In a larger block (a common family name or a short skeleton over a large corpus), each group
/// is compared only with the block's representatives: the first group (in group order) of each
/// of the block's first `PERSON_BLOCK_REPRESENTATIVES` distinct longest names. Work in a block
/// is then at most this many comparisons per group, and the fallback is deterministic.
const PERSON_BLOCK_REPRESENTATIVES: usize = 64;

/// People groups in blocks by name-part keys; two groups are near when they share a block (and,
/// in a block over budget, one of them is a representative of it). Groups are numbered in 32
/// bits (a corpus holds fewer than 2^32).
struct PersonBlocks {
    /// members of each block, ascending
    members: Vec<Vec<u32>>,
    /// representatives of the blocks over budget (ascending); None for a block compared pair by pair
    reps: Vec<Option<Vec<u32>>>,
    /// blocks of each group, all in one list: group `g`'s are `of[of_start[g]..of_start[g + 1]]`
    /// (most groups are in no block: a list each would cost its header)
    of_start: Vec<u32>,
    of: Vec<u32>,
}

impl PersonBlocks {
    fn new<'n>(mut members: Vec<Vec<u32>>, longest: impl Fn(usize) -> Option<&'n Name>, n: usize) -> PersonBlocks {
        // the blocks grew by doubling: their room past their members is given back first
        for m in members.iter_mut() {
            m.shrink_to_fit();
        }
        // each group's blocks in block order, counted then placed
        let mut of_start = vec![0u32; n + 1];
        for m in &members {
            for &g in m {
                of_start[g as usize + 1] += 1;
            }
        }
        for g in 0..n {
            of_start[g + 1] += of_start[g];
        }
        let mut of = vec![0u32; of_start[n] as usize];
        let mut reps = Vec::with_capacity(members.len());
        for (b, m) in members.iter().enumerate() {
            // group g's start serves as its cursor while its blocks are placed: it ends at the
            // next group's start, and the starts are shifted back once all are placed
            for &g in m {
                let at = &mut of_start[g as usize];
                of[*at as usize] = b as u32;
                *at += 1;
            }
            if m.len() <= PERSON_BLOCK_ALL_PAIRS {
                reps.push(None);
                continue;
            }
            let mut seen: Vec<&Name> = Vec::new();
            let mut r = Vec::new();
            for &g in m {
                let Some(nm) = longest(g as usize) else { continue };
                if !seen.contains(&nm) {
                    seen.push(nm);
                    r.push(g);
                    if r.len() == PERSON_BLOCK_REPRESENTATIVES {
                        break;
                    }
                }
            }
            reps.push(Some(r));
        }
        of_start.copy_within(0..n, 1);
        of_start[0] = 0;
        PersonBlocks { members, reps, of_start, of }
    }

    /// The blocks of group `i`.
    fn of(&self, i: usize) -> &[u32] {
        &self.of[self.of_start[i] as usize..self.of_start[i + 1] as usize]
    }

    /// The groups near `i` (ascending, distinct, without `i`).
    fn near(&self, i: usize, out: &mut Vec<u32>) {
        self.gather(i, out);
        out.retain(|&j| j as usize != i);
    }

    /// What `i`'s blocks show it (ascending, distinct; `i` itself when a block compares all
    /// its members): a block's members, or its representatives when it is over budget and `i`
    /// is not one of them.
    fn gather(&self, i: usize, out: &mut Vec<u32>) {
        out.clear();
        for &b in self.of(i) {
            let b = b as usize;
            match &self.reps[b] {
                Some(r) if !r.contains(&(i as u32)) => out.extend(r.iter().copied()),
                _ => out.extend(self.members[b].iter().copied()),
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// `near(i)`, possibly with `i` itself in it (callers skip it), shared by the groups in
    /// the same blocks (pages repeat names, so thousands of groups have the same neighbours:
    /// gathering and sorting them once per set of blocks instead of once per group), while the
    /// lists kept hold at most `NEAR_CACHE_ENTRIES` groups in all.
    fn near_shared<'c>(&self, i: usize, cache: &'c mut NearCache) -> &'c [u32] {
        let of = self.of(i);
        // a representative of a block over budget sees all its members, the others only the
        // representatives: the groups that are no representative see the same lists
        let shareable = of.iter().all(|&b| self.reps[b as usize].as_ref().is_none_or(|r| !r.contains(&(i as u32))));
        let mut list = Vec::new();
        if !shareable {
            self.near(i, &mut list);
            cache.scratch = list;
            return &cache.scratch;
        }
        if let Some(&slot) = cache.by_blocks.get(of) {
            return &cache.lists[slot];
        }
        self.gather(i, &mut list);
        if cache.kept + list.len() <= NEAR_CACHE_ENTRIES {
            cache.kept += list.len();
            cache.by_blocks.insert(of.to_vec(), cache.lists.len());
            cache.lists.push(list);
        } else {
            cache.scratch = list;
            return &cache.scratch;
        }
        cache.lists.last().map(|v| v.as_slice()).unwrap_or(&[])
    }
}

/// Bound on the group indices kept in `NearCache` (4 bytes each).
const NEAR_CACHE_ENTRIES: usize = 4_000_000;

/// Neighbour lists of `PersonBlocks::near_shared`, by the set of blocks they come from.
#[derive(Default)]
struct NearCache {
    by_blocks: HashMap<Vec<u32>, usize>,
    lists: Vec<Vec<u32>>,
    kept: usize,
    scratch: Vec<u32>,
}

/// One number per distinct name, so that two names are compared once however many groups
/// write them.
struct NameIds {
    of: Vec<u32>,
    /// what the pairs' first tests read of each group's longest name, a byte a group: most
    /// candidates are dismissed by it without reading the name (`NameShape`)
    shape: Vec<NameShape>,
}

impl NameIds {
    fn new<'n>(longest: impl Fn(usize) -> Option<&'n Name>, n: usize) -> NameIds {
        let mut ids: HashMap<&Name, u32> = HashMap::new();
        let mut shape = Vec::with_capacity(n);
        let of = (0..n)
            .map(|g| match longest(g) {
                Some(n) => {
                    shape.push(NameShape::of(n));
                    let next = ids.len() as u32;
                    *ids.entry(n).or_insert(next)
                }
                None => {
                    shape.push(NameShape::NONE);
                    u32::MAX
                }
            })
            .collect();
        NameIds { of, shape }
    }
}

/// A group's longest name in one byte: how many parts it has (up to 127) and whether its first
/// part is in Arabic script; no name has no parts.
#[derive(Clone, Copy)]
struct NameShape(u8);

impl NameShape {
    const NONE: NameShape = NameShape(0);
    fn of(name: &Name) -> NameShape {
        let parts = name.parts.len().min(127) as u8;
        let arabic = name.parts.first().is_some_and(|p| p.arabic);
        NameShape(parts << 1 | arabic as u8)
    }
    fn parts(self) -> usize {
        (self.0 >> 1) as usize
    }
    fn arabic(self) -> bool {
        self.0 & 1 == 1
    }
}

/// The full names that stand for an entity in `conflict`: at most this many, the longest first.
const CONFLICT_NAMES: usize = 8;

/// A union-find over the groups, 32 bits a group (a corpus holds fewer than 2^32 groups).
struct Dsu {
    parent: Vec<u32>,
    /// For each root whose names were joined with another root's, its slot in `tops`;
    /// `NO_TOP` for a root that stands for its own group's names only (`own_top`): most roots
    /// never join a root with names, and are held without a list of their own.
    top_slot: Vec<u32>,
    /// The names of two or more parts of the groups under a root that stand for it:
    /// (group, index in its names), the longest first, names of equal length in the order
    /// their groups joined; at most `CONFLICT_NAMES`. Kept as groups join, so that `conflict`
    /// does not read every group of a large entity.
    tops: Vec<Vec<(u32, u32)>>,
    /// slots of `tops` emptied by a join, to be used again
    free_slots: Vec<u32>,
    /// room for `conflict`'s two lists
    scratch: [Vec<(u32, u32)>; 2],
}

/// The slot of a root that stands for its own group's names in `Dsu::tops`.
const NO_TOP: u32 = u32::MAX;

/// The names of group `g` that stand for it alone in `conflict` (see `Dsu::tops`), in `out`.
fn own_top(groups: &[Group], g: usize, out: &mut Vec<(u32, u32)>) {
    out.clear();
    let names = groups[g].names();
    out.extend(names.iter().enumerate().filter(|(_, n)| n.parts.len() >= 2).map(|(k, _)| (g as u32, k as u32)));
    out.sort_by_key(|&(_, k)| std::cmp::Reverse(names[k as usize].parts.len()));
    out.truncate(CONFLICT_NAMES);
}

impl Dsu {
    fn new(n: usize) -> Dsu {
        Dsu { parent: (0..n as u32).collect(), top_slot: vec![NO_TOP; n], tops: Vec::new(), free_slots: Vec::new(), scratch: Default::default() }
    }
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r] as usize != r {
            r = self.parent[r] as usize;
        }
        let mut y = x;
        while self.parent[y] as usize != r {
            let n = self.parent[y] as usize;
            self.parent[y] = r as u32;
            y = n;
        }
        r
    }
    /// The names that stand for root `r`, in `out`.
    fn top_into(&self, groups: &[Group], r: usize, out: &mut Vec<(u32, u32)>) {
        match self.top_slot[r] {
            NO_TOP => own_top(groups, r, out),
            slot => {
                out.clear();
                out.extend_from_slice(&self.tops[slot as usize]);
            }
        }
    }
    /// The names that stand for root `r`, taken from it (it is joining another root).
    fn take_top(&mut self, groups: &[Group], r: usize) -> Vec<(u32, u32)> {
        match std::mem::replace(&mut self.top_slot[r], NO_TOP) {
            NO_TOP => {
                let mut own = Vec::new();
                own_top(groups, r, &mut own);
                own
            }
            slot => {
                self.free_slots.push(slot);
                std::mem::take(&mut self.tops[slot as usize])
            }
        }
    }
}

/// Merges mentions into entities, with known entities (from a knowledge file) as anchors: the
/// documents borrowed, copied into linking's own input (`link_docs` takes them as `LinkDoc`s,
/// which is what a build holds for a whole corpus).
pub fn link_with(docs: &[DocMentions<'_>], known: &[KnownEntity]) -> Vec<Entity> {
    let interner = Interner::default();
    link_docs(docs.iter().map(|d| LinkDoc::new(d.article, d.mentions.to_vec(), &interner)).collect(), known)
}

/// Merges the documents' mentions into entities (sorted, with stable ids), with entities known
/// in advance; the documents as linking holds them (`LinkDoc`: compact, strings shared).
pub fn link_docs(mut docs: Vec<LinkDoc>, known: &[KnownEntity]) -> Vec<Entity> {
    let lex = lexicon();
    // people written in Latin script found again in Arabic-script pages
    let extra = crate::echo::echoes(&docs, lex, &Interner::default());
    for (doc, found) in docs.iter_mut().zip(extra) {
        if !found.is_empty() {
            doc.mentions.extend(found);
        }
        // nothing after the cross-script pass reads a body: its room goes to the groups
        doc.body = Box::default();
    }
    let owned_docs = docs;
    let docs = owned_docs.as_slice();
    // ---- per document groups (in parallel; each thread keeps its own cache of content words),
    // a chunk of documents at a time, moved into one vector whose room was reserved for the
    // most there can be (a group has at least one mention of its own): no growth by doubling,
    // and never every document's groups twice (the room past the end is never written, so
    // it is not resident)
    let groups: Vec<Group> = {
        use rayon::prelude::*;
        const DOCS_PER_CHUNK: usize = 4096;
        let parsed = ParsedNames::default();
        let mut groups = Vec::with_capacity(docs.iter().map(|d| d.mentions.len()).sum());
        for (c, chunk) in docs.chunks(DOCS_PER_CHUNK).enumerate() {
            let first = c * DOCS_PER_CHUNK;
            let per_doc: Vec<Vec<Group>> = chunk.par_iter().enumerate().map_init(OrgWords::default, |words, (k, doc)| doc_groups(first + k, doc, lex, &parsed, words)).collect();
            for doc in per_doc {
                groups.extend(doc);
            }
        }
        groups
    };

    // ---- across documents
    let n = groups.len();
    let mut dsu = Dsu::new(groups.len());
    // known entities: a group whose name is a known one's joins the others with that name
    let known_of = known_matches(&groups, docs, known, lex);
    {
        let mut first: BTreeMap<usize, usize> = BTreeMap::new();
        for g in 0..known_of.0.len() {
            if let Some(k) = known_of.get(g) {
                match first.get(&k) {
                    Some(&f) => union(&mut dsu, &groups, f, g),
                    None => {
                        first.insert(k, g);
                    }
                }
            }
        }
    }
    // places and CLDR organisations by key, and places no table knows across scripts
    join_places(docs, &groups, lex, &mut dsu);
    // organisations by key and by acronym
    join_organisations(docs, &groups, lex, &mut dsu);
    // people by full name, then family names alone
    let trims = join_people(&groups, &mut dsu);
    // Arabic names read past their end, trimmed where the other script's name ends
    let mut trimmed: BTreeMap<usize, SmallSet> = BTreeMap::new();
    for (ar, words) in trims {
        let long = groups[ar].surfaces(docs).into_iter().max_by_key(|s| s.split_whitespace().count());
        if let Some(long) = long {
            let t: Vec<&str> = long.split_whitespace().take(words).collect();
            trimmed.entry(ar).or_default().insert(t.join(" "));
        }
    }

    // ---- entities
    // each group's cluster: the clusters numbered in the order of their roots, the lowest
    // group of each (a root is its cluster's lowest group)
    let mut cluster_of: Vec<u32> = (0..n).map(|i| dsu.find(i) as u32).collect();
    drop(dsu);
    let mut clusters = 0u32;
    for i in 0..n {
        let root = cluster_of[i] as usize;
        // a root comes before the other groups of its cluster, and is numbered first
        cluster_of[i] = if root == i {
            clusters += 1;
            clusters - 1
        } else {
            cluster_of[root]
        };
    }
    // what building entities reads of the groups (their names, surfaces and organisation
    // parts are freed first, making room for the entities)
    let groups: Vec<GroupMembers> = groups.into_iter().map(|g| GroupMembers { kind: g.kind, doc: g.doc, place_key: g.place_key().cloned(), members: g.members }).collect();
    let mut drafts: Vec<EntityDraft> = (0..clusters).map(|_| EntityDraft::default()).collect();
    // room for each entity's mentions, reserved once
    for (g, gm) in groups.iter().enumerate() {
        drafts[cluster_of[g] as usize].mention_count += gm.members.len();
    }
    for d in drafts.iter_mut() {
        d.mentions.reserve_exact(d.mention_count);
    }
    // the groups in order (they are in document order), each added to its entity as its
    // document is read, and each document freed once read: the entities' mentions take the
    // room of the documents' as they grow
    let mut groups = groups.into_iter().enumerate().peekable();
    for (d, doc) in owned_docs.into_iter().enumerate() {
        while let Some((g, gm)) = groups.next_if(|(_, gm)| gm.doc as usize == d) {
            drafts[cluster_of[g] as usize].add(&doc, gm, known_of.get(g), trimmed.remove(&g));
        }
    }
    drop(groups);
    drop(cluster_of);
    // one entity per cluster, in parallel
    let mut entities: Vec<Entity> = {
        use rayon::prelude::*;
        drafts.into_par_iter().map(|d| d.finish(lex, known)).collect()
    };
    entities.sort_by(|a, b| a.kind.cmp(&b.kind).then(a.name.cmp(&b.name)).then(a.mentions.first().map(|m| (&m.document, m.span.start)).cmp(&b.mentions.first().map(|m| (&m.document, m.span.start)))));
    let mut seen: HashMap<String, usize> = HashMap::new();
    for e in entities.iter_mut() {
        let base = format!("{}-{:016x}", kind_prefix(e.kind), fnv(&[format!("{:?}", e.kind).as_bytes(), e.name.as_bytes()]));
        let c = seen.entry(base.clone()).or_insert(0);
        e.id = if *c == 0 { base.clone() } else { format!("{base}-{c}") };
        *c += 1;
    }
    entities
}

/// `items` (group indices) put in buckets by their keys, each bucket in the order of `items`
/// (32 bits a group).
/// The keys are worked out in parallel a chunk at a time (`state`: one per thread, made by
/// `init`): every group's key set at once would be the largest thing linking holds.
fn buckets_by_key<S>(
    items: &[usize],
    init: impl Fn() -> S + Sync + Send,
    keys: impl Fn(&mut S, usize) -> BTreeSet<String> + Sync + Send,
) -> BTreeMap<String, Vec<u32>> {
    use rayon::prelude::*;
    const CHUNK: usize = 16_384;
    let mut buckets: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for chunk in items.chunks(CHUNK) {
        let keys_of: Vec<BTreeSet<String>> = chunk.par_iter().map_init(&init, |state, &i| keys(state, i)).collect();
        for (&i, keys) in chunk.iter().zip(keys_of) {
            for k in keys {
                buckets.entry(k).or_default().push(i as u32);
            }
        }
    }
    buckets
}

/// Places and CLDR organisations joined by key; places no table knows joined across scripts
/// (their working tables are dropped on return, before entities are built).
fn join_places(docs: &[LinkDoc], groups: &[Group], lex: &Lexicon, dsu: &mut Dsu) {
    // places and CLDR organisations: by key
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        if let Some(k) = g.place_key().map(|k| &**k) {
            if let Some(&j) = by_key.get(k) {
                union(dsu, groups, i, j);
            } else {
                by_key.insert(k, i);
            }
        }
    }
    // places no table knows, across scripts: the same skeleton, and the pages share another
    // referent
    {
        let mut by_skel: BTreeMap<String, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
        for (i, g) in groups.iter().enumerate() {
            let Some(name) = g.place_key().and_then(|k| k.strip_prefix("name:")) else { continue };
            if !matches!(g.kind, EntityKind::Country | EntityKind::Location) {
                continue;
            }
            let ar = name.chars().any(dossier_text::is_arabic_letter);
            for sk in place_skeletons(name, lex) {
                let e = by_skel.entry(sk).or_default();
                if ar { e.1.push(i) } else { e.0.push(i) }
            }
        }
        let mut contexts: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
        // a group's context, read once
        let mut group_ctx: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
        for (sk, (lat, ar)) in &by_skel {
            let own = format!("s:{sk}");
            for &i in lat.iter().take(PLACE_SKELETON_SIDE) {
                for &j in ar.iter().take(PLACE_SKELETON_SIDE) {
                    if dsu.find(i) == dsu.find(j) {
                        continue;
                    }
                    for g in [i, j] {
                        if !group_ctx.contains_key(&g) {
                            let mut out = BTreeSet::new();
                            let d = groups[g].doc as usize;
                            let c = contexts.entry(d).or_insert_with(|| crate::echo::context(&docs[d], lex));
                            out.extend(c.iter().cloned());
                            group_ctx.insert(g, out);
                        }
                    }
                    let (Some(ci), Some(cj)) = (group_ctx.get(&i), group_ctx.get(&j)) else { continue };
                    if ci.iter().any(|x| *x != own && cj.contains(x)) {
                        union(dsu, groups, i, j);
                    }
                }
            }
        }
    }
}

/// Organisations joined by key, then an acronym to the one organisation whose initials it is.
fn join_organisations(docs: &[LinkDoc], groups: &[Group], lex: &Lexicon, dsu: &mut Dsu) {
    let n = groups.len();
    // organisations
    let orgs: Vec<usize> = (0..n).filter(|&i| groups[i].kind == EntityKind::Organization).collect();
    // groups sharing a key are the same organisation (see `org_keys`): linear in the groups
    let org_buckets = buckets_by_key(&orgs, OrgWords::default, |words, i| org_keys(&groups[i], docs, lex, words));
    for (k, v) in &org_buckets {
        if let Some(sk) = k.strip_prefix("s:") {
            // one word pronounced alike in two scripts: Latin and Arabic sides join
            if let Some(lat) = sk.strip_prefix("l:") {
                if let Some(ar) = org_buckets.get(&format!("s:a:{lat}")) {
                    for &i in v.iter().chain(ar.iter()) {
                        union(dsu, groups, v[0] as usize, i as usize);
                    }
                }
            }
            continue;
        }
        for w in v.windows(2) {
            union(dsu, groups, w[0] as usize, w[1] as usize);
        }
    }
    // (its keys and lists are freed before the acronyms' index is built)
    drop(org_buckets);
    // acronym <-> concept initials, only when one group fits; what each group offers is
    // computed once (the content words of its multi-word Latin names), and indexed by the
    // first letters an acronym of it can have (see `AcronymIndex`), so that an acronym is
    // compared only with the groups that can fit it instead of with every group
    let offers: Vec<(usize, Vec<Arc<[String]>>)> = {
        use rayon::prelude::*;
        let offered: Vec<(usize, Vec<Arc<[String]>>)> = orgs
            .par_iter()
            .map_init(OrgWords::default, |words, &j| {
                let contents: Vec<Arc<[String]>> = groups[j]
                    .surfaces(docs)
                    .into_iter()
                    .filter(|s| s.split_whitespace().count() > 1 && !s.chars().any(dossier_text::is_arabic_letter))
                    .map(|s| words.content(s, lex).clone())
                    .collect();
                (j, contents)
            })
            .collect();
        offered.into_iter().filter(|(j, c)| !c.is_empty() || !groups[*j].org().concept_seqs.is_empty()).collect()
    };
    let index = AcronymIndex::new(&offers, &groups, lex);
    let mut cands: Vec<usize> = Vec::new();
    // groups with the same acronyms and languages fit the same groups: those are found once
    // (and once they all belong to one entity they always will)
    struct Fitting {
        groups: Vec<usize>,
        one_entity: bool,
    }
    let mut fitting: HashMap<(&SmallSet, &str), Fitting> = HashMap::new();
    for &i in &orgs {
        let gi = &groups[i];
        let acronyms = &gi.org().acronyms;
        if acronyms.is_empty() {
            continue;
        }
        let f = fitting.entry((acronyms, gi.lang(docs))).or_insert_with(|| {
            index.candidates(acronyms, &mut cands);
            let groups_fitting = cands
                .iter()
                .filter(|&&o| {
                    let (j, contents) = (offers[o].0, &offers[o].1);
                    let gj = &groups[j];
                    acronyms.iter().any(|a| {
                        gj.org().concept_seqs.iter().any(|seq| [gi.lang(docs), gj.lang(docs)].into_iter().any(|l| acronym_of_concepts(a, seq, l, lex)))
                            || (a.chars().count() >= 3 && contents.iter().any(|c| acronym_fits(a, c)))
                    })
                })
                .map(|&o| offers[o].0)
                .collect();
            Fitting { groups: groups_fitting, one_entity: false }
        });
        // the entities of the groups that fit, other than i's own; only "exactly one" matters,
        // so the scan stops at a second one
        let ri = dsu.find(i);
        if f.one_entity {
            if let Some(&j) = f.groups.first() {
                if dsu.find(j) != ri {
                    union(dsu, groups, i, j);
                }
            }
            continue;
        }
        let mut fits: Vec<usize> = Vec::new();
        let mut first_root = None;
        let mut one_entity = true;
        for &j in &f.groups {
            let r = dsu.find(j);
            if *first_root.get_or_insert(r) != r {
                one_entity = false;
            }
            if r == ri || fits.iter().any(|&f| dsu.find(f) == r) {
                continue;
            }
            fits.push(j);
            if fits.len() > 1 {
                break;
            }
        }
        if fits.len() <= 1 {
            f.one_entity = one_entity;
        }
        if fits.len() == 1 {
            union(dsu, groups, i, fits[0]);
        }
    }
}

/// People joined by full name, then a family name alone to the one person it can be; returns
/// the Arabic names read past their end: (group, words of its longest surface that are the name).
fn join_people(groups: &[Group], dsu: &mut Dsu) -> Vec<(usize, usize)> {
    let n = groups.len();
    // people: full names
    let people: Vec<usize> = (0..n).filter(|&i| groups[i].kind == EntityKind::Person).collect();
    // candidate pairs share a skeleton of the first or the last part (or a folded form): the
    // groups are put in blocks by those keys and compared within a block only (see
    // `PersonBlocks` for the budget of a large block)
    // (a group's longest name is read where needed: a list of them would hold one per group)
    let longest = |g: usize| groups[g].longest();
    let buckets = buckets_by_key(
        &people,
        || (),
        |_, i| {
            let mut keys: BTreeSet<String> = BTreeSet::new();
            let Some(nm) = longest(i) else { return keys };
            let middle = if nm.parts.len() == 3 { nm.parts.get(1) } else { None };
            for p in [nm.parts.first(), middle, nm.parts.last()].into_iter().flatten() {
                keys.insert(format!("f:{}", p.fold));
                for s in &p.skels {
                    keys.insert(format!("s:{s}"));
                }
            }
            keys
        },
    );
    let blocks = PersonBlocks::new(buckets.into_values().collect(), longest, n);
    // the same two names are compared once (pages repeat names)
    let sig = NameIds::new(longest, n);
    // (tables probed once per candidate pair: a fast hash of their small integer keys)
    let mut compatible: rustc_hash::FxHashMap<(u32, u32), bool> = Default::default();
    let mut near_cache = NearCache::default();
    let mut tried: rustc_hash::FxHashSet<(u32, u32)> = Default::default();
    // pairs in order (the first group, then the second): merges depend on what merged before
    let mut trims: Vec<(usize, usize)> = Vec::new();
    for &i in &people {
        let Some(a) = longest(i) else { continue };
        if a.parts.len() < 2 {
            continue;
        }
        tried.clear();
        // i's entity, until i joins another
        let mut ri = dsu.find(i);
        let near = blocks.near_shared(i, &mut near_cache);
        let after = near.partition_point(|&j| j as usize <= i);
        for &j in &near[after..] {
            let j = j as usize;
            // (most candidates are dismissed here, by the shape of their longest name)
            let shape = sig.shape[j];
            if shape.parts() < 2 {
                continue;
            }
            // already one entity: nothing to do, but for an Arabic name read past its end
            let rj = dsu.find(j);
            if a.parts[0].arabic == shape.arabic() && ri == rj {
                continue;
            }
            // another entity, and a name of it already tried against `i` with no merge
            // since: the answer would be the same (it depends on the two names and the two
            // entities' names only)
            if ri != rj && !tried.insert((rj as u32, sig.of[j])) {
                continue;
            }
            let Some(b) = longest(j) else { continue };
            let ok = *compatible.entry((sig.of[i], sig.of[j])).or_insert_with(|| full_compatible(a, b));
            if ok && !conflict(dsu, groups, i, j) {
                if let Some(words) = arabic_overrun(a, b) {
                    let ar = if a.parts[0].arabic { i } else { j };
                    trims.push((ar, words));
                }
                union(dsu, groups, i, j);
                ri = dsu.find(i);
                tried.clear();
            }
        }
    }
    // people: a family name alone joins the one person it can be
    for &i in &people {
        let Some(a) = longest(i) else { continue };
        if a.parts.len() != 1 {
            continue;
        }
        let p = &a.parts[0];
        let given = groups[i].names().iter().any(|n| n.given_title);
        let mut cands: Vec<usize> = Vec::new();
        for &j in blocks.near_shared(i, &mut near_cache) {
            let j = j as usize;
            if i == j {
                continue;
            }
            let Some(b) = longest(j) else { continue };
            let ok = if given && b.parts.len() >= 2 {
                b.parts.first().is_some_and(|f| surname_match(p, f))
            } else if b.parts.len() >= 2 { b.parts.last().is_some_and(|l| surname_match(p, l)) || first_of_two_surnames(p, b) } else { b.parts.len() == 1 && surname_match(p, &b.parts[0]) && b.parts[0].arabic == p.arabic };
            if ok {
                let r = dsu.find(j);
                if !cands.iter().any(|&c| dsu.find(c) == r) {
                    cands.push(j);
                }
            }
        }
        // prefer the full-name candidates
        let full: Vec<usize> = cands.iter().copied().filter(|&c| longest(c).is_some_and(|n| n.parts.len() >= 2)).collect();
        let pick = if full.len() == 1 { Some(full[0]) } else if full.is_empty() && !cands.is_empty() { Some(cands[0]) } else { None };
        if let Some(j) = pick {
            if !conflict(dsu, groups, i, j) {
                union(dsu, groups, i, j);
            }
        }
    }
    trims
}

/// The groups of one document (`d`): its mentions that name the same referent, before any
/// comparison across documents (a map over documents).
fn doc_groups<'m>(d: usize, doc: &'m LinkDoc, lex: &Lexicon, parsed: &ParsedNames, org_words: &mut OrgWords) -> Vec<Group> {
    let mut groups: Vec<Draft> = Vec::new();
    // (a page's mentions are indexed in 32 bits: a page holds fewer than 2^32 of them)
    let mut order: Vec<usize> = (0..doc.mentions.len().min(u32::MAX as usize)).collect();
    // longer person names first, so that "Hammouchi" finds "Abdellatif Hammouchi"
    order.sort_by_key(|&i| {
        let m = &doc.mentions[i];
        (std::cmp::Reverse(m.confident), std::cmp::Reverse(m.surface.split_whitespace().count()), m.span().start)
    });
    for mi in order {
        let m: &'m LinkMention = &doc.mentions[mi];
        if m.adjective {
            continue;
        }
        match m.kind {
            EntityKind::Person => {
                let name = parsed.get(&m.surface, m.title(), lex);
                if name.parts.is_empty() {
                    continue;
                }
                let found = groups.iter().position(|gr| gr.kind == EntityKind::Person && gr.names.iter().any(|n| same_doc_compatible(&name, n)));
                let g = match found {
                    Some(g) => g,
                    None => {
                        if !m.confident {
                            continue;
                        }
                        groups.push(Draft::new(EntityKind::Person));
                        groups.len() - 1
                    }
                };
                let gr = &mut groups[g];
                gr.members.push(mi as u32);
                gr.names.push(name);
                gr.surfaces.insert(&*m.surface);
                gr.confident |= m.confident;
            }
            EntityKind::Organization => {
                let OrgSeq { seq, key: ckey } = org_words.seq(&m.surface, lex).clone();
                let acr = m.acronym().map(str::to_uppercase);
                let k = key(&m.surface);
                let words = m.surface.split_whitespace().count();
                let mut found = None;
                for g in 0..groups.len() {
                    let gr = &groups[g];
                    if gr.kind != EntityKind::Organization {
                        continue;
                    }
                    // (the tests are pure: the first that holds decides)
                    let o = gr.org();
                    let same = acr.as_ref().is_some_and(|a| o.acronyms.contains(a))
                        || o.surface_keys.contains(&k)
                        || ckey.as_ref().is_some_and(|c| o.concept_keys.iter().any(|g| g == c || same_without_places(g, c)))
                        // an acronym and a phrase of this page whose words it abbreviates
                        || match (&acr, words) {
                            (Some(a), 1) => gr.surfaces.iter().any(|s| s.split_whitespace().count() > 1 && acronym_fits(a, org_words.content(s, lex))),
                            (None, n) if n > 1 => !o.acronyms.is_empty() && {
                                let c = org_words.content(&m.surface, lex);
                                o.acronyms.iter().any(|a| acronym_fits(a, c))
                            },
                            _ => false,
                        };
                    if same {
                        found = Some(g);
                        break;
                    }
                }
                let g = found.unwrap_or_else(|| {
                    groups.push(Draft::new(EntityKind::Organization));
                    groups.len() - 1
                });
                let gr = &mut groups[g];
                gr.members.push(mi as u32);
                let o = gr.org.get_or_insert_with(Box::default);
                if let Some(a) = acr {
                    o.acronyms.insert(a);
                }
                if let Some(c) = ckey {
                    // sorted and distinct, as a set
                    if let Err(at) = o.concept_keys.binary_search(&c) {
                        o.concept_keys.insert(at, c);
                    }
                }
                if !seq.is_empty() && words > 1 {
                    o.concept_seqs.push(seq);
                }
                o.surface_keys.insert(k);
                gr.surfaces.insert(&*m.surface);
                gr.confident |= m.confident;
                if let Some(pk) = &m.key {
                    gr.place_key = Some(pk.clone());
                }
            }
            EntityKind::Country | EntityKind::Location => {
                let pk = m.key.clone().unwrap_or_else(|| Arc::from(format!("name:{}", bare_place(&m.surface, lex))));
                let found = (0..groups.len()).find(|&g| groups[g].place_key.as_deref() == Some(&*pk));
                let g = found.unwrap_or_else(|| {
                    let mut gr = Draft::new(m.kind);
                    gr.place_key = Some(pk.clone());
                    groups.push(gr);
                    groups.len() - 1
                });
                let gr = &mut groups[g];
                gr.members.push(mi as u32);
                gr.surfaces.insert(&*m.surface);
                gr.confident = true;
            }
        }
    }
    // only groups with a confident mention are linked
    groups.into_iter().filter(|g| g.confident && !g.members.is_empty()).map(|g| g.finish(d as u32)).collect()
}

/// What linking reads of an organisation's name, worked out once per name (pages repeat
/// names; each costs thousands of lexicon lookups); one per thread, bounded.
#[derive(Default)]
struct OrgWords {
    contents: HashMap<String, Arc<[String]>>,
    seqs: HashMap<String, OrgSeq>,
}

/// An organisation name's concept sequence and concept key, shared by the groups that write
/// the name (held until linking ends: one copy per name and thread instead of one per group).
#[derive(Clone)]
struct OrgSeq {
    seq: Arc<[String]>,
    key: Option<Arc<[String]>>,
}

impl OrgWords {
    /// Names remembered per table before it starts again (a bound on memory, not a tuning).
    const ENTRIES: usize = 100_000;

    /// Content words of the name (`content`), shared by the groups that write the name.
    fn content(&mut self, s: &str, lex: &Lexicon) -> &Arc<[String]> {
        Self::cached(&mut self.contents, s, || Arc::from(content(s, lex)))
    }

    /// Concept sequence of the name (`concept_seq`) and its concept key (`concept_key`).
    fn seq(&mut self, s: &str, lex: &Lexicon) -> &OrgSeq {
        Self::cached(&mut self.seqs, s, || {
            let seq = concept_seq(s, lex);
            let key = concept_key(&seq).map(Arc::from);
            OrgSeq { seq: Arc::from(seq), key }
        })
    }

    fn cached<'c, V>(table: &'c mut HashMap<String, V>, s: &str, make: impl FnOnce() -> V) -> &'c V {
        // the key is copied only when the name is new (most look-ups find it)
        if !table.contains_key(s) {
            if table.len() >= Self::ENTRIES {
                table.clear();
            }
            table.insert(s.to_string(), make());
        }
        &table[s]
    }
}

/// A place's name without the state words and connectors before it ("République de
/// Valmorie" -> "valmorie").
fn bare_place(surface: &str, lex: &Lexicon) -> String {
    let words: Vec<&str> = surface.split_whitespace().collect();
    let mut i = 0;
    while i + 1 < words.len() && (lex.state_words.contains(&key(words[i])) || lex.connectors.contains(&key(words[i]))) {
        i += 1;
    }
    key(&words[i..].join(" "))
}

/// Skeletons of a place's name (its words' skeletons joined), when long enough to compare.
fn place_skeletons(name: &str, lex: &Lexicon) -> Vec<String> {
    let mut acc: Vec<String> = vec![String::new()];
    for w in name.split(|c: char| c.is_whitespace() || c == '-' || c == '‑') {
        let k = key(w);
        let k = if k.chars().any(dossier_text::is_arabic_letter) { lex.strip_article(&k).to_string() } else { k };
        let sk = skeletons(&k);
        if sk.is_empty() {
            continue;
        }
        acc = acc.iter().flat_map(|a| sk.iter().map(move |s| format!("{a}{s}"))).take(16).collect();
    }
    acc.iter_mut().for_each(crate::skeleton::dedup_runs);
    acc.retain(|s| s.chars().count() >= 4);
    acc.sort();
    acc.dedup();
    acc
}

fn kind_prefix(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "per",
        EntityKind::Organization => "org",
        EntityKind::Location => "loc",
        EntityKind::Country => "cty",
    }
}

fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for part in parts {
        for &b in part.iter().chain(&[0xff]) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

fn content(s: &str, lex: &Lexicon) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .filter(|w| lex.demonym(w).is_none() && !lex.places.contains_key(&key(w)))
        .map(key)
        .filter(|k| !lex.connectors.contains(k) && !lex.is_particle(k) && k.chars().count() > 1)
        .collect()
}

fn same_doc_compatible(a: &Name, b: &Name) -> bool {
    if a.parts.len() >= 2 && b.parts.len() >= 2 {
        return full_compatible(a, b);
    }
    let (s, l) = if a.parts.len() <= b.parts.len() { (a, b) } else { (b, a) };
    if s.given_title && l.parts.len() >= 2 {
        return match (s.parts.first(), l.parts.first()) {
            (Some(p), Some(f)) => surname_match(p, f),
            _ => false,
        };
    }
    match (s.parts.first(), l.parts.last()) {
        (Some(p), Some(last)) => surname_match(p, last) || (l.parts.len() == 1 && p.fold == last.fold) || first_of_two_surnames(p, l),
        _ => false,
    }
}

/// Keys of an organisation group: two groups sharing one are the same organisation: "a:" an acronym, "c:" a specific concept key, "p:" a proper
/// name, "s:l:"/"s:a:" the skeleton of a one-word name in Latin / Arabic script (a Latin and an
/// Arabic group with the same skeleton join).
fn org_keys(g: &Group, docs: &[LinkDoc], lex: &Lexicon, org_words: &mut OrgWords) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for a in &g.org().acronyms {
        out.insert(format!("a:{a}"));
    }
    for c in g.org().concept_keys.iter().filter(|c| specific(c)) {
        out.insert(format!("c:{}", c.join("|")));
    }
    for s in g.surfaces(docs) {
        let words: Vec<&str> = s.split_whitespace().collect();
        let proper = (words.len() == 1 && words[0].chars().next().is_some_and(|c| c.is_uppercase() || dossier_text::is_arabic_letter(c)))
            || words.iter().filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase())).count() >= 2
            || specific(&org_words.seq(s, lex).seq);
        if proper {
            out.insert(format!("p:{}", key(s)));
        }
        if words.len() == 1 {
            let k = key(s);
            let ar = k.chars().any(dossier_text::is_arabic_letter);
            let base = if ar { lex.strip_article(&k).to_string() } else { k };
            let sk = skeletons(&base);
            if sk.iter().any(|x| x.chars().count() >= 4) {
                for x in sk {
                    out.insert(format!("s:{}:{x}", if ar { "a" } else { "l" }));
                }
            }
        }
    }
    out
}

/// Would merging these two person groups put two different full names together?
fn conflict(dsu: &mut Dsu, groups: &[Group], i: usize, j: usize) -> bool {
    let (ri, rj) = (dsu.find(i), dsu.find(j));
    if ri == rj {
        return false;
    }
    // the longest names of each side stand for it (bounded work)
    let name = |&(g, k): &(u32, u32)| &groups[g as usize].names()[k as usize];
    let [mut a, mut b] = std::mem::take(&mut dsu.scratch);
    dsu.top_into(groups, ri, &mut a);
    dsu.top_into(groups, rj, &mut b);
    let conflicting = a.iter().any(|x| b.iter().any(|y| !full_compatible(name(x), name(y))));
    dsu.scratch = [a, b];
    conflicting
}

fn union(dsu: &mut Dsu, groups: &[Group], i: usize, j: usize) {
    let (a, b) = (dsu.find(i), dsu.find(j));
    if a != b {
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        dsu.parent[hi] = lo as u32;
        // the longest names of the two: as if the lower root's groups were followed by the
        // other's and all their names sorted stably by length
        let y = dsu.take_top(groups, hi);
        if y.is_empty() {
            // nothing joins the lower root's names
            return;
        }
        let x = dsu.take_top(groups, lo);
        let len = |&(g, k): &(u32, u32)| groups[g as usize].names()[k as usize].parts.len();
        let mut merged = Vec::with_capacity(CONFLICT_NAMES.min(x.len() + y.len()));
        let (mut p, mut q) = (0, 0);
        while merged.len() < CONFLICT_NAMES && (p < x.len() || q < y.len()) {
            if q == y.len() || (p < x.len() && len(&x[p]) >= len(&y[q])) {
                merged.push(x[p]);
                p += 1;
            } else {
                merged.push(y[q]);
                q += 1;
            }
        }
        let slot = match dsu.free_slots.pop() {
            Some(slot) => {
                dsu.tops[slot as usize] = merged;
                slot
            }
            None => {
                dsu.tops.push(merged);
                (dsu.tops.len() - 1) as u32
            }
        };
        dsu.top_slot[lo] = slot;
    }
}

/// For each group, the known entity it names, if exactly one fits.
fn known_matches(groups: &[Group], docs: &[LinkDoc], known: &[KnownEntity], lex: &Lexicon) -> KnownOf {
    if known.is_empty() {
        // (the usual build: no group to look at, and nothing held for each)
        return KnownOf(Vec::new());
    }
    let mut by_key: HashMap<(EntityKind, String), Vec<usize>> = HashMap::new();
    let mut people: Vec<(usize, Name)> = Vec::new();
    for (i, k) in known.iter().enumerate() {
        for n in &k.names {
            let kind = if k.kind == EntityKind::Location { EntityKind::Country } else { k.kind };
            by_key.entry((kind, key(n))).or_default().push(i);
            if k.kind == EntityKind::Person {
                let parsed = parse_name(n, lex);
                if parsed.parts.len() >= 2 {
                    people.push((i, parsed));
                }
            }
        }
    }
    // each group on its own (a map, in parallel)
    use rayon::prelude::*;
    let of = groups
        .par_iter()
        .map(|g| {
            let kind = if g.kind == EntityKind::Location { EntityKind::Country } else { g.kind };
            let mut hits: BTreeSet<usize> = BTreeSet::new();
            for s in g.surfaces(docs) {
                if let Some(v) = by_key.get(&(kind, key(s))) {
                    hits.extend(v.iter().copied());
                }
            }
            if hits.is_empty() && g.kind == EntityKind::Person {
                if let Some(nm) = g.longest().filter(|n| n.parts.len() >= 2) {
                    for (i, p) in &people {
                        if full_compatible(nm, p) {
                            hits.insert(*i);
                        }
                    }
                }
            }
            if hits.len() == 1 {
                hits.into_iter().next().map(|k| k as u32)
            } else {
                None
            }
        })
        .collect();
    KnownOf(of)
}

/// For each group, the known entity it names (empty when there are no known entities: the
/// usual build holds nothing for each group).
struct KnownOf(Vec<Option<u32>>);

impl KnownOf {
    /// The known entity group `g` names.
    fn get(&self, g: usize) -> Option<usize> {
        self.0.get(g).copied().flatten().map(|k| k as usize)
    }
}

/// An entity while its groups are read: what building it reads of its documents.
#[derive(Default)]
struct EntityDraft {
    /// mentions of each kind
    kinds: Vec<(EntityKind, usize)>,
    /// the first place key of its groups
    place_key: Option<Arc<str>>,
    /// the first known entity its groups name
    known: Option<usize>,
    /// its groups' mentions, in the order of its groups and their members
    mentions: Vec<MentionRef>,
    /// how many mentions its groups have (the room reserved for them)
    mention_count: usize,
    roles: Vec<RoleRef>,
    /// (surface, title) of the mentions written after a title
    titled: Vec<(Arc<str>, Arc<str>)>,
    /// forms of its Arabic names read past their end, trimmed
    trimmed: Vec<String>,
}

impl EntityDraft {
    /// Group `group` of document `doc` joins the entity.
    fn add(&mut self, doc: &LinkDoc, group: GroupMembers, known: Option<usize>, trimmed: Option<SmallSet>) {
        match self.kinds.iter_mut().find(|(k, _)| *k == group.kind) {
            Some((_, n)) => *n += group.members.len(),
            None => self.kinds.push((group.kind, group.members.len())),
        }
        if self.place_key.is_none() {
            self.place_key = group.place_key;
        }
        if self.known.is_none() {
            self.known = known;
        }
        self.trimmed.extend(trimmed.into_iter().flat_map(|t| t.0));
        for &mi in &group.members {
            let m = &doc.mentions[mi as usize];
            self.mentions.push(MentionRef { document: doc.source.clone(), span: m.span(), surface: m.surface.clone() });
            if let Some(t) = m.shared_title() {
                self.titled.push((m.surface.clone(), t.clone()));
            }
            if let Some(r) = m.role() {
                self.roles.push(RoleRef {
                    title: r.text.clone(),
                    organization: r.organization.clone(),
                    country: r.country.clone(),
                    document: doc.source.clone(),
                    date: doc.date.clone(),
                    span: r.span,
                });
            }
        }
    }

    /// The entity (its id given later, once all are sorted).
    fn finish(self, lex: &Lexicon, known: &[KnownEntity]) -> Entity {
        let EntityDraft { kinds, place_key, known: known_index, mut mentions, mut roles, titled, trimmed, .. } = self;
        let known = known_index.and_then(|k| known.get(k));
        // kind: the most specific evidence (a place key decides)
        let kinds: BTreeMap<EntityKind, usize> = kinds.into_iter().collect();
        let kind = kinds.iter().max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k))).map(|(k, _)| *k).unwrap_or(EntityKind::Person);
        let place_key = place_key.as_deref().map(str::to_string);
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for m in &mentions {
            *counts.entry(m.surface.trim().to_string()).or_default() += 1;
        }
        for (surface, t) in &titled {
            // "جلالة الملك عبدالله الثاني" and "الملك عبدالله الثاني"
            let words: Vec<&str> = t.split_whitespace().collect();
            for i in 0..words.len() {
                let titled = format!("{} {}", words[i..].join(" "), surface.trim());
                counts.entry(titled).or_default();
            }
        }
        mentions.sort_by(|a, b| a.document.cmp(&b.document).then(a.span.start.cmp(&b.span.start)));
        mentions.dedup();
        roles.sort();
        roles.dedup();
        // name: the place table's English name; else the longest Latin form, most frequent
        let name = place_key
            .as_ref()
            .and_then(|k| lex.place_names.get(k))
            .and_then(|names| names.get("en").or_else(|| names.values().next()).cloned())
            .unwrap_or_else(|| {
                let mut forms: Vec<(&String, &usize)> = counts.iter().filter(|(_, c)| **c > 0).collect();
                forms.sort_by(|a, b| {
                    let la = !a.0.chars().any(dossier_text::is_arabic_letter);
                    let lb = !b.0.chars().any(dossier_text::is_arabic_letter);
                    lb.cmp(&la)
                        .then(b.0.split_whitespace().count().cmp(&a.0.split_whitespace().count()))
                        .then(b.1.cmp(a.1))
                        .then(a.0.cmp(b.0))
                });
                forms.first().map(|f| f.0.clone()).unwrap_or_default()
            });
        for t in trimmed {
            counts.entry(t).or_default();
        }
        let mut aliases: Vec<String> = counts.keys().filter(|a| **a != name && !a.is_empty()).cloned().collect();
        aliases.sort();
        aliases.dedup();
        // a known entity gives its first name, its other names (in any script), its roles and its
        // Wikidata id
        let (name, mut aliases, mut roles) = (name, aliases, roles);
        let mut name = name;
        if let Some(k) = known {
            if let Some(first) = k.names.first() {
                if *first != name {
                    aliases.push(std::mem::replace(&mut name, first.clone()));
                }
            }
            aliases.extend(k.names.iter().skip(1).cloned());
            aliases.retain(|a| *a != name);
            aliases.sort();
            aliases.dedup();
            for r in &k.roles {
                roles.push(RoleRef {
                    title: r.title.as_str().into(),
                    organization: r.organization.as_deref().map(Arc::from),
                    country: None,
                    document: "knowledge".into(),
                    date: r.start.as_deref().map(Arc::from),
                    span: dossier_text::Span::default(),
                });
            }
            roles.sort();
            roles.dedup();
        }
        Entity { id: String::new(), kind, name, aliases, mentions, roles, key: place_key, wikidata: known.and_then(|k| k.wikidata.clone()) }
}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> Name {
        parse_name(s, lexicon())
    }

    #[test]
    fn names_across_scripts() {
        assert!(full_compatible(&name("David Fischer"), &name("دايفيد فيشر")));
        assert!(full_compatible(&name("Abdellatif Hammouchi"), &name("عبد اللطيف حموشي")));
        assert!(full_compatible(&name("Avril Haines"), &name("Avril Hainse")));
        assert!(full_compatible(&name("Abdulaziz bin Saud bin Naif"), &name("عبد العزيز بن سعود")));
        assert!(!full_compatible(&name("Abdellatif Hammouchi"), &name("Abdellatif Hammoud")));
        assert!(!full_compatible(&name("نهيان بن زايد آل نهيان"), &name("نهيان بن مبارك آل نهيان")));
        assert!(full_compatible(&name("Abdullah II"), &name("عبدالله الثاني")));
        assert!(full_compatible(&name("Mark Rutte"), &name("مارك روته توقيع مذكرة")));
        assert_eq!(arabic_overrun(&name("Mark Rutte"), &name("مارك روته توقيع مذكرة")), Some(2));
        assert!(full_compatible(&name("Iounous-Bek Evkourov"), &name("Lounous- bek Evkourov")));
    }

    /// An organisation written several times in a page is one group: its concept keys a set
    /// (sorted, each once, as the `BTreeSet` they were) and the sequence of one name shared
    /// by its mentions, not copied.
    #[test]
    fn a_page_organisation_holds_each_key_once_and_shares_its_sequences() {
        let page = dossier_page::Page::from_text("p", dossier_page::Markup::Text, "Security talks\n\nThe talks were held.\n");
        let article = dossier_article::extract(&page);
        let written = ["General Directorate of National Security", "National Security General Directorate", "General Directorate of National Security", "Federal Bureau of Investigation"];
        let mentions: Vec<crate::Mention> = written.iter().map(|w| crate::Mention::new(dossier_text::Span::default(), *w, EntityKind::Organization)).collect();
        let doc = LinkDoc::new(&article, mentions, &Interner::default());
        let groups = doc_groups(0, &doc, lexicon(), &ParsedNames::default(), &mut OrgWords::default());
        let with_keys: Vec<&OrgParts> = groups.iter().map(Group::org).filter(|o| !o.concept_keys.is_empty()).collect();
        assert_eq!(with_keys.len(), 2, "{groups:?}");
        let security = with_keys.iter().find(|o| o.concept_seqs.len() == 3).expect("the group written three times");
        assert_eq!(security.concept_keys.len(), 1, "one key for both orders of the words");
        assert!(security.concept_keys.windows(2).all(|w| w[0] < w[1]));
        let seqs = &security.concept_seqs;
        let shared = (0..seqs.len()).filter(|&a| (0..a).any(|b| Arc::ptr_eq(&seqs[a], &seqs[b]))).count();
        assert_eq!(shared, 1, "the name written twice gives one sequence, held twice");
        assert!(groups.iter().all(|g| g.kind != EntityKind::Organization || g.surfaces(std::slice::from_ref(&doc)).iter().all(|s| written.contains(s))));
    }

    /// A root stands for its own group's names until it joins a root with names, then for the
    /// longest of both (lower root first); either way two different full names stay apart.
    #[test]
    fn joined_roots_keep_different_people_apart() {
        let person = |written: &[&str]| Group {
            kind: EntityKind::Person,
            doc: 0,
            members: (0..written.len() as u32).collect(),
            parts: KindParts::Person(written.iter().map(|w| Arc::new(name(w))).collect()),
        };
        let place = Group { kind: EntityKind::Location, doc: 0, members: Box::new([0]), parts: KindParts::Place(Arc::from("cldr:MA")) };
        let groups = vec![person(&["Hammouchi"]), place, person(&["Hammouchi", "Abdellatif Hammouchi"]), person(&["Abdellatif Hammoud"]), person(&["A. Hammouchi"])];
        let mut dsu = Dsu::new(groups.len());
        // roots standing for their own names: none of two parts, or their group's
        assert!(!conflict(&mut dsu, &groups, 0, 3));
        assert!(conflict(&mut dsu, &groups, 2, 3));
        assert!(!conflict(&mut dsu, &groups, 2, 4));
        // a place joining keeps no list
        union(&mut dsu, &groups, 0, 1);
        assert!(dsu.tops.is_empty());
        union(&mut dsu, &groups, 1, 2);
        assert_eq!(dsu.top_slot[0], 0);
        assert_eq!(dsu.tops[0], vec![(2, 1)]);
        assert!(conflict(&mut dsu, &groups, 0, 3));
        assert!(!conflict(&mut dsu, &groups, 4, 0));
        // the freed list is used again: one list for the one root with names
        union(&mut dsu, &groups, 4, 2);
        assert_eq!(dsu.tops.len(), 1);
        assert_eq!(dsu.tops[dsu.top_slot[0] as usize], vec![(2, 1), (4, 0)]);
        assert!(conflict(&mut dsu, &groups, 3, 4));
        assert!(!conflict(&mut dsu, &groups, 2, 4), "one entity");
    }

    /// The shared neighbour lists are the lists `near` gives (but for the group itself), for
    /// every group: in small blocks, in a block over budget (representatives and the rest), and
    /// when the cache is full.
    #[test]
    fn shared_neighbours_are_the_neighbours() {
        let written = ["Abdellatif Hammouchi", "Abdellatif Hammoud", "Omar Hilale", "Nasser Bourita", "Karim Hammouchi"];
        let names: Vec<Name> = written.iter().map(|w| name(w)).collect();
        let n = PERSON_BLOCK_ALL_PAIRS + 300;
        let longest: Vec<Option<&Name>> = (0..n).map(|g| Some(&names[g % names.len()])).collect();
        // one block over budget with every group, small blocks by name, one block of a few
        let members = vec![
            (0..n as u32).collect(),
            (0..n as u32).filter(|g| *g as usize % names.len() == 0).collect(),
            (0..n as u32).filter(|g| *g as usize % names.len() == 1).collect(),
            vec![3, 8, 13],
        ];
        let blocks = PersonBlocks::new(members, |g| longest[g], n);
        for capacity in [NEAR_CACHE_ENTRIES, 0] {
            let mut cache = NearCache::default();
            let mut plain = Vec::new();
            for i in 0..n {
                blocks.near(i, &mut plain);
                let shared: Vec<u32> = blocks.near_shared(i, &mut cache).iter().copied().filter(|&j| j as usize != i).collect();
                assert_eq!(shared, plain, "group {i} (cache of {capacity})");
                if capacity == 0 {
                    cache = NearCache::default();
                }
            }
        }
    }
}
