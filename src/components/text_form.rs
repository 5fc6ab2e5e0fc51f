//! A form that takes a file's text from the visitor: pasted into its text area (sent with its
//! button or Ctrl+Enter), or the file chosen or dropped on it. One component for the page's
//! two such forms (a lock to show, a flake.nix to fix), so that they behave alike and the
//! page's wasm holds their markup's code once.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, File, HtmlFormElement, HtmlInputElement};

use crate::boxed::handler;
use crate::dom::dropped_file;
use crate::form::Sent;

/// The words of one form.
pub struct Words {
    /// The text area's label.
    pub paste: &'static str,
    /// An example of the text, in the empty text area.
    pub placeholder: &'static str,
    /// The send button.
    pub send: &'static str,
    /// The file chooser's label.
    pub choose: &'static str,
    /// The files the chooser offers first.
    pub accept: &'static str,
    /// What the form says about keys and dropping files.
    pub hint: &'static str,
}

#[component]
pub fn TextForm(
    words: Words,
    /// The pasted text, or why the form could not be read.
    pasted: Callback<Result<String, String>>,
    /// A file chosen, or dropped on the form.
    file: Callback<File>,
) -> impl IntoView {
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        pasted.run(Sent::of(&event).and_then(|form| form.text("paste")));
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
            if let Some(chosen) = input.files().and_then(|files| files.get(0)) {
                file.run(chosen);
            }
            // Choosing the same file again must read it again.
            input.set_value("");
        }
    };
    // A file dropped here is this form's (the page takes one dropped elsewhere as a lock).
    let dragging = RwSignal::new(false);
    let on_drag_over = move |event: leptos::ev::DragEvent| {
        event.prevent_default();
        event.stop_propagation();
        dragging.set(true);
    };
    let on_drop = move |event: leptos::ev::DragEvent| {
        event.stop_propagation();
        dragging.set(false);
        // Dropped text goes into the text area, as the browser does it.
        if let Some(dropped) = dropped_file(&event) {
            event.prevent_default();
            file.run(dropped);
        }
    };

    // The form handles the keys, the file choice and the drops that bubble up from its
    // fields, which stay plain markup.
    view! {
        <form
            class:dragging=dragging
            on:submit=handler(on_submit)
            on:keydown=handler(on_key)
            on:change=handler(on_file)
            on:dragover=handler(on_drag_over)
            on:dragleave=handler(move |_| dragging.set(false))
            on:drop=handler(on_drop)
        >
            <label>
                {words.paste}
                <textarea
                    name="paste"
                    rows="4"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder=words.placeholder
                ></textarea>
            </label>
            <div class="load-actions">
                <button type="submit">{words.send}</button>
                <label class="file-choice">
                    {words.choose}
                    <input type="file" accept=words.accept />
                </label>
                <span class="hint">{words.hint}</span>
            </div>
        </form>
    }
}
