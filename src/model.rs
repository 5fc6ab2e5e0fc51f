//! What the page shows of one lock: the parsed file, its tree lines in Nix's order and
//! the links between them (parent, follows target, first visit). Plain Rust, no DOM.

use std::sync::OnceLock;

use lockscope_core::details::{self, InputDetails};
use lockscope_core::tree::{self, TreeLine, TreeTarget};
use lockscope_core::{LockError, LockFile, SortedMap};

use crate::route::Place;

/// A lock on screen, with the words that say where it came from.
pub struct LockView {
    /// Where it came from, in words: a source, `file x.lock`, `the pasted text`.
    pub source: String,
    /// Where to fetch it again; `None` for a pasted or dropped lock, which no link can name.
    pub place: Option<Place>,
    /// The lock file itself.
    pub lock: LockFile,
    /// Its text, for the update checker's worker to read.
    pub text: String,
    /// The tree's lines, in Nix's order.
    pub rows: Vec<Row>,
    /// Every node the root reaches, by key: worked out when first asked for, so that a
    /// big lock's tree shows without waiting for it.
    inputs: OnceLock<SortedMap<String, InputDetails>>,
}

/// One line of the tree.
pub struct Row {
    /// The line as the engine lays it out (prefix, name, path, depth, what it stands for).
    pub line: TreeLine,
    /// The rest of the line as Nix prints it, after the prefix and the name.
    pub rest: String,
    /// The line it hangs from, if not from the root.
    pub parent: Option<usize>,
    /// Whether lines hang from it.
    pub has_children: bool,
    /// The node the line stands for; for a follows line, the node it leads to.
    pub key: Option<String>,
    /// The line that shows the same node expanded: a follows line's target, or the
    /// first visit of a node the tree prints again without its inputs.
    pub jump: Option<usize>,
}

impl Row {
    /// Whether the line follows another input.
    pub fn is_follows(&self) -> bool {
        matches!(self.line.target, TreeTarget::Follows { .. })
    }

    /// The node the line shows with its own name: none for a follows line.
    pub fn node(&self) -> Option<&str> {
        self.key.as_deref().filter(|_| !self.is_follows())
    }

    /// Whether the line shows again a node printed above with its inputs.
    pub fn is_repeat(&self) -> bool {
        matches!(self.line.target, TreeTarget::Node { repeat: true, .. })
    }

    /// For a follows line, `rest` cut before the quoted target: (" follows input ", "'a/b'").
    pub fn follows_parts(&self) -> Option<(&str, &str)> {
        self.is_follows()
            .then(|| self.rest.find('\''))
            .flatten()
            .map(|quote| self.rest.split_at(quote))
    }

    /// The input path as people write it: `home-manager/nixpkgs`.
    pub fn path_text(&self) -> String {
        self.line.path.join("/")
    }
}

impl LockView {
    /// Read a lock's text as Nix would, or say why Nix would refuse it.
    pub fn parse(text: &str, source: String) -> Result<LockView, LockError> {
        let lock = LockFile::parse(text)?;
        let rows = rows(&lock, tree::lines(&lock));
        Ok(LockView {
            source,
            place: None,
            lock,
            text: text.to_owned(),
            rows,
            inputs: OnceLock::new(),
        })
    }

    /// Every input the root reaches, with all the lock says of it, by node key.
    pub fn inputs(&self) -> &SortedMap<String, InputDetails> {
        self.inputs.get_or_init(|| {
            details::inputs(&self.lock)
                .into_iter()
                .map(|input| (input.key.clone(), input))
                .collect()
        })
    }

    /// The line that shows an input path, or else the first that shows the node.
    pub fn row_for(&self, path: &[String], node: Option<&str>) -> Option<usize> {
        let by_path = self.rows.iter().position(|row| row.line.path == path);
        by_path.or_else(|| {
            let node = node?;
            self.rows
                .iter()
                .position(|row| !row.is_follows() && row.key.as_deref() == Some(node))
        })
    }

    /// The details of the node a row stands for.
    pub fn details(&self, row: usize) -> Option<&InputDetails> {
        let key = self.rows.get(row)?.key.as_ref()?;
        self.inputs().get(key)
    }
}

fn rows(lock: &LockFile, lines: Vec<TreeLine>) -> Vec<Row> {
    // The first line that shows each node, where its inputs are printed.
    let mut first_visit: SortedMap<String, usize> = SortedMap::new();
    for (index, line) in lines.iter().enumerate() {
        match &line.target {
            TreeTarget::Node { key, .. } if !first_visit.contains_key(key) => {
                first_visit.insert(key.clone(), index);
            }
            _ => {}
        }
    }
    let depths: Vec<usize> = lines.iter().map(|line| line.depth).collect();
    // A line's parent is the nearest line above it one level up.
    let mut ancestors: Vec<usize> = Vec::new();

    lines
        .into_iter()
        .enumerate()
        .map(|(index, line)| {
            ancestors.truncate(line.depth);
            let parent = ancestors.last().copied();
            ancestors.push(index);
            let key = match &line.target {
                TreeTarget::Node { key, .. } => Some(key.clone()),
                TreeTarget::Follows { path } => {
                    lock.resolve(path).ok().flatten().map(str::to_owned)
                }
            };
            let jump = key
                .as_deref()
                .and_then(|key| first_visit.get(key).copied())
                .filter(|&target| target != index);
            let rest = line.text()[line.prefix.len() + line.name.len()..].to_owned();
            Row {
                rest,
                parent,
                has_children: depths.get(index + 1).is_some_and(|&next| next > line.depth),
                key,
                jump,
                line,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lockscope_fixtures::{corpus, lock_dirs, read};

    #[test]
    fn rows_print_exactly_what_nix_prints() {
        let Some(corpus) = corpus("model::rows_print_exactly_what_nix_prints") else {
            return;
        };
        for dir in lock_dirs(&corpus) {
            let Ok(expected) = std::fs::read_to_string(dir.join("metadata.txt")) else {
                continue;
            };
            let view = LockView::parse(&read(&dir.join("flake.lock")), "test".into())
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            let printed: String = view
                .rows
                .iter()
                .map(|row| format!("{}{}{}\n", row.line.prefix, row.line.name, row.rest))
                .collect();
            let expected_lines = expected.strip_prefix("Inputs:\n").unwrap_or(&expected);
            assert_eq!(printed, expected_lines, "{}", dir.display());
        }
    }

    #[test]
    fn links_between_rows_point_where_they_say() {
        let Some(corpus) = corpus("model::links_between_rows_point_where_they_say") else {
            return;
        };
        for dir in lock_dirs(&corpus) {
            let Ok(view) = LockView::parse(&read(&dir.join("flake.lock")), "t".into()) else {
                continue;
            };
            assert_eq!(view.inputs().len(), view.lock.nodes().count() - 1);
            for (index, row) in view.rows.iter().enumerate() {
                let parent_depth = row.parent.map(|p| view.rows[p].line.depth);
                assert_eq!(
                    parent_depth,
                    row.line.depth.checked_sub(1),
                    "{dir:?} row {index}"
                );
                if let Some(parent) = row.parent {
                    assert!(view.rows[parent].has_children);
                    assert_eq!(
                        view.rows[parent].line.path[..],
                        row.line.path[..row.line.depth]
                    );
                }
                if let Some(target) = row.jump {
                    // A jump lands on the line that shows the same node, never on a follows line.
                    assert_eq!(view.rows[target].key, row.key, "{dir:?} row {index}");
                    assert!(!view.rows[target].is_follows());
                    assert!(target < index || row.is_follows());
                }
                if row.is_repeat() {
                    assert!(
                        row.jump.is_some() && !row.has_children,
                        "{dir:?} row {index}"
                    );
                }
                if let Some(key) = &row.key {
                    assert!(view.inputs().contains_key(key) || key == view.lock.root_key());
                }
            }
        }
    }

    #[test]
    fn follows_parts_split_off_the_quoted_target() {
        let lock = r#"{"version":7,"root":"root","nodes":{
            "root":{"inputs":{"a":"a","b":["a"]}},
            "a":{"locked":{"type":"path","path":"/x"},"original":{"type":"path","path":"/x"}}}}"#;
        let view = LockView::parse(lock, "t".into()).unwrap();
        let follows = view.rows.iter().find(|row| row.is_follows()).unwrap();
        assert_eq!(follows.follows_parts(), Some((" follows input ", "'a'")));
        assert_eq!(follows.jump, Some(0));
        assert_eq!(view.rows[0].follows_parts(), None);
    }
}
