//! `lockscope dups` and `lockscope check` as a user and CI run them: output formats, exit
//! statuses, `--fail-on`, `--allow`, `--now`, `--branches`, and bad input.

mod run;

use std::path::PathBuf;
use std::process::Output;

use run::lockscope;

use serde_json::Value;

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn flake_checker_lock(name: &str) -> Option<String> {
    let path: PathBuf = lockscope_fixtures::corpus("dups_check::flake_checker_lock")?
        .join("_fixtures/DeterminateSystems__flake-checker__b66c7843f0__tests")
        .join(name);
    Some(path.to_str().expect("utf-8 path").to_string())
}

#[test]
fn dups_text_and_json_agree_on_every_corpus_lock() {
    let Some(corpus) =
        lockscope_fixtures::corpus("dups_check::dups_text_and_json_agree_on_every_corpus_lock")
    else {
        return;
    };
    let mut runs = 0;
    for case in lockscope_fixtures::cases(&corpus) {
        if case.golden.extension().is_some_and(|e| e == "err") {
            continue;
        }
        let path = case.lock.to_str().expect("utf-8 path");
        let text = lockscope(&["dups", path]);
        let json = lockscope(&["dups", "--json", path]);
        assert!(
            text.status.success() && json.status.success(),
            "{}",
            case.name
        );
        let text = stdout(&text);
        let doc: Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
        for s in doc["suggestions"].as_array().unwrap() {
            assert!(
                text.contains(s["line"].as_str().unwrap()),
                "{}: {} missing",
                case.name,
                s["line"]
            );
        }
        for group in doc["groups"].as_array().unwrap() {
            assert!(
                text.contains(group["source"].as_str().unwrap()),
                "{}",
                case.name
            );
        }
        if doc["suggestions"].as_array().is_some_and(|s| !s.is_empty()) {
            let (nodes, saved) = (
                doc["nodes"].as_u64().unwrap(),
                doc["nodes_saved"].as_u64().unwrap(),
            );
            let summary = format!("the lock has {} nodes instead of {nodes}", nodes - saved);
            assert!(text.contains(&summary), "{}: no '{summary}'", case.name);
        }
        runs += 1;
    }
    assert!(runs >= 150);
}

#[test]
fn check_fails_on_errors_unless_allowed() {
    let Some(dirty) = flake_checker_lock("flake.dirty.0.lock") else {
        return;
    };
    let failed = lockscope(&["check", &dirty]);
    assert_eq!(failed.status.code(), Some(1));
    let text = stdout(&failed);
    assert!(
        text.contains("nixpkgs-branch-unknown")
            && text.contains("'this-should-fail', which is not a NixOS channel branch"),
        "{text}"
    );
    assert!(
        text.contains("nixpkgs-non-upstream") && text.contains("bitcoin-miner-org"),
        "{text}"
    );
    // What to do comes on a line of its own, after what was found.
    assert!(
        text.contains(
            "change what packages build.\n  → Point it at NixOS/nixpkgs unless the fork is deliberate.\n"
        ),
        "{text}"
    );

    let allowed = lockscope(&["check", "--allow", "nixpkgs-non-upstream", &dirty]);
    assert_eq!(allowed.status.code(), Some(0));
    assert!(stdout(&allowed).contains("(allowed)"));

    // Outdated is a warning: it fails the run only from --fail-on warning. This lock has two
    // other warnings (a registry input, a duplicate), allowed here.
    let Some(clean) = flake_checker_lock("flake.clean.0.lock") else {
        return;
    };
    let late = (1_686_960_236 + 31 * 86_400).to_string(); // nixpkgs' lastModified + 31 days
    let run = |extra: &[&str]| {
        let mut args = vec![
            "check",
            "--now",
            &late,
            "--allow",
            "indirect-input,duplicate-source",
        ];
        args.extend(extra);
        args.push(&clean);
        lockscope(&args)
    };
    assert_eq!(run(&[]).status.code(), Some(0));
    let warned = run(&["--fail-on", "warning"]);
    assert_eq!(warned.status.code(), Some(1));
    assert!(stdout(&warned)
        .contains("'nixpkgs' (and 3 more paths) was last updated 31 days ago (2023-06-17)"));
    assert_eq!(
        run(&["--fail-on", "warning", "--max-age", "31"])
            .status
            .code(),
        Some(0)
    );
    // Notes fail the run from --fail-on info: here old root inputs (following a branch is
    // no finding).
    assert_eq!(
        run(&["--fail-on", "info", "--max-age", "31"]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(&[
            "--fail-on",
            "info",
            "--max-age",
            "31",
            "--input-max-age",
            "0"
        ])
        .status
        .code(),
        Some(1)
    );
}

#[test]
fn check_json_and_markdown() {
    let Some(lock) = flake_checker_lock("flake.explicit-keys.0.lock") else {
        return;
    };
    let json = lockscope(&[
        "check",
        "--format",
        "json",
        "--nixpkgs-keys",
        "nixpkgs,nixpkgs-alt",
        "--now",
        "0",
        &lock,
    ]);
    assert_eq!(json.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
    assert_eq!(doc["failed"], true);
    assert_eq!(doc["fail_on"], "error");
    assert_eq!(doc["now"], 0);
    let errors: Vec<(&str, &str)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["level"] == "error")
        .map(|f| {
            (
                f["code"].as_str().unwrap(),
                f["owner"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(errors, [("nixpkgs-non-upstream", "seems-pretty-shady")]);
    // Every finding says what was found, and apart what to do (`null`: nothing).
    for finding in doc["findings"].as_array().unwrap() {
        let (message, action) = (finding["message"].as_str().unwrap(), &finding["action"]);
        assert!(action.is_null() || action.as_str().is_some_and(|a| !message.contains(a)));
    }
    assert!(doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["action"] == "Point it at NixOS/nixpkgs unless the fork is deliberate."));

    let markdown = stdout(&lockscope(&[
        "check",
        "--format",
        "markdown",
        "--nixpkgs-keys",
        "nixpkgs,nixpkgs-alt",
        "--now",
        "0",
        &lock,
    ]));
    assert!(markdown.starts_with("## ❌ Lockscope: "), "{markdown}");
    assert!(
        markdown.contains("| Level | Code | Input | Finding | What to do |")
            && markdown
                .contains(" | Point it at NixOS\\/nixpkgs unless the fork is deliberate\\. |"),
        "{markdown}"
    );
    let finding_rows = markdown
        .lines()
        .filter(|l| l.starts_with("| ❌") || l.starts_with("| ⚠️") || l.starts_with("| ℹ️"));
    assert_eq!(
        finding_rows.count(),
        doc["findings"].as_array().unwrap().len()
    );
    assert!(
        markdown.contains(
            "| nixpkgs\\-alt | nixos\\-unstable \\(rolling\\, bundled table of 2026\\-08\\-08\\) |"
        ),
        "{markdown}"
    );
}

#[test]
fn bad_input_exits_2_naming_the_file() {
    let missing = lockscope(&["check", "/no/such/flake.lock"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr).starts_with("lockscope: /no/such/flake.lock: ")
    );
    assert_eq!(
        lockscope(&["dups", "/no/such/flake.lock"]).status.code(),
        Some(2)
    );

    let Some(lock) = flake_checker_lock("flake.clean.0.lock") else {
        return;
    };
    let bad_table = lockscope(&["check", "--branches", &lock, &lock]);
    assert_eq!(bad_table.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad_table.stderr);
    assert!(
        stderr.starts_with(&format!(
            "lockscope: {lock}: expected an object of branch names"
        )),
        "{stderr}"
    );
    assert_eq!(
        lockscope(&["check", "--fail-on", "sometimes", &lock])
            .status
            .code(),
        Some(2)
    );
}
