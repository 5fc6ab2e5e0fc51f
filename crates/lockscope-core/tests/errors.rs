//! Bad input gets a typed error whose message names the problem and where, in Nix's words
//! where Nix has them; nothing panics, and huge or deep input answers quickly.

use lockscope_core::{tree, LockError, LockFile};

fn error_of(text: &str) -> String {
    LockFile::parse(text)
        .expect_err("the lock is refused")
        .to_string()
}

/// A version-7 lock from a JSON object of nodes.
fn lock_with(nodes: &str) -> String {
    format!(r#"{{"version": 7, "root": "root", "nodes": {nodes}}}"#)
}

const GITHUB: &str = r#""locked": {"type": "github", "owner": "o", "repo": "r", "rev": "0123456789abcdef0123456789abcdef01234567", "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "lastModified": 1700000000},
    "original": {"type": "github", "owner": "o", "repo": "r"}"#;

#[test]
fn not_json_says_where() {
    assert_eq!(
        error_of("{\n  \"version\": 7,\n  oops\n}"),
        "not a JSON document: key must be a string at line 3, column 3"
    );
    assert!(matches!(
        LockFile::parse(""),
        Err(LockError::Json { line: 1, .. })
    ));
}

#[test]
fn unsupported_versions_use_nix_wording() {
    for v in [1, 4, 8] {
        assert_eq!(
            error_of(&format!(
                r#"{{"version": {v}, "root": "root", "nodes": {{"root": {{}}}}}}"#
            )),
            format!("lock file 'flake.lock' has unsupported version {v}")
        );
    }
    assert_eq!(
        error_of("{}"),
        "lock file 'flake.lock' has unsupported version 0"
    );
}

#[test]
fn missing_root_and_nodes() {
    assert_eq!(
        error_of(r#"{"version": 7, "nodes": {}}"#),
        "'root' is missing"
    );
    assert_eq!(
        error_of(r#"{"version": 7, "root": "root"}"#),
        "'nodes' is missing"
    );
    assert_eq!(
        error_of(&lock_with(r#"{"n1": {}}"#)),
        "the root node 'root' in 'nodes' is missing"
    );
}

#[test]
fn dangling_node_names_the_input() {
    assert_eq!(
        error_of(&lock_with(
            r#"{"root": {"inputs": {"nixpkgs": "nixpkgs_2"}}}"#
        )),
        "lock file references missing node 'nixpkgs_2' (input 'root/nixpkgs')"
    );
}

#[test]
fn follows_to_nowhere_uses_nix_wording() {
    let text = lock_with(&format!(
        r#"{{"root": {{"inputs": {{"a": "a"}}}}, "a": {{"inputs": {{"b": ["x", "y"]}}, {GITHUB}}}}}"#
    ));
    assert_eq!(
        error_of(&text),
        "input 'a/b' follows a non-existent input 'x/y'"
    );
}

#[test]
fn follows_cycle_uses_nix_wording() {
    let text = lock_with(r#"{"root": {"inputs": {"a": ["b"], "b": ["a"]}}}"#);
    assert_eq!(error_of(&text), "follow cycle detected: [b -> a -> b]");
}

#[test]
fn edge_back_to_root_is_refused() {
    let text = lock_with(&format!(
        r#"{{"root": {{"inputs": {{"a": "a"}}}}, "a": {{"inputs": {{"self": "root"}}, {GITHUB}}}}}"#
    ));
    assert_eq!(
        error_of(&text),
        "lock file contains cycle to root node (input 'a/self')"
    );
}

#[test]
fn wrong_types_name_the_node_and_field() {
    assert_eq!(
        error_of(r#"{"version": "7", "root": "root", "nodes": {}}"#),
        "'version': expected a number, found a string"
    );
    assert_eq!(
        error_of(&lock_with(r#"{"root": {"inputs": {"a": 5}}}"#)),
        "node 'root': input 'a': expected a node key or a follows path, found a number"
    );
    assert_eq!(
        error_of(&lock_with(
            r#"{"root": {"inputs": {"a": "a"}}, "a": {"locked": {"type": "github", "owner": "o", "repo": "r", "lastModified": -1}, "original": {"type": "github", "owner": "o", "repo": "r"}}}"#
        )),
        "node 'a': 'locked.lastModified': expected a string, a non-negative integer or a boolean, found a number"
    );
    assert_eq!(
        error_of("[1, 2]"),
        "the lock file: expected an object, found an array"
    );
}

#[test]
fn incomplete_inputs_name_the_missing_attribute() {
    let node = |locked: &str| {
        lock_with(&format!(
            r#"{{"root": {{"inputs": {{"a": "a"}}}}, "a": {{"locked": {locked}, "original": {{"type": "indirect", "id": "a"}}}}}}"#
        ))
    };
    assert_eq!(
        error_of(&node(r#"{"type": "github", "owner": "o"}"#)),
        "node 'a': attribute 'repo' missing in 'locked' of a 'github' input"
    );
    assert_eq!(
        error_of(&node(r#"{"owner": "o"}"#)),
        "node 'a': 'type' attribute to specify input scheme is required but not provided in 'locked'"
    );
    assert_eq!(
        error_of(&node(r#"{"type": "svn", "url": "svn://x"}"#)),
        "node 'a': cannot show unsupported input type 'svn' in 'locked'"
    );
    assert_eq!(
        error_of(&lock_with(
            r#"{"root": {"inputs": {"a": "a"}}, "a": {"original": {"type": "indirect", "id": "a"}}}"#
        )),
        "node 'a': attribute 'locked' is missing"
    );
}

#[test]
fn deep_json_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(error_of(&deep).starts_with("not a JSON document: recursion limit exceeded"));
}

#[test]
fn a_chain_ten_thousand_deep_parses_and_renders() {
    let n = 10_000;
    let mut nodes = vec![r#""root": {"inputs": {"i": "n0"}}"#.to_string()];
    for k in 0..n {
        let inputs = if k + 1 < n {
            format!(r#""inputs": {{"i": "n{}"}}, "#, k + 1)
        } else {
            String::new()
        };
        nodes.push(format!(r#""n{k}": {{{inputs}{GITHUB}}}"#));
    }
    let lock = LockFile::parse(&lock_with(&format!("{{{}}}", nodes.join(",")))).expect("parses");
    let lines = tree::lines(&lock);
    assert_eq!(lines.len(), n);
    assert_eq!(lines[n - 1].depth, n - 1);
}

#[test]
fn oversized_input_is_refused_before_parsing() {
    let huge = " ".repeat(lockscope_core::lock::MAX_LOCK_BYTES + 1);
    assert!(matches!(
        LockFile::parse(&huge),
        Err(LockError::TooLarge { .. })
    ));
}

#[test]
fn a_twenty_megabyte_lock_parses() {
    // 20 MB of real structure: many root inputs, each its own node.
    let count = 60_000;
    let inputs: Vec<String> = (0..count).map(|k| format!(r#""i{k}": "n{k}""#)).collect();
    let mut nodes = vec![format!(r#""root": {{"inputs": {{{}}}}}"#, inputs.join(","))];
    nodes.extend((0..count).map(|k| format!(r#""n{k}": {{{GITHUB}}}"#)));
    let text = lock_with(&format!("{{{}}}", nodes.join(",")));
    assert!(text.len() > 15_000_000, "{} bytes", text.len());
    let lock = LockFile::parse(&text).expect("parses");
    assert_eq!(tree::lines(&lock).len(), count);
}
