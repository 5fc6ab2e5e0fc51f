//! What counts as the same source, which follows lines are suggested and which are not:
//! on one real lock, and on small locks built for each rule.

use lockscope_core::dups::{self, DuplicateKind, Duplicates};
use lockscope_core::LockFile;
use serde_json::{json, Value};

/// A `github` node: locked at `rev`, asked for `branch`.
fn github(owner: &str, repo: &str, rev: char, branch: Option<&str>, inputs: Value) -> Value {
    let mut original = json!({"type": "github", "owner": owner, "repo": repo});
    if let Some(branch) = branch {
        original["ref"] = branch.into();
    }
    json!({
        "inputs": inputs,
        "locked": {"type": "github", "owner": owner, "repo": repo, "rev": rev.to_string().repeat(40),
                   "lastModified": 1_700_000_000 + rev as u64, "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
        "original": original,
    })
}

fn lock(nodes: Value) -> LockFile {
    LockFile::parse(&json!({"version": 7, "root": "root", "nodes": nodes}).to_string())
        .expect("a valid lock")
}

fn lines(found: &Duplicates) -> Vec<&str> {
    found.suggestions.iter().map(|s| s.line.as_str()).collect()
}

#[test]
fn a_real_lock() {
    let Some(corpus) = lockscope_fixtures::corpus("dups_cases::a_real_lock") else {
        return;
    };
    let text =
        std::fs::read_to_string(corpus.join("EmergentMind__nix-config__14adb9899c/flake.lock"))
            .unwrap();
    let found = dups::find(&LockFile::parse(&text).unwrap());
    let sources: Vec<(&str, usize, usize)> = found
        .groups
        .iter()
        .map(|g| (g.source.as_str(), g.copies.len(), g.revisions))
        .collect();
    assert_eq!(
        sources,
        [
            ("github:NixOS/nixpkgs", 4, 4),
            ("github:numtide/flake-utils", 3, 3),
            ("github:nix-systems/default", 2, 1)
        ]
    );
    assert_eq!(found.groups[2].kind, DuplicateKind::Waste);
    assert_eq!(found.groups[0].root_inputs, ["nixpkgs", "nixpkgs-unstable"]);
    // flake-utils has no root input: add one, locking the newest copy (nixvim's).
    assert_eq!(found.new_inputs.len(), 1);
    assert_eq!(
        found.new_inputs[0].line,
        r#"inputs.flake-utils.url = "github:numtide/flake-utils";"#
    );
    assert_eq!(found.new_inputs[0].node, "flake-utils");
    assert_eq!(
        lines(&found),
        [
            r#"inputs.nixvim.inputs.beautysh.inputs.utils.follows = "flake-utils";"#,
            r#"inputs.nixvim.inputs.flake-utils.follows = "flake-utils";"#,
            r#"inputs.nixvim.inputs.pre-commit-hooks.inputs.flake-utils.follows = "flake-utils";"#,
            r#"inputs.nixvim.inputs.pre-commit-hooks.inputs.nixpkgs-stable.follows = "nixpkgs";"#,
            r#"inputs.sops-nix.inputs.nixpkgs-stable.follows = "nixpkgs";"#,
        ]
    );
    let deep: Vec<bool> = found.suggestions.iter().map(|s| s.needs_nix_2_30).collect();
    assert_eq!(deep, [true, false, true, true, false]);
    // Two flake-utils copies, two nixpkgs copies and the systems copy under one of them.
    assert_eq!((found.nodes, found.nodes_saved), (21, 5));
    assert_eq!(found.groups[2].remaining, 1);
}

#[test]
fn same_source_whatever_the_spelling() {
    let found = dups::find(&lock(json!({
        "root": {"inputs": {"nixpkgs": "nixpkgs", "a": "a", "b": "b", "c": "c", "d": "d"}},
        "nixpkgs": github("NixOS", "nixpkgs", '1', Some("nixos-unstable"), json!({})),
        // The owner in another case, the same revision: pure waste.
        "a": github("a", "a", 'a', None, json!({"nixpkgs": "nixpkgs_2"})),
        "nixpkgs_2": github("nixos", "nixpkgs", '1', Some("nixos-unstable"), json!({})),
        // The same repository as a git URL, at another revision: skew.
        "b": github("b", "b", 'b', None, json!({"nixpkgs": "nixpkgs_3"})),
        "nixpkgs_3": {
            "locked": {"type": "git", "url": "https://github.com/NixOS/nixpkgs.git", "rev": "2".repeat(40)},
            "original": {"type": "git", "url": "https://github.com/NixOS/nixpkgs.git"}},
        // Another flake of the repository (`dir`) is another source.
        "c": github("c", "c", 'c', None, json!({"nixpkgs": "nixpkgs_4"})),
        "nixpkgs_4": {
            "locked": {"type": "github", "owner": "NixOS", "repo": "nixpkgs", "rev": "1".repeat(40), "dir": "lib"},
            "original": {"type": "github", "owner": "NixOS", "repo": "nixpkgs", "dir": "lib"}},
        // A FlakeHub flake of the same name, since the lock has the GitHub repository.
        "d": github("d", "d", 'd', None, json!({"nixpkgs": "nixpkgs_5"})),
        "nixpkgs_5": {
            "locked": {"type": "tarball", "url": "https://api.flakehub.com/f/pinned/NixOS/nixpkgs/0.1.1/0190/source.tar.gz", "rev": "3".repeat(40)},
            "original": {"type": "tarball", "url": "https://flakehub.com/f/NixOS/nixpkgs/0.1"}},
    })));
    assert_eq!(found.groups.len(), 1);
    let keys: Vec<&str> = found.groups[0]
        .copies
        .iter()
        .map(|c| c.key.as_str())
        .collect();
    assert_eq!(keys, ["nixpkgs_2", "nixpkgs_3", "nixpkgs_5", "nixpkgs"]);
    assert_eq!(
        (found.groups[0].kind, found.groups[0].revisions),
        (DuplicateKind::Skew, 3)
    );
    let same: Vec<(&str, bool)> = found
        .suggestions
        .iter()
        .map(|s| (s.line.as_str(), s.same_revision))
        .collect();
    assert_eq!(
        same,
        [
            (r#"inputs.a.inputs.nixpkgs.follows = "nixpkgs";"#, true),
            (r#"inputs.b.inputs.nixpkgs.follows = "nixpkgs";"#, false),
            (r#"inputs.d.inputs.nixpkgs.follows = "nixpkgs";"#, false),
        ]
    );
    assert_eq!(found.nodes_saved, 3);
}

#[test]
fn a_flakehub_flake_alone_is_not_taken_for_a_github_repository() {
    let found = dups::find(&lock(json!({
        "root": {"inputs": {"a": "a", "b": "b"}},
        "a": {"locked": {"type": "tarball", "url": "https://api.flakehub.com/f/pinned/o/r/1/x/source.tar.gz"},
              "original": {"type": "tarball", "url": "https://flakehub.com/f/o/r/1"}},
        "b": {"locked": {"type": "git", "url": "https://github.com/o/r", "rev": "1".repeat(40)},
              "original": {"type": "git", "url": "https://github.com/o/r"}},
    })));
    assert!(found.groups.is_empty());
}

#[test]
fn follows_prefer_the_same_branch_then_the_same_name() {
    let found = dups::find(&lock(json!({
        "root": {"inputs": {"nixpkgs": "nixpkgs", "nixpkgs-stable": "nixpkgs-stable", "a": "a", "b": "b"}},
        "nixpkgs": github("NixOS", "nixpkgs", '1', Some("nixos-unstable"), json!({})),
        "nixpkgs-stable": github("NixOS", "nixpkgs", '2', Some("nixos-24.05"), json!({})),
        "a": github("a", "a", 'a', None, json!({"pkgs": "nixpkgs_2", "nixpkgs-stable": "nixpkgs_3"})),
        "nixpkgs_2": github("NixOS", "nixpkgs", '3', Some("nixos-24.05"), json!({})),
        "nixpkgs_3": github("NixOS", "nixpkgs", '4', None, json!({})),
        // Not a flake: only a non-flake root input could stand in for it.
        "b": github("b", "b", 'b', None, json!({"nixpkgs": "nixpkgs_4"})),
        "nixpkgs_4": {"flake": false, "locked": {"type": "github", "owner": "NixOS", "repo": "nixpkgs", "rev": "1".repeat(40)},
                      "original": {"type": "github", "owner": "NixOS", "repo": "nixpkgs"}},
    })));
    assert_eq!(
        lines(&found),
        [
            r#"inputs.a.inputs.nixpkgs-stable.follows = "nixpkgs-stable";"#,
            r#"inputs.a.inputs.pkgs.follows = "nixpkgs-stable";"#,
        ]
    );
    assert_eq!(found.groups[0].remaining, 3);
}

#[test]
fn never_a_cycle_nor_an_input_that_follows_itself() {
    let found = dups::find(&lock(json!({
        "root": {"inputs": {"x": "x", "y": "y", "s": "s"}},
        // y follows x; giving x the root's y would make x depend on itself.
        "x": github("o", "x", 'x', None, json!({"y": "y_2"})),
        "y": github("o", "y", '1', None, json!({"x": ["x"]})),
        "y_2": github("o", "y", '2', None, json!({})),
        // s depends on an older s: following the root's s would be s depending on s.
        "s": github("o", "s", '1', None, json!({"s": "s_2"})),
        "s_2": github("o", "s", '2', None, json!({})),
    })));
    assert_eq!(found.groups.len(), 2);
    assert_eq!(lines(&found), Vec::<&str>::new());
    assert_eq!(found.nodes_saved, 0);
}

#[test]
fn a_follows_path_through_the_copy_must_keep_leading_somewhere() {
    let found = dups::find(&lock(json!({
        "root": {"inputs": {"a": "a", "b": "b", "d": "d"}},
        "a": github("o", "a", 'a', None, json!({"b": "b_2"})),
        "b": github("o", "b", '1', None, json!({})),
        // a's b has an input c that d follows; the root's b has none.
        "b_2": github("o", "b", '2', None, json!({"c": "c"})),
        "c": github("o", "c", 'c', None, json!({})),
        "d": github("o", "d", 'd', None, json!({"c": ["a", "b", "c"]})),
    })));
    assert_eq!(lines(&found), Vec::<&str>::new());
}

#[test]
fn names_are_quoted_and_deep_overrides_flagged() {
    let found = dups::find(&lock(json!({
        "root": {"inputs": {"nixpkgs": "nixpkgs", "my.tool": "tool"}},
        "nixpkgs": github("NixOS", "nixpkgs", '1', None, json!({})),
        "tool": github("o", "tool", 't', None, json!({"hls-1.10": "hls"})),
        "hls": github("o", "hls", 'h', None, json!({"nixpkgs": "nixpkgs_2"})),
        "nixpkgs_2": github("NixOS", "nixpkgs", '1', None, json!({})),
    })));
    assert_eq!(
        lines(&found),
        [r#"inputs."my.tool".inputs."hls-1.10".inputs.nixpkgs.follows = "nixpkgs";"#]
    );
    assert!(found.suggestions[0].needs_nix_2_30);
}
