//! The page's parts, one component per file. (The tree, which is several files, is `tree/`.)

pub mod change_list;
pub mod compare_form;
pub mod comparison_view;
pub mod copy_button;
pub mod details_panel;
pub mod duplicates_panel;
pub mod error_notice;
pub mod facts;
pub mod fetch_status;
pub mod findings_panel;
pub mod fix_panel;
pub mod header;
pub mod load_panel;
pub mod nixpkgs_panel;
pub mod overview;
pub mod share_link;
pub mod source_form;
pub mod text_form;
pub mod updates_panel;
