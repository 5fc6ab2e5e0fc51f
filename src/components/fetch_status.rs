//! The fetch under way: what, how much of it has arrived, and a button that stops it.

use leptos::prelude::*;

use crate::components::{handler, redrawn};
use crate::load::cancel;
use crate::state::AppState;

#[component]
pub fn FetchStatus() -> impl IntoView {
    let state = expect_context::<AppState>();
    let words = move || state.fetching.get().unwrap_or_default();
    // Only the words change as bytes arrive, so the Cancel button keeps the focus.
    let busy = Memo::new(move |_| state.fetching.with(Option::is_some));
    redrawn(move || {
        busy.get().then(|| {
            view! {
                <p class="fetching" data-testid="fetching">
                    <span class="spinner" aria-hidden="true"></span>
                    <span role="status">{redrawn(words)}</span>
                    " "
                    <button type="button" on:click=handler(move |_| cancel(state))>
                        "Cancel"
                    </button>
                </p>
            }
            .into_any()
        })
    })
}
