//! Sentence segmentation: Unicode sentence breaks (icu_segmenter), never across a line break,
//! with breaks after initials ("A.") and after each language's abbreviations ("M.", "Dr.")
//! merged back, since UAX #29 splits there.

use crate::Span;
use icu_segmenter::SentenceSegmenter;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

#[derive(Debug, Default, Deserialize)]
struct TextSection {
    #[serde(default)]
    abbreviations: Vec<String>,
}

fn abbreviations() -> &'static HashMap<String, HashSet<String>> {
    static ABBR: OnceLock<HashMap<String, HashSet<String>>> = OnceLock::new();
    ABBR.get_or_init(|| {
        let (sections, _) = dossier_lang::load_section::<TextSection>("text");
        sections
            .into_iter()
            .map(|(l, s)| (l.code().to_string(), s.abbreviations.into_iter().collect()))
            .collect()
    })
}

/// True when the word before a final full stop is an initial or a known abbreviation.
fn ends_with_abbreviation(segment: &str, lang: Option<&str>) -> bool {
    let trimmed = segment.trim_end();
    let Some(without_stop) = trimmed.strip_suffix('.') else { return false };
    let word = without_stop.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '«' || c == '"').next().unwrap_or("");
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true; // an initial: "A. Hammouchi", "William J. Burns"
        }
    }
    if word.is_empty() {
        return false;
    }
    let table = abbreviations();
    match lang.and_then(|l| table.get(l)) {
        Some(set) => set.contains(word),
        None => table.values().any(|set| set.contains(word)),
    }
}

/// Iterator over sentence spans of `text`.
pub type Sentences = std::vec::IntoIter<Span>;

/// Sentence spans of `text` (trimmed of surrounding white space; empty ones dropped).
pub fn sentences(text: &str, lang: Option<&str>) -> Vec<Span> {
    let segmenter = SentenceSegmenter::new(Default::default());
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let breaks: Vec<usize> = segmenter.segment_str(line).collect();
        let mut pending: Option<usize> = None;
        for w in breaks.windows(2) {
            let (a, b) = (w[0], w[1]);
            let start = pending.unwrap_or(a);
            let seg = &line[start..b];
            if b < line.len() && ends_with_abbreviation(seg, lang) {
                pending = Some(start);
                continue;
            }
            pending = None;
            push_trimmed(&mut out, line, start, b, line_start);
        }
        if let Some(start) = pending {
            push_trimmed(&mut out, line, start, line.len(), line_start);
        }
        line_start += line.len();
    }
    out
}

fn push_trimmed(out: &mut Vec<Span>, line: &str, a: usize, b: usize, offset: usize) {
    let seg = &line[a..b];
    let lead = seg.len() - seg.trim_start().len();
    let trail = seg.len() - seg.trim_end().len();
    if lead + trail < seg.len() {
        out.push(Span::new(offset + a + lead, offset + b - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(t: &'a str, lang: Option<&str>) -> Vec<&'a str> {
        sentences(t, lang).into_iter().map(|s| s.of(t)).collect()
    }

    #[test]
    fn does_not_split_after_initials_or_abbreviations() {
        let t = "Lors de cette visite, A. Hammouchi a tenu des séances de travail. Durant cette visite, M. Hammouchi s'est entretenu avec eux.";
        assert_eq!(texts(t, Some("fr")).len(), 2);
    }

    #[test]
    fn never_crosses_a_line() {
        let t = "Previous slide\nNext slide\nAbdellatif Hammouchi a effectué une visite. Elle traduit les liens.";
        assert_eq!(texts(t, Some("fr")), vec!["Previous slide", "Next slide", "Abdellatif Hammouchi a effectué une visite.", "Elle traduit les liens."]);
    }

    #[test]
    fn splits_arabic_sentences() {
        let t = "استقبل المدير العام السيد دايفيد فيشر. وأضاف المصدر ذاته أن الجانبين تناولا المواضيع.";
        assert_eq!(texts(t, Some("ar")).len(), 2);
    }
}
