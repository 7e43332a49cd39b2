//! One event per occasion across documents: clustering candidates, unifying what they say,
//! keeping every claim where they disagree.

use crate::find::{same_name, PreparedName};
use crate::{Candidate, Claim, Conflict, Event, Participant, Plover, Source};
use dossier_names::Entity;
use dossier_text::{fold, fold_into, Span};
use dossier_time::Date;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;



/// Bound on pairwise comparisons.
/// Candidates compared are those that share a key (an entity, a name, a word of a name):
/// `shared` is never positive for two candidates without one. Within one key's block, dated
/// candidates are compared only when their dates overlap. A block that would still need more
/// comparisons than this (one name on a great many pages of the same days) compares each
/// candidate with its `NEIGHBOURS` nearest in date order only, so time stays bounded.
const BLOCK_PAIR_BUDGET: usize = 200_000;
const NEIGHBOURS: usize = 64;
/// Probes of one great block given to one thread at a time (each has ~128 neighbours).
const NEAREST_PROBES_PER_TASK: usize = 256;

/// Clustered candidates moved out and built into events at a time, at most (whole clusters,
/// at least one): moved out, a candidate is copied (~300 bytes besides its strings) while
/// its place in the input is left empty, and clusters are skewed — the first 512 clusters
/// (the least roots: those of the great clusters) held most candidates at 100,000 pages.
const MEMBERS_PER_CHUNK: usize = 4_096;

/// A date value as an interval of days.
pub(crate) fn interval(value: &str) -> Option<(Date, Date)> {
    fn point(s: &str, end: bool) -> Option<Date> {
        let s = s.trim();
        let mut parts = s.splitn(3, '-');
        let y: i16 = parts.next()?.get(..4)?.parse().ok()?;
        match (parts.next(), parts.next()) {
            (None, _) => Date::new(y, if end { 12 } else { 1 }, if end { 31 } else { 1 }).ok(),
            (Some(m), None) => {
                let m: i8 = m.get(..2)?.parse().ok()?;
                let first = Date::new(y, m, 1).ok()?;
                Some(if end { first.last_of_month() } else { first })
            }
            (Some(m), Some(d)) => Date::new(y, m.get(..2)?.parse().ok()?, d.get(..2)?.parse().ok()?).ok(),
        }
    }
    match value.split_once('/') {
        Some((a, b)) => {
            let (lo, hi) = (point(a, false)?, point(b, true)?);
            (lo <= hi).then_some((lo, hi))
        }
        None => Some((point(value, false)?, point(value, true)?)),
    }
}

fn overlap(a: (Date, Date), b: (Date, Date)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

fn contains(a: (Date, Date), b: (Date, Date)) -> bool {
    a.0 <= b.0 && b.1 <= a.1
}

/// A candidate's participants' names and its place, trimmed and folded once: the index is
/// asked with them and the keys are made of them.
struct Folded {
    names: Vec<String>,
    place: Option<String>,
}

impl Folded {
    fn new(c: &Candidate) -> Folded {
        Folded { names: c.participants.iter().map(|p| fold(p.name.trim())).collect(), place: c.location.as_deref().map(|l| fold(l.trim())) }
    }
}

/// What merging reads of an entity besides its mentions.
struct Named {
    id: String,
    name: String,
}

/// A name's entity among all entities' names and aliases.
#[derive(Clone, Copy)]
enum NameOwner {
    One(usize),
    /// Entities of different ids bear it.
    Ambiguous,
}

/// What merging reads of the entities (`merge_without_evidence`), made once from them so that
/// they can be stored and freed before the candidates are read (they are most of what a build
/// holds then): lookups by mention, by surface in a document and by any name or alias, and
/// each entity's id and name. Entities are named by their position in the list given.
pub struct EntityIndex {
    named: Vec<Named>,
    lookups: Lookups,
}

/// An `EntityIndex`'s lookups, answering with entities' positions.
struct Lookups {
    /// every mention's document → its number in `spans` and `surfaces`
    documents: HashMap<Arc<str>, u32>,
    /// (document, start, end, the last entity mentioned there), sorted, one per mention place
    /// (a body's offsets fit 32 bits; a mention past them is never asked for)
    spans: Vec<[u32; 4]>,
    /// every mention's surface, trimmed and folded → its number
    surface_ids: HashMap<Box<str>, u32>,
    /// (document, surface, the first entity with that mention there), sorted, one per pair
    surfaces: Vec<[u32; 3]>,
    /// every entity's folded name and aliases → the first entity bearing it, or `Ambiguous`
    /// when entities of different ids do (few: one or two per entity).
    by_name: HashMap<String, NameOwner>,
}

impl EntityIndex {
    pub fn new(entities: &[Entity]) -> EntityIndex {
        let named = entities.iter().map(|e| Named { id: e.id.clone(), name: e.name.clone() }).collect();
        let mentions: usize = entities.iter().map(|e| e.mentions.len()).sum();
        let mut documents: HashMap<Arc<str>, u32> = HashMap::new();
        let mut surface_ids: HashMap<Box<str>, u32> = HashMap::new();
        let (mut spans, mut surfaces) = (Vec::with_capacity(mentions), Vec::with_capacity(mentions));
        let mut surface = String::new();
        // sequential: the numbers are handed out in order (the lists are sorted below)
        for (at, e) in entities.iter().enumerate() {
            let Ok(at) = u32::try_from(at) else { break };
            // an entity's mentions come document by document: each document looked up once
            let mut last: Option<(&str, u32)> = None;
            for m in &e.mentions {
                let doc = match last {
                    Some((doc, id)) if doc == &*m.document => id,
                    _ => {
                        let next = documents.len() as u32;
                        let id = *documents.entry(m.document.clone()).or_insert(next);
                        last = Some((&*m.document, id));
                        id
                    }
                };
                if let (Ok(start), Ok(end)) = (u32::try_from(m.span.start), u32::try_from(m.span.end)) {
                    spans.push([doc, start, end, at]);
                }
                surface.clear();
                fold_into(m.surface.trim(), &mut surface);
                let id = match surface_ids.get(surface.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = surface_ids.len() as u32;
                        surface_ids.insert(surface.as_str().into(), id);
                        id
                    }
                };
                surfaces.push([doc, id, at]);
            }
        }
        // a place's answer is its last entity (the greatest), a surface's its first (the least)
        spans.par_sort_unstable_by(|a, b| (a[0], a[1], a[2], std::cmp::Reverse(a[3])).cmp(&(b[0], b[1], b[2], std::cmp::Reverse(b[3]))));
        spans.dedup_by(|later, first| later[..3] == first[..3]);
        spans.shrink_to_fit();
        surfaces.par_sort_unstable();
        surfaces.dedup_by(|later, first| later[..2] == first[..2]);
        surfaces.shrink_to_fit();
        // few names (entities' names and aliases), in entity order: sequential
        let mut by_name: HashMap<String, NameOwner> = HashMap::new();
        let mut name = String::new();
        for (at, e) in entities.iter().enumerate() {
            for n in std::iter::once(&e.name).chain(e.aliases.iter()) {
                name.clear();
                fold_into(n.trim(), &mut name);
                if name.is_empty() {
                    continue;
                }
                match by_name.get_mut(name.as_str()) {
                    None => {
                        by_name.insert(name.clone(), NameOwner::One(at));
                    }
                    Some(owner) => {
                        if let NameOwner::One(first) = *owner {
                            if entities[first].id != e.id {
                                *owner = NameOwner::Ambiguous;
                            }
                        }
                    }
                }
            }
        }
        EntityIndex { named, lookups: Lookups { documents, spans, surface_ids, surfaces, by_name } }
    }
}

impl Lookups {
    fn by_surface(&self, doc: &str, folded: &str) -> Option<usize> {
        let key = [*self.documents.get(doc)?, *self.surface_ids.get(folded)?];
        let at = self.surfaces.binary_search_by(|s| s[..2].cmp(&key)).ok()?;
        Some(self.surfaces[at][2] as usize)
    }

    /// The last entity mentioned at `span` of `doc`.
    fn by_span(&self, doc: &str, span: (usize, usize)) -> Option<usize> {
        let key = [*self.documents.get(doc)?, u32::try_from(span.0).ok()?, u32::try_from(span.1).ok()?];
        let at = self.spans.binary_search_by(|s| s[..3].cmp(&key)).ok()?;
        Some(self.spans[at][3] as usize)
    }

    fn by_name(&self, folded: &str) -> Option<usize> {
        match self.by_name.get(folded)? {
            NameOwner::One(at) => Some(*at),
            NameOwner::Ambiguous => None,
        }
    }

    /// A participant's entity: by its span, else by its name in its document, else by its
    /// name anywhere (`folded`: its name trimmed and folded).
    fn lookup(&self, doc: &str, p: &Participant, folded: &str) -> Option<usize> {
        p.span.and_then(|sp| self.by_span(doc, (sp.start, sp.end))).or_else(|| self.place(doc, folded))
    }

    /// A place's entity, or any name's: by its name in its document, else anywhere (`folded`:
    /// the name as written, trimmed and folded).
    fn place(&self, doc: &str, folded: &str) -> Option<usize> {
        self.by_surface(doc, folded).or_else(|| self.by_name(folded))
    }

}

/// A candidate prepared for clustering.
struct Prep<'c, 'e, 'n> {
    c: &'c Candidate,
    keys: Vec<String>,
    /// `keys` interned (equal keys, equal ids; for comparing many pairs).
    key_ids: Vec<u32>,
    /// Each participant's entity, when known (its id and canonical name).
    entities: Vec<Option<&'e Named>>,
    /// Participants' names, prepared once per distinct name.
    names: Vec<&'n Name>,
    interval: Option<(Date, Date)>,
    /// A bare weekday's guessed date: only its weekday counts.
    weak_day: Option<Date>,
    place_key: Option<String>,
    /// Participants that name a place some page names as where an occasion was (a place the
    /// names stage took for a person): not counted.
    dropped: Vec<bool>,
}

/// A candidate's participants' keys (an entity's id, else the folded name) and entities, and
/// its place's key.
struct LookedUp<'e> {
    keys: Vec<String>,
    entities: Vec<Option<&'e Named>>,
    place_key: Option<String>,
}

/// What building an event reads of a clustered candidate besides the candidate itself (its
/// `Prep` without what only clustering read, which is freed before the events are built).
struct Judged<'e> {
    keys: Vec<String>,
    entities: Vec<Option<&'e Named>>,
    interval: Option<(Date, Date)>,
    place_key: Option<String>,
    dropped: Vec<bool>,
}

impl<'e> From<Prep<'_, 'e, '_>> for Judged<'e> {
    fn from(p: Prep<'_, 'e, '_>) -> Self {
        Judged { keys: p.keys, entities: p.entities, interval: p.interval, place_key: p.place_key, dropped: p.dropped }
    }
}

/// A clustered candidate, owned: building its event moves its strings into the event.
struct Member<'e> {
    c: Candidate,
    judged: Judged<'e>,
}

/// A participant's name folded once, to compare, and its blocking keys as ids.
struct Name {
    prepared: PreparedName,
    keys: Vec<u32>,
}

fn shared(a: &Prep, b: &Prep) -> usize {
    let mut n = 0;
    for (i, ka) in a.key_ids.iter().enumerate() {
        if a.dropped[i] {
            continue;
        }
        let hit = b.key_ids.iter().enumerate().any(|(j, kb)| {
            !b.dropped[j] && (ka == kb || (a.entities[i].is_none() || b.entities[j].is_none()) && a.names[i].prepared.same(&b.names[j].prepared))
        });
        if hit {
            n += 1;
        }
    }
    n
}

fn places_agree(a: &Prep, b: &Prep, shared_people: usize) -> bool {
    let (Some(ka), Some(kb)) = (&a.place_key, &b.place_key) else { return true };
    // a page that took the place for a person still names it
    let named_by = |p: &Prep, k: &str| p.keys.iter().zip(&p.dropped).any(|(x, &d)| d && x == k);
    if ka == kb || named_by(a, kb) || named_by(b, ka) || ka.contains(kb.as_str()) || kb.contains(ka.as_str()) {
        return true;
    }
    if a.c.location_kind != b.c.location_kind {
        return true; // a city and a country: the city may be in it
    }
    shared_people >= 2
}

/// Candidates by the keys `shared` can match on. A participant's own key (its entity, or its
/// folded name) matches only the same key; a name's words match when one of the two
/// participants has no entity (`same_name`), so those blocks keep apart the members that have
/// none ("probes"): a pair from a word block needs at least one probe. Member lists are held
/// in `lists` and named by their index there.
struct Blocks {
    lists: Vec<Vec<usize>>,
    /// by key id
    by_key: HashMap<u32, usize>,
    /// by name key id: (all members, probes)
    by_word: HashMap<u32, (usize, usize)>,
}

impl Blocks {
    fn new(preps: &[Prep]) -> Blocks {
        let mut lists: Vec<Vec<usize>> = Vec::new();
        let mut by_key: HashMap<u32, usize> = HashMap::new();
        let mut by_word: HashMap<u32, (usize, usize)> = HashMap::new();
        let new_list = |lists: &mut Vec<Vec<usize>>| {
            lists.push(Vec::new());
            lists.len() - 1
        };
        for (i, p) in preps.iter().enumerate() {
            for k in 0..p.keys.len() {
                if p.dropped[k] {
                    continue;
                }
                let l = match by_key.get(&p.key_ids[k]) {
                    Some(&l) => l,
                    None => {
                        let l = new_list(&mut lists);
                        by_key.insert(p.key_ids[k], l);
                        l
                    }
                };
                lists[l].push(i);
                for w in p.names[k].keys.iter() {
                    let (all, probes) = match by_word.get(w) {
                        Some(&e) => e,
                        None => {
                            let e = (new_list(&mut lists), new_list(&mut lists));
                            by_word.insert(*w, e);
                            e
                        }
                    };
                    lists[all].push(i);
                    if p.entities[k].is_none() {
                        lists[probes].push(i);
                    }
                }
            }
        }
        for v in &mut lists {
            v.dedup();
        }
        Blocks { lists, by_key, by_word }
    }

    /// Calls `f` with the pairs (i < j) of candidates that share a block, all dated (`dated`)
    /// or all undated, a block at a time (a pair in two blocks comes twice): the pairs are
    /// never all held at once. Blocks are taken in parallel, in no set order.
    fn each_pair(&self, preps: &[Prep], dated: bool, f: impl Fn(usize, usize) + Sync) {
        let keep = |l: usize| -> Vec<usize> { self.lists[l].iter().copied().filter(|&i| preps[i].interval.is_some() == dated).collect() };
        // (all members, probes): a key's block is all probes
        let blocks: Vec<(usize, usize)> = self.by_key.values().map(|&l| (l, l)).chain(self.by_word.values().copied()).collect();
        blocks.par_iter().for_each_init(Vec::new, |out, &(all, probes)| {
            let p = keep(probes);
            if p.is_empty() {
                return;
            }
            out.clear();
            if all == probes {
                block_pairs(preps, &p, &p, dated, out, &f);
            } else {
                block_pairs(preps, &keep(all), &p, dated, out, &f);
            }
            out.iter().for_each(|&(i, j)| f(i, j));
        });
    }

    /// The lists holding every candidate that shares a block with `i` (the pairs `each_pair`
    /// could give it); a list may come more than once.
    fn partner_lists<'a>(&'a self, preps: &'a [Prep], i: usize) -> impl Iterator<Item = usize> + 'a {
        let p = &preps[i];
        let own = (0..p.keys.len()).filter(move |&k| !p.dropped[k]);
        let strong = own.clone().filter_map(move |k| self.by_key.get(&p.key_ids[k]).copied());
        let loose = own.flat_map(move |k| {
            let probe = p.entities[k].is_none();
            p.names[k].keys.iter().filter_map(move |w| self.by_word.get(w).map(|&(all, probes)| if probe { all } else { probes }))
        });
        strong.chain(loose)
    }
}

/// Pairs of `members` with at least one of `probes` (a subset), dated ones only when their
/// dates overlap; within `BLOCK_PAIR_BUDGET` comparisons (left in `out`), else each candidate
/// with its nearest `NEIGHBOURS` in date order (given to `f` at once: they are millions in a
/// great block, and `out` is cleared).
fn block_pairs(preps: &[Prep], members: &[usize], probes: &[usize], dated: bool, out: &mut Vec<(usize, usize)>, f: &(dyn Fn(usize, usize) + Sync)) {
    if members.len() < 2 {
        return;
    }
    let mut sorted = members.to_vec();
    if dated {
        sorted.sort_by_key(|&i| (preps[i].interval.map(|iv| iv.0), i));
    }
    let overlapping = |i: usize, j: usize| match (preps[i].interval, preps[j].interval) {
        (Some(a), Some(b)) => overlap(a, b),
        _ => !dated,
    };
    let starts_after = |j: usize, i: usize| dated && matches!((preps[j].interval, preps[i].interval), (Some(b), Some(a)) if b.0 > a.1);
    let start = out.len();
    if probes.len() == members.len() {
        // every member is a probe: a sweep in date order
        let mut budget = BLOCK_PAIR_BUDGET;
        for (x, &i) in sorted.iter().enumerate() {
            for &j in &sorted[x + 1..] {
                if starts_after(j, i) {
                    break; // sorted by start: nothing later overlaps i
                }
                out.push((i.min(j), i.max(j)));
                budget -= 1;
                if budget == 0 {
                    return nearest_pairs(&sorted, &sorted, &overlapping, out, start, f);
                }
            }
        }
    } else {
        // few probes among many: each probe against the block
        let mut budget = BLOCK_PAIR_BUDGET;
        for &i in probes {
            for &j in &sorted {
                if starts_after(j, i) {
                    break;
                }
                budget -= 1;
                if budget == 0 {
                    return nearest_pairs(&sorted, probes, &overlapping, out, start, f);
                }
                if j != i && overlapping(i, j) {
                    out.push((i.min(j), i.max(j)));
                }
            }
        }
    }
}

/// The bounded fallback of `block_pairs`: drops what it added to `out` since `start` and gives
/// `f` each probe paired with the `NEIGHBOURS` members nearest to it in `sorted` on either
/// side, probes in parallel (one great block would otherwise keep one thread busy alone).
fn nearest_pairs(
    sorted: &[usize],
    probes: &[usize],
    overlapping: &(dyn Fn(usize, usize) -> bool + Sync),
    out: &mut Vec<(usize, usize)>,
    start: usize,
    f: &(dyn Fn(usize, usize) + Sync),
) {
    out.truncate(start);
    let position: HashMap<usize, usize> = sorted.iter().enumerate().map(|(x, &i)| (i, x)).collect();
    probes.par_iter().with_min_len(NEAREST_PROBES_PER_TASK).for_each(|&i| {
        let Some(&x) = position.get(&i) else { return };
        let window = &sorted[x.saturating_sub(NEIGHBOURS)..(x + NEIGHBOURS + 1).min(sorted.len())];
        for &j in window {
            if j != i && overlapping(i, j) {
                f(i.min(j), i.max(j));
            }
        }
    });
}

/// Union-find over candidates, shared by the threads that judge pairs. A set's root is its
/// least member (links always go to a lower index), so the sets and their roots do not depend
/// on the order in which unions are made.
struct Dsu(Vec<AtomicUsize>);

impl Dsu {
    fn new(n: usize) -> Dsu {
        Dsu((0..n).map(AtomicUsize::new).collect())
    }

    fn find(&self, mut x: usize) -> usize {
        loop {
            let parent = self.0[x].load(Ordering::Acquire);
            if parent == x {
                return x;
            }
            let grandparent = self.0[parent].load(Ordering::Acquire);
            if grandparent != parent {
                // path halving; if another thread moved the link meanwhile, it too points lower
                let _ = self.0[x].compare_exchange(parent, grandparent, Ordering::AcqRel, Ordering::Acquire);
            }
            x = grandparent;
        }
    }

    fn union(&self, a: usize, b: usize) {
        loop {
            let (ra, rb) = (self.find(a), self.find(b));
            if ra == rb {
                return;
            }
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            // fails when another thread linked `hi` meanwhile: find the roots again
            if self.0[hi].compare_exchange(hi, lo, Ordering::AcqRel, Ordering::Acquire).is_ok() {
                return;
            }
        }
    }
}

/// `key`'s number in `ids`: the next one when it is new (equal keys, equal numbers).
fn intern<K: Eq + std::hash::Hash>(ids: &mut HashMap<K, u32>, key: K) -> u32 {
    let next = ids.len() as u32;
    *ids.entry(key).or_insert(next)
}

/// FNV-1a, 64 bits: stable ids.
fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for &b in p.as_bytes().iter().chain(&[0xff]) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

/// `merge_owned` for candidates the caller keeps: they are copied.
pub fn merge<'c>(candidates: impl IntoIterator<Item = &'c Candidate>, entities: &[Entity]) -> Vec<Event> {
    merge_owned(vec![candidates.into_iter().cloned().collect()], entities)
}

/// Events of `candidates` (grouped as the caller holds them, by document): clustered while
/// borrowed, then each cluster's candidates moved out and their strings moved into its event.
pub fn merge_owned(candidates: Vec<Vec<Candidate>>, entities: &[Entity]) -> Vec<Event> {
    merge_sources(candidates, EntityIndex::new(entities), Evidence::FromCandidates).into_iter().map(|e| e.event).collect()
}

/// `merge_owned` without the sources' evidence and over the entities' index (`EntityIndex`:
/// the entities need not be held). The candidates' evidence is not read (it may have been
/// cleared by `forget_evidence`), and each event says how its sources' evidence is made from
/// their documents' bodies (`EventWithoutEvidence::with_evidence`): the evidence is most of
/// what events hold, and the bodies are stored.
pub fn merge_without_evidence(candidates: Vec<Vec<Candidate>>, entities: EntityIndex) -> Vec<EventWithoutEvidence> {
    merge_sources(candidates, entities, Evidence::Later)
}

/// Where the sources' evidence comes from when events are built.
#[derive(Clone, Copy, PartialEq)]
enum Evidence {
    /// Moved out of the candidates.
    FromCandidates,
    /// Made later from the documents' bodies: left empty.
    Later,
}

/// An event whose sources' evidence is still to be made from their documents' bodies.
pub struct EventWithoutEvidence {
    event: Event,
    /// For each source, its members' evidence spans in the order they were merged; empty when
    /// that is one member whose spans are the source's.
    member_spans: Vec<Vec<Vec<Span>>>,
}

impl EventWithoutEvidence {
    /// The event, its sources' evidence empty.
    pub fn event(&self) -> &Event {
        &self.event
    }

    /// The event with each source's evidence made from its document's body (`body_of`; no
    /// body, no evidence): the same as `merge_owned` gives from the candidates' evidence.
    pub fn with_evidence<'b>(mut self, body_of: impl Fn(&str) -> Option<&'b str>) -> Event {
        for (source, members) in self.event.sources.iter_mut().zip(self.member_spans) {
            let body = body_of(&source.document).unwrap_or("");
            source.evidence = if members.is_empty() {
                source_evidence([(&source.spans[..], crate::evidence_of(body, &source.spans))])
            } else {
                source_evidence(members.iter().map(|spans| (&spans[..], crate::evidence_of(body, spans))))
            };
        }
        self.event
    }
}

/// Clears one document's candidates' evidence (see `merge_without_evidence`) except where
/// merging orders candidates by it.
pub fn forget_evidence(candidates: &mut [Candidate]) {
    let kept = ordered_by_evidence(candidates);
    for (c, keep) in candidates.iter_mut().zip(kept) {
        if !keep {
            c.evidence = String::new();
        }
    }
}

/// Gives one document's candidates read without their evidence (`CandidatesToMerge`) the
/// evidence merging orders them by, from the document's `body`: where `forget_evidence` keeps it.
pub fn evidence_where_it_orders(candidates: &mut [Candidate], body: &str) {
    let needed = ordered_by_evidence(candidates);
    for (c, needed) in candidates.iter_mut().zip(needed) {
        if needed {
            c.evidence = crate::evidence_of(body, &c.spans);
        }
    }
}

/// Which of one document's candidates merging orders by their evidence: those whose first
/// spans start together but whose spans differ (their evidence differs; with the same spans
/// it is the same).
fn ordered_by_evidence(candidates: &[Candidate]) -> Vec<bool> {
    let first_start = |c: &Candidate| c.spans.first().map(|s| s.start);
    candidates.iter().map(|c| candidates.iter().any(|o| first_start(o) == first_start(c) && o.spans != c.spans)).collect()
}

/// A source's evidence from its members' evidence spans and evidence, in the order they were
/// merged: the piece of each span new to the source, once each, joined; a member's own
/// evidence when the pieces rebuilt it (most often: the same bytes).
fn source_evidence<'s>(members: impl IntoIterator<Item = (&'s [Span], String)>) -> String {
    let mut seen: Vec<Span> = Vec::new();
    let mut evidence = String::new();
    for (spans, own) in members {
        for (k, sp) in spans.iter().enumerate() {
            if !seen.contains(sp) {
                seen.push(*sp);
                let piece = own.split(crate::EVIDENCE_SEPARATOR).nth(k).unwrap_or("");
                if !piece.is_empty() && !evidence.contains(piece) {
                    if !evidence.is_empty() {
                        evidence.push_str(crate::EVIDENCE_SEPARATOR);
                    }
                    evidence.push_str(piece);
                }
            }
        }
        if evidence.is_empty() || evidence == own {
            evidence = own;
        }
    }
    // grown piece by piece: held until the corpus is stored, so without the slack
    evidence.shrink_to_fit();
    evidence
}

/// The events of `candidates`, their entities read through `entities`; the sources' evidence
/// as `evidence` says.
fn merge_sources(mut candidates: Vec<Vec<Candidate>>, entities: EntityIndex, evidence: Evidence) -> Vec<EventWithoutEvidence> {
    // each candidate's place in `candidates`, sorted (stable: equal candidates keep the order
    // they were given in)
    let mut positions: Vec<(usize, usize)> = candidates.iter().enumerate().flat_map(|(d, doc)| (0..doc.len()).map(move |at| (d, at))).collect();
    positions.sort_by(|&(da, aa), &(db, ab)| {
        let (a, b) = (&candidates[da][aa], &candidates[db][ab]);
        (a.document.as_str(), a.spans.first().map(|s| s.start), a.evidence.as_str())
            .cmp(&(b.document.as_str(), b.spans.first().map(|s| s.start), b.evidence.as_str()))
    });
    let EntityIndex { named, lookups } = entities;
    let (clusters, judged, located) = cluster(&candidates, &positions, lookups, &named);
    // each cluster's members moved out together, a chunk of clusters at a time (all of them at
    // once held every candidate twice over), so that each is freed once its event is built
    // (the events grow as the candidates go)
    let mut judged: Vec<Option<Judged>> = judged.into_iter().map(Some).collect();
    let mut events: Vec<EventWithoutEvidence> = Vec::with_capacity(clusters.len());
    let mut rest = &clusters[..];
    while !rest.is_empty() {
        let mut members = 0;
        let len = rest.iter().take_while(|c| {
            members += c.len();
            members <= MEMBERS_PER_CHUNK
        }).count().max(1);
        let (chunk, after) = rest.split_at(len);
        rest = after;
        let clustered: Vec<Vec<Member>> = chunk
            .iter()
            .map(|c| {
                c.iter()
                    .filter_map(|&i| {
                        let (d, at) = positions[i];
                        Some(Member { c: std::mem::take(&mut candidates[d][at]), judged: judged[i].take()? })
                    })
                    .collect()
            })
            .collect();
        events.par_extend(clustered.into_par_iter().map(|members| build(members, &located, evidence)));
    }
    drop((judged, clusters, positions, candidates));
    events.sort_by(|a, b| a.event.timeline_key().cmp(&b.event.timeline_key()));
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for e in &mut events {
        let e = &mut e.event;
        let k = seen.entry(e.id.clone()).or_insert(0);
        *k += 1;
        if *k > 1 {
            e.id = format!("{}-{}", e.id, k);
        }
    }
    events
}

/// Every place as written that some candidate states → its place keys, for `build` to tell
/// two spellings of one place apart without reading every candidate per claim.
type Located = HashMap<String, Vec<String>>;

/// The clusters of the candidates at `positions` (as indexes into `positions`), what building
/// the events reads of each besides the candidate (in the order of `positions`), and the
/// places' keys.
/// The entities are found with `lookups` (freed once every candidate's are found), as their
/// positions in `named`.
fn cluster<'e>(candidates: &[Vec<Candidate>], positions: &[(usize, usize)], lookups: Lookups, named: &'e [Named]) -> (Vec<Vec<usize>>, Vec<Judged<'e>>, Located) {
    let order: Vec<&Candidate> = positions.iter().map(|&(d, at)| &candidates[d][at]).collect();
    let folded: Vec<Folded> = order.par_iter().map(|c| Folded::new(c)).collect();
    let entity = |at: Option<usize>| at.and_then(|at| named.get(at));
    // entities some page names as where an occasion was
    let place_entities: BTreeSet<String> = order
        .par_iter()
        .zip(folded.par_iter())
        .filter_map(|(c, f)| entity(lookups.by_surface(&c.document, f.place.as_deref()?)))
        .map(|e| format!("e:{}", e.id))
        .collect();
    // each candidate's participants' keys and entities and its place's key, looked up at once
    // so that the index and the folded names are freed before the names are prepared
    let looked_up: Vec<LookedUp> = order
        .par_iter()
        .zip(&folded)
        .map(|(c, f)| {
            let mut keys = Vec::new();
            let mut entities = Vec::new();
            for (p, name) in c.participants.iter().zip(&f.names) {
                let e = entity(lookups.lookup(&c.document, p, name));
                keys.push(match e {
                    Some(e) => format!("e:{}", e.id),
                    None => format!("n:{name}"),
                });
                entities.push(e);
            }
            let place_key = f.place.as_deref().map(|l| match entity(lookups.place(&c.document, l)) {
                Some(e) => format!("e:{}", e.id),
                None => l.to_string(),
            });
            LookedUp { keys, entities, place_key }
        })
        .collect();
    drop(lookups);
    drop(folded);
    // each distinct name prepared once (pages repeat names), its blocking keys as ids
    let mut name_of: HashMap<&str, usize> = HashMap::new();
    let mut distinct: Vec<&str> = Vec::new();
    let name_ids: Vec<Vec<usize>> = order
        .iter()
        .map(|c| {
            let ids = c.participants.iter().map(|p| {
                *name_of.entry(p.name.as_str()).or_insert_with(|| {
                    distinct.push(p.name.as_str());
                    distinct.len() - 1
                })
            });
            ids.collect()
        })
        .collect();
    drop(name_of);
    let prepared: Vec<PreparedName> = distinct.par_iter().map(|n| PreparedName::new(n)).collect();
    drop(distinct);
    let mut word_ids: HashMap<String, u32> = HashMap::new();
    let names: Vec<Name> = prepared
        .into_iter()
        .map(|prepared| {
            let keys = prepared
                .keys()
                .into_iter()
                .map(|k| intern(&mut word_ids, k))
                .collect();
            Name { prepared, keys }
        })
        .collect();
    drop(word_ids);
    let mut preps: Vec<Prep> = order
        .par_iter()
        .zip(looked_up)
        .zip(&name_ids)
        .map(|((c, LookedUp { keys, entities, place_key }), ids)| {
            let stated = c.date.as_deref().and_then(interval);
            let weak_day = if c.date_weak { stated.filter(|(lo, hi)| lo == hi).map(|(lo, _)| lo) } else { None };
            let interval = if c.date_weak { None } else { stated };
            let dropped = keys.iter().map(|k| place_entities.contains(k)).collect();
            let names = ids.iter().map(|&at| &names[at]).collect();
            Prep { c, keys, key_ids: Vec::new(), names, entities, interval, weak_day, place_key, dropped }
        })
        .collect();
    // keys as small integers: `shared` compares them for every pair in a block
    let mut interned: HashMap<&str, u32> = HashMap::new();
    let key_ids: Vec<Vec<u32>> = preps
        .iter()
        .map(|p| {
            p.keys
                .iter()
                .map(|k| intern(&mut interned, k.as_str()))
                .collect()
        })
        .collect();
    drop(interned);
    for (p, ids) in preps.iter_mut().zip(key_ids) {
        p.key_ids = ids;
    }
    // what only preparing read: building the events below holds the output
    drop(name_ids);
    let n = preps.len();
    let dsu = Dsu::new(n);
    let blocks = Blocks::new(&preps);
    // Each pair below is judged on the two candidates alone, so the clusters do not depend on
    // the order of the pairs, and a pair already in one cluster need not be judged.
    // Dated candidates: overlapping dates, a shared participant, places that agree.
    blocks.each_pair(&preps, true, |i, j| {
        if dsu.find(i) == dsu.find(j) {
            return;
        }
        let (a, b) = (&preps[i], &preps[j]);
        if a.c.status != b.c.status {
            return;
        }
        let (Some(ia), Some(ib)) = (a.interval, b.interval) else { return };
        if !overlap(ia, ib) {
            return;
        }
        let s = shared(a, b);
        if s == 0 || !places_agree(a, b, s) {
            return;
        }
        dsu.union(i, j);
    });
    // Undated candidates among themselves: a shared participant and the same place (or two
    // shared participants).
    blocks.each_pair(&preps, false, |i, j| {
        if dsu.find(i) == dsu.find(j) {
            return;
        }
        let (a, b) = (&preps[i], &preps[j]);
        if a.interval.is_some() || b.interval.is_some() || a.c.status != b.c.status || a.c.document == b.c.document {
            return; // one article told them apart
        }
        let s = shared(a, b);
        if s == 0 {
            return;
        }
        let same_place = matches!((&a.place_key, &b.place_key), (Some(x), Some(y)) if x == y);
        if (s >= 2 && places_agree(a, b, 1)) || same_place {
            dsu.union(i, j);
        }
    });
    // An undated group joins the one dated group it fits (from another document).
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let r = dsu.find(i);
        groups.entry(r).or_default().push(i);
    }
    let mut group_of = vec![0; n];
    for (&r, members) in &groups {
        for &i in members {
            group_of[i] = r;
        }
    }
    let undated_roots: Vec<usize> = groups.iter().filter(|(_, m)| m.iter().all(|&i| preps[i].interval.is_none())).map(|(&r, _)| r).collect();
    // Only groups with a member sharing a block with an undated one can score. Each list an
    // undated candidate is in is read once for the dated groups in it (copies of one report
    // share their lists: reading them per member held the partners of thousands of members).
    let root_lists: Vec<Vec<usize>> = undated_roots
        .par_iter()
        .map(|r| {
            let mut lists: Vec<usize> = groups[r].iter().flat_map(|&i| blocks.partner_lists(&preps, i)).collect();
            lists.sort_unstable();
            lists.dedup();
            lists
        })
        .collect();
    let mut wanted: Vec<usize> = root_lists.iter().flatten().copied().collect();
    wanted.sort_unstable();
    wanted.dedup();
    let dated_groups: BTreeMap<usize, Vec<usize>> = wanted
        .par_iter()
        .map(|&l| {
            let mut g: Vec<usize> = blocks.lists[l].iter().filter(|&&j| preps[j].interval.is_some()).map(|&j| group_of[j]).collect();
            g.sort_unstable();
            g.dedup();
            (l, g)
        })
        .collect();
    drop(wanted);
    // A group's members that differ in what the judgement below reads (copies of one report
    // differ in their document only): the score is a maximum and the fit holds for all pairs,
    // so one member of each kind gives the same answer.
    // (only the groups judged below: undated ones and the dated ones near them)
    let judged: BTreeSet<usize> = undated_roots.iter().chain(dated_groups.values().flatten()).copied().collect();
    let mut kinds: std::collections::HashMap<_, u32> = std::collections::HashMap::new();
    let mut kind_of: Vec<u32> = vec![u32::MAX; n];
    for &i in judged.iter().flat_map(|r| &groups[r]) {
        kind_of[i] = {
            let p = &preps[i];
            let read = (
                p.c.status.as_str(),
                &p.key_ids,
                &p.dropped,
                p.entities.iter().map(Option::is_none).collect::<Vec<bool>>(),
                p.c.participants.iter().map(|x| x.name.as_str()).collect::<Vec<&str>>(), // `prepared`
                p.place_key.as_deref(),
                p.c.location_kind.as_deref(),
                p.weak_day,
                p.interval,
            );
            intern(&mut kinds, read)
        };
    }
    drop(kinds);
    let distinct = |members: &[usize]| -> Vec<usize> {
        let mut m: Vec<usize> = members.to_vec();
        m.sort_by_key(|&i| (kind_of[i], i));
        m.dedup_by_key(|i| kind_of[*i]);
        m
    };
    let distinct_members: BTreeMap<usize, Vec<usize>> = judged.par_iter().map(|&r| (r, distinct(&groups[&r]))).collect();
    // each undated group's match is judged against the groups as they were before any of
    // these joins (in parallel), then the joins are made
    let joins: Vec<Option<(usize, usize)>> = undated_roots.par_iter().zip(&root_lists).map(|(&r, lists)| {
        let members = &groups[&r];
        let mut near: Vec<usize> = lists.iter().flat_map(|l| &dated_groups[l]).copied().filter(|&r2| r2 != r).collect();
        near.sort_unstable();
        near.dedup();
        let mut documents: Vec<&str> = members.iter().map(|&i| preps[i].c.document.as_str()).collect();
        documents.sort_unstable();
        documents.dedup();
        let mut best: Vec<(usize, usize)> = Vec::new();
        for r2 in near {
            let Some(m2) = groups.get(&r2) else { continue };
            if m2.iter().any(|&j| documents.binary_search(&preps[j].c.document.as_str()).is_ok()) {
                continue; // the article told them apart
            }
            let mut score = 0;
            let mut ok = true;
            for &i in &distinct_members[&r] {
                for &j in &distinct_members[&r2] {
                    if preps[i].c.status != preps[j].c.status {
                        ok = false;
                    }
                    let s = shared(&preps[i], &preps[j]);
                    let same_place = matches!((&preps[i].place_key, &preps[j].place_key), (Some(x), Some(y)) if x == y);
                    if s > 0 && !places_agree(&preps[i], &preps[j], s) {
                        ok = false;
                    }
                    if let (Some(w), Some((lo, hi))) = (preps[i].weak_day, preps[j].interval) {
                        if lo != hi || lo.weekday() != w.weekday() {
                            ok = false;
                        }
                    }
                    if s >= 2 {
                        score = score.max(s + same_place as usize);
                    }
                }
            }
            if ok && score > 0 {
                best.push((score, r2));
            }
        }
        best.sort_by(|a, b| b.cmp(a));
        let unique = match best.as_slice() {
            [] => None,
            [one] => Some(one.1),
            [a, b, ..] if a.0 > b.0 => Some(a.1),
            _ => None,
        };
        unique.map(|r2| (r, r2))
    }).collect();
    for (r, r2) in joins.into_iter().flatten() {
        dsu.union(r, r2);
    }
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let r = dsu.find(i);
        clusters.entry(r).or_default().push(i);
    }
    let clusters: Vec<Vec<usize>> = clusters.into_values().collect();
    drop((dsu, blocks, groups, group_of, undated_roots, root_lists, dated_groups, judged, distinct_members, kind_of));
    let mut located: Located = HashMap::new();
    for p in &preps {
        if let (Some(written), Some(key)) = (p.c.location.as_deref(), &p.place_key) {
            match located.get_mut(written) {
                Some(keys) if !keys.contains(key) => keys.push(key.clone()),
                Some(_) => {}
                None => {
                    located.insert(written.to_string(), vec![key.clone()]);
                }
            }
        }
    }
    // what only clustering read: building the events holds the output
    let judged: Vec<Judged> = preps.into_iter().map(Judged::from).collect();
    (clusters, judged, located)
}

fn role_rank(r: &str) -> u8 {
    match r {
        "host" => 2,
        "visitor" => 2,
        _ => 1,
    }
}

fn is_latin(s: &str) -> bool {
    dossier_text::dominant_script(s) == Some(dossier_lang::Script::Latin)
}

/// The event of one cluster's members, its strings moved out of them (each member is read
/// by reference for what several parts of the event need, then taken apart by value).
fn build<'e>(mut members: Vec<Member<'e>>, located: &Located, evidence: Evidence) -> EventWithoutEvidence {
    // Participants, by key (entity or folded name; same-named ones joined).
    struct P<'a> {
        key: String,
        entity: Option<&'a Named>,
        names: Vec<String>,
        roles: BTreeMap<String, usize>,
        kind: Option<String>,
    }
    let mut ps: Vec<P<'e>> = Vec::new();
    for m in &mut members {
        let pr = &m.judged;
        for (k, p) in std::mem::take(&mut m.c.participants).into_iter().enumerate() {
            if pr.dropped[k] {
                continue;
            }
            let key = &pr.keys[k];
            let pos = ps.iter().position(|q| {
                q.key == *key || ((q.entity.is_none() || pr.entities[k].is_none()) && q.names.iter().any(|n| same_name(n, &p.name)))
            });
            let q = match pos {
                Some(x) => &mut ps[x],
                None => {
                    ps.push(P { key: key.clone(), entity: pr.entities[k], names: Vec::new(), roles: BTreeMap::new(), kind: p.kind });
                    ps.last_mut().expect("just pushed")
                }
            };
            if q.entity.is_none() && pr.entities[k].is_some() {
                q.entity = pr.entities[k];
                q.key = key.clone();
            }
            if !q.names.contains(&p.name) {
                q.names.push(p.name);
            }
            *q.roles.entry(p.role).or_insert(0) += 1;
        }
    }
    let mut participants: Vec<Participant> = ps
        .into_iter()
        .map(|q| {
            let name = match q.entity {
                Some(e) => e.name.clone(),
                None => {
                    let mut names = q.names;
                    names.sort_by(|a, b| (is_latin(b), b.chars().count()).cmp(&(is_latin(a), a.chars().count())).then(a.cmp(b)));
                    names.into_iter().next().unwrap_or_default()
                }
            };
            let role = q
                .roles
                .into_iter()
                .max_by(|a, b| (role_rank(&a.0), a.1).cmp(&(role_rank(&b.0), b.1)).then(b.0.cmp(&a.0)))
                .map(|(r, _)| r)
                .unwrap_or_else(|| "participant".into());
            Participant { name, entity: q.entity.map(|e| e.id.clone()), role, kind: q.kind, span: None }
        })
        .collect();
    participants.sort_by(|a, b| {
        let r = |p: &Participant| match p.role.as_str() {
            "host" => 0,
            "visitor" => 1,
            _ => 2,
        };
        (r(a), &a.name).cmp(&(r(b), &b.name))
    });

    // Date: the most precise value; claims that do not nest are a conflict.
    let mut date_claims: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let any_firm = members.iter().any(|m| m.judged.interval.is_some());
    for m in &members {
        if let Some(d) = &m.c.date {
            if !m.c.date_inherited && (m.judged.interval.is_some() || !any_firm) {
                date_claims.entry(d.clone()).or_default().insert(m.c.document.clone());
            }
        }
    }
    if date_claims.is_empty() {
        for m in &members {
            if m.c.date_weak && any_firm {
                continue;
            }
            if let Some(d) = &m.c.date {
                date_claims.entry(d.clone()).or_default().insert(m.c.document.clone());
            }
        }
    }
    let date = pick(&date_claims, |a, b| match (interval(a), interval(b)) {
        (Some(x), Some(y)) => contains(x, y) || contains(y, x),
        _ => a == b,
    }, date_preference);
    // Place: a city or venue over a country.
    let mut loc_claims: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut city_seen = false;
    for m in &members {
        if m.c.location.is_some() && m.c.location_kind.as_deref() == Some("location") {
            city_seen = true;
        }
    }
    for m in &members {
        let c = &m.c;
        if let Some(l) = &c.location {
            if city_seen && c.location_kind.as_deref() != Some("location") {
                continue;
            }
            let key = m.judged.place_key.clone().unwrap_or_default();
            // one claim per place whatever its script: keyed by entity when known
            let existing = loc_claims.keys().find(|k| located.get(k.as_str()).is_some_and(|keys| keys.contains(&key))).cloned();
            let label = existing.unwrap_or_else(|| l.clone());
            loc_claims.entry(label).or_default().insert(c.document.clone());
        }
    }
    let location = pick(&loc_claims, |a, b| {
        let (fa, fb) = (fold(a), fold(b));
        fa.contains(&fb) || fb.contains(&fa)
    }, |v| if is_latin(v) { 0 } else { 1 });
    let mut conflicts = Vec::new();
    for (field, claims) in [("date", &date_claims), ("location", &loc_claims)] {
        if claims.len() > 1 {
            let nested = claims.keys().all(|a| claims.keys().all(|b| {
                if field == "date" {
                    match (interval(a), interval(b)) {
                        (Some(x), Some(y)) => contains(x, y) || contains(y, x),
                        _ => a == b,
                    }
                } else {
                    let (fa, fb) = (fold(a), fold(b));
                    fa.contains(&fb) || fb.contains(&fa)
                }
            }));
            if !nested {
                conflicts.push(Conflict {
                    field: field.to_string(),
                    claims: claims.iter().map(|(v, d)| Claim { value: v.clone(), documents: d.iter().cloned().collect() }).collect(),
                });
            }
        }
    }

    // Kind, status, topics.
    let kind = members
        .iter()
        .map(|m| m.c.kind.as_str())
        .max_by_key(|k| (kind_rank(k), std::cmp::Reverse(*k)))
        .unwrap_or("meeting")
        .to_string();
    let status = if members.iter().all(|m| m.c.status == "planned") { "planned" } else { "happened" };
    let mut topics: BTreeSet<String> = BTreeSet::new();
    for m in &mut members {
        topics.extend(std::mem::take(&mut m.c.topics));
    }
    let (cameo, plover) = codes(&kind, &participants);

    // Sources: one per document (its name set from the key below), with their members' spans
    // and evidence (left empty when made later). Each member is freed here.
    let mut by_doc: BTreeMap<String, (Source, Vec<(Vec<Span>, String)>)> = BTreeMap::new();
    for m in members {
        let c = m.c;
        let (s, from) = by_doc.entry(c.document).or_insert_with(|| {
            (Source { document: String::new(), evidence: String::new(), spans: Vec::new(), date: None, location: None }, Vec::new())
        });
        for sp in &c.spans {
            if !s.spans.contains(sp) {
                s.spans.push(*sp);
            }
        }
        from.push((c.spans, if evidence == Evidence::FromCandidates { c.evidence } else { String::new() }));
        if s.date.is_none() {
            s.date = c.date;
        }
        if s.location.is_none() {
            s.location = c.location;
        }
    }
    let mut member_spans = Vec::new();
    let sources: Vec<Source> = by_doc
        .into_iter()
        .map(|(document, (mut s, mut from))| {
            s.document = document;
            match evidence {
                Evidence::FromCandidates => s.evidence = source_evidence(from.iter_mut().map(|(spans, own)| (&spans[..], std::mem::take(own)))),
                Evidence::Later => {
                    let alone = from.len() == 1 && from[0].0 == s.spans;
                    member_spans.push(if alone { Vec::new() } else { from.into_iter().map(|(spans, _)| spans).collect() });
                }
            }
            s
        })
        .collect();

    let mut keys: Vec<String> = participants.iter().map(|p| p.entity.clone().unwrap_or_else(|| fold(&p.name))).collect();
    keys.sort();
    let first_doc = sources.first().map(|s| s.document.as_str()).unwrap_or("");
    let mut parts: Vec<&str> = vec![date.as_deref().unwrap_or("-"), first_doc];
    parts.extend(keys.iter().map(|s| s.as_str()));
    let id = format!("ev-{:012x}", fnv(&parts) & 0xffff_ffff_ffff);
    let mut summary = summarize(&kind, status, date.as_deref(), location.as_deref(), &participants, &topics);
    summary.shrink_to_fit();
    let event = Event {
        id,
        kind,
        cameo,
        plover,
        status: status.to_string(),
        date,
        location,
        participants,
        topics: topics.into_iter().collect(),
        summary,
        sources,
        conflicts,
    };
    EventWithoutEvidence { event, member_spans }
}

/// Among dates that nest, the one to show (lower is better): a day or a span of days over a
/// month or a year; among days, the widest span (a trip's days over one of them).
fn date_preference(v: &str) -> i32 {
    let Some((lo, hi)) = interval(v) else { return i32::MAX };
    let days = (hi - lo).get_days();
    let day_level = v.split('/').all(|p| p.trim().len() == 10);
    if day_level {
        -days
    } else {
        100_000 + days
    }
}

/// The claimed value to show: the one most documents state; among nesting claims the most
/// precise; ties by `tie` then by value.
fn pick(claims: &BTreeMap<String, BTreeSet<String>>, nests: impl Fn(&str, &str) -> bool, tie: impl Fn(&str) -> i32) -> Option<String> {
    let mut best: Option<(usize, i32, &String)> = None;
    for (v, docs) in claims {
        // support: documents stating this value or a value nesting with it
        let support: BTreeSet<&String> = claims.iter().filter(|(w, _)| nests(v, w)).flat_map(|(_, d)| d.iter()).collect();
        let _ = docs;
        let cand = (support.len(), -tie(v), v);
        let better = match &best {
            None => true,
            Some((s, t, w)) => (cand.0, cand.1) > (*s, *t) || ((cand.0, cand.1) == (*s, *t) && cand.2 < *w),
        };
        if better {
            best = Some(cand);
        }
    }
    best.map(|(_, _, v)| v.clone())
}

fn kind_rank(k: &str) -> u8 {
    match k {
        "signing" => 6,
        "receive" => 5,
        "visit" => 4,
        "phone call" => 3,
        "talks" => 2,
        _ => 1,
    }
}

/// CAMEO and PLOVER codes of an occasion.
fn codes(kind: &str, participants: &[Participant]) -> (String, Plover) {
    let plover = |code: &str, mode: &str| Plover { code: code.into(), mode: mode.into() };
    match kind {
        "signing" => ("057".into(), plover("SUPPORT", "")),
        "phone call" => ("041".into(), plover("CONSULT", "phone")),
        "receive" => ("043".into(), plover("CONSULT", "visit")),
        "visit" => ("042".into(), plover("CONSULT", "visit")),
        "talks" => {
            let many = participants.len() > 2;
            ("046".into(), plover("CONSULT", if many { "multilateral" } else { "" }))
        }
        _ => {
            let many = participants.len() > 2;
            ("040".into(), plover("CONSULT", if many { "multilateral" } else { "" }))
        }
    }
}

fn summarize(kind: &str, status: &str, date: Option<&str>, location: Option<&str>, ps: &[Participant], topics: &BTreeSet<String>) -> String {
    let names = |role: &str| ps.iter().filter(|p| p.role == role).map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ");
    let (hosts, visitors, others) = (names("host"), names("visitor"), names("participant"));
    let mut s = match (hosts.is_empty(), visitors.is_empty()) {
        (false, false) => format!("{hosts} receives {visitors}"),
        (true, false) => format!("{visitors} visits"),
        (false, true) => format!("{hosts} hosts"),
        (true, true) => format!("{kind}:"),
    };
    if !others.is_empty() {
        s.push_str(&format!(" with {others}"));
    }
    if kind == "signing" || kind == "phone call" {
        s.push_str(&format!(" ({kind})"));
    }
    if let Some(l) = location {
        s.push_str(&format!(" in {l}"));
    }
    if let Some(d) = date {
        s.push_str(&format!(" on {d}"));
    }
    if !topics.is_empty() {
        s.push_str(&format!("; topics: {}", topics.iter().cloned().collect::<Vec<_>>().join(", ")));
    }
    if status == "planned" {
        s.push_str(" [planned]");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        let (a, b) = interval("2022-06-13/2022-06-14").unwrap();
        assert_eq!((a.day(), b.day()), (13, 14));
        let (a, b) = interval("2022-02").unwrap();
        assert_eq!((a.day(), b.day()), (1, 28));
        assert!(interval("nonsense").is_none());
        assert!(interval("2022-13-45").is_none());
    }

    /// A candidate of `doc` telling of one meeting of Ana Ruiz on `date`, its evidence the
    /// `sentences` of `body`.
    fn told(doc: &str, body: &str, date: &str, sentences: &[&str]) -> Candidate {
        let spans: Vec<Span> = sentences
            .iter()
            .map(|s| {
                let start = body.find(s).expect("sentence in body");
                Span { start, end: start + s.len() }
            })
            .collect();
        let ana = Participant { name: "Ana Ruiz".into(), entity: None, role: "host".into(), kind: Some("person".into()), span: None };
        Candidate {
            document: doc.into(),
            kind: "meeting".into(),
            date: Some(date.into()),
            participants: vec![ana],
            evidence: crate::evidence_of(body, &spans),
            status: "happened".into(),
            spans,
            ..Default::default()
        }
    }

    #[test]
    fn evidence_made_from_bodies_is_the_evidence_merged_from_candidates() {
        // pieces that hold the separator, spans told twice and in another order, spaces trimmed
        let d1 = " Ana Ruiz met Bo Li … in Rome.  Talks went on. Ana Ruiz left. ";
        let d2 = "Ana Ruiz, in Rome, met Bo Li … again.";
        let d3 = "Ana Ruiz met Cy Ma.";
        let candidates = vec![
            vec![
                told("d1", d1, "2024-03-01", &[" Ana Ruiz met Bo Li … in Rome."]),
                told("d1", d1, "2024-03-01", &[" Ana Ruiz met Bo Li … in Rome.", "Talks went on. "]),
                told("d1", d1, "2024-03-01", &["Talks went on. ", " Ana Ruiz met Bo Li … in Rome.", "Ana Ruiz left."]),
                told("d1", d1, "2024-03-01", &[" Ana Ruiz met Bo Li … in Rome."]),
            ],
            vec![told("d2", d2, "2024-03-01", &["Ana Ruiz, in Rome, met Bo Li … again."])],
            vec![told("d3", d3, "2025-01-01", &["Ana Ruiz met Cy Ma."]), told("d3", d3, "2025-01-01", &[])],
        ];
        let bodies: HashMap<&str, &str> = [("d1", d1), ("d2", d2), ("d3", d3)].into_iter().collect();
        let expected = merge_owned(candidates.clone(), &[]);
        let mut forgotten = candidates;
        forgotten.iter_mut().for_each(|doc| forget_evidence(doc));
        // only the candidates whose order their evidence decides keep it
        let kept: Vec<bool> = forgotten[0].iter().map(|c| !c.evidence.is_empty()).collect();
        assert_eq!(kept, vec![true, true, false, true]);
        let made: Vec<Event> = merge_without_evidence(forgotten, EntityIndex::new(&[])).into_iter().map(|e| e.with_evidence(|doc| bodies.get(doc).copied())).collect();
        assert_eq!(made, expected);
        assert_eq!(expected.len(), 2);
        assert_eq!(expected[0].sources.len(), 2, "{expected:#?}");
    }

    #[test]
    fn the_entity_index_answers_the_last_entity_at_a_place_and_the_first_with_a_surface() {
        let mention = |doc: &str, start: usize, end: usize, surface: &str| dossier_names::MentionRef {
            document: doc.into(),
            span: Span { start, end },
            surface: surface.into(),
        };
        let entity = |id: &str, name: &str, aliases: &[&str], mentions: Vec<dossier_names::MentionRef>| Entity {
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            mentions,
            ..Entity::default()
        };
        let entities = vec![
            entity("p1", "Ana Ruiz", &[], vec![mention("d1", 0, 8, "Ana Ruiz"), mention("d2", 5, 13, "Ana Ruiz")]),
            entity("p2", "Ana", &[], vec![mention("d1", 0, 8, " ANA RUIZ "), mention("d1", 20, 23, "Ana")]),
            entity("c1", "Rome", &["Roma"], vec![mention("d1", 30, 34, "Rome")]),
            entity("c2", "Roma", &[], vec![]),
        ];
        let index = EntityIndex::new(&entities);
        let lookups = &index.lookups;
        assert_eq!(lookups.by_span("d1", (0, 8)), Some(1), "the last entity mentioned there");
        assert_eq!(lookups.by_span("d2", (5, 13)), Some(0));
        assert_eq!(lookups.by_span("d2", (0, 8)), None);
        assert_eq!(lookups.by_span("d3", (0, 8)), None);
        assert_eq!(lookups.by_surface("d1", &fold("Ana Ruiz")), Some(0), "the first entity with that surface there");
        assert_eq!(lookups.by_surface("d1", &fold("Ana")), Some(1));
        assert_eq!(lookups.by_surface("d2", &fold("Ana")), None);
        assert_eq!(lookups.by_name(&fold("Rome")), Some(2));
        assert_eq!(lookups.by_name(&fold("Roma")), None, "two entities bear it");
        assert_eq!(lookups.place("d1", &fold("Rome")), Some(2));
        let unplaced = Participant { name: "Ana".into(), entity: None, role: "host".into(), kind: None, span: Some(Span { start: 20, end: 23 }) };
        assert_eq!(lookups.lookup("d1", &unplaced, &fold("Ana")), Some(1));
        assert_eq!(index.named[2].id, "c1");
    }

    #[test]
    fn sets_and_roots_do_not_depend_on_the_order_of_unions() {
        let n = 2_000;
        let pairs: Vec<(usize, usize)> = (0..1_500).map(|k| ((k * 37) % n, (k * 91 + 13) % n)).collect();
        let one_by_one = Dsu::new(n);
        pairs.iter().for_each(|&(a, b)| one_by_one.union(a, b));
        let parallel = Dsu::new(n);
        pairs.par_iter().rev().for_each(|&(a, b)| parallel.union(b, a));
        let mut least: BTreeMap<usize, usize> = BTreeMap::new();
        for x in 0..n {
            assert_eq!(one_by_one.find(x), parallel.find(x));
            least.entry(one_by_one.find(x)).or_insert(x);
        }
        // each set's root is its least member
        assert!(least.iter().all(|(root, first)| root == first));
        assert!(least.len() < n && least.len() > 1);
    }
}
