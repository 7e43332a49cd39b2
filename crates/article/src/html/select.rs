//! Main-content selection: score containers by the paragraphs they hold (text length,
//! punctuation, link density, class/id cues), take the best one with its parent's worthy
//! children, then clear boilerplate inside it (cued elements, link lists, headline).

use super::dom::{Dom, Tag};
use crate::{Removal, RemovalKind};

fn removal(kind: RemovalKind, detail: impl Into<String>) -> Option<Removal> {
    Some(Removal { kind, detail: detail.into() })
}

fn base_score(name: &str, tag: Tag) -> f64 {
    match name {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "th" => -5.0,
        _ => {
            if matches!(tag, Tag::Heading(_)) {
                -5.0
            } else {
                0.0
            }
        }
    }
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '’', '»', ')', ' ']).ends_with(['.', '!', '?', '。', '！', '？', '؟', '…', ':', ';'])
}

/// The decision for each block of `dom.blocks`: None = kept.
#[inline(never)] // once a page: kept out of line so that profiles show it
pub fn select(dom: &Dom, title: Option<&str>) -> Vec<Option<Removal>> {
    let n = dom.elems.len();
    let mut score = vec![0.0f64; n];
    let mut touched = vec![false; n];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut own_blocks: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, b) in dom.blocks.iter().enumerate() {
        if let Some(v) = own_blocks.get_mut(b.owner) {
            v.push(i);
        }
    }
    for (i, e) in dom.elems.iter().enumerate() {
        if let Some(p) = e.parent {
            if let Some(c) = children.get_mut(p) {
                c.push(i);
            }
        }
    }

    for b in &dom.blocks {
        let Some(owner) = dom.elems.get(b.owner) else { continue };
        if b.chars < 25 || matches!(owner.tag, Tag::Heading(_) | Tag::Caption | Tag::List | Tag::Table | Tag::Other) {
            continue;
        }
        let commas = b.text.chars().filter(|c| matches!(c, ',' | '，' | '、' | '،')).count();
        let link = b.link_chars as f64 / b.chars.max(1) as f64;
        let content = (1.0 + commas as f64 + (b.chars as f64 / 100.0).floor().min(3.0)) * (1.0 - link);
        let start = if matches!(owner.tag, Tag::Para | Tag::Pre | Tag::Quote | Tag::Item | Tag::Cell) { owner.parent } else { Some(b.owner) };
        let mut cur = start;
        let mut level = 0usize;
        while let Some(c) = cur {
            if level >= 5 || c == 0 {
                break;
            }
            let Some(ce) = dom.elems.get(c) else { break };
            if !touched[c] {
                touched[c] = true;
                // class/id cues weigh in full against, and for only as much text as there is
                let w = if ce.weight > 0 { ce.weight as f64 * (ce.text_len as f64 / 1000.0).min(1.0) } else { ce.weight as f64 };
                score[c] = base_score(&ce.name, ce.tag) + 25.0 * w;
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            score[c] += content / div;
            cur = ce.parent;
            level += 1;
        }
    }
    // inside (or on) an element with a boilerplate cue: comments, asides, footers. A cue on a
    // wrapper of the whole page scales every candidate alike and changes nothing.
    let final_score = |i: usize| -> f64 {
        let s = score[i] * (1.0 - dom.link_density(i));
        if dom.elems[i].cued.is_some() { s * 0.3 } else { s }
    };

    let mut ranked: Vec<usize> = (0..n).filter(|&i| touched[i]).collect();
    ranked.sort_by(|&a, &b| final_score(b).partial_cmp(&final_score(a)).unwrap_or(std::cmp::Ordering::Equal).then(a.cmp(&b)));

    let body = dom.elems.iter().position(|e| e.name == "body").unwrap_or(0);
    let mut top = ranked.first().copied().unwrap_or(body);

    if let Some(&first) = ranked.first() {
        let top_score = final_score(first);
        // several strong candidates under one ancestor: the article is split in parts
        let alts: Vec<usize> = ranked.iter().skip(1).take(4).copied().filter(|&a| final_score(a) >= 0.75 * top_score).collect();
        if alts.len() >= 3 {
            let mut anc = dom.elems.get(top).and_then(|e| e.parent);
            while let Some(a) = anc {
                if a == 0 || dom.elems.get(a).is_some_and(|e| e.name == "body") {
                    break;
                }
                let holding = alts.iter().filter(|&&x| dom.within(x, a)).count();
                if holding >= 3 {
                    top = a;
                    break;
                }
                anc = dom.elems.get(a).and_then(|e| e.parent);
            }
        }
        // climb while the parent scores better
        let mut last = final_score(top);
        let threshold = last / 3.0;
        let mut parent = dom.elems.get(top).and_then(|e| e.parent);
        while let Some(p) = parent {
            if p == 0 || dom.elems.get(p).is_some_and(|e| e.name == "body") {
                break;
            }
            if !touched[p] {
                parent = dom.elems.get(p).and_then(|e| e.parent);
                continue;
            }
            let ps = final_score(p);
            if ps < threshold {
                break;
            }
            if ps > last {
                top = p;
                break;
            }
            last = ps;
            parent = dom.elems.get(p).and_then(|e| e.parent);
        }
        // climb through parents that hold nothing else
        loop {
            let Some(p) = dom.elems.get(top).and_then(|e| e.parent) else { break };
            if p == 0 || dom.elems.get(p).is_some_and(|e| e.name == "body") {
                break;
            }
            let pe = &dom.elems[p];
            let te = &dom.elems[top];
            if children[p].len() == 1 && pe.text_len == te.text_len {
                top = p;
            } else {
                break;
            }
        }
    }

    // the top candidate and its parent's worthy children
    let top_score = if touched[top] { final_score(top) } else { 0.0 };
    let mut region: Vec<usize> = vec![top];
    if let Some(p) = dom.elems.get(top).and_then(|e| e.parent).filter(|&p| p != 0) {
        let threshold = (top_score * 0.2).max(10.0);
        for &s in &children[p] {
            if s == top {
                continue;
            }
            let Some(se) = dom.elems.get(s) else { continue };
            if se.cue.is_some() {
                continue;
            }
            let mut ok = touched[s] && final_score(s) >= threshold;
            // a later part of an article split by asides or adverts: prose, few links
            if !ok && se.paras >= 2 && se.text_len >= 300 && dom.link_density(s) < 0.2 {
                ok = true;
            }
            if !ok && se.tag == Tag::Para {
                let ld = dom.link_density(s);
                let text: String = own_blocks[s].iter().filter_map(|&i| dom.blocks.get(i)).map(|b| b.text.as_str()).collect::<Vec<_>>().join(" ");
                let len = text.chars().count();
                ok = (len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld == 0.0 && ends_sentence(&text));
            }
            if ok {
                region.push(s);
            }
        }
    }
    region.sort_by_key(|&r| dom.elems.get(r).map_or(0, |e| e.first));
    if std::env::var_os("DOSSIER_DEBUG_HTML").is_some() {
        for &c in ranked.iter().take(6) {
            let e = &dom.elems[c];
            eprintln!("candidate {c} <{}> score {:.1} text {} links {} weight {} cue {:?}", e.name, final_score(c), e.text_len, e.link_len, e.weight, e.cue);
        }
        eprintln!("top {top}, region {region:?}");
    }

    // elements inside the region to clear: link lists and cued boilerplate
    let firsts: Vec<usize> = region.iter().map(|&r| dom.elems[r].first).collect();
    let region_of = |e: usize| -> Option<usize> {
        let f = dom.elems.get(e)?.first;
        let k = firsts.partition_point(|&x| x <= f);
        let r = *region.get(k.checked_sub(1)?)?;
        dom.within(e, r).then_some(r)
    };
    let mut cleared: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let e = &dom.elems[i];
        let inherited = e.parent.and_then(|p| cleared.get(p).copied().flatten());
        if inherited.is_some() {
            cleared[i] = inherited;
            continue;
        }
        let Some(r) = region_of(i) else { continue };
        if r == i {
            continue;
        }
        let ld = dom.link_density(i);
        let rt = dom.elems[r].text_len.max(1);
        let flag = match e.tag {
            Tag::List => {
                // a list of sentences with a link each is prose; a list of headlines is not
                let prose = e.paras > 0 && e.text_len / e.paras.max(1) >= 100;
                if prose { ld > 0.6 } else { ld > 0.4 || (ld > 0.25 && e.paras == 0) }
            }
            Tag::Container | Tag::Table => e.text_len > 0 && ld > 0.5 && (e.text_len as f64) < 0.5 * rt as f64,
            _ => false,
        };
        if flag {
            cleared[i] = Some(i);
        }
    }

    let mut out = Vec::with_capacity(dom.blocks.len());
    let mut kept_texts: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let title_norm = title.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    for b in &dom.blocks {
        let Some(owner) = dom.elems.get(b.owner) else {
            out.push(removal(RemovalKind::Other, "no element"));
            continue;
        };
        let decision = match region_of(b.owner) {
            None => match owner.cued.and_then(|c| dom.elems.get(c)).and_then(|c| c.cue.as_ref()) {
                Some(cue) => removal(cue.kind, format!("{}; outside the main content", cue.detail)),
                None => removal(RemovalKind::OutsideArticle, format!("outside the main content (in {})", owner.name)),
            },
            Some(r) => {
                let rt = dom.elems[r].text_len.max(1);
                let cue = owner.cued.filter(|&c| c != r && dom.within(c, r)).and_then(|c| {
                    let ce = &dom.elems[c];
                    // a cue on a wrapper of most of the article is a template quirk, not boilerplate
                    if (ce.text_len as f64) >= 0.7 * rt as f64 && !matches!(ce.cue.as_ref().map(|c| c.kind), Some(RemovalKind::Comments)) {
                        None
                    } else {
                        ce.cue.clone()
                    }
                });
                if let Some(cue) = cue {
                    removal(cue.kind, cue.detail)
                } else if let Some(c) = cleared.get(b.owner).copied().flatten() {
                    let ce = &dom.elems[c];
                    removal(RemovalKind::Headlines, format!("{} of links (link density {:.2})", ce.name, dom.link_density(c)))
                } else if owner.tag == Tag::Heading(1) {
                    removal(RemovalKind::Metadata, "headline (h1)")
                } else if b.chars > 0 && b.link_chars as f64 / b.chars as f64 > 0.6 && !(owner.tag == Tag::Para && ends_sentence(&b.text) && (b.link_chars as f64) < 0.85 * b.chars as f64) {
                    removal(RemovalKind::Navigation, format!("mostly link text ({} of {} chars)", b.link_chars, b.chars))
                } else if title_norm.as_deref().is_some_and(|t| t == b.text) {
                    removal(RemovalKind::Metadata, "the headline")
                } else if b.chars >= 10 && kept_texts.contains(b.text.as_str()) {
                    removal(RemovalKind::Duplicate, "same text as a block kept above")
                } else {
                    None
                }
            }
        };
        if decision.is_none() {
            kept_texts.insert(b.text.as_str());
        }
        out.push(decision);
    }
    trim_edges(dom, &mut out);
    out
}

/// Short lines before the first paragraph and after the last one of the kept run (bylines,
/// datelines, "related" headings, labels) are metadata, not body.
fn trim_edges(dom: &Dom, out: &mut [Option<Removal>]) {
    let is_para = |i: usize| -> bool {
        let b = &dom.blocks[i];
        b.chars >= 80 || (b.chars >= 25 && ends_sentence(&b.text) && b.text.split_whitespace().count() >= 5)
    };
    let kept: Vec<usize> = (0..out.len()).filter(|&i| out[i].is_none()).collect();
    let Some(first_para) = kept.iter().copied().find(|&i| is_para(i)) else { return };
    let last_para = kept.iter().copied().rev().find(|&i| is_para(i)).unwrap_or(first_para);
    for &i in &kept {
        if i < first_para {
            let heading = matches!(dom.elems.get(dom.blocks[i].owner).map(|e| e.tag), Some(Tag::Heading(_)));
            if !heading || dom.blocks[i].chars < 25 {
                out[i] = removal(RemovalKind::Metadata, "short line before the article's first paragraph");
            }
        } else if i > last_para {
            let b = &dom.blocks[i];
            // list items and table cells after the last paragraph are the article's own list
            let item = matches!(dom.elems.get(b.owner).map(|e| e.tag), Some(Tag::Item | Tag::Cell));
            if !item && (b.chars < 80 || !ends_sentence(&b.text)) {
                out[i] = removal(RemovalKind::OutsideArticle, "short line after the article's last paragraph");
            }
        }
    }
}
