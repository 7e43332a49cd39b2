//! Structural cues: what an element's tag, role, class and id say about it. These are HTML
//! vocabulary (tag names, ARIA roles, the usual class/id tokens of page templates), not words of
//! any human language.

use super::attrs::Attrs;
use crate::RemovalKind;

/// A boilerplate cue found on one element.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub kind: RemovalKind,
    pub detail: String,
}

fn cue(kind: RemovalKind, detail: String) -> Option<Cue> {
    Some(Cue { kind, detail })
}

/// The tokens of a class or id value: runs of ASCII letters and digits, also split where a
/// capital follows a small letter or a digit (camelCase humps). Each is a slice of the value.
struct Tokens<'a> {
    bytes: &'a [u8],
    at: usize,
}

fn tokens_of(value: &str) -> Tokens<'_> {
    Tokens { bytes: value.as_bytes(), at: 0 }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let bytes = self.bytes;
        while bytes.get(self.at).is_some_and(|c| !c.is_ascii_alphanumeric()) {
            self.at += 1;
        }
        let start = self.at;
        let first = *bytes.get(start)?;
        let mut prev_lower = first.is_ascii_lowercase() || first.is_ascii_digit();
        let mut end = start + 1;
        while let Some(&c) = bytes.get(end) {
            if !c.is_ascii_alphanumeric() || (c.is_ascii_uppercase() && prev_lower) {
                break;
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            end += 1;
        }
        self.at = end;
        bytes.get(start..end)
    }
}

/// Longest token compared whole: longer ones can only match a prefix (every exact token of the
/// table is shorter).
const TOKEN_MAX: usize = 32;

/// Token table: (kind, exact tokens, token prefixes).
const TABLE: &[(RemovalKind, &[&str], &[&str])] = &[
    (RemovalKind::Comments, &["respond", "replies", "reply"], &["comment", "disqus", "discussion"]),
    (
        RemovalKind::Navigation,
        &["nav", "menu", "menus", "header", "masthead", "topbar", "breadcrumbs", "breadcrumb", "pagination", "pager", "skip", "footer", "navbar", "subnav", "toc", "sitemap", "crumbs"],
        &["navigation", "navbar", "breadcrumb", "footer", "megamenu", "dropdown", "hamburger"],
    ),
    (
        RemovalKind::Controls,
        &["share", "sharing", "social", "toolbar", "print", "tools", "actions", "bookmark", "sharebar", "icons", "likes", "reactions", "rating"],
        &["share", "sharing", "social", "addthis", "sharethis"],
    ),
    (
        RemovalKind::Headlines,
        &["related", "recommended", "recommendations", "popular", "trending", "mostread", "most", "recirc", "outbrain", "taboola", "teaser", "teasers", "more", "readmore", "latest", "headlines", "ticker", "upnext", "next", "prev", "previous", "carousel"],
        &["related", "recommend", "outbrain", "taboola", "trending", "popular", "recirculation", "mostpopular", "mostread"],
    ),
    (
        RemovalKind::Promotion,
        &["newsletter", "subscribe", "subscription", "signup", "promo", "promotion", "cta", "follow", "donate", "membership", "optin"],
        &["newsletter", "subscri", "signup", "promo"],
    ),
    (
        RemovalKind::Other,
        &["ad", "ads", "advert", "adv", "advertisement", "advertising", "sponsor", "sponsored", "dfp", "gpt", "banner", "cookie", "cookies", "consent", "gdpr", "modal", "popup", "overlay", "lightbox", "sronly", "sr", "invisible", "caption", "credit", "credits", "copyright", "disclaimer", "legal"],
        &["advert", "sponsor", "cookie", "consent", "gdpr", "popup", "caption", "adslot", "adunit", "adcontainer", "adwrapper", "googlead"],
    ),
    (
        RemovalKind::OutsideArticle,
        &["sidebar", "aside", "widget", "widgets", "rail", "rightrail", "leftrail", "sidebox", "complementary"],
        &["sidebar", "widget"],
    ),
    (
        RemovalKind::Metadata,
        &["byline", "author", "authors", "dateline", "timestamp", "date", "published", "meta", "metadata", "tags", "tag", "categories", "category", "kicker", "eyebrow", "bio", "contributor", "posted", "updated"],
        &["byline", "author", "dateline", "timestamp", "tags"],
    ),
];

/// Tokens that say "this is the content" and protect an element from token cues.
const POSITIVE: &[&str] = &["article", "content", "body", "entry", "post", "story", "text", "main", "blog", "page", "prose", "articlebody", "richtext"];

/// What one token says: the first row of TABLE it matches, and whether it says "content".
#[derive(Debug, Clone, Copy, Default)]
struct Verdict {
    row: Option<usize>,
    positive: bool,
}

/// A hash map keyed by the index's short tokens, hashed with FxHash (rustc-hash): tokens are
/// looked up for every class name of every tag of a page, and the standard SipHash costs more
/// than the rest of the lookup. Only for the static index: its keys are not page data.
pub type TokenMap<K, V> = std::collections::HashMap<K, V, rustc_hash::FxBuildHasher>;

/// TABLE and POSITIVE ready for lookup: whole tokens in a hash table, prefixes grouped by
/// their first byte, and the pairs of first bytes any of them starts with (most tokens of a
/// page start with none, and are told apart with one bit test).
struct TokenIndex {
    exact: TokenMap<&'static str, Verdict>,
    prefixes: Vec<Vec<(&'static str, usize)>>,
    openings: Vec<u64>,
}

/// Bit number of a token's first two bytes in `TokenIndex::openings`.
fn opening(token: &[u8]) -> Option<usize> {
    match token {
        [a, b, ..] => Some(usize::from(*a) << 8 | usize::from(*b)),
        _ => None,
    }
}

fn index() -> &'static TokenIndex {
    static INDEX: std::sync::OnceLock<TokenIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = TokenIndex { exact: Default::default(), prefixes: vec![Vec::new(); 256], openings: vec![0; 1024] };
        let mut note_opening = |t: &str| {
            if let Some(bit) = opening(t.as_bytes()) {
                if let Some(w) = index.openings.get_mut(bit / 64) {
                    *w |= 1 << (bit % 64);
                }
            }
        };
        for (_, tokens, starts) in TABLE {
            for t in tokens.iter() {
                note_opening(t);
            }
            for p in starts.iter() {
                note_opening(p);
            }
        }
        for t in POSITIVE {
            note_opening(t);
        }
        for (row, (_, tokens, starts)) in TABLE.iter().enumerate() {
            for t in tokens.iter() {
                // the first row naming a token wins
                let v = index.exact.entry(t).or_default();
                v.row = v.row.or(Some(row));
            }
            for p in starts.iter() {
                if let Some(bucket) = p.as_bytes().first().and_then(|&b| index.prefixes.get_mut(usize::from(b))) {
                    bucket.push((*p, row));
                }
            }
        }
        for t in POSITIVE {
            index.exact.entry(t).or_default().positive = true;
        }
        index
    })
}

/// What a token of a class or id value says (compared lower-cased).
fn verdict(token: &[u8]) -> Verdict {
    let mut buf = [0u8; TOKEN_MAX];
    let head = token.get(..TOKEN_MAX).unwrap_or(token);
    for (b, c) in buf.iter_mut().zip(head) {
        *b = c.to_ascii_lowercase();
    }
    let Some(head) = buf.get(..head.len()) else { return Verdict::default() };
    let index = index();
    let known_opening = opening(head).is_some_and(|bit| index.openings.get(bit / 64).is_some_and(|w| w & (1 << (bit % 64)) != 0));
    if !known_opening {
        return Verdict::default();
    }
    // letters and digits only
    let head = std::str::from_utf8(head).unwrap_or("");
    let whole = if token.len() <= TOKEN_MAX { index.exact.get(head).copied().unwrap_or_default() } else { Verdict::default() };
    let bucket = head.as_bytes().first().and_then(|&b| index.prefixes.get(usize::from(b)));
    let prefix = bucket.and_then(|b| b.iter().filter(|(p, _)| head.starts_with(p)).map(|(_, row)| *row).min());
    let row = match (whole.row, prefix) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    Verdict { row, positive: whole.positive }
}

/// Does a class name say anything to the cues (before parsing, to drop the others)?
pub fn relevant_class(class: &str) -> bool {
    tokens_of(class).any(|t| {
        let v = verdict(t);
        v.positive || v.row.is_some()
    })
}

/// What the class and id tokens of an element say: the first table row any of them matches
/// with that token (lower-cased), and whether one says "content". Only the first 64 tokens
/// (class, then id) are read.
fn read_tokens(class: Option<&str>, id: Option<&str>) -> (Option<(RemovalKind, String)>, bool) {
    let mut best: Option<(usize, &[u8])> = None;
    let mut positive = false;
    for t in [class, id].into_iter().flatten().flat_map(tokens_of).take(64) {
        let v = verdict(t);
        positive |= v.positive;
        if let Some(r) = v.row {
            if best.is_none_or(|(b, _)| r < b) {
                best = Some((r, t));
            }
        }
    }
    // ASCII letters and digits: the lossy conversion never replaces anything
    let found = best.and_then(|(r, t)| TABLE.get(r).map(|row| (row.0, String::from_utf8_lossy(t).to_ascii_lowercase())));
    (found, positive)
}

/// What the class values of one page's elements say, read once per distinct value (the same
/// class attribute comes back on every item of a menu or a list). Keyed by page data, so hashed
/// with the standard keyed hasher: under an unkeyed hash (`TokenMap`'s) a page can choose values of one hash and
/// make every insertion compare with all the earlier values (quadratic).
#[derive(Default)]
pub struct ClassMemo<'a> {
    said: std::collections::HashMap<&'a str, (Option<(RemovalKind, String)>, bool)>,
}

impl<'a> ClassMemo<'a> {
    fn read(&mut self, class: Option<&'a str>, id: Option<&'a str>) -> (Option<(RemovalKind, String)>, bool) {
        match (class, id) {
            (Some(class), None) => self.said.entry(class).or_insert_with(|| read_tokens(Some(class), None)).clone(),
            _ => read_tokens(class, id),
        }
    }
}

/// The boilerplate cue an element carries, if any, and its content weight: +1 when class/id
/// look like article content, -1 when like boilerplate, +2 more for itemprop=articleBody.
pub fn cue_and_weight<'a>(name: &str, attrs: &Attrs<'a>, memo: &mut ClassMemo<'a>) -> (Option<Cue>, i32) {
    if attrs.class.is_none() && attrs.id.is_none() && attrs.role.is_none() && attrs.itemprop.is_none() {
        return (tag_cue(name), 0);
    }
    let (found, positive) = memo.read(attrs.class, attrs.id);
    let mut w = 0;
    if positive {
        w += 1;
    }
    if found.is_some() {
        w -= 1;
    }
    if attrs.itemprop.is_some_and(|ip| ip.to_ascii_lowercase().contains("articlebody")) {
        w += 2;
    }
    let found = found.as_ref().map(|(kind, tok)| (*kind, tok.as_str()));
    (cue_of(name, attrs, found, positive), w)
}

fn tag_cue(name: &str) -> Option<Cue> {
    match name {
        "nav" => cue(RemovalKind::Navigation, "nav element".into()),
        "footer" => cue(RemovalKind::Navigation, "footer element".into()),
        "aside" => cue(RemovalKind::OutsideArticle, "aside element".into()),
        "header" => cue(RemovalKind::Metadata, "header element".into()),
        "figcaption" | "caption" => cue(RemovalKind::Other, format!("{name} element")),
        "address" => cue(RemovalKind::Metadata, "address element".into()),
        "dialog" => cue(RemovalKind::Other, "dialog element".into()),
        _ => None,
    }
}

/// The boilerplate cue an element carries, if any (`found`: what its class/id tokens say).
fn cue_of(name: &str, attrs: &Attrs<'_>, found: Option<(RemovalKind, &str)>, positive: bool) -> Option<Cue> {
    // (a form around the whole page, as some site frameworks have, is no cue: the scorer decides)
    if let Some(c) = tag_cue(name) {
        return Some(c);
    }
    if let Some(role) = attrs.role {
        let role = role.trim().to_ascii_lowercase();
        let kind = match role.as_str() {
            "navigation" | "menu" | "menubar" | "banner" | "contentinfo" => Some(RemovalKind::Navigation),
            "complementary" => Some(RemovalKind::OutsideArticle),
            "dialog" | "alertdialog" | "alert" => Some(RemovalKind::Other),
            "toolbar" => Some(RemovalKind::Controls),
            _ => None,
        };
        if let Some(kind) = kind {
            return cue(kind, format!("role={role}"));
        }
    }
    if let Some(ip) = attrs.itemprop {
        let ip = ip.to_ascii_lowercase();
        if ip.contains("articlebody") || ip.contains("text") {
            return None;
        }
        if ip.contains("author") || ip.contains("date") || ip.contains("headline") {
            return cue(RemovalKind::Metadata, format!("itemprop={ip}"));
        }
        if ip.contains("comment") {
            return cue(RemovalKind::Comments, format!("itemprop={ip}"));
        }
    }
    let (kind, tok) = found?;
    // "article-body with-sidebar" or "comment-body": a content token weighs against the cue
    // unless the cue is about comments or an advert.
    if positive && !matches!(kind, RemovalKind::Comments | RemovalKind::Other) {
        return None;
    }
    if positive && kind == RemovalKind::Other && !matches!(tok, "ad" | "ads" | "advert" | "advertisement" | "cookie" | "consent") {
        return None;
    }
    let attr = if attrs.class.is_some_and(|c| c.to_ascii_lowercase().contains(tok)) { "class" } else { "id" };
    cue(kind, format!("{attr} token '{tok}'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_token_can_be_found() {
        // the index assumes tokens of two to TOKEN_MAX lower-case letters and digits
        let all = TABLE.iter().flat_map(|(_, exact, prefixes)| exact.iter().chain(prefixes.iter())).chain(POSITIVE.iter());
        for t in all {
            assert!((2..=TOKEN_MAX).contains(&t.len()) && t.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()), "{t}");
        }
        for (row, (_, exact, prefixes)) in TABLE.iter().enumerate() {
            for t in exact.iter() {
                assert!(verdict(t.as_bytes()).row.is_some_and(|r| r <= row), "{t}");
                assert!(verdict(t.to_ascii_uppercase().as_bytes()).row.is_some_and(|r| r <= row), "{t}");
            }
            for p in prefixes.iter() {
                assert!(verdict(format!("{p}x").as_bytes()).row.is_some_and(|r| r <= row), "{p}");
            }
        }
        assert!(verdict(b"ArticleBody").positive && !verdict(b"articles").positive);
        assert_eq!(verdict(b"z").row, None);
    }

    #[test]
    fn class_tokens_split_at_humps_and_punctuation() {
        let toks: Vec<&[u8]> = tokens_of("mainNav  share-bar FOOBar x2Y").collect();
        assert_eq!(toks, vec![&b"main"[..], b"Nav", b"share", b"bar", b"FOOBar", b"x2", b"Y"]);
        assert!(relevant_class("siteNavigation"));
        assert!(!relevant_class("grid-col-6"));
        assert!(relevant_class(&format!("{}Sidebar", "x".repeat(40))));
        assert!(relevant_class(&format!("sidebar{}", "x".repeat(40))));
    }
}
