//! Fingerprints the engine: a hash of every source and language file, so a stored analysis is
//! redone exactly when the code or data that produced it changed.
use std::{env, fs, path::Path};

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs" || x == "toml") {
            out.push(p);
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for d in ["src", "crates", "lang"] {
        walk(&root.join(d), &mut files);
        println!("cargo:rerun-if-changed={}", root.join(d).display());
    }
    files.retain(|p| !p.components().any(|c| c.as_os_str() == "tests" || c.as_os_str() == "target"));
    files.sort();
    let mut h: u64 = 0xcbf29ce484222325;
    for f in &files {
        for b in f.strip_prefix(root).unwrap_or(f).to_string_lossy().bytes().chain(fs::read(f).unwrap_or_default()) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("engine_id.rs");
    fs::write(out, format!("/// Hash of the engine's sources and language files.\npub const ENGINE_ID: &str = \"{h:016x}\";\n")).unwrap();
}
