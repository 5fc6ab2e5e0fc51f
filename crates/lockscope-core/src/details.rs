//! One row of facts per locked input: what the details panel and `lockscope show` print.

use serde::Serialize;

use crate::flakeref::{FlakeRef, HttpsLink};
use crate::lock::{Input, LockFile, Node};
use crate::sorted_map::SortedMap;
use crate::time::utc_datetime;

/// Bumped whenever a field of the JSON document changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 1;

/// The resolved model of a lock, as `lockscope show --json` emits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    pub schema_version: u32,
    pub lock_version: u32,
    pub root: String,
    /// The root's inputs, follows resolved: input name -> node key (`null`: the root itself).
    pub root_inputs: SortedMap<String, Option<String>>,
    pub inputs: Vec<InputDetails>,
    /// Nodes in the file that nothing reaches.
    pub orphans: Vec<String>,
}

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputDetails {
    pub key: String,
    /// Every input path that reaches this node (directly or through `follows`), in Nix's
    /// flattened order; the first is the one the tree expands.
    pub paths: Vec<Vec<String>>,
    #[serde(rename = "type")]
    /// The fetcher type: github, gitlab, sourcehut, git, hg, path, tarball, file, indirect.
    pub kind: String,
    /// Where the source lives, short: `github:owner/repo`, the url, ...
    pub source: String,
    /// The reference as written in flake.nix (`original`), as Nix prints it.
    pub original: Option<String>,
    pub locked_ref: String,
    #[serde(rename = "ref")]
    pub git_ref: Option<String>,
    pub rev: Option<String>,
    pub last_modified: Option<u64>,
    /// `last_modified` as `YYYY-MM-DD HH:MM:SS` (UTC).
    pub date: Option<String>,
    pub nar_hash: Option<String>,
    pub flake: bool,
    /// An https link to the commit on a known forge; never anything else.
    pub link: Option<HttpsLink>,
    /// This node's inputs, follows resolved: input name -> node key (`null`: the root).
    pub inputs: SortedMap<String, Option<String>>,
}

/// A node the root reaches, and every input path that reaches it (as `InputDetails::paths`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reached<'a> {
    pub key: &'a str,
    pub node: &'a Node,
    /// The node's `locked`: every node but the root has one.
    pub locked: &'a FlakeRef,
    pub paths: Vec<Vec<String>>,
}

/// Every locked node the root reaches, ordered by their first input path: the rows of
/// `inputs` without the facts put into words, which the checks do not need.
pub(crate) fn reached(lock: &LockFile) -> Vec<Reached<'_>> {
    let mut nodes: Vec<Reached> = Vec::new();
    // Per node (by `LockFile::node_index`): its place in `nodes`, once it has one.
    let mut slot: Vec<Option<usize>> = vec![None; lock.node_count()];
    // The paths come in order, so a node's first path comes first, and the nodes come in
    // the order of their first paths: nothing to sort.
    for (path, input) in lock.all_inputs() {
        let target = match input {
            Input::Node(key) => Some(key.as_str()),
            Input::Follows(_) => lock.resolve(&path).ok().flatten(),
        };
        let Some(key) = target.filter(|k| *k != lock.root_key()) else {
            continue;
        };
        let Some(index) = lock.node_index(key) else {
            continue;
        };
        match slot[index] {
            Some(at) => nodes[at].paths.push(path),
            None => {
                let Some(node) = lock.node(key) else { continue };
                let Some(locked) = node.locked.as_ref() else {
                    continue;
                };
                slot[index] = Some(nodes.len());
                nodes.push(Reached {
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
        .map(
            |Reached {
                 key,
                 node,
                 locked,
                 paths,
             }| InputDetails {
                key: key.to_string(),
                kind: locked.kind.clone(),
                source: locked.source(),
                original: node.original.as_ref().map(|o| o.to_url()),
                locked_ref: locked.to_url(),
                git_ref: git_ref(node),
                rev: locked.rev().map(str::to_string),
                last_modified: locked.last_modified(),
                date: locked.last_modified().map(|t| utc_datetime(t as i64)),
                nar_hash: locked.nar_hash().map(str::to_string),
                flake: node.flake,
                link: locked.forge_link(),
                inputs: resolved_inputs(lock, key),
                paths,
            },
        )
        .collect()
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
