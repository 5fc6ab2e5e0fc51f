//! flake-checker's checks of the Nixpkgs inputs: a supported branch, not older than the limit,
//! from the NixOS owner. As in flake-checker, the branch is the one flake.nix asks for
//! (`original.ref`) and the owner the one it names; beyond it, a registry input is judged by
//! what it locked, and channel, GitHub archive and FlakeHub tarballs by their URL.

use serde::Serialize;

use super::{days_between, older_than, show, CheckOptions, Finding, Level, Problem};
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
    /// The branch's status in the table, if listed.
    pub branch_status: Option<String>,
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
        let table = options.branches;
        let as_of = table
            .taken
            .as_deref()
            .map(|day| format!(" (NixOS branch statuses of {day})"))
            .unwrap_or_default();

        let branch = branch(node);
        let branch_status = branch
            .as_deref()
            .and_then(|b| table.status(b))
            .map(str::to_string);
        if let Some(branch) = &branch {
            let supported = branch_status
                .as_deref()
                .is_some_and(super::BranchTable::is_supported);
            if !supported && branch_status.is_none() && table.is_newer_release(branch) {
                found(
                    Level::Warning,
                    Problem::NixpkgsBranchUnknown { branch: branch.clone() },
                    format!(
                        "{name} tracks {branch}, a release newer than the NixOS branch statuses this \
                         Lockscope knows{as_of}, so whether it still gets updates is not known here."
                    ),
                );
            } else if !supported {
                let why = match &branch_status {
                    Some(status) => format!(
                        "which NixOS marks as {status}{as_of}: it no longer gets security fixes"
                    ),
                    None => format!("which is not a NixOS branch that gets updates{as_of}"),
                };
                found(
                    Level::Error,
                    Problem::NixpkgsUnsupportedBranch {
                        branch: branch.clone(),
                        status: branch_status.clone(),
                    },
                    format!(
                        "{name} tracks the branch '{branch}', {why}. Supported branches: {}.",
                        table.supported().join(", ")
                    ),
                );
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
            branch_status,
            last_modified: locked.last_modified(),
            days_old,
            repository: repository.map(|(owner, repo)| format!("{owner}/{repo}")),
        });
    }
    checked
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
