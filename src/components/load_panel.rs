//! Loading a lock from this computer: paste its text, or choose a file (dropping one
//! anywhere on the page works too, see `App`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlFormElement, HtmlInputElement};

use crate::boxed::handler;
use crate::form::Sent;
use crate::load::{show_file, show_unnamed};
use crate::state::AppState;

#[component]
pub fn LoadPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let show_pasted = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match Sent::of(&event).and_then(|form| form.text("paste")) {
            Ok(text) => show_unnamed(state, &text, "the pasted text".to_owned()),
            Err(why) => state.fail(why),
        }
    };
    // Ctrl+Enter in the form sends it, as the button does.
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
            event.prevent_default();
            let form = event
                .target()
                .and_then(|target| target.dyn_into::<Element>().ok())
                .and_then(|field| field.closest("form").ok().flatten())
                .and_then(|form| form.dyn_into::<HtmlFormElement>().ok());
            if let Some(form) = form {
                let _ = form.request_submit();
            }
        }
    };
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
        <section class="load" aria-labelledby="load-title">
            <h2 id="load-title">"Or paste a lock, or choose a file"</h2>
            // The form handles the keys and the file choice that bubble up from its fields,
            // which stay plain markup.
            <form on:submit=handler(show_pasted) on:keydown=handler(on_key) on:change=handler(on_file)>
                <label>
                    "Paste the text of a flake.lock"
                    <textarea
                        name="paste"
                        rows="4"
                        spellcheck="false"
                        autocomplete="off"
                        placeholder="{ \"nodes\": { … }, \"root\": \"root\", \"version\": 7 }"
                        aria-describedby="paste-hint"
                    ></textarea>
                </label>
                <p id="paste-hint" class="hint">"Ctrl+Enter shows it."</p>
                <div class="load-actions">
                    <button type="submit" data-testid="show-pasted">
                        "Show pasted lock"
                    </button>
                    <label class="file-choice">
                        "Or choose a file: "
                        <input type="file" accept=".lock,.json,application/json,text/plain" />
                    </label>
                    <span class="hint">"You can also drop a file anywhere on the page."</span>
                </div>
            </form>
        </section>
    }
}
