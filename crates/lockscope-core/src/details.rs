//! One row of facts per locked input: what the details panel and `lockscope show` print.

use serde::Serialize;

use crate::flakeref::{FlakeRef, HttpsLink};
use crate::lock::{owned_path, Input, InputPath, LockFile, Node};
use crate::sorted_map::SortedMap;
use crate::text::short_rev;
use crate::time::utc_datetime;

/// Bumped whenever a field of the JSON document changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 1;

/// The resolved model of a lock, as `lockscope show --json` emits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The lock's `version`: 5, 6 or 7.
    pub lock_version: u32,
    /// The root node's key (`"root"` in every lock Nix writes).
    pub root: String,
    /// The root's inputs, follows resolved: input name -> node key (`null`: the root itself).
    pub root_inputs: SortedMap<String, Option<String>>,
    /// Every node the root reaches, ordered by their first input path.
    pub inputs: Vec<InputDetails>,
    /// Nodes in the file that nothing reaches.
    pub orphans: Vec<String>,
}

/// Resolves `lock` into its [`Document`]: every node the root reaches, follows resolved.
pub fn document(lock: &LockFile) -> Document {
    Document {
        schema_version: SCHEMA_VERSION,
        lock_version: lock.version(),
        root: lock.root_key().to_string(),
        root_inputs: resolved_inputs(lock, lock.root_key()),
        inputs: inputs(lock),
        orphans: lock.orphans().to_vec(),
    }
}

/// The facts of one node the root reaches: a row of the details panel and of
/// `lockscope show`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputDetails {
    /// The node's key in `nodes`.
    pub key: String,
    /// Every input path that reaches this node (directly or through `follows`), in Nix's
    /// flattened order; the first is the one the tree expands.
    pub paths: Vec<Vec<String>>,
    #[serde(rename = "type")]
    /// The fetcher type: github, gitlab, sourcehut, git, hg, path, tarball, file, indirect.
    pub kind: String,
    /// Where the source lives, short: `github:owner/repo`, the url, ...
    pub source: String,
    /// `source` with the branch or tag: `github:owner/repo/ref`, `url?ref=ref`; what a
    /// readable tree line shows ([`Brief::source`]).
    pub short_source: String,
    /// The reference as written in flake.nix (`original`), as Nix prints it.
    pub original: Option<String>,
    /// The locked reference, as Nix prints it.
    pub locked_ref: String,
    /// The branch or tag flake.nix asked for, else the one the lock holds.
    #[serde(rename = "ref")]
    pub git_ref: Option<String>,
    /// The locked revision (`rev`).
    pub rev: Option<String>,
    /// When the locked source last changed (`lastModified`), in Unix seconds.
    pub last_modified: Option<u64>,
    /// `last_modified` as `YYYY-MM-DD HH:MM:SS` (UTC).
    pub date: Option<String>,
    /// The locked `narHash`, as the lock writes it.
    pub nar_hash: Option<String>,
    /// `false` for an input declared `flake = false`.
    pub flake: bool,
    /// An https link to the commit on a known forge; never anything else.
    pub link: Option<HttpsLink>,
    /// This node's inputs, follows resolved: input name -> node key (`null`: the root).
    pub inputs: SortedMap<String, Option<String>>,
}

/// A node the root reaches, and every input path that reaches it (as `InputDetails::paths`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reached<'a> {
    /// The node's index in the lock (`LockFile::node_at`).
    pub index: usize,
    pub key: &'a str,
    pub node: &'a Node,
    /// The node's `locked`: every node but the root has one.
    pub locked: &'a FlakeRef,
    pub paths: Vec<Vec<&'a str>>,
}

impl Reached<'_> {
    /// Its paths, each with names of its own: what the rows of the fronts hold.
    pub fn owned_paths(&self) -> Vec<Vec<String>> {
        self.paths.iter().map(|path| owned_path(path)).collect()
    }
}

/// Every locked node the root reaches, ordered by their first input path: the rows of
/// `inputs` without the facts put into words, which the checks do not need.
pub(crate) fn reached(lock: &LockFile) -> Vec<Reached<'_>> {
    let mut nodes: Vec<Reached> = Vec::new();
    // Per node (by index, `LockFile::node_at`): its place in `nodes`, once it has one.
    let mut slot: Vec<Option<usize>> = vec![None; lock.node_count()];
    // The paths come in order, so a node's first path comes first, and the nodes come in
    // the order of their first paths: nothing to sort.
    for InputPath { path, input, child } in lock.input_paths() {
        // The path up to a follows input is locked inputs, so it leads where its target does
        // (a parsed lock has no follows cycle), and the target is the shorter walk.
        let target = match input {
            Input::Node(_) => child,
            Input::Follows(target) => lock.resolve_index(target),
        };
        let Some(index) = target.filter(|i| *i != lock.root_index()) else {
            continue;
        };
        match slot[index] {
            Some(at) => nodes[at].paths.push(path),
            None => {
                let (key, node) = lock.node_at(index);
                let Some(locked) = node.locked.as_ref() else {
                    continue;
                };
                slot[index] = Some(nodes.len());
                nodes.push(Reached {
                    index,
                    key,
                    node,
                    locked,
                    paths: vec![path],
                });
            }
        }
    }
    nodes
}

/// Details of every node the root reaches, ordered by their first input path.
pub fn inputs(lock: &LockFile) -> Vec<InputDetails> {
    reached(lock)
        .into_iter()
        .map(|row| {
            let paths = row.owned_paths();
            let Reached {
                key, node, locked, ..
            } = row;
            {
                let (source, git_ref) = (locked.source(), git_ref(node));
                InputDetails {
                    key: key.to_string(),
                    kind: locked.kind.clone(),
                    short_source: with_ref(&source, &locked.kind, git_ref.as_deref()),
                    source,
                    original: node.original.as_ref().map(|o| o.to_url()),
                    locked_ref: locked.to_url(),
                    git_ref,
                    rev: locked.rev().map(str::to_string),
                    last_modified: locked.last_modified(),
                    date: locked.last_modified().map(|t| utc_datetime(t as i64)),
                    nar_hash: locked.nar_hash().map(str::to_string),
                    flake: node.flake,
                    link: locked.forge_link(),
                    inputs: resolved_inputs(lock, key),
                    paths,
                }
            }
        })
        .collect()
}

/// A node in the few words a readable tree line shows: the same facts as its
/// [`InputDetails`], without the work the details panel needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brief {
    /// [`InputDetails::short_source`].
    pub source: String,
    /// The locked revision, cut to [`short_rev`].
    pub rev: Option<String>,
    /// [`InputDetails::last_modified`].
    pub last_modified: Option<u64>,
    /// [`InputDetails::flake`].
    pub flake: bool,
}

impl Brief {
    /// The brief of a locked node; `None` for the root, which locks nothing.
    pub fn of(node: &Node) -> Option<Brief> {
        let locked = node.locked.as_ref()?;
        Some(Brief {
            source: with_ref(&locked.source(), &locked.kind, git_ref(node).as_deref()),
            rev: locked.rev().map(|rev| short_rev(rev).to_owned()),
            last_modified: locked.last_modified(),
            flake: node.flake,
        })
    }
}

/// Where a source lives (`source`, of a node locked with fetcher `kind`) with the branch or
/// tag, as people write it: after the repository on a forge (`github:owner/repo/ref`, as in
/// flake.nix), as a query elsewhere (`url?ref=ref`).
fn with_ref(source: &str, kind: &str, git_ref: Option<&str>) -> String {
    match git_ref {
        None => source.to_owned(),
        Some(git_ref) => match kind {
            "github" | "gitlab" | "sourcehut" => match source.split_once(' ') {
                // `github:owner/repo (host)`: the ref goes with the repository.
                Some((repo, host)) => format!("{repo}/{git_ref} {host}"),
                None => format!("{source}/{git_ref}"),
            },
            _ => format!("{source}?ref={git_ref}"),
        },
    }
}

/// The branch or tag a node was asked for, else the one it locked.
pub(crate) fn git_ref(node: &Node) -> Option<String> {
    let locked = node.locked.as_ref().and_then(|l| l.git_ref());
    let original = node.original.as_ref().and_then(|o| o.git_ref());
    original.or(locked).map(str::to_string)
}

/// A node's inputs with follows resolved (from the root, as Nix does) to node keys.
fn resolved_inputs(lock: &LockFile, key: &str) -> SortedMap<String, Option<String>> {
    let mut resolved = SortedMap::new();
    let Some(node) = lock.node(key) else {
        return resolved;
    };
    // The inputs come sorted: each goes at the end.
    for (name, input) in &node.inputs {
        let target = match input {
            Input::Node(k) => Some(k.clone()),
            Input::Follows(path) => lock
                .resolve(path)
                .ok()
                .flatten()
                .filter(|k| *k != lock.root_key())
                .map(str::to_string),
        };
        resolved.insert(name.clone(), target);
    }
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_brief_says_what_the_details_say() {
        let lock = LockFile::parse(
            r#"{"version":7,"root":"root","nodes":{
            "root":{"inputs":{"a":"a","b":"b","c":"c"}},
            "a":{"locked":{"type":"github","owner":"o","repo":"r","rev":"0123456789abcdef0123456789abcdef01234567","lastModified":5,"narHash":"sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
                 "original":{"type":"github","owner":"o","repo":"r","ref":"main"}},
            "b":{"locked":{"type":"gitlab","owner":"o","repo":"r","host":"git.example.org","ref":"v1","rev":"0123456789abcdef0123456789abcdef01234567"},
                 "original":{"type":"gitlab","owner":"o","repo":"r","host":"git.example.org","ref":"v1"}},
            "c":{"flake":false,"locked":{"type":"git","url":"https://example.org/r.git?x=1","ref":"dev","rev":"0123456789abcdef0123456789abcdef01234567"},
                 "original":{"type":"git","url":"https://example.org/r.git","ref":"dev"}}}}"#,
        )
        .unwrap();
        let briefs: Vec<Brief> = ["a", "b", "c"]
            .map(|key| Brief::of(lock.node(key).unwrap()).unwrap())
            .into();
        let sources: Vec<&str> = briefs.iter().map(|b| b.source.as_str()).collect();
        assert_eq!(
            sources,
            [
                "github:o/r/main",
                "gitlab:o/r/v1 (git.example.org)",
                "https://example.org/r.git?ref=dev"
            ]
        );
        assert_eq!(briefs[0].rev.as_deref(), Some("0123456789ab"));
        assert_eq!(briefs[0].last_modified, Some(5));
        assert!(briefs[0].flake && !briefs[2].flake);
        for input in inputs(&lock) {
            let brief = Brief::of(lock.node(&input.key).unwrap()).unwrap();
            assert_eq!(brief.source, input.short_source);
            assert_eq!(brief.last_modified, input.last_modified);
        }
        assert_eq!(Brief::of(lock.node("root").unwrap()), None);
    }
}
