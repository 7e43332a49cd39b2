//! Full-text search over articles: the query is folded and split like the index (Arabic
//! clitics removed from both), ranked by SQLite FTS5's bm25, and each hit gets a snippet of the
//! original text with the matched words marked by their byte spans.

use crate::store::{Store, StoreError};
use dossier_text::terms::{forms, words};
use dossier_text::{Folded, Span};

/// One search result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    pub source: String,
    pub title: Option<String>,
    pub score: f64,
    /// A passage of the body around the first match.
    pub snippet: String,
    /// Matched words, as byte spans of `snippet`.
    pub marks: Vec<Span>,
}

/// The FTS5 expression for a user's query: every word must match, in any of its forms.
pub fn fts_query(query: &str) -> Option<String> {
    let groups: Vec<String> = words(query)
        .iter()
        .map(|w| {
            let alts: Vec<String> = forms(w).iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect();
            format!("({})", alts.join(" OR "))
        })
        .collect();
    (!groups.is_empty()).then(|| groups.join(" AND "))
}

/// Byte spans of `text` whose folded words are forms of the query's words.
pub fn matches(text: &str, query: &str) -> Vec<Span> {
    let wanted: Vec<Vec<String>> = words(query).iter().map(|w| forms(w)).collect();
    let folded = Folded::new(text);
    let mut out = Vec::new();
    let mut start = None;
    let t = &folded.text;
    for (i, c) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = &t[s..i];
                let word_forms = forms(word);
                if wanted.iter().any(|alts| alts.iter().any(|a| word_forms.contains(a))) {
                    out.push(folded.to_original(Span::new(s, i)));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Searches the documents; at most `limit` hits, best first.
pub fn search(store: &Store, query: &str, limit: usize) -> Result<Vec<Hit>, StoreError> {
    let Some(expr) = fts_query(query) else { return Ok(Vec::new()) };
    let mut hits = Vec::new();
    for (source, rank) in store.search(&expr, limit)? {
        let Some(doc) = store.document(&source)? else { continue };
        let (snippet, marks) = snippet(&doc.body, query, 240);
        hits.push(Hit { source, title: doc.title, score: -rank, snippet, marks });
    }
    Ok(hits)
}

/// About `width` bytes of `body` around its first match, with the matches inside it.
pub fn snippet(body: &str, query: &str, width: usize) -> (String, Vec<Span>) {
    let all = matches(body, query);
    let first = all.first().map_or(0, |s| s.start);
    let mut from = first.saturating_sub(width / 3);
    while !body.is_char_boundary(from) {
        from -= 1;
    }
    if from > 0 {
        // start at a word, not inside one
        from = body[from..first].find(char::is_whitespace).map_or(from, |i| from + i + 1);
    }
    let mut to = (from + width).min(body.len());
    while !body.is_char_boundary(to) {
        to += 1;
    }
    let text = &body[from..to];
    let marks = all.into_iter().filter(|s| s.start >= from && s.end <= to).map(|s| Span::new(s.start - from, s.end - from)).collect();
    (text.replace('\n', " "), marks)
}

/// The snippet with matches marked `[like this]`, for a terminal.
pub fn marked(hit: &Hit) -> String {
    let mut out = String::new();
    let mut at = 0;
    for m in &hit.marks {
        out.push_str(hit.snippet.get(at..m.start).unwrap_or(""));
        out.push('[');
        out.push_str(m.of(&hit.snippet));
        out.push(']');
        at = m.end;
    }
    out.push_str(hit.snippet.get(at..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_match_any_form() {
        assert_eq!(fts_query("Sûreté"), Some("(\"surete\")".to_string()));
        let q = fts_query("بالرباط").unwrap();
        assert!(q.contains("\"الرباط\""), "{q}");
    }

    #[test]
    fn matches_are_found_across_accents_and_clitics() {
        let text = "حموشي يستقبل بالرباط سفير الولايات المتحدة";
        let spans = matches(text, "الرباط");
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].of(text), "بالرباط");
        let text = "la Sûreté nationale";
        assert_eq!(matches(text, "surete")[0].of(text), "Sûreté");
    }
}
