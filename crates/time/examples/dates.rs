//! Prints the date expressions of each argument (or of stdin, read whole) as JSON lines.
//! Usage: cargo run -p dossier-time --example dates -- [--anchor YYYY-MM-DD] [--lang xx] TEXT...
fn main() {
    let mut anchor = None;
    let mut lang = "fr".to_string();
    let mut texts = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--anchor" => anchor = args.next().and_then(|s| s.parse().ok()),
            "--lang" => lang = args.next().unwrap_or_default(),
            _ => texts.push(a),
        }
    }
    if texts.is_empty() {
        let mut t = String::new();
        let _ = std::io::Read::read_to_string(&mut std::io::stdin(), &mut t);
        texts.push(t);
    }
    for t in texts {
        for d in dossier_time::find_dates(&t, &lang, anchor) {
            println!("{}", serde_json::to_string(&d).unwrap_or_default());
        }
    }
}
