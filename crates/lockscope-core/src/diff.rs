//! What changed between two locks, as Nix reports it when a lock file is updated
//! (`LockFile::diff` in `src/libflake/lockfile.cc`), and as structured changes.

use serde::Serialize;

use crate::flakeref::{is_hex_rev, ForgePage, HttpsLink};
use crate::lock::{owned_path, Input, LockFile};
use crate::order::sorted;
use crate::sorted_map::SortedMap;
use crate::time::utc_date;
use crate::FlakeRef;

/// One input path whose entry differs between the two locks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "lowercase")]
pub enum Change {
    /// An input path only the new lock has.
    Added {
        /// The input path from the root.
        path: Vec<String>,
        /// What it leads to in the new lock.
        new: Edge,
    },
    /// An input path only the old lock has.
    Removed {
        /// The input path from the root.
        path: Vec<String>,
        /// What it led to in the old lock.
        old: Edge,
    },
    /// An input path both locks have, leading to another locked reference or `follows` path.
    Updated {
        /// The input path from the root.
        path: Vec<String>,
        /// What it led to in the old lock.
        old: Edge,
        /// What it leads to in the new lock.
        new: Edge,
    },
}

/// What an input path leads to in one lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Edge {
    /// A node. Nix compares its locked reference only: a node renamed in `nodes` is no change.
    Locked {
        /// The node's key in that lock's `nodes`.
        key: String,
        /// Its locked reference.
        locked: FlakeRef,
    },
    /// A `follows`.
    Follows {
        /// The input path it follows, from the root.
        path: Vec<String>,
    },
}

impl Edge {
    fn of(lock: &LockFile, input: &Input) -> Edge {
        match input {
            Input::Node(key) => Edge::Locked {
                key: key.clone(),
                locked: lock
                    .node(key)
                    .and_then(|n| n.locked.clone())
                    .expect("parsed locks only reference locked nodes"),
            },
            Input::Follows(path) => Edge::Follows { path: path.clone() },
        }
    }

    /// Nix's description: `'<locked ref>' (YYYY-MM-DD)` or `follows '<a/b>'`.
    pub fn describe(&self) -> String {
        match self {
            Edge::Locked { locked, .. } => {
                let date = locked
                    .last_modified()
                    .map(|t| format!(" ({})", utc_date(t as i64)))
                    .unwrap_or_default();
                format!("'{}'{date}", locked.to_url())
            }
            Edge::Follows { path } => format!("follows '{}'", path.join("/")),
        }
    }

    /// Nix compares locked references, not node keys.
    fn same_as(&self, other: &Edge) -> bool {
        match (self, other) {
            (Edge::Locked { locked: a, .. }, Edge::Locked { locked: b, .. }) => a == b,
            (Edge::Follows { path: a }, Edge::Follows { path: b }) => a == b,
            _ => false,
        }
    }
}

/// What an update of a locked input amounts to: the two revisions, the time between their
/// commits, and a compare link when both are on the same repository of a known forge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Update {
    /// The old `rev`, as the lock writes it; `None` when it has none.
    pub old_rev: Option<String>,
    /// The new `rev`, as the lock writes it; `None` when it has none.
    pub new_rev: Option<String>,
    /// Seconds from the old commit to the new one (negative: the input went back in time).
    pub age_gained: Option<i64>,
    /// https only, known forges only.
    pub compare: Option<HttpsLink>,
}

impl Change {
    /// The input path that changed.
    pub fn path(&self) -> &[String] {
        match self {
            Change::Added { path, .. }
            | Change::Removed { path, .. }
            | Change::Updated { path, .. } => path,
        }
    }

    /// The update summary of an input locked before and after; `None` for other changes.
    pub fn update(&self) -> Option<Update> {
        let Change::Updated {
            old: Edge::Locked { locked: old, .. },
            new: Edge::Locked { locked: new, .. },
            ..
        } = self
        else {
            return None;
        };
        let (old_rev, new_rev) = (old.rev().map(str::to_string), new.rev().map(str::to_string));
        let compare = match (old.forge_repo(), new.forge_repo(), &old_rev, &new_rev) {
            (Some(a), Some(b), Some(from), Some(to))
                if a == b && from != to && is_hex_rev(from) && is_hex_rev(to) =>
            {
                Some(a.page_url(ForgePage::Compare(from.clone(), to.clone())))
            }
            _ => None,
        };
        Some(Update {
            age_gained: old
                .last_modified()
                .zip(new.last_modified())
                // Any two u64: their difference saturates, and at -i64::MAX rather than
                // i64::MIN, so that the fronts may negate it.
                .map(|(a, b)| {
                    let gained = i128::from(b) - i128::from(a);
                    let limit = i128::from(i64::MAX);
                    i64::try_from(gained.clamp(-limit, limit)).unwrap_or_default()
                }),
            old_rev,
            new_rev,
            compare,
        })
    }
}

/// The changes from `old` to `new`, in Nix's order (input paths compared element by element).
pub fn changes(old: &LockFile, new: &LockFile) -> Vec<Change> {
    let (old_inputs, new_inputs) = (inputs_by_path(old), inputs_by_path(new));
    let paths: Vec<&Vec<&str>> = old_inputs.keys().chain(new_inputs.keys()).collect();
    let mut paths = sorted(paths, |a, b| a.cmp(b));
    paths.dedup();
    paths
        .into_iter()
        .filter_map(|path| {
            let before = old_inputs.get(path).map(|i| Edge::of(old, i));
            let after = new_inputs.get(path).map(|i| Edge::of(new, i));
            let path = owned_path(path);
            match (before, after) {
                (None, Some(new)) => Some(Change::Added { path, new }),
                (Some(old), None) => Some(Change::Removed { path, old }),
                (Some(old), Some(new)) if !old.same_as(&new) => {
                    Some(Change::Updated { path, old, new })
                }
                _ => None,
            }
        })
        .collect()
}

/// Every input path of `lock` and its input, as `LockFile::all_inputs`, the names borrowed
/// from the lock: only the paths of changes are copied.
fn inputs_by_path(lock: &LockFile) -> SortedMap<Vec<&str>, &Input> {
    let paths = lock.input_paths().into_iter();
    paths.map(|p| (p.path, p.input)).collect()
}

/// The change list exactly as Nix prints it (without ANSI codes); empty when nothing changed.
pub fn render(changes: &[Change]) -> String {
    let mut out = String::new();
    for change in changes {
        let path = change.path().join("/");
        match change {
            Change::Added { new, .. } => {
                out += &format!("• Added input '{path}':\n    {}\n", new.describe());
            }
            Change::Removed { .. } => out += &format!("• Removed input '{path}'\n"),
            Change::Updated { old, new, .. } => {
                out += &format!(
                    "• Updated input '{path}':\n    {}\n  → {}\n",
                    old.describe(),
                    new.describe()
                );
            }
        }
    }
    out
}
