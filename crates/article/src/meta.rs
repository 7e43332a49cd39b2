//! Metadata helpers: the words of a URL's slug, a date in a URL's path, and the absolute day a
//! dateline states (read by `dossier_time::find_dates`: this crate parses no date text).

use dossier_text::Span;
use dossier_time::{Anchoring, Granularity};

/// Decodes %XX escapes (as UTF-8, lossily).
fn percent_decode(s: &str) -> String {
    String::from_utf8_lossy(&dossier_text::percent_decode(s, false)).into_owned()
}

/// The path of a URL (no scheme, host, query or fragment).
fn path_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    rest.find('/').and_then(|i| rest.get(i..)).unwrap_or("")
}

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_string).collect()
}

/// Folded words of the URL's longest path segment (the slug), digits-only words dropped.
pub fn slug_words(url: &str) -> Vec<String> {
    let path = percent_decode(path_of(url));
    path.split('/')
        .map(|seg| {
            let seg = seg.rsplit_once('.').map_or(seg, |(a, ext)| if ext.len() <= 5 { a } else { seg });
            tokens(&dossier_text::fold(seg))
                .into_iter()
                .filter(|t| !t.chars().all(|c| c.is_ascii_digit()) && t.chars().count() >= 2)
                .collect::<Vec<_>>()
        })
        .max_by_key(|w| w.len())
        .filter(|w| w.len() >= 3)
        .unwrap_or_default()
}

/// Share of the slug's words found in the folded line `key` (0 when the slug is too short).
pub fn slug_overlap(slug: &[String], key: &str) -> f32 {
    if slug.len() < 3 {
        return 0.0;
    }
    let words = tokens(key);
    // words glued in slugs ("dune" for "d'une") still match by concatenating neighbours
    let glued: Vec<String> = words.windows(2).map(|w| format!("{}{}", w[0], w[1])).collect();
    let found = slug.iter().filter(|s| words.iter().any(|w| w == *s) || glued.iter().any(|g| g == *s)).count();
    found as f32 / slug.len() as f32
}

/// A day in the URL's path: /2024/02/08/ (or /2024-02-08-). Returns (ISO date, the matched text).
pub fn url_date(url: &str) -> Option<(String, String)> {
    let path = path_of(url);
    let parts: Vec<&str> = path.split(['/', '-', '_']).collect();
    for w in parts.windows(3) {
        let (y, m, d) = (w[0], w[1], w[2]);
        if y.len() != 4 || !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
            continue;
        }
        let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>()) else { continue };
        if !(1990..=2100).contains(&y) {
            continue;
        }
        if let Ok(date) = jiff::civil::Date::new(y, m, d) {
            let sep = if path.contains(&format!("/{y}/{}/{}", w[1], w[2])) { "/" } else { "-" };
            return Some((date.to_string(), format!("{sep}{}{sep}{}{sep}{}{sep}", w[0], w[1], w[2])));
        }
    }
    None
}

/// The first absolute day `dossier_time` reads in `text`, trying `lang` first, then the other
/// languages. Returns the ISO day and its span in `text`.
pub fn absolute_day(text: &str, lang: &str) -> Option<(String, Span)> {
    let mut langs = vec![lang.to_string()];
    langs.extend(dossier_lang::codes().into_iter().filter(|c| *c != lang).map(str::to_string));
    for l in langs {
        for d in dossier_time::find_dates(text, &l, None) {
            if d.anchoring != Anchoring::Absolute || d.granularity != Granularity::Day {
                continue;
            }
            let Some(v) = d.value.as_deref().and_then(|v| v.get(..10)) else { continue };
            if v.parse::<jiff::civil::Date>().is_ok() {
                return Some((v.to_string(), d.span));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_urls() {
        assert_eq!(url_date("https://www.x.es/videos/nacional/2024/02/08/sanchez-97925267.html").map(|d| d.0), Some("2024-02-08".into()));
        assert_eq!(url_date("https://saymar.org/2024/02/166810.html"), None);
        assert_eq!(url_date("https://x.com/2017/04/44172/jihad/"), None);
        assert_eq!(url_date("https://x.com/2023/02/30/bad"), None);
        assert_eq!(url_date("no url"), None);
    }

    #[test]
    fn slugs() {
        let s = slug_words("https://www.lecourrierdelatlas.com/en-visite-a-tunis-gerald-darmanin-entame-une-delicate-mission/");
        assert_eq!(s.len(), 9);
        assert!(slug_overlap(&s, &crate::cues::fold_line("En visite à Tunis, Gérald Darmanin entame une délicate mission")) > 0.99);
        let ar = slug_words("https://x.com/2024/03/17/%d8%a7%d9%84%d8%b1%d8%a6%d9%8a%d8%b3-%d8%b9%d8%a8%d8%af-%d8%a7%d9%84%d9%81%d8%aa%d8%a7%d8%ad");
        assert_eq!(ar.len(), 3, "{ar:?}");
        assert!(slug_words("https://x.com/node/5106568").is_empty());
        assert!(percent_decode("%").len() == 1 && percent_decode("%e").len() == 2);
    }
}
