//! Why the last lock could not be shown. The lock before it stays on screen.

use leptos::prelude::*;

use crate::boxed::{handler, redrawn};
use crate::state::{AppState, ERROR_REGION_ID};

#[component]
pub fn ErrorNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let still_showing = move || {
        state.on_screen.with(|on_screen| {
            on_screen.as_ref().map(|view| {
                view! { <p class="error-kept">"Still showing " {view.source.clone()} "."</p> }
                    .into_any()
            })
        })
    };
    view! {
        // The live region is always in the page, so screen readers announce what appears in it.
        <div id=ERROR_REGION_ID class="error-region" role="alert">
            {redrawn(move || {
                state
                    .error
                    .get()
                    .map(|message| {
                        view! {
                            <div class="error" data-testid="error">
                                <p class="error-message">{message}</p>
                                {redrawn(still_showing)}
                                <button type="button" on:click=handler(move |_| state.error.set(None))>
                                    "Dismiss"
                                </button>
                            </div>
                        }
                        .into_any()
                    })
            })}
        </div>
    }
}
