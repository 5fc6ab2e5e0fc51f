//! The page's parts, one component per file, and two helpers they share: `boxed` (closures
//! for Leptos) and `field` (form fields by id).

pub mod boxed;
pub mod change_list;
pub mod compare_form;
pub mod comparison_view;
pub mod copy_button;
pub mod details_panel;
pub mod duplicates_panel;
pub mod error_notice;
pub mod fetch_status;
pub mod field;
pub mod findings_panel;
pub mod header;
pub mod load_panel;
pub mod share_link;
pub mod source_form;
pub mod tree_lines;
pub mod tree_row;
pub mod tree_view;
