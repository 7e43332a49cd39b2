//! The `[events]` section of every language file, folded once for matching.

use dossier_text::fold;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Default, Deserialize)]
struct TriggerRow {
    phrase: String,
    kind: String,
    #[serde(default)]
    before: Option<String>,
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    after_first: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct TopicRow {
    name: String,
    #[serde(default)]
    cues: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Section {
    #[serde(default)]
    triggers: Vec<TriggerRow>,
    #[serde(default)]
    clitics: Vec<String>,
    #[serde(default)]
    anaphora: Vec<String>,
    #[serde(default)]
    separators: Vec<String>,
    #[serde(default)]
    distinct: Vec<String>,
    #[serde(default)]
    planned: Vec<String>,
    #[serde(default)]
    negative: Vec<String>,
    #[serde(default)]
    locative: Vec<String>,
    #[serde(default)]
    locative_prefixes: Vec<String>,
    #[serde(default)]
    topics: Vec<TopicRow>,
    #[serde(default)]
    verb_first: bool,
    #[serde(default)]
    subject_cues: Vec<String>,
    #[serde(default)]
    venue_cues: Vec<String>,
    #[serde(default)]
    venue_heads: Vec<String>,
    #[serde(default)]
    venue_particles: Vec<String>,
    #[serde(default)]
    elisions: Vec<String>,
    #[serde(default)]
    venue_prepositions: Vec<String>,
    #[serde(default)]
    place_prepositions: Vec<String>,
    #[serde(default)]
    start_cues: Vec<String>,
    #[serde(default)]
    continuation: Vec<String>,
}

/// What kind of occasion a trigger names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Receive,
    Visit,
    Meet,
    Talks,
    Phone,
    Sign,
    /// Presence at an occasion told elsewhere in the clause ("in the presence of").
    Attend,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "receive" => Kind::Receive,
            "visit" => Kind::Visit,
            "meet" => Kind::Meet,
            "talks" => Kind::Talks,
            "phone" => Kind::Phone,
            "sign" => Kind::Sign,
            "attend" => Kind::Attend,
            _ => return None,
        })
    }
    pub fn name(self) -> &'static str {
        match self {
            Kind::Receive => "receive",
            Kind::Visit => "visit",
            Kind::Meet => "meeting",
            Kind::Talks => "talks",
            Kind::Phone => "phone call",
            Kind::Sign => "signing",
            Kind::Attend => "meeting",
        }
    }
    /// Signings are told apart from meetings: a clause about a signing does not continue a
    /// meeting told before it, nor the reverse, unless it refers back or names the same people.
    pub fn family(self) -> u8 {
        match self {
            Kind::Sign => 1,
            Kind::Attend => 2,
            _ => 0,
        }
    }
    /// Which kind names an occasion best when several triggers tell it.
    pub fn rank(self) -> u8 {
        match self {
            Kind::Sign => 6,
            Kind::Receive => 5,
            Kind::Visit => 4,
            Kind::Phone => 3,
            Kind::Talks => 2,
            Kind::Meet => 1,
            Kind::Attend => 0,
        }
    }
}

/// Where each list is in `Lexicon::sentence_needles`' phrases.
#[derive(Debug, Clone, Default)]
pub struct SentenceLists {
    pub triggers: std::ops::Range<usize>,
    pub negative: std::ops::Range<usize>,
    pub anaphora: std::ops::Range<usize>,
    pub separators: std::ops::Range<usize>,
    pub distinct: std::ops::Range<usize>,
    pub planned: std::ops::Range<usize>,
    pub subject_cues: std::ops::Range<usize>,
    pub venue_cues: std::ops::Range<usize>,
    pub continuation: std::ops::Range<usize>,
    /// Every topic's cues, as in `topic_needles`.
    pub topics: std::ops::Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Trigger {
    /// Folded phrase (without a final "*").
    pub folded: String,
    pub prefix: bool,
    pub kind: Kind,
    pub before: String,
    pub after: String,
    pub after_first: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Topic {
    pub name: String,
    pub cues: Vec<String>,
}

/// One language's event words, folded.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub triggers: Vec<Trigger>,
    pub clitics: Vec<String>,
    pub anaphora: Vec<String>,
    pub separators: Vec<String>,
    pub distinct: Vec<String>,
    pub planned: Vec<String>,
    pub negative: Vec<String>,
    pub locative: Vec<String>,
    pub locative_prefixes: Vec<String>,
    pub topics: Vec<Topic>,
    /// A clause told only by words that refer back ("the meeting between X and Y") reads as a
    /// meeting.
    pub anaphora_trigger: Trigger,
    /// The verb usually comes before its subject.
    pub verb_first: bool,
    /// Words after which a clause tells what was discussed: places named after them are the
    /// subject matter, not where the occasion was.
    pub subject_cues: Vec<String>,
    /// Words that announce where the occasion took place ("qui a eu lieu", "held at").
    pub venue_cues: Vec<String>,
    /// Words that head a venue's name ("قصر" palace): the name follows them.
    pub venue_heads: Vec<String>,
    /// Small words inside a venue's name ("Palais de Carthage").
    pub venue_particles: Vec<String>,
    /// Elided articles glued to a name ("l'Élysée").
    pub elisions: Vec<String>,
    /// Prepositions before a venue's name ("à", "at the").
    pub venue_prepositions: Vec<String>,
    /// Prepositions that introduce places and never people ("in"): a name after one, with no
    /// title or role, is a place the names stage took for a person.
    pub place_prepositions: Vec<String>,
    /// Words before a date that make it the start of a wider occasion ("which began"): not the
    /// date of the occasion the clause tells.
    pub start_cues: Vec<String>,
    /// Words that say a sentence's subject went on with the occasion told before ("a
    /// poursuivi son programme"): the subject is the occasion's, its day one more of it.
    pub continuation: Vec<String>,
    /// Prefilters over the lists searched in every sentence (built by `indexed`).
    pub anaphora_needles: crate::needles::Needles,
    pub planned_needles: crate::needles::Needles,
    pub subject_needles: crate::needles::Needles,
    pub venue_needles: crate::needles::Needles,
    /// Over every topic's cues, one topic after another (`topic_cue_ranges` tells whose).
    pub topic_needles: crate::needles::Needles,
    pub topic_cue_ranges: Vec<std::ops::Range<usize>>,
    /// Over every list a sentence is asked about, one list after another (`sentence_lists`
    /// tells where each is): one scan of a sentence answers for all of them.
    pub sentence_needles: crate::needles::Needles,
    pub sentence_lists: SentenceLists,
}

fn anaphora_trigger() -> Trigger {
    Trigger { folded: String::new(), prefix: false, kind: Kind::Meet, before: "participant".into(), after: "participant".into(), after_first: None }
}

impl Default for Trigger {
    fn default() -> Self {
        anaphora_trigger()
    }
}

fn folded_list(v: &[String]) -> Vec<String> {
    let mut out: Vec<String> = v.iter().map(|s| fold(s.trim())).filter(|s| !s.is_empty()).collect();
    out.sort();
    out.dedup();
    out
}

impl Lexicon {
    fn from_section(s: &Section) -> Lexicon {
        let mut triggers = Vec::new();
        for row in &s.triggers {
            let Some(kind) = Kind::parse(row.kind.trim()) else { continue };
            let phrase = row.phrase.trim();
            let (phrase, prefix) = match phrase.strip_suffix('*') {
                Some(p) => (p, true),
                None => (phrase, false),
            };
            let folded = fold(phrase);
            if folded.is_empty() {
                continue;
            }
            triggers.push(Trigger {
                folded,
                prefix,
                kind,
                before: row.before.clone().unwrap_or_else(|| "participant".into()),
                after: row.after.clone().unwrap_or_else(|| "participant".into()),
                after_first: row.after_first.clone(),
            });
        }
        // Longest phrases first, so "a été reçu" wins over "reçu".
        triggers.sort_by(|a, b| b.folded.len().cmp(&a.folded.len()).then(a.folded.cmp(&b.folded)));
        Lexicon {
            triggers,
            clitics: folded_list(&s.clitics),
            anaphora: folded_list(&s.anaphora),
            separators: folded_list(&s.separators),
            distinct: folded_list(&s.distinct),
            planned: folded_list(&s.planned),
            negative: folded_list(&s.negative),
            locative: folded_list(&s.locative),
            locative_prefixes: folded_list(&s.locative_prefixes),
            topics: s.topics.iter().map(|t| Topic { name: t.name.clone(), cues: folded_list(&t.cues) }).collect(),
            anaphora_trigger: anaphora_trigger(),
            verb_first: s.verb_first,
            subject_cues: folded_list(&s.subject_cues),
            venue_cues: folded_list(&s.venue_cues),
            venue_heads: folded_list(&s.venue_heads),
            venue_particles: folded_list(&s.venue_particles),
            elisions: folded_list(&s.elisions),
            venue_prepositions: folded_list(&s.venue_prepositions),
            place_prepositions: folded_list(&s.place_prepositions),
            start_cues: folded_list(&s.start_cues),
            continuation: folded_list(&s.continuation),
            ..Lexicon::default()
        }
    }

    /// The lexicon with its prefilters built.
    fn indexed(mut self) -> Lexicon {
        use crate::needles::Needles;
        self.anaphora_needles = Needles::of(&self.anaphora);
        self.planned_needles = Needles::of(&self.planned);
        self.subject_needles = Needles::of(&self.subject_cues);
        self.venue_needles = Needles::of(&self.venue_cues);
        self.topic_needles = Needles::new(self.topics.iter().flat_map(|t| t.cues.iter().map(String::as_str)));
        let mut start = 0;
        self.topic_cue_ranges = self
            .topics
            .iter()
            .map(|t| {
                start += t.cues.len();
                start - t.cues.len()..start
            })
            .collect();
        fn add<'a>(phrases: &mut Vec<&'a str>, list: impl IntoIterator<Item = &'a str>) -> std::ops::Range<usize> {
            let start = phrases.len();
            phrases.extend(list);
            start..phrases.len()
        }
        let mut phrases: Vec<&str> = Vec::new();
        let p = &mut phrases;
        fn strs(v: &[String]) -> impl Iterator<Item = &str> {
            v.iter().map(String::as_str)
        }
        let lists = SentenceLists {
            triggers: add(p, self.triggers.iter().map(|t| t.folded.as_str())),
            negative: add(p, strs(&self.negative)),
            anaphora: add(p, strs(&self.anaphora)),
            separators: add(p, strs(&self.separators)),
            distinct: add(p, strs(&self.distinct)),
            planned: add(p, strs(&self.planned)),
            subject_cues: add(p, strs(&self.subject_cues)),
            venue_cues: add(p, strs(&self.venue_cues)),
            continuation: add(p, strs(&self.continuation)),
            topics: add(p, self.topics.iter().flat_map(|t| t.cues.iter().map(String::as_str))),
        };
        let needles = Needles::new(phrases);
        self.sentence_needles = needles;
        self.sentence_lists = lists;
        self
    }

    /// Every list of cue phrases, in one fixed order (`cue_lists_mut` gives the same order).
    fn cue_lists(&self) -> [&Vec<String>; 17] {
        [
            &self.clitics, &self.anaphora, &self.separators, &self.distinct, &self.planned, &self.negative,
            &self.locative, &self.locative_prefixes, &self.subject_cues, &self.venue_cues, &self.venue_heads,
            &self.venue_particles, &self.elisions, &self.venue_prepositions, &self.place_prepositions,
            &self.start_cues, &self.continuation,
        ]
    }

    fn cue_lists_mut(&mut self) -> [&mut Vec<String>; 17] {
        [
            &mut self.clitics, &mut self.anaphora, &mut self.separators, &mut self.distinct, &mut self.planned,
            &mut self.negative, &mut self.locative, &mut self.locative_prefixes, &mut self.subject_cues,
            &mut self.venue_cues, &mut self.venue_heads, &mut self.venue_particles, &mut self.elisions,
            &mut self.venue_prepositions, &mut self.place_prepositions, &mut self.start_cues, &mut self.continuation,
        ]
    }

    /// All languages' words together, for text whose language is not known.
    fn union(all: &BTreeMap<String, Lexicon>) -> Lexicon {
        let mut u = Lexicon::default();
        let mut topics: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for lx in all.values() {
            u.triggers.extend(lx.triggers.iter().cloned());
            for (into, from) in u.cue_lists_mut().into_iter().zip(lx.cue_lists()) {
                into.extend(from.iter().cloned());
            }
            for t in &lx.topics {
                topics.entry(t.name.clone()).or_default().extend(t.cues.iter().cloned());
            }
        }
        u.triggers.sort_by(|a, b| b.folded.len().cmp(&a.folded.len()).then(a.folded.cmp(&b.folded)));
        for v in u.cue_lists_mut() {
            v.sort();
            v.dedup();
        }
        u.topics = topics.into_iter().map(|(name, mut cues)| {
            cues.sort();
            cues.dedup();
            Topic { name, cues }
        }).collect();
        u
    }
}

struct Registry {
    by_lang: BTreeMap<String, Lexicon>,
}

fn registry() -> &'static Registry {
    static REG: OnceLock<Registry> = OnceLock::new();
    REG.get_or_init(|| {
        let (sections, _errors) = dossier_lang::load_section::<Section>("events");
        let by_lang: BTreeMap<String, Lexicon> =
            sections.iter().map(|(l, s)| (l.code().to_string(), Lexicon::from_section(s).indexed())).collect();
        Registry { by_lang }
    })
}

/// Every language's words together, built on first need (its prefilters cost as much to build
/// as all the languages' own, and most corpora have no page of unknown language).
fn union() -> &'static Lexicon {
    static UNION: OnceLock<Lexicon> = OnceLock::new();
    UNION.get_or_init(|| Lexicon::union(&registry().by_lang).indexed())
}

/// The lexicon of language `code`, or of every language together when it is not known.
pub fn lexicon(code: &str) -> &'static Lexicon {
    let reg = registry();
    match reg.by_lang.get(code) {
        Some(l) if !l.triggers.is_empty() => l,
        _ => union(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_lists_are_sorted_without_repeats() {
        // venue.rs searches them by bisection
        let reg = registry();
        for lx in reg.by_lang.values().chain([union()]) {
            for list in lx.cue_lists() {
                assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
            }
        }
    }

    #[test]
    fn every_language_has_triggers() {
        for code in ["ar", "en", "es", "fr"] {
            let lx = lexicon(code);
            assert!(lx.triggers.len() > 10, "{code}");
            assert!(!lx.topics.is_empty(), "{code}");
        }
    }
}
