//! The engine's analyses of the lock on screen: health findings and duplicated sources.
//! They are worked out after the tree is on screen, so a big lock's tree never waits for them.

use std::sync::Arc;

use leptos::prelude::*;
use lockscope_core::dups::{self, Duplicates};
use lockscope_core::health::{self, CheckOptions, Report};
use lockscope_core::SortedMap;

use crate::model::{LockView, Row};
use crate::state::AppState;

pub struct Analysis {
    pub health: Report,
    pub duplicates: Duplicates,
    /// The nodes that are one of several copies of a source.
    duplicate_nodes: SortedMap<String, ()>,
}

impl Analysis {
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

    pub fn is_duplicate(&self, node: &str) -> bool {
        self.duplicate_nodes.contains_key(node)
    }

    /// Whether a tree line shows, with its own name, a node that is one of several copies.
    pub fn flags(&self, row: &Row) -> bool {
        row.node().is_some_and(|node| self.is_duplicate(node))
    }
}

/// Now, in Unix seconds, by the browser's clock.
pub fn now() -> i64 {
    (web_sys::js_sys::Date::now() / 1000.0) as i64
}

/// Analyse a lock once the browser has painted its tree and drawn the rest of a big one
/// (which it starts right after the first paint), unless another lock replaced it.
pub fn analyse_after_paint(state: AppState, view: Arc<LockView>) {
    request_animation_frame(move || {
        request_animation_frame(move || {
            set_timeout(
                move || {
                    let still_shown = state.shown.with_untracked(|shown| {
                        shown.as_ref().is_some_and(|s| Arc::ptr_eq(s, &view))
                    });
                    if still_shown {
                        state
                            .analysis
                            .set(Some(Arc::new(Analysis::of(&view, now()))));
                    }
                },
                std::time::Duration::ZERO,
            );
        });
    });
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
