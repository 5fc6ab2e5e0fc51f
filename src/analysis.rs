//! The engine's analyses of a lock: health findings and duplicated sources, and which tree
//! lines stand for a duplicated node. Plain Rust, no DOM; when the page works them out (after
//! the tree is drawn, so that a big lock's tree never waits for them) is the tree's schedule,
//! `tree::lines::schedule`.

use lockscope_core::dups::{self, Duplicates};
use lockscope_core::health::{self, CheckOptions, Report};
use lockscope_core::SortedMap;

use crate::model::{LockView, Row};

/// What the engine found in one lock.
pub struct Analysis {
    /// The health checks' findings.
    pub health: Report,
    /// The sources locked more than once, and the follows lines that remove the copies.
    pub duplicates: Duplicates,
    /// The nodes that are one of several copies of a source.
    duplicate_nodes: SortedMap<String, ()>,
}

impl Analysis {
    /// Analyse a lock, with `now` (Unix seconds) as the time its inputs' ages count to.
    pub fn of(view: &LockView, now: i64) -> Self {
        let duplicates = dups::find(&view.lock);
        let duplicate_nodes = duplicates
            .groups
            .iter()
            .flat_map(|group| group.copies.iter().map(|copy| (copy.key.clone(), ())))
            .collect();
        Analysis {
            // The duplicates just found, not found again.
            health: health::check_with(&view.lock, &CheckOptions::new(now), &duplicates),
            duplicates,
            duplicate_nodes,
        }
    }

    /// Whether a node is one of several copies of a source.
    pub fn is_duplicate(&self, node: &str) -> bool {
        self.duplicate_nodes.contains_key(node)
    }

    /// Whether a tree line shows, with its own name, a node that is one of several copies.
    pub fn flags(&self, row: &Row) -> bool {
        row.node().is_some_and(|node| self.is_duplicate(node))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lockscope_fixtures::{corpus, lock_dirs, read};

    #[test]
    fn duplicate_nodes_are_the_copies_of_each_duplicated_source() {
        let Some(corpus) =
            corpus("analysis::duplicate_nodes_are_the_copies_of_each_duplicated_source")
        else {
            return;
        };
        let mut seen_duplicates = false;
        for dir in lock_dirs(&corpus) {
            let Ok(view) = LockView::parse(&read(&dir.join("flake.lock")), "t".into()) else {
                continue;
            };
            let analysis = Analysis::of(&view, 1_800_000_000);
            for group in &analysis.duplicates.groups {
                assert!(group.copies.len() > 1);
                assert!(group
                    .copies
                    .iter()
                    .all(|copy| analysis.is_duplicate(&copy.key)));
                seen_duplicates = true;
            }
            let copies: usize = analysis
                .duplicates
                .groups
                .iter()
                .map(|g| g.copies.len())
                .sum();
            assert_eq!(analysis.duplicate_nodes.len(), copies, "{}", dir.display());
        }
        assert!(seen_duplicates);
    }
}
