//! Lockscope in the browser, as a library: the page (`App`: where a lock comes from, its
//! tree beside the selected input's details, or two locks compared, and ways to load
//! another) and the plain-Rust modules under it, public with docs so that other crates of
//! the workspace call them (a fuzz crate: route parsing, the tree logic). `main.rs` only
//! mounts `App`; `bin/analysis-worker.rs` only starts the `analyser`, `bin/outdated-worker.rs`
//! the update checker's `worker`; crates/lockscope-fix-worker answers the `fixer`, through
//! `workers`; `bin/graph-view.rs` draws the dependency `graph` once it is opened.
#![warn(missing_docs)]

pub mod analyser;
pub mod analysis;
pub mod comparison;
pub mod fixer;
pub mod graph;
pub mod model;
pub mod route;
pub mod tree;
pub mod worker;
pub mod workers;

mod address;
mod boxed;
mod components;
mod dom;
mod fetch;
mod form;

mod live;
mod load;
mod state;
mod updates;

use leptos::prelude::*;

use crate::address::follow_address;
use crate::boxed::{handler, redrawn};
use crate::components::{
    compare_form::CompareForm, comparison_view::ComparisonView, details_panel::DetailsPanel,
    duplicates_panel::DuplicatesPanel, error_notice::ErrorNotice, findings_panel::FindingsPanel,
    fix_panel::FixPanel, header::Header, load_panel::LoadPanel, nixpkgs_panel::NixpkgsPanel,
    overview::Overview, source_form::SourceForm, updates_panel::UpdatesPanel,
};
use crate::dom::dropped_file;
use crate::graph::panel::GraphPanel;
use crate::load::show_file;
use crate::state::AppState;
use crate::tree::view::TreeView;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    follow_address(state);

    // A lock file dropped anywhere on the page is shown.
    let dragging = RwSignal::new(false);
    let on_drag_over = move |event: leptos::ev::DragEvent| {
        event.prevent_default();
        dragging.set(true);
    };
    let on_drop = move |event: leptos::ev::DragEvent| {
        event.prevent_default();
        dragging.set(false);
        if let Some(file) = dropped_file(&event) {
            show_file(state, file);
        }
    };

    view! {
        <div
            class="app"
            class:dragging=dragging
            on:dragover=handler(on_drag_over)
            on:dragleave=handler(move |_| dragging.set(false))
            on:drop=handler(on_drop)
        >
            <Header />
            <main>
                <SourceForm />
                <ErrorNotice />
                <ComparisonView />
                // A comparison hides the single lock's panels; they keep their state behind it.
                <div class="single" hidden=redrawn(move || state.comparison.with(Option::is_some).then_some(""))>
                    <Overview />
                    <div class="panels">
                        <TreeView />
                        <DetailsPanel />
                    </div>
                    <GraphPanel />
                    <div class="analyses">
                        <NixpkgsPanel />
                        <FindingsPanel />
                        <DuplicatesPanel />
                        <UpdatesPanel />
                        <FixPanel />
                    </div>
                </div>
                <LoadPanel />
                <CompareForm />
            </main>
        </div>
    }
}
