// Shared by the article targets: the invariants every extracted article keeps.
use dossier_article::Article;

/// Bytes as the text the page reader would hand on: UTF-8 when valid, else the lossy decoding.
pub fn text_of(data: &[u8]) -> String {
    match std::str::from_utf8(data) {
        Ok(s) => s.to_string(),
        Err(_) => String::from_utf8_lossy(data).into_owned(),
    }
}

/// Every span of the article indexes its text at character boundaries.
pub fn check(a: &Article) {
    for b in &a.blocks {
        assert!(a.raw.get(b.raw.start..b.raw.end).is_some(), "block span {:?} outside raw ({} bytes)", b.raw, a.raw.len());
        if let Some(s) = b.body {
            assert!(a.body.get(s.start..s.end).is_some(), "body span {s:?} outside body ({} bytes)", a.body.len());
        }
    }
    for s in [a.title.as_ref().and_then(|t| t.raw), a.published.as_ref().and_then(|p| p.raw)].into_iter().flatten() {
        assert!(a.raw.get(s.start..s.end).is_some(), "metadata span {s:?} outside raw ({} bytes)", a.raw.len());
    }
}
