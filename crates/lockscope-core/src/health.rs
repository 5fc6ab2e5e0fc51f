//! Health checks: flake-checker's Nixpkgs checks (supported branch, age, upstream owner),
//! then checks of every input (age, branch locks, registry inputs, insecure URLs, local
//! paths, dirty locks, unreachable nodes, duplicates). Each finding has a stable code, a
//! level, the input path and a message that stands on its own.

mod branches;
mod inputs;
mod nixpkgs;

use serde::Serialize;

use crate::details::{self, Reached};
use crate::dups;
use crate::lock::LockFile;
use crate::order::sorted;
pub use branches::{BranchTable, BranchTableError};
pub use nixpkgs::NixpkgsInput;

/// flake-checker's defaults: Nixpkgs older than 30 days is outdated.
pub const DEFAULT_MAX_AGE_DAYS: u64 = 30;
/// Any other input is called old after a year: most flakes update far less often than Nixpkgs.
pub const DEFAULT_INPUT_MAX_AGE_DAYS: u64 = 365;

#[derive(Debug, Clone)]
pub struct CheckOptions<'a> {
    /// The clock, in Unix seconds: ages are measured against it.
    pub now: i64,
    /// Root inputs that hold Nixpkgs (follows resolved).
    pub nixpkgs_keys: Vec<String>,
    pub max_age_days: u64,
    pub input_max_age_days: u64,
    pub branches: &'a BranchTable,
}

impl CheckOptions<'static> {
    /// The defaults of flake-checker, with the bundled branch table.
    pub fn new(now: i64) -> Self {
        CheckOptions {
            now,
            nixpkgs_keys: vec!["nixpkgs".into()],
            max_age_days: DEFAULT_MAX_AGE_DAYS,
            input_max_age_days: DEFAULT_INPUT_MAX_AGE_DAYS,
            branches: BranchTable::bundled(),
        }
    }
}

/// Ordered: `info < warning < error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// Every code a finding can have, as `Problem::code` gives them.
pub const CODES: [&str; 13] = [
    "nixpkgs-input-missing",
    "nixpkgs-unsupported-branch",
    "nixpkgs-branch-unknown",
    "nixpkgs-outdated",
    "nixpkgs-non-upstream",
    "input-outdated",
    "branch-lock",
    "indirect-input",
    "insecure-url",
    "local-path",
    "dirty-lock",
    "orphan-node",
    "duplicate-source",
];

/// What a finding is about, with its facts; serialised with its stable `code`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum Problem {
    /// No root input has a name of `--nixpkgs-keys`.
    NixpkgsInputMissing,
    /// The Nixpkgs branch is not supported: `status` is its status, `None` when the table
    /// does not list it.
    NixpkgsUnsupportedBranch {
        branch: String,
        status: Option<String>,
    },
    /// A release newer than the branch table: its status is unknown.
    NixpkgsBranchUnknown {
        branch: String,
    },
    NixpkgsOutdated {
        days: i64,
        max_days: u64,
    },
    NixpkgsNonUpstream {
        owner: String,
        repo: String,
    },
    InputOutdated {
        days: i64,
        max_days: u64,
    },
    /// A root input that follows a branch (`None`: the default branch).
    BranchLock {
        branch: Option<String>,
    },
    IndirectInput {
        id: String,
    },
    InsecureUrl {
        url: String,
    },
    LocalPath {
        location: String,
    },
    DirtyLock {
        rev: String,
    },
    OrphanNode,
    DuplicateSource {
        source: String,
        copies: usize,
        revisions: usize,
        suggestions: usize,
        /// Copies left once every suggestion is applied.
        remaining: usize,
    },
}

impl Problem {
    /// The stable code, as in the JSON output.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::NixpkgsInputMissing => "nixpkgs-input-missing",
            Problem::NixpkgsUnsupportedBranch { .. } => "nixpkgs-unsupported-branch",
            Problem::NixpkgsBranchUnknown { .. } => "nixpkgs-branch-unknown",
            Problem::NixpkgsOutdated { .. } => "nixpkgs-outdated",
            Problem::NixpkgsNonUpstream { .. } => "nixpkgs-non-upstream",
            Problem::InputOutdated { .. } => "input-outdated",
            Problem::BranchLock { .. } => "branch-lock",
            Problem::IndirectInput { .. } => "indirect-input",
            Problem::InsecureUrl { .. } => "insecure-url",
            Problem::LocalPath { .. } => "local-path",
            Problem::DirtyLock { .. } => "dirty-lock",
            Problem::OrphanNode => "orphan-node",
            Problem::DuplicateSource { .. } => "duplicate-source",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub level: Level,
    #[serde(flatten)]
    pub problem: Problem,
    /// The input path (`["home-manager", "nixpkgs"]`); empty for a node no input reaches.
    pub path: Vec<String>,
    /// The lock node the finding is about, if any.
    pub node: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Worst first, then by code and input path.
    pub findings: Vec<Finding>,
    /// What was found for each Nixpkgs input that exists.
    pub nixpkgs: Vec<NixpkgsInput>,
    /// The clock the ages were measured against.
    pub now: i64,
    /// The day the branch statuses were taken.
    pub branches_taken: Option<String>,
}

impl Report {
    /// The most severe level found.
    pub fn worst(&self) -> Option<Level> {
        self.findings.iter().map(|f| f.level).max()
    }

    pub fn count(&self, level: Level) -> usize {
        self.findings.iter().filter(|f| f.level == level).count()
    }
}

/// Every check on one lock.
pub fn check(lock: &LockFile, options: &CheckOptions) -> Report {
    let reached = details::reached(lock);
    report(lock, options, &reached, &dups::find_in(lock, &reached))
}

/// `check`, given what `dups::find` found for the lock: finding duplicates costs more than
/// all the other checks, so a caller that shows both finds them once.
pub fn check_with(lock: &LockFile, options: &CheckOptions, found: &dups::Duplicates) -> Report {
    report(lock, options, &details::reached(lock), found)
}

/// `reached`: the lock's `details::reached`.
fn report(
    lock: &LockFile,
    options: &CheckOptions,
    reached: &[Reached],
    found: &dups::Duplicates,
) -> Report {
    let mut findings = Vec::new();
    let nixpkgs = nixpkgs::check(lock, options, &mut findings);
    let nixpkgs_nodes: Vec<&str> = nixpkgs.iter().map(|n| n.node.as_str()).collect();
    inputs::check(lock, options, reached, &nixpkgs_nodes, &mut findings);
    duplicates(found, &mut findings);
    let findings = sorted(findings, |a, b| {
        b.level
            .cmp(&a.level)
            .then_with(|| a.problem.code().cmp(b.problem.code()))
            .then_with(|| a.path.cmp(&b.path))
            .then_with(|| a.node.cmp(&b.node))
    });
    Report {
        findings,
        nixpkgs,
        now: options.now,
        branches_taken: options.branches.taken.clone(),
    }
}

/// One finding per duplicated source: a warning when the copies differ in revision (more
/// to fetch and evaluate, and inputs that disagree), information when they are the same.
fn duplicates(found: &dups::Duplicates, findings: &mut Vec<Finding>) {
    for group in &found.groups {
        let suggestions = found
            .suggestions
            .iter()
            .filter(|s| s.source == group.source)
            .count();
        let copies = group.copies.len();
        let (level, what) = match group.kind {
            dups::DuplicateKind::Skew => (
                Level::Warning,
                format!("at {} different revisions", group.revisions),
            ),
            dups::DuplicateKind::Waste => (Level::Info, "all at the same revision".to_string()),
        };
        let fix = match group.remaining {
            n if n == copies => dups::NO_SAFE_FOLLOWS.to_string(),
            1 => "The follows lines of `lockscope dups` leave one.".to_string(),
            n => format!("The follows lines of `lockscope dups` leave {n}."),
        };
        // Named by the root input that locks it, if any: that is the copy the others follow.
        let path = match group.root_inputs.first() {
            Some(name) => vec![name.clone()],
            None => group
                .copies
                .first()
                .and_then(|c| main_path(&c.paths))
                .cloned()
                .unwrap_or_default(),
        };
        findings.push(Finding {
            level,
            problem: Problem::DuplicateSource {
                source: group.source.clone(),
                copies,
                revisions: group.revisions,
                suggestions,
                remaining: group.remaining,
            },
            message: format!(
                "{} is locked {}, {what}. {fix}",
                group.source,
                times(copies)
            ),
            path,
            node: None,
        });
    }
}

/// The path that names a node best: the shortest that reaches it, the first of those.
fn main_path(paths: &[Vec<String>]) -> Option<&Vec<String>> {
    paths.iter().min_by_key(|p| p.len())
}

/// An input path as Nix prints it: `home-manager/nixpkgs`.
fn show(path: &[String]) -> String {
    path.join("/")
}

/// Whole days from `then` to `now`, rounded toward zero as flake-checker counts them.
fn days_between(then: u64, now: i64) -> i64 {
    (now - then as i64) / 86_400
}

fn times(n: usize) -> String {
    match n {
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// Whether an age in days is over a limit (a limit as large as `u64::MAX` means none).
fn older_than(days: i64, max_days: u64) -> bool {
    u64::try_from(days).is_ok_and(|days| days > max_days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_json() {
        let problems = [
            Problem::NixpkgsInputMissing,
            Problem::NixpkgsUnsupportedBranch {
                branch: "b".into(),
                status: None,
            },
            Problem::NixpkgsBranchUnknown { branch: "b".into() },
            Problem::NixpkgsOutdated {
                days: 1,
                max_days: 0,
            },
            Problem::NixpkgsNonUpstream {
                owner: "o".into(),
                repo: "r".into(),
            },
            Problem::InputOutdated {
                days: 1,
                max_days: 0,
            },
            Problem::BranchLock { branch: None },
            Problem::IndirectInput { id: "i".into() },
            Problem::InsecureUrl { url: "u".into() },
            Problem::LocalPath {
                location: "l".into(),
            },
            Problem::DirtyLock { rev: "r".into() },
            Problem::OrphanNode,
            Problem::DuplicateSource {
                source: "s".into(),
                copies: 2,
                revisions: 1,
                suggestions: 0,
                remaining: 2,
            },
        ];
        assert_eq!(problems.each_ref().map(Problem::code), CODES);
        for problem in problems {
            let json = serde_json::to_value(&problem).unwrap();
            assert_eq!(json["code"], problem.code());
        }
    }

    #[test]
    fn checking_with_found_duplicates_is_checking() {
        let node = |repo: &str, rev: char, inputs: serde_json::Value| {
            let source = serde_json::json!({"type": "github", "owner": "o", "repo": repo});
            let mut locked = source.clone();
            locked["rev"] = rev.to_string().repeat(40).into();
            serde_json::json!({"inputs": inputs, "locked": locked, "original": source})
        };
        let lock = serde_json::json!({"version": 7, "root": "root", "nodes": {
            "root": {"inputs": {"a": "a", "b": "b"}},
            // a's b is another copy of the root's b.
            "a": node("a", 'a', serde_json::json!({"b": "b_2"})),
            "b": node("b", '1', serde_json::json!({})),
            "b_2": node("b", '2', serde_json::json!({})),
        }});
        let lock = LockFile::parse(&lock.to_string()).unwrap();
        let options = CheckOptions::new(1_800_000_000);
        let found = dups::find(&lock);
        assert_eq!(found.suggestions.len(), 1);
        let report = check_with(&lock, &options, &found);
        assert!(report
            .findings
            .iter()
            .any(|f| f.problem.code() == "duplicate-source"));
        assert_eq!(report, check(&lock, &options));
    }

    #[test]
    fn levels_order_by_severity() {
        assert!(Level::Info < Level::Warning && Level::Warning < Level::Error);
        assert_eq!(days_between(0, 86_399), 0);
        assert_eq!(days_between(0, 31 * 86_400), 31);
        assert!(
            older_than(31, 30)
                && !older_than(30, 30)
                && !older_than(-5, 0)
                && !older_than(9, u64::MAX)
        );
    }
}
