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

/// Lower-cased tokens of class and id, split at non-alphanumerics and camelCase humps.
pub fn tokens(el: &scraper::node::Element) -> Vec<String> {
    let mut out = Vec::new();
    let mut push_from = |s: &str| {
        let mut cur = String::new();
        let mut prev_lower = false;
        for c in s.chars() {
            if c.is_ascii_alphanumeric() {
                if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
                cur.push(c.to_ascii_lowercase());
            } else {
                prev_lower = false;
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    };
    if let Some(c) = el.attr("class") {
        push_from(c);
    }
    if let Some(i) = el.attr("id") {
        push_from(i);
    }
    out.truncate(64);
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

fn token_cue(tokens: &[String]) -> Option<(RemovalKind, String)> {
    for (kind, exact, prefixes) in TABLE {
        for t in tokens {
            if exact.contains(&t.as_str()) || prefixes.iter().any(|p| t.starts_with(p)) {
                return Some((*kind, t.clone()));
            }
        }
    }
    None
}

/// The boilerplate cue an element carries, if any, and its content weight (see `weight_of`).
pub fn cue_and_weight(name: &str, el: &scraper::node::Element) -> (Option<Cue>, i32) {
    if el.attr("class").is_none() && el.attr("id").is_none() && el.attr("role").is_none() && el.attr("itemprop").is_none() {
        return (tag_cue(name), 0);
    }
    (cue_of(name, el), weight_of(el))
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

/// The boilerplate cue an element carries, if any.
pub fn cue_of(name: &str, el: &scraper::node::Element) -> Option<Cue> {
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
    let toks = tokens(el);
    if toks.is_empty() {
        return None;
    }
    let (kind, tok) = token_cue(&toks)?;
    // "article-body with-sidebar" or "comment-body": a content token weighs against the cue
    // unless the cue is about comments or an advert.
    let positive = toks.iter().any(|t| POSITIVE.contains(&t.as_str()));
    if positive && !matches!(kind, RemovalKind::Comments | RemovalKind::Other) {
        return None;
    }
    if positive && kind == RemovalKind::Other && !matches!(tok.as_str(), "ad" | "ads" | "advert" | "advertisement" | "cookie" | "consent") {
        return None;
    }
    let attr = if el.attr("class").is_some_and(|c| c.to_ascii_lowercase().contains(&tok)) { "class" } else { "id" };
    cue(kind, format!("{attr} token '{tok}'"))
}

/// +1 when class/id look like article content, -1 when like boilerplate, else 0.
pub fn weight_of(el: &scraper::node::Element) -> i32 {
    let toks = tokens(el);
    if toks.is_empty() {
        return 0;
    }
    let mut w = 0;
    if toks.iter().any(|t| POSITIVE.contains(&t.as_str())) {
        w += 1;
    }
    if token_cue(&toks).is_some() {
        w -= 1;
    }
    if let Some(ip) = el.attr("itemprop") {
        if ip.to_ascii_lowercase().contains("articlebody") {
            w += 2;
        }
    }
    w
}
