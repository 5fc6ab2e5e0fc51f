//! The link to what is on screen, to copy and share; or why there is none.

use leptos::prelude::*;

use crate::boxed::redrawn;
use crate::components::copy_button::CopyButton;
use crate::dom::address_with_fragment;
use crate::state::AppState;

#[component]
pub fn ShareLink() -> impl IntoView {
    let state = expect_context::<AppState>();
    redrawn(move || {
        match state.shared_as.get() {
        Some(route) => {
            let link = address_with_fragment(&route.to_hash());
            view! {
                <p class="share">
                    <label for="share-link">"Link to this view"</label>
                    " "
                    <input id="share-link" type="text" readonly value=link.clone() data-testid="share-link" />
                    " "
                    <CopyButton text=link label="Copy link" />
                </p>
            }
            .into_any()
        }
        None if state.on_screen.with(Option::is_some) => view! {
            <p class="hint share-none" data-testid="share-none">
                "A pasted lock or a file has no link: open it from a repository or an https address to share it."
            </p>
        }
        .into_any(),
        None => ().into_any(),
    }
    })
}
