//! What the whole page shares: the lock on screen, the selected line, the last error.

use std::sync::Arc;

use leptos::prelude::*;

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
}

impl AppState {
    pub fn new() -> Self {
        AppState {
            shown: RwSignal::new(None),
            selected: RwSignal::new(None),
            error: RwSignal::new(None),
            loading: RwSignal::new(None),
        }
    }

    /// Show a lock's text, or say why it can't be shown and keep the lock on screen.
    pub fn show_text(&self, text: &str, source: String) {
        match LockView::parse(text, source.clone()) {
            Ok(view) => {
                self.error.set(None);
                self.selected.set(None);
                self.shown.set(Some(Arc::new(view)));
            }
            Err(error) => self.fail(format!("Could not show {source}: {error}")),
        }
    }

    pub fn fail(&self, message: String) {
        self.error.set(Some(message));
    }
}
