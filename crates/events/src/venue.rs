//! Fallback for venues the names stage does not mark ("à Koulouba", "au Palais de Carthage",
//! "a la Casa de Nariño", "في قصر الحسينية"): after a locative preposition, a run of capitalised
//! words (with the language's name particles between them), or a venue head word of the
//! language followed by its name. Isolated here; used only where no place mention is better.

use crate::lexicon::Lexicon;
use dossier_names::{EntityKind, Mention};
use dossier_text::{fold_into, Span};

/// Words of a clause, with byte spans in the body (punctuation trimmed off each word).
fn words(body: &str, within: Span) -> Vec<(Span, &str, bool)> {
    let mut out = Vec::new();
    let text = within.of(body);
    let mut at = 0;
    for piece in text.split_inclusive(char::is_whitespace) {
        let start = at;
        at += piece.len();
        let trimmed_end = piece.trim_end();
        let trim = |c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-';
        let core = trimmed_end.trim_matches(trim);
        if core.is_empty() {
            out.push((Span::new(within.start + start, within.start + start), "", true));
            continue;
        }
        // core is a slice of trimmed_end: its offset, not a search for it
        let lead = core.as_ptr() as usize - trimmed_end.as_ptr() as usize;
        let s = within.start + start + lead;
        // a word followed by punctuation ends a name
        let stop = trimmed_end.len() > lead + core.len();
        out.push((Span::new(s, s + core.len()), core, stop));
    }
    out
}

/// `word` (folded: `folded`) starts with a capital, after an elided article.
fn capitalised(word: &str, folded: &str, lx: &Lexicon) -> bool {
    // skip an elided article: as many chars of the word as the elision has
    let skip = lx.elisions.iter().find(|e| folded.starts_with(e.as_str())).map_or(0, |e| e.chars().count());
    word.chars().nth(skip).is_some_and(|c| c.is_uppercase())
}

/// Whether `word` is in `list`, one of the lexicon's cue lists (sorted and without repeats).
fn listed(list: &[String], word: &str) -> bool {
    list.binary_search_by(|x| x.as_str().cmp(word)).is_ok()
}

/// The words' folded forms in one buffer, each word once, one space between two words, so that
/// two words together are one slice ("to the").
struct FoldedWords {
    text: String,
    ranges: Vec<std::ops::Range<usize>>,
}

impl FoldedWords {
    fn new(ws: &[(Span, &str, bool)]) -> FoldedWords {
        let mut text = String::with_capacity(ws.iter().map(|w| w.1.len() + 1).sum());
        let mut ranges = Vec::with_capacity(ws.len());
        for (k, (_, w, _)) in ws.iter().enumerate() {
            if k > 0 {
                text.push(' ');
            }
            let start = text.len();
            fold_into(w, &mut text);
            ranges.push(start..text.len());
        }
        FoldedWords { text, ranges }
    }

    fn word(&self, i: usize) -> &str {
        &self.text[self.ranges[i].clone()]
    }

    /// Words `i - 1` and `i`, folded, with one space between.
    fn two(&self, i: usize) -> &str {
        &self.text[self.ranges[i - 1].start..self.ranges[i].end]
    }
}

/// The first venue phrase in `within`, with its span, that no name mention covers.
pub(crate) fn first_venue(body: &str, within: Span, lx: &Lexicon, mentions: &[&Mention]) -> Option<(Span, String)> {
    let ws = words(body, within);
    let fw = FoldedWords::new(&ws);
    let covered = |sp: Span| mentions.iter().any(|m| m.span.overlaps(sp) && m.kind != EntityKind::Organization);
    let mut i = 0;
    while i < ws.len() {
        let stop = ws[i].2;
        let f = fw.word(i);
        let locative = !stop && (listed(&lx.venue_prepositions, f) || (i > 0 && listed(&lx.venue_prepositions, fw.two(i))));
        // an Arabic venue head, perhaps with a glued preposition ("بقصر")
        let head = listed(&lx.venue_heads, f) || lx.locative_prefixes.iter().any(|p| f.strip_prefix(p.as_str()).is_some_and(|rest| listed(&lx.venue_heads, rest)));
        if head {
            let mut end = i;
            let mut j = i + 1;
            while j < ws.len() && j <= i + 3 && !ws[end].2 && !ws[j].1.is_empty() && !listed(&lx.locative, fw.word(j)) {
                end = j;
                j += 1;
            }
            if end > i {
                let mut start = ws[i].0.start;
                // drop a glued preposition
                for p in &lx.locative_prefixes {
                    if !listed(&lx.venue_heads, f) && f.starts_with(p.as_str()) {
                        start += body.get(start..).and_then(|s| s.chars().next()).map_or(0, char::len_utf8);
                    }
                }
                let sp = Span::new(start, ws[end].0.end);
                if !covered(sp) {
                    return Some((sp, sp.of(body).to_string()));
                }
                i = end + 1;
                continue;
            }
        }
        if locative && i + 1 < ws.len() && capitalised(ws[i + 1].1, fw.word(i + 1), lx) {
            let mut end = i + 1;
            let mut j = i + 2;
            while j < ws.len() && !ws[end].2 {
                if capitalised(ws[j].1, fw.word(j), lx) {
                    end = j;
                    j += 1;
                } else if listed(&lx.venue_particles, fw.word(j)) && j + 1 < ws.len() && !ws[j].2 && capitalised(ws[j + 1].1, fw.word(j + 1), lx) {
                    j += 1;
                } else {
                    break;
                }
            }
            let first = ws[i + 1];
            let folded_first = fw.word(i + 1);
            let mut start = first.0.start;
            if let Some(e) = lx.elisions.iter().find(|e| folded_first.starts_with(e.as_str())) {
                let n = e.chars().count();
                start += first.1.chars().take(n).map(char::len_utf8).sum::<usize>();
            }
            let sp = Span::new(start, ws[end].0.end);
            if !sp.is_empty() && !covered(sp) {
                return Some((sp, sp.of(body).to_string()));
            }
            i = end + 1;
            continue;
        }
        i += 1;
    }
    None
}
