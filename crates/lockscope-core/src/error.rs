//! Everything that can be wrong with a lock file, with Nix's own wording where Nix has one.

use thiserror::Error;

/// Why a `flake.lock` cannot be read. The `Display` text names the problem and where it is
/// (node key and input path), so a front can show it as it is.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LockError {
    /// The text is not JSON (RFC 8259), or nests deeper than [`crate::json::MAX_DEPTH`].
    #[error("not a JSON document: {message} at line {line}, column {column}")]
    Json {
        /// What is wrong, in serde_json's words: `expected value`, `trailing characters`, ...
        message: String,
        /// The line of the error, from 1.
        line: usize,
        /// The column of the error in characters, from 1.
        column: usize,
    },

    /// The text is longer than [`crate::lock::MAX_LOCK_BYTES`]: refused before parsing.
    #[error("the lock file is {size} bytes; the limit is {limit} bytes")]
    TooLarge {
        /// The length of the text in bytes.
        size: usize,
        /// [`crate::lock::MAX_LOCK_BYTES`].
        limit: usize,
    },

    /// `version` is not 5, 6 or 7, the versions Nix 2.34 reads. A missing `version` reads as 0,
    /// as in Nix; a fraction or an integer out of `i64`'s range reads as 0 too.
    #[error("lock file 'flake.lock' has unsupported version {0}")]
    UnsupportedVersion(i64),

    /// A value of the wrong JSON type: a string `version`, a numeric input, an attribute that
    /// is `null`, ...
    #[error("{what}: expected {expected}, found {found}")]
    WrongType {
        /// Where the value is: `'version'`, `node 'nixpkgs': 'flake'`, ...
        what: String,
        /// What it should be: `a boolean`, `an array of strings`, ...
        expected: &'static str,
        /// What it is: `a string`, `null`, ...
        found: &'static str,
    },

    /// A member the lock needs is absent: `root`, `nodes`, the root node in `nodes`, or a
    /// node's `locked` or `original`.
    #[error("{0} is missing")]
    Missing(String),

    /// An input names a node that `nodes` does not hold.
    #[error("lock file references missing node '{key}' (input '{input}')")]
    MissingNode {
        /// The key of the absent node.
        key: String,
        /// The input that names it: `<node key>/<input name>`.
        input: String,
    },

    /// An input names the root node as its node, which Nix's `LockFile` constructor refuses.
    #[error("lock file contains cycle to root node (input '{input}')")]
    CycleToRoot {
        /// The input that names the root: `<node key>/<input name>`.
        input: String,
    },

    /// A node's `locked` or `original` has no string `type` (Nix's words, from
    /// `Input::fromAttrs` in `src/libfetchers/fetchers.cc`).
    #[error("node '{key}': 'type' attribute to specify input scheme is required but not provided in '{field}'")]
    MissingType {
        /// The node's key.
        key: String,
        /// `locked` or `original`.
        field: &'static str,
    },

    /// A `type` that is none of Nix's fetchers ([`required_attrs`](crate::flakeref::required_attrs)
    /// gives `None`): Nix reads such a node too, but cannot print it either (`Input::toURL`).
    #[error("node '{key}': cannot show unsupported input type '{kind}' in '{field}'")]
    UnsupportedType {
        /// The node's key.
        key: String,
        /// `locked` or `original`.
        field: &'static str,
        /// The `type` as written.
        kind: String,
    },

    /// An attribute the `type` requires ([`required_attrs`](crate::flakeref::required_attrs))
    /// is absent or not a string: a `github` input without `owner`, a `git` one without `url`.
    #[error("node '{key}': attribute '{attr}' missing in '{field}' of a '{kind}' input")]
    MissingAttr {
        /// The node's key.
        key: String,
        /// `locked` or `original`.
        field: &'static str,
        /// The `type`.
        kind: String,
        /// The missing attribute.
        attr: &'static str,
    },

    /// A `follows` path leads to no input (Nix's `LockFile::check`).
    #[error("input '{input}' follows a non-existent input '{target}'")]
    FollowsMissing {
        /// The input path of the `follows`, `/`-separated.
        input: String,
        /// The path it follows, `/`-separated.
        target: String,
    },

    /// `follows` paths that lead back to one another (Nix's `LockFile::findInput`); the text
    /// is the cycle, its paths joined by ` -> `.
    #[error("follow cycle detected: [{0}]")]
    FollowCycle(String),
}
