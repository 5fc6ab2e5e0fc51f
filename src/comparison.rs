//! Two locks side by side: the change list exactly as `nix flake update` prints it, and
//! the same changes sorted for reading. Plain Rust, no DOM.

use lockscope_core::diff::{self, Change, Update};
use lockscope_core::LockFile;

/// Two locks compared.
pub struct Comparison {
    /// Where the old lock came from, in words.
    pub old: String,
    /// Where the new lock came from, in words.
    pub new: String,
    /// Nix's text; empty when the two locks pin the same inputs.
    pub nix_text: String,
    /// Every input path that differs, in Nix's order.
    pub entries: Vec<Entry>,
}

/// One input path that differs.
pub struct Entry {
    /// The input path as people write it: `home-manager/nixpkgs`.
    pub path: String,
    /// How it differs.
    pub kind: Kind,
    /// What the path led to before, in Nix's words (`'github:…' (2025-01-02)`,
    /// `follows 'nixpkgs'`); `None` when it was not there.
    pub old: Option<String>,
    /// What the path leads to after, in Nix's words; `None` when it is gone.
    pub new: Option<String>,
}

/// How an input path differs between the two locks.
#[derive(Debug, PartialEq, Eq)]
pub enum Kind {
    /// Locked before and after, to another revision or source.
    Updated(Update),
    /// Only in the new lock.
    Added,
    /// Only in the old lock.
    Removed,
    /// Follows another input before or after (or both, another one).
    FollowsChanged,
}

impl Comparison {
    /// Compare two locks, each with the words that say where it came from.
    pub fn of(old: &LockFile, new: &LockFile, old_label: String, new_label: String) -> Self {
        let changes = diff::changes(old, new);
        Comparison {
            old: old_label,
            new: new_label,
            nix_text: diff::render(&changes),
            entries: changes.iter().map(Entry::of).collect(),
        }
    }

    /// How many changes are of a kind.
    pub fn count(&self, kind: fn(&Kind) -> bool) -> usize {
        self.entries
            .iter()
            .filter(|entry| kind(&entry.kind))
            .count()
    }
}

impl Entry {
    fn of(change: &Change) -> Entry {
        let path = change.path().join("/");
        match change {
            Change::Added { new, .. } => Entry {
                path,
                kind: Kind::Added,
                old: None,
                new: Some(new.describe()),
            },
            Change::Removed { old, .. } => Entry {
                path,
                kind: Kind::Removed,
                old: Some(old.describe()),
                new: None,
            },
            Change::Updated { old, new, .. } => Entry {
                path,
                kind: match change.update() {
                    Some(update) => Kind::Updated(update),
                    None => Kind::FollowsChanged,
                },
                old: Some(old.describe()),
                new: Some(new.describe()),
            },
        }
    }
}

impl Kind {
    /// Locked before and after, to another revision or source.
    pub fn is_updated(&self) -> bool {
        matches!(self, Kind::Updated(_))
    }
    /// Only in the new lock.
    pub fn is_added(&self) -> bool {
        matches!(self, Kind::Added)
    }
    /// Only in the old lock.
    pub fn is_removed(&self) -> bool {
        matches!(self, Kind::Removed)
    }
    /// Follows another input before or after.
    pub fn is_follows_change(&self) -> bool {
        matches!(self, Kind::FollowsChanged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lockscope_fixtures::{corpus, diff_cases, read};

    #[test]
    fn shows_nix_text_and_sorts_every_change_once() {
        let Some(corpus) = corpus("comparison::shows_nix_text_and_sorts_every_change_once") else {
            return;
        };
        // The pairs Nix could read both of (`.txt`; `.err` where it could not).
        let goldens: Vec<_> = diff_cases(&corpus)
            .into_iter()
            .filter(|case| case.golden.extension().is_some_and(|e| e == "txt"))
            .collect();
        assert!(goldens.len() > 40);
        let mut seen = [0; 4];
        for case in goldens {
            let lock = |path| LockFile::parse(&read(path)).unwrap();
            let (old, new, expected) = (lock(&case.old), lock(&case.new), read(&case.golden));
            let comparison = Comparison::of(&old, &new, "old".into(), "new".into());
            assert_eq!(comparison.nix_text, expected);
            // One `•` line per change, each sorted into exactly one kind.
            assert_eq!(comparison.entries.len(), expected.matches('•').count());
            for (i, kind) in [
                Kind::is_updated,
                Kind::is_added,
                Kind::is_removed,
                Kind::is_follows_change,
            ]
            .into_iter()
            .enumerate()
            {
                seen[i] += comparison.count(kind);
            }
            for entry in &comparison.entries {
                let line = match entry.kind {
                    Kind::Added => format!("• Added input '{}':", entry.path),
                    Kind::Removed => format!("• Removed input '{}'", entry.path),
                    _ => format!("• Updated input '{}':", entry.path),
                };
                assert!(expected.contains(&line), "{line}");
                if let Kind::Updated(update) = &entry.kind {
                    assert!(update
                        .compare
                        .as_ref()
                        .is_none_or(|c| c.as_str().starts_with("https://")));
                } else {
                    assert!(entry.old.is_some() || entry.new.is_some());
                }
                if entry.kind == Kind::FollowsChanged {
                    let (old, new) = (entry.old.as_deref().unwrap(), entry.new.as_deref().unwrap());
                    assert!(old.starts_with("follows") || new.starts_with("follows"));
                }
            }
        }
        // The corpus holds every kind of change.
        assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
    }

    #[test]
    fn the_same_lock_twice_has_no_changes() {
        let lock = LockFile::parse(&read(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/flake.lock"
        ))))
        .unwrap();
        let comparison = Comparison::of(&lock, &lock, "a".into(), "a".into());
        assert_eq!(comparison.nix_text, "");
        assert!(comparison.entries.is_empty());
    }
}
