//! One row of facts per locked input: what the details panel and `lockscope show` print.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::lock::{Input, LockFile};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputDetails {
    pub key: String,
    /// Every input path that reaches this node (directly or through `follows`), in Nix's
    /// flattened order; the first is the one the tree expands.
    pub paths: Vec<Vec<String>>,
    /// The fetcher type: github, gitlab, sourcehut, git, hg, path, tarball, file, indirect.
    pub kind: String,
    /// Where the source lives, short: `github:owner/repo`, the url, ...
    pub source: String,
    /// The reference as written in flake.nix (`original`), as Nix prints it.
    pub original: Option<String>,
    pub locked_ref: String,
    pub git_ref: Option<String>,
    pub rev: Option<String>,
    pub last_modified: Option<u64>,
    pub nar_hash: Option<String>,
    pub flake: bool,
    /// An https link to the commit on a known forge; never anything else.
    pub link: Option<String>,
}

/// Details of every node the root reaches, ordered by their first input path.
pub fn inputs(lock: &LockFile) -> Vec<InputDetails> {
    let mut paths: BTreeMap<&str, Vec<Vec<String>>> = BTreeMap::new();
    for (path, input) in lock.all_inputs() {
        let target = match input {
            Input::Node(key) => Some(key.as_str()),
            Input::Follows(_) => lock.resolve(&path).ok().flatten(),
        };
        if let Some(key) = target.filter(|k| *k != lock.root_key()) {
            paths.entry(key).or_default().push(path);
        }
    }
    let mut rows: Vec<InputDetails> = paths
        .into_iter()
        .filter_map(|(key, paths)| {
            let node = lock.node(key)?;
            let locked = node.locked.as_ref()?;
            Some(InputDetails {
                key: key.to_string(),
                paths,
                kind: locked.kind.clone(),
                source: locked.source(),
                original: node.original.as_ref().map(|o| o.to_url()),
                locked_ref: locked.to_url(),
                git_ref: node
                    .original
                    .as_ref()
                    .and_then(|o| o.git_ref())
                    .or(locked.git_ref())
                    .map(str::to_string),
                rev: locked.rev().map(str::to_string),
                last_modified: locked.last_modified(),
                nar_hash: locked.nar_hash().map(str::to_string),
                flake: node.flake,
                link: locked.forge_link(),
            })
        })
        .collect();
    rows.sort_by(|a, b| a.paths[0].cmp(&b.paths[0]));
    rows
}
