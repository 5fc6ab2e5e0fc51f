//! Loading a lock from this computer: paste its text, or choose a file (dropping one
//! anywhere on the page works too, see `App`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use crate::components::{boxed::handler, field};
use crate::load::{show_file, show_unnamed};
use crate::state::AppState;

#[component]
pub fn LoadPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let show_pasted =
        move || show_unnamed(state, &field::text("paste"), "the pasted text".to_owned());
    let on_file = move |event: leptos::ev::Event| {
        let input = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok());
        if let Some(input) = input {
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                show_file(state, file);
            }
            // Choosing the same file again must load it again.
            input.set_value("");
        }
    };

    view! {
        // The section handles the keys and the file choice that bubble up from its fields,
        // which stay plain markup: Ctrl+Enter shows the pasted text.
        <section
            class="load"
            aria-labelledby="load-title"
            on:keydown=handler(move |event: leptos::ev::KeyboardEvent| {
                if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
                    event.prevent_default();
                    show_pasted();
                }
            })
            on:change=handler(on_file)
        >
            <h2 id="load-title">"Or paste a lock, or choose a file"</h2>
            <label for="paste">"Paste the text of a flake.lock"</label>
            <textarea
                id="paste"
                rows="4"
                spellcheck="false"
                autocomplete="off"
                placeholder="{ \"nodes\": { … }, \"root\": \"root\", \"version\": 7 }"
                aria-describedby="paste-hint"
            ></textarea>
            <p id="paste-hint" class="hint">"Ctrl+Enter shows it."</p>
            <div class="load-actions">
                <button type="button" data-testid="show-pasted" on:click=handler(move |_| show_pasted())>
                    "Show pasted lock"
                </button>
                <label class="file-choice">
                    "Or choose a file: "
                    <input type="file" accept=".lock,.json,application/json,text/plain" />
                </label>
                <span class="hint">"You can also drop a file anywhere on the page."</span>
            </div>
        </section>
    }
}
