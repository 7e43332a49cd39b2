//! Boilerplate and byline cue words, read from the `[article]` section of every language file.
//! Cues of every language are matched on every page (pages mix languages: an English "Next
//! slide" control on a French page). Matching is on folded text, on word boundaries.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use std::sync::OnceLock;

/// The `[article]` section of a language file.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ArticleSection {
    /// Menus, breadcrumbs, site furniture ("home", "menu").
    pub navigation: Vec<String>,
    /// Reading-time lines, slide and share controls, print, "click here".
    pub controls: Vec<String>,
    /// Newsletter prompts, follow-us lines, app and notification prompts.
    pub promotion: Vec<String>,
    /// Comment forms, captchas, reply prompts. They end the article.
    pub comments: Vec<String>,
    /// Headers of related-article lists ("read also", "most read"). They end the article.
    pub related: Vec<String>,
    /// Lead-ins to one related link inside the article ("read also"); the headline after them
    /// goes too.
    pub teaser: Vec<String>,
    /// Advertising labels, photo credits, automatic-translation notices.
    pub other: Vec<String>,
    /// Byline and dateline words ("published on", "updated", "by").
    pub byline: Vec<String>,
    /// Legal or distribution notices that may take the shape of a sentence; only looked for
    /// in the last blocks of the article.
    pub notice: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CueKind {
    Navigation,
    Controls,
    Promotion,
    Comments,
    Related,
    Teaser,
    Other,
    Byline,
    Notice,
}

impl CueKind {
    /// Cues after which nothing belongs to the article.
    pub fn ends_article(self) -> bool {
        matches!(self, CueKind::Comments | CueKind::Related)
    }
}

#[derive(Debug, Clone)]
pub struct Cue {
    pub kind: CueKind,
    pub lang: String,
    /// The cue as written in the language file.
    pub phrase: String,
    /// Its number of words.
    pub words: usize,
}

/// One cue found in a line.
#[derive(Debug, Clone)]
pub struct CueMatch {
    pub cue: Cue,
    /// True when only punctuation and spaces precede the match.
    pub at_start: bool,
}

pub struct Cues {
    matcher: Option<AhoCorasick>,
    cues: Vec<Cue>,
}

/// Folds a line for cue matching: `dossier_text::fold`, with white space runs made one space.
pub fn fold_line(s: &str) -> String {
    let folded = dossier_text::fold(s);
    let mut out = String::with_capacity(folded.len());
    for word in folded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

impl Cues {
    pub fn from_sections(sections: &[(String, ArticleSection)]) -> Cues {
        let mut cues = Vec::new();
        let mut patterns = Vec::new();
        for (lang, s) in sections {
            let lists: [(CueKind, &Vec<String>); 9] = [
                (CueKind::Navigation, &s.navigation),
                (CueKind::Controls, &s.controls),
                (CueKind::Promotion, &s.promotion),
                (CueKind::Comments, &s.comments),
                (CueKind::Related, &s.related),
                (CueKind::Teaser, &s.teaser),
                (CueKind::Other, &s.other),
                (CueKind::Byline, &s.byline),
                (CueKind::Notice, &s.notice),
            ];
            for (kind, list) in lists {
                for phrase in list {
                    let folded = fold_line(phrase);
                    if folded.is_empty() {
                        continue;
                    }
                    let words = folded.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
                    patterns.push(folded);
                    cues.push(Cue { kind, lang: lang.clone(), phrase: phrase.clone(), words });
                }
            }
        }
        let matcher = if patterns.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new().match_kind(MatchKind::Standard).build(&patterns).ok()
        };
        Cues { matcher, cues }
    }

    /// Every cue in the folded line `folded`, on word boundaries, in order of position
    /// (longest first at one position).
    pub fn find(&self, folded: &str) -> Vec<CueMatch> {
        let Some(m) = &self.matcher else { return Vec::new() };
        let mut out: Vec<(usize, usize, usize)> = Vec::new();
        for hit in m.find_overlapping_iter(folded) {
            let (s, e) = (hit.start(), hit.end());
            let before = folded.get(..s).and_then(|t| t.chars().next_back());
            let after = folded.get(e..).and_then(|t| t.chars().next());
            let first = folded.get(s..e).and_then(|t| t.chars().next());
            let last = folded.get(s..e).and_then(|t| t.chars().next_back());
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
            // a boundary is needed only where the cue itself starts/ends with a word char
            if (word(first) && word(before)) || (word(last) && word(after)) {
                continue;
            }
            out.push((s, e, hit.pattern().as_usize()));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        out.into_iter()
            .filter_map(|(s, _, p)| {
                let cue = self.cues.get(p)?.clone();
                let at_start = folded.get(..s).is_some_and(|t| t.chars().all(|c| !c.is_alphanumeric()));
                Some(CueMatch { cue, at_start })
            })
            .collect()
    }
}

/// The cues of every compiled-in language.
pub fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| {
        let (sections, _errors) = dossier_lang::load_section::<ArticleSection>("article");
        let sections: Vec<(String, ArticleSection)> =
            sections.into_iter().map(|(l, s)| (l.code().to_string(), s)).collect();
        Cues::from_sections(&sections)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Cues {
        let s = ArticleSection {
            controls: vec!["Temps de lecture".into(), "next slide".into()],
            comments: vec!["Leave a reply".into()],
            ..Default::default()
        };
        Cues::from_sections(&[("xx".into(), s)])
    }

    #[test]
    fn matches_folded_on_word_boundaries() {
        let c = small();
        let hits = c.find(&fold_line("Temps  de LECTURE : 2 minutes"));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].cue.kind, CueKind::Controls);
        assert!(hits[0].at_start);
        assert!(c.find(&fold_line("Untemps de lecturex")).is_empty());
        let hits = c.find(&fold_line("» Leave a Reply"));
        assert!(hits[0].at_start && hits[0].cue.kind.ends_article());
    }

    #[test]
    fn every_language_section_deserializes() {
        let (_, errors) = dossier_lang::load_section::<ArticleSection>("article");
        assert!(errors.is_empty(), "{errors:?}");
    }
}
