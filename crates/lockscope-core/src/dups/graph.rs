//! The input graph of a lock with nodes and input names as numbers. The follows planner
//! tries hundreds of overrides on it, each checked by resolving follows paths as Nix would,
//! so a walk must cost no string comparison and no map lookup.

use crate::lock::{Input, LockFile, Node, Visiting};
use crate::order::sorted;

/// A node: its index among the lock's nodes, which are sorted by key.
pub(crate) type NodeId = usize;
/// An input name: its index among the graph's names, which are sorted, so ids compare as the
/// names do.
pub(crate) type NameId = usize;

/// The nodes of a lock in key order: a `NodeId` names one without a lookup. It is the
/// node's index in the lock (`LockFile::node_at`).
pub(crate) struct Nodes<'a> {
    lock: &'a LockFile,
    nodes: Vec<(&'a str, &'a Node)>,
    root: NodeId,
}

impl<'a> Nodes<'a> {
    pub fn of(lock: &'a LockFile) -> Nodes<'a> {
        let nodes: Vec<_> = lock.nodes().collect();
        Nodes {
            lock,
            nodes,
            root: lock.root_index(),
        }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn root(&self) -> NodeId {
        self.root
    }

    pub fn key(&self, id: NodeId) -> &'a str {
        self.nodes[id].0
    }

    pub fn node(&self, id: NodeId) -> &'a Node {
        self.nodes[id].1
    }
}

/// What an input is: a node, or a follows path of input names from the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Edge {
    Node(NodeId),
    Follows(Vec<NameId>),
}

#[derive(Debug, Clone)]
pub(crate) struct Graph<'a> {
    root: NodeId,
    /// Every input name, sorted: a `NameId` indexes them.
    names: Vec<&'a str>,
    /// Each node's inputs, sorted by name.
    inputs: Vec<Vec<(NameId, Edge)>>,
}

impl<'a> Graph<'a> {
    /// The graph of the lock as it is.
    pub fn new(nodes: &Nodes<'a>) -> Graph<'a> {
        let mut names: Vec<&str> = Vec::new();
        for (_, node) in &nodes.nodes {
            for (name, input) in &node.inputs {
                names.push(name);
                if let Input::Follows(path) = input {
                    names.extend(path.iter().map(String::as_str));
                }
            }
        }
        let mut names = sorted(names, |a, b| a.cmp(b));
        names.dedup();
        // Every name of the lock is in `names`: where it would go is where it is.
        let id = |name: &str| names.partition_point(|n| *n < name);
        let inputs = nodes
            .nodes
            .iter()
            .enumerate()
            .map(|(node_id, (_, node))| {
                // A parsed lock has every node its inputs lock, so no edge is left out.
                node.inputs
                    .iter()
                    .enumerate()
                    .filter_map(|(at, (name, input))| {
                        let edge = match input {
                            Input::Node(_) => Edge::Node(nodes.lock.child_at(node_id, at)?),
                            Input::Follows(path) => {
                                Edge::Follows(path.iter().map(|n| id(n)).collect())
                            }
                        };
                        Some((id(name), edge))
                    })
                    .collect()
            })
            .collect();
        Graph {
            root: nodes.root(),
            names,
            inputs,
        }
    }

    /// Gives the root an input it does not have yet.
    pub fn add_root_input(&mut self, name: &'a str, node: NodeId) {
        let name = self.intern(name);
        let inputs = &mut self.inputs[self.root];
        let at = inputs.partition_point(|(n, _)| *n < name);
        inputs.insert(at, (name, Edge::Node(node)));
    }

    /// The id of `name`, given one if the lock has no such name: the ids after it move up by
    /// one, so that ids keep comparing as names do.
    fn intern(&mut self, name: &'a str) -> NameId {
        let at = self.names.partition_point(|n| *n < name);
        if self.names.get(at) != Some(&name) {
            self.names.insert(at, name);
            let shift = |id: &mut NameId| *id += usize::from(*id >= at);
            for (name, edge) in self.inputs.iter_mut().flatten() {
                shift(name);
                if let Edge::Follows(path) = edge {
                    path.iter_mut().for_each(shift);
                }
            }
        }
        at
    }

    pub fn root(&self) -> NodeId {
        self.root
    }

    pub fn name(&self, id: NameId) -> &'a str {
        self.names[id]
    }

    pub fn inputs(&self, node: NodeId) -> &[(NameId, Edge)] {
        &self.inputs[node]
    }

    pub fn len(&self) -> usize {
        self.inputs.len()
    }

    pub fn input(&self, node: NodeId, name: NameId) -> Option<&Edge> {
        let at = self.slot(node, name)?;
        Some(&self.inputs[node][at].1)
    }

    fn slot(&self, node: NodeId, name: NameId) -> Option<usize> {
        self.inputs[node]
            .binary_search_by(|(n, _)| n.cmp(&name))
            .ok()
    }

    /// Points an input of a node elsewhere.
    pub fn set(&mut self, node: NodeId, name: NameId, edge: Edge) {
        if let Some(at) = self.slot(node, name) {
            self.inputs[node][at].1 = edge;
        }
    }

    /// The node an input path leads to, as `LockFile::resolve`; `None` when it leads nowhere
    /// or into a follows cycle.
    pub fn resolve(&self, path: &[NameId]) -> Option<NodeId> {
        self.resolve_noting(path, &mut Vec::new())
    }

    /// `resolve`, noting every input it looks up in `looked_up`: no other input can change
    /// where the path leads.
    pub fn resolve_noting(
        &self,
        path: &[NameId],
        looked_up: &mut Vec<(NodeId, NameId)>,
    ) -> Option<NodeId> {
        self.find(path, None, looked_up)
    }

    /// `visiting`: the follows paths being resolved, to stop at a cycle as Nix does.
    fn find(
        &self,
        path: &[NameId],
        visiting: Option<&Visiting<NameId>>,
        looked_up: &mut Vec<(NodeId, NameId)>,
    ) -> Option<NodeId> {
        if visiting.is_some_and(|v| v.contains(path)) {
            return None;
        }
        let visiting = Visiting {
            path,
            outer: visiting,
        };
        let mut pos = self.root;
        for &name in path {
            looked_up.push((pos, name));
            pos = match self.input(pos, name)? {
                Edge::Node(node) => *node,
                Edge::Follows(target) => self.find(target, Some(&visiting), looked_up)?,
            };
        }
        Some(pos)
    }

    /// The root's inputs that lead to a node, and the node, in name order.
    pub fn root_inputs(&self) -> Vec<(NameId, NodeId)> {
        self.inputs[self.root]
            .iter()
            .filter_map(|(name, _)| Some((*name, self.resolve(&[*name])?)))
            .collect()
    }

    /// Which nodes the root reaches through locked inputs, the root included.
    pub fn reachable(&self) -> Vec<bool> {
        let mut seen = vec![false; self.inputs.len()];
        seen[self.root] = true;
        let mut stack = vec![self.root];
        while let Some(node) = stack.pop() {
            for (_, edge) in &self.inputs[node] {
                if let Edge::Node(child) = *edge {
                    if !seen[child] {
                        seen[child] = true;
                        stack.push(child);
                    }
                }
            }
        }
        seen
    }

    /// The shortest path of locked inputs from the root to every node it reaches; ties go to
    /// the path that sorts first. These are the paths an override in flake.nix can name.
    pub fn tree(&self) -> Tree {
        let mut steps = vec![None; self.inputs.len()];
        steps[self.root] = Some(Step {
            depth: 0,
            parent: self.root,
            input: 0,
        });
        // Breadth first: `queue[next..]` is still to visit.
        let mut queue = vec![self.root];
        let mut next = 0;
        while let Some(&node) = queue.get(next) {
            next += 1;
            let depth = steps[node].map_or(1, |step| step.depth + 1);
            for (input, edge) in &self.inputs[node] {
                if let Edge::Node(child) = *edge {
                    if steps[child].is_none() {
                        steps[child] = Some(Step {
                            depth,
                            parent: node,
                            input: *input,
                        });
                        queue.push(child);
                    }
                }
            }
        }
        Tree(steps)
    }
}

/// The last step of a node's path in a `Tree`.
#[derive(Debug, Clone, Copy)]
struct Step {
    depth: usize,
    /// The node whose input leads here, and that input (the root's own step is its own).
    parent: NodeId,
    input: NameId,
}

/// The input path by which the root reaches each node: see `Graph::tree`.
pub(crate) struct Tree(Vec<Option<Step>>);

impl Tree {
    /// How many inputs deep the node is; `None` when the root does not reach it.
    pub fn depth(&self, node: NodeId) -> Option<usize> {
        self.0[node].map(|step| step.depth)
    }

    pub fn max_depth(&self) -> usize {
        self.0
            .iter()
            .flatten()
            .map(|step| step.depth)
            .max()
            .unwrap_or(0)
    }

    pub fn path(&self, mut node: NodeId) -> Option<Vec<NameId>> {
        let mut path = Vec::new();
        loop {
            let step = self.0[node]?;
            if step.depth == 0 {
                path.reverse();
                return Some(path);
            }
            path.push(step.input);
            node = step.parent;
        }
    }
}
