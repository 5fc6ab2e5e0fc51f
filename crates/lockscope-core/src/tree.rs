//! The `Inputs:` tree of `nix flake metadata` (`CmdFlakeMetadata::run` in `src/nix/flake.cc`).

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::lock::{Input, LockFile};
use crate::time::utc_datetime;

const CONNECTOR: &str = "├───";
const LAST: &str = "└───";
const LINE: &str = "│   ";
const BLANK: &str = "    ";

/// One printed line of the tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TreeLine {
    /// The box-drawing prefix, connector included: `│   ├───`.
    pub prefix: String,
    /// 0 for an input of the root.
    pub depth: usize,
    pub name: String,
    /// The input path from the root: `["home-manager", "nixpkgs"]`.
    pub path: Vec<String>,
    pub target: TreeTarget,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TreeTarget {
    Node {
        key: String,
        locked_ref: String,
        last_modified: Option<u64>,
        /// Printed again on a later visit, but not expanded: its inputs are shown earlier.
        repeat: bool,
    },
    Follows {
        path: Vec<String>,
    },
}

impl TreeLine {
    /// The line exactly as Nix prints it (without ANSI codes).
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(256);
        self.write_to(&mut out);
        out
    }

    fn write_to(&self, out: &mut String) {
        *out += &self.prefix;
        *out += &self.name;
        match &self.target {
            TreeTarget::Node {
                locked_ref,
                last_modified,
                ..
            } => {
                *out += ": ";
                *out += locked_ref;
                if let Some(t) = last_modified {
                    *out += " (";
                    *out += &utc_datetime(*t as i64);
                    out.push(')');
                }
            }
            TreeTarget::Follows { path } => {
                *out += " follows input '";
                *out += &path.join("/");
                out.push('\'');
            }
        }
    }
}

/// The tree, one entry per printed line, in Nix's order: inputs alphabetically, depth first,
/// each node expanded on its first visit only.
pub fn lines(lock: &LockFile) -> Vec<TreeLine> {
    let mut out = Vec::new();
    let mut visited = BTreeSet::from([lock.root_key()]);
    // A node is printed once per edge to it; its reference string is built once.
    let mut refs: HashMap<&str, String> = HashMap::new();
    // Each frame: the inputs of one node still to print, its children's prefix, its path.
    let mut stack = vec![Frame::new(lock, lock.root_key(), String::new(), Vec::new())];
    while let Some(frame) = stack.last_mut() {
        let Some((name, input, last)) = frame.next() else {
            stack.pop();
            continue;
        };
        let depth = stack.len() - 1;
        let frame = &stack[depth];
        let prefix = format!("{}{}", frame.prefix, if last { LAST } else { CONNECTOR });
        let mut path = frame.path.clone();
        path.push(name.to_string());
        let child_prefix = format!("{}{}", frame.prefix, if last { BLANK } else { LINE });
        match input {
            Input::Node(key) => {
                let node = lock
                    .node(key)
                    .expect("parsed locks only reference parsed nodes");
                let first_visit = visited.insert(key.as_str());
                let locked = node.locked.as_ref().expect("non-root nodes are locked");
                let locked_ref = refs.entry(key).or_insert_with(|| locked.to_url()).clone();
                out.push(TreeLine {
                    prefix,
                    depth,
                    name: name.to_string(),
                    path: path.clone(),
                    target: TreeTarget::Node {
                        key: key.clone(),
                        locked_ref,
                        last_modified: locked.last_modified(),
                        repeat: !first_visit,
                    },
                });
                if first_visit {
                    stack.push(Frame::new(lock, key, child_prefix, path));
                }
            }
            Input::Follows(target) => out.push(TreeLine {
                prefix,
                depth,
                name: name.to_string(),
                path,
                target: TreeTarget::Follows {
                    path: target.clone(),
                },
            }),
        }
    }
    out
}

/// The `Inputs:` section as Nix prints it; empty when the root has no inputs.
pub fn render(lock: &LockFile) -> String {
    let lines = lines(lock);
    if lines.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(lines.len() * 200);
    out += "Inputs:\n";
    for line in lines {
        line.write_to(&mut out);
        out.push('\n');
    }
    out
}

struct Frame<'a> {
    inputs: Vec<(&'a str, &'a Input)>,
    next: usize,
    prefix: String,
    path: Vec<String>,
}

impl<'a> Frame<'a> {
    fn new(lock: &'a LockFile, key: &str, prefix: String, path: Vec<String>) -> Self {
        let inputs = lock
            .node(key)
            .map(|n| n.inputs.iter().map(|(k, v)| (k.as_str(), v)).collect())
            .unwrap_or_default();
        Frame {
            inputs,
            next: 0,
            prefix,
            path,
        }
    }

    fn next(&mut self) -> Option<(&'a str, &'a Input, bool)> {
        let (name, input) = *self.inputs.get(self.next)?;
        self.next += 1;
        Some((name, input, self.next == self.inputs.len()))
    }
}
