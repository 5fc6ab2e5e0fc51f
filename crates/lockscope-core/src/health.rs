//! Health checks: flake-checker's Nixpkgs checks (supported branch, age, upstream owner) on
//! every Nixpkgs in the graph, then checks of every input (age, registry inputs, insecure
//! URLs, local paths, dirty locks, unreachable nodes, duplicates). Each finding has a stable code, a
//! level, the input path, a message that says what was found and stands on its own, and apart
//! from it the action that would fix it.

mod branches;
mod calendar;
mod inputs;
mod nixpkgs;

use serde::Serialize;

use crate::details::{self, Reached};
use crate::dups;
use crate::lock::LockFile;
use crate::order::sorted;
use branches::CALENDAR;
pub use branches::{
    BranchStatus, BranchTable, BranchTableError, StatusSource, Statuses, TableOrigin, Verdict,
};
pub use nixpkgs::{NixpkgsForm, NixpkgsNode};

/// flake-checker's defaults: Nixpkgs older than 30 days is outdated.
pub const DEFAULT_MAX_AGE_DAYS: u64 = 30;
/// Any other input is called old after a year: most flakes update far less often than Nixpkgs.
pub const DEFAULT_INPUT_MAX_AGE_DAYS: u64 = 365;

/// What the checks measure against: the clock, the age limits, which Nixpkgs to check and
/// the sources of branch statuses.
#[derive(Debug, Clone)]
pub struct CheckOptions<'a> {
    /// The clock, in Unix seconds: ages are measured against it.
    pub now: i64,
    /// Root inputs that hold Nixpkgs (follows resolved), as flake-checker's `--nixpkgs-keys`;
    /// `None`: every Nixpkgs the root reaches, found by its source.
    pub nixpkgs_keys: Option<Vec<String>>,
    /// Nixpkgs more than this many whole days old is outdated (`nixpkgs-outdated`).
    pub max_age_days: u64,
    /// Any other root input more than this many whole days old is old (`input-outdated`).
    pub input_max_age_days: u64,
    /// The branch statuses status.nixos.org gave just now, if asked.
    pub live: Option<&'a BranchTable>,
    /// The branch statuses to use without a live answer (or for branches it does not list).
    pub branches: &'a BranchTable,
}

impl<'a> CheckOptions<'a> {
    /// The sources of branch statuses, best first.
    pub fn statuses(&self) -> Statuses<'a> {
        Statuses {
            live: self.live,
            table: self.branches,
            now: self.now,
        }
    }
}

impl CheckOptions<'static> {
    /// flake-checker's limits, every Nixpkgs by its source, the bundled branch table.
    pub fn new(now: i64) -> Self {
        CheckOptions {
            now,
            nixpkgs_keys: None,
            max_age_days: DEFAULT_MAX_AGE_DAYS,
            input_max_age_days: DEFAULT_INPUT_MAX_AGE_DAYS,
            live: None,
            branches: BranchTable::bundled(),
        }
    }
}

/// How serious a finding is. Ordered: `info < warning < error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Worth knowing, often deliberate: an old input, a `beta` or `deprecated` branch, a node
    /// nothing reaches, copies of a source at one revision.
    Info,
    /// Less safe or less reproducible than it should be, such as old Nixpkgs, a registry
    /// input, an insecure URL or copies of a source at different revisions.
    Warning,
    /// No more security fixes, or a state nobody else can fetch: an unmaintained branch,
    /// Nixpkgs from a fork, a lock of uncommitted changes.
    Error,
}

impl Level {
    /// The level as the JSON output writes it: `info`, `warning`, `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// Every code a finding can have, as `Problem::code` gives them.
pub const CODES: [&str; 14] = [
    "nixpkgs-input-missing",
    "nixpkgs-unsupported-branch",
    "nixpkgs-branch-unknown",
    "nixpkgs-unreleased-branch",
    "nixpkgs-deprecated-branch",
    "nixpkgs-outdated",
    "nixpkgs-non-upstream",
    "input-outdated",
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
    /// The Nixpkgs branch gets no more fixes: `status` says why (`unmaintained`), `source`
    /// who says so.
    NixpkgsUnsupportedBranch {
        /// The branch, as [`NixpkgsNode::branch`].
        branch: String,
        /// The branch's status: `unmaintained`.
        status: BranchStatus,
        /// The source that gave the status.
        source: Option<StatusSource>,
    },
    /// A branch no source knows: not a NixOS channel branch.
    NixpkgsBranchUnknown {
        /// The branch, as [`NixpkgsNode::branch`].
        branch: String,
    },
    /// A `beta` branch: a release not yet out.
    NixpkgsUnreleasedBranch {
        /// The branch, as [`NixpkgsNode::branch`].
        branch: String,
        /// The source that gave the status.
        source: Option<StatusSource>,
    },
    /// A `deprecated` branch: the next release is out, fixes stop at `until` (`YYYY-MM-DD`).
    NixpkgsDeprecatedBranch {
        /// The branch, as [`NixpkgsNode::branch`].
        branch: String,
        /// The last day of fixes, when the calendar knows it.
        until: Option<String>,
        /// The source that gave the status.
        source: Option<StatusSource>,
    },
    /// Nixpkgs last changed more than [`CheckOptions::max_age_days`] days before the clock:
    /// it lacks recent security fixes.
    NixpkgsOutdated {
        /// Whole days from its `lastModified` to the clock.
        days: i64,
        /// [`CheckOptions::max_age_days`].
        max_days: u64,
    },
    /// Nixpkgs whose owner is not NixOS (in any case): a fork. A registry input is judged by
    /// the repository it locked.
    NixpkgsNonUpstream {
        /// The owner, as the reference writes it.
        owner: String,
        /// The repository's name, as the reference writes it.
        repo: String,
    },
    /// A root input flake.nix declares itself (not a `follows`, not a Nixpkgs the checks
    /// judge) last changed more than [`CheckOptions::input_max_age_days`] days before the
    /// clock. Nested inputs are left out: their own flake locks them.
    InputOutdated {
        /// Whole days from its `lastModified` to the clock.
        days: i64,
        /// [`CheckOptions::input_max_age_days`].
        max_days: u64,
    },
    /// A registry name (`type = "indirect"`) in flake.nix: what it locks depends on the flake
    /// registry of whoever updates the lock.
    IndirectInput {
        /// The registry name: `nixpkgs` for `flake:nixpkgs`.
        id: String,
    },
    /// A locked or original URL fetched over plain HTTP (`http`, `git+http`, `hg+http`) or
    /// the unauthenticated `git://` protocol.
    InsecureUrl {
        /// The first such URL: the locked reference's, else the original's.
        url: String,
    },
    /// An input locked to the machine that wrote the lock: an absolute `path` input (not one
    /// relative to its flake), or a URL on the local file system (`file://`, `git+file://`,
    /// `/srv/x`).
    LocalPath {
        /// What it is locked to, in words: `the local path /src/x`, `the local repository
        /// file:///srv/x`.
        location: String,
    },
    /// An input locked to uncommitted changes (`dirtyRev` or `dirtyShortRev` in `locked`):
    /// nobody else can fetch that state.
    DirtyLock {
        /// The locked `dirtyRev`, else `dirtyShortRev`, as written.
        rev: String,
    },
    /// A node in the file that no input reaches: Nix ignores it, and the next `nix flake
    /// lock` drops it.
    OrphanNode,
    /// A source locked by more than one node (see [`dups`]): a warning when the copies differ
    /// in revision, information when they do not.
    DuplicateSource {
        /// Where the source lives, as [`dups::DuplicateGroup::source`].
        source: String,
        /// How many nodes lock it.
        copies: usize,
        /// How many distinct revisions they lock.
        revisions: usize,
        /// How many of [`dups::find`]'s follows lines remove a copy of it.
        suggestions: usize,
        /// Copies left once every suggestion is applied.
        remaining: usize,
    },
}

impl Problem {
    /// The stable code, as in the JSON output.
    pub fn code(&self) -> &'static str {
        self.names().0
    }

    /// The kind of problem as a heading over every finding of its code: "Old inputs".
    pub fn kind(&self) -> &'static str {
        self.names().1
    }

    /// The code and the kind, side by side so that they never drift apart.
    fn names(&self) -> (&'static str, &'static str) {
        match self {
            Problem::NixpkgsInputMissing => ("nixpkgs-input-missing", "No Nixpkgs input"),
            Problem::NixpkgsUnsupportedBranch { .. } => (
                "nixpkgs-unsupported-branch",
                "Nixpkgs on an unsupported branch",
            ),
            Problem::NixpkgsBranchUnknown { .. } => (
                "nixpkgs-branch-unknown",
                "Nixpkgs on a branch no source knows",
            ),
            Problem::NixpkgsUnreleasedBranch { .. } => (
                "nixpkgs-unreleased-branch",
                "Nixpkgs on an unreleased branch",
            ),
            Problem::NixpkgsDeprecatedBranch { .. } => (
                "nixpkgs-deprecated-branch",
                "Nixpkgs on a deprecated branch",
            ),
            Problem::NixpkgsOutdated { .. } => ("nixpkgs-outdated", "Old Nixpkgs"),
            Problem::NixpkgsNonUpstream { .. } => ("nixpkgs-non-upstream", "Nixpkgs from a fork"),
            Problem::InputOutdated { .. } => ("input-outdated", "Old inputs"),
            Problem::IndirectInput { .. } => ("indirect-input", "Registry inputs"),
            Problem::InsecureUrl { .. } => ("insecure-url", "Insecure URLs"),
            Problem::LocalPath { .. } => ("local-path", "Local paths"),
            Problem::DirtyLock { .. } => ("dirty-lock", "Uncommitted changes locked"),
            Problem::OrphanNode => ("orphan-node", "Nodes nothing reaches"),
            Problem::DuplicateSource { .. } => ("duplicate-source", "Duplicated sources"),
        }
    }
}

/// One thing found in a lock: how serious, what and where, a message that stands on its own,
/// and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// How serious it is.
    pub level: Level,
    /// What it is, with its facts: in JSON, its `code` and fields sit beside `level`.
    #[serde(flatten)]
    pub problem: Problem,
    /// The input path (`["home-manager", "nixpkgs"]`); empty for a node no input reaches.
    pub path: Vec<String>,
    /// The lock node the finding is about, if any.
    pub node: Option<String>,
    /// What was found, in words, with its facts: a sentence or two that stand on their own.
    pub message: String,
    /// What to do about it, a sentence; `None` when there is nothing to do (a beta branch,
    /// a local path) or nothing the lock can change.
    pub action: Option<String>,
}

/// Everything [`check`] found in one lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Worst first, then by code and input path.
    pub findings: Vec<Finding>,
    /// Every Nixpkgs node the root reaches (with `nixpkgs_keys`: those the keys name), in
    /// the order of their first input path.
    pub nixpkgs: Vec<NixpkgsNode>,
    /// The clock the ages were measured against.
    pub now: i64,
    /// The sources of branch statuses, best first, in words: "live from status.nixos.org,
    /// 2026-12-06 10:04 UTC", "bundled table of 2026-08-08", "NixOS release calendar".
    pub status_sources: Vec<String>,
}

impl Report {
    /// The most severe level found.
    pub fn worst(&self) -> Option<Level> {
        self.findings.iter().map(|f| f.level).max()
    }

    /// How many findings have exactly this level.
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
    let nixpkgs = nixpkgs::check(lock, options, reached, found, &mut findings);
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
        status_sources: options
            .live
            .into_iter()
            .chain([options.branches])
            .map(BranchTable::described)
            .chain([CALENDAR.to_string()])
            .collect(),
    }
}

/// One finding per duplicated source: a warning when the copies differ in revision (more
/// to fetch and evaluate, and inputs that disagree), information when they are the same.
fn duplicates(found: &dups::Duplicates, findings: &mut Vec<Finding>) {
    // The lines' sources sorted, each group's counted by two searches: a big lock has
    // hundreds of lines and groups.
    let sources = found
        .suggestions
        .iter()
        .map(|s| s.source.as_str())
        .collect();
    let sources = sorted(sources, |a: &&str, b| a.cmp(b));
    for group in &found.groups {
        let source = group.source.as_str();
        let suggestions =
            sources.partition_point(|s| *s <= source) - sources.partition_point(|s| *s < source);
        let copies = group.copies.len();
        let (level, what) = match group.kind {
            dups::DuplicateKind::Skew => (
                Level::Warning,
                format!("at {} different revisions", group.revisions),
            ),
            dups::DuplicateKind::Waste => (Level::Info, "all at the same revision".to_string()),
        };
        // When no follows line is safe there is nothing to do, and that is part of what was found.
        let (found_too, action) = match group.remaining {
            n if n == copies => (format!(" {}", dups::NO_SAFE_FOLLOWS), None),
            1 => (
                String::new(),
                Some("Add the follows lines of `lockscope dups`: they leave one.".to_string()),
            ),
            n => (
                String::new(),
                Some(format!(
                    "Add the follows lines of `lockscope dups`: they leave {n}."
                )),
            ),
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
                "{} is locked {}, {what}.{found_too}",
                group.source,
                times(copies)
            ),
            action,
            path,
            node: None,
        });
    }
}

/// Adds findings about the node `node`, named by the input path `path`.
fn finder<'a, S: AsRef<str>>(
    findings: &'a mut Vec<Finding>,
    path: &'a [S],
    node: &'a str,
) -> impl FnMut(Level, Problem, String, Option<String>) + 'a {
    move |level, problem, message, action| {
        findings.push(Finding {
            level,
            problem,
            path: path.iter().map(|name| name.as_ref().to_string()).collect(),
            node: Some(node.to_string()),
            message,
            action,
        })
    }
}

/// The path that names a node best: the shortest that reaches it, the first of those.
fn main_path<S>(paths: &[Vec<S>]) -> Option<&Vec<S>> {
    paths.iter().min_by_key(|p| p.len())
}

/// An input path as Nix prints it: `home-manager/nixpkgs`.
fn show<S: std::borrow::Borrow<str>>(path: &[S]) -> String {
    path.join("/")
}

/// Whole days from `then` to `now`, rounded toward zero as flake-checker counts them. A
/// lock's `lastModified` is any `u64`: one past `i64::MAX` counts as the farthest future, and
/// the difference saturates instead of overflowing.
fn days_between(then: u64, now: i64) -> i64 {
    now.saturating_sub(i64::try_from(then).unwrap_or(i64::MAX)) / 86_400
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
                status: BranchStatus::Unmaintained,
                source: None,
            },
            Problem::NixpkgsBranchUnknown { branch: "b".into() },
            Problem::NixpkgsUnreleasedBranch {
                branch: "b".into(),
                source: None,
            },
            Problem::NixpkgsDeprecatedBranch {
                branch: "b".into(),
                until: None,
                source: None,
            },
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
        assert_eq!(days_between(1 << 63, 0), -(i64::MAX / 86_400));
        assert_eq!(days_between(u64::MAX, i64::MIN), i64::MIN / 86_400);
        assert!(
            older_than(31, 30)
                && !older_than(30, 30)
                && !older_than(-5, 0)
                && !older_than(9, u64::MAX)
        );
    }
}
