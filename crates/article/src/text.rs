//! Text pages (no markup): the article is found among lines by their shape.
//!
//! 1. Every non-empty line is a block. Each gets its shape (`shape.rs`) and the cues it holds
//!    (`cues.rs`). Some are boilerplate whatever their place: tickers, lines led by a cue,
//!    cut-off copies of other lines, template placeholders.
//! 2. The main run of prose: the stretch of blocks with the best balance of prose letters
//!    against non-prose lines (a maximum-sum segment), never crossing a cue that ends the
//!    article (comment forms, related-article lists) nor another article's headline and
//!    dateline; the first such stretch at least half as strong as the strongest.
//! 3. The title: the best headline-shaped line shortly before the run (repeated, followed by
//!    a dateline, first of its kind, matching the URL's slug).
//! 4. The publication date: a dateline or byline next to the title, else the URL.
//! 5. Everything before the title and after the run is removed, each block with its reason.

use crate::cues::{cues, fold_line, CueKind, CueMatch};
use crate::meta;
use crate::shape::{shape, site_suffix_start, Shape};
use crate::{Article, Block, Found, Removal, RemovalKind};
use dossier_page::Page;
use dossier_text::Span;
use std::collections::HashMap;

/// How far before the run a title is looked for, in blocks.
const TITLE_WINDOW: usize = 15;
/// How far (in blocks) a cut-off copy of a block is looked for.
const NEAR: usize = 50;
/// How far after the title a dateline is looked for, in blocks.
const DATE_AFTER_TITLE: usize = 3;
/// How far before the title a dateline is looked for, in blocks.
const DATE_BEFORE_TITLE: usize = 2;

struct Line<'a> {
    span: Span,
    text: &'a str,
    shape: Shape,
    /// Folded, white space collapsed: for cues and repetition.
    key: String,
    /// Where a trailing site name starts ("Headline | Site"), and the headline's key then
    /// (without one, the headline key is `key`): asked of every line several times over.
    site_suffix: Option<(usize, String)>,
    cues: Vec<CueMatch>,
    /// Decided before the run is found.
    early: Option<Removal>,
    /// Ends the article (comment form, related list header).
    barrier: bool,
    /// Image caption shape: repeated on the next line, or a prefix of it.
    caption: bool,
}

fn removal(kind: RemovalKind, detail: impl Into<String>) -> Option<Removal> {
    Some(Removal { kind, detail: detail.into() })
}

fn cue_kind(k: CueKind) -> RemovalKind {
    match k {
        CueKind::Navigation => RemovalKind::Navigation,
        CueKind::Controls => RemovalKind::Controls,
        CueKind::Promotion => RemovalKind::Promotion,
        CueKind::Comments => RemovalKind::Comments,
        CueKind::Related | CueKind::Teaser => RemovalKind::Headlines,
        CueKind::Other | CueKind::Notice => RemovalKind::Other,
        CueKind::Byline => RemovalKind::Metadata,
    }
}

fn cue_detail(m: &CueMatch) -> String {
    format!("cue '{}' ({}, {:?})", m.cue.phrase, m.cue.lang, m.cue.kind).to_lowercase()
}

/// Splits `raw` into trimmed non-empty lines.
fn split_lines(raw: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in raw.split_inclusive('\n') {
        let trimmed = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if trimmed.chars().any(|c| c.is_alphanumeric()) || trimmed.chars().count() > 2 {
            let lead = line.len() - line.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}').len();
            out.push(Span::new(offset + lead, offset + lead + trimmed.len()));
        }
        offset += line.len();
    }
    out
}

fn analyse<'a>(raw: &'a str, spans: &[Span]) -> Vec<Line<'a>> {
    let cues = cues();
    let mut lines: Vec<Line> = spans
        .iter()
        .map(|&span| {
            let text = span.of(raw);
            let key = fold_line(text);
            let cues = cues.find(&key);
            let site_suffix = site_suffix_start(text).map(|at| (at, fold_line(text.get(..at).unwrap_or(text))));
            Line { span, text, shape: shape(text), key, site_suffix, cues, early: None, barrier: false, caption: false }
        })
        .collect();
    // Keys of every line, for cut-off copies.
    let keys: Vec<String> = lines.iter().map(|l| l.key.clone()).collect();
    for i in 0..lines.len() {
        let next_key = keys.get(i + 1).map(String::as_str).unwrap_or("");
        let l = &mut lines[i];
        let prose = l.shape.is_prose();
        // A cue decides a line when little else is on it, or when it leads the line and is
        // more than one word; a sentence only in the second case.
        let words = l.shape.words;
        let decisive = l.cues.iter().find(|m| {
            !matches!(m.cue.kind, CueKind::Byline | CueKind::Notice)
                && ((!prose && words.saturating_sub(m.cue.words) <= 3) || (m.at_start && m.cue.words >= 2))
        });
        if let Some(m) = decisive {
            // a count ("167 comments") is a link, not the comment form
            l.barrier = m.cue.kind.ends_article() && l.shape.digits == 0;
            l.early = removal(cue_kind(m.cue.kind), cue_detail(m));
        } else if l.shape.ticker_segments > 0 {
            l.early = removal(
                RemovalKind::Headlines,
                format!("ticker: {} headlines separated by runs of spaces", l.shape.ticker_segments),
            );
        } else if l.shape.placeholder && l.shape.words <= 3 {
            l.early = removal(RemovalKind::Other, "template placeholder");
        } else if l.shape.ellipsis {
            let stem = l.key.trim_end_matches(['…', '.', ' ', ']', '[']);
            let near = i.saturating_sub(NEAR)..(i + NEAR).min(keys.len());
            let copied = near.filter(|&j| j != i).any(|j| keys[j].len() > stem.len() && keys[j].starts_with(stem));
            if stem.len() >= 20 && copied {
                l.early = removal(RemovalKind::Duplicate, "cut-off copy of another block");
            } else if l.shape.words >= 6 {
                l.early = removal(RemovalKind::Headlines, "teaser: lead cut off with an ellipsis");
            }
        } else if l.shape.crumbs > 0 && !prose {
            l.early = removal(RemovalKind::Navigation, format!("breadcrumb of {} segments", l.shape.crumbs));
        } else if l.shape.letters == 0 && l.shape.digits > 0 && l.text.trim_end().ends_with('=') {
            l.early = removal(RemovalKind::Comments, "captcha: arithmetic question");
        } else if l.shape.credit_tail && !prose {
            l.early = removal(RemovalKind::Other, "image caption: a sentence followed by a credit in capitals");
        } else if l.shape.credit_sign && !prose {
            l.early = removal(RemovalKind::Other, "credit line (copyright sign)");
        }
        // Image captions: a line repeated on the next line, or the start of the next line
        // when what follows is not a date (a title repeated with its byline is not a caption).
        if l.shape.words >= 2 && !next_key.is_empty() {
            if *next_key == l.key {
                l.caption = true;
            } else if next_key.len() > l.key.len() && next_key.starts_with(&l.key) {
                let rest = next_key.get(l.key.len()..).unwrap_or("");
                if !crate::shape::has_year(rest) {
                    l.caption = true;
                }
            }
        }
    }
    // the headline after a "read also" lead-in
    for i in 1..lines.len() {
        let after_teaser = lines[i - 1].cues.iter().any(|m| m.cue.kind == CueKind::Teaser) && lines[i - 1].early.is_some();
        if after_teaser && lines[i].early.is_none() && !lines[i].shape.is_prose() && lines[i].shape.headline_like() {
            lines[i].early = removal(RemovalKind::Headlines, "headline after a related-article lead-in");
        }
    }
    // the second line of a caption pair
    for i in 1..lines.len() {
        if lines[i - 1].caption && lines[i].key.starts_with(&lines[i - 1].key) {
            lines[i].caption = true;
        }
    }
    lines
}

/// Weight of a block in the search for the run of prose.
/// Short labels decided by a cue (an advertising label between paragraphs) cost little;
/// tickers, teasers and other lines cost more the longer they are.
fn weight(l: &Line) -> i64 {
    if let Some(r) = &l.early {
        let short_label = l.shape.words <= 4 && matches!(r.kind, RemovalKind::Other | RemovalKind::Controls | RemovalKind::Promotion);
        return if short_label { -40 } else { -200 };
    }
    if l.shape.is_prose() && !l.caption {
        return l.shape.letters as i64;
    }
    -(40 + (l.shape.letters as i64 / 2).min(60))
}

/// The maximum-sum stretch of blocks `[start, end)` of one segment.
fn best_stretch(lines: &[Line], from: usize, to: usize) -> Option<(i64, usize, usize)> {
    let mut best: Option<(i64, usize, usize)> = None;
    let mut sum = 0i64;
    let mut start = from;
    for i in from..to {
        let w = weight(&lines[i]);
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += w;
        if sum > 0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, start, i + 1));
        }
    }
    best
}

/// The run of prose: in each segment between barriers (cues that end an article, or the
/// headline and dateline of another article after prose), the maximum-sum stretch of blocks; of those, the first that holds at least half as much as the
/// best one (comments and cookie notices after an article can outweigh it).
fn main_run(lines: &[Line]) -> Option<(usize, usize)> {
    // (score, start, end)
    let mut stretches: Vec<(i64, usize, usize)> = Vec::new();
    let mut from = 0;
    let mut prose_since = 0usize;
    for i in 0..=lines.len() {
        // another article starts here: a headline, its dateline, then prose, after prose
        let next_article = i < lines.len() && prose_since >= 300 && starts_article(lines, i);
        if i == lines.len() || lines[i].barrier || next_article {
            if let Some(stretch) = best_stretch(lines, from, i) {
                stretches.push(stretch);
            }
            from = if next_article { i } else { i + 1 };
            prose_since = 0;
        }
        if let Some(l) = lines.get(i) {
            if weight(l) > 0 {
                prose_since += l.shape.letters;
            }
        }
    }
    // the first strong stretch
    let top = stretches.iter().map(|s| s.0).max()?;
    let &(_, mut s, mut e) = stretches.iter().find(|st| st.0 * 2 >= top)?;
    // the run starts and ends with prose
    while s < e && weight(&lines[s]) <= 0 {
        s += 1;
    }
    while e > s && weight(&lines[e - 1]) <= 0 {
        e -= 1;
    }
    // paragraphs that lost their final stop, right after the run
    while e < lines.len() && lines[e].early.is_none() && !lines[e].caption && lines[e].shape.is_weak_prose() {
        e += 1;
    }
    // a page cut off by the crawler ends in a cut paragraph: a last line of some length
    // right after the run
    if e + 1 == lines.len() {
        let last = &lines[e];
        if last.early.is_none() && last.shape.words >= 12 && last.shape.letters >= 60 && !last.shape.ellipsis && !last.caption {
            e += 1;
        }
    }
    (s < e).then_some((s, e))
}

/// A headline followed by its dateline (maybe after a byline) and then prose: the start of an
/// article. After an article's prose, it is the start of another one.
fn starts_article(lines: &[Line], i: usize) -> bool {
    let h = &lines[i];
    if h.early.is_some() || h.shape.is_prose() || !h.shape.headline_like() || h.shape.words < 4 || h.shape.words > 25 || is_dateline(h) || h.text.contains("://") {
        return false;
    }
    for d in i + 1..(i + 3).min(lines.len()) {
        // "— Name (@handle) November 18, 2019" closes an embedded post, it is no dateline
        if is_dateline(&lines[d]) && !lines[d].shape.bullet {
            return lines.get(d + 1).is_some_and(|p| p.shape.is_prose())
                || lines.get(d + 2).is_some_and(|p| p.shape.is_prose() && !lines[d + 1].shape.is_prose());
        }
        if !is_byline(&lines[d]) {
            return false;
        }
    }
    false
}

fn is_dateline(l: &Line) -> bool {
    let byline = l.cues.iter().any(|m| m.cue.kind == CueKind::Byline);
    l.shape.has_year && !l.shape.is_prose() && l.shape.ticker_segments == 0 && (l.shape.words <= 10 || (byline && l.shape.words <= 30))
}

fn is_byline(l: &Line) -> bool {
    l.shape.words <= 12 && !l.shape.is_prose() && l.cues.iter().any(|m| m.cue.kind == CueKind::Byline)
}

/// The headline of a line without a trailing site name ("Headline | Site").
fn headline_text<'a>(l: &Line<'a>) -> &'a str {
    match l.site_suffix {
        Some((at, _)) => l.text.get(..at).unwrap_or(l.text),
        None => l.text,
    }
}

/// `fold_line(headline_text(l))`.
fn headline_key<'l>(l: &'l Line) -> &'l str {
    l.site_suffix.as_ref().map_or(l.key.as_str(), |(_, head)| head.as_str())
}

/// The index of the title among `lines[from..to]`, with what decided it.
fn find_title(lines: &[Line], from: usize, to: usize, slug: &[String]) -> Option<(usize, String)> {
    let mut best: Option<(f32, usize, Vec<&str>)> = None;
    let mut seen_three = false;
    let mut seen_five = false;
    for i in from..to {
        let l = &lines[i];
        let s = &l.shape;
        let candidate = l.early.is_none()
            && l.cues.is_empty()
            && s.headline_like()
            && !s.is_prose()
            && !s.bullet
            && !s.credit_sign
            && !is_dateline(l)
            && s.digits * 2 <= s.letters
            && s.words >= 2;
        if !candidate {
            continue;
        }
        let mut score = 0.0f32;
        let mut why = Vec::new();
        if s.words >= 4 {
            score += 2.0;
        } else if s.words == 3 {
            score += 0.5;
        }
        if s.words >= 5 {
            score += 1.0;
        }
        if s.words >= 3 && !seen_three && !s.shouting() {
            score += 0.75;
            seen_three = true;
            why.push("first headline-shaped line");
        }
        if s.words >= 5 && !seen_five && !s.shouting() {
            score += 1.5;
            seen_five = true;
        }
        if s.shouting() {
            score -= 2.0;
        }
        if s.full_stop {
            score -= 1.5; // headlines seldom end with a full stop; captions and sentences do
        }
        // repeated close by: exactly, as the last segment of a breadcrumb, or followed by a byline
        let near = i.saturating_sub(3)..(i + 4).min(lines.len());
        let head = headline_key(l);
        let repeated = near.clone().filter(|&j| j != i).any(|j| {
            let k = &lines[j].key;
            *k == l.key
                || *k == head
                || headline_key(&lines[j]) == l.key
                || (lines[j].shape.crumbs > 0 && k.ends_with(&l.key))
                || (j == i + 1 && k.starts_with(&l.key) && k.len() > l.key.len() && !l.caption)
        });
        // the page's own title line (a <title> rendered at the top: "Headline | Site")
        let top_title = lines.iter().take(3).enumerate().any(|(j, t)| j != i && t.site_suffix.is_some() && headline_key(t) == head);
        if (repeated || top_title) && s.words >= 3 {
            score += 3.0;
            why.push("repeated");
        }
        if l.caption && !repeated {
            score -= 3.0;
        }
        let after = (i + 1..(i + 1 + DATE_AFTER_TITLE).min(lines.len())).any(|j| is_dateline(&lines[j]) || is_byline(&lines[j]));
        if after {
            score += 2.0;
            why.push("followed by a dateline");
        }
        if i > 0 && is_dateline(&lines[i - 1]) {
            score += 1.0;
            why.push("after a dateline");
        }
        let overlap = meta::slug_overlap(slug, &l.key);
        if overlap > 0.0 {
            score += 4.0 * overlap;
            why.push("matches the URL");
        }
        score -= 0.05 * (to - i) as f32;
        if best.as_ref().is_none_or(|(b, _, _)| score > *b) {
            best = Some((score, i, why));
        }
    }
    let (score, i, why) = best?;
    if score < 1.0 {
        return None;
    }
    let how = if why.is_empty() { "headline-shaped line before the article's prose".to_string() } else { format!("headline-shaped line before the prose: {}", why.join(", ")) };
    Some((i, how))
}

pub fn extract(page: &Page) -> Article {
    let raw = page.content.replace("\r\n", "\n").replace('\r', "\n");
    let spans = split_lines(&raw);
    let lines = analyse(&raw, &spans);
    let n = lines.len();
    let run = main_run(&lines);
    let slug = page.url.as_deref().map(meta::slug_words).unwrap_or_default();

    let (run_start, run_end) = run.unwrap_or((n, n));
    let title = if run.is_some() {
        find_title(&lines, run_start.saturating_sub(TITLE_WINDOW), run_start, &slug)
    } else {
        find_title(&lines, 0, n.min(TITLE_WINDOW), &slug)
    };
    let title_idx = title.as_ref().map(|(i, _)| *i);

    let mut removed: Vec<Option<Removal>> = lines.iter().map(|l| l.early.clone()).collect();

    // the title and its copies
    if let Some(t) = title_idx {
        let key = &lines[t].key;
        let head = headline_key(&lines[t]);
        removed[t] = removal(RemovalKind::Metadata, "title");
        for (j, l) in lines.iter().enumerate() {
            let copy = l.key == *key || l.key == head || headline_key(l) == head;
            if j != t && removed[j].is_none() && (copy || (j == t + 1 && l.key.starts_with(key.as_str()))) {
                removed[j] = removal(RemovalKind::Metadata, if l.key == *key { "title (repeated)" } else { "title repeated with its byline" });
            }
        }
    }

    // datelines and bylines next to the title (or right before the run when there is none)
    let date_window: Vec<usize> = match title_idx {
        Some(t) => {
            let mut w: Vec<usize> = (t + 1..(t + 1 + DATE_AFTER_TITLE).min(n)).collect();
            w.extend((t.saturating_sub(DATE_BEFORE_TITLE)..t).rev());
            w.push(t);
            w
        }
        None if run.is_some() => (run_start.saturating_sub(3)..run_start).rev().collect(),
        None => (0..n.min(3)).collect(),
    };
    let mut datelines = Vec::new();
    for &j in &date_window {
        // inside the run only a short date line or a byline with a date is metadata
        let byline_cue = lines[j].cues.iter().any(|m| m.cue.kind == CueKind::Byline);
        if j >= run_start && run.is_some() && !(is_dateline(&lines[j]) && (lines[j].shape.words <= 6 || byline_cue)) {
            continue;
        }
        let l = &lines[j];
        if (is_dateline(l) && lines[j].early.as_ref().is_none_or(|r| r.kind == RemovalKind::Navigation)) || j == t_or(title_idx) {
            if j != t_or(title_idx) || is_dateline(l) {
                datelines.push(j);
            }
            if j != t_or(title_idx) && removed[j].as_ref().is_none_or(|r| r.kind != RemovalKind::Metadata) {
                removed[j] = removal(RemovalKind::Metadata, "dateline next to the title");
            }
        } else if is_byline(l) && j != t_or(title_idx) && removed[j].is_none() {
            removed[j] = removal(RemovalKind::Metadata, "byline");
        }
    }

    // everything outside [title or run start, run end)
    let article_start = title_idx.map_or(run_start, |t| t + 1).min(run_start);
    for j in 0..n {
        if removed[j].is_some() {
            continue;
        }
        let l = &lines[j];
        if run.is_none() {
            continue;
        }
        if j < article_start || title_idx.is_some_and(|t| j < t) {
            removed[j] = if l.shape.bullet {
                removal(RemovalKind::Headlines, "bulleted headline before the article")
            } else if is_dateline(l) {
                removal(RemovalKind::OutsideArticle, "date line far from the title (site header)")
            } else {
                removal(RemovalKind::OutsideArticle, if title_idx.is_some() { "before the article's title" } else { "before the article's prose" })
            };
        } else if j < run_start {
            if !l.shape.is_prose() || l.caption {
                removed[j] = if l.caption {
                    removal(RemovalKind::Other, "image caption (repeated line) between title and prose")
                } else if l.shape.shouting() {
                    removal(RemovalKind::Navigation, "section label between title and prose")
                } else {
                    removal(RemovalKind::OutsideArticle, "short line between title and prose (caption, credit or control)")
                };
            }
        } else if j >= run_end {
            let next_teaser = lines.get(j + 1).is_some_and(|m| m.shape.ellipsis);
            removed[j] = if next_teaser && l.shape.headline_like() {
                removal(RemovalKind::Headlines, "teaser title before a cut-off lead")
            } else if l.shape.bullet {
                removal(RemovalKind::Headlines, "bulleted headline after the article")
            } else {
                removal(RemovalKind::OutsideArticle, "after the article's prose")
            };
        }
    }

    // inside the article: repeats of kept blocks, notices at its end
    let mut kept_keys: HashMap<&str, usize> = HashMap::new();
    for j in 0..n {
        if removed[j].is_some() {
            continue;
        }
        let key = lines[j].key.as_str();
        if let Some(first) = kept_keys.get(key) {
            removed[j] = removal(RemovalKind::Duplicate, format!("repeats block {}", first + 1));
        } else {
            kept_keys.insert(key, j);
        }
    }
    let kept: Vec<usize> = (0..n).filter(|&j| removed[j].is_none()).collect();
    for &j in kept.iter().rev().take(2) {
        if let Some(m) = lines[j].cues.iter().find(|m| m.cue.kind == CueKind::Notice) {
            removed[j] = removal(RemovalKind::Other, format!("notice at the end of the article: {}", cue_detail(m)));
        }
    }

    let blocks: Vec<Block> = lines
        .iter()
        .zip(removed)
        .map(|(l, removed)| Block { raw: l.span, body: None, removed })
        .collect();

    let mut article = Article {
        source: page.source.clone(),
        origin: page.origin.clone(),
        url: page.url.clone(),
        markup: page.markup,
        encoding: page.encoding.clone(),
        lang: "und".into(),
        title: title.map(|(i, how)| Found {
            value: headline_text(&lines[i]).split_whitespace().collect::<Vec<_>>().join(" "),
            how,
            raw: Some(lines[i].span),
        }),
        published: None,
        raw: raw.clone(),
        blocks,
        body: String::new(),
        crawled: page.declared.crawled.clone(),
    };
    article.assemble_body();
    crate::langid::label(&mut article);

    // publication date: a dateline next to the title, else the URL
    let mut published = None;
    for &j in &datelines {
        let Some((value, span)) = meta::absolute_day(lines[j].text, &article.lang) else { continue };
        // a dateline is a date with little else (a place, a name, a byline cue); a phrase
        // around a date ("the weather this Friday 3 October") is not one
        let text = lines[j].text;
        let rest = format!("{} {}", text.get(..span.start).unwrap_or(""), text.get(span.end..).unwrap_or(""));
        let rest_words = rest.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count();
        // a byline cue vouches for the line when it leads it, when the line is short, or when
        // what precedes it is the title ("Title Published on 1 September 2023 | Paper")
        let title_key = title_idx.map(|t| headline_key(&lines[t]));
        let leads = title_key.as_deref().is_some_and(|k| !k.is_empty() && lines[j].key.starts_with(k));
        let byline_cue = lines[j].cues.iter().any(|m| m.cue.kind == CueKind::Byline && (m.at_start || lines[j].shape.words <= 12 || leads));
        if rest_words > 6 && !byline_cue {
            continue;
        }
        {
            let what = lines[j].text.split_whitespace().collect::<Vec<_>>().join(" ");
            let place = if title_idx == Some(j) { "title line" } else { "dateline next to the title" };
            published = Some(Found { value, how: format!("{place} '{what}'"), raw: Some(span.shift(lines[j].span.start)) });
            break;
        }
    }
    if published.is_none() {
        if let Some((value, what)) = page.url.as_deref().and_then(meta::url_date) {
            published = Some(Found { value, how: format!("URL path '{what}'"), raw: None });
        }
    }
    article.published = published;
    article
}

fn t_or(t: Option<usize>) -> usize {
    t.unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_page::Markup;

    fn page(text: &str) -> Article {
        extract(&Page::from_text("t", Markup::Text, text))
    }

    fn kinds(a: &Article) -> Vec<(String, Option<RemovalKind>)> {
        a.blocks.iter().map(|b| (b.raw.of(&a.raw).to_string(), b.removed.as_ref().map(|r| r.kind))).collect()
    }

    const P1: &str = "The minister of the interior received his counterpart on Monday in the capital, where both men discussed the security of the border.";
    const P2: &str = "They also reviewed the cooperation between the two services, according to a statement issued after the meeting by the ministry.";

    #[test]
    fn title_before_prose_is_metadata_and_trailing_lines_are_removed() {
        let a = page(&format!("MENU\n\nMinister meets his counterpart in the capital\n\n{P1}\n\n{P2}\n\nShare this\n\nAnother headline about the weather today\n"));
        assert_eq!(a.title.as_ref().map(|t| t.value.as_str()), Some("Minister meets his counterpart in the capital"));
        assert_eq!(a.body, format!("{P1}\n\n{P2}"));
        let k = kinds(&a);
        assert_eq!(k[1].1, Some(RemovalKind::Metadata));
        assert!(k[0].1.is_some() && k[3 + 1].1.is_some());
    }

    #[test]
    fn a_repeated_caption_between_title_and_prose_is_removed() {
        let cap = "The two ministers shake hands before the talks in the capital on Monday.";
        let a = page(&format!("Minister meets his counterpart in the capital\n{cap}\n{cap}\n\nAgency report\n{P1}\n{P2}\n"));
        assert!(!a.body.contains("shake hands"), "{}", a.body);
        assert!(a.body.contains(P1) && a.body.contains(P2));
    }

    #[test]
    fn a_ticker_line_is_headlines() {
        let t = "One headline here\u{a0}\u{a0}\u{a0}\u{a0}Another headline there\u{a0}\u{a0}\u{a0}\u{a0}A third headline now\u{a0}\u{a0}\u{a0}\u{a0}";
        let a = page(&format!("{t}\n\nMinister meets his counterpart in the capital\n{P1}\n{P2}\n"));
        assert_eq!(a.blocks[0].removed.as_ref().map(|r| r.kind), Some(RemovalKind::Headlines));
        assert_eq!(a.body, format!("{P1}\n\n{P2}"));
    }

    #[test]
    fn teasers_after_the_article_are_headlines() {
        let a = page(&format!("{P1}\n\n{P2}\n\nA related story headline\n\nThe lead of the related story goes on for a while and then it is cut…\n"));
        assert_eq!(a.body, format!("{P1}\n\n{P2}"));
        let k = kinds(&a);
        assert_eq!(k[2].1, Some(RemovalKind::Headlines));
        assert_eq!(k[3].1, Some(RemovalKind::Headlines));
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in ["", "\n\n\n", "\r\r", "…", "a", "\u{feff}", "   \u{a0}  \n x", "1 / 2 / 3", "{title}", "٢٠٢٤"] {
            let a = page(t);
            assert!(a.body.len() <= a.raw.len() + 4);
        }
    }

    #[test]
    fn dates_come_from_a_dateline_next_to_the_title_only() {
        let a = page(&format!("Le temps qu'il fera ce vendredi 3 octobre 2025\nMinister meets his counterpart in the capital\n{P1}\n{P2}\n"));
        assert!(a.published.is_none(), "{:?}", a.published);
        let a = page(&format!("Minister meets his counterpart in the capital\nA photo of the two ministers that the ministry published on June 6, 2022, after the talks\n{P1}\n{P2}\n"));
        assert!(a.published.is_none(), "{:?}", a.published);
        let a = page(&format!("Minister meets his counterpart in the capital\nPublished on January 29, 2025\n{P1}\n{P2}\n"));
        let p = a.published.as_ref().expect("a date");
        assert_eq!(p.value, "2025-01-29");
        assert!(p.raw.is_some_and(|s| s.of(&a.raw).contains("2025")));
        assert!(!a.body.contains("Published"));
        // a date far above the title (a site header) is not the article's
        let a = page(&format!("Friday 22 November 2024\nEditor in chief\nSomeone\nDeputy editor\nSomeone else\nSite name\nMinister meets his counterpart in the capital\n{P1}\n{P2}\n"));
        assert!(a.published.is_none(), "{:?}", a.published);
    }

    #[test]
    fn the_url_gives_a_date_when_the_page_states_none() {
        let mut p = Page::from_text("t", Markup::Text, &format!("{P1}\n{P2}\n"));
        p.url = Some("https://example.com/2024/02/08/minister-meets.html".into());
        let a = extract(&p);
        assert_eq!(a.published.as_ref().map(|f| f.value.as_str()), Some("2024-02-08"));
        assert!(a.published.as_ref().is_some_and(|f| f.how.contains("URL")));
    }

    #[test]
    fn a_site_name_after_the_title_is_not_part_of_it() {
        let a = page(&format!("Minister meets his counterpart in the capital | The Daily Example\n\nMinister meets his counterpart in the capital\n{P1}\n{P2}\n"));
        assert_eq!(a.title.as_ref().map(|t| t.value.as_str()), Some("Minister meets his counterpart in the capital"));
        assert_eq!(a.body, format!("{P1}\n\n{P2}"));
    }

    #[test]
    fn breadcrumbs_controls_and_comment_forms() {
        let a = page(&format!(
            "Reading time: 2 minutes\nHome / World / Minister meets his counterpart in the capital\nMinister meets his counterpart in the capital\nPrevious slide\nNext slide\n{P1}\n{P2}\nUbusobanuro bw'ikindi gihugu\nLeave a Reply\nYour email address will not be published. Required fields are marked *\nSolve : *\n12 × 3 =\n"
        ));
        assert_eq!(a.title.as_ref().map(|t| t.value.as_str()), Some("Minister meets his counterpart in the capital"));
        assert_eq!(a.body, format!("{P1}\n\n{P2}"));
        let kind = |needle: &str| {
            a.blocks.iter().find(|b| b.raw.of(&a.raw).starts_with(needle)).and_then(|b| b.removed.as_ref()).map(|r| r.kind)
        };
        assert_eq!(kind("Reading time"), Some(RemovalKind::Controls));
        assert_eq!(kind("Home / World"), Some(RemovalKind::Navigation));
        assert_eq!(kind("Next slide"), Some(RemovalKind::Controls));
        assert_eq!(kind("Leave a Reply"), Some(RemovalKind::Comments));
        assert_eq!(kind("12 × 3"), Some(RemovalKind::Comments));
        // a share line in a language the engine does not read goes by its place after the prose
        assert_eq!(kind("Ubusobanuro"), Some(RemovalKind::OutsideArticle));
    }

    #[test]
    fn an_arabic_page_with_a_bulleted_ticker_and_a_dateline_before_the_title() {
        let p1 = "استقبل الوزير نظيره في العاصمة يوم الخميس، وبحث الجانبان سبل تعزيز التعاون الأمني بين البلدين.";
        let p2 = "وأضاف البلاغ أن اللقاء تناول مختلف القضايا ذات الاهتمام المشترك، خصوصا مكافحة الإرهاب والجريمة المنظمة.";
        let a = page(&format!("  • عنوان أول عن موضوع آخر تماما في الرياضة\n  • عنوان ثان عن الطقس في المدن الكبرى غدا\nالخميس 24 سبتمبر 2020\n\nالوزير يستقبل نظيره في العاصمة لبحث التعاون الأمني\n\n{p1}\n\n{p2}\n"));
        assert_eq!(a.lang, "ar");
        assert_eq!(a.title.as_ref().map(|t| t.value.as_str()), Some("الوزير يستقبل نظيره في العاصمة لبحث التعاون الأمني"));
        assert_eq!(a.body, format!("{p1}\n\n{p2}"));
        assert_eq!(a.published.as_ref().map(|p| p.value.as_str()), Some("2020-09-24"));
        assert_eq!(a.blocks[0].removed.as_ref().map(|r| r.kind), Some(RemovalKind::Headlines));
    }

    #[test]
    fn a_second_article_below_the_first_is_not_part_of_it() {
        let q1 = "The second story is about something else entirely, told in a paragraph of its own here.";
        let q2 = "It goes on for a while with details that belong to that other story and not to the first.";
        let p3 = "Both sides agreed to meet again next year, the statement added, without giving a date for the next round of talks.";
        let a = page(&format!("Minister meets his counterpart in the capital\nJanuary 29, 2025\n{P1}\n{P2}\n{p3}\nAnother story about a different subject\nJanuary 28, 2025\n{q1}\n{q2}\n"));
        assert_eq!(a.body, format!("{P1}\n\n{P2}\n\n{p3}"));
        assert_eq!(a.published.as_ref().map(|p| p.value.as_str()), Some("2025-01-29"));
    }

    #[test]
    fn big_pages_stay_fast() {
        let mut t = String::new();
        for i in 0..20000 {
            t.push_str(&format!("Une ligne de menu numéro {i} qui se termine par …\n{P1}\n"));
        }
        let start = std::time::Instant::now();
        let a = page(&t);
        assert!(!a.body.is_empty());
        assert!(start.elapsed().as_secs() < 60, "{:?}", start.elapsed());
    }

    #[test]
    fn no_panic_on_random_text() {
        // a fixed pseudo-random stream over characters that exercise every rule
        let pool: Vec<char> = "aZé ا٢ 1.…|/:•-–\n\n\u{a0}\u{a0}\u{a0}«»()©=×?!،{}هـ漢\r\u{feff}".chars().collect();
        let mut x: u64 = 0x9e3779b97f4a7c15;
        for _ in 0..300 {
            let mut t = String::new();
            for _ in 0..(x % 400) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                t.push(pool[(x % pool.len() as u64) as usize]);
            }
            let mut p = Page::from_text("t", Markup::Text, &t);
            p.url = Some(format!("https://x.y/{}/%e2%8/{}", x % 3000, t.chars().take(5).collect::<String>()));
            let a = extract(&p);
            for b in &a.blocks {
                assert!(a.raw.get(b.raw.start..b.raw.end).is_some());
            }
        }
    }

    #[test]
    fn deterministic() {
        let text = format!("Home\nMinister meets his counterpart in the capital\n{P1}\n{P2}\nLeave a Reply\n");
        assert_eq!(page(&text), page(&text));
    }
}
