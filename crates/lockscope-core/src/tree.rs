//! The `Inputs:` tree of `nix flake metadata` (`CmdFlakeMetadata::run` in `src/nix/flake.cc`).

use serde::Serialize;

use crate::lock::{Input, LockFile};
use crate::sorted_map::SortedMap;
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
    /// The input's name: the last element of `path`.
    pub name: String,
    /// The input path from the root: `["home-manager", "nixpkgs"]`.
    pub path: Vec<String>,
    /// What the input leads to.
    pub target: TreeTarget,
}

/// What a line's input leads to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TreeTarget {
    /// A node, printed `<name>: <locked ref> (<date>)`.
    Node {
        /// The node's key in `nodes`.
        key: String,
        /// The locked reference as Nix prints it ([`FlakeRef::to_url`](crate::FlakeRef::to_url)).
        locked_ref: String,
        /// `lastModified`, in seconds since the Unix epoch: the date in brackets, printed
        /// only when the lock has one.
        last_modified: Option<u64>,
        /// Printed again on a later visit, but not expanded: its inputs are shown earlier.
        repeat: bool,
    },
    /// A `follows`, printed `<name> follows input '<a/b>'`.
    Follows {
        /// The input path it follows, from the root.
        path: Vec<String>,
    },
}

impl TreeLine {
    /// The line exactly as Nix prints it (without ANSI codes).
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(256);
        write_line(&mut out, &self.prefix, &self.name, self.borrowed());
        out
    }

    fn borrowed(&self) -> Target<'_, '_> {
        match &self.target {
            TreeTarget::Node {
                key,
                locked_ref,
                last_modified,
                repeat,
            } => Target::Node {
                key,
                locked_ref,
                last_modified: *last_modified,
                repeat: *repeat,
            },
            TreeTarget::Follows { path } => Target::Follows(path),
        }
    }
}

/// The tree, one entry per printed line, in Nix's order: inputs alphabetically, depth first,
/// each node expanded on its first visit only.
pub fn lines(lock: &LockFile) -> Vec<TreeLine> {
    let mut out = Vec::new();
    walk(lock, |visit| {
        let target = match visit.target {
            Target::Node {
                key,
                locked_ref,
                last_modified,
                repeat,
            } => TreeTarget::Node {
                key: key.to_string(),
                locked_ref: locked_ref.to_string(),
                last_modified,
                repeat,
            },
            Target::Follows(path) => TreeTarget::Follows {
                path: path.to_vec(),
            },
        };
        out.push(TreeLine {
            prefix: visit.prefix.to_string(),
            depth: visit.path.len() - 1,
            name: visit.path[visit.path.len() - 1].to_string(),
            path: visit.path.iter().map(|s| s.to_string()).collect(),
            target,
        });
    });
    out
}

/// The `Inputs:` section as Nix prints it; empty when the root has no inputs.
pub fn render(lock: &LockFile) -> String {
    let mut out = String::new();
    walk(lock, |visit| {
        if out.is_empty() {
            out += "Inputs:\n";
        }
        let name = visit.path[visit.path.len() - 1];
        write_line(&mut out, visit.prefix, name, visit.target);
        out.push('\n');
    });
    out
}

/// `<prefix><name>: <locked ref> (<date>)` or `<prefix><name> follows input '<a/b>'`.
fn write_line(out: &mut String, prefix: &str, name: &str, target: Target<'_, '_>) {
    *out += prefix;
    *out += name;
    match target {
        Target::Node {
            locked_ref,
            last_modified,
            ..
        } => {
            *out += ": ";
            *out += locked_ref;
            if let Some(t) = last_modified {
                *out += " (";
                *out += &utc_datetime(t as i64);
                out.push(')');
            }
        }
        Target::Follows(path) => {
            *out += " follows input '";
            *out += &path.join("/");
            out.push('\'');
        }
    }
}

/// A printed line as the walk meets it, borrowed: `render` builds no `TreeLine`.
struct Visit<'l, 'w> {
    prefix: &'w str,
    /// The input path, this input's name last.
    path: &'w [&'l str],
    target: Target<'l, 'w>,
}

#[derive(Clone, Copy)]
enum Target<'l, 'w> {
    Node {
        key: &'l str,
        locked_ref: &'w str,
        last_modified: Option<u64>,
        repeat: bool,
    },
    Follows(&'l [String]),
}

/// Nix's walk: a node's inputs in order, depth first, each node expanded once. With our own
/// stack, since a lock may nest thousands deep.
fn walk<'l>(lock: &'l LockFile, mut visit: impl FnMut(Visit<'l, '_>)) {
    // The reference string of each node visited, by node index: a node is printed once per
    // edge to it, but its reference is built once.
    let mut refs: Vec<Option<String>> = vec![None; lock.node_count()];
    // The indentation of the current frame's lines, and the path to them.
    let mut indent = String::new();
    let mut path: Vec<&'l str> = Vec::new();
    let mut prefix = String::new();
    let mut stack = vec![Frame::new(lock, lock.root_index(), 0)];
    while let Some(frame) = stack.last_mut() {
        let Some((name, input, child, last)) = frame.next() else {
            stack.pop();
            continue;
        };
        let depth = stack.len() - 1;
        indent.truncate(stack[depth].indent_len);
        path.truncate(depth);
        path.push(name);
        prefix.clear();
        prefix += &indent;
        prefix += if last { LAST } else { CONNECTOR };
        match input {
            Input::Node(key) => {
                let Some(index) = child else {
                    unreachable!("parsed locks only reference parsed nodes");
                };
                let node = lock.node_at(index).1;
                let locked = node.locked.as_ref().expect("non-root nodes are locked");
                let seen = &mut refs[index];
                let first_visit = seen.is_none();
                let locked_ref = seen.get_or_insert_with(|| locked.to_url());
                visit(Visit {
                    prefix: &prefix,
                    path: &path,
                    target: Target::Node {
                        key,
                        locked_ref,
                        last_modified: locked.last_modified(),
                        repeat: !first_visit,
                    },
                });
                if first_visit {
                    indent += if last { BLANK } else { LINE };
                    stack.push(Frame::new(lock, index, indent.len()));
                }
            }
            Input::Follows(target) => visit(Visit {
                prefix: &prefix,
                path: &path,
                target: Target::Follows(target),
            }),
        }
    }
}

struct Frame<'a> {
    lock: &'a LockFile,
    /// The node's index, and its inputs.
    node: usize,
    inputs: &'a SortedMap<String, Input>,
    next: usize,
    /// The length of the indentation of this node's lines.
    indent_len: usize,
}

impl<'a> Frame<'a> {
    fn new(lock: &'a LockFile, node: usize, indent_len: usize) -> Self {
        Frame {
            lock,
            node,
            inputs: &lock.node_at(node).1.inputs,
            next: 0,
            indent_len,
        }
    }

    /// The next input: its name, what it is, the node it locks (if it locks one), and
    /// whether it is the last.
    fn next(&mut self) -> Option<(&'a str, &'a Input, Option<usize>, bool)> {
        let at = self.next;
        let (name, input) = self.inputs.get_index(at)?;
        self.next += 1;
        let child = self.lock.child_at(self.node, at);
        Some((name, input, child, self.next == self.inputs.len()))
    }
}
