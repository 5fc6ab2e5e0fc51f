//! A button that copies a text to the clipboard and says whether it worked.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::js_sys::{Function, Reflect};

use crate::boxed::{handler, redrawn};

const REFUSED: &str = "The browser refused: select the lines and copy them.";

#[component]
pub fn CopyButton(text: String, label: &'static str) -> impl IntoView {
    // Whether it worked, in words.
    let status = RwSignal::new(String::new());
    let copy = move |_| {
        let promise = window().navigator().clipboard().write_text(&text);
        // Only one of the two runs; each frees itself when it does.
        let done = Closure::once_into_js(move |_: JsValue| status.set("Copied.".to_owned()));
        let failed = Closure::once_into_js(move |_: JsValue| status.set(REFUSED.to_owned()));
        let then = Reflect::get(&promise, &JsValue::from_str("then"))
            .ok()
            .and_then(|then| then.dyn_into::<Function>().ok());
        if then
            .and_then(|then| then.call2(&promise, &done, &failed).ok())
            .is_none()
        {
            status.set(REFUSED.to_owned());
        }
    };
    view! {
        <button type="button" class="copy" on:click=handler(copy)>
            {label}
        </button>
        <span class="copy-status" role="status">
            {redrawn(move || status.get())}
        </span>
    }
}
