//! Which of a list of folded phrases occur in a text at all, in one pass (Aho-Corasick), so
//! that the word-boundary search (`find::find_word`) runs only for the phrases present. A
//! prefilter: it never changes what is found, only how many phrases are searched for.

use aho_corasick::{AhoCorasick, AhoCorasickKind};

#[derive(Debug, Clone, Default)]
pub struct Needles {
    automaton: Option<AhoCorasick>,
    /// The automaton's pattern `k` is phrase `ids[k]` of the list (empty phrases left out).
    ids: Vec<usize>,
    len: usize,
}

impl Needles {
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> Needles {
        let mut ids = Vec::new();
        let mut patterns = Vec::new();
        let mut len = 0;
        for (i, p) in phrases.into_iter().enumerate() {
            len = i + 1;
            if !p.is_empty() {
                ids.push(i);
                patterns.push(p);
            }
        }
        // Standard match semantics: overlapping search reports every phrase wherever it occurs
        // a DFA: the lists are small (hundreds of phrases) and scanned once per sentence. No
        // prefilter: in an overlapping search it restarts at each of the many places where a
        // phrase's rare bytes occur, which cost ~3x the plain DFA walk over a sentence.
        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder().kind(Some(AhoCorasickKind::DFA)).prefilter(false).build(&patterns).ok()
        };
        Needles { automaton, ids, len }
    }

    /// The prefilter over a cue list of the lexicon.
    pub fn of(list: &[String]) -> Needles {
        Needles::new(list.iter().map(String::as_str))
    }

    /// For each phrase of the list, whether it occurs somewhere in `hay` (as a substring).
    pub fn present(&self, hay: &str) -> Vec<bool> {
        let Some(ac) = &self.automaton else {
            // no automaton (none built, or it could not be): search for every phrase
            return vec![true; self.len];
        };
        let mut out = vec![false; self.len];
        for m in ac.find_overlapping_iter(hay) {
            out[self.ids[m.pattern().as_usize()]] = true;
        }
        out
    }

    /// The items of `list` (the list this prefilter was built over) whose phrase occurs in
    /// `hay`, in the list's order.
    pub fn found_in<'l, T>(&self, hay: &str, list: &'l [T]) -> impl Iterator<Item = &'l T> {
        list.iter().zip(self.present(hay)).filter(|(_, p)| *p).map(|(item, _)| item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_which_phrases_occur_even_overlapping() {
        let n = Needles::new(["reçu", "a reçu", "", "visite"]);
        assert_eq!(n.present("il a reçu le ministre"), vec![true, true, false, false]);
        assert_eq!(n.present(""), vec![false; 4]);
    }

    #[test]
    fn a_phrase_in_two_lists_is_found_for_both() {
        // one prefilter serves several lists, which may share a phrase
        let n = Needles::new(["visite", "apres", "visite"]);
        assert_eq!(n.present("apres la visite"), vec![true, true, true]);
    }
}
