//! The corpus of real locks in `../shared/fixtures` (golden output of real Nix 2.34.8), read
//! in place for the tests of every crate; never copied into the repository.
//!
//! Where it is looked for: `$LOCKSCOPE_FIXTURES`, else `../shared/fixtures` beside the
//! repository. `LOCKSCOPE_FIXTURES=skip` (the Nix build sandbox) and a missing default corpus
//! (a fresh clone with nothing beside it) skip the corpus tests, each saying so in one line;
//! a corpus named by `LOCKSCOPE_FIXTURES` that is not there fails them, so CI, which names it,
//! never skips silently.

pub mod forges;
mod simulate;

pub use simulate::with_follows;

use std::io::Write;
use std::path::{Path, PathBuf};

/// The corpus directory, or `None` (having said why) when its tests are to be skipped.
/// `test` names the caller in the line that says so.
pub fn corpus(test: &str) -> Option<PathBuf> {
    let (dir, named) = match std::env::var("LOCKSCOPE_FIXTURES") {
        Ok(v) if v == "skip" => {
            skipped(test, "LOCKSCOPE_FIXTURES=skip");
            return None;
        }
        Ok(v) => (PathBuf::from(v), true),
        // `shared/fixtures` beside the repository (this crate is at crates/lockscope-fixtures).
        Err(_) => (
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .ancestors()
                .nth(3)
                .unwrap_or(Path::new("/"))
                .join("shared/fixtures"),
            false,
        ),
    };
    if dir.join("INDEX.tsv").is_file() {
        return Some(dir);
    }
    assert!(
        !named,
        "no fixture corpus at {} (LOCKSCOPE_FIXTURES names it; =skip skips it)",
        dir.display()
    );
    skipped(test, &format!("no corpus at {}", dir.display()));
    None
}

/// The command `nix-instantiate` (Debian's nix-bin; scripts/setup installs it), or `None`,
/// having said so in one line, when it cannot be run: the tests that ask Nix itself skip.
/// It runs offline, with its state in `state`.
pub fn nix_instantiate(test: &str, state: &Path) -> Option<std::process::Command> {
    let command = || {
        let mut nix = std::process::Command::new("nix-instantiate");
        nix.env("NIX_STATE_DIR", state.join("state"))
            .env("HOME", state.join("home"));
        nix
    };
    match command().arg("--version").output() {
        Ok(out) if out.status.success() => Some(command()),
        _ => {
            let _ = writeln!(
                std::io::stderr(),
                "nix test skipped: {test}: nix-instantiate cannot be run (apt install nix-bin)"
            );
            None
        }
    }
}

/// Whether this machine's loopback network works (a listener on 127.0.0.1 can be reached):
/// the tests that run an HTTP server there skip, saying so in one line, where it does not
/// (a build sandbox whose network namespace has no `lo` up). Everywhere else, Nix's Linux
/// sandbox included, it works.
pub fn loopback(test: &str) -> bool {
    // The listener lives until the connection is made.
    let reached = std::net::TcpListener::bind("127.0.0.1:0").and_then(|listener| {
        let address = listener.local_addr()?;
        std::net::TcpStream::connect_timeout(&address, std::time::Duration::from_secs(2))
    });
    if let Err(e) = &reached {
        let _ = writeln!(
            std::io::stderr(),
            "network test skipped: {test}: no loopback network here ({e})"
        );
    }
    reached.is_ok()
}

/// One line on the real standard error, past the test harness's capture, so that a skip is
/// seen in the output of a passing run.
fn skipped(test: &str, why: &str) {
    let _ = writeln!(std::io::stderr(), "corpus test skipped: {test}: {why}");
}

/// Every lock directory of the corpus (`<dir>/flake.lock`), sorted.
pub fn lock_dirs(corpus: &Path) -> Vec<PathBuf> {
    sorted_dirs(corpus)
        .into_iter()
        .filter(|dir| dir.join("flake.lock").is_file())
        .collect()
}

/// A file of the corpus, as text.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
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
    for dir in lock_dirs(corpus) {
        let golden = ["metadata.txt", "metadata.err"]
            .map(|g| dir.join(g))
            .into_iter()
            .find(|g| g.is_file());
        if let Some(golden) = golden {
            cases.push(Case {
                name: file_name(&dir),
                lock: dir.join("flake.lock"),
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
