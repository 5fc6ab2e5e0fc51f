//! The `lockscope` binary on every lock of the corpus: `tree` prints Nix's golden output,
//! `show` and `show --json` succeed, a rejected lock exits 2 with one line naming the file.

mod run;

use std::process::Command;

use run::lockscope;

#[test]
fn tree_and_show_on_every_corpus_lock() {
    let Some(corpus) = lockscope_fixtures::corpus("corpus::tree_and_show_on_every_corpus_lock")
    else {
        return;
    };
    let cases = lockscope_fixtures::cases(&corpus);
    for case in &cases {
        let path = case.lock.to_str().expect("utf-8 path");
        let golden = std::fs::read_to_string(&case.golden).expect("readable");
        let tree = lockscope(&["tree", path]);
        if case.golden.extension().is_some_and(|e| e == "err") {
            assert_eq!(tree.status.code(), Some(2), "{}", case.name);
            let stderr = String::from_utf8_lossy(&tree.stderr);
            let message = golden.trim_end().trim_start_matches("error: ");
            assert_eq!(
                stderr,
                format!("lockscope: {path}: {message}\n"),
                "{}",
                case.name
            );
            continue;
        }
        assert!(tree.status.success(), "{}", case.name);
        assert_eq!(
            String::from_utf8_lossy(&tree.stdout),
            golden,
            "{}",
            case.name
        );

        let show = lockscope(&["show", path]);
        assert!(show.status.success(), "{}", case.name);
        let table = String::from_utf8_lossy(&show.stdout);
        let golden_lines = golden
            .lines()
            .filter(|l| !l.contains(" follows input "))
            .count();
        // One row per distinct locked node: never more than the tree's node lines.
        assert!(
            table.lines().count() <= golden_lines.max(1),
            "{}",
            case.name
        );

        let json = lockscope(&["show", "--json", path]);
        assert!(json.status.success(), "{}", case.name);
        let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
        assert_eq!(doc["schema_version"], 1);
        assert_eq!(
            doc["inputs"].as_array().map(Vec::len),
            Some(table.lines().count() - 1)
        );
    }
    println!(
        "lockscope tree/show/show --json ran on {} corpus locks",
        cases.len()
    );
}

#[test]
fn diff_reads_stdin_and_matches_a_nix_golden() {
    let Some(corpus) =
        lockscope_fixtures::corpus("corpus::diff_reads_stdin_and_matches_a_nix_golden")
    else {
        return;
    };
    let case = lockscope_fixtures::diff_cases(&corpus)
        .into_iter()
        .find(|c| {
            std::fs::metadata(&c.golden).is_ok_and(|m| m.len() > 0)
                && c.golden.extension().is_some_and(|e| e == "txt")
        })
        .expect("a non-empty diff golden");
    let old = std::fs::File::open(&case.old).expect("readable");
    let out = Command::new(env!("CARGO_BIN_EXE_lockscope"))
        .args(["diff", "-", case.new.to_str().expect("utf-8")])
        .stdin(old)
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        std::fs::read_to_string(&case.golden).expect("readable")
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        lockscope(&["tree", "/no/such/flake.lock"]).status.code(),
        Some(2)
    );
    assert_eq!(lockscope(&["no-such-command"]).status.code(), Some(2));
    let help = lockscope(&["--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("Examples:"));
}

#[test]
fn diff_markdown_links_forge_updates_only() {
    let Some(corpus) = lockscope_fixtures::corpus("corpus::diff_markdown_links_forge_updates_only")
    else {
        return;
    };
    let lock = |dir: &str| corpus.join(dir).join("flake.lock");
    let out = lockscope(&[
        "diff",
        "--format",
        "markdown",
        lock("DeterminateSystems__flake-checker__f370cc254a")
            .to_str()
            .expect("utf-8"),
        lock("DeterminateSystems__flake-checker__0ebaedaf65")
            .to_str()
            .expect("utf-8"),
    ]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    // A github input updated: the compare link between the two revisions, and the age gained.
    assert!(text.contains(
        "| fenix\\/rust\\-analyzer\\-src | updated | a6bc4a4bbe6a \\(2025\\-09\\-30\\) | a9026e6d5068 \\(2025\\-12\\-31\\) | 3 months ([compare](https://github.com/rust-lang/rust-analyzer/compare/a6bc4a4bbe6a65b71cbf76a0cf528c47a8d9f97f...a9026e6d5068172bf5a0d52a260bb290961d1cb4)) |"
    ), "{text}");
    // FlakeHub tarballs are not a forge repository: no link.
    let fenix = text
        .lines()
        .find(|l| l.starts_with("| fenix |"))
        .expect("fenix row");
    assert!(!fenix.contains("compare"), "{fenix}");
}
