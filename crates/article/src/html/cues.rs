//! Structural cues: what an element's tag, role, class and id say about it. These are HTML
//! vocabulary (tag names, ARIA roles, the usual class/id tokens of page templates), not words of
//! any human language.

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

/// Lower-cased tokens of class and id, split at non-alphanumerics and camelCase humps:
/// one buffer, tokens separated by spaces.
fn tokens(el: &scraper::node::Element) -> String {
    let mut out = String::new();
    let mut n = 0usize;
    for attr in [el.attr("class"), el.attr("id")].into_iter().flatten() {
        let mut prev_lower = false;
        let mut in_token = false;
        for c in attr.chars() {
            if c.is_ascii_alphanumeric() {
                if (c.is_ascii_uppercase() && prev_lower) || !in_token {
                    if n >= 64 {
                        return out;
                    }
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    n += 1;
                }
                in_token = true;
                prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
                out.push(c.to_ascii_lowercase());
            } else {
                prev_lower = false;
                in_token = false;
            }
        }
    }
    out
}

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

fn exact_rows() -> &'static std::collections::HashMap<&'static str, usize> {
    static MAP: std::sync::OnceLock<std::collections::HashMap<&'static str, usize>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = std::collections::HashMap::new();
        for (row, (_, exact, _)) in TABLE.iter().enumerate() {
            for t in exact.iter() {
                m.entry(*t).or_insert(row);
            }
        }
        m
    })
}

/// The first row of TABLE a token matches.
fn row_of(t: &str) -> Option<usize> {
    let exact = exact_rows().get(t).copied();
    let prefix = TABLE.iter().position(|(_, _, prefixes)| prefixes.iter().any(|p| t.starts_with(p)));
    match (exact, prefix) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The cue of the first table row any token matches, with that token.
fn token_cue(tokens: &str) -> Option<(RemovalKind, &str)> {
    let mut best: Option<(usize, &str)> = None;
    for t in tokens.split(' ') {
        if let Some(r) = row_of(t) {
            if best.is_none_or(|(b, _)| r < b) {
                best = Some((r, t));
            }
        }
    }
    best.and_then(|(r, t)| TABLE.get(r).map(|row| (row.0, t)))
}

/// Does a class name say anything to the cues (before parsing, to drop the others)?
pub fn relevant_class(class: &str) -> bool {
    let mut cur = String::new();
    let mut prev_lower = false;
    let check = |t: &str| !t.is_empty() && (POSITIVE.contains(&t) || row_of(t).is_some());
    for c in class.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && check(&cur) {
                return true;
            }
            if c.is_ascii_uppercase() && prev_lower {
                cur.clear();
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            cur.push(c.to_ascii_lowercase());
        } else {
            if check(&cur) {
                return true;
            }
            cur.clear();
            prev_lower = false;
        }
    }
    check(&cur)
}

fn is_positive(tokens: &str) -> bool {
    tokens.split(' ').any(|t| POSITIVE.contains(&t))
}

/// The boilerplate cue an element carries, if any, and its content weight: +1 when class/id
/// look like article content, -1 when like boilerplate, +2 more for itemprop=articleBody.
pub fn cue_and_weight(name: &str, el: &scraper::node::Element) -> (Option<Cue>, i32) {
    if el.attr("class").is_none() && el.attr("id").is_none() && el.attr("role").is_none() && el.attr("itemprop").is_none() {
        return (tag_cue(name), 0);
    }
    let toks = tokens(el);
    let found = if toks.is_empty() { None } else { token_cue(&toks) };
    let positive = !toks.is_empty() && is_positive(&toks);
    let mut w = 0;
    if positive {
        w += 1;
    }
    if found.is_some() {
        w -= 1;
    }
    if el.attr("itemprop").is_some_and(|ip| ip.to_ascii_lowercase().contains("articlebody")) {
        w += 2;
    }
    (cue_of(name, el, found, positive), w)
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
fn cue_of(name: &str, el: &scraper::node::Element, found: Option<(RemovalKind, &str)>, positive: bool) -> Option<Cue> {
    // (a form around the whole page, as some site frameworks have, is no cue: the scorer decides)
    if let Some(c) = tag_cue(name) {
        return Some(c);
    }
    if let Some(role) = el.attr("role") {
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
    if let Some(ip) = el.attr("itemprop") {
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
    let attr = if el.attr("class").is_some_and(|c| c.to_ascii_lowercase().contains(tok)) { "class" } else { "id" };
    cue(kind, format!("{attr} token '{tok}'"))
}
