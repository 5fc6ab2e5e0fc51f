//! flake-checker's checks of the Nixpkgs inputs: a supported branch, not older than the limit,
//! from the NixOS owner. As in flake-checker, the branch is the one flake.nix asks for
//! (`original.ref`) and the owner the one it names; beyond it, a registry input is judged by
//! what it locked, and channel, GitHub archive and FlakeHub tarballs by their URL.

use serde::Serialize;

use super::{
    days_between, older_than, show, BranchStatus, CheckOptions, Finding, Level, Problem, Verdict,
};
use crate::dups::source::{archive_ref, forge_origin};
use crate::flakeref::FlakeRef;
use crate::lock::{Input, LockFile, Node};
use crate::time::utc_date;
use crate::url::ParsedUrl;

/// A Nixpkgs input as the checks saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NixpkgsInput {
    /// The root input name.
    pub input: String,
    /// The input path it follows, if it follows one.
    pub follows: Option<Vec<String>>,
    pub node: String,
    pub locked_ref: String,
    pub branch: Option<String>,
    /// The branch's status and its source; `None` without a branch.
    pub verdict: Option<Verdict>,
    pub last_modified: Option<u64>,
    pub days_old: Option<i64>,
    /// `owner/repo` where the reference names one.
    pub repository: Option<String>,
}

pub(super) fn check(
    lock: &LockFile,
    options: &CheckOptions,
    findings: &mut Vec<Finding>,
) -> Vec<NixpkgsInput> {
    let mut checked = Vec::new();
    let mut keys: Vec<&String> = Vec::new();
    for key in &options.nixpkgs_keys {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    for key in keys {
        let path = vec![key.clone()];
        let follows = match lock.root().inputs.get(key) {
            Some(Input::Follows(target)) => Some(target.clone()),
            _ => None,
        };
        let node_key = lock
            .resolve(&path)
            .ok()
            .flatten()
            .filter(|k| *k != lock.root_key());
        let (Some(node_key), Some(node)) = (node_key, node_key.and_then(|k| lock.node(k))) else {
            findings.push(Finding {
                level: Level::Warning,
                problem: Problem::NixpkgsInputMissing,
                message: format!(
                    "The flake has no input '{key}' that locks a source, so it cannot be checked as Nixpkgs."
                ),
                path,
                node: None,
            });
            continue;
        };
        let Some(locked) = node.locked.as_ref() else {
            continue;
        };
        let name = match &follows {
            Some(target) => format!("'{key}' (which follows '{}')", show(target)),
            None => format!("'{key}'"),
        };
        let mut found = |level, problem, message: String| {
            findings.push(Finding {
                level,
                problem,
                path: path.clone(),
                node: Some(node_key.to_string()),
                message,
            })
        };
        let branch = branch(node);
        let verdict = branch.as_deref().map(|b| options.statuses().verdict(b));
        if let (Some(branch), Some(verdict)) = (&branch, &verdict) {
            if let Some((level, problem, message)) = judge_branch(&name, branch, verdict, options) {
                found(level, problem, message);
            }
        }

        let days_old = locked.last_modified().map(|t| days_between(t, options.now));
        if let (Some(days), Some(t)) = (days_old, locked.last_modified()) {
            if older_than(days, options.max_age_days) {
                let update = match &follows {
                    Some(target) => format!("`nix flake update {}`", target[0]),
                    None => format!("`nix flake update {key}`"),
                };
                found(
                    Level::Warning,
                    Problem::NixpkgsOutdated {
                        days,
                        max_days: options.max_age_days,
                    },
                    format!(
                        "{name} was last updated {days} days ago ({}); the limit is {} days. Old Nixpkgs \
                         lacks recent security fixes: run {update}.",
                        utc_date(t as i64),
                        options.max_age_days
                    ),
                );
            }
        }

        let repository = owner_repo(node);
        if let Some((owner, repo)) = &repository {
            if !owner.eq_ignore_ascii_case("nixos") {
                found(
                    Level::Error,
                    Problem::NixpkgsNonUpstream {
                        owner: owner.clone(),
                        repo: repo.clone(),
                    },
                    format!(
                        "{name} comes from {owner}/{repo}, not from NixOS/nixpkgs: a fork can lag behind \
                         on security fixes or change what packages build. Point it at NixOS/nixpkgs unless \
                         the fork is deliberate."
                    ),
                );
            }
        }

        checked.push(NixpkgsInput {
            input: key.clone(),
            follows,
            node: node_key.to_string(),
            locked_ref: locked.to_url(),
            branch,
            verdict,
            last_modified: locked.last_modified(),
            days_old,
            repository: repository.map(|(owner, repo)| format!("{owner}/{repo}")),
        });
    }
    checked
}

/// The finding a branch's verdict calls for, if any: `name` is the input as the message
/// names it.
fn judge_branch(
    name: &str,
    branch: &str,
    verdict: &Verdict,
    options: &CheckOptions,
) -> Option<(Level, Problem, String)> {
    let from = verdict.from.as_deref().unwrap_or_default();
    let source = verdict.source;
    let supported = || options.statuses().supported().join(", ");
    Some(match verdict.status {
        BranchStatus::Rolling | BranchStatus::Stable => return None,
        BranchStatus::Unmaintained => (
            Level::Error,
            Problem::NixpkgsUnsupportedBranch {
                branch: branch.to_string(),
                status: verdict.status,
                source,
            },
            format!(
                "{name} tracks {branch}, which is unmaintained ({from}): it no longer gets security \
                 fixes. Supported branches: {}.",
                supported()
            ),
        ),
        BranchStatus::Deprecated => {
            let until = verdict
                .until
                .as_deref()
                .map(|day| format!(" until {day}"))
                .unwrap_or_default();
            (
                Level::Info,
                Problem::NixpkgsDeprecatedBranch {
                    branch: branch.to_string(),
                    until: verdict.until.clone(),
                    source,
                },
                format!(
                    "{name} tracks {branch}, which is deprecated ({from}): the next release is out, \
                     and {branch} gets security fixes{until} only. Supported branches: {}.",
                    supported()
                ),
            )
        }
        BranchStatus::Beta => {
            let expected = verdict
                .until
                .as_deref()
                .map(|day| format!(", expected {day}"))
                .unwrap_or_default();
            (
                Level::Info,
                Problem::NixpkgsUnreleasedBranch {
                    branch: branch.to_string(),
                    source,
                },
                format!(
                    "{name} tracks {branch}, a NixOS release not yet released ({from}{expected}): it \
                     gets fixes, and changes more than a release does until it is out."
                ),
            )
        }
        BranchStatus::Unknown => (
            Level::Warning,
            Problem::NixpkgsBranchUnknown {
                branch: branch.to_string(),
            },
            format!(
                "{name} tracks '{branch}', which is not a NixOS channel branch: no source says whether \
                 it gets security fixes. Supported branches: {}.",
                supported()
            ),
        ),
    })
}

/// The branch flake.nix asks for: the `ref` of the original reference, or the channel or
/// branch a tarball URL names.
fn branch(node: &Node) -> Option<String> {
    let original = node.original.as_ref()?;
    let branch = match original.kind.as_str() {
        "tarball" | "file" => channel(original).or_else(|| archive_ref(original))?,
        _ => original.git_ref()?.to_string(),
    };
    let branch = branch
        .strip_prefix("refs/heads/")
        .map(str::to_string)
        .unwrap_or(branch);
    let is_rev = branch.len() == 40 && branch.chars().all(|c| c.is_ascii_hexdigit());
    (!is_rev).then_some(branch)
}

/// `https://channels.nixos.org/<channel>/...` and `https://nixos.org/channels/<channel>/...`.
fn channel(r: &FlakeRef) -> Option<String> {
    let url = ParsedUrl::parse(r.url()?)?;
    let segments = url.segments();
    match (url.host()?.as_str(), segments.as_slice()) {
        ("channels.nixos.org", [channel, ..]) | ("nixos.org", ["channels", channel, ..]) => {
            Some(channel.to_string())
        }
        _ => None,
    }
}

/// The owner and repository the reference names; for a registry input, what it locked.
fn owner_repo(node: &Node) -> Option<(String, String)> {
    let original = node.original.as_ref()?;
    let named = if original.kind == "indirect" {
        node.locked.as_ref()?
    } else {
        original
    };
    let repo = forge_origin(named)?;
    Some((repo.owner, repo.repo))
}
