//! The pure core stays pure: `text` and `analysis` import nothing from the edges, do no I/O
//! and hold no global mutable state (see the crate docs and STYLE.md).

use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("read source");
            out.push((path.display().to_string(), text));
        }
    }
}

#[test]
fn core_modules_import_nothing_from_the_edges() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for core in ["text", "analysis"] {
        sources(&root.join(core), &mut files);
    }
    assert!(files.len() > 5);
    let forbidden = [
        "tower_lsp",
        "tokio",
        "serde_json",
        "serde::",
        "std::fs",
        "std::net",
        "std::process",
        "std::env",
        "crate::lsp",
        "crate::cli",
        "crate::settings",
        "static mut",
        "println!",
        "eprintln!",
    ];
    for (path, text) in &files {
        for word in forbidden {
            assert!(!text.contains(word), "{path} uses {word}");
        }
    }
}
