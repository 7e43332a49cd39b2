//! Hostile and broken inputs at the reading stage: each gives a clear error naming the input
//! and the reason, or is read within the stated limits; the inputs around it are still read.

use dossier_page::{read_inputs, InputError, Limits, Markup, Page};
use std::io::Write;
use std::path::Path;

fn read_dir(dir: &Path, limits: Limits) -> Vec<Result<Page, InputError>> {
    read_inputs(&[dir.to_str().unwrap()], limits).collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn each_bad_input_is_named_and_the_good_ones_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "01_good.txt", "Le ministre a reçu son homologue à Rabat.".as_bytes());
    write(d, "02_empty.txt", b"");
    write(d, "03_image.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0");
    write(d, "04_broken.jsonl", b"{\"id\":\"ok1\",\"text\":\"Premier texte.\"}\n{\"id\":\"bad\",\"text\":\n{\"id\":\"ok2\",\"text\":\"Second texte.\"}\n[1,2]\n{\"id\":\"nobody\"}\n");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Le directeur a reçu l'ambassadeur.".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    write(d, "05_utf16.txt", &utf16);
    let (arabic, _, _) = encoding_rs::WINDOWS_1256.encode("استقبل المدير العام للأمن الوطني سفير الولايات المتحدة الأمريكية بالرباط");
    write(d, "06_cp1256.txt", &arabic);
    write(d, "07_invalid_utf8.txt", b"Le pr\xe9sident a re\xe7u le ministre \xff\xfe\xfd hier.");
    write(d, "08_good.html", b"<html><body><p>Texte de l'article.</p></body></html>");

    let items = read_dir(d, Limits::default());
    let ok: Vec<&Page> = items.iter().filter_map(|r| r.as_ref().ok()).collect();
    let errors: Vec<String> = items.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();

    let sources: Vec<&str> = ok.iter().map(|p| p.source.as_str()).collect();
    assert_eq!(sources, ["01_good.txt", "ok1", "ok2", "05_utf16.txt", "06_cp1256.txt", "07_invalid_utf8.txt", "08_good.html"]);
    assert_eq!(ok[3].content, "Le directeur a reçu l'ambassadeur.");
    assert_eq!(ok[4].encoding, "windows-1256");
    assert!(ok[4].content.starts_with("استقبل المدير العام"));
    assert!(ok[5].content.contains("président"), "legacy bytes decoded: {}", ok[5].content);
    assert_eq!(ok[6].markup, Markup::Html);

    let expect = [
        ("02_empty.txt", "empty"),
        ("03_image.html", "PNG"),
        ("04_broken.jsonl:2", "JSONL"),
        ("04_broken.jsonl:4", "not a JSON object"),
        ("04_broken.jsonl:5", "neither"),
    ];
    assert_eq!(errors.len(), expect.len(), "{errors:#?}");
    for ((name, reason), err) in expect.iter().zip(&errors) {
        assert!(err.contains(name) && err.contains(reason), "{err:?} should name {name} and say {reason}");
    }
}

#[test]
fn a_huge_single_line_file_is_refused_within_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let mut f = std::fs::File::create(&path).unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..200 {
        f.write_all(&chunk).unwrap();
    }
    drop(f);
    write(dir.path(), "small.txt", b"Un texte court.");
    let items = read_dir(dir.path(), Limits::default());
    assert!(matches!(&items[0], Err(InputError::TooLarge { origin, .. }) if origin.ends_with("huge.txt")), "{:?}", items[0].as_ref().err());
    assert_eq!(items[1].as_ref().unwrap().source, "small.txt");
}

#[test]
fn a_huge_jsonl_line_is_skipped_and_the_next_lines_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut body = String::from("{\"id\":\"big\",\"text\":\"");
    body.push_str(&"x".repeat(3 << 20));
    body.push_str("\"}\n{\"id\":\"after\",\"text\":\"Texte.\"}\n");
    write(dir.path(), "pages.jsonl", body.as_bytes());
    let limits = Limits { max_line_bytes: 1 << 20, ..Limits::default() };
    let items = read_dir(dir.path(), limits);
    assert!(matches!(&items[0], Err(InputError::TooLarge { origin, .. }) if origin.ends_with("pages.jsonl:1")));
    assert_eq!(items[1].as_ref().unwrap().source, "after");
}

#[test]
fn a_directory_of_many_small_files_streams_in_order() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..5000 {
        write(dir.path(), &format!("p{i:05}.txt"), format!("Page {i}.").as_bytes());
    }
    let mut n = 0;
    let mut last = String::new();
    for item in read_inputs(&[dir.path().to_str().unwrap()], Limits::default()) {
        let page = item.unwrap();
        assert!(page.source > last);
        last = page.source;
        n += 1;
    }
    assert_eq!(n, 5000);
}
