//! The page: the lock's tree beside the selected input's details, and ways to load another.

use leptos::prelude::*;

use crate::components::{
    details_panel::DetailsPanel, duplicates_panel::DuplicatesPanel, error_notice::ErrorNotice,
    findings_panel::FindingsPanel, header::Header, load_panel::LoadPanel, tree_view::TreeView,
};
use crate::load::{show_file, show_own_lock};
use crate::state::AppState;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    show_own_lock(state);

    // A lock file dropped anywhere on the page is shown.
    let dragging = RwSignal::new(false);
    let on_drag_over = move |event: leptos::ev::DragEvent| {
        event.prevent_default();
        dragging.set(true);
    };
    let on_drop = move |event: leptos::ev::DragEvent| {
        event.prevent_default();
        dragging.set(false);
        let file = event
            .data_transfer()
            .and_then(|transfer| transfer.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            show_file(state, file);
        }
    };

    view! {
        <div
            class="app"
            class:dragging=dragging
            on:dragover=on_drag_over
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <Header />
            <main>
                <ErrorNotice />
                <div class="panels">
                    <TreeView />
                    <DetailsPanel />
                </div>
                <div class="analyses">
                    <FindingsPanel />
                    <DuplicatesPanel />
                </div>
                <LoadPanel />
            </main>
        </div>
    }
}
