//! Nodes that lock the same source more than once, and the `follows` lines for flake.nix
//! that remove the extra copies.
//!
//! Two nodes are the same source when they fetch the same repository (forge, host, owner and
//! name, case-insensitively; a `git` URL on a known forge, a GitHub archive tarball and, when
//! the lock also has the GitHub repository, a FlakeHub flake of the same name count as that
//! forge repository; a NixOS channel tarball counts as NixOS/nixpkgs) or the same URL
//! (normalised), with the same flake directory.

mod graph;
pub(crate) mod nix_syntax;
mod plan;
mod resolution;
pub(crate) mod source;

use serde::Serialize;

use crate::details::{self, Reached};
use crate::flakeref::FlakeRef;
use crate::lock::{LockFile, Node};
use crate::order::sorted;
use graph::{NodeId, Nodes};
use source::SourceNamer;

/// What every front says when the duplicates have no follows line that is safe to add.
pub const NO_SAFE_FOLLOWS: &str =
    "No follows line can remove a copy without changing what the root inputs lock.";

/// What [`find`] found in a lock: its duplicated sources, and the lines for flake.nix that
/// remove the extra copies.
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

/// One source locked by more than one node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateGroup {
    /// Where the source lives: `github:NixOS/nixpkgs`, a URL.
    pub source: String,
    /// Whether the copies agree on the revision.
    pub kind: DuplicateKind,
    /// Distinct revisions among the copies.
    pub revisions: usize,
    /// Root inputs that lock this source.
    pub root_inputs: Vec<String>,
    /// The nodes that lock it, ordered by their first input path.
    pub copies: Vec<SourceCopy>,
    /// Copies left once every suggestion is applied.
    pub remaining: usize,
}

/// `waste`: every copy locks the same revision; `skew`: the copies lock different ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DuplicateKind {
    /// Pure waste: one revision locked several times over.
    Waste,
    /// The inputs disagree on the version: a follows line changes what some input gets.
    Skew,
}

/// One node that locks a duplicated source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceCopy {
    /// The node's key.
    pub key: String,
    /// The locked reference as Nix prints it.
    pub locked_ref: String,
    /// The locked revision (`rev`).
    pub rev: Option<String>,
    /// When the locked source last changed (`lastModified`), in Unix seconds.
    pub last_modified: Option<u64>,
    /// The branch or tag the copy was asked for.
    pub git_ref: Option<String>,
    /// Every input path that reaches the copy, in Nix's order.
    pub paths: Vec<Vec<String>>,
}

/// A `follows` line for flake.nix: an input follows a root input (possibly one of
/// [`Duplicates::new_inputs`]) that locks the same source, and its own copy leaves the lock.
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
    /// The source, as [`DuplicateGroup::source`].
    pub source: String,
    /// The copy the line removes.
    pub node: String,
    /// The node it follows instead: the one `target` locks.
    pub target_node: String,
    /// Whether the copy already locks the target's revision (pure waste); if not, following
    /// the target changes the revision the input gets.
    pub same_revision: bool,
}

/// A root input to add because no root input locks a duplicated source; it is assumed to
/// lock the newest copy's revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewInput {
    /// The name most nested inputs give the source, with `-2`, `-3`, ... when another root
    /// input has it.
    pub name: String,
    /// The reference to lock, as the newest copy's flake asked for it.
    pub url: String,
    /// `inputs.<name>.url = "<url>";`
    pub line: String,
    /// The source, as [`DuplicateGroup::source`].
    pub source: String,
    /// The copy it is assumed to lock: the newest by `lastModified`.
    pub node: String,
}

/// The duplicated sources of a lock and the follows lines that remove them.
pub fn find(lock: &LockFile) -> Duplicates {
    find_in(lock, &details::reached(lock))
}

/// `find`, given the lock's `details::reached`.
pub(crate) fn find_in(lock: &LockFile, reached: &[Reached]) -> Duplicates {
    let nodes = Nodes::of(lock);
    let (mut groups, members) = duplicated(lock, &nodes, reached);
    let plan = plan::plan(&nodes, &members);
    for (group, members) in groups.iter_mut().zip(&members) {
        group.remaining = members.iter().filter(|node| plan.kept[**node]).count();
    }
    let suggestions = plan
        .suggestions
        .into_iter()
        .map(|s| FollowsSuggestion {
            line: nix_syntax::follows_line(&s.path, &s.target),
            needs_nix_2_30: s.path.len() > 2,
            source: groups[s.group].source.clone(),
            node: nodes.key(s.copy).to_string(),
            target_node: nodes.key(s.target_node).to_string(),
            same_revision: locked_revision(nodes.node(s.copy))
                == locked_revision(nodes.node(s.target_node)),
            target: s.target,
            path: s.path,
        })
        .collect();
    let new_inputs = plan
        .new_inputs
        .into_iter()
        .map(|new| {
            let url = new_input_url(nodes.node(new.keeper));
            NewInput {
                line: nix_syntax::url_line(&new.name, &url),
                name: new.name,
                url,
                source: groups[new.group].source.clone(),
                node: nodes.key(new.keeper).to_string(),
            }
        })
        .collect();
    let kept = plan.kept.iter().filter(|kept| **kept).count();
    Duplicates {
        groups,
        new_inputs,
        suggestions: sorted(suggestions, |a, b| a.path.cmp(&b.path)),
        nodes: nodes.len(),
        nodes_saved: nodes.len() - kept,
    }
}

/// Every source locked more than once, the most copies first, with the nodes of its copies.
fn duplicated(
    lock: &LockFile,
    nodes: &Nodes,
    reached: &[Reached],
) -> (Vec<DuplicateGroup>, Vec<Vec<NodeId>>) {
    let namer = SourceNamer::new(lock);
    // The nodes by source, each source's in the order of their input paths.
    let by_source = reached
        .iter()
        .filter_map(|row| Some((namer.id(row.node)?, row.index, row)));
    let by_source = sorted(by_source.collect(), |a, b| a.0.cmp(&b.0));
    let mut found = Vec::new();
    for copies in by_source
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|c| c.len() > 1)
    {
        let members: Vec<NodeId> = copies.iter().map(|(_, node, _)| *node).collect();
        let rows = copies.iter().map(|(_, _, row)| *row);
        found.push((group(nodes, &members, rows), members));
    }
    // Of sources with as many copies, the one named first; of those named alike, the one
    // whose identity sorts first.
    let found = sorted(found, |a, b| {
        (b.0.copies.len().cmp(&a.0.copies.len())).then_with(|| a.0.source.cmp(&b.0.source))
    });
    let (mut groups, members): (Vec<DuplicateGroup>, Vec<Vec<NodeId>>) = found.into_iter().unzip();
    let group_of = plan::group_of(nodes, &members);
    for name in lock.root().inputs.keys() {
        let target = lock.resolve_index(std::slice::from_ref(name));
        if let Some(group) = target.and_then(|node| group_of[node]) {
            groups[group].root_inputs.push(name.clone());
        }
    }
    (groups, members)
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

/// A source's group, its root inputs yet to be found.
fn group<'r>(
    nodes: &Nodes,
    members: &[NodeId],
    rows: impl Iterator<Item = &'r Reached<'r>>,
) -> DuplicateGroup {
    let revisions = members
        .iter()
        .filter_map(|n| nodes.node(*n).locked.as_ref())
        .map(revision)
        .collect();
    let mut revisions = sorted(revisions, String::cmp);
    revisions.dedup();
    let source = members
        .iter()
        .map(|n| nodes.node(*n))
        .min_by_key(|n| n.locked.as_ref().map(|l| kind_rank(&l.kind)))
        .map(label)
        .unwrap_or_default();
    DuplicateGroup {
        source,
        kind: if revisions.len() > 1 {
            DuplicateKind::Skew
        } else {
            DuplicateKind::Waste
        },
        revisions: revisions.len(),
        root_inputs: Vec::new(),
        copies: rows
            .map(|r| SourceCopy {
                key: r.key.to_string(),
                locked_ref: r.locked.to_url(),
                rev: r.locked.rev().map(str::to_string),
                last_modified: r.locked.last_modified(),
                git_ref: details::git_ref(r.node),
                paths: r.owned_paths(),
            })
            .collect(),
        remaining: members.len(),
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

fn locked_revision(node: &Node) -> Option<String> {
    node.locked.as_ref().map(revision)
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
