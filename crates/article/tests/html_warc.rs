//! HTML pages read from a web archive flow through the article stage like any other page:
//! the URL and crawl date come from the WARC record, the publication date from the page.

use std::io::Write;

#[test]
fn warc_pages_become_articles() {
    let page = r#"<html lang="fr"><head><title>Rencontre à Rabat - Exemple</title>
        <meta property="article:published_time" content="2022-06-13T10:00:00Z"></head>
        <body><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
        <article><h1>Rencontre à Rabat</h1>
        <p>Le directeur général de la Sûreté nationale a reçu, lundi à Rabat, l'ambassadeur des États-Unis, avec qui il a évoqué la coopération sécuritaire entre les deux pays.</p>
        <p>Les deux responsables ont passé en revue les moyens de renforcer l'échange d'informations, selon un communiqué publié à l'issue de l'entretien.</p>
        </article><footer>Tous droits réservés, conditions d'utilisation et mentions légales du site.</footer></body></html>"#;
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
    let mut warc = Vec::new();
    write!(
        warc,
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/2022/06/13/rencontre\r\n\
         WARC-Date: 2022-07-01T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:abc>\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc");
    std::fs::write(&path, warc).unwrap();
    let pages: Vec<_> = dossier_page::read_inputs(&[path.to_str().unwrap()], dossier_page::Limits::default()).collect();
    assert_eq!(pages.len(), 1);
    let page = pages[0].as_ref().unwrap();
    let a = dossier_article::extract(page);
    assert_eq!(a.source, "urn:uuid:abc");
    assert_eq!(a.url.as_deref(), Some("https://example.org/2022/06/13/rencontre"));
    assert_eq!(a.crawled.as_deref(), Some("2022-07-01T08:00:00Z"));
    assert_eq!(a.published.as_ref().map(|p| p.value.as_str()), Some("2022-06-13T10:00:00+00:00"));
    assert_eq!(a.title.as_ref().map(|t| t.value.as_str()), Some("Rencontre à Rabat"));
    assert_eq!(a.lang, "fr");
    assert!(a.body.starts_with("Le directeur général de la Sûreté nationale a reçu"), "{}", a.body);
    assert!(a.body.contains("\n\nLes deux responsables"), "{}", a.body);
    assert!(!a.body.contains("Accueil") && !a.body.contains("droits réservés"), "{}", a.body);
}
