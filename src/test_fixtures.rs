//! The golden corpus beside the repository, for the tests (never copied into it).

use std::path::{Path, PathBuf};

/// Every lock directory of the corpus: `$LOCKSCOPE_FIXTURES`, by default `../shared/fixtures`.
/// `LOCKSCOPE_FIXTURES=skip` (the Nix build sandbox, where it cannot exist) gives none, and
/// says so; a corpus that is missing otherwise fails the test.
pub fn fixture_dirs() -> Vec<PathBuf> {
    let root = match std::env::var("LOCKSCOPE_FIXTURES") {
        Ok(skip) if skip == "skip" => {
            eprintln!("LOCKSCOPE_FIXTURES=skip: corpus tests skipped");
            return Vec::new();
        }
        Ok(dir) => PathBuf::from(dir),
        Err(_) => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures"),
    };
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("the fixtures at {}: {e}", root.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|dir| dir.join("flake.lock").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() > 100, "too few fixtures in {}", root.display());
    dirs
}

pub fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}
