//! The "Dependency graph" region, the page's side of it: a heading, the button that opens it
//! and the frame the picture goes in. The first opening adds the graph's own wasm
//! (`src/bin/graph-view.rs`) and its styles to the page, and the wasm draws in the frame: a
//! first visit downloads none of it. While the graph is open the page keeps the lock and the
//! selection on the frame for it (`bridge`), and it selects the node of a box clicked or
//! entered.
//!
//! Written with as little of Leptos' view code as it can (no node ref, no view that comes
//! and goes): each kind of it is code in every first visit's wasm.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::Element;

use super::bridge::{self, Told, FRAME_ID};
use crate::boxed::{effect, handler, redrawn};
use crate::state::AppState;

/// The graph's wasm (trunk's loader of it) and its styles, beside the page (`index.html`).
const SCRIPT: &str = "graph-view_loader.js";
const STYLES: &str = "graph.css";
/// Said in the frame when the graph's wasm did not load.
const NOT_LOADED: &str = "The graph could not be loaded. Reload the page to try again.";

/// The node a tree line stands for, of the line selected (a follows line: the node it
/// leads to).
fn selected_node(state: AppState) -> Option<String> {
    let row = state.selected.get()?;
    (state.on_screen).with(|view| view.as_ref()?.rows.get(row)?.key.clone())
}

/// Selects the first tree line of the node whose box an event happened in; the root, which
/// has none, selects nothing.
fn select_box(state: AppState, event: &web_sys::Event) -> Option<()> {
    let node = bridge::box_of(event)?;
    state
        .selected
        .set(Some(state.row_on_screen(&[], Some(&node))?));
    Some(())
}

/// Adds the graph's styles and wasm to the page, once; says so in the frame if the wasm
/// cannot be had.
fn load(frame: &Element) -> Option<()> {
    if document().get_element_by_id(SCRIPT).is_some() {
        return Some(());
    }
    let script = document().create_element("script").ok()?;
    script.set_attribute("id", SCRIPT).ok()?;
    script.set_attribute("type", "module").ok()?;
    script.set_attribute("src", SCRIPT).ok()?;
    let frame = frame.clone();
    let failed = Closure::once_into_js(move || frame.set_text_content(Some(NOT_LOADED)));
    script
        .add_event_listener_with_callback("error", failed.unchecked_ref())
        .ok()?;
    let styles = document().create_element("link").ok()?;
    styles.set_attribute("rel", "stylesheet").ok()?;
    styles.set_attribute("href", STYLES).ok()?;
    document().head()?.append_with_node_2(&styles, &script).ok()
}

#[component]
pub fn GraphPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let frame = move || document().get_element_by_id(FRAME_ID);
    // While the graph is open, and whenever they change: the lock, and the selection.
    effect(move |_: Option<()>| {
        if let (true, Some(frame)) = (open.get(), frame()) {
            let lock = state
                .on_screen
                .with(|lock| lock.as_ref().map(|l| l.text.clone()));
            bridge::tell(&frame, Told::Lock, lock.as_deref());
            load(&frame);
        }
    });
    effect(move |_: Option<()>| {
        if let (true, Some(frame)) = (open.get(), frame()) {
            bridge::tell(&frame, Told::Selected, selected_node(state).as_deref());
        }
    });
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        if matches!(event.key().as_str(), "Enter" | " ") && select_box(state, &event).is_some() {
            event.prevent_default();
        }
    };

    view! {
        <section class="graph-panel" aria-labelledby="graph-title" data-testid="graph">
            <h2 id="graph-title">"Dependency graph"</h2>
            <button
                type="button"
                aria-expanded=redrawn(move || if open.get() { "true" } else { "false" })
                on:click=handler(move |_| open.update(|open| *open = !*open))
            >
                {redrawn(move || if open.get() { "Hide the graph" } else { "Show the graph" })}
            </button>
            <div
                id=FRAME_ID
                class="graph-frame"
                hidden=redrawn(move || (!open.get()).then_some(""))
                on:click=handler(move |event: leptos::ev::MouseEvent| {
                    select_box(state, &event);
                })
                on:keydown=handler(on_key)
            ></div>
        </section>
    }
}
