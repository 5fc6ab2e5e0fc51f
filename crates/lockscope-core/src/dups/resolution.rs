//! Where every follows input of a graph leads, what each node depends on and which nodes the
//! root reaches, kept up to date as the planner accepts overrides. An override changes one
//! input, so checking it re-walks only the follows whose resolution looked that input up (no
//! other can lead elsewhere) and only the nodes its former node reaches (no other can be lost).

use super::graph::{Edge, Graph, NameId, NodeId};

/// A follows input: its node and name, and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Follows {
    node: NodeId,
    name: NameId,
    /// `None`: nowhere, or into a follows cycle.
    target: Option<NodeId>,
    /// The inputs its resolution looked up.
    looked_up: Vec<(NodeId, NameId)>,
}

impl Follows {
    fn resolve(graph: &Graph, node: NodeId, name: NameId) -> Follows {
        // Room for a resolution through a few nested follows: grown step by step, the list
        // was reallocated twice per resolution on a big lock.
        let mut looked_up = Vec::with_capacity(16);
        let target = match graph.input(node, name) {
            Some(Edge::Follows(path)) => graph.resolve_noting(path, &mut looked_up),
            _ => None,
        };
        Follows {
            node,
            name,
            target,
            looked_up,
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Resolution {
    /// Every follows input of the graph, sorted by node and name.
    follows: Vec<Follows>,
    /// Which follows looked up each input.
    looked_up_by: LookedUpBy,
    /// For each node the root reaches, the nodes its inputs lead to, follows resolved. Inputs
    /// that lead back to the root (`follows = ""`) are left out: a flake may use itself.
    deps: Vec<Vec<NodeId>>,
    /// Which nodes the root reaches through locked inputs.
    reachable: Vec<bool>,
    /// Per node, ascending: the nodes with a locked input to it, once per such input.
    locked_by: Vec<Vec<NodeId>>,
}

/// What an override changes in a `Resolution`.
pub(crate) struct Change {
    /// The follows inputs that lead elsewhere now (or may), the overridden one included.
    follows: Vec<Follows>,
    /// Which nodes the root reaches through locked inputs.
    reachable: Vec<bool>,
    /// The nodes the root no longer reaches.
    lost: Vec<NodeId>,
    /// The node the overridden input locked, and the nodes that still lock it.
    unlocked: (NodeId, Vec<NodeId>),
    /// The new dependencies of the nodes that have those inputs, if the root reaches them.
    deps: Vec<(NodeId, Vec<NodeId>)>,
}

impl Change {
    fn deps(&self, node: NodeId) -> Option<&[NodeId]> {
        let (_, deps) = self.deps.iter().find(|(n, _)| *n == node)?;
        Some(deps)
    }
}

/// For each input but the root's, the follows inputs whose resolution looked it up. Every
/// resolution looks up root inputs, and the planner overrides none.
#[derive(Debug, PartialEq, Eq)]
struct LookedUpBy {
    root: NodeId,
    /// Per node, sorted: the name of the input looked up, and the follows (node and name).
    by: Vec<Vec<(NameId, NodeId, NameId)>>,
}

impl LookedUpBy {
    fn note(&mut self, follows: &Follows) {
        for (node, entry) in self.entries(follows) {
            let by = &mut self.by[node];
            if let Err(at) = by.binary_search(&entry) {
                by.insert(at, entry);
            }
        }
    }

    fn forget(&mut self, follows: &Follows) {
        // Each list is sorted and holds an entry once (see `note`).
        for (node, entry) in self.entries(follows) {
            let by = &mut self.by[node];
            if let Ok(at) = by.binary_search(&entry) {
                by.remove(at);
            }
        }
    }

    fn entries<'f>(
        &self,
        follows: &'f Follows,
    ) -> impl Iterator<Item = (NodeId, (NameId, NodeId, NameId))> + 'f {
        let root = self.root;
        follows
            .looked_up
            .iter()
            .filter(move |(node, _)| *node != root)
            .map(|&(node, name)| (node, (name, follows.node, follows.name)))
    }

    /// The follows inputs that looked up input `name` of `node`, which is not the root.
    fn follows(&self, node: NodeId, name: NameId) -> impl Iterator<Item = (NodeId, NameId)> + '_ {
        debug_assert_ne!(node, self.root, "root inputs are not overridden");
        // Sorted by the name looked up first: those of `name` are together.
        let by = &self.by[node];
        let start = by.partition_point(|(n, ..)| *n < name);
        by[start..]
            .iter()
            .take_while(move |(n, ..)| *n == name)
            .map(|&(_, node, name)| (node, name))
    }
}

impl Resolution {
    /// `None` when a follows of a node the root reaches leads nowhere, which Nix's
    /// `LockFile::check` refuses.
    pub fn of(graph: &Graph) -> Option<Resolution> {
        let mut follows = Vec::new();
        let mut locked_by = vec![Vec::new(); graph.len()];
        for node in 0..graph.len() {
            for &(name, ref edge) in graph.inputs(node) {
                match *edge {
                    Edge::Follows(_) => follows.push(Follows::resolve(graph, node, name)),
                    Edge::Node(child) => locked_by[child].push(node),
                }
            }
        }
        let mut resolution = Resolution {
            looked_up_by: LookedUpBy {
                root: graph.root(),
                by: vec![Vec::new(); graph.len()],
            },
            follows: Vec::new(),
            deps: vec![Vec::new(); graph.len()],
            reachable: graph.reachable(),
            locked_by,
        };
        for follows in &follows {
            resolution.looked_up_by.note(follows);
        }
        resolution.follows = follows;
        for node in (0..graph.len()).filter(|n| resolution.reachable[*n]) {
            resolution.deps[node] = resolution.dependencies(graph, node, &[])?;
        }
        Some(resolution)
    }

    /// Where the follows input `name` of `node` leads, as `changed` says, else as `self` does.
    fn target(&self, changed: &[Follows], node: NodeId, name: NameId) -> Option<NodeId> {
        if let Some(follows) = changed.iter().find(|f| (f.node, f.name) == (node, name)) {
            return follows.target;
        }
        let at = self.position(node, name).ok()?;
        self.follows[at].target
    }

    fn position(&self, node: NodeId, name: NameId) -> Result<usize, usize> {
        self.follows
            .binary_search_by(|f| (f.node, f.name).cmp(&(node, name)))
    }

    /// The nodes the inputs of `node` lead to, with the follows in `changed` changed;
    /// `None` when a follows leads nowhere.
    fn dependencies(
        &self,
        graph: &Graph,
        node: NodeId,
        changed: &[Follows],
    ) -> Option<Vec<NodeId>> {
        let mut deps = Vec::new();
        for &(name, ref edge) in graph.inputs(node) {
            let target = match edge {
                Edge::Node(target) => *target,
                Edge::Follows(_) => self.target(changed, node, name)?,
            };
            if target != graph.root() && !deps.contains(&target) {
                deps.push(target);
            }
        }
        Some(deps)
    }

    /// Checks an override already made in `graph`: `input` of `parent`, which locked `copy`,
    /// follows the root input that led to `target` now. The lock stays sound if every follows
    /// still leads somewhere, the root's own follows where the user pointed them, and no
    /// flake comes to depend on itself: not the parent through its target, nor any other
    /// flake through a follows that leads elsewhere now. `Some` change if it does.
    pub fn check_override(
        &self,
        graph: &Graph,
        (parent, input): (NodeId, NameId),
        copy: NodeId,
        target: NodeId,
    ) -> Option<Change> {
        // Only the follows whose resolution looked the input up can lead elsewhere now, and
        // the input itself is one.
        let mut follows: Vec<Follows> = self
            .looked_up_by
            .follows(parent, input)
            .map(|(node, name)| Follows::resolve(graph, node, name))
            .collect();
        follows.push(Follows::resolve(graph, parent, input));
        let root = graph.root();
        if follows
            .iter()
            .any(|f| f.node == root && f.target != self.target(&[], root, f.name))
        {
            return None;
        }
        let (reachable, lost, unlocked) = self.reachable_without(graph, parent, copy);
        // Only the nodes with those follows depend on other nodes now, if the root still
        // reaches them.
        let mut deps: Vec<(NodeId, Vec<NodeId>)> = Vec::new();
        for node in follows.iter().map(|f| f.node) {
            if reachable[node] && !deps.iter().any(|(n, _)| *n == node) {
                deps.push((node, self.dependencies(graph, node, &follows)?));
            }
        }
        let change = Change {
            follows,
            reachable,
            lost,
            unlocked,
            deps,
        };
        let adds_cycle = self.reaches(&change, target, parent)
            || change.deps.iter().any(|(node, after)| {
                let before = &self.deps[*node];
                after
                    .iter()
                    .any(|next| !before.contains(next) && self.reaches(&change, *next, *node))
            });
        (!adds_cycle).then_some(change)
    }

    /// Which nodes the root reaches once `parent` no longer locks `copy`, which nodes it no
    /// longer reaches, and which nodes still lock `copy`. Only nodes that `copy` reaches can
    /// be lost, and of those the ones a node the root still reaches locks are kept.
    fn reachable_without(
        &self,
        graph: &Graph,
        parent: NodeId,
        copy: NodeId,
    ) -> (Vec<bool>, Vec<NodeId>, (NodeId, Vec<NodeId>)) {
        let mut locked_by = self.locked_by[copy].clone();
        if let Some(at) = locked_by.iter().position(|n| *n == parent) {
            locked_by.remove(at);
        }
        let mut reachable = self.reachable.clone();
        if !reachable[parent] {
            return (reachable, Vec::new(), (copy, locked_by));
        }
        // Every node `copy` reaches, none of them reached for now.
        let mut lost = vec![copy];
        reachable[copy] = false;
        let mut next = 0;
        while let Some(&node) = lost.get(next) {
            next += 1;
            for (_, edge) in graph.inputs(node) {
                if let Edge::Node(child) = *edge {
                    if reachable[child] {
                        reachable[child] = false;
                        lost.push(child);
                    }
                }
            }
        }
        // Those a node outside them locks are reached still, and what they lock.
        let mut kept: Vec<NodeId> = lost
            .iter()
            .copied()
            .filter(|&node| {
                let by = match node == copy {
                    true => &locked_by,
                    false => &self.locked_by[node],
                };
                by.iter().any(|n| reachable[*n])
            })
            .collect();
        kept.iter().for_each(|node| reachable[*node] = true);
        while let Some(node) = kept.pop() {
            for (_, edge) in graph.inputs(node) {
                if let Edge::Node(child) = *edge {
                    if !reachable[child] {
                        reachable[child] = true;
                        kept.push(child);
                    }
                }
            }
        }
        lost.retain(|node| !reachable[*node]);
        (reachable, lost, (copy, locked_by))
    }

    /// Whether `to` is `from` or one of its dependencies, direct or not, once `change` is made.
    fn reaches(&self, change: &Change, from: NodeId, to: NodeId) -> bool {
        let mut seen = vec![false; self.deps.len()];
        seen[from] = true;
        let mut stack = vec![from];
        while let Some(node) = stack.pop() {
            if node == to {
                return true;
            }
            let deps = match change.reachable[node] {
                true => change.deps(node).unwrap_or(&self.deps[node]),
                false => &[],
            };
            for &next in deps {
                if !seen[next] {
                    seen[next] = true;
                    stack.push(next);
                }
            }
        }
        false
    }

    /// Makes a change that `check_override` found for the graph as it is.
    pub fn apply(&mut self, change: Change) {
        for follows in change.follows {
            match self.position(follows.node, follows.name) {
                Ok(at) => {
                    self.looked_up_by.forget(&self.follows[at]);
                    self.looked_up_by.note(&follows);
                    self.follows[at] = follows;
                }
                Err(at) => {
                    self.looked_up_by.note(&follows);
                    self.follows.insert(at, follows);
                }
            }
        }
        self.reachable = change.reachable;
        for node in change.lost {
            self.deps[node].clear();
        }
        for (node, deps) in change.deps {
            self.deps[node] = deps;
        }
        let (copy, locked_by) = change.unlocked;
        self.locked_by[copy] = locked_by;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dups::graph::Nodes;
    use crate::lock::LockFile;

    /// A lock of `nodes`: key and inputs (as JSON), each node but the root a GitHub flake.
    fn lock(nodes: &[(&str, &str)]) -> LockFile {
        let nodes: Vec<String> = nodes
            .iter()
            .map(|(key, inputs)| {
                let source = format!(r#"{{"type": "github", "owner": "o", "repo": "{key}"}}"#);
                let refs = match *key {
                    "root" => String::new(),
                    _ => format!(r#", "locked": {source}, "original": {source}"#),
                };
                format!(r#""{key}": {{"inputs": {{{inputs}}}{refs}}}"#)
            })
            .collect();
        let nodes = nodes.join(", ");
        let text = format!(r#"{{"version": 7, "root": "root", "nodes": {{{nodes}}}}}"#);
        LockFile::parse(&text).expect("a valid lock")
    }

    /// Whether the planner may point input `input` of `parent` at the root input `target`.
    /// An accepted change must leave the resolution a fresh one of the graph would be.
    fn may_follow(lock: &LockFile, parent: &str, input: &str, target: &str) -> bool {
        let nodes = Nodes::of(lock);
        let mut graph = Graph::new(&nodes);
        let mut resolution = Resolution::of(&graph).expect("every follows leads somewhere");
        let name = |n: &str| (0..).find(|id| graph.name(*id) == n).unwrap();
        let parent = (0..nodes.len())
            .find(|id| nodes.key(*id) == parent)
            .unwrap();
        let (input, target) = (name(input), name(target));
        let target_node = graph.resolve(&[target]).unwrap();
        let Some(&Edge::Node(copy)) = graph.input(parent, input) else {
            panic!("the input locks a node");
        };
        graph.set(parent, input, Edge::Follows(vec![target]));
        let change = resolution.check_override(&graph, (parent, input), copy, target_node);
        let Some(change) = change else {
            return false;
        };
        resolution.apply(change);
        assert_eq!(Some(resolution), Resolution::of(&graph));
        true
    }

    #[test]
    fn an_override_that_follows_through_it_still_lead_somewhere_is_taken() {
        let lock = lock(&[
            ("root", r#""nixpkgs": "nixpkgs", "a": "a", "d": "d""#),
            ("a", r#""nixpkgs": "nixpkgs_2""#),
            ("d", r#""nixpkgs": ["a", "nixpkgs"]"#),
            ("nixpkgs", ""),
            ("nixpkgs_2", ""),
        ]);
        assert!(may_follow(&lock, "a", "nixpkgs", "nixpkgs"));
    }

    #[test]
    fn the_follows_of_a_dropped_copy_do_not_matter() {
        let lock = lock(&[
            ("root", r#""a": "a", "b": "b""#),
            ("a", r#""b": "b_2""#),
            ("b", ""),
            // Once a's b follows the root's, nothing reaches b_2, whose r would lead nowhere.
            ("b_2", r#""q": "q", "r": ["a", "b", "q"]"#),
            ("q", ""),
        ]);
        assert!(may_follow(&lock, "a", "b", "b"));
    }

    #[test]
    fn a_copy_another_flake_still_locks_stays_with_what_it_locks() {
        let lock = lock(&[
            ("root", r#""a": "a", "b": "b", "c": "c""#),
            ("a", r#""b": "b_2""#),
            ("b", ""),
            // c still locks b_2, and through it q, once a's b follows the root's.
            ("b_2", r#""q": "q""#),
            ("c", r#""b": "b_2""#),
            ("q", ""),
        ]);
        assert!(may_follow(&lock, "a", "b", "b"));
    }

    #[test]
    fn follows_through_the_input_must_still_lead_somewhere() {
        let lock = lock(&[
            ("root", r#""a": "a", "b": "b", "d": "d""#),
            // a's b has an input c that d follows; the root's b has none.
            ("a", r#""b": "b_2""#),
            ("b", ""),
            ("b_2", r#""c": "c""#),
            ("c", ""),
            ("d", r#""c": ["a", "b", "c"]"#),
        ]);
        assert!(!may_follow(&lock, "a", "b", "b"));
    }

    #[test]
    fn the_roots_follows_must_stay_where_they_lead() {
        let lock = lock(&[
            ("root", r#""a": "a", "b": "b", "n": ["a", "b"]"#),
            ("a", r#""b": "b_2""#),
            ("b", ""),
            ("b_2", ""),
        ]);
        assert!(!may_follow(&lock, "a", "b", "b"));
    }

    #[test]
    fn no_flake_may_come_to_depend_on_itself() {
        // The parent through its target: y follows x, so x may not follow the root's y.
        let lock_1 = lock(&[
            ("root", r#""x": "x", "y": "y""#),
            ("x", r#""y": "y_2""#),
            ("y", r#""x": ["x"]"#),
            ("y_2", ""),
        ]);
        assert!(!may_follow(&lock_1, "x", "y", "y"));
        // Even when the parent depended on the target before (through w).
        let lock_3 = lock(&[
            ("root", r#""x": "x", "y": "y""#),
            ("x", r#""w": "y", "y": "y_2""#),
            ("y", r#""x": ["x"]"#),
            ("y_2", ""),
        ]);
        assert!(!may_follow(&lock_3, "x", "y", "y"));
        // Another flake through a follows that leads elsewhere: b's z would be b itself.
        let lock_2 = lock(&[
            ("root", r#""a": "a", "b": "b""#),
            ("a", r#""b": "b_2""#),
            ("b", r#""z": ["a", "b"]"#),
            ("b_2", ""),
        ]);
        assert!(!may_follow(&lock_2, "a", "b", "b"));
    }
}
