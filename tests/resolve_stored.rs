//! `dossier build` runs the cross-page stages over the stored documents in two reads (articles
//! and mentions for linking, then candidates for merging, undated documents dated between the
//! two); its corpus must be the one `resolve` makes from the whole analyses, and its export
//! (streamed from the store) the one printed from them whole.

use dossier::build::{build, load_analyses, load_corpus};
use dossier::store::Store;

#[test]
fn a_build_resolves_its_stored_documents_as_resolve_does() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let inputs: Vec<String> = [root.join("../shared/seeds"), root.join("../shared/dev/pages.jsonl"), root.join("examples")]
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let base: Vec<dossier::Page> = dossier::page::read_inputs(&inputs, Default::default()).filter_map(Result::ok).collect();
    assert!(base.len() > 20, "the seeds, dev pages and examples are read");
    // more rows than one chunk of the loader, sources interleaving dated and undated pages
    let pages: Vec<dossier::Page> = (0..1100).map(|i| dossier::bench::vary(&base[i % base.len()], i)).collect();

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let report = build(&mut store, pages.into_iter().map(Ok), |_| {}).unwrap();
    assert!(report.resolved);
    let built = load_corpus(&store).unwrap();

    let docs = load_analyses(&store.documents().unwrap()).unwrap();
    assert!(docs.iter().any(|d| dossier::names::reads_body(&d.article)), "a page whose body linking reads");
    let undated = docs.iter().filter(|d| d.article.published.is_none()).count();
    assert!(undated > 0 && undated < docs.len(), "dated and undated pages");
    // the export, written from the store a record at a time, is the whole document printed
    let mut streamed = Vec::new();
    dossier::export::write_json(&store, &mut streamed).unwrap();
    let whole = serde_json::to_string_pretty(&dossier::export::to_json(&docs, &built)).unwrap() + "\n";
    assert!(streamed == whole.as_bytes(), "the streamed export differs from the whole one");
    let mut resolved = dossier::resolve(docs, &[]);
    // the store gives entities and events back by id
    resolved.entities.sort_by(|a, b| a.id.cmp(&b.id));
    resolved.events.sort_by(|a, b| a.id.cmp(&b.id));
    assert!(!resolved.inferred.is_empty() && !resolved.events.is_empty() && !resolved.entities.is_empty());
    assert_eq!(built.inferred, resolved.inferred);
    assert_eq!(built.entities, resolved.entities);
    assert_eq!(built.events, resolved.events);
}
