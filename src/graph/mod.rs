//! The lock's dependency graph in the page, drawn on demand: lock nodes as boxes, inputs as
//! edges. Its files import one way: `panel` (the component: opening, the tools, the events)
//! acts through `picture` (the `<svg>`, its highlight, clicks and keys on its boxes), which
//! moves through `camera` (pan and zoom), and saves with `download`; all read a `drawing`,
//! which the worker makes (`drawing::Drawer`) with the engine's graph and layout and
//! `geometry`, so that a first visit carries none of them.

pub(crate) mod camera;
pub(crate) mod download;
pub(crate) mod drawing;
mod geometry;
pub(crate) mod panel;
pub(crate) mod picture;
