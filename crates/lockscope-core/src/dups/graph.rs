//! The input graph of a lock as plain keys, cheap to change: the follows planner tries
//! overrides on it the way Nix would apply them to the lock.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::lock::{Input, LockFile};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Edge {
    Node(String),
    Follows(Vec<String>),
}

#[derive(Debug, Clone)]
pub(crate) struct Graph {
    root: String,
    inputs: BTreeMap<String, BTreeMap<String, Edge>>,
}

impl Graph {
    pub fn new(lock: &LockFile) -> Graph {
        let inputs = lock
            .nodes()
            .map(|(key, node)| {
                let edges = node
                    .inputs
                    .iter()
                    .map(|(name, input)| {
                        let edge = match input {
                            Input::Node(k) => Edge::Node(k.clone()),
                            Input::Follows(p) => Edge::Follows(p.clone()),
                        };
                        (name.clone(), edge)
                    })
                    .collect();
                (key.to_string(), edges)
            })
            .collect();
        Graph {
            root: lock.root_key().to_string(),
            inputs,
        }
    }

    pub fn root(&self) -> &str {
        &self.root
    }

    pub fn inputs(&self, key: &str) -> impl Iterator<Item = (&str, &Edge)> {
        self.inputs
            .get(key)
            .into_iter()
            .flatten()
            .map(|(name, edge)| (name.as_str(), edge))
    }

    pub fn set(&mut self, key: &str, name: &str, edge: Edge) {
        self.inputs
            .entry(key.to_string())
            .or_default()
            .insert(name.to_string(), edge);
    }

    /// The node an input path leads to, as `LockFile::resolve`; `None` when it leads nowhere
    /// or into a follows cycle.
    pub fn resolve(&self, path: &[String]) -> Option<&str> {
        self.find(path, &mut Vec::new())
    }

    /// `visiting`: the follows paths being resolved, to stop at a cycle as Nix does.
    fn find<'s: 'p, 'p>(
        &'s self,
        path: &'p [String],
        visiting: &mut Vec<&'p [String]>,
    ) -> Option<&'s str> {
        if visiting.contains(&path) {
            return None;
        }
        visiting.push(path);
        let mut pos = self.root.as_str();
        for name in path {
            pos = match self.inputs.get(pos)?.get(name)? {
                Edge::Node(key) => key,
                Edge::Follows(target) => self.find(target, visiting)?,
            };
        }
        visiting.pop();
        Some(pos)
    }

    /// The nodes the root reaches through locked inputs, the root included.
    pub fn reachable(&self) -> BTreeSet<&str> {
        let mut seen = BTreeSet::from([self.root.as_str()]);
        let mut stack = vec![self.root.as_str()];
        while let Some(key) = stack.pop() {
            for (_, edge) in self.inputs(key) {
                if let Edge::Node(child) = edge {
                    if seen.insert(child) {
                        stack.push(child);
                    }
                }
            }
        }
        seen
    }

    /// Each node the root reaches -> the nodes its inputs lead to, follows resolved. Inputs
    /// that lead back to the root (`follows = ""`) are left out: a flake may use itself.
    /// `None` when a follows leads nowhere, which Nix's `LockFile::check` refuses.
    pub fn dependencies(&self) -> Option<Dependencies> {
        let mut deps = BTreeMap::new();
        for key in self.reachable() {
            let mut next = BTreeSet::new();
            for (_, edge) in self.inputs(key) {
                let target = match edge {
                    Edge::Node(k) => k.as_str(),
                    Edge::Follows(path) => self.resolve(path)?,
                };
                if target != self.root {
                    next.insert(target.to_string());
                }
            }
            deps.insert(key.to_string(), next);
        }
        Some(Dependencies(deps))
    }

    /// Where each follows of the root leads.
    pub fn root_follows(&self) -> BTreeMap<String, Option<String>> {
        self.inputs(&self.root)
            .filter_map(|(name, edge)| match edge {
                Edge::Follows(path) => {
                    Some((name.to_string(), self.resolve(path).map(str::to_string)))
                }
                Edge::Node(_) => None,
            })
            .collect()
    }

    /// The shortest path of `Node` inputs from the root to every node it reaches; ties go
    /// to the path that sorts first. These are the paths an override in flake.nix can name.
    pub fn tree_paths(&self) -> BTreeMap<&str, Vec<String>> {
        let mut paths = BTreeMap::from([(self.root.as_str(), Vec::new())]);
        let mut queue = VecDeque::from([self.root.as_str()]);
        while let Some(key) = queue.pop_front() {
            let prefix = paths[key].clone();
            for (name, edge) in self.inputs(key) {
                if let Edge::Node(child) = edge {
                    if !paths.contains_key(child.as_str()) {
                        let mut path = prefix.clone();
                        path.push(name.to_string());
                        paths.insert(child, path);
                        queue.push_back(child);
                    }
                }
            }
        }
        paths
    }
}

/// Which nodes each node depends on directly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dependencies(BTreeMap<String, BTreeSet<String>>);

impl Dependencies {
    /// Whether `self` has a dependency cycle that `before` did not have: some dependency
    /// that is new here leads back to the node that has it.
    pub fn adds_cycle_to(&self, before: &Dependencies) -> bool {
        self.0.iter().any(|(key, next)| {
            let old = before.0.get(key);
            next.iter()
                .filter(|n| !old.is_some_and(|o| o.contains(*n)))
                .any(|n| self.reaches(n, key))
        })
    }

    /// Whether `to` is `from` or one of its dependencies, direct or not.
    pub fn reaches(&self, from: &str, to: &str) -> bool {
        let mut seen = BTreeSet::from([from]);
        let mut stack = vec![from];
        while let Some(key) = stack.pop() {
            if key == to {
                return true;
            }
            for next in self.0.get(key).into_iter().flatten() {
                if seen.insert(next) {
                    stack.push(next);
                }
            }
        }
        false
    }
}
