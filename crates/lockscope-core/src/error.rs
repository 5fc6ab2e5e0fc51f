//! Everything that can be wrong with a lock file, with Nix's own wording where Nix has one.

use thiserror::Error;

/// Why a `flake.lock` cannot be read. The `Display` text names the problem and where it is
/// (node key and input path), so a front can show it as it is.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LockError {
    #[error("not a JSON document: {message} at line {line}, column {column}")]
    Json {
        message: String,
        line: usize,
        column: usize,
    },

    #[error("the lock file is {size} bytes; the limit is {limit} bytes")]
    TooLarge { size: usize, limit: usize },

    #[error("lock file 'flake.lock' has unsupported version {0}")]
    UnsupportedVersion(i64),

    #[error("{what}: expected {expected}, found {found}")]
    WrongType {
        what: String,
        expected: &'static str,
        found: &'static str,
    },

    #[error("{0} is missing")]
    Missing(String),

    #[error("lock file references missing node '{key}' (input '{input}')")]
    MissingNode { key: String, input: String },

    #[error("lock file contains cycle to root node (input '{input}')")]
    CycleToRoot { input: String },

    #[error("node '{key}': 'type' attribute to specify input scheme is required but not provided in '{field}'")]
    MissingType { key: String, field: &'static str },

    #[error("node '{key}': cannot show unsupported input type '{kind}' in '{field}'")]
    UnsupportedType {
        key: String,
        field: &'static str,
        kind: String,
    },

    #[error("node '{key}': attribute '{attr}' missing in '{field}' of a '{kind}' input")]
    MissingAttr {
        key: String,
        field: &'static str,
        kind: String,
        attr: &'static str,
    },

    #[error("input '{input}' follows a non-existent input '{target}'")]
    FollowsMissing { input: String, target: String },

    #[error("follow cycle detected: [{0}]")]
    FollowCycle(String),
}
