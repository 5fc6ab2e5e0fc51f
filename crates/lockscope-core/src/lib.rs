//! Lockscope's engine: read a Nix `flake.lock` exactly as Nix 2.34 does, print its input tree
//! byte for byte like `nix flake metadata`, and analyse it. Pure Rust, no I/O: the web app
//! and the `lockscope` CLI are thin fronts on this crate.

// The CLI and the app use the engine through its public items: each says what it is.
#![warn(missing_docs)]
// A lock holds any Unicode text: a string cut at a byte index can split a character and
// panic. Strings are cut by characters, at what `find`/`split_*` return, or with `get`.
#![deny(clippy::string_slice)]

pub mod attrs;
pub mod channel;
pub mod details;
pub mod diff;
pub mod dups;
pub mod error;
#[cfg(feature = "fix")]
pub mod fix;
pub mod flakeref;
pub mod graph;
mod hash;
pub mod health;
pub mod json;
pub mod lock;
mod order;
pub mod outdated;
pub mod prometheus;
pub mod report;
pub mod sorted_map;
pub mod source;
pub mod text;
pub mod time;
pub mod tree;
pub mod url;

pub use error::LockError;
pub use flakeref::FlakeRef;
pub use lock::{Input, LockFile, Node};
pub use sorted_map::SortedMap;
