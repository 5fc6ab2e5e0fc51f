//! The page's parts, one component per file.

pub mod copy_button;
pub mod details_panel;
pub mod duplicates_panel;
pub mod error_notice;
pub mod findings_panel;
pub mod header;
pub mod load_panel;
pub mod tree_row;
pub mod tree_view;
