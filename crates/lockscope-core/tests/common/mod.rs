//! The real-lock corpus in ../shared/fixtures (golden output of real Nix 2.34.8), read in
//! place. `LOCKSCOPE_FIXTURES` names another copy; `LOCKSCOPE_FIXTURES=skip` skips the corpus
//! tests where it cannot exist (the Nix build sandbox), and says so.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The corpus directory, or `None` when the caller asked to skip it.
pub fn corpus() -> Option<PathBuf> {
    let dir = match std::env::var("LOCKSCOPE_FIXTURES") {
        Ok(v) if v == "skip" => {
            eprintln!("LOCKSCOPE_FIXTURES=skip: corpus tests skipped");
            return None;
        }
        Ok(v) => PathBuf::from(v),
        Err(_) => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures"),
    };
    assert!(
        dir.join("INDEX.tsv").is_file(),
        "no fixture corpus at {} (set LOCKSCOPE_FIXTURES, or =skip)",
        dir.display()
    );
    Some(dir)
}

/// A lock of the corpus with the golden `Inputs:` output of Nix beside it.
pub struct Case {
    pub name: String,
    pub lock: PathBuf,
    /// `metadata.txt`: the tree; `metadata.err`: Nix rejects the lock.
    pub golden: PathBuf,
}

impl Case {
    pub fn read_lock(&self) -> String {
        std::fs::read_to_string(&self.lock).expect("lock is readable")
    }
}

/// Every lock with a tree golden: `<dir>/flake.lock` + `metadata.{txt,err}`, and the
/// `_fixtures/*/<name>.lock` files with `<name>.metadata.txt`.
pub fn cases(corpus: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    for dir in sorted_dirs(corpus) {
        let lock = dir.join("flake.lock");
        let golden = ["metadata.txt", "metadata.err"]
            .map(|g| dir.join(g))
            .into_iter()
            .find(|g| g.is_file());
        if let (true, Some(golden)) = (lock.is_file(), golden) {
            cases.push(Case {
                name: file_name(&dir),
                lock,
                golden,
            });
        }
    }
    for dir in sorted_dirs(&corpus.join("_fixtures")) {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("fixture dir is readable")
            .map(|e| e.expect("dir entry").path())
            .collect();
        files.sort();
        for lock in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "lock"))
        {
            let stem = file_name(lock);
            let stem = stem.trim_end_matches(".lock").trim_end_matches(".flake");
            let golden = dir.join(format!("{stem}.metadata.txt"));
            if golden.is_file() {
                cases.push(Case {
                    name: format!("{}/{stem}", file_name(&dir)),
                    lock: lock.clone(),
                    golden,
                });
            }
        }
    }
    cases
}

/// Consecutive pairs of locks with the `diff-from-<older>.txt` golden of Nix
/// (`.err` where Nix could not read one of the two).
pub struct DiffCase {
    pub old: PathBuf,
    pub new: PathBuf,
    pub golden: PathBuf,
}

pub fn diff_cases(corpus: &Path) -> Vec<DiffCase> {
    let mut out = Vec::new();
    for dir in sorted_dirs(corpus) {
        for entry in std::fs::read_dir(&dir).expect("readable") {
            let path = entry.expect("dir entry").path();
            let name = file_name(&path);
            if let Some(older) = name
                .strip_prefix("diff-from-")
                .and_then(|n| n.strip_suffix(".txt").or_else(|| n.strip_suffix(".err")))
            {
                out.push(DiffCase {
                    old: corpus.join(older).join("flake.lock"),
                    new: dir.join("flake.lock"),
                    golden: path,
                });
            }
        }
    }
    out.sort_by(|a, b| a.golden.cmp(&b.golden));
    out
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    dirs.retain(|d| d.is_dir() && !file_name(d).starts_with('_'));
    dirs.sort();
    dirs
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}
