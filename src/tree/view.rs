//! The input tree: the lines of `nix flake metadata`, alive. Parents expand and collapse,
//! follows jump to their target, a filter narrows it by name, and the keyboard moves
//! through it as through any tree (WAI-ARIA tree pattern, roving tabindex). It reads in
//! one of two modes: readable lines (name, short source, revision, age), or with the switch
//! "Nix's text" exactly Nix's lines. The browser remembers the mode (`localStorage`): it is
//! how a person likes to read, not part of what a link shares.

use std::sync::Arc;

use leptos::prelude::*;
use lockscope_core::text::count;

use crate::boxed::{effect, handler, redrawn};
use crate::model::LockView;
use crate::state::{AppState, TREE_PANEL_ID};
use crate::tree::lines::{schedule, tree_lines};
use crate::tree::logic::{match_count, RowSet};
use crate::tree::ui::TreeUi;

/// Where the browser keeps the tree's mode: `nix` for Nix's text, else readable lines.
const MODE_KEY: &str = "lockscope-tree-mode";

/// The tree of the lock on screen.
#[component]
pub fn TreeView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let storage = window().local_storage().ok().flatten();
    let remembered = storage
        .as_ref()
        .and_then(|s| s.get_item(MODE_KEY).ok().flatten());
    let nix_text = RwSignal::new(remembered.as_deref() == Some("nix"));
    effect(move |_: Option<()>| {
        let mode = if nix_text.get() { "nix" } else { "readable" };
        if let Some(storage) = &storage {
            // A browser that keeps nothing (private mode, full) forgets the mode: no harm.
            let _ = storage.set_item(MODE_KEY, mode);
        }
    });
    view! {
        <section id=TREE_PANEL_ID class="tree-panel" aria-label="Input tree">
            // Each lock gets a tree of its own, so nothing of the last one's state lingers.
            {redrawn(move || state.on_screen.get().map(|view| view! { <LockTree view nix_text /> }.into_any()))}
        </section>
    }
}

#[component]
fn LockTree(view: Arc<LockView>, nix_text: RwSignal<bool>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let ui = TreeUi::new(view.clone(), state);
    // A line selected while hidden (a jump, a finding's "Show in the tree") comes into view.
    effect(move |_: Option<()>| {
        if let Some(row) = state.selected.get() {
            if ui
                .visible
                .with_untracked(|visible| visible.get(row) == Some(&false))
            {
                ui.reveal(row);
            }
        }
    });
    // The analyses come once the tree is on screen; then the page asks for today's branch
    // statuses, once per visit.
    let analyse = {
        let view = view.clone();
        move || {
            state.analyse(&view);
            state.ask_live_statuses();
        }
    };

    if view.rows.is_empty() {
        schedule(|| true, analyse);
        return view! { <p class="no-inputs">"This flake has no inputs."</p> }.into_any();
    }
    let parents: RowSet = view.rows.iter().filter_map(|row| row.parent).collect();
    let filter_status = redrawn(move || {
        let filter = ui.filter.get();
        if filter.trim().is_empty() {
            return String::new();
        }
        let matches = ui.view.with_value(|view| match_count(&view.rows, &filter));
        format!("{} named like “{}”", count(matches, "input"), filter.trim())
    });
    let (lines, all_drawn) = tree_lines(ui, analyse);

    view! {
        // What is typed in the filter comes up here, so that the field stays plain markup.
        <div class="tree-tools" on:input=handler(move |event| ui.filter.set(event_target_value(&event)))>
            <label for="filter">"Filter by name"</label>
            <input id="filter" node_ref=ui.filter_field type="search" autocomplete="off" spellcheck="false" />
            <button type="button" on:click=handler(move |_| ui.collapsed.set(RowSet::default()))>
                "Expand all"
            </button>
            <button type="button" on:click=handler(move |_| ui.collapsed.set(parents.clone()))>
                "Collapse all"
            </button>
            <button
                type="button"
                class="mode-switch"
                aria-pressed=redrawn(move || if nix_text.get() { "true" } else { "false" })
                on:click=handler(move |_| nix_text.update(|nix| *nix = !*nix))
            >
                "Nix's text"
            </button>
            <span class="filter-status" role="status">
                {filter_status}
            </span>
        </div>
        <div class="tree-text" class:readable=move || !nix_text.get() data-testid="tree">
            <h2 id="tree-title" class="tree-heading">
                "Inputs:"
            </h2>
            <div
                role="tree"
                aria-labelledby="tree-title"
                aria-busy=redrawn(move || (!all_drawn.get()).then_some("true"))
                on:keydown=handler(move |event| ui.on_key(event))
                on:click=handler(move |event| ui.on_click(event))
            >
                {lines}
            </div>
        </div>
    }
    .into_any()
}
