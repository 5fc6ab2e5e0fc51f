//! The Nixpkgs checks agree with flake-checker on its own test locks (its `tests/` directory
//! at b66c7843, in the corpus under `_fixtures`). The expected issues are the ones
//! flake-checker's own tests expect (`src/flake.rs`: `clean_flake_locks`,
//! `dirty_flake_locks`, `explicit_nixpkgs_keys`, `missing_nixpkgs_keys`).

use std::path::PathBuf;

use lockscope_core::health::{self, BranchTable, CheckOptions, Problem};
use lockscope_core::LockFile;

const DIR: &str = "_fixtures/DeterminateSystems__flake-checker__b66c7843f0__tests";

/// An issue as flake-checker names it: input, kind, and the value it reports.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Issue {
    Disallowed(&'static str, String),
    Outdated(&'static str),
    NonUpstream(&'static str, String),
    Missing(String),
}

fn lock(name: &str) -> Option<LockFile> {
    let path: PathBuf = lockscope_fixtures::corpus("health_flake_checker::lock")?
        .join(DIR)
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(LockFile::parse(&text).expect("flake-checker's test locks are valid"))
}

/// flake-checker's `ref-statuses.json` at b66c7843 (unchanged since 8d1041c5, 2026-01-02):
/// its results on its locks are the results with this table.
const FLAKE_CHECKER_STATUSES: &str = r#"{"taken": "2026-01-02", "statuses": {
    "nixos-25.05": "unmaintained", "nixos-25.05-small": "unmaintained",
    "nixos-25.11": "stable", "nixos-25.11-small": "stable",
    "nixos-unstable": "rolling", "nixos-unstable-small": "rolling",
    "nixpkgs-25.05-darwin": "unmaintained", "nixpkgs-25.11-darwin": "stable",
    "nixpkgs-unstable": "rolling"}}"#;

/// Our Nixpkgs findings in flake-checker's terms. A branch no source knows is "disallowed"
/// for flake-checker too: its table does not list it.
fn issues(lock: &LockFile, keys: &[&'static str], now: i64, max_age_days: u64) -> Vec<Issue> {
    let table = BranchTable::from_json(FLAKE_CHECKER_STATUSES).expect("a branch table");
    let options = CheckOptions {
        nixpkgs_keys: Some(keys.iter().map(|k| k.to_string()).collect()),
        max_age_days,
        branches: &table,
        ..CheckOptions::new(now)
    };
    let mut issues: Vec<Issue> = health::check(lock, &options)
        .findings
        .into_iter()
        .filter_map(|f| {
            let input = || {
                keys.iter()
                    .copied()
                    .find(|k| f.path == [*k])
                    .expect("a Nixpkgs key")
            };
            Some(match f.problem {
                Problem::NixpkgsUnsupportedBranch { branch, .. }
                | Problem::NixpkgsBranchUnknown { branch } => Issue::Disallowed(input(), branch),
                Problem::NixpkgsOutdated { .. } => Issue::Outdated(input()),
                Problem::NixpkgsNonUpstream { owner, .. } => Issue::NonUpstream(input(), owner),
                Problem::NixpkgsInputMissing => Issue::Missing(f.path.join("/")),
                _ => return None,
            })
        })
        .collect();
    issues.sort();
    issues
}

/// flake-checker's tests turn the age check off; so do these.
const NO_AGE_LIMIT: u64 = u64::MAX;

#[test]
fn clean_locks_are_clean() {
    let mut names: Vec<String> = (0..=7).map(|n| format!("flake.clean.{n}.lock")).collect();
    names.push("flake.cel.0.lock".into());
    for name in names {
        let Some(lock) = lock(&name) else { return };
        assert_eq!(issues(&lock, &["nixpkgs"], 0, NO_AGE_LIMIT), [], "{name}");
    }
}

#[test]
fn dirty_locks_have_flake_checkers_issues() {
    let cases = [
        (
            "flake.dirty.0.lock",
            "this-should-fail",
            "bitcoin-miner-org",
        ),
        ("flake.dirty.1.lock", "probably-nefarious", "pretty-shady"),
    ];
    for (name, branch, owner) in cases {
        let Some(lock) = lock(name) else { return };
        assert_eq!(
            issues(&lock, &["nixpkgs"], 0, NO_AGE_LIMIT),
            [
                Issue::Disallowed("nixpkgs", branch.into()),
                Issue::NonUpstream("nixpkgs", owner.into())
            ],
            "{name}"
        );
    }
}

#[test]
fn explicit_keys_are_all_checked() {
    let Some(lock) = lock("flake.explicit-keys.0.lock") else {
        return;
    };
    assert_eq!(
        issues(&lock, &["nixpkgs", "nixpkgs-alt"], 0, NO_AGE_LIMIT),
        [Issue::NonUpstream(
            "nixpkgs-alt",
            "seems-pretty-shady".into()
        )]
    );
}

#[test]
fn missing_keys_are_reported() {
    let Some(clean0) = lock("flake.clean.0.lock") else {
        return;
    };
    assert_eq!(
        issues(&clean0, &["nixpkgs", "foo", "bar"], 0, NO_AGE_LIMIT),
        [Issue::Missing("bar".into()), Issue::Missing("foo".into())]
    );
    let Some(clean1) = lock("flake.clean.1.lock") else {
        return;
    };
    assert_eq!(
        issues(&clean1, &["nixpkgs", "nixpkgs-other"], 0, NO_AGE_LIMIT),
        [Issue::Missing("nixpkgs-other".into())]
    );
}

/// flake-checker counts whole days (`chrono::Duration::num_days`) and calls more than 30
/// outdated, measured from `locked.lastModified` of the input the key resolves to. It skips
/// registry (`indirect`) inputs, as in clean.6 and clean.7; Lockscope judges them by what
/// they locked, so there it reports what flake-checker would for the same input written out.
#[test]
fn age_is_counted_as_flake_checker_counts_it() {
    for n in 0..=7 {
        let name = format!("flake.clean.{n}.lock");
        let Some(lock) = lock(&name) else { return };
        let nixpkgs = lock
            .node(lock.resolve(&["nixpkgs".to_string()]).unwrap().unwrap())
            .unwrap();
        let registry = nixpkgs.original.as_ref().unwrap().kind == "indirect";
        assert_eq!(registry, n >= 6, "{name}");
        let last_modified = nixpkgs.locked.as_ref().unwrap().last_modified().unwrap() as i64;
        let just_30_days = last_modified + 31 * 86_400 - 1;
        assert_eq!(issues(&lock, &["nixpkgs"], just_30_days, 30), [], "{name}");
        assert_eq!(
            issues(&lock, &["nixpkgs"], just_30_days + 1, 30),
            [Issue::Outdated("nixpkgs")],
            "{name}"
        );
    }
}
