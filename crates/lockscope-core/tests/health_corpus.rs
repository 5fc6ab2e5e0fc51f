//! Health checks on the real locks of the corpus, at a fixed clock.

use lockscope_core::dups;
use lockscope_core::health::{
    self, BranchStatus, BranchTable, CheckOptions, Finding, Level, Problem, Report, StatusSource,
};
use lockscope_core::LockFile;

/// 2026-09-21 22:13:20 UTC: after every lock of the corpus was written.
const NOW: i64 = 1_790_000_000;

fn load(dir: &str) -> Option<LockFile> {
    let path = lockscope_fixtures::corpus("health_corpus::load")?
        .join(dir)
        .join("flake.lock");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(LockFile::parse(&text).expect("a valid lock"))
}

fn check(lock: &LockFile) -> Report {
    health::check(lock, &CheckOptions::new(NOW))
}

fn with_code<'a>(report: &'a Report, code: &str) -> Vec<&'a Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.problem.code() == code)
        .collect()
}

fn paths(findings: &[&Finding]) -> Vec<String> {
    findings.iter().map(|f| f.path.join("/")).collect()
}

#[test]
fn every_finding_is_sorted_located_and_explained() {
    let Some(corpus) =
        lockscope_fixtures::corpus("health_corpus::every_finding_is_sorted_located_and_explained")
    else {
        return;
    };
    let (mut locks, mut findings) = (0, 0);
    for case in lockscope_fixtures::cases(&corpus) {
        let Ok(lock) = LockFile::parse(&case.read_lock()) else {
            continue;
        };
        locks += 1;
        let report = check(&lock);
        findings += report.findings.len();
        let name = &case.name;
        for pair in report.findings.windows(2) {
            assert!(pair[0].level >= pair[1].level, "{name}: not worst first");
        }
        for f in &report.findings {
            let json = serde_json::to_value(f).unwrap();
            assert_eq!(json["code"], f.problem.code(), "{name}");
            // What was found and what to do are each whole sentences, on one line.
            let sentence = |s: &str| !s.is_empty() && !s.contains('\n') && s.ends_with('.');
            assert!(
                sentence(&f.message) && f.action.as_deref().is_none_or(sentence),
                "{name}: {f:?}"
            );
            match (&f.problem, f.path.is_empty()) {
                (Problem::OrphanNode, true) => {
                    assert!(lock.orphans().contains(f.node.as_ref().unwrap()))
                }
                (_, false) => {
                    let resolved = lock.resolve(&f.path).unwrap();
                    if let Some(node) = &f.node {
                        assert_eq!(
                            resolved,
                            Some(node.as_str()),
                            "{name}: {} is not at {:?}",
                            node,
                            f.path
                        );
                    }
                }
                _ => panic!("{name}: a finding without a location: {f:?}"),
            }
        }
        assert_eq!(
            with_code(&report, "orphan-node").len(),
            lock.orphans().len(),
            "{name}"
        );
        assert_eq!(
            with_code(&report, "duplicate-source").len(),
            dups::find(&lock).groups.len(),
            "{name}"
        );
        assert_eq!(report, check(&lock), "{name}: not deterministic");
    }
    println!("{locks} locks checked, {findings} findings");
    assert!(locks >= 150);
}

#[test]
fn dirty_git_locks_are_errors() {
    for (dir, input) in [
        ("fufexan__dotfiles__09a53755a3", "matugen"),
        (
            "isabelroses__dotfiles__f53bd7db28",
            "simple-nixos-mailserver",
        ),
        ("NotAShelf__nyx__4c23bf606e", "schizofox"),
    ] {
        let Some(lock) = load(dir) else { return };
        let report = check(&lock);
        let dirty = with_code(&report, "dirty-lock");
        assert_eq!(paths(&dirty), [input], "{dir}");
        assert_eq!(dirty[0].level, Level::Error);
        // The same input is a local checkout: file:///home/...
        assert!(
            paths(&with_code(&report, "local-path")).contains(&input.to_string()),
            "{dir}"
        );
    }
}

#[test]
fn local_paths_but_not_relative_ones() {
    let Some(lock) = load("jakehamilton__config__3a0f3a141d") else {
        return;
    };
    let report = check(&lock);
    let local = with_code(&report, "local-path");
    assert_eq!(paths(&local), ["plane"]);
    assert!(local[0]
        .message
        .contains("/home/short/work/@jakehamilton/plane"));
    // A registry input locked to a store path of the machine that locked it.
    let Some(lock) = load("NotAShelf__nyx__41b29ca1af") else {
        return;
    };
    assert_eq!(
        paths(&with_code(&check(&lock), "local-path")),
        ["emacs-overlay/nixpkgs"]
    );
    // Relative `path:./sub` inputs belong to the flake's own tree.
    let Some(corpus) =
        lockscope_fixtures::corpus("health_corpus::local_paths_but_not_relative_ones")
    else {
        return;
    };
    let text = std::fs::read_to_string(corpus.join(
        "_fixtures/NixOS__nix__88b09c64fb__tests-functional-flakes/relative-paths.sub2.flake.lock",
    ))
    .unwrap();
    let report = check(&LockFile::parse(&text).unwrap());
    assert_eq!(with_code(&report, "local-path").len(), 0);
}

#[test]
fn unreachable_nodes_are_reported() {
    let Some(lock) = load("Misterio77__nix-config__955f3248b9") else {
        return;
    };
    let report = check(&lock);
    let orphans: Vec<Option<&str>> = with_code(&report, "orphan-node")
        .iter()
        .map(|f| f.node.as_deref())
        .collect();
    assert_eq!(orphans, [Some("flake-compat"), Some("utils")]);
}

#[test]
fn forks_of_nixpkgs_are_named() {
    let Some(lock) = load("Mic92__dotfiles__a3ef0376bf") else {
        return;
    };
    let report = check(&lock);
    let fork = with_code(&report, "nixpkgs-non-upstream");
    assert_eq!(
        fork.iter().map(|f| &f.problem).collect::<Vec<_>>(),
        [&Problem::NixpkgsNonUpstream {
            owner: "Mic92".into(),
            repo: "nixpkgs".into()
        }]
    );
}

#[test]
fn channel_tarballs_are_judged_by_their_channel() {
    let Some(lock) = load("NixOS__nixos-search__9db0c02895") else {
        return;
    };
    let report = check(&lock);
    assert_eq!(report.nixpkgs[0].branch.as_deref(), Some("nixos-unstable"));
    let verdict = &report.nixpkgs[0].verdict;
    assert_eq!(verdict.status, BranchStatus::Rolling);
    assert_eq!(verdict.source, Some(StatusSource::Table));
    assert_eq!(with_code(&report, "nixpkgs-unsupported-branch").len(), 0);
}

/// nix's own lock follows nixos-26.05 (a channel tarball): stable by the bundled table in
/// September 2026; unmaintained by a table that says so, or by the calendar in January 2027.
#[test]
fn a_release_is_judged_by_the_best_source_for_the_day() {
    let Some(lock) = load("NixOS__nix__88b09c64fb") else {
        return;
    };
    let report = check(&lock);
    let verdict = &report.nixpkgs[0].verdict;
    assert_eq!(
        (verdict.status, verdict.source),
        (BranchStatus::Stable, Some(StatusSource::Table))
    );
    assert!(report
        .findings
        .iter()
        .map(|f| f.problem.code())
        .all(|code| !code.starts_with("nixpkgs-") || !code.contains("branch")));
    let table = BranchTable::from_json(
        r#"{"taken": "2026-09-01", "statuses": {"nixos-26.05": "unmaintained"}}"#,
    )
    .unwrap();
    let january = 1_799_000_000; // 2027-01-03
    for (branches, now) in [(&table, NOW), (BranchTable::bundled(), january)] {
        let options = CheckOptions {
            branches,
            ..CheckOptions::new(now)
        };
        let report = health::check(&lock, &options);
        let unsupported = with_code(&report, "nixpkgs-unsupported-branch");
        assert_eq!(unsupported.len(), 1);
        assert_eq!(unsupported[0].level, Level::Error);
        let from = if now == NOW {
            "branch table of 2026-09-01"
        } else {
            "NixOS release calendar"
        };
        assert!(
            unsupported[0].message.contains(from),
            "{}",
            unsupported[0].message
        );
        assert_eq!(report.status_sources[0], branches.described());
    }
}

#[test]
fn registry_inputs_are_warned_about() {
    let Some(corpus) =
        lockscope_fixtures::corpus("health_corpus::registry_inputs_are_warned_about")
    else {
        return;
    };
    let text =
        std::fs::read_to_string(corpus.join(
            "_fixtures/DeterminateSystems__flake-checker__b66c7843f0__tests/flake.clean.6.lock",
        ))
        .unwrap();
    let report = check(&LockFile::parse(&text).unwrap());
    let indirect = with_code(&report, "indirect-input");
    assert_eq!(paths(&indirect), ["nixpkgs"]);
    assert_eq!(
        indirect[0].action.as_deref(),
        Some("Write the full reference instead, such as 'github:NixOS/nixpkgs/nixpkgs-unstable'.")
    );
}

/// No lock of the corpus is fetched over plain HTTP, so this one is written here.
#[test]
fn plain_http_is_insecure() {
    let lock = LockFile::parse(
        r#"{"version": 7, "root": "root", "nodes": {
            "root": {"inputs": {"src": "src", "repo": "repo"}},
            "src": {"flake": false,
                "locked": {"type": "tarball", "url": "http://example.org/src.tar.gz", "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
                "original": {"type": "tarball", "url": "http://example.org/src.tar.gz"}},
            "repo": {
                "locked": {"type": "git", "url": "git://example.org/repo", "rev": "0123456789012345678901234567890123456789", "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
                "original": {"type": "git", "url": "git://example.org/repo"}}}}"#,
    )
    .unwrap();
    let report = check(&lock);
    let insecure = with_code(&report, "insecure-url");
    assert_eq!(paths(&insecure), ["repo", "src"]);
    assert!(insecure.iter().all(|f| f.level == Level::Warning));
}
