//! Which follows lines to suggest: each nested copy of a duplicated source is pointed at the
//! root input that locks the same source, shallowest first, on a model of the lock where
//! every accepted line is applied as Nix would apply it.

use std::collections::{BTreeMap, BTreeSet};

use super::graph::{Edge, Graph};
use super::revision;
use crate::lock::{Input, LockFile, Node};

/// A follows override the plan accepted.
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    pub path: Vec<String>,
    /// The node whose input is overridden, and the node that input locked.
    pub parent: String,
    pub copy: String,
    pub target: String,
    pub target_node: String,
    pub group: usize,
}

/// A root input to add because no root input locks a duplicated source.
#[derive(Debug, Clone)]
pub(crate) struct NewRootInput {
    pub name: String,
    pub group: usize,
    /// The copy the new input is assumed to lock (its newest revision).
    pub keeper: String,
}

pub(crate) struct Plan {
    pub suggestions: Vec<Planned>,
    pub new_inputs: Vec<NewRootInput>,
    /// The nodes the lock has once every suggestion is applied, the root included.
    pub nodes_after: BTreeSet<String>,
}

/// `groups`: the node keys of each duplicated source.
pub(crate) fn plan(lock: &LockFile, groups: &[Vec<String>]) -> Plan {
    let mut without_new_input = BTreeSet::new();
    loop {
        let plan = Planner::new(lock, groups).run(&without_new_input);
        // A new root input is only worth adding if some other copy follows it.
        let useless: Vec<usize> = plan
            .new_inputs
            .iter()
            .filter(|new| {
                !plan
                    .suggestions
                    .iter()
                    .any(|s| s.target == new.name && s.copy != new.keeper)
            })
            .map(|new| new.group)
            .collect();
        if useless.is_empty() {
            return plan;
        }
        without_new_input.extend(useless);
    }
}

struct Planner<'a> {
    lock: &'a LockFile,
    groups: &'a [Vec<String>],
    group_of: BTreeMap<&'a str, usize>,
    /// Node key -> the names of the nested inputs that lock it.
    incoming: BTreeMap<&'a str, Vec<&'a str>>,
    /// Copies a new root input locks: their nested inputs must follow it, as Nix would
    /// otherwise lock them apart from the new input.
    keepers: BTreeSet<String>,
    graph: Graph,
}

impl<'a> Planner<'a> {
    fn new(lock: &'a LockFile, groups: &'a [Vec<String>]) -> Self {
        let group_of = groups
            .iter()
            .enumerate()
            .flat_map(|(i, keys)| keys.iter().map(move |k| (k.as_str(), i)))
            .collect();
        let mut incoming: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (_, node) in lock.nodes().filter(|(k, _)| *k != lock.root_key()) {
            for (name, input) in &node.inputs {
                if let Input::Node(child) = input {
                    incoming.entry(child).or_default().push(name);
                }
            }
        }
        Planner {
            lock,
            groups,
            group_of,
            incoming,
            keepers: BTreeSet::new(),
            graph: Graph::new(lock),
        }
    }

    fn run(mut self, without_new_input: &BTreeSet<usize>) -> Plan {
        let new_inputs = self.add_root_inputs(without_new_input);
        let mut accepted = Vec::new();
        // Repeat until nothing changes: an override can break the path by which a target
        // reached a parent (a cycle that blocked an earlier candidate).
        loop {
            let before = accepted.len();
            let mut depth = 2;
            while self
                .graph
                .tree_paths()
                .values()
                .any(|p| p.len() + 1 >= depth)
            {
                accepted.extend(self.override_level(depth));
                depth += 1;
            }
            if accepted.len() == before {
                break;
            }
        }
        let tree = self.graph.tree_paths();
        // A line whose parent was dropped by a shallower one says nothing; one whose parent
        // moved is written with the path that reaches it now.
        let suggestions = accepted
            .into_iter()
            .filter_map(|mut s: Planned| {
                let input = s.path.last()?.clone();
                s.path = tree.get(s.parent.as_str())?.clone();
                s.path.push(input);
                Some(s)
            })
            .collect();
        Plan {
            suggestions,
            new_inputs,
            nodes_after: tree.into_keys().map(str::to_string).collect(),
        }
    }

    /// For each duplicated source no root input locks, a root input that locks its newest
    /// copy, named as most of its copies' inputs are.
    fn add_root_inputs(&mut self, without: &BTreeSet<usize>) -> Vec<NewRootInput> {
        let locked_by_root: BTreeSet<usize> = self
            .root_resolved()
            .keys()
            .filter_map(|key| self.group_of.get(key).copied())
            .collect();
        let mut added = Vec::new();
        for (group, keys) in self.groups.iter().enumerate() {
            if without.contains(&group) || locked_by_root.contains(&group) {
                continue;
            }
            let mut names: BTreeMap<&str, usize> = BTreeMap::new();
            for name in keys
                .iter()
                .flat_map(|k| self.incoming.get(k.as_str()))
                .flatten()
            {
                *names.entry(name).or_default() += 1;
            }
            let Some(base) = names
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(name, _)| name.to_string())
            else {
                continue;
            };
            let taken = |name: &str| self.graph.inputs(self.graph.root()).any(|(n, _)| n == name);
            let name = std::iter::once(base.clone())
                .chain((2..).map(|i| format!("{base}-{i}")))
                .find(|n| !taken(n))
                .unwrap_or(base);
            let Some(keeper) = keys
                .iter()
                .max_by_key(|k| (self.last_modified(k), std::cmp::Reverse(k.as_str())))
            else {
                continue;
            };
            let root = self.graph.root().to_string();
            self.graph.set(&root, &name, Edge::Node(keeper.clone()));
            self.keepers.insert(keeper.clone());
            added.push(NewRootInput {
                name,
                group,
                keeper: keeper.clone(),
            });
        }
        added
    }

    /// Node key -> the root inputs that resolve to it.
    fn root_resolved(&self) -> BTreeMap<&str, Vec<&str>> {
        let mut resolved: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (name, _) in self.graph.inputs(self.graph.root()) {
            if let Some(key) = self.graph.resolve(&[name.to_string()]) {
                resolved.entry(key).or_default().push(name);
            }
        }
        resolved
    }

    /// Overrides every copy whose input sits `depth` deep; returns the accepted lines.
    fn override_level(&mut self, depth: usize) -> Vec<Planned> {
        let tree = self.graph.tree_paths();
        let resolved = self.root_resolved();
        let root_follows = self.graph.root_follows();
        let Some(mut deps) = self.graph.dependencies() else {
            return Vec::new();
        };
        let mut candidates = Vec::new();
        for (parent, prefix) in tree.iter().filter(|(_, p)| p.len() + 1 == depth) {
            for (input, edge) in self.graph.inputs(parent) {
                let Edge::Node(copy) = edge else { continue };
                let Some(&group) = self.group_of.get(copy.as_str()) else {
                    continue;
                };
                if resolved.contains_key(copy.as_str()) && !self.keepers.contains(copy) {
                    continue;
                }
                let mut path = prefix.clone();
                path.push(input.to_string());
                candidates.push((path, parent.to_string(), copy.clone(), group));
            }
        }
        // Group -> (root input, node) pairs the group's copies may follow.
        let mut targets: BTreeMap<usize, Vec<(String, String)>> = BTreeMap::new();
        for (key, names) in &resolved {
            if let Some(&group) = self.group_of.get(key) {
                let pairs = names.iter().map(|n| (n.to_string(), key.to_string()));
                targets.entry(group).or_default().extend(pairs);
            }
        }
        let mut accepted = Vec::new();
        for (path, parent, copy, group) in candidates {
            let input = path.last().cloned().unwrap_or_default();
            for (target, target_node) in self.ranked_targets(&path, &copy, targets.get(&group)) {
                self.graph
                    .set(&parent, &input, Edge::Follows(vec![target.clone()]));
                // Follows paths that walked through the copy must still lead somewhere, the
                // root's own follows where the user pointed them, and no flake may come to
                // depend on itself: not the parent through its target, nor any other flake
                // through a follows that now leads elsewhere.
                let after = self.graph.dependencies();
                let sound = after.as_ref().is_some_and(|after| {
                    !after.reaches(&target_node, &parent) && !after.adds_cycle_to(&deps)
                }) && self.graph.root_follows() == root_follows;
                if let (true, Some(after)) = (sound, after) {
                    deps = after;
                    accepted.push(Planned {
                        path,
                        parent,
                        copy,
                        target,
                        target_node,
                        group,
                    });
                    break;
                }
                self.graph.set(&parent, &input, Edge::Node(copy.clone()));
            }
        }
        accepted
    }

    /// The root inputs a copy could follow, best first: as much a flake as the copy, at the
    /// same revision, then on the same branch, then with the same input name.
    fn ranked_targets(
        &self,
        path: &[String],
        copy: &str,
        targets: Option<&Vec<(String, String)>>,
    ) -> Vec<(String, String)> {
        let (Some(copy_node), Some(input), Some(targets)) =
            (self.lock.node(copy), path.last(), targets)
        else {
            return Vec::new();
        };
        let branch = |n: &Node| {
            n.original
                .as_ref()
                .and_then(|o| o.git_ref().map(str::to_string))
        };
        let mut ranked: Vec<_> = targets
            .iter()
            .filter(|(name, key)| {
                !name.contains('/') && (key != copy || self.keepers.contains(copy))
            })
            .filter_map(|(name, key)| {
                let node = self.lock.node(key).filter(|n| n.flake == copy_node.flake)?;
                let same_rev =
                    node.locked.as_ref().map(revision) == copy_node.locked.as_ref().map(revision);
                let rank = (
                    !same_rev,
                    branch(node) != branch(copy_node),
                    name != input,
                    name.clone(),
                );
                Some((rank, (name.clone(), key.clone())))
            })
            .collect();
        ranked.sort();
        ranked.into_iter().map(|(_, target)| target).collect()
    }

    fn last_modified(&self, key: &str) -> Option<u64> {
        self.lock.node(key)?.locked.as_ref()?.last_modified()
    }
}
