//! The lock file model, read as Nix 2.34 reads it (`src/libflake/lockfile.cc`).

use serde::Serialize;

use crate::attrs::{Attr, Attrs};
use crate::error::LockError;
use crate::flakeref::{required_attrs, FlakeRef};
use crate::json::{self, Json, Number, Object};
use crate::order::sorted;
use crate::sorted_map::SortedMap;

/// Lock files larger than this are refused before parsing (the largest real ones are ~1 MB).
pub const MAX_LOCK_BYTES: usize = 32 * 1024 * 1024;

/// An input of a node: another node, or a `follows` path resolved from the root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Input {
    /// The key of the node in `nodes`.
    Node(String),
    /// A `follows` path: input names from the root (empty: the root itself).
    Follows(Vec<String>),
}

/// One entry of `nodes`: a locked input, or the root, the flake the lock belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    /// The node's own inputs, by name.
    pub inputs: SortedMap<String, Input>,
    /// The reference Nix fetched. `None` only for the root node.
    pub locked: Option<FlakeRef>,
    /// The reference as flake.nix asked for it. `None` only for the root node.
    pub original: Option<FlakeRef>,
    /// `false` for an input declared `flake = false`; `true` when the lock leaves it out, as
    /// in Nix.
    pub flake: bool,
    /// For relative `path` inputs: the input path of the flake they are relative to.
    pub parent: Option<Vec<String>>,
}

/// A parsed lock file. Only nodes reachable from the root are parsed, as in Nix; the keys of
/// the others are kept in `orphans`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockFile {
    version: u32,
    root: String,
    nodes: SortedMap<String, Node>,
    orphans: Vec<String>,
    /// The node keys as indices into `nodes`, worked out once: walks over the graph follow
    /// these instead of looking keys up (a binary search over every key, per step).
    links: Links,
}

/// One of [`LockFile::input_paths`]: an input path, its input, and the index of the node it
/// locks when it is a locked input.
pub(crate) struct InputPath<'a> {
    pub path: Vec<&'a str>,
    pub input: &'a Input,
    pub child: Option<usize>,
}

/// Where the locked inputs lead, by node index (`LockFile::node_at`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Links {
    root: usize,
    /// Per node, where its inputs start in `children`.
    starts: Vec<usize>,
    /// Every node's inputs in name order: the node a locked input names; `None` for a
    /// follows.
    children: Vec<Option<usize>>,
}

impl Links {
    fn of(nodes: &SortedMap<String, Node>, root: &str) -> Links {
        let mut starts = Vec::with_capacity(nodes.len());
        let mut children = Vec::new();
        for node in nodes.values() {
            starts.push(children.len());
            children.extend(node.inputs.values().map(|input| match input {
                Input::Node(key) => nodes.position(key.as_str()).ok(),
                Input::Follows(_) => None,
            }));
        }
        Links {
            root: nodes.position(root).unwrap_or_default(),
            starts,
            children,
        }
    }

    /// The node input number `at` of node `node` locks, if it is a locked input.
    fn child(&self, node: usize, at: usize) -> Option<usize> {
        *self.children.get(self.starts[node] + at)?
    }
}

impl LockFile {
    /// Reads a lock as Nix 2.34 does: versions 5 to 7 (a version 5 node's `info` merged into
    /// `locked`), the nodes reachable from the root, every `follows` path checked.
    pub fn parse(text: &str) -> Result<LockFile, LockError> {
        if text.len() > MAX_LOCK_BYTES {
            return Err(LockError::TooLarge {
                size: text.len(),
                limit: MAX_LOCK_BYTES,
            });
        }
        let json = json::parse(text).map_err(|e| LockError::Json {
            message: e.message.into(),
            line: e.line,
            column: e.column,
        })?;
        let mut top = object(json, || "the lock file".into())?;
        let version = match top.get("version") {
            None => 0,
            Some(Json::Number(n)) => n.as_i64().unwrap_or(0),
            Some(other) => return Err(wrong_type("'version'", "a number", other)),
        };
        if !(5..=7).contains(&version) {
            return Err(LockError::UnsupportedVersion(version));
        }
        let root = match top.remove("root") {
            None => return Err(LockError::Missing("'root'".into())),
            Some(Json::String(s)) => s,
            Some(other) => return Err(wrong_type("'root'", "a string", &other)),
        };
        let nodes_value = top
            .remove("nodes")
            .ok_or_else(|| LockError::Missing("'nodes'".into()))?;
        // Parsed nodes are taken out of `raw_nodes`; what is left at the end are orphans.
        let mut raw_nodes = object(nodes_value, || "'nodes'".into())?;
        let raw_root = raw_nodes
            .remove(&root)
            .ok_or_else(|| LockError::Missing(format!("the root node '{root}' in 'nodes'")))?;

        // The nodes in the order they are reached, sorted by key once all are.
        let mut parsed = vec![(root.clone(), parse_root(&root, raw_root)?)];
        // Depth first, as Nix does, but with our own stack: a lock may nest thousands deep.
        let mut pending = vec![0];
        while let Some(at) = pending.pop() {
            let (key, node) = &parsed[at];
            let key = key.clone();
            let children: Vec<(String, String)> = node
                .inputs
                .iter()
                .filter_map(|(name, input)| match input {
                    Input::Node(child) => Some((name.clone(), child.clone())),
                    Input::Follows(_) => None,
                })
                .collect();
            for (name, child) in children {
                if child == root {
                    return Err(LockError::CycleToRoot {
                        input: format!("{key}/{name}"),
                    });
                }
                let Some(raw) = raw_nodes.remove(&child) else {
                    // Taken out already: parsed. Never in the file: missing.
                    if raw_nodes.has_key(&child) {
                        continue;
                    }
                    return Err(LockError::MissingNode {
                        key: child,
                        input: format!("{key}/{name}"),
                    });
                };
                let node = parse_node(&child, raw, version)?;
                parsed.push((child, node));
                pending.push(parsed.len() - 1);
            }
        }
        let orphans = raw_nodes.into_members().map(|(key, _)| key).collect();
        let nodes = parsed.into_iter().collect();
        let lock = LockFile {
            version: version as u32,
            links: Links::of(&nodes, &root),
            root,
            nodes,
            orphans,
        };
        lock.check_follows()?;
        Ok(lock)
    }

    /// The lock's `version`: 5, 6 or 7.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The key `root` names (`"root"` in every lock Nix writes).
    pub fn root_key(&self) -> &str {
        &self.root
    }

    /// The root node: the flake the lock belongs to.
    pub fn root(&self) -> &Node {
        &self.nodes[&self.root]
    }

    /// The node under `key`; `None` for a key not in the file or reached by nothing.
    pub fn node(&self, key: &str) -> Option<&Node> {
        self.nodes.get(key)
    }

    pub(crate) fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// The key and node at `index`, in `0..node_count()`: a node's place among `nodes()`,
    /// an index into tables kept per node, which cost less than maps by key.
    pub(crate) fn node_at(&self, index: usize) -> (&str, &Node) {
        let (key, node) = self.nodes.get_index(index).expect("a node index");
        (key, node)
    }

    /// The index of the root node.
    pub(crate) fn root_index(&self) -> usize {
        self.links.root
    }

    /// The index of the node that input number `at` (in name order) of the node at `index`
    /// locks; `None` for a follows.
    pub(crate) fn child_at(&self, index: usize, at: usize) -> Option<usize> {
        self.links.child(index, at)
    }

    /// Every node reachable from the root, the root included, by key.
    pub fn nodes(&self) -> impl Iterator<Item = (&str, &Node)> {
        self.nodes.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Keys of the nodes in the file that nothing reaches (Nix ignores them).
    pub fn orphans(&self) -> &[String] {
        &self.orphans
    }

    /// The node an input path leads to, following `follows` (Nix's `LockFile::findInput`).
    /// `Ok(None)` when the path leads nowhere; an error on a follows cycle.
    pub fn resolve(&self, path: &[String]) -> Result<Option<&str>, LockError> {
        Ok(self.find(path, None)?.map(|index| self.node_at(index).0))
    }

    /// The index of the node an input path leads to, as `resolve`; `None` on a cycle too.
    pub(crate) fn resolve_index(&self, path: &[String]) -> Option<usize> {
        self.find(path, None).ok().flatten()
    }

    /// `visiting`: the follows paths being resolved, to report a cycle as Nix does. A chain
    /// on the stack, not a vector: the details and the checks resolve thousands of paths,
    /// and follows nest only a few deep.
    fn find(
        &self,
        path: &[String],
        visiting: Option<&Visiting<String>>,
    ) -> Result<Option<usize>, LockError> {
        if visiting.is_some_and(|v| v.contains(path)) {
            let mut cycle = vec![path.join("/")];
            let mut inner = visiting;
            while let Some(v) = inner {
                cycle.push(v.path.join("/"));
                if v.path == path {
                    break;
                }
                inner = v.outer;
            }
            cycle.reverse();
            return Err(LockError::FollowCycle(cycle.join(" -> ")));
        }
        let visiting = Visiting {
            path,
            outer: visiting,
        };
        let mut pos = self.links.root;
        for name in path {
            let inputs = &self.node_at(pos).1.inputs;
            let Ok(at) = inputs.position(name.as_str()) else {
                return Ok(None);
            };
            pos = match inputs.get_index(at) {
                Some((_, Input::Follows(target))) => match self.find(target, Some(&visiting))? {
                    Some(index) => index,
                    None => return Ok(None),
                },
                _ => match self.links.child(pos, at) {
                    Some(index) => index,
                    None => return Ok(None),
                },
            };
        }
        Ok(Some(pos))
    }

    /// Every input path, each node's subtree walked once, in Nix's order (`getAllInputs`):
    /// sorted by path, element by element.
    pub fn all_inputs(&self) -> SortedMap<Vec<String>, &Input> {
        let paths = self.input_paths().into_iter();
        paths.map(|p| (owned_path(&p.path), p.input)).collect()
    }

    /// [`all_inputs`](Self::all_inputs) in its order, each path of names borrowed from the
    /// lock: thousands of paths on a big lock, each name a string of its own otherwise.
    pub(crate) fn input_paths(&self) -> Vec<InputPath<'_>> {
        let mut done = vec![false; self.nodes.len()];
        let mut first_visit = |index: usize| {
            let inputs = self.node_at(index).1.inputs.iter().enumerate();
            (!std::mem::replace(&mut done[index], true)).then_some((index, inputs))
        };
        // Nix's recursion, with our own stack: the inputs still to walk of each node on the
        // way down. Each path comes out right before the paths below it, so in order.
        let mut stack = Vec::new();
        stack.extend(first_visit(self.links.root).map(|inputs| (Vec::new(), inputs)));
        let mut all = Vec::new();
        while let Some((prefix, (node, inputs))) = stack.last_mut() {
            let Some((at, (name, input))) = inputs.next() else {
                stack.pop();
                continue;
            };
            let child = self.child_at(*node, at);
            // Of the right size at once: a clone and a push would allocate twice.
            let mut path = Vec::with_capacity(prefix.len() + 1);
            path.extend_from_slice(prefix);
            path.push(name.as_str());
            if let Some(inputs) = child.and_then(&mut first_visit) {
                stack.push((path.clone(), inputs));
            }
            all.push(InputPath { path, input, child });
        }
        all
    }

    /// Nix's `LockFile::check`: every follows path must lead to an input, without cycles.
    /// Checked per node first, so a valid lock costs no path building; the error, if any, is
    /// then looked up in Nix's order.
    fn check_follows(&self) -> Result<(), LockError> {
        let targets: Vec<&Vec<String>> = self
            .nodes
            .values()
            .flat_map(|node| node.inputs.values())
            .filter_map(|input| match input {
                Input::Follows(target) => Some(target),
                Input::Node(_) => None,
            })
            .collect();
        let mut targets = sorted(targets, |a, b| a.cmp(b));
        targets.dedup();
        let mut broken = false;
        for target in targets {
            broken |= !target.is_empty() && !matches!(self.resolve(target), Ok(Some(_)));
        }
        if !broken {
            return Ok(());
        }
        for InputPath { path, input, .. } in self.input_paths() {
            if let Input::Follows(target) = input {
                if !target.is_empty() && self.resolve(target)?.is_none() {
                    return Err(LockError::FollowsMissing {
                        input: path.join("/"),
                        target: target.join("/"),
                    });
                }
            }
        }
        Ok(())
    }
}

/// An input path of borrowed names as one of its own.
pub(crate) fn owned_path(path: &[&str]) -> Vec<String> {
    path.iter().map(|name| name.to_string()).collect()
}

/// The follows paths a walk is resolving, innermost first: a chain on the stack, since
/// follows nest only a few deep and a walk is done thousands of times (here by input names,
/// in the follows planner by name ids).
pub(crate) struct Visiting<'a, T> {
    pub path: &'a [T],
    pub outer: Option<&'a Visiting<'a, T>>,
}

impl<T: PartialEq> Visiting<'_, T> {
    /// Whether `path` is being resolved already: resolving it again is a cycle.
    pub fn contains(&self, path: &[T]) -> bool {
        let mut visiting = Some(self);
        while let Some(v) = visiting {
            if v.path == path {
                return true;
            }
            visiting = v.outer;
        }
        false
    }
}

fn wrong_type(what: impl Into<String>, expected: &'static str, found: &Json) -> LockError {
    LockError::WrongType {
        what: what.into(),
        expected,
        found: found.kind(),
    }
}

/// `what` names the value in the error; it is only built when there is one.
fn object(v: Json, what: impl FnOnce() -> String) -> Result<Object, LockError> {
    match v {
        Json::Object(map) => Ok(map),
        other => Err(wrong_type(what(), "an object", &other)),
    }
}

fn string_list(v: Json, what: impl Fn() -> String) -> Result<Vec<String>, LockError> {
    let Json::Array(items) = v else {
        return Err(wrong_type(what(), "an array of strings", &v));
    };
    items
        .into_iter()
        .map(|item| match item {
            Json::String(s) => Ok(s),
            other => Err(wrong_type(what(), "an array of strings", &other)),
        })
        .collect()
}

fn parse_inputs(key: &str, inputs: Option<Json>) -> Result<SortedMap<String, Input>, LockError> {
    let mut parsed = SortedMap::new();
    let Some(inputs) = inputs else {
        return Ok(parsed);
    };
    // The members come sorted: each goes at the end.
    for (name, value) in object(inputs, || format!("node '{key}': 'inputs'"))?.into_members() {
        let what = || format!("node '{key}': input '{name}'");
        let input = match value {
            Json::String(s) => Input::Node(s),
            Json::Array(_) => Input::Follows(string_list(value, what)?),
            other => return Err(wrong_type(what(), "a node key or a follows path", &other)),
        };
        parsed.insert(name, input);
    }
    Ok(parsed)
}

fn parse_root(key: &str, raw: Json) -> Result<Node, LockError> {
    let mut raw = object(raw, || format!("node '{key}'"))?;
    Ok(Node {
        inputs: parse_inputs(key, raw.remove("inputs"))?,
        locked: None,
        original: None,
        flake: true,
        parent: None,
    })
}

fn parse_node(key: &str, raw: Json, version: i64) -> Result<Node, LockError> {
    let mut raw = object(raw, || format!("node '{key}'"))?;
    let info = if version == 5 {
        raw.remove("info")
    } else {
        None
    };
    let flake = match raw.get("flake") {
        None => true,
        Some(Json::Bool(b)) => *b,
        Some(other) => {
            return Err(wrong_type(
                format!("node '{key}': 'flake'"),
                "a boolean",
                other,
            ))
        }
    };
    let parent = raw
        .remove("parent")
        .map(|p| string_list(p, || format!("node '{key}': 'parent'")))
        .transpose()?;
    Ok(Node {
        inputs: parse_inputs(key, raw.remove("inputs"))?,
        locked: Some(parse_ref(key, raw.remove("locked"), "locked", info)?),
        original: Some(parse_ref(key, raw.remove("original"), "original", None)?),
        flake,
        parent,
    })
}

fn parse_ref(
    key: &str,
    value: Option<Json>,
    field: &'static str,
    info: Option<Json>,
) -> Result<FlakeRef, LockError> {
    let value =
        value.ok_or_else(|| LockError::Missing(format!("node '{key}': attribute '{field}'")))?;
    let mut attrs = attrs_of(key, field, value)?;
    if let Some(info) = info {
        attrs.extend(attrs_of(key, "info", info)?);
    }
    let kind = match attrs.remove("type") {
        Some(Attr::Str(kind)) => kind,
        _ => {
            return Err(LockError::MissingType {
                key: key.into(),
                field,
            })
        }
    };
    let Some(needed) = required_attrs(&kind) else {
        return Err(LockError::UnsupportedType {
            key: key.into(),
            field,
            kind,
        });
    };
    if let Some(attr) = needed
        .iter()
        .find(|a| !matches!(attrs.get(**a), Some(Attr::Str(_))))
    {
        return Err(LockError::MissingAttr {
            key: key.into(),
            field,
            kind,
            attr,
        });
    }
    let dir = match attrs.remove("dir") {
        Some(Attr::Str(d)) if !d.is_empty() => Some(d),
        _ => None,
    };
    Ok(FlakeRef {
        kind,
        attrs: Attrs(attrs),
        dir,
    })
}

fn attrs_of(key: &str, field: &str, value: Json) -> Result<SortedMap<String, Attr>, LockError> {
    let mut attrs = SortedMap::new();
    // The members come sorted: each goes at the end.
    for (name, value) in object(value, || format!("node '{key}': '{field}'"))?.into_members() {
        let attr = match value {
            Json::String(s) => Attr::Str(s),
            Json::Bool(b) => Attr::Bool(b),
            Json::Number(Number::Unsigned(n)) => Attr::Int(n),
            other => {
                return Err(wrong_type(
                    format!("node '{key}': '{field}.{name}'"),
                    "a string, a non-negative integer or a boolean",
                    &other,
                ))
            }
        };
        attrs.insert(name, attr);
    }
    Ok(attrs)
}
