//! HTML main-content extraction: small hand-written pages (boilerplate removed, paragraphs
//! kept, metadata read), hostile inputs, and real pages of the extraction benchmark.

use dossier_article::{extract, Article, RemovalKind};
use dossier_page::{Markup, Page};

fn html(source: &str, content: &str) -> Article {
    extract(&Page::from_text(source, Markup::Html, content))
}

const PARAS: [&str; 4] = [
    "The finance minister met his counterpart from the neighbouring country on Tuesday, in the capital, to discuss trade.",
    "Both delegations agreed to reopen the border crossing, closed since the spring, to goods traffic within a month.",
    "The talks, the third round this year, were described by officials on both sides as frank and constructive.",
    "A joint commission will meet again in the autumn, the ministry said in a statement published after the meeting.",
];

fn news_page() -> String {
    format!(
        r##"<!doctype html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Ministers agree to reopen border | The Daily Example</title>
<meta property="og:title" content="Ministers agree to reopen border | The Daily Example">
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2022-06-13T09:30:00+01:00">
<link rel="canonical" href="https://news.example.org/2022/06/13/ministers-border">
<script>var tracking = "<p>not text</p>";</script>
<style>p {{ color: red }}</style>
</head><body>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<header class="site-header"><a href="/">The Daily Example</a>
  <nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>
</header>
<main>
<article class="story">
  <h1>Ministers agree to reopen border</h1>
  <div class="byline">By A. Writer, Staff reporter</div>
  <div class="share-bar"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
  <div class="story-body">
    <p>{}</p>
    <p>{}</p>
    <h2>Next steps for the commission</h2>
    <p>{}</p>
    <ul><li>Goods traffic first, from the first of the month onwards.</li><li>Passengers later in the year, after a review.</li></ul>
    <table><tr><td>Round</td><td>Date</td></tr><tr><td>Third</td><td>13 June</td></tr></table>
    <figure><img src="x.jpg"><figcaption>The two ministers shook hands after the meeting in the capital.</figcaption></figure>
    <p>{}</p>
  </div>
  <aside class="related-stories"><h3>Related</h3><ul>
    <li><a href="/a">Trade figures fall for the third month running in the region</a></li>
    <li><a href="/b">Border queues grow longer as the summer holidays begin</a></li></ul></aside>
</article>
<section id="comments" class="comments-area"><h3>3 comments</h3>
  <div class="comment"><p>This is a comment by a reader that goes on for a while, with commas, and opinions, and more.</p></div>
  <div class="comment"><p>Another reader's comment, also rather long, to look like prose, with a comma or two, here.</p></div>
</section>
</main>
<div class="most-popular"><h3>Most read</h3><ol><li><a href="/1">Story one headline here</a></li><li><a href="/2">Story two headline here</a></li></ol></div>
<footer class="site-footer"><p>Copyright 2022 The Daily Example. All rights reserved. Contact us for more information.</p></footer>
</body></html>"##,
        PARAS[0], PARAS[1], PARAS[2], PARAS[3]
    )
}

#[test]
fn keeps_the_article_and_drops_the_page_furniture() {
    let a = html("news.html", &news_page());
    for p in PARAS {
        assert!(a.body.contains(p), "missing paragraph {p:?} in body:\n{}", a.body);
    }
    // paragraph order and breaks
    let i0 = a.body.find(PARAS[0]).unwrap();
    let i3 = a.body.find(PARAS[3]).unwrap();
    assert!(i0 < i3);
    assert!(a.body.contains(&format!("{}\n\n{}", PARAS[0], PARAS[1])), "{}", a.body);
    // headings, lists and tables of the article stay
    assert!(a.body.contains("Next steps for the commission"), "{}", a.body);
    assert!(a.body.contains("Goods traffic first"), "{}", a.body);
    assert!(a.body.contains("Third"), "{}", a.body);
    // furniture goes, and says why
    for gone in ["cookies", "World", "Business", "Facebook", "Related", "Trade figures fall", "comment by a reader", "Most read", "Story one", "Copyright", "By A. Writer", "shook hands", "not text", "color: red"] {
        assert!(!a.body.contains(gone), "{gone:?} should not be in the body:\n{}", a.body);
    }
    // the headline is metadata, not body
    assert!(!a.body.contains("Ministers agree to reopen border"), "{}", a.body);
    let reason = |needle: &str| {
        a.removed().find(|(_, t)| t.contains(needle)).and_then(|(b, _)| b.removed.as_ref()).map(|r| r.kind)
    };
    assert_eq!(reason("comment by a reader"), Some(RemovalKind::Comments));
    assert_eq!(reason("Facebook"), Some(RemovalKind::Controls));
    assert_eq!(reason("Business"), Some(RemovalKind::Navigation));
    assert_eq!(reason("Trade figures fall"), Some(RemovalKind::OutsideArticle));
    assert!(reason("cookies").is_some());
    assert!(reason("Copyright").is_some());
    // every block's span points at its text in `raw`, kept ones also into `body`
    for b in &a.blocks {
        assert!(!b.raw.of(&a.raw).is_empty());
        if let Some(s) = b.body {
            assert_eq!(s.of(&a.body), b.raw.of(&a.raw).trim());
        }
    }
}

#[test]
fn reads_title_date_language_and_canonical_url() {
    let a = html("news.html", &news_page());
    let title = a.title.as_ref().expect("title");
    assert_eq!(title.value, "Ministers agree to reopen border");
    assert!(title.how.contains("og:title"), "{}", title.how);
    let published = a.published.as_ref().expect("published");
    assert_eq!(published.value, "2022-06-13T09:30:00+01:00");
    assert!(published.how.contains("article:published_time"), "{}", published.how);
    assert_eq!(a.lang, "en");
    assert_eq!(a.url.as_deref(), Some("https://news.example.org/2022/06/13/ministers-border"));
}

#[test]
fn dates_from_json_ld_time_elements_and_urls() {
    let body = format!("<p>{}</p><p>{}</p>", PARAS[0], PARAS[1]);
    let ld = format!(
        r#"<html><head><script type="application/ld+json">{{"@context":"https://schema.org","@graph":[{{"@type":"WebSite","name":"X"}},{{"@type":"NewsArticle","headline":"Ministers meet","datePublished":"2022-06-18","author":{{"@type":"Person","name":"A. Writer"}}}}]}}</script></head><body><article>{body}</article></body></html>"#
    );
    let a = html("ld.html", &ld);
    assert_eq!(a.published.as_ref().map(|p| p.value.as_str()), Some("2022-06-18"));
    assert!(a.published.as_ref().unwrap().how.contains("JSON-LD"));
    assert!(a.published.as_ref().unwrap().how.contains("A. Writer"), "author is told");
    assert_eq!(a.title.as_ref().map(|t| t.value.as_str()), Some("Ministers meet"));

    let time = format!(r#"<html><body><article><h1>Talks resume</h1><time datetime="2021-03-04T08:00:00Z">4 March</time>{body}</article></body></html>"#);
    let a = html("time.html", &time);
    assert_eq!(a.published.as_ref().map(|p| p.value.as_str()), Some("2021-03-04T08:00:00+00:00"));
    assert_eq!(a.title.as_ref().map(|t| t.value.as_str()), Some("Talks resume"));
    assert_eq!(a.title.as_ref().unwrap().how, "h1");

    let mut page = Page::from_text("url.html", Markup::Html, &format!("<html><head><title>Talks resume - Example News</title></head><body>{body}</body></html>"));
    page.url = Some("https://example.org/world/2020/01/31/talks-resume/".into());
    let a = extract(&page);
    assert_eq!(a.published.as_ref().map(|p| p.value.as_str()), Some("2020-01-31"));
    assert_eq!(a.title.as_ref().map(|t| t.value.as_str()), Some("Talks resume"));

    let none = html("none.html", &format!("<html><body>{body}</body></html>"));
    assert!(none.published.is_none());
}

#[test]
fn a_layout_wrapper_with_a_boilerplate_token_does_not_hide_the_article() {
    let page = format!(
        r#"<html><body><div class="page has-sidebar"><div class="nav"><a href="/">Home</a> <a href="/x">Section</a></div>
        <div class="main-column"><p>{}</p><p>{}</p><p>{}</p></div>
        <div class="sidebar"><p>Advertise with us, it is a good deal for everyone involved, honestly.</p></div></div></body></html>"#,
        PARAS[0], PARAS[1], PARAS[2]
    );
    let a = html("wrapped.html", &page);
    for p in &PARAS[..3] {
        assert!(a.body.contains(p), "{}", a.body);
    }
    assert!(!a.body.contains("Advertise"), "{}", a.body);
    assert!(!a.body.contains("Section"), "{}", a.body);
}

#[test]
fn hostile_html_does_not_panic() {
    // 100,000 levels of nesting, unclosed tags, broken entities, binary junk
    let deep_div = format!("<html><body>{}<p>deep text</p>{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let a = html("deep.html", &deep_div);
    assert!(a.body.contains("deep text"), "{}", a.body);
    let deep_unclosed = format!("<html><body>{}text at the bottom", "<section><article>".repeat(50_000));
    let _ = html("unclosed.html", &deep_unclosed);
    let deep_inline = format!("<p>{}words{}</p>", "<span><a href=x>".repeat(20_000), "</a></span>".repeat(20_000));
    let _ = html("inline.html", &deep_inline);
    for junk in ["", "<", "<html", "<<<>>>", "&#xFFFFFF;&#0;&amp", "<script>never closed", "<!-- never closed", "<svg><p>x", "\u{0}\u{1}\u{2}<p>\u{FEFF}</p>"] {
        let _ = html("junk.html", junk);
    }
}

/// Word tokens as the benchmark counts them (runs of letters, digits, marks excluded).
fn tokens(s: &str) -> Vec<&str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| !t.is_empty()).collect()
}

fn f1(gold: &str, pred: &str) -> (f64, f64) {
    use std::collections::HashMap;
    let shingles = |s: &str| -> HashMap<Vec<String>, usize> {
        let t = tokens(s);
        let mut m = HashMap::new();
        if t.len() < 4 {
            if !t.is_empty() {
                *m.entry(t.iter().map(|x| x.to_string()).collect()).or_insert(0) += 1;
            }
        } else {
            for w in t.windows(4) {
                *m.entry(w.iter().map(|x| x.to_string()).collect()).or_insert(0) += 1;
            }
        }
        m
    };
    let (g, p) = (shingles(gold), shingles(pred));
    let common: usize = g.iter().map(|(k, n)| (*n).min(p.get(k).copied().unwrap_or(0))).sum();
    let gp: usize = p.values().sum();
    let gg: usize = g.values().sum();
    let prec = if gp == 0 { 0.0 } else { common as f64 / gp as f64 };
    let rec = if gg == 0 { 0.0 } else { common as f64 / gg as f64 };
    (prec, rec)
}

#[test]
fn real_pages_of_the_extraction_benchmark() {
    use std::io::Read;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/bench/article-extraction");
    let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(format!("{dir}/ground-truth.json")).expect("ground truth")).unwrap();
    let gold = gold.as_object().unwrap();
    let mut ids: Vec<&String> = gold.keys().collect();
    ids.sort();
    let (mut ps, mut rs, mut n) = (0.0, 0.0, 0usize);
    for id in ids.iter().step_by(6) {
        let mut bytes = Vec::new();
        let f = std::fs::File::open(format!("{dir}/html/{id}.html.gz")).unwrap();
        flate2::read::GzDecoder::new(f).read_to_end(&mut bytes).unwrap();
        let text = dossier_page::decode(&bytes, None).unwrap().text;
        let a = html(id, &text);
        assert!(!a.body.trim().is_empty(), "{id}: empty body");
        let g = gold[id.as_str()]["articleBody"].as_str().unwrap_or("");
        let (p, r) = f1(g, &a.body);
        ps += p;
        rs += r;
        n += 1;
    }
    let (p, r) = (ps / n as f64, rs / n as f64);
    let f = 2.0 * p * r / (p + r);
    assert!(f >= 0.93, "F1 {f:.3} (P {p:.3} R {r:.3}) on {n} pages");
}
