//! Page metadata: headline, publication date, author, site name, canonical URL and declared
//! language, from JSON-LD, meta tags, time elements, headings, the title element and the URL.

use super::attrs::Attrs;
use scraper::Node;
use std::collections::BTreeMap;

/// What the walk over the document saw that metadata is read from.
#[derive(Debug, Default)]
pub struct MetaCollector {
    pub html_lang: Option<String>,
    pub title_element: Option<String>,
    pub h1: Option<String>,
    /// meta property/name/itemprop (lower-cased) -> first non-empty content.
    pub metas: BTreeMap<String, String>,
    pub canonical: Option<String>,
    pub json_ld: Vec<String>,
    /// datetime attributes of time elements, in document order (with "pubdate"-like marks first).
    pub times: Vec<(bool, String)>,
}

const MAX_META: usize = 512;

fn node_text(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
            if s.len() > 100_000 {
                break;
            }
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl MetaCollector {
    pub fn element(&mut self, name: &str, el: &Attrs<'_>, node: ego_tree::NodeRef<'_, Node>) {
        match name {
            "html" => {
                if self.html_lang.is_none() {
                    self.html_lang = el.lang.or(el.xml_lang).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
                }
            }
            "title" => {
                if self.title_element.is_none() {
                    let t = node_text(node);
                    if !t.is_empty() {
                        self.title_element = Some(t);
                    }
                }
            }
            "h1" => {
                if self.h1.is_none() {
                    let t = node_text(node);
                    if !t.is_empty() {
                        self.h1 = Some(t);
                    }
                }
            }
            "link" => {
                if self.canonical.is_none()
                    && el.rel.is_some_and(|r| r.split_whitespace().any(|t| t.eq_ignore_ascii_case("canonical")))
                {
                    self.canonical = el.href.map(|h| h.trim().to_string()).filter(|h| !h.is_empty());
                }
            }
            "script" => {
                if el.type_.is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) && self.json_ld.len() < 16 {
                    let mut s = String::new();
                    for c in node.children() {
                        if let Node::Text(t) = c.value() {
                            s.push_str(t);
                        }
                    }
                    if s.len() < 2_000_000 {
                        self.json_ld.push(s);
                    }
                }
            }
            "time" => {
                if self.times.len() < 32 {
                    if let Some(dt) = el.datetime {
                        let marked = el.pubdate.is_some()
                            || el.itemprop.is_some_and(|v| v.to_ascii_lowercase().contains("datepublished"))
                            || el.class.is_some_and(|v| v.to_ascii_lowercase().contains("publish"));
                        self.times.push((marked, dt.trim().to_string()));
                    }
                }
            }
            _ => {}
        }
        if self.metas.len() < MAX_META {
            let content = el.content.or(if name == "time" { el.datetime } else { None });
            if let Some(content) = content {
                let content = content.trim();
                if !content.is_empty() {
                    for key in [el.property, el.name, el.itemprop, el.http_equiv] {
                        if let Some(k) = key {
                            let k = k.trim().to_ascii_lowercase();
                            if !k.is_empty() && k.len() < 100 {
                                self.metas.entry(k).or_insert_with(|| content.to_string());
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What the metadata reader found, each with how.
#[derive(Debug, Default, Clone)]
pub struct Meta {
    pub title: Option<(String, String)>,
    pub published: Option<(String, String)>,
    pub author: Option<(String, String)>,
    pub site_name: Option<(String, String)>,
    pub canonical: Option<String>,
    pub lang: Option<String>,
}

/// Fields of the first JSON-LD object that looks like an article (or the first with them).
#[derive(Debug, Default)]
struct LdFacts {
    headline: Option<String>,
    date_published: Option<String>,
    date_created: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    in_language: Option<String>,
}

fn ld_name(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty() && !s.starts_with("http")),
        serde_json::Value::Object(o) => o.get("name").and_then(ld_name),
        serde_json::Value::Array(a) => {
            let names: Vec<String> = a.iter().take(8).filter_map(ld_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

fn ld_facts(sources: &[String]) -> LdFacts {
    let mut facts = LdFacts::default();
    for src in sources {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(src.trim()) else { continue };
        // iterative walk over objects, bounded
        let mut stack = vec![&value];
        let mut visited = 0;
        while let Some(v) = stack.pop() {
            visited += 1;
            if visited > 10_000 {
                break;
            }
            match v {
                serde_json::Value::Array(a) => stack.extend(a.iter().rev()),
                serde_json::Value::Object(o) => {
                    let str_of = |k: &str| o.get(k).and_then(|x| x.as_str()).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
                    if facts.date_published.is_none() {
                        facts.date_published = str_of("datePublished");
                    }
                    if facts.date_created.is_none() {
                        facts.date_created = str_of("dateCreated");
                    }
                    if facts.headline.is_none() {
                        facts.headline = str_of("headline");
                    }
                    if facts.in_language.is_none() {
                        facts.in_language = str_of("inLanguage");
                    }
                    if facts.author.is_none() {
                        facts.author = o.get("author").and_then(ld_name);
                    }
                    if facts.publisher.is_none() {
                        facts.publisher = o.get("publisher").and_then(ld_name);
                    }
                    for (k, child) in o {
                        if matches!(k.as_str(), "@graph" | "mainEntity" | "mainEntityOfPage" | "itemListElement") && (child.is_object() || child.is_array()) {
                            stack.push(child);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    facts
}

fn decode_entities(s: &str) -> String {
    // meta content is already decoded by the parser; JSON-LD strings may carry HTML entities
    if !s.contains('&') {
        return s.to_string();
    }
    let frag = scraper::Html::parse_fragment(s);
    let t: String = frag.root_element().text().collect();
    if t.trim().is_empty() { s.to_string() } else { t }
}

/// A date or date-time normalised to ISO 8601: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS[offset]".
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        // keep the stated local time and offset when there is one
        if let Ok(z) = s.parse::<jiff::Zoned>() {
            return Some(z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()).filter(|_| plausible_year(z.year()));
        }
        let _ = ts;
    }
    if let Ok(dt) = jiff::fmt::rfc2822::parse(s) {
        return Some(dt.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()).filter(|_| plausible_year(dt.year()));
    }
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<i32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) { part.parse().ok() } else { None }
    };
    // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD, each optionally followed by a time
    let (y, m, d, rest) = if b.len() >= 10 && matches!(b.get(4), Some(b'-' | b'/' | b'.')) && b.get(7) == b.get(4) {
        (digits(0..4)?, digits(5..7)?, digits(8..10)?, s.get(10..).unwrap_or(""))
    } else if b.len() >= 8 && b.iter().take(8).all(|c| c.is_ascii_digit()) && !b.get(8).is_some_and(|c| c.is_ascii_digit()) {
        (digits(0..4)?, digits(4..6)?, digits(6..8)?, s.get(8..).unwrap_or(""))
    } else {
        return None;
    };
    let date = jiff::civil::Date::new(i16::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()?;
    if !plausible_year(date.year()) {
        return None;
    }
    let rest = rest.trim_start_matches(['T', ' ', 't']);
    if rest.len() >= 5 {
        if let Ok(t) = rest.get(..8).unwrap_or(rest).parse::<jiff::civil::Time>().or_else(|_| rest.get(..5).unwrap_or("").parse::<jiff::civil::Time>()) {
            let dt = date.to_datetime(t);
            let after = rest.get(8..).or_else(|| rest.get(5..)).unwrap_or("").trim_start_matches(|c: char| c == '.' || c.is_ascii_digit()).trim();
            if let Some(off) = offset_of(after) {
                return Some(format!("{}{}", dt.strftime("%Y-%m-%dT%H:%M:%S"), off));
            }
            return Some(dt.strftime("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
    Some(date.to_string())
}

fn offset_of(s: &str) -> Option<String> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("z") || s.eq_ignore_ascii_case("utc") || s.eq_ignore_ascii_case("gmt") {
        return Some("+00:00".into());
    }
    let (sign, rest) = match s.chars().next()? {
        '+' => ('+', s.get(1..)?),
        '-' => ('-', s.get(1..)?),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() == 4 && rest.len() <= 5 {
        return Some(format!("{sign}{}:{}", digits.get(..2)?, digits.get(2..)?));
    }
    None
}

fn plausible_year(y: i16) -> bool {
    (1990..=2100).contains(&y)
}

/// A date in the URL's path: /2019/11/19/, /2019-11-19/, /20191119/.
pub fn url_date(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let parts: Vec<&str> = path.split('/').collect();
    for w in parts.windows(3) {
        if let [y, m, d] = w {
            if y.len() == 4 && (1..=2).contains(&m.len()) && d.len() >= 2 {
                let d2 = d.get(..2).unwrap_or("");
                if d.len() > 2 && d.as_bytes().get(2).is_some_and(|c| c.is_ascii_digit()) {
                    continue;
                }
                if let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i16>(), m.parse::<i8>(), d2.parse::<i8>()) {
                    if let Ok(date) = jiff::civil::Date::new(y, m, d) {
                        if plausible_year(y) {
                            return Some(date.to_string());
                        }
                    }
                }
            }
        }
    }
    for p in &parts {
        for piece in p.split(['-', '_', '.']) {
            if piece.len() == 8 && piece.bytes().all(|c| c.is_ascii_digit()) {
                if let Some(d) = normalize_date(piece) {
                    return Some(d);
                }
            }
        }
        // YYYY-MM-DD inside a slug
        let bytes = p.as_bytes();
        let mut i = 0;
        while i + 10 <= bytes.len() {
            if let Some(sub) = p.get(i..i + 10) {
                let sb = sub.as_bytes();
                if sb.get(4) == Some(&b'-') && sb.get(7) == Some(&b'-') && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
                    if let Some(d) = normalize_date(sub) {
                        return Some(d);
                    }
                }
            }
            i += 1;
        }
    }
    None
}

const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " / ", " « ", " » "];

/// The title without the site's name before or after a separator.
fn strip_site(title: &str, site: Option<&str>) -> (String, bool) {
    let t = title.trim();
    if let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) {
        for sep in SEPARATORS {
            if let Some(head) = t.strip_suffix(site).and_then(|h| h.strip_suffix(sep)) {
                return (head.trim().to_string(), true);
            }
            if let Some(tail) = t.strip_prefix(site).and_then(|h| h.strip_prefix(sep)) {
                return (tail.trim().to_string(), true);
            }
        }
    }
    (t.to_string(), false)
}

/// The title element without a site name: the longest part between separators, when the
/// other parts are short.
fn strip_title_element(title: &str) -> (String, bool) {
    let mut parts: Vec<&str> = vec![title];
    for sep in SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep)).map(str::trim).filter(|p| !p.is_empty()).collect();
    }
    if parts.len() >= 2 {
        let longest = parts.iter().copied().fold("", |best, p| if p.chars().count() > best.chars().count() { p } else { best });
        let rest_len: usize = parts.iter().filter(|p| **p != longest).map(|p| p.chars().count()).sum();
        if rest_len * 2 <= longest.chars().count() + 20 && longest.split_whitespace().count() >= 2 {
            return (longest.to_string(), true);
        }
    }
    (title.trim().to_string(), false)
}

impl MetaCollector {
    fn meta(&self, keys: &[&str]) -> Option<(String, String)> {
        keys.iter().find_map(|k| self.metas.get(*k).map(|v| (v.clone(), format!("meta {k}"))))
    }

    pub fn resolve(&self, url: Option<&str>) -> Meta {
        let ld = ld_facts(&self.json_ld);
        let site_name = self
            .meta(&["og:site_name", "application-name", "twitter:site"])
            .map(|(v, how)| (v.trim_start_matches('@').to_string(), how))
            .or_else(|| ld.publisher.clone().map(|p| (decode_entities(&p), "JSON-LD publisher".to_string())));
        let site = site_name.as_ref().map(|(s, _)| s.as_str());

        let title = self
            .meta(&["og:title", "twitter:title"])
            .or_else(|| ld.headline.clone().map(|h| (decode_entities(&h), "JSON-LD headline".to_string())))
            .map(|(v, how)| {
                let (t, stripped) = strip_site(&v, site);
                (t, if stripped { format!("{how}, site name removed") } else { how })
            })
            .or_else(|| self.h1.clone().map(|h| (h, "h1".to_string())))
            .or_else(|| {
                self.title_element.as_ref().map(|t| {
                    let (t1, s1) = strip_site(t, site);
                    if s1 {
                        return (t1, "title element, site name removed".to_string());
                    }
                    let (t2, s2) = strip_title_element(t);
                    (t2, if s2 { "title element, site name removed".to_string() } else { "title element".to_string() })
                })
            })
            .filter(|(t, _)| !t.is_empty());

        let date_metas = [
            "article:published_time",
            "og:published_time",
            "article:published",
            "datepublished",
            "publishdate",
            "pubdate",
            "publish-date",
            "publish_date",
            "published_time",
            "parsely-pub-date",
            "sailthru.date",
            "dc.date.issued",
            "dcterms.issued",
            "dc.date",
            "dcterms.created",
            "dc.date.created",
            "date",
            "og:updated_time",
            "article:modified_time",
        ];
        let mut published = None;
        if let Some(d) = ld.date_published.as_deref().and_then(normalize_date) {
            published = Some((d, "JSON-LD datePublished".to_string()));
        }
        if published.is_none() {
            for k in date_metas.iter().take(16) {
                if let Some(d) = self.metas.get(*k).and_then(|v| normalize_date(v)) {
                    published = Some((d, format!("meta {k}")));
                    break;
                }
            }
        }
        if published.is_none() {
            if let Some(d) = ld.date_created.as_deref().and_then(normalize_date) {
                published = Some((d, "JSON-LD dateCreated".to_string()));
            }
        }
        if published.is_none() {
            let marked = self.times.iter().filter(|(m, _)| *m).chain(self.times.iter().filter(|(m, _)| !*m));
            for (m, dt) in marked {
                if let Some(d) = normalize_date(dt) {
                    published = Some((d, if *m { "time element marked as publication".into() } else { "first time element".into() }));
                    break;
                }
            }
        }
        let page_url = url.or(self.canonical.as_deref());
        if published.is_none() {
            if let Some(d) = page_url.and_then(url_date) {
                published = Some((d, "date in the URL".into()));
            }
        }
        if published.is_none() {
            for k in date_metas.iter().skip(16) {
                if let Some(d) = self.metas.get(*k).and_then(|v| normalize_date(v)) {
                    published = Some((d, format!("meta {k} (modification date: no publication date stated)")));
                    break;
                }
            }
        }

        let author = ld
            .author
            .clone()
            .map(|a| (decode_entities(&a), "JSON-LD author".to_string()))
            .or_else(|| self.meta(&["author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl"]))
            .filter(|(a, _)| !a.starts_with("http"));

        let lang = self
            .html_lang
            .as_deref()
            .or_else(|| ["content-language", "og:locale", "dc.language", "language", "inlanguage"].iter().find_map(|k| self.metas.get(*k).map(String::as_str)))
            .or(ld.in_language.as_deref())
            .and_then(|l| {
            let code: String = l.trim().chars().take_while(|c| c.is_ascii_alphabetic()).collect::<String>().to_ascii_lowercase();
            (code.len() == 2 || code.len() == 3).then_some(code)
        });

        Meta { title, published, author, site_name, canonical: self.canonical.clone(), lang }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_dates() {
        assert_eq!(normalize_date("2019-11-19").as_deref(), Some("2019-11-19"));
        assert_eq!(normalize_date("2019-11-19T10:20:30Z").as_deref(), Some("2019-11-19T10:20:30+00:00"));
        assert_eq!(normalize_date("2019-11-19T10:20:30-05:00").as_deref(), Some("2019-11-19T10:20:30-05:00"));
        assert_eq!(normalize_date("2019-11-19 10:20").as_deref(), Some("2019-11-19T10:20:00"));
        assert_eq!(normalize_date("2019/11/19").as_deref(), Some("2019-11-19"));
        assert_eq!(normalize_date("20191119").as_deref(), Some("2019-11-19"));
        assert_eq!(normalize_date("Tue, 19 Nov 2019 10:20:30 +0000").as_deref(), Some("2019-11-19T10:20:30+00:00"));
        assert_eq!(normalize_date("2019-13-40"), None);
        assert_eq!(normalize_date("soon"), None);
    }

    #[test]
    fn dates_in_urls() {
        assert_eq!(url_date("https://x.com/2019/11/19/a-story/").as_deref(), Some("2019-11-19"));
        assert_eq!(url_date("https://x.com/news/a-story-2019-11-19.html").as_deref(), Some("2019-11-19"));
        assert_eq!(url_date("https://x.com/news/20191119-a-story").as_deref(), Some("2019-11-19"));
        assert_eq!(url_date("https://x.com/news/123456/a-story"), None);
    }

    #[test]
    fn strips_site_names() {
        assert_eq!(strip_site("Big news | Site", Some("Site")).0, "Big news");
        assert_eq!(strip_title_element("Opinion | Republicans Are Following Trump to Nowhere - The New York Times").0, "Republicans Are Following Trump to Nowhere");
    }
}
