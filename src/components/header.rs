//! The title, and a status line that says which lock is on screen.

use leptos::prelude::*;
use lockscope_core::text::count;

use crate::boxed::redrawn;
use crate::state::AppState;

#[component]
pub fn Header() -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = redrawn(move || {
        if let Some(comparison) = state.comparison.get() {
            return format!("Comparing {} with {}", comparison.old, comparison.new);
        }
        state.on_screen.with(|on_screen| match on_screen {
            Some(view) => format!(
                "{}: lock version {}, {}",
                view.source,
                view.lock.version(),
                // Every node the root reaches but the root itself.
                count(view.lock.nodes().count() - 1, "locked input")
            ),
            None => "No lock loaded yet.".to_owned(),
        })
    });
    view! {
        <header class="app-header">
            <h1>"Lockscope"</h1>
            <p class="tagline">"Look inside a Nix flake.lock"</p>
            <p class="status" role="status" data-testid="status">
                {status}
            </p>
        </header>
    }
}
