//! Nodes that lock the same source more than once, and the `follows` lines for flake.nix
//! that remove the extra copies.
//!
//! Two nodes are the same source when they fetch the same repository (forge, host, owner and
//! name, case-insensitively; a `git` URL on a known forge, a GitHub archive tarball and, when
//! the lock also has the GitHub repository, a FlakeHub flake of the same name count as that
//! forge repository) or the same URL (normalised), with the same flake directory.

mod graph;
mod nix_syntax;
mod plan;
pub(crate) mod source;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::details::{self, InputDetails};
use crate::flakeref::FlakeRef;
use crate::lock::{LockFile, Node};
use source::{SourceId, SourceNamer};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicates {
    /// Every source locked more than once, the most copies first.
    pub groups: Vec<DuplicateGroup>,
    /// Root inputs to add to flake.nix first, for sources no root input locks.
    pub new_inputs: Vec<NewInput>,
    /// The follows lines, sorted by input path.
    pub suggestions: Vec<FollowsSuggestion>,
    /// Nodes in the lock, the root included.
    pub nodes: usize,
    /// Nodes the lock no longer needs once every suggestion is applied.
    pub nodes_saved: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateGroup {
    /// Where the source lives: `github:NixOS/nixpkgs`, a URL.
    pub source: String,
    pub kind: DuplicateKind,
    /// Distinct revisions among the copies.
    pub revisions: usize,
    /// Root inputs that lock this source.
    pub root_inputs: Vec<String>,
    pub copies: Vec<SourceCopy>,
    /// Copies left once every suggestion is applied.
    pub remaining: usize,
}

/// `waste`: every copy locks the same revision; `skew`: the copies lock different ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DuplicateKind {
    Waste,
    Skew,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceCopy {
    pub key: String,
    /// The locked reference as Nix prints it.
    pub locked_ref: String,
    pub rev: Option<String>,
    pub last_modified: Option<u64>,
    /// The branch or tag the copy was asked for.
    pub git_ref: Option<String>,
    /// Every input path that reaches the copy, in Nix's order.
    pub paths: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowsSuggestion {
    /// The input to override: `["home-manager", "nixpkgs"]`.
    pub path: Vec<String>,
    /// The root input it should follow.
    pub target: String,
    /// The line for flake.nix: `inputs.home-manager.inputs.nixpkgs.follows = "nixpkgs";`.
    pub line: String,
    /// Overrides deeper than one level work from Nix 2.30 on (NixOS/nix#12083).
    pub needs_nix_2_30: bool,
    pub source: String,
    /// The copy the line removes, and the node it follows instead.
    pub node: String,
    pub target_node: String,
    /// Whether the copy already locks the target's revision (pure waste); if not, following
    /// the target changes the revision the input gets.
    pub same_revision: bool,
}

/// A root input to add because no root input locks a duplicated source; it is assumed to
/// lock the newest copy's revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewInput {
    pub name: String,
    /// The reference to lock, as the newest copy's flake asked for it.
    pub url: String,
    /// `inputs.<name>.url = "<url>";`
    pub line: String,
    pub source: String,
    pub node: String,
}

/// The duplicated sources of a lock and the follows lines that remove them.
pub fn find(lock: &LockFile) -> Duplicates {
    let namer = SourceNamer::new(lock);
    let mut by_source: BTreeMap<SourceId, Vec<InputDetails>> = BTreeMap::new();
    for row in details::inputs(lock) {
        if let Some(id) = lock.node(&row.key).and_then(|node| namer.id(node)) {
            by_source.entry(id).or_default().push(row);
        }
    }
    let mut found: Vec<(DuplicateGroup, Vec<String>)> = by_source
        .into_values()
        .filter(|rows| rows.len() > 1)
        .map(|rows| {
            (
                group(lock, &rows),
                rows.into_iter().map(|r| r.key).collect(),
            )
        })
        .collect();
    found.sort_by(|a, b| {
        (b.0.copies.len().cmp(&a.0.copies.len())).then_with(|| a.0.source.cmp(&b.0.source))
    });
    let (mut groups, keys): (Vec<DuplicateGroup>, Vec<Vec<String>>) = found.into_iter().unzip();
    let plan = plan::plan(lock, &keys);
    for group in &mut groups {
        group.remaining = group
            .copies
            .iter()
            .filter(|c| plan.nodes_after.contains(&c.key))
            .count();
    }
    let mut suggestions: Vec<FollowsSuggestion> = plan
        .suggestions
        .iter()
        .map(|s| FollowsSuggestion {
            line: nix_syntax::follows_line(&s.path, &s.target),
            needs_nix_2_30: s.path.len() > 2,
            target: s.target.clone(),
            source: groups[s.group].source.clone(),
            node: s.copy.clone(),
            target_node: s.target_node.clone(),
            same_revision: locked_revision(lock, &s.copy) == locked_revision(lock, &s.target_node),
            path: s.path.clone(),
        })
        .collect();
    suggestions.sort_by(|a, b| a.path.cmp(&b.path));
    let new_inputs = plan
        .new_inputs
        .iter()
        .map(|new| {
            let url = lock
                .node(&new.keeper)
                .map(new_input_url)
                .unwrap_or_default();
            NewInput {
                line: nix_syntax::url_line(&new.name, &url),
                name: new.name.clone(),
                url,
                source: groups[new.group].source.clone(),
                node: new.keeper.clone(),
            }
        })
        .collect();
    let nodes = lock.nodes().count();
    Duplicates {
        groups,
        new_inputs,
        suggestions,
        nodes,
        nodes_saved: nodes - plan.nodes_after.len(),
    }
}

/// The reference a new root input should ask for: what the copy's flake asked for, a
/// registry name written out, since a registry name locks whatever the registry says.
fn new_input_url(node: &Node) -> String {
    match (&node.original, &node.locked) {
        (Some(original), Some(locked)) if original.kind == "indirect" => {
            source::written_out(original, locked).unwrap_or_else(|| original.to_url())
        }
        (Some(original), _) => original.to_url(),
        (None, Some(locked)) => locked.to_url(),
        (None, None) => String::new(),
    }
}

fn group(lock: &LockFile, rows: &[InputDetails]) -> DuplicateGroup {
    let nodes: Vec<&Node> = rows.iter().filter_map(|r| lock.node(&r.key)).collect();
    let revisions: BTreeSet<String> = nodes
        .iter()
        .filter_map(|n| n.locked.as_ref())
        .map(revision)
        .collect();
    let source = nodes
        .iter()
        .min_by_key(|n| n.locked.as_ref().map(|l| kind_rank(&l.kind)))
        .map(|n| label(n))
        .unwrap_or_default();
    let keys: BTreeSet<&str> = rows.iter().map(|r| r.key.as_str()).collect();
    let root_inputs = lock
        .root()
        .inputs
        .keys()
        .filter(|name| {
            lock.resolve(std::slice::from_ref(*name))
                .ok()
                .flatten()
                .is_some_and(|k| keys.contains(k))
        })
        .cloned()
        .collect();
    DuplicateGroup {
        source,
        kind: if revisions.len() > 1 {
            DuplicateKind::Skew
        } else {
            DuplicateKind::Waste
        },
        revisions: revisions.len(),
        root_inputs,
        copies: rows
            .iter()
            .map(|r| SourceCopy {
                key: r.key.clone(),
                locked_ref: r.locked_ref.clone(),
                rev: r.rev.clone(),
                last_modified: r.last_modified,
                git_ref: r.git_ref.clone(),
                paths: r.paths.clone(),
            })
            .collect(),
        remaining: rows.len(),
    }
}

/// What makes two copies the same version: the commit, else the content hash, else the
/// whole locked reference.
pub(crate) fn revision(locked: &FlakeRef) -> String {
    match (locked.rev(), locked.nar_hash()) {
        (Some(rev), _) => rev.to_ascii_lowercase(),
        (None, Some(hash)) => hash.to_string(),
        (None, None) => locked.to_url(),
    }
}

fn locked_revision(lock: &LockFile, key: &str) -> Option<String> {
    lock.node(key)?.locked.as_ref().map(revision)
}

/// Forge references name a source best, then git URLs, then tarballs.
fn kind_rank(kind: &str) -> u8 {
    match kind {
        "github" | "gitlab" | "sourcehut" => 0,
        "git" | "hg" => 1,
        _ => 2,
    }
}

fn label(node: &Node) -> String {
    let Some(locked) = node.locked.as_ref() else {
        return String::new();
    };
    let base = match locked.kind.as_str() {
        "tarball" | "file" => {
            let original = node.original.as_ref().filter(|o| o.kind == locked.kind);
            original.unwrap_or(locked).source()
        }
        _ => locked.source(),
    };
    match &locked.dir {
        Some(dir) => format!("{base}?dir={dir}"),
        None => base,
    }
}
