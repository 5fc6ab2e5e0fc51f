//! Which follows lines to suggest: each nested copy of a duplicated source is pointed at the
//! root input that locks the same source, shallowest first, on a model of the lock where
//! every accepted line is applied as Nix would apply it.

use std::cmp::Reverse;

use super::graph::{Edge, Graph, NameId, NodeId, Nodes, Tree};
use super::resolution::Resolution;
use super::revision;
use crate::lock::Node;
use crate::order::sorted;

/// A follows override the plan accepted.
pub(crate) struct Planned {
    /// The input to override, by the path that reaches it once every line is applied.
    pub path: Vec<String>,
    /// The copy the input locked, and the root input and node it follows instead.
    pub copy: NodeId,
    pub target: String,
    pub target_node: NodeId,
    pub group: usize,
}

/// A root input to add because no root input locks a duplicated source.
pub(crate) struct NewRootInput {
    pub name: String,
    pub group: usize,
    /// The copy the new input is assumed to lock (its newest revision).
    pub keeper: NodeId,
}

pub(crate) struct Plan {
    pub suggestions: Vec<Planned>,
    pub new_inputs: Vec<NewRootInput>,
    /// Per node: whether the lock still has it once every suggestion is applied.
    pub kept: Vec<bool>,
}

/// `groups`: the nodes of each duplicated source.
pub(crate) fn plan(nodes: &Nodes, groups: &[Vec<NodeId>]) -> Plan {
    let group_of = group_of(nodes, groups);
    let lock = Graph::new(nodes);
    let mut without_new_input = vec![false; groups.len()];
    loop {
        let new_inputs = new_root_inputs(&lock, nodes, groups, &group_of, &without_new_input);
        let (suggestions, kept) = Planner::new(&lock, nodes, &group_of, &new_inputs).run();
        // A new root input is only worth adding if some other copy follows it.
        let mut useless = false;
        for new in &new_inputs {
            if !suggestions
                .iter()
                .any(|s| s.target == new.name && s.copy != new.keeper)
            {
                without_new_input[new.group] = true;
                useless = true;
            }
        }
        if !useless {
            return Plan {
                suggestions,
                new_inputs,
                kept,
            };
        }
    }
}

/// Per node: the group it is a copy in, if any.
pub(crate) fn group_of(nodes: &Nodes, groups: &[Vec<NodeId>]) -> Vec<Option<usize>> {
    let mut group_of = vec![None; nodes.len()];
    for (group, members) in groups.iter().enumerate() {
        for &node in members {
            group_of[node] = Some(group);
        }
    }
    group_of
}

/// For each duplicated source no root input locks, a root input that locks its newest
/// copy, named as most of its copies' inputs are.
fn new_root_inputs(
    lock: &Graph,
    nodes: &Nodes,
    groups: &[Vec<NodeId>],
    group_of: &[Option<usize>],
    without: &[bool],
) -> Vec<NewRootInput> {
    let mut locked_by_root = vec![false; groups.len()];
    for (_, node) in lock.root_inputs() {
        if let Some(group) = group_of[node] {
            locked_by_root[group] = true;
        }
    }
    let names = nested_input_names(lock, group_of, groups.len());
    let mut added: Vec<NewRootInput> = Vec::new();
    for (group, members) in groups.iter().enumerate() {
        if without[group] || locked_by_root[group] {
            continue;
        }
        // The commonest name; of equally common ones the first, as ids sort as names do.
        let Some(&(base, _)) = names[group]
            .iter()
            .max_by_key(|(name, count)| (*count, Reverse(*name)))
        else {
            continue;
        };
        let base = lock.name(base);
        let taken = |name: &str| {
            let root_inputs = lock.inputs(lock.root());
            root_inputs.iter().any(|(n, _)| lock.name(*n) == name)
                || added.iter().any(|new| new.name == name)
        };
        let mut name = base.to_string();
        let mut suffix = 1;
        while taken(&name) {
            suffix += 1;
            name = format!("{base}-{suffix}");
        }
        let last_modified = |node| nodes.node(node).locked.as_ref()?.last_modified();
        let Some(keeper) = members
            .iter()
            .copied()
            .max_by_key(|&node| (last_modified(node), Reverse(node)))
        else {
            continue;
        };
        added.push(NewRootInput {
            name,
            group,
            keeper,
        });
    }
    added
}

/// Per group: the names of the nested inputs that lock one of its copies, and how many do.
fn nested_input_names(
    lock: &Graph,
    group_of: &[Option<usize>],
    groups: usize,
) -> Vec<Vec<(NameId, usize)>> {
    let mut names: Vec<Vec<(NameId, usize)>> = vec![Vec::new(); groups];
    for node in (0..group_of.len()).filter(|node| *node != lock.root()) {
        for &(name, ref edge) in lock.inputs(node) {
            let Edge::Node(child) = *edge else { continue };
            let Some(group) = group_of[child] else {
                continue;
            };
            match names[group].iter_mut().find(|(n, _)| *n == name) {
                Some((_, count)) => *count += 1,
                None => names[group].push((name, 1)),
            }
        }
    }
    names
}

/// A nested input that locks a copy of a duplicated source.
struct Candidate {
    parent: NodeId,
    input: NameId,
    copy: NodeId,
    group: usize,
}

/// A candidate and the root input (and its node) it now follows.
struct Accepted {
    candidate: Candidate,
    target: NameId,
    target_node: NodeId,
}

struct Planner<'a> {
    nodes: &'a Nodes<'a>,
    group_of: &'a [Option<usize>],
    /// Copies a new root input locks: their nested inputs must follow it, as Nix would
    /// otherwise lock them apart from the new input.
    keepers: Vec<bool>,
    graph: Graph<'a>,
}

impl<'a> Planner<'a> {
    /// A planner on `lock`, the lock's graph, with the new root inputs added.
    fn new(
        lock: &Graph<'a>,
        nodes: &'a Nodes<'a>,
        group_of: &'a [Option<usize>],
        new_inputs: &'a [NewRootInput],
    ) -> Self {
        let mut graph = lock.clone();
        let mut keepers = vec![false; nodes.len()];
        for new in new_inputs {
            graph.add_root_input(&new.name, new.keeper);
            keepers[new.keeper] = true;
        }
        Planner {
            nodes,
            group_of,
            keepers,
            graph,
        }
    }

    /// The accepted lines, and which nodes the lock keeps once they are applied.
    fn run(mut self) -> (Vec<Planned>, Vec<bool>) {
        let mut accepted = Vec::new();
        // A lock in which a follows leads nowhere, which Nix refuses, gets no override.
        if let Some(mut resolution) = Resolution::of(&self.graph) {
            // Repeat until nothing changes: an override can break the path by which a target
            // reached a parent (a cycle that blocked an earlier candidate).
            loop {
                let before = accepted.len();
                for depth in 2.. {
                    let tree = self.graph.tree();
                    if tree.max_depth() + 1 < depth {
                        break;
                    }
                    self.override_level(&tree, depth, &mut resolution, &mut accepted);
                }
                if accepted.len() == before {
                    break;
                }
            }
        }
        let tree = self.graph.tree();
        let name = |id| self.graph.name(id).to_string();
        // A line whose parent was dropped by a shallower one says nothing; one whose parent
        // moved is written with the path that reaches it now.
        let suggestions = accepted
            .into_iter()
            .filter_map(|accepted| {
                let Accepted {
                    candidate,
                    target,
                    target_node,
                } = accepted;
                let mut path: Vec<String> =
                    tree.path(candidate.parent)?.into_iter().map(name).collect();
                path.push(name(candidate.input));
                Some(Planned {
                    path,
                    copy: candidate.copy,
                    target: name(target),
                    target_node,
                    group: candidate.group,
                })
            })
            .collect();
        let kept = (0..self.nodes.len())
            .map(|node| tree.depth(node).is_some())
            .collect();
        (suggestions, kept)
    }

    /// Overrides every copy whose input sits `depth` deep in `tree`, the graph's tree;
    /// `resolution` is the graph's.
    fn override_level(
        &mut self,
        tree: &Tree,
        depth: usize,
        resolution: &mut Resolution,
        accepted: &mut Vec<Accepted>,
    ) {
        let root_inputs = self.graph.root_inputs();
        let mut locked_by_root = vec![false; self.nodes.len()];
        for &(_, node) in &root_inputs {
            locked_by_root[node] = true;
        }
        let mut candidates = Vec::new();
        for parent in (0..self.nodes.len()).filter(|n| tree.depth(*n) == Some(depth - 1)) {
            for &(input, ref edge) in self.graph.inputs(parent) {
                let Edge::Node(copy) = *edge else { continue };
                let Some(group) = self.group_of[copy] else {
                    continue;
                };
                if locked_by_root[copy] && !self.keepers[copy] {
                    continue;
                }
                candidates.push(Candidate {
                    parent,
                    input,
                    copy,
                    group,
                });
            }
        }
        for candidate in candidates {
            let (parent, input) = (candidate.parent, candidate.input);
            // The best target the lock stays sound with, if any.
            for (target, target_node) in self.ranked_targets(&candidate, &root_inputs) {
                self.graph.set(parent, input, Edge::Follows(vec![target]));
                let change = resolution.check_override(
                    &self.graph,
                    (parent, input),
                    candidate.copy,
                    target_node,
                );
                if let Some(change) = change {
                    resolution.apply(change);
                    accepted.push(Accepted {
                        candidate,
                        target,
                        target_node,
                    });
                    break;
                }
                self.graph.set(parent, input, Edge::Node(candidate.copy));
            }
        }
    }

    /// The root inputs (and their nodes) a copy could follow, best first: as much a flake as
    /// the copy, at the same revision, then on the same branch, then with the same input name.
    fn ranked_targets(
        &self,
        candidate: &Candidate,
        root_inputs: &[(NameId, NodeId)],
    ) -> Vec<(NameId, NodeId)> {
        let copy = self.nodes.node(candidate.copy);
        let copy_revision = copy.locked.as_ref().map(revision);
        let branch = |n: &'a Node| n.original.as_ref().and_then(|o| o.git_ref());
        let ranked: Vec<_> = root_inputs
            .iter()
            .filter(|&&(name, node)| {
                self.group_of[node] == Some(candidate.group)
                    && !self.graph.name(name).contains('/')
                    && (node != candidate.copy || self.keepers[node])
            })
            .filter_map(|&(name, node)| {
                let target = Some(self.nodes.node(node)).filter(|n| n.flake == copy.flake)?;
                let same_revision = target.locked.as_ref().map(revision) == copy_revision;
                let rank = (
                    !same_revision,
                    branch(target) != branch(copy),
                    name != candidate.input,
                    name,
                );
                Some((rank, node))
            })
            .collect();
        sorted(ranked, |a, b| a.0.cmp(&b.0))
            .into_iter()
            .map(|((.., name), node)| (name, node))
            .collect()
    }
}
