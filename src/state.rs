//! What the whole page shares: the lock on screen, the selected line, the last error.

use std::sync::Arc;

use leptos::prelude::*;
use web_sys::{ScrollIntoViewOptions, ScrollLogicalPosition};

use crate::analysis::{analyse_after_paint, Analysis};
use crate::model::LockView;

#[derive(Clone, Copy)]
pub struct AppState {
    /// The lock on screen. A lock that fails to load never replaces it.
    pub shown: RwSignal<Option<Arc<LockView>>>,
    /// The tree line whose details are open.
    pub selected: RwSignal<Option<usize>>,
    /// Why the last attempt to load a lock failed, in words.
    pub error: RwSignal<Option<String>>,
    /// What is being fetched right now, in words.
    pub loading: RwSignal<Option<String>>,
    /// The engine's analyses of the lock on screen, once worked out.
    pub analysis: RwSignal<Option<Arc<Analysis>>>,
}

impl AppState {
    pub fn new() -> Self {
        AppState {
            shown: RwSignal::new(None),
            selected: RwSignal::new(None),
            error: RwSignal::new(None),
            loading: RwSignal::new(None),
            analysis: RwSignal::new(None),
        }
    }

    /// Show a lock's text, or say why it can't be shown and keep the lock on screen.
    pub fn show_text(&self, text: &str, source: String) {
        match LockView::parse(text, source.clone()) {
            Ok(view) => {
                let view = Arc::new(view);
                self.error.set(None);
                self.selected.set(None);
                self.analysis.set(None);
                self.shown.set(Some(view.clone()));
                analyse_after_paint(*self, view);
                bring_into_view(TREE_PANEL_ID);
            }
            Err(error) => self.fail(format!("Could not show {source}: {error}")),
        }
    }

    pub fn fail(&self, message: String) {
        self.error.set(Some(message));
        bring_into_view(ERROR_REGION_ID);
    }
}

pub const TREE_PANEL_ID: &str = "tree-panel";
pub const ERROR_REGION_ID: &str = "error-region";

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
