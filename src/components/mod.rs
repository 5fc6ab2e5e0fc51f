//! The page's parts, one component per file.

pub mod change_list;
pub mod compare_form;
pub mod comparison_view;
pub mod copy_button;
pub mod details_panel;
pub mod duplicates_panel;
pub mod error_notice;
pub mod fetch_status;
pub mod findings_panel;
pub mod header;
pub mod load_panel;
pub mod share_link;
pub mod source_form;
pub mod tree_lines;
pub mod tree_row;
pub mod tree_view;

/// The text in the `<input>` or `<textarea>` with this id, read when it is asked for: by id
/// rather than through `NodeRef`s, which cost the page 2 KB of wasm.
pub fn text_of(id: &str) -> String {
    use leptos::prelude::document;
    use wasm_bindgen::JsCast;
    use web_sys::{HtmlInputElement, HtmlTextAreaElement};
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

/// Empty the `<input>` with this id, whose text the page changes itself (the visitor's
/// typing reaches the page as events).
pub fn clear_field(id: &str) {
    use leptos::prelude::document;
    use wasm_bindgen::JsCast;
    if let Some(input) = document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.set_value("");
    }
}

/// An event handler, boxed so that all handlers of an event have one type: Leptos compiles
/// the code that attaches a handler once per type, and every closure is a type of its own.
/// (For the page's ten click handlers: 2.5 KB less wasm, 0.7 KB less brotli.)
pub fn handler<E: 'static>(handle: impl FnMut(E) + 'static) -> Box<dyn FnMut(E)> {
    Box::new(handle)
}

/// A part of a view drawn again whenever a signal it reads changes, boxed so that all such
/// parts drawing the same kind of view have one type (as `handler` does for events).
pub fn redrawn<T: 'static>(
    draw: impl FnMut() -> T + Send + 'static,
) -> Box<dyn FnMut() -> T + Send> {
    Box::new(draw)
}

/// An effect, boxed so that the effects keeping the same kind of value share one type (as
/// `handler` does for events).
pub fn effect<T: 'static>(run: impl FnMut(Option<T>) -> T + 'static) {
    leptos::prelude::Effect::new(Box::new(run) as Box<dyn FnMut(Option<T>) -> T>);
}
