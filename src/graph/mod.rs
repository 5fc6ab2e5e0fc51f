//! The lock's dependency graph in the page, drawn on demand: lock nodes as boxes, inputs as
//! edges. Its files import one way: `panel` (the component: opening, views, zoom buttons,
//! legend) draws `picture` (the `<svg>`, its highlight, clicks and keys), which moves
//! through `camera` (pan and zoom), and saves it with `download`; all read a `drawing`,
//! which the engine's graph and layout work out in a worker (`drawing::Drawer`), its
//! geometry in `geometry`, so that a first visit carries neither.

pub(crate) mod camera;
pub(crate) mod download;
pub(crate) mod drawing;
mod geometry;
pub(crate) mod panel;
pub(crate) mod picture;
