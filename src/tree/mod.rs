//! Everything the tree is. Its files import one way: `view` (the component) draws `lines`,
//! which keep to the state in `ui`; `ui` acts through `row` (one line, and `go_to_row`, the
//! way in for the rest of the page) and `logic` (plain Rust: what is visible, where keys
//! lead), public for the workspace's other crates and tested on the host.

pub(crate) mod lines;
pub mod logic;
pub(crate) mod row;
pub(crate) mod ui;
pub(crate) mod view;
