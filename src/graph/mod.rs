//! The lock's dependency graph: lock nodes as boxes, inputs as edges. Two wasms share it.
//! The page holds only `panel` (the region, and loading the graph's wasm when it is first
//! opened) and `bridge` (how the two talk). The graph's own wasm (`src/bin/graph-view.rs`)
//! holds the rest, which a first visit never downloads: `view` (the tools and the view
//! asked for) shows a `picture` (the `<svg>`, its highlight, clicks and keys) of a
//! `drawing` (the engine's graph laid out by `geometry`), moved by `camera` (pan and zoom)
//! and saved by `download`.

pub(crate) mod bridge;
mod camera;
mod download;
mod drawing;
mod geometry;
pub(crate) mod panel;
mod picture;
pub mod view;
