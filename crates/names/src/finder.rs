//! Mentions in one article: places from the gazetteer, organisations (acronyms and their
//! definitions, phrases headed by an organisation word), people (after honorifics and roles,
//! capitalised sequences in Latin script, name-part knowledge in Arabic).

use crate::lexicon::{key, lexicon, Lexicon};
use crate::token::{Tok, Tokens};
use crate::{gazetteer, EntityKind, Mention, Role};
use dossier_text::Span;
use std::cell::OnceCell;

/// Pages larger than this are read only up to here (bounded work per page).
const MAX_BODY: usize = 1 << 20;

#[derive(Debug, Clone)]
struct Cand {
    span: Span,
    surface: String,
    kind: EntityKind,
    title: Option<String>,
    key: Option<String>,
    acronym: Option<String>,
    adjective: bool,
    confident: bool,
    priority: u8,
    /// May lie inside a longer organisation name ("مصالح المديرية العامة للأمن الوطني").
    nested_ok: bool,
}

impl Cand {
    fn new(span: Span, surface: String, kind: EntityKind, priority: u8) -> Cand {
        Cand { span, surface, kind, title: None, key: None, acronym: None, adjective: false, confident: true, priority, nested_ok: false }
    }
}

struct Ctx<'a> {
    body: &'a str,
    tokens: &'a Tokens,
    toks: &'a [Tok],
    lex: &'static Lexicon,
    /// token index -> gazetteer hit index covering it
    place_of: Vec<Option<usize>>,
    hits: Vec<gazetteer::Hit>,
    sentence_start: Vec<bool>,
    /// Words written in lower case somewhere in the page (common words, not names), sorted.
    lower_words: Vec<&'a str>,
    /// What is asked of each token many times, told once.
    memo: Vec<Memo>,
}

/// Answers about one token, told when first asked (each is a pure function of the token).
#[derive(Default)]
struct Memo {
    /// Its place as an adjective of nationality.
    demonym: OnceCell<Option<&'static str>>,
    /// `ar_forms` of its key.
    forms: OnceCell<Vec<String>>,
    /// `phrase_at` with honorifics and with roles.
    honorific: OnceCell<usize>,
    role: OnceCell<usize>,
    /// Its text has a concept of organisations.
    concept: OnceCell<bool>,
}

/// `ar_forms` of the empty key of a token past the end.
static NO_TOKEN_FORMS: [String; 1] = [String::new()];

/// Words remembered by `demonym_cached` per thread; past this the memory is cleared, so it
/// stays bounded whatever the corpus.
const DEMONYM_CACHE: usize = 50_000;

/// `Lexicon::demonym_of_key`, remembered per key across the pages a thread reads (the same
/// words come back on every page, and telling one costs thousands of instructions). A pure
/// function's memory: results are the same with or without it.
fn demonym_cached(lex: &'static Lexicon, k: &str) -> Option<&'static str> {
    // (most words are told at once: no need to remember them)
    if !lex.may_be_demonym(k) {
        return None;
    }
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static SEEN: RefCell<HashMap<String, Option<&'static str>>> = RefCell::new(HashMap::new());
    }
    SEEN.with(|seen| {
        if let Some(&known) = seen.borrow().get(k) {
            return known;
        }
        let found = lex.demonym_of_key(k);
        let mut seen = seen.borrow_mut();
        if seen.len() >= DEMONYM_CACHE {
            seen.clear();
        }
        seen.insert(k.to_string(), found);
        found
    })
}

fn first_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Two to ten capital letters, perhaps joined by '-' or '&' ("CIA", "AT&T").
fn is_acronym(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if c != '-' && c != '&' {
            return false;
        }
    }
    (2..=10).contains(&letters)
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 4 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

const QUOTES: &[char] = &['«', '»', '"', '“', '”', '„', '‹', '›'];
const CLAUSE_END: &[char] = &['.', '!', '?', ':', ';', '•', '|', '«', '»', '"', '“', '”', '(', ')', '[', ']', '،', '؛', '؟', ',', '–', '—'];

impl<'a> Ctx<'a> {
    /// `Lexicon::demonym` of token `i`'s text, computed once per token.
    fn demonym(&self, i: usize) -> Option<&'static str> {
        let memo = self.memo.get(i)?;
        // (a word's key is the key of its text; a punctuation mark is no adjective either way)
        *memo.demonym.get_or_init(|| demonym_cached(self.lex, self.key(i)))
    }
    /// `ar_forms` of token `i`'s key.
    fn forms(&self, i: usize) -> &[String] {
        match self.memo.get(i) {
            Some(memo) => memo.forms.get_or_init(|| ar_forms(self.lex, self.key(i))),
            None => &NO_TOKEN_FORMS,
        }
    }
    /// Has token `i`'s text a concept of organisations (`Lexicon::concept`)?
    fn concept(&self, i: usize) -> bool {
        match self.memo.get(i) {
            Some(memo) => *memo.concept.get_or_init(|| self.lex.concept(self.text(i)).is_some()),
            None => self.lex.concept("").is_some(),
        }
    }
    fn text(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.body))
    }
    fn key(&self, i: usize) -> &'a str {
        self.tokens.key(i)
    }
    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.word)
    }
    fn punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| !t.word) && self.tokens.key(i).starts_with(c)
    }
    fn span(&self, a: usize, b: usize) -> Span {
        // tokens a..=b
        Span::new(self.toks[a].start, self.toks[b].end)
    }
    fn latin_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.word && !t.arabic)
    }
    fn cap(&self, i: usize) -> bool {
        self.latin_word(i) && first_upper(self.text(i))
    }
    /// Longest honorific or role phrase passing `test` starting at token i (in words); 0 when
    /// none.
    fn phrase_at(&self, i: usize, test: impl Fn(&str) -> bool) -> usize {
        if !self.is_word(i) {
            return 0;
        }
        let first = self.key(i);
        let mut best = usize::from(test(first));
        // most words start no phrase of several words: nothing to join
        if !self.lex.phrase_starts.contains(first) {
            return best;
        }
        let mut acc = first.to_string();
        for n in 1..self.lex.max_phrase_words.min(4) {
            let j = i + n;
            if !self.is_word(j) || self.toks[j].nl_before {
                break;
            }
            acc.push(' ');
            acc.push_str(self.key(j));
            if test(&acc) {
                best = n + 1;
            }
            if !self.lex.phrase_starts.contains(acc.as_str()) {
                break;
            }
        }
        best
    }
    fn honorific_at(&self, i: usize) -> usize {
        match self.memo.get(i) {
            Some(memo) => *memo.honorific.get_or_init(|| self.phrase_at(i, |k| self.lex.is_honorific(k))),
            None => 0,
        }
    }
    fn role_at(&self, i: usize) -> usize {
        match self.memo.get(i) {
            Some(memo) => *memo.role.get_or_init(|| self.phrase_at(i, |k| self.lex.is_role(k))),
            None => 0,
        }
    }
    /// A capitalised stopword that is not part of a name here: at the start of a sentence,
    /// next to a number ("24 Septembre"), short, or alone. "Avril Haines" keeps its "Avril".
    fn function_word(&self, i: usize) -> bool {
        if !self.lex.is_stop(self.key(i)) {
            return false;
        }
        // "Al Khalifa", "El Ghazouani": a name particle before a capital inside a name
        if self.lex.is_particle(self.key(i)) && self.cap(i + 1) && !self.sentence_start[i] && i > 0 && self.cap(i - 1) {
            return false;
        }
        let digit = |j: usize| self.toks.get(j).is_some_and(|t| t.word && self.tokens.key_of(t).chars().all(|c| c.is_ascii_digit()));
        self.sentence_start[i] || self.key(i).chars().count() <= 4 || digit(i + 1) || (i > 0 && digit(i - 1)) || !self.cap(i + 1) || self.toks[i + 1].nl_before
    }
    /// Index of the first token starting at or after byte `at`.
    fn tok_from(&self, at: usize) -> usize {
        self.toks.partition_point(|t| t.start < at)
    }
    /// Index of the last token ending at or before byte `at`.
    fn tok_until(&self, at: usize) -> Option<usize> {
        self.toks.partition_point(|t| t.end <= at).checked_sub(1)
    }
    fn in_place(&self, i: usize) -> bool {
        self.place_of.get(i).copied().flatten().is_some()
    }
}

/// Arabic forms of a folded word: itself, without one or two proclitics, with the article
/// restored after "لل".
fn ar_forms(lex: &Lexicon, w: &str) -> Vec<String> {
    let mut out = vec![w.to_string()];
    let mut s = w;
    for _ in 0..2 {
        let mut ch = s.chars();
        match ch.next() {
            Some(c) if lex.clitics.contains(&c) && ch.as_str().chars().count() >= 2 => {
                s = ch.as_str();
                out.push(s.to_string());
                if lex.article_eliding.contains(&c) && lex.starts_with_eliding(s) && !lex.article.is_empty() {
                    let rest: String = s.chars().skip(1).collect();
                    out.push(format!("{}{}", lex.article, rest));
                }
            }
            _ => break,
        }
    }
    out
}

/// Byte length of the proclitics before the word's stem form `form`, when `form` is one of
/// `ar_forms` and a suffix of the word.
fn clitic_len(word: &str, form: &str) -> usize {
    if word.ends_with(form) {
        word.len() - form.len()
    } else {
        0
    }
}

pub(crate) fn find(body_in: &str, lang: &str) -> Vec<Mention> {
    let mut cut = body_in.len().min(MAX_BODY);
    while !body_in.is_char_boundary(cut) {
        cut -= 1;
    }
    let body = &body_in[..cut];
    let lex = lexicon();
    let tokens = Tokens::new(body);
    let toks = tokens.toks.as_slice();
    let hits = gazetteer::find(body, &tokens.folded);
    let mut place_of = vec![None; toks.len()];
    {
        let mut h = 0;
        for (i, t) in toks.iter().enumerate() {
            while h < hits.len() && hits[h].span.end <= t.start {
                h += 1;
            }
            if h < hits.len() && hits[h].span.start < t.end && t.start < hits[h].span.end {
                place_of[i] = Some(h);
            }
        }
    }
    let mut sentence_start = vec![false; toks.len()];
    for i in 0..toks.len() {
        sentence_start[i] = i == 0
            || toks[i].nl_before
            || toks.get(i - 1).is_some_and(|p| !p.word && (CLAUSE_END.contains(&tokens.key_of(p).chars().next().unwrap_or(' ')) && !tokens.key_of(p).starts_with(',')));
    }
    let mut lower_words: Vec<&str> = toks.iter().filter(|t| t.word && !t.arabic && t.text(body).chars().next().is_some_and(|c| c.is_lowercase())).map(|t| tokens.key_of(t)).collect();
    lower_words.sort_unstable();
    lower_words.dedup();
    let memo = std::iter::repeat_with(Memo::default).take(toks.len()).collect();
    let ctx = Ctx { body, tokens: &tokens, toks, lex, place_of, hits, sentence_start, lower_words, memo };
    let mut cands: Vec<Cand> = Vec::new();
    places(&ctx, &mut cands);
    acronyms(&ctx, &mut cands);
    latin_sequences(&ctx, lang, &mut cands);
    lowercase_orgs(&ctx, &mut cands);
    arabic(&ctx, &mut cands);
    recurrences(&ctx, &mut cands);
    let mut out = select(cands);
    // a lone capitalised word stays only when it is part of a person's name found in the page
    let name_words: std::collections::BTreeSet<String> = out.iter().filter(|m| m.kind == EntityKind::Person && m.confident).flat_map(|m| m.surface.split_whitespace().map(key).collect::<Vec<_>>()).collect();
    out.retain_mut(|m| {
        if m.confident {
            return true;
        }
        let ok = m.surface.split_whitespace().all(|w| name_words.contains(&key(w)));
        m.confident = ok;
        ok
    });
    for m in out.iter_mut() {
        if m.kind == EntityKind::Person || m.kind == EntityKind::Organization {
            m.role = if m.kind == EntityKind::Person { role_of(&ctx, m.span).map(Box::new) } else { None };
        }
    }
    // organisations and places named inside each role
    let orgs: Vec<(Span, String, EntityKind)> = out.iter().filter(|m| m.kind != EntityKind::Person && !m.adjective).map(|m| (m.span, m.surface.clone(), m.kind)).collect();
    let adjs: Vec<(Span, String)> = out.iter().filter(|m| m.adjective || m.kind == EntityKind::Country).map(|m| (m.span, m.key.clone().unwrap_or_default())).collect();
    // (both lists are sorted by start, as `out` is)
    for m in out.iter_mut() {
        if let Some(r) = m.role.as_mut() {
            let from = orgs.partition_point(|o| o.0.start < r.span.start);
            r.organization = orgs[from..].iter().take_while(|o| o.0.start < r.span.end).find(|(s, _, k)| *k == EntityKind::Organization && r.span.contains(*s)).map(|o| o.1.clone());
            let from = adjs.partition_point(|o| o.0.start < r.span.start);
            r.country = adjs[from..].iter().take_while(|o| o.0.start < r.span.end).find(|(s, k)| r.span.contains(*s) && !k.is_empty()).map(|o| o.1.clone());
        }
    }
    out
}

fn select(mut cands: Vec<Cand>) -> Vec<Mention> {
    cands.retain(|c| !c.span.is_empty() && !c.surface.trim().is_empty());
    cands.sort_by(|a, b| b.priority.cmp(&a.priority).then(b.span.len().cmp(&a.span.len())).then(a.span.start.cmp(&b.span.start)));
    let mut kept: Vec<Cand> = Vec::new();
    // kept spans by start; candidates are short, so only neighbours within MAX_SPAN can overlap
    let mut by_start: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    const MAX_SPAN: usize = 4096;
    for c in cands {
        if c.span.len() > MAX_SPAN {
            continue;
        }
        let near: Vec<&Cand> = by_start.range(c.span.start.saturating_sub(MAX_SPAN)..c.span.end).flat_map(|(_, v)| v.iter().map(|&i| &kept[i])).collect();
        let clash = near.iter().any(|k| {
            if !k.span.overlaps(c.span) {
                return false;
            }
            // a place named inside an organisation's name is a mention of its own
            let nested_place = k.kind == EntityKind::Organization
                && k.span.contains(c.span)
                && matches!(c.kind, EntityKind::Country | EntityKind::Location)
                && !c.adjective;
            let nested_org = k.kind == EntityKind::Organization && k.span.contains(c.span) && c.kind == EntityKind::Organization && c.nested_ok;
            !nested_place && !nested_org
        });
        if !clash {
            by_start.entry(c.span.start).or_default().push(kept.len());
            kept.push(c);
        }
    }
    kept.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.span.len().cmp(&a.span.len())));
    kept.into_iter()
        .map(|c| Mention {
            span: c.span,
            surface: c.surface,
            kind: c.kind,
            title: c.title,
            role: None,
            key: c.key,
            acronym: c.acronym,
            adjective: c.adjective,
            confident: c.confident,
        })
        .collect()
}

// ------------------------------------------------------------------ places

fn places(ctx: &Ctx, out: &mut Vec<Cand>) {
    let lex = ctx.lex;
    for h in &ctx.hits {
        let Some(entries) = lex.places.get(&h.name) else { continue };
        if !h.name.contains(' ') && (lex.is_stop(&h.name) || lex.is_role(&h.name) || lex.is_honorific(&h.name) || lex.is_org_head(&h.name) || lex.concept(&h.name).is_some()) {
            continue;
        }
        let Some(e) = entries.iter().find(|e| e.kind == EntityKind::Country).or_else(|| entries.iter().find(|e| e.kind == EntityKind::Organization)).or(entries.first()) else { continue };
        let mut span = h.span;
        let mut surface = span.of(ctx.body).to_string();
        // "للمغرب": restore the article in the surface
        if !h.name.is_empty() && key(&surface) != h.name && !lex.article.is_empty() && h.name.starts_with(lex.article.as_str()) {
            surface = e.name.clone();
        }
        // country name followed by its own adjective: "الولايات المتحدة الأمريكية"
        let ti = ctx.toks.partition_point(|t| t.end < span.end);
        if ti < ctx.toks.len() {
            if ctx.is_word(ti + 1) && !ctx.toks[ti + 1].nl_before && !ctx.in_place(ti + 1) {
                if let Some(p) = ctx.demonym(ti + 1) {
                    if p == e.key && ctx.toks[ti + 1].arabic {
                        span = Span::new(span.start, ctx.toks[ti + 1].end);
                        surface = span.of(ctx.body).to_string();
                    }
                }
            }
        }
        // a kind of state before the name: "Royaume du Maroc", "المملكة المغربية"
        let kind = e.kind;
        let mut c = Cand::new(span, surface, kind, if kind == EntityKind::Organization { 7 } else { 5 });
        c.key = Some(e.key.clone());
        out.push(c);
    }
    // adjectives of nationality, and "state word + adjective" ("المملكة المغربية")
    for i in 0..ctx.toks.len() {
        if !ctx.is_word(i) || ctx.in_place(i) {
            continue;
        }
        let t = ctx.text(i);
        let arabic = ctx.toks[i].arabic;
        // Latin adjectives: lower case in fr/es, capitalised in en
        if t.chars().count() < 4 || t.chars().all(|c| c.is_uppercase()) {
            continue;
        }
        let Some(p) = ctx.demonym(i) else { continue };
        let p = p.to_string();
        if i > 0 && ctx.is_word(i - 1) && lex.state_words.contains(ctx.key(i - 1)) && (arabic || first_upper(ctx.text(i - 1))) {
            let span = ctx.span(i - 1, i);
            let mut c = Cand::new(span, span.of(ctx.body).to_string(), EntityKind::Country, 6);
            c.key = Some(p);
            out.push(c);
            continue;
        }
        let span = ctx.span(i, i);
        let kind = if p.starts_with("cldr:") && p[5..].chars().all(|c| c.is_ascii_uppercase()) { EntityKind::Country } else { EntityKind::Location };
        let mut c = Cand::new(span, t.to_string(), kind, 2);
        c.key = Some(p);
        c.adjective = true;
        out.push(c);
    }
    // "Royaume du Maroc", "Republic of ...": state word + connector + country
    for (hi, h) in ctx.hits.iter().enumerate() {
        let ti = ctx.tok_from(h.span.start);
        if ctx.toks.get(ti).is_none_or(|t| t.start != h.span.start) {
            continue;
        }
        let mut j = ti;
        let mut steps = 0;
        while j > 0 && steps < 3 {
            j -= 1;
            steps += 1;
            let k = ctx.key(j);
            if lex.state_words.contains(k) && (ctx.toks[j].arabic || first_upper(ctx.text(j))) {
                let span = Span::new(ctx.toks[j].start, h.span.end);
                let entries = lex.places.get(&h.name);
                if let Some(e) = entries.and_then(|v| v.iter().find(|e| e.kind == EntityKind::Country)) {
                    let mut c = Cand::new(span, span.of(ctx.body).to_string(), EntityKind::Country, 6);
                    c.key = Some(e.key.clone());
                    out.push(c);
                }
                break;
            }
            if !(lex.connectors.contains(k) || lex.state_words.contains(k) || (ctx.is_word(j) && first_upper(ctx.text(j)) && steps == 1)) {
                break;
            }
        }
        let _ = hi;
    }
    unknown_states(ctx, out);
}

/// A word that can be the name of a place no table knows: capitalised in Latin script, and not
/// a word of the language's vocabulary.
fn unknown_name_word(ctx: &Ctx, j: usize) -> bool {
    let lex = ctx.lex;
    let Some(t) = ctx.toks.get(j) else { return false };
    if !t.word || t.nl_before || ctx.in_place(j) || ctx.key(j).chars().count() < 3 || ctx.key(j).chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let k = ctx.key(j);
    let in_vocabulary = |f: &str| lex.is_stop(f) || lex.is_role(f) || lex.is_honorific(f) || lex.is_org_head(f) || lex.concept(f).is_some() || lex.state_words.contains(f) || lex.is_particle(f);
    let vocabulary = if t.arabic { ctx.forms(j).iter().any(|f| in_vocabulary(f)) } else { in_vocabulary(k) };
    if vocabulary || ctx.demonym(j).is_some() {
        return false;
    }
    if t.arabic {
        // a noun with the article is a common noun
        lex.article.is_empty() || !k.starts_with(lex.article.as_str())
    } else {
        ctx.cap(j) && !is_acronym(ctx.text(j))
    }
}

/// "République de Valmorie", "جمهورية فالموريا": a state word before a name no table knows
/// names a country; the name alone elsewhere in the page is the same country.
fn unknown_states(ctx: &Ctx, out: &mut Vec<Cand>) {
    let lex = ctx.lex;
    let mut names: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let mut whole: Vec<Span> = Vec::new();
    for i in 0..ctx.toks.len() {
        if !ctx.is_word(i) || !lex.state_words.contains(ctx.key(i)) || !(ctx.toks[i].arabic || first_upper(ctx.text(i))) {
            continue;
        }
        let mut j = i + 1;
        while j < i + 3 && ctx.latin_word(j) && lex.connectors.contains(ctx.key(j)) && !ctx.cap(j) {
            j += 1;
        }
        if !unknown_name_word(ctx, j) || ctx.toks[j].arabic != ctx.toks[i].arabic {
            continue;
        }
        // "République de Valmorie Karim ...": the name is one word
        let span = ctx.span(i, j);
        let mut c = Cand::new(span, span.of(ctx.body).to_string(), EntityKind::Country, 7);
        c.confident = true;
        out.push(c);
        whole.push(span);
        names.insert(ctx.key(j).to_string());
    }
    if names.is_empty() {
        return;
    }
    for i in 0..ctx.toks.len() {
        if !ctx.is_word(i) || whole.iter().any(|s| s.start <= ctx.toks[i].start && ctx.toks[i].end <= s.end) {
            continue;
        }
        let t = &ctx.toks[i];
        if !t.arabic && !ctx.cap(i) {
            continue;
        }
        let f = if t.arabic { ctx.forms(i).iter().map(String::as_str).find(|f| names.contains(*f)) } else { Some(ctx.key(i)).filter(|k| names.contains(*k)) };
        let Some(f) = f else { continue };
        let (a, surface) = if t.arabic { let (txt, surf) = strip_clitic_text(ctx.text(i), lex, f); (t.end - txt.len(), surf) } else { (t.start, ctx.text(i).to_string()) };
        out.push(Cand::new(Span::new(a, t.end), surface, EntityKind::Country, 6));
    }
}

// ------------------------------------------------------------------ acronyms

/// Initials of content words of tokens a..b (connectors skipped).
fn content_words(ctx: &Ctx, a: usize, b: usize) -> Vec<usize> {
    (a..b)
        .filter(|&i| {
            ctx.is_word(i) && !ctx.lex.connectors.contains(ctx.key(i)) && !ctx.lex.is_particle(ctx.key(i)) && ctx.key(i).chars().count() > 1 && !(ctx.demonym(i).is_some() && !ctx.in_place(i))
                || (ctx.is_word(i) && is_acronym(ctx.text(i)))
        })
        .collect()
}

/// Can `acr` be read as prefixes of (a subsequence of) these words, starting with the first?
pub(crate) fn acronym_fits(acr: &str, words: &[String]) -> bool {
    let a: Vec<char> = acr.to_lowercase().chars().filter(|c| c.is_alphabetic()).collect();
    if a.is_empty() || words.is_empty() {
        return false;
    }
    let w: Vec<Vec<char>> = words.iter().map(|w| dossier_text::fold(w).chars().filter(|c| c.is_alphanumeric()).collect()).collect();
    // dp over (letter index, word index)
    fn go(a: &[char], w: &[Vec<char>], i: usize, j: usize, first: bool, budget: &mut u32) -> bool {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        if i == a.len() {
            return true;
        }
        if j >= w.len() {
            return false;
        }
        // use word j for a prefix of length 1..
        let word = &w[j];
        let mut k = 0;
        while k < word.len() && i + k < a.len() && word[k] == a[i + k] {
            k += 1;
            if go(a, w, i + k, j + 1, false, budget) {
                return true;
            }
        }
        // skip word j (not the first)
        !first && go(a, w, i, j + 1, false, budget)
    }
    let mut budget = 2000;
    if go(&a, &w, 0, 0, true, &mut budget) {
        return true;
    }
    // initials in another order ("Bureau d'Investigation Fédéral" = FBI)
    let mut initials: Vec<char> = w.iter().filter_map(|x| x.first().copied()).collect();
    let mut letters = a.clone();
    initials.sort();
    letters.sort();
    a.len() >= 3 && initials.len() == a.len() && letters.iter().all(|c| initials.contains(c)) && {
        // every letter used once
        let mut pool = initials.clone();
        letters.iter().all(|c| match pool.iter().position(|x| x == c) {
            Some(p) => {
                pool.remove(p);
                true
            }
            None => false,
        })
    }
}

fn acronyms(ctx: &Ctx, out: &mut Vec<Cand>) {
    let lex = ctx.lex;
    let n = ctx.toks.len();
    for i in 0..n {
        if !ctx.latin_word(i) || ctx.in_place(i) {
            continue;
        }
        let t = ctx.text(i);
        if !is_acronym(t) || is_roman(t) || lex.is_stop(ctx.key(i)) || lex.is_honorific(ctx.key(i)) {
            continue;
        }
        // a line in capitals is a heading, not an acronym
        let caps_neighbour = |j: usize| ctx.latin_word(j) && ctx.text(j).chars().filter(|c| c.is_alphabetic()).count() >= 3 && ctx.text(j).chars().all(|c| !c.is_lowercase()) && !ctx.toks[j].nl_before;
        if (i > 0 && caps_neighbour(i - 1) && !ctx.toks[i].nl_before) || (caps_neighbour(i + 1) && !ctx.toks[i + 1].nl_before) {
            continue;
        }
        let parts: Vec<&str> = t.split(['-', '&']).filter(|p| p.chars().count() >= 2).collect();
        let in_parens = i > 0 && ctx.punct(i - 1, '(') && ctx.punct(i + 1, ')');
        let mut offset = ctx.toks[i].start;
        for p in t.split(['-', '&']) {
            let start = offset;
            offset += p.len() + 1;
            if !parts.contains(&p) {
                continue;
            }
            let span = Span::new(start, start + p.len());
            let mut c = Cand::new(span, p.to_string(), EntityKind::Organization, 7);
            c.acronym = Some(p.to_string());
            out.push(c);
        }
        // "Direction générale de la surveillance du territoire (DGST)"
        if in_parens && parts.len() == 1 {
            if let Some((a, b)) = definition(ctx, i - 1, t) {
                let span = ctx.span(a, b);
                let mut c = Cand::new(span, span.of(ctx.body).to_string(), EntityKind::Organization, 8);
                c.acronym = Some(t.to_string());
                out.push(c);
            }
        }
    }
}

/// The definition of the acronym in parentheses at `paren` (tokens a..=b before it).
fn definition(ctx: &Ctx, paren: usize, acr: &str) -> Option<(usize, usize)> {
    let lex = ctx.lex;
    if paren == 0 {
        return None;
    }
    let end = paren - 1;
    let mut start = end;
    let mut best: Option<usize> = None;
    let mut org_start: Option<usize> = None;
    let mut steps = 0;
    loop {
        if !ctx.is_word(start) || steps > 12 || (start < end && ctx.toks[start + 1].nl_before) {
            break;
        }
        let k = ctx.key(start);
        let words: Vec<String> = content_words(ctx, start, end + 1).iter().map(|&i| ctx.key(i).to_string()).collect();
        let capital_or_head = (ctx.cap(start) || lex.is_org_head(k)) && !lex.is_stop(k) && !lex.connectors.contains(k);
        if capital_or_head && acronym_fits(acr, &words) {
            best = Some(start);
        }
        if lex.is_org_head(k) && (ctx.cap(start) || start + 1 <= end) {
            org_start = Some(start);
        }
        if start == 0 {
            break;
        }
        start -= 1;
        steps += 1;
    }
    let mut a = best.or(org_start)?;
    // "US Naval Forces Central Command (NAVCENT)": a place before the name belongs to it
    while a > 0 && a > end.saturating_sub(12) && (ctx.in_place(a - 1) || ctx.demonym(a - 1).is_some()) && ctx.cap(a - 1) && !ctx.toks[a].nl_before {
        a -= 1;
    }
    Some((a, end))
}

// ------------------------------------------------------------------ Latin capitalised sequences

fn latin_sequences(ctx: &Ctx, lang: &str, out: &mut Vec<Cand>) {
    let lex = ctx.lex;
    let n = ctx.toks.len();
    let mut i = 0;
    while i < n {
        if !ctx.cap(i) {
            i += 1;
            continue;
        }
        // sequence of capitalised words, joined by particles/connectors followed by a capital
        let start = i;
        let mut end = i;
        let mut j = i + 1;
        while j < n {
            if ctx.toks[j].nl_before {
                break;
            }
            if ctx.cap(j) {
                end = j;
                j += 1;
                continue;
            }
            if ctx.latin_word(j) {
                let k = ctx.key(j);
                let joins = lex.is_particle(k) || lex.connectors.contains(k);
                // up to two small words between capitals ("Ursula von der Leyen", "Ministère de l'Intérieur")
                let mut m = j;
                while m < n && m < j + 3 && ctx.latin_word(m) && !ctx.cap(m) && (lex.is_particle(ctx.key(m)) || lex.connectors.contains(ctx.key(m))) && !ctx.toks[m].nl_before {
                    m += 1;
                }
                if joins && m > j && ctx.cap(m) && !ctx.toks[m].nl_before {
                    end = m;
                    j = m + 1;
                    continue;
                }
            }
            break;
        }
        // no name is that long: a run of capitals (a headline, a list) is read in pieces
        let end = end.min(start + 24);
        handle_sequence(ctx, lang, start, end, out);
        i = end + 1;
    }
}

/// Splits a capitalised sequence at honorifics, roles and places, and classifies the parts.
fn handle_sequence(ctx: &Ctx, lang: &str, start: usize, end: usize, out: &mut Vec<Cand>) {
    let lex = ctx.lex;
    let _ = lang;
    // organisation: a sequence holding an organisation word
    let mut i = start;
    // leading stopwords (determiners at the start of a sentence...)
    while i <= end && (ctx.function_word(i) || lex.connectors.contains(ctx.key(i))) && !is_acronym(ctx.text(i)) && ctx.honorific_at(i) == 0 {
        i += 1;
    }
    if i > end {
        return;
    }
    let head = (i..=end).find(|&k| lex.is_org_head(ctx.key(k)) && ctx.cap(k));
    if let Some(h) = head {
        // the part before the head may be a role, an honorific, a country adjective ("US Central Command")
        let mut a = h;
        while a > i {
            let p = a - 1;
            let k = ctx.key(p);
            if ctx.in_place(p) || ctx.demonym(p).is_some() || ctx.concept(p) || (ctx.cap(p) && !lex.is_role(k) && !lex.is_honorific(k) && !lex.is_stop(k)) {
                a = p;
            } else {
                break;
            }
        }
        // the organisation ends before an honorific or role that starts a person's name
        let mut b = h;
        let mut k = h + 1;
        while k <= end {
            if ctx.honorific_at(k) > 0 || (ctx.role_at(k) > 0 && !lex.is_org_head(ctx.key(k))) || ctx.function_word(k) {
                break;
            }
            b = k;
            k += 1;
        }
        // trailing connectors
        while b > a && (lex.connectors.contains(ctx.key(b)) || lex.is_particle(ctx.key(b))) {
            b -= 1;
        }
        // a following lower-case adjective of nationality belongs to the name ("Union européenne")
        if ctx.latin_word(b + 1) && !ctx.toks[b + 1].nl_before && !ctx.cap(b + 1) && (ctx.demonym(b + 1).is_some() || ctx.concept(b + 1)) {
            b += 1;
        }
        let span = ctx.span(a, b);
        let mut c = Cand::new(span, span.of(ctx.body).to_string(), EntityKind::Organization, 6);
        c.confident = b > a || ctx.in_place(a);
        if b > a {
            out.push(c);
        }
        if a > i {
            handle_sequence(ctx, lang, i, a - 1, out);
        }
        if b < end {
            handle_sequence(ctx, lang, b + 1, end, out);
        }
        return;
    }
    // split at honorifics and roles: what follows one is a name
    let mut parts: Vec<(usize, usize, Option<String>, bool)> = Vec::new(); // (a, b, title, role_before)
    let mut k = i;
    let mut cur_start = i;
    let mut title: Option<String> = None;
    let mut role_before = false;
    let name_like = |j: usize| {
        ctx.cap(j) && !ctx.in_place(j) && ctx.demonym(j).is_none() && !ctx.concept(j) && !lex.is_stop(ctx.key(j)) && ctx.role_at(j) == 0 && ctx.honorific_at(j) == 0 && !is_acronym(ctx.text(j)) && !lex.is_org_head(ctx.key(j))
    };
    while k <= end {
        let mut h = ctx.honorific_at(k);
        let r = ctx.role_at(k);
        let mut place = ctx.in_place(k) || (ctx.demonym(k).is_some() && !ctx.toks[k].arabic);
        // "Mohamed Cheikh El Ghazouani": a title word inside a name
        if h > 0 && k > cur_start && name_like(k - 1) && k + h <= end && (name_like(k + h) || lex.is_particle(ctx.key(k + h))) {
            h = 0;
        }
        // "Georgia Meloni": a one-word place name that begins a person's name
        if place && k == cur_start && k < end && name_like(k + 1) && ctx.place_of[k] != ctx.place_of.get(k + 1).copied().flatten() && (k == 0 || ctx.place_of[k] != ctx.place_of[k - 1]) {
            let one_token = ctx.place_of[k].and_then(|p| ctx.hits.get(p)).is_some_and(|hit| hit.span.start == ctx.toks[k].start && hit.span.end == ctx.toks[k].end);
            if one_token && (role_before || title.is_some() || (k > 0 && !ctx.sentence_start[k])) {
                place = false;
            }
        }
        if h == 0 && r == 0 && !place && (!ctx.function_word(k) || ctx.honorific_at(k) > 0) {
            k += 1;
            continue;
        }
        if h > 0 || r > 0 || place || ctx.function_word(k) {
            if k > cur_start {
                parts.push((cur_start, k - 1, title.take(), role_before));
            }
            if h > 0 && k + h <= end + 1 {
                let last = (k + h - 1).min(end);
                title = Some(ctx.span(k, last).of(ctx.body).to_string());
                role_before = false;
                k += h;
            } else if r > 0 {
                role_before = true;
                title = None;
                k += r.max(1);
                // a role phrase runs on through connectors and capitals up to the next honorific
                while k <= end
                    && ctx.honorific_at(k) == 0
                    && (lex.connectors.contains(ctx.key(k))
                        || lex.is_particle(ctx.key(k))
                        || ctx.concept(k)
                        || ctx.in_place(k)
                        || ctx.role_at(k) > 0
                        || lex.state_words.contains(ctx.key(k))
                        || (k > 0 && lex.connectors.contains(ctx.key(k - 1)) && !lex.is_particle(ctx.key(k - 1))))
                {
                    k += 1;
                }
            } else {
                k += 1;
                title = None;
            }
            cur_start = k;
            continue;
        }
        k += 1;
    }
    if cur_start <= end {
        parts.push((cur_start, end, title.take(), role_before));
    }
    for (a, b, title, role_before) in parts {
        person_part(ctx, a, b, title, role_before, out);
    }
}

fn person_part(ctx: &Ctx, mut a: usize, mut b: usize, title: Option<String>, role_before: bool, out: &mut Vec<Cand>) {
    let lex = ctx.lex;
    while a <= b && (lex.connectors.contains(ctx.key(a)) || lex.is_particle(ctx.key(a))) && !ctx.cap(a) {
        a += 1;
    }
    while b > a && (lex.connectors.contains(ctx.key(b)) || (lex.is_particle(ctx.key(b)) && !ctx.cap(b))) {
        b -= 1;
    }
    if a > b {
        return;
    }
    let names: Vec<usize> = (a..=b).filter(|&k| !lex.is_particle(ctx.key(k)) || ctx.cap(k) && k == b).collect();
    if names.is_empty() {
        return;
    }
    // words of institutions or nationality are not personal names
    for k in a..=b {
        let t = ctx.text(k);
        if lex.concept(t).is_some() || lex.is_org_head(ctx.key(k)) || lex.is_role(ctx.key(k)) || (lex.connectors.contains(ctx.key(k)) && !lex.is_particle(ctx.key(k))) {
            return;
        }
        if is_acronym(t) && !is_roman(t) && t.chars().count() > 1 {
            return;
        }
    }
    if names.len() > 5 {
        return;
    }
    let evidence = title.is_some() || role_before || role_after(ctx, b);
    // "Host Country Agreement": without a title or a role, a sequence holding a word the page
    // also writes in lower case is not a name
    if !evidence && names.iter().any(|&k| ctx.lower_words.binary_search(&ctx.key(k)).is_ok() && !lex.is_particle(ctx.key(k))) {
        return;
    }
    let confident = evidence || names.len() >= 2;
    if names.len() == 1 && !evidence && ctx.sentence_start[a] {
        return;
    }
    if names.len() == 1 && ctx.text(a).chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return;
    }
    let span = ctx.span(a, b);
    let mut c = Cand::new(span, span.of(ctx.body).to_string(), EntityKind::Person, if confident { 6 } else { 1 });
    c.title = title;
    c.confident = confident;
    out.push(c);
}

/// ", directeur de la CIA" after token b.
fn role_after(ctx: &Ctx, b: usize) -> bool {
    if !ctx.punct(b + 1, ',') && !ctx.punct(b + 1, '،') {
        return false;
    }
    let mut k = b + 2;
    let mut steps = 0;
    while ctx.is_word(k) && steps < 3 && (ctx.lex.is_stop(ctx.key(k)) || ctx.lex.connectors.contains(ctx.key(k))) && ctx.role_at(k) == 0 {
        k += 1;
        steps += 1;
    }
    ctx.role_at(k) > 0 || ctx.forms(k).iter().any(|f| ctx.lex.is_role(f))
}

/// The role stated next to a person's name: ", directeur de la CIA," after it, or
/// "le Directeur de la CIA, " / "le ministre tunisien de l'Intérieur" before it.
fn role_of(ctx: &Ctx, span: Span) -> Option<Role> {
    let a = ctx.tok_from(span.start);
    if a >= ctx.toks.len() {
        return None;
    }
    let b = ctx.tok_until(span.end)?;
    let is_stop_punct = |i: usize| !ctx.is_word(i) && !ctx.punct(i, '\'') && !ctx.punct(i, '’') && !ctx.punct(i, '-');
    // after
    if ctx.punct(b + 1, ',') || ctx.punct(b + 1, '،') {
        let s = b + 2;
        let mut k = s;
        let mut has_role = false;
        while k < ctx.toks.len() && k < s + 14 && !is_stop_punct(k) && !ctx.toks[k].nl_before {
            if ctx.role_at(k) > 0 || ctx.forms(k).iter().any(|f| ctx.lex.is_role(f)) {
                has_role = true;
            }
            if k > s && !has_role {
                break;
            }
            k += 1;
        }
        // ", le Directeur de la CIA, William Burns": the phrase introduces the next name
        let next_name = (ctx.punct(k, ',') || ctx.punct(k, '،')) && (ctx.cap(k + 1) || ctx.toks.get(k + 1).is_some_and(|t| t.arabic));
        if has_role && k > s && !next_name {
            let sp = ctx.span(s, k - 1);
            return Some(Role { text: sp.of(ctx.body).to_string(), span: sp, organization: None, country: None });
        }
    }
    // before
    if a == 0 {
        return None;
    }
    let mut e = a - 1;
    if ctx.punct(e, ',') || ctx.punct(e, '،') {
        if e == 0 {
            return None;
        }
        e -= 1;
    }
    let mut k = e;
    let mut role_at = None;
    let mut steps = 0;
    loop {
        if is_stop_punct(k) || steps > 12 {
            break;
        }
        if ctx.role_at(k) > 0 || ctx.forms(k).iter().any(|f| ctx.lex.is_role(f)) {
            role_at = Some(k);
            // the nearest role word; a determiner or a second role word just before it joins
            if k > 0 && ctx.is_word(k - 1) && (ctx.role_at(k - 1) > 0 || ctx.lex.is_stop(ctx.key(k - 1))) && ctx.lex.is_role(&format!("{} {}", ctx.key(k - 1), ctx.key(k))) {
                role_at = Some(k - 1);
            }
            break;
        }
        if k == 0 || ctx.toks[k].nl_before {
            break;
        }
        k -= 1;
        steps += 1;
    }
    let r = role_at?;
    if r > e {
        return None;
    }
    let sp = ctx.span(r, e);
    Some(Role { text: sp.of(ctx.body).to_string(), span: sp, organization: None, country: None })
}

// ------------------------------------------------------------------ lower-case organisation phrases

/// "l'ambassade américaine à Rabat", "la police des Pays-Bas", "police fédérale d'Allemagne".
fn lowercase_orgs(ctx: &Ctx, out: &mut Vec<Cand>) {
    let lex = ctx.lex;
    for i in 0..ctx.toks.len() {
        if !ctx.latin_word(i) || ctx.cap(i) || !lex.is_org_head(ctx.key(i)) {
            continue;
        }
        let mut k = i + 1;
        let mut end = None;
        let mut steps = 0;
        while ctx.latin_word(k) && steps < 5 && !ctx.toks[k].nl_before {
            let t = ctx.text(k);
            if ctx.in_place(k) {
                // through the whole place name
                let h = ctx.place_of[k];
                while ctx.place_of.get(k + 1).copied().flatten() == h && h.is_some() {
                    k += 1;
                }
                end = Some(k);
                break;
            }
            if ctx.demonym(k).is_some() {
                end = Some(k);
                k += 1;
                steps += 1;
                continue;
            }
            if lex.connectors.contains(ctx.key(k)) || lex.concept(t).is_some() {
                k += 1;
                steps += 1;
                continue;
            }
            break;
        }
        if let Some(e) = end {
            let span = ctx.span(i, e);
            out.push(Cand::new(span, span.of(ctx.body).to_string(), EntityKind::Organization, 4));
        }
    }
}

// ------------------------------------------------------------------ Arabic

fn arabic(ctx: &Ctx, out: &mut Vec<Cand>) {
    let lex = ctx.lex;
    let n = ctx.toks.len();
    let has_form = |i: usize, f: &dyn Fn(&str) -> bool| -> Option<&str> { ctx.forms(i).iter().map(String::as_str).find(|x| f(x)) };
    let mut i = 0;
    while i < n {
        if !ctx.toks[i].arabic || !ctx.toks[i].word {
            // quoted Arabic word: «إنتربول»
            i += 1;
            continue;
        }
        // honorific (one or two words)
        let two = if ctx.is_word(i + 1) && ctx.toks[i + 1].arabic { Some(format!("{} {}", ctx.key(i), ctx.key(i + 1))) } else { None };
        let hon2 = two.as_ref().is_some_and(|t| ar_forms(lex, t).iter().any(|f| lex.is_honorific(f)));
        let hon1 = has_form(i, &|f| lex.is_honorific(f)).is_some();
        if hon1 || hon2 {
            let mut j = i + if hon2 { 2 } else { 1 };
            let title_start = i;
            // more honorifics, adjectives of nationality, quotes
            while j < i + 6 {
                if j < n && !ctx.toks[j].word && QUOTES.iter().any(|q| ctx.punct(j, *q)) {
                    j += 1;
                    continue;
                }
                if j < n && ctx.toks[j].arabic && (has_form(j, &|f| lex.is_honorific(f)).is_some() || ctx.demonym(j).is_some() && !ctx.in_place(j)) {
                    j += 1;
                    continue;
                }
                break;
            }
            if let Some((a, b, surface)) = read_arabic_name(ctx, j, 4) {
                let span = Span::new(a, b);
                let mut c = Cand::new(span, surface, EntityKind::Person, 7);
                let tend = ctx.toks.get(j.saturating_sub(1)).map_or(a, |t| t.end);
                c.title = Some(Span::new(ctx.toks[title_start].start, tend).of(ctx.body).trim_matches(|c: char| QUOTES.contains(&c) || c.is_whitespace()).to_string());
                out.push(c);
                i = j + 1;
                continue;
            }
        }
        // role noun: the phrase, then (after a comma or directly) a name
        if let Some(_r) = has_form(i, &|f| lex.is_role(f)) {
            let mut j = i + 1;
            let mut steps = 0;
            while j < n && steps < 9 && ctx.toks[j].arabic && ctx.toks[j].word {
                let forms = ctx.forms(j);
                let genitive = lex.starts_with_eliding(ctx.key(j)) && forms.len() > 1;
                let ok = genitive || forms.iter().any(|f| {
                    (f.starts_with(lex.article.as_str()) && !lex.article.is_empty() && !lex.is_honorific(f))
                        || lex.concept(f).is_some()
                        || lex.is_org_head(f)
                        || lex.is_role(f)
                        || lex.places.contains_key(f)
                }) || ctx.in_place(j);
                let with_article = !lex.article.is_empty() && ctx.key(j).starts_with(lex.article.as_str()) && ctx.key(j).chars().count() > 4;
                if !ok || (lex.is_stop(ctx.key(j)) && !with_article) {
                    break;
                }
                j += 1;
                steps += 1;
                // "الوزير الأول الهولندي مارك روته": the adjective of nationality ends the phrase
                if ctx.demonym(j - 1).is_some() && !ctx.in_place(j - 1) {
                    break;
                }
            }
            let comma = ctx.punct(j, '،') || ctx.punct(j, ',');
            let k = if comma { j + 1 } else { j };
            let ends_with_place = j > i + 1 && ctx.in_place(j - 1);
            // an honorific may follow ("، العميد عماد عصمان"): the honorific branch reads it
            let conj = k < n && lex.starts_with_conjunction(ctx.key(k)) && ctx.key(k).chars().count() > 3;
            // "، وفالديسي أوركيزا أمين عام المنظمة": a name joined by "and" when a role follows it
            let conj = conj && !read_arabic_name(ctx, k, 4).is_some_and(|(_, b, _)| {
                let next = ctx.tok_from(b);
                next < n && has_form(next, &|f| lex.is_role(f)).is_some()
            });
            // "بقصر البحر": a preposition and a noun with its adjective, not a name
            let prep_phrase = k + 1 < n
                && ctx.key(k).starts_with(|c: char| lex.clitics.contains(&c) && !lex.conjunctions.contains(&c))
                && !lex.article.is_empty()
                && ctx.key(k + 1).starts_with(lex.article.as_str());
            let direct = !comma && j > i + 1 && !ends_with_place;
            if !conj && !prep_phrase && k < n && ctx.toks[k].arabic && has_form(k, &|f| lex.is_honorific(f)).is_none() && (direct || comma) {
                if let Some((a, b, surface)) = read_arabic_name(ctx, k, 4) {
                    let units = surface.split_whitespace().count();
                    if comma || units >= 2 {
                        // read without a comma, the end of the name is less sure
                        out.push(Cand::new(Span::new(a, b), surface, EntityKind::Person, if comma { 6 } else { 5 }));
                    }
                }
            }
            // a name before ", role": "يورغن شتوك، أمين عام المنظمة"
            if i >= 2 && (ctx.punct(i - 1, '،') || ctx.punct(i - 1, ',')) {
                for back in (2..=4).rev() {
                    if i < back + 1 {
                        continue;
                    }
                    let s = i - 1 - back;
                    if !ctx.toks[s].arabic || !ctx.toks[s].word {
                        continue;
                    }
                    if s > 0 && ctx.toks[s - 1].word && ctx.toks[s - 1].arabic && !lex.is_stop(ctx.key(s - 1)) && has_form(s - 1, &|f| lex.is_role(f) || lex.is_honorific(f)).is_none() {
                        continue;
                    }
                    if let Some((a, b, surface)) = read_arabic_name(ctx, s, 4) {
                        if b == ctx.toks[i - 2].end && surface.split_whitespace().count() >= 2 {
                            out.push(Cand::new(Span::new(a, b), surface, EntityKind::Person, 5));
                            break;
                        }
                    }
                }
            }
        }
        // organisation head
        let adjective_head = i > 0
            && ctx.toks[i - 1].arabic
            && ctx.toks[i - 1].word
            && !lex.article.is_empty()
            && ctx.key(i).starts_with(lex.article.as_str())
            && ctx.key(i - 1).starts_with(lex.article.as_str())
            && !lex.is_stop(ctx.key(i - 1))
            && has_form(i - 1, &|f| lex.is_role(f) || lex.is_honorific(f) || lex.is_org_head(f)).is_none();
        if !ctx.in_place(i) && !adjective_head {
            if let Some(head) = has_form(i, &|f| lex.is_org_head(f)) {
                let mut j = i + 1;
                let mut last = None;
                while j < n && j < i + 7 && ctx.toks[j].arabic && ctx.toks[j].word {
                    let forms = ctx.forms(j);
                    let w = ctx.key(j);
                    if lex.is_stop(w) || forms.iter().any(|f| lex.is_honorific(f) || (lex.is_role(f) && !lex.is_org_head(f))) {
                        break;
                    }
                    let conj = lex.starts_with_conjunction(w) && forms.len() > 1;
                    let ok = ctx.in_place(j)
                        || forms.iter().any(|f| (!lex.article.is_empty() && f.starts_with(lex.article.as_str())) || lex.concept(f).is_some() || lex.demonym(f).is_some());
                    if !ok || (conj && !forms.iter().skip(1).any(|f| lex.concept(f).is_some())) {
                        break;
                    }
                    if conj {
                        break;
                    }
                    last = Some(j);
                    j += 1;
                    // the adjective of nationality ends the name ("القيادة الوسطى الأمريكية")
                    if ctx.demonym(j - 1).is_some() && !ctx.in_place(j - 1) {
                        break;
                    }
                }
                if let Some(l) = last {
                    let whole = ctx.text(i);
                    let hk = ctx.key(i);
                    // span without proclitics; surface with the article restored
                    let (span_start, surface_head) = if hk == head {
                        (ctx.toks[i].start, whole.to_string())
                    } else {
                        let orig_head = strip_clitic_text(whole, lex, &head);
                        (ctx.toks[i].end - orig_head.0.len(), orig_head.1)
                    };
                    let rest = Span::new(ctx.toks[i].end, ctx.toks[l].end).of(ctx.body);
                    let span = Span::new(span_start, ctx.toks[l].end);
                    let surface = format!("{surface_head}{rest}");
                    let mut c = Cand::new(span, surface, EntityKind::Organization, 5);
                    c.nested_ok = true;
                    out.push(c);
                }
            }
        }
        // a quoted word or two: «إنتربول»
        if i > 0 && QUOTES.iter().any(|q| ctx.punct(i - 1, *q)) {
            let close = (i..(i + 3).min(n)).find(|&k| QUOTES.iter().any(|q| ctx.punct(k + 1, *q)));
            if let Some(c) = close {
                if (i..=c).all(|k| ctx.toks[k].arabic && ctx.toks[k].word) && !lex.is_stop(ctx.key(i)) && c == i {
                    let span = ctx.span(i, c);
                    let mut cand = Cand::new(span, span.of(ctx.body).to_string(), EntityKind::Organization, 3);
                    cand.confident = true;
                    out.push(cand);
                }
            }
        }
        i += 1;
    }
}

/// The original text of an Arabic word without its proclitics, and its display form with
/// the article restored ("للمديرية" -> ("لمديرية" span text, "المديرية")).
fn strip_clitic_text<'t>(word: &'t str, lex: &Lexicon, form: &str) -> (&'t str, String) {
    // walk original chars, dropping leading clitic letters until the folded rest matches `form`
    let mut s = word;
    for _ in 0..3 {
        let k = key(s);
        if k == form {
            return (s, s.to_string());
        }
        // "لمديرية" with form "المديرية"
        if !lex.article.is_empty() && form.starts_with(lex.article.as_str()) {
            let lam: String = lex.article.chars().skip(1).collect();
            if let Some(rest) = form.strip_prefix(lex.article.as_str()) {
                if k == format!("{lam}{rest}") {
                    let mut ch = s.chars();
                    ch.next();
                    return (s, format!("{}{}", lex.article, ch.as_str()));
                }
            }
        }
        let mut ch = s.chars();
        ch.next();
        s = ch.as_str();
        if s.is_empty() {
            break;
        }
    }
    (word, word.to_string())
}

/// Reads an Arabic personal name from token `j`: up to `max` parts, particles and compounds
/// joined, ending at punctuation, function words, roles, places, or a part with the article.
/// Returns the byte span (without a leading conjunction) and the surface.
fn read_arabic_name(ctx: &Ctx, j: usize, max: usize) -> Option<(usize, usize, String)> {
    let lex = ctx.lex;
    let n = ctx.toks.len();
    let mut k = j;
    let mut units = 0;
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut after_particle = false;
    while k < n && units < max && k < j + 3 * max {
        let t = &ctx.toks[k];
        if !t.word || !t.arabic || (k > j && t.nl_before) {
            break;
        }
        let w = ctx.key(k);
        let forms = ctx.forms(k);
        if !after_particle {
            if lex.is_stop(w) || forms.iter().any(|f| lex.is_role(f) || lex.is_honorific(f) || lex.is_org_head(f)) {
                break;
            }
            let place_first = units == 0 && ctx.in_place(k) && k + 1 < n && ctx.toks[k + 1].arabic && ctx.toks[k + 1].word && !ctx.in_place(k + 1) && !lex.is_stop(ctx.key(k + 1)) && !ctx.key(k + 1).starts_with(lex.article.as_str());
            if (ctx.in_place(k) && !place_first) || (ctx.demonym(k).is_some() && !ctx.in_place(k)) {
                break;
            }
            if units > 0 && lex.starts_with_conjunction(w) && w.chars().count() > 3 {
                break;
            }
        }
        if start.is_none() {
            // a leading conjunction or preposition joined to the first part
            let mut s = t.start;
            if lex.starts_with_conjunction(w) && w.chars().count() > 4 {
                // step over the page's own first char: it may be a presentation form of the letter
                s += ctx.body.get(s..).and_then(|r| r.chars().next()).map_or(0, char::len_utf8);
            }
            // a name does not start with the article
            if !lex.article.is_empty() && key(ctx.body.get(s..t.end).unwrap_or("")).starts_with(lex.article.as_str()) {
                return None;
            }
            start = Some(s);
        }
        let is_particle = lex.is_particle(w);
        let is_compound = lex.compound_prefixes.contains(w);
        end = t.end;
        k += 1;
        if is_particle || is_compound {
            after_particle = true;
            continue;
        }
        units += 1;
        let has_article = !lex.article.is_empty() && w.starts_with(lex.article.as_str());
        let was_after = after_particle;
        after_particle = false;
        if has_article && units >= 2 && !was_after {
            break;
        }
        if was_after && k >= 2 && lex.is_particle(ctx.key(k - 2)) && !lex.article.is_empty() && ctx.key(k - 2).starts_with(lex.article.chars().next().unwrap_or(' ')) && ctx.key(k - 2).chars().count() == 2 {
            // "آل نهيان" (family) ends a name
            break;
        }
    }
    let s = start?;
    if units == 0 || end <= s {
        return None;
    }
    // drop a trailing particle
    let surface = ctx.body.get(s..end)?.to_string();
    Some((s, end, surface))
}

// ------------------------------------------------------------------ recurrences

/// Other occurrences in the page of a found person's family name or of a defined acronym
/// written in lower case ("Interpol").
fn recurrences(ctx: &Ctx, out: &mut Vec<Cand>) {
    let lex = ctx.lex;
    let mut surnames: Vec<String> = Vec::new();
    let mut acrs: Vec<String> = Vec::new();
    for c in out.iter() {
        if c.kind == EntityKind::Person && c.confident && (c.priority >= 6 || c.title.is_some()) {
            let words: Vec<&str> = c.surface.split_whitespace().collect();
            if words.len() >= 2 {
                if let Some(last) = words.last() {
                    let k = key(last);
                    if k.chars().count() >= 3 && !lex.is_particle(&k) {
                        surnames.push(k);
                    }
                }
            }
        }
        if let Some(a) = &c.acronym {
            if a.chars().count() >= 4 {
                acrs.push(key(a));
            }
        }
    }
    surnames.sort();
    surnames.dedup();
    acrs.sort();
    acrs.dedup();
    for i in 0..ctx.toks.len() {
        if !ctx.is_word(i) {
            continue;
        }
        let t = &ctx.toks[i];
        let k = ctx.key(i);
        let known = |words: &[String]| words.binary_search_by(|w| w.as_str().cmp(k)).is_ok();
        if t.arabic {
            for f in ctx.forms(i) {
                if surnames.binary_search(f).is_ok() {
                    let off = clitic_len(k, f);
                    // map folded offset to original: proclitics are one char each
                    let nclitic = k[..off].chars().count();
                    let text = t.text(ctx.body);
                    let byte = text.char_indices().nth(nclitic).map_or(0, |x| x.0);
                    let span = Span::new(t.start + byte, t.end);
                    out.push(Cand::new(span, span.of(ctx.body).to_string(), EntityKind::Person, 4));
                    break;
                }
            }
        } else if ctx.cap(i) {
            if known(&surnames) {
                let span = Span::new(t.start, t.end);
                out.push(Cand::new(span, span.of(ctx.body).to_string(), EntityKind::Person, 4));
            } else if known(&acrs) {
                let span = Span::new(t.start, t.end);
                let mut c = Cand::new(span, span.of(ctx.body).to_string(), EntityKind::Organization, 4);
                c.acronym = Some(t.text(ctx.body).to_uppercase());
                out.push(c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str, lang: &str) -> Vec<String> {
        find(text, lang).into_iter().filter(|m| m.kind == EntityKind::Person).map(|m| m.surface).collect()
    }

    #[test]
    fn arabic_names_after_roles() {
        let t = "أشرف الرئيس أمس بالقصر الرئاسي في نواكشوط، رفقة رئيس الحكومة الإسبانية بيدرو سانشيز، على توقيع مذكرة.";
        assert_eq!(people(t, "ar"), vec!["بيدرو سانشيز"]);
        let t = "وشهد الرئيس التونسي قيس سعيّد ورئيسة مجلس الوزراء الإيطالية جورجيا ميلوني والوزير الأول الهولندي مارك روته توقيع مذكرة التفاهم.";
        assert_eq!(people(t, "ar"), vec!["قيس سعيّد", "جورجيا ميلوني", "مارك روته توقيع مذكرة"]);
        let t = "التقى الجنرال كوريلا في البحرين بالقائد العام لقوات الدفاع البحرينية المشير خليفة بن أحمد آل خليفة لمناقشة تنفيذ الاتفاق";
        assert_eq!(people(t, "ar"), vec!["كوريلا", "خليفة بن أحمد آل خليفة"]);
    }
}
