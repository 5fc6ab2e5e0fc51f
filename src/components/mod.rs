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

/// The text in the `<input>` with this id: read when a form is sent, by id rather than
/// through a `NodeRef`, which costs the page 1 KB of wasm per kind of element.
pub fn input_text(id: &str) -> String {
    use leptos::prelude::document;
    use wasm_bindgen::JsCast;
    document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_default()
}
