//! The lock as a graph: its nodes as vertices, each input as an edge (a `follows` input to the
//! node it resolves to), every node reachable from the root once. Or one vertex per source,
//! with how many nodes lock it: the shape of a big lock at a glance. And what lies on the
//! paths from the root to one vertex, or around it: what brings it and what it brings.

mod layout;

use serde::Serialize;

pub use layout::{crossings, layout, Layout};

use crate::dups::source::{SourceId, SourceNamer};
use crate::lock::{Input, LockFile};
use crate::sorted_map::SortedMap;

/// Vertices and edges; vertex 0 is the root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Graph {
    /// The vertices, the root first, then in the order a walk from the root meets them.
    pub vertices: Vec<Vertex>,
    /// The edges, by their `from` vertex and then input name.
    pub edges: Vec<Edge>,
}

/// A node of the lock, or (by source) every node that locks one source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vertex {
    /// The node's key; by source, the key of its first node.
    pub key: String,
    /// Where it comes from, as `lockscope show` names sources (`github:NixOS/nixpkgs`); the
    /// root is `this flake`.
    pub source: String,
    /// The nodes it stands for: 1, or by source, the copies of that source.
    pub nodes: Vec<String>,
}

/// An input: `from` has an input `input` that is `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// The vertex whose input it is.
    pub from: usize,
    /// The vertex it leads to.
    pub to: usize,
    /// The input's name.
    pub input: String,
    /// Declared with `follows` rather than locked as a node of its own.
    pub follows: bool,
}

/// The graph of a lock's nodes.
pub fn of_lock(lock: &LockFile) -> Graph {
    // A walk from the root, in input-name order: the order people read the tree in.
    let mut order: Vec<&str> = vec![lock.root_key()];
    let mut index: SortedMap<&str, usize> = [(lock.root_key(), 0)].into_iter().collect();
    let mut edges = Vec::new();
    let mut at = 0;
    while let Some(&key) = order.get(at) {
        let node = lock.node(key).expect("keys come from the lock");
        for (name, input) in node.inputs.iter() {
            let (target, follows) = match input {
                Input::Node(target) => (Some(target.as_str()), false),
                // A path that leads nowhere or round in a cycle has no edge to draw.
                Input::Follows(path) => (lock.resolve(path).ok().flatten(), true),
            };
            let Some(target) = target else { continue };
            let to = *index.get_or_insert_with(target, || {
                order.push(target);
                order.len() - 1
            });
            edges.push(Edge {
                from: at,
                to,
                input: name.clone(),
                follows,
            });
        }
        at += 1;
    }
    Graph {
        vertices: order
            .iter()
            .map(|key| Vertex {
                key: key.to_string(),
                source: source_of(lock, key),
                nodes: vec![key.to_string()],
            })
            .collect(),
        edges,
    }
}

impl Graph {
    /// Per vertex: whether a path leads from it to `to` (`to` itself included). Every vertex
    /// is reached from the root, so these are the vertices on the paths from the root to
    /// `to`, and an edge between two of them is on one.
    pub fn reaching(&self, to: usize) -> Vec<bool> {
        let edges = self.edges.iter().map(|edge| (edge.from, edge.to));
        reaching(self.vertices.len(), edges, to)
    }

    /// Per vertex: whether a path leads to it from `from` (`from` itself included).
    pub fn reached_from(&self, from: usize) -> Vec<bool> {
        let backwards = self.edges.iter().map(|edge| (edge.to, edge.from));
        reaching(self.vertices.len(), backwards, from)
    }

    /// The graph around vertex `at`: the paths from the root to it (what brings it) and all
    /// it leads to (what it brings), with the edges on them, in the order of this graph.
    pub fn around(&self, at: usize) -> Graph {
        let (brings_it, it_brings) = (self.reaching(at), self.reached_from(at));
        let mut index = vec![usize::MAX; self.vertices.len()];
        let mut vertices = Vec::new();
        for (v, vertex) in self.vertices.iter().enumerate() {
            if brings_it[v] || it_brings[v] {
                index[v] = vertices.len();
                vertices.push(vertex.clone());
            }
        }
        let on_path = |e: &Edge| {
            (brings_it[e.from] && brings_it[e.to]) || (it_brings[e.from] && it_brings[e.to])
        };
        let edges = (self.edges.iter().filter(|e| on_path(e)))
            .map(|e| Edge {
                from: index[e.from],
                to: index[e.to],
                ..e.clone()
            })
            .collect();
        Graph { vertices, edges }
    }
}

/// Per vertex of a graph of `vertices` vertices and these edges (from, to): whether a path
/// leads from it to `to` (`to` itself included).
fn reaching(
    vertices: usize,
    edges: impl IntoIterator<Item = (usize, usize)>,
    to: usize,
) -> Vec<bool> {
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); vertices];
    for (from, end) in edges {
        if end < vertices {
            into[end].push(from);
        }
    }
    let mut seen = vec![false; vertices];
    let mut stack = vec![to];
    while let Some(v) = stack.pop() {
        if v < vertices && !seen[v] {
            seen[v] = true;
            stack.extend(&into[v]);
        }
    }
    seen
}

/// Which vertex of the graph by source a node belongs to.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Source(SourceId),
    /// The root and local paths stand alone.
    Node(String),
}

/// The graph with one vertex per source: nodes that lock the same repository or URL (any
/// revision) are one vertex, and the edges between two vertices are one edge per input name.
pub fn by_source(lock: &LockFile) -> Graph {
    let nodes = of_lock(lock);
    let namer = SourceNamer::new(lock);
    let mut groups: SortedMap<Group, usize> = SortedMap::new();
    let mut vertices: Vec<Vertex> = Vec::new();
    let mut group_of = Vec::with_capacity(nodes.vertices.len());
    for vertex in nodes.vertices {
        let node = lock.node(&vertex.key).expect("keys come from the lock");
        let group = match namer.id(node) {
            Some(id) => Group::Source(id),
            None => Group::Node(vertex.key.clone()),
        };
        let at = *groups.get_or_insert_with(group, || vertices.len());
        if at == vertices.len() {
            vertices.push(vertex);
        } else {
            vertices[at].nodes.push(vertex.key);
        }
        group_of.push(at);
    }
    let mut seen: SortedMap<(usize, usize, bool, String), ()> = SortedMap::new();
    let mut edges = Vec::new();
    for edge in nodes.edges {
        let (from, to) = (group_of[edge.from], group_of[edge.to]);
        let new = seen
            .insert((from, to, edge.follows, edge.input.clone()), ())
            .is_none();
        if from != to && new {
            edges.push(Edge { from, to, ..edge });
        }
    }
    Graph { vertices, edges }
}

fn source_of(lock: &LockFile, key: &str) -> String {
    match lock.node(key).and_then(|n| n.locked.as_ref()) {
        Some(locked) => locked.source(),
        None => "this flake".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"{"version": 7, "root": "root", "nodes": {
      "root": {"inputs": {"nixpkgs": "nixpkgs", "hm": "hm", "utils": "utils"}},
      "nixpkgs": {"locked": {"type": "github", "owner": "NixOS", "repo": "nixpkgs", "rev": "a", "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
                  "original": {"type": "github", "owner": "NixOS", "repo": "nixpkgs"}},
      "hm": {"inputs": {"nixpkgs": ["nixpkgs"], "utils": "utils_2"},
             "locked": {"type": "github", "owner": "nix-community", "repo": "home-manager", "rev": "b", "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
             "original": {"type": "github", "owner": "nix-community", "repo": "home-manager"}},
      "utils": {"locked": {"type": "github", "owner": "numtide", "repo": "flake-utils", "rev": "c", "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
                "original": {"type": "github", "owner": "numtide", "repo": "flake-utils"}},
      "utils_2": {"locked": {"type": "github", "owner": "numtide", "repo": "flake-utils", "rev": "d", "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
                  "original": {"type": "github", "owner": "numtide", "repo": "flake-utils"}}
    }}"#;

    #[test]
    fn every_node_once_every_input_an_edge() {
        let graph = of_lock(&LockFile::parse(LOCK).unwrap());
        let keys: Vec<&str> = graph.vertices.iter().map(|v| v.key.as_str()).collect();
        assert_eq!(keys, ["root", "hm", "nixpkgs", "utils", "utils_2"]);
        assert_eq!(graph.vertices[0].source, "this flake");
        assert_eq!(
            graph.vertices[1].source,
            "github:nix-community/home-manager"
        );
        let edges: Vec<(&str, &str, &str, bool)> = graph
            .edges
            .iter()
            .map(|e| (keys[e.from], e.input.as_str(), keys[e.to], e.follows))
            .collect();
        assert_eq!(
            edges,
            [
                ("root", "hm", "hm", false),
                ("root", "nixpkgs", "nixpkgs", false),
                ("root", "utils", "utils", false),
                ("hm", "nixpkgs", "nixpkgs", true),
                ("hm", "utils", "utils_2", false),
            ]
        );
    }

    #[test]
    fn copies_of_a_source_are_one_vertex() {
        let graph = by_source(&LockFile::parse(LOCK).unwrap());
        let utils = graph
            .vertices
            .iter()
            .position(|v| v.key == "utils")
            .unwrap();
        assert_eq!(graph.vertices[utils].nodes, ["utils", "utils_2"]);
        assert_eq!(graph.vertices.len(), 4);
        // root -utils-> and hm -utils-> both lead to the one flake-utils vertex.
        assert_eq!(graph.edges.iter().filter(|e| e.to == utils).count(), 2);
    }

    #[test]
    fn around_a_vertex_are_the_paths_to_it_and_what_it_brings() {
        let graph = of_lock(&LockFile::parse(LOCK).unwrap());
        // root, hm, nixpkgs, utils, utils_2: nixpkgs is brought by root and by hm (follows).
        assert_eq!(graph.reaching(2), [true, true, true, false, false]);
        assert_eq!(graph.reached_from(1), [false, true, true, false, true]);
        let around = graph.around(1);
        let keys: Vec<&str> = around.vertices.iter().map(|v| v.key.as_str()).collect();
        assert_eq!(keys, ["root", "hm", "nixpkgs", "utils_2"]);
        let edges: Vec<(usize, usize)> = around.edges.iter().map(|e| (e.from, e.to)).collect();
        assert_eq!(edges, [(0, 1), (1, 2), (1, 3)]);
    }
}
