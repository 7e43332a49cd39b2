//! Core behaviour: absolute dates with spans in the original text, times, no panics.

use dossier_time::{find_dates, infer_publication, Anchoring, Date, Granularity};

fn one(text: &str, lang: &str, anchor: Option<&str>) -> (String, Option<String>) {
    let anchor: Option<Date> = anchor.map(|a| a.parse().unwrap());
    let found = find_dates(text, lang, anchor);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    let d = &found[0];
    assert_eq!(&text[d.span.start..d.span.end], d.text);
    (d.text.clone(), d.value.clone())
}

#[test]
fn absolute_dates_with_spans() {
    let cases = [
        ("fr", "Il est arrivé le 24 septembre 2020 à Rabat.", "24 septembre 2020", "2020-09-24"),
        ("fr", "reçu ce vendredi 07 avril 2023 au siège", "ce vendredi 07 avril 2023", "2023-04-07"),
        ("fr", "Publié dans Maroc Diplomatique le 18 - 06 - 2022", "18 - 06 - 2022", "2022-06-18"),
        ("fr", "Mis à jour 24/09/2020 par la rédaction", "24/09/2020", "2020-09-24"),
        ("fr", "Publié le 19.06.2023.", "19.06.2023", "2023-06-19"),
        ("en", "Posted 2022-06-18 by staff", "2022-06-18", "2022-06-18"),
        ("en", "WASHINGTON, April 10, 2023 — The", "April 10, 2023", "2023-04-10"),
        ("en", "on January 29, 2025, the kingdom", "January 29, 2025", "2025-01-29"),
        ("en", "Published 5 September 2019", "5 September 2019", "2019-09-05"),
        ("fr", "Publié le 22 - Mai - 2019", "22 - Mai - 2019", "2019-05-22"),
        ("es", "el 15 de junio de 2022 en Madrid", "15 de junio de 2022", "2022-06-15"),
        ("ar", "الخميس 24 سبتمبر 2020", "الخميس 24 سبتمبر 2020", "2020-09-24"),
        ("ar", "نشر في يوليو 18, 2019", "يوليو 18, 2019", "2019-07-18"),
        ("ar", "السبت 10 . 02 . 2024", "السبت 10 . 02 . 2024", "2024-02-10"),
        ("ar", "الخميس ٢٤ سبتمبر ٢٠٢٠", "الخميس ٢٤ سبتمبر ٢٠٢٠", "2020-09-24"),
    ];
    for (lang, text, span, value) in cases {
        let (t, v) = one(text, lang, None);
        assert_eq!(t, span, "{text}");
        assert_eq!(v.as_deref(), Some(value), "{text}");
    }
}

#[test]
fn times_attach_to_dates() {
    let d = find_dates("الخميس 24 سبتمبر 2020 على الساعة 15:57", "ar", None);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].time.as_deref(), Some("15:57"));
    assert_eq!(d[0].anchoring, Anchoring::Absolute);
    assert_eq!(d[0].granularity, Granularity::Day);
    let d = find_dates("Mis à jour le 12 mars 2021 à 23 H 57", "fr", None);
    assert_eq!(d[0].time.as_deref(), Some("23:57"));
    assert_eq!(d[0].value.as_deref(), Some("2021-03-12"));
    let d = find_dates("Updated: June 12, 2023, 4:51 PM", "en", None);
    assert_eq!(d[0].time.as_deref(), Some("16:51"));
    let d = find_dates("الجمعة 22 نوفمبر 2024 08:15 م", "ar", None);
    assert_eq!(d[0].time.as_deref(), Some("20:15"));
    let d = find_dates("Posted on 2020-03-18 10:30:00 by admin", "en", None);
    assert_eq!((d[0].value.as_deref(), d[0].time.as_deref()), (Some("2020-03-18"), Some("10:30")));
}

#[test]
fn no_panic_on_odd_inputs() {
    let anchor: Option<Date> = "2023-04-07".parse().ok();
    let inputs = [
        "", " ", "\n\n", "99999999 juin", "31 février 2020", "31 février", "0 juin", "32 mai 2020", "29 février 2023",
        "le 1er", "du 26 au", "entre le et le", "2022-13-45", "99/99/9999", "1.2.3.4.5", "il y a 999999999999 ans",
        "il y a 4000 ans", "ce", "dernier", "hier hier hier", "١٢٣٤٥٦٧٨٩٠١٢٣", "ما بين", "و", "(((", "juin (juin", "َ",
        "from to and", "January 0, 2020", "31/04/2021", "le 13 et 14 juin 99999",
    ];
    for t in inputs {
        for lang in ["fr", "ar", "en", "es", "und"] {
            for a in [None, anchor] {
                for d in find_dates(t, lang, a) {
                    assert!(t.get(d.span.start..d.span.end).is_some());
                }
            }
        }
    }
    assert!(find_dates("31 février 2020", "fr", None).is_empty());
    assert!(find_dates("99999999 juin", "fr", anchor).iter().all(|d| d.value.is_none() || !d.text.contains("99999999")));
    let long = "le 13 et 14 juin dernier, ".repeat(5000);
    assert_eq!(find_dates(&long, "fr", anchor).len(), 5000);
    let _ = infer_publication(&find_dates("Ce jeudi 24 septembre", "fr", None), None);
}

#[test]
fn the_time_sections_parse() {
    assert!(dossier_time::section_errors().is_empty(), "{:?}", dossier_time::section_errors());
}

#[test]
fn serialises_span_at_top_level() {
    let d = &find_dates("le 24 septembre 2020", "fr", None)[0];
    let json = serde_json::to_value(d).unwrap();
    assert_eq!(json["start"], 3);
    assert_eq!(json["end"], 20);
    assert_eq!(json["value"], "2020-09-24");
    assert_eq!(json["granularity"], "day");
    assert_eq!(json["anchoring"]["kind"], "absolute");
    let back: dossier_time::DateExpr = serde_json::from_value(json).unwrap();
    assert_eq!(&back, d);
}

/// Deterministic fuzzing: random runs of date-like tokens in every language never panic, give
/// spans on char boundaries, and values of FORMAT.md's shapes.
#[test]
fn fuzz_date_like_token_soup() {
    let pool = [
        "1", "01", "13", "24", "29", "31", "32", "0", "2020", "1899", "2101", "99999999", "٢٤", "١٤٤٥", "1er", "2nd", "3rd", "29th",
        "juin", "février", "Mai", "septembre", "janv.", "Sept.", "June", "May", "junio", "de", "del", "al", "يونيو", "شباط", "كانون",
        "الثاني", "أبريل", "(نيسان)", "jeudi", "vendredi", "Monday", "lunes", "الخميس", "والجمعة", "اليوم", "أمس", "hier", "ce",
        "dernier", "last", "pasado", "الماضي", "prochain", "next", "et", "and", "y", "و", "au", "du", "entre", "le", "les", "from",
        "to", "ما", "بين", "حتى", "il", "y", "a", "deux", "ans", "ago", "hace", "semaine", "week", "الأسبوع", "mois", "month",
        "-", "/", ".", ",", ":", "h", "H", "15:57", "23", "57", "على", "الساعة", "\n", "é", "\u{0301}", "🙂", "’", "«", "»", "  ",
        "mi", "mid-", "début", "early", "en", "in", "في", "منذ", "عامين", "il y a", "this", "este", "cette",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let anchor: Option<Date> = "2024-02-29".parse().ok();
    for _ in 0..4000 {
        let n = (next() % 14) as usize;
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(pool[(next() % pool.len() as u64) as usize]);
            if next() % 3 != 0 {
                s.push(' ');
            }
        }
        for lang in ["fr", "ar", "en", "es", "und"] {
            for a in [None, anchor] {
                for d in find_dates(&s, lang, a) {
                    assert_eq!(s.get(d.span.start..d.span.end), Some(d.text.as_str()), "{s:?}");
                    if let Some(v) = &d.value {
                        let ok = v.split('/').all(|p| matches!(p.len(), 4 | 7 | 10) && p.chars().all(|c| c.is_ascii_digit() || c == '-'));
                        assert!(ok, "{v} from {s:?}");
                    }
                }
            }
        }
    }
}

fn infer(text: &str, lang: &str, newest: &str) -> Option<(String, String)> {
    let dates = find_dates(text, lang, None);
    let inf = infer_publication(&dates, newest.parse().ok())?;
    Some((inf.date.to_string(), inf.how))
}

#[test]
fn publication_inference_rules() {
    // An explicit date with "ce": the article's own day.
    assert_eq!(infer("Le ministre a été reçu ce mardi 14 mars 2023 à Rabat. Le 2 février, il était à Alger.", "fr", "2025-01-01").unwrap().0, "2023-03-14");
    // "hier" + weekday + day + month: the day after the most recent matching year.
    assert_eq!(infer("Le président a reçu hier dimanche 1er novembre le ministre.", "fr", "2025-08-27").unwrap().0, "2020-11-02");
    // A Thursday 24 September, newest known 2022-06-18: 2020 (2026 would be after it).
    let (d, how) = infer("Ce jeudi 24 septembre, le directeur a reçu l'ambassadeur.", "fr", "2022-06-18").unwrap();
    assert_eq!(d, "2020-09-24", "{how}");
    // A day without year after a full date: of the year of writing, after it.
    let text = "Le 2 juin dernier, le général a reçu une délégation. Une première visite avait eu lieu le 4 décembre 2023.";
    let (d, _) = infer(text, "fr", "2025-08-27").unwrap();
    assert_eq!(d, "2024-06-03");
    let again = find_dates(text, "fr", d.parse().ok());
    assert_eq!(again[0].value.as_deref(), Some("2024-06-02"));
    // Only a day and month: the most recent not after the newest known, moved to the weekday
    // named after it ("said Thursday").
    assert_eq!(infer("Il a effectué, les 13 et 14 juin, une visite, indique jeudi un communiqué.", "fr", "2022-06-18").unwrap().0, "2022-06-16");
    // Nothing to go on.
    assert!(infer("Le ministre a reçu son homologue.", "fr", "2022-06-18").is_none());
    assert!(infer("Ce jeudi 24 septembre", "fr", "").is_none());
}

#[test]
fn bounds_of_values() {
    use dossier_time::value_bounds;
    let b = |v: &str| value_bounds(v).map(|(a, b)| format!("{a}/{b}"));
    assert_eq!(b("2022-06-13").as_deref(), Some("2022-06-13/2022-06-13"));
    assert_eq!(b("2024-02").as_deref(), Some("2024-02-01/2024-02-29"));
    assert_eq!(b("2022").as_deref(), Some("2022-01-01/2022-12-31"));
    assert_eq!(b("2022-06-13/2022-06-14").as_deref(), Some("2022-06-13/2022-06-14"));
    assert_eq!(b("garbage"), None);
    let d = &find_dates("en avril 2023", "fr", None)[0];
    assert_eq!(d.bounds().map(|(a, b)| (a.to_string(), b.to_string())), Some(("2023-04-01".into(), "2023-04-30".into())));
}
