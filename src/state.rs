//! What the whole page shares: the lock or comparison on screen, the selected line, the
//! last error, the fetch under way.

use std::sync::Arc;

use leptos::prelude::*;
use web_sys::{ScrollIntoViewOptions, ScrollLogicalPosition};

use crate::analysis::{analyse_after_paint, Analysis};
use crate::comparison::Comparison;
use crate::fetch::Abort;
use crate::model::LockView;
use crate::route::Route;

#[derive(Clone, Copy)]
pub struct AppState {
    /// The lock on screen. A lock that fails to load never replaces it.
    pub shown: RwSignal<Option<Arc<LockView>>>,
    /// The tree line whose details are open.
    pub selected: RwSignal<Option<usize>>,
    /// Why the last attempt to load a lock failed, in words.
    pub error: RwSignal<Option<String>>,
    /// What is being fetched right now and how much of it has arrived, in words.
    pub fetching: RwSignal<Option<String>>,
    /// Stops the fetches under way.
    pub abort: StoredValue<Option<Abort>, LocalStorage>,
    /// The engine's analyses of the lock on screen, once worked out.
    pub analysis: RwSignal<Option<Arc<Analysis>>>,
    /// Two locks compared; while there is one, it replaces the single lock's panels.
    pub comparison: RwSignal<Option<Arc<Comparison>>>,
    /// The address fragment (`Route::to_hash`) that names what is on screen; `None` when a
    /// pasted or dropped lock is in it, which no address can name.
    pub shared_as: RwSignal<Option<String>>,
}

impl AppState {
    pub fn new() -> Self {
        AppState {
            shown: RwSignal::new(None),
            selected: RwSignal::new(None),
            error: RwSignal::new(None),
            fetching: RwSignal::new(None),
            abort: StoredValue::new_local(None),
            analysis: RwSignal::new(None),
            comparison: RwSignal::new(None),
            shared_as: RwSignal::new(None),
        }
    }

    /// Show a pasted or dropped lock's text, or say why it can't be shown and keep what is
    /// on screen. Returns whether it is shown.
    pub fn show_text(&self, text: &str, source: String) -> bool {
        match LockView::parse(text, source.clone()) {
            Ok(view) => {
                self.error.set(None);
                self.show(Arc::new(view), None);
                true
            }
            Err(error) => {
                self.fail(format!("Could not show {source}: {error}"));
                false
            }
        }
    }

    /// Put a lock on screen, in place of the lock or comparison there. (A load clears the
    /// last error when it starts, so that one found on the way, such as a bad link, stays.)
    pub fn show(&self, view: Arc<LockView>, shared_as: Option<Route>) {
        self.comparison.set(None);
        self.shared_as.set(shared_as.as_ref().map(Route::to_hash));
        let same = self
            .shown
            .with_untracked(|shown| shown.as_ref().is_some_and(|s| Arc::ptr_eq(s, &view)));
        if same {
            // Back from a comparison to the lock it left: the tree is as it was.
            return;
        }
        self.selected.set(None);
        self.analysis.set(None);
        self.shown.set(Some(view.clone()));
        analyse_after_paint(*self, view);
        bring_into_view(TREE_PANEL_ID);
    }

    /// Put a comparison on screen; the single lock stays behind it, to come back to.
    pub fn show_comparison(&self, comparison: Comparison, shared_as: Option<Route>) {
        self.shared_as.set(shared_as.as_ref().map(Route::to_hash));
        self.comparison.set(Some(Arc::new(comparison)));
        bring_into_view(COMPARISON_ID);
    }

    pub fn fail(&self, message: String) {
        self.error.set(Some(message));
        bring_into_view(ERROR_REGION_ID);
    }
}

pub const TREE_PANEL_ID: &str = "tree-panel";
pub const ERROR_REGION_ID: &str = "error-region";
pub const COMPARISON_ID: &str = "comparison";

/// Scroll the start of what a load led to (the new tree, or why it failed) into sight once it
/// is drawn, if it is out of sight: the controls that load a lock sit below the tree.
fn bring_into_view(id: &'static str) {
    request_animation_frame(move || {
        let Some(element) = document().get_element_by_id(id) else {
            return;
        };
        let top = element.get_bounding_client_rect().top();
        let height = window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        if top < 0.0 || top > height {
            let options = ScrollIntoViewOptions::new();
            options.set_block(ScrollLogicalPosition::Start);
            element.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
}
