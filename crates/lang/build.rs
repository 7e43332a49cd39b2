//! Compiles every `lang/*.toml` file at the repository root into the binary.
//! Adding a language is adding a file there: this script finds it.
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lang");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("lang/ directory")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter(|p| p.file_stem().is_some_and(|s| s != "TEMPLATE"))
        .collect();
    files.sort();
    let mut out = String::from("/// (code, file contents) of every compiled-in language file.\npub static FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let code = f.file_stem().unwrap().to_string_lossy();
        let abs = fs::canonicalize(f).unwrap();
        out += &format!("    ({code:?}, include_str!({:?})),\n", abs.display().to_string());
    }
    out += "];\n";
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("lang_files.rs"), out).unwrap();
}
