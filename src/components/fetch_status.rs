//! The fetch under way: what, how much of it has arrived, and a button that stops it.

use leptos::prelude::*;

use crate::components::boxed::{handler, redrawn};
use crate::load::cancel;
use crate::state::AppState;

#[component]
pub fn FetchStatus() -> impl IntoView {
    let state = expect_context::<AppState>();
    let words = move || state.fetching.get().unwrap_or_default();
    // Always in the page, hidden when nothing is fetched: only the words change as bytes
    // arrive, so the Cancel button keeps the focus.
    view! {
        <p class="fetching" data-testid="fetching" hidden=redrawn(move || state.fetching.with(Option::is_none).then_some(""))>
            <span class="spinner" aria-hidden="true"></span>
            <span role="status">{redrawn(words)}</span>
            " "
            <button type="button" on:click=handler(move |_| cancel(state))>
                "Cancel"
            </button>
        </p>
    }
}
