//! The form fields the page reads and empties by id, when a form is sent or the page
//! changes a field itself. By id rather than through `NodeRef`s and bound properties, so
//! that the fields stay plain markup, which Leptos draws from a template without code of
//! their own (the tree filter's bound value alone cost 1.4 KB of brotli).

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};

/// The text in the `<input>` or `<textarea>` with this id.
pub fn text(id: &str) -> String {
    let Some(element) = document().get_element_by_id(id) else {
        return String::new();
    };
    match element.dyn_into::<HtmlInputElement>() {
        Ok(input) => input.value(),
        Err(element) => element
            .dyn_into::<HtmlTextAreaElement>()
            .map(|area| area.value())
            .unwrap_or_default(),
    }
}

/// Empty the `<input>` with this id.
pub fn clear(id: &str) {
    if let Some(input) = document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<HtmlInputElement>().ok())
    {
        input.set_value("");
    }
}
