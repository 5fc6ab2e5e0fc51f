//! The checks of Nixpkgs: a supported branch, not older than the limit, from the NixOS owner.
//! Nixpkgs is found by what it is, anywhere in the graph: NixOS/nixpkgs (or a fork: a
//! repository named `nixpkgs`) on GitHub, GitLab, SourceHut or as a git URL, a GitHub archive,
//! FlakeHub's NixOS/nixpkgs, a NixOS channel tarball, or the registry name `nixpkgs`. With
//! `--nixpkgs-keys`, as in flake-checker, only the named root inputs are checked. The branch
//! is the one flake.nix asks for (`original`), or the channel a tarball URL names; a registry
//! input is judged by what it locked.

use serde::Serialize;

use super::{
    days_between, finder, main_path, older_than, show, BranchStatus, CheckOptions, Finding, Level,
    Problem, Verdict,
};
use crate::channel;
use crate::details::Reached;
use crate::dups::source::{archive_ref, forge_origin, tarball_origin, TarballOrigin};
use crate::dups::Duplicates;
use crate::flakeref::{is_hex_rev, Forge, ForgePage, ForgeRepo, HttpsLink};
use crate::lock::{owned_path, Input, LockFile, Node};
use crate::order::sorted;
use crate::text::plural_s;
use crate::time::utc_date;

/// How a lock names a Nixpkgs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NixpkgsForm {
    /// `github:NixOS/nixpkgs/…`, or a fork on GitHub.
    GitHub,
    /// `gitlab:`, a repository named `nixpkgs` on a GitLab.
    GitLab,
    /// `sourcehut:`, a repository named `nixpkgs` on SourceHut.
    SourceHut,
    /// A git URL of a repository named `nixpkgs`.
    Git,
    /// A NixOS channel tarball (channels.nixos.org, releases.nixos.org).
    Channel,
    /// A GitHub archive of NixOS/nixpkgs (`…/archive/<ref>.tar.gz`).
    Archive,
    /// FlakeHub's NixOS/nixpkgs.
    FlakeHub,
    /// The registry name `nixpkgs`.
    Indirect,
    /// A root input named by `--nixpkgs-keys` that is none of the above.
    Other,
}

/// A Nixpkgs node as the checks saw it: `lockscope check --format json`'s `"nixpkgs"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NixpkgsNode {
    /// The node key in the lock.
    pub node: String,
    /// Every input path that reaches it, as Nix prints them: `home-manager/nixpkgs`.
    pub paths: Vec<String>,
    /// How the lock names it.
    pub form: NixpkgsForm,
    /// `owner/repo` where the reference names one: `NixOS/nixpkgs` for a channel tarball.
    pub repository: Option<String>,
    /// The branch or channel flake.nix asks for.
    pub branch: Option<String>,
    /// The branch's status (`unknown` without a branch) and the source that says so.
    #[serde(flatten)]
    pub verdict: Verdict,
    /// The channel release a channel tarball was locked to: `26.05.4193`.
    pub channel_release: Option<String>,
    /// The locked revision (`rev`).
    pub rev: Option<String>,
    /// The commit on its forge (GitHub's NixOS/nixpkgs for a channel tarball), https only.
    pub link: Option<HttpsLink>,
    /// When the locked source last changed (`lastModified`), in Unix seconds.
    pub last_modified: Option<u64>,
    /// Whole days from `last_modified` to the check's clock, rounded toward zero (negative
    /// for a `last_modified` a day or more after the clock).
    pub days_old: Option<i64>,
    /// The locked reference as `nix flake metadata` prints it.
    pub locked_ref: String,
    /// The follows line of `lockscope dups` that removes this copy, if there is one.
    pub follows_line: Option<String>,
}

/// Who a Nixpkgs node is for the messages: the input path a finding names, the name the
/// message uses, and the action that updates it (a sentence).
struct Named {
    path: Vec<String>,
    name: String,
    update: String,
}

/// `rows`: the lock's `details::reached`; `found`: its duplicates.
pub(super) fn check(
    lock: &LockFile,
    options: &CheckOptions,
    rows: &[Reached],
    found: &Duplicates,
    findings: &mut Vec<Finding>,
) -> Vec<NixpkgsNode> {
    let mut shared = Shared {
        options,
        follows_lines: FollowsLines::of(found),
        supported: None,
    };
    let Some(keys) = &options.nixpkgs_keys else {
        return rows
            .iter()
            .filter_map(|row| {
                let node = row.node;
                let form = form(node)?;
                let named = by_path(
                    lock,
                    main_path(&row.paths)?,
                    row.paths.len(),
                    &shared.follows_lines,
                    row.key,
                );
                Some(judge(node, form, row, named, &mut shared, findings))
            })
            .collect();
    };
    let mut checked = Vec::new();
    let mut seen: Vec<&String> = Vec::new();
    for key in keys {
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let path = vec![key.clone()];
        let node_key = lock
            .resolve(&path)
            .ok()
            .flatten()
            .filter(|k| *k != lock.root_key());
        let row = node_key.and_then(|k| rows.iter().find(|row| row.key == k));
        let (Some(row), Some(node)) = (row, node_key.and_then(|k| lock.node(k))) else {
            findings.push(Finding {
                level: Level::Warning,
                problem: Problem::NixpkgsInputMissing,
                message: format!(
                    "The flake has no input '{key}' that locks a source, so it cannot be checked as Nixpkgs."
                ),
                action: None,
                path,
                node: None,
            });
            continue;
        };
        let follows = match lock.root().inputs.get(key) {
            Some(Input::Follows(target)) => Some(target.clone()),
            _ => None,
        };
        let named = Named {
            name: match &follows {
                Some(target) => format!("'{key}' (which follows '{}')", show(target)),
                None => format!("'{key}'"),
            },
            update: format!(
                "Run `nix flake update {}`.",
                follows.as_ref().map_or(key, |target| &target[0])
            ),
            path,
        };
        let form = form(node).unwrap_or(NixpkgsForm::Other);
        checked.push(judge(node, form, row, named, &mut shared, findings));
    }
    checked
}

/// A Nixpkgs node found by its source: named by the path that names it best, with how many
/// others reach it, and the way to update it from there.
fn by_path(
    lock: &LockFile,
    path: &[&str],
    paths: usize,
    follows_lines: &FollowsLines,
    node: &str,
) -> Named {
    let others = match paths {
        1 => String::new(),
        n => format!(" (and {} more path{})", n - 1, plural_s(n - 1)),
    };
    let root = match lock.root().inputs.get(path[0]) {
        Some(Input::Follows(target)) => target.first().map_or(path[0], String::as_str),
        _ => path[0],
    };
    let follows = follows_lines
        .of_node(node)
        .map(|line| format!(", or add `{line}` to flake.nix"))
        .unwrap_or_default();
    let update = if path.len() == 1 {
        format!("Run `nix flake update {root}`.")
    } else {
        format!("It comes with '{root}': run `nix flake update {root}` to take what '{root}' locks now{follows}.")
    };
    Named {
        path: owned_path(path),
        name: format!("'{}'{others}", show(path)),
        update,
    }
}

/// What the judgements of a lock's Nixpkgs share: the options, the follows lines of the
/// duplicates, and the supported branches, listed once, since hundreds of nodes may track
/// unsupported ones.
struct Shared<'a> {
    options: &'a CheckOptions<'a>,
    follows_lines: FollowsLines<'a>,
    /// The supported branches as the messages list them, once a message needs them.
    supported: Option<String>,
}

impl Shared<'_> {
    fn supported(&mut self) -> &str {
        let options = self.options;
        self.supported
            .get_or_insert_with(|| options.statuses().supported().join(", "))
    }
}

fn judge(
    node: &Node,
    form: NixpkgsForm,
    row: &Reached,
    named: Named,
    shared: &mut Shared,
    findings: &mut Vec<Finding>,
) -> NixpkgsNode {
    let options = shared.options;
    let Named { path, name, update } = named;
    let mut report = finder(findings, &path, row.key);
    let locked = node.locked.as_ref();
    let branch = branch(node);
    let verdict = match &branch {
        Some(b) => options.statuses().verdict(b),
        None => Verdict::unknown(),
    };
    if let Some(branch) = &branch {
        if let Some((level, problem, message, action)) =
            judge_branch(&name, branch, &verdict, shared)
        {
            report(level, problem, message, action);
        }
    }

    let last_modified = locked.and_then(|l| l.last_modified());
    let days_old = last_modified.map(|t| days_between(t, options.now));
    if let (Some(days), Some(t)) = (days_old, last_modified) {
        if older_than(days, options.max_age_days) {
            report(
                Level::Warning,
                Problem::NixpkgsOutdated {
                    days,
                    max_days: options.max_age_days,
                },
                format!(
                    "{name} was last updated {days} days ago ({}); the limit is {} days. Old Nixpkgs \
                     lacks recent security fixes.",
                    utc_date(t as i64),
                    options.max_age_days
                ),
                Some(update),
            );
        }
    }

    let repository = owner_repo(node);
    if let Some((owner, repo)) = &repository {
        if !owner.eq_ignore_ascii_case("nixos") {
            report(
                Level::Error,
                Problem::NixpkgsNonUpstream {
                    owner: owner.clone(),
                    repo: repo.clone(),
                },
                format!(
                    "{name} comes from {owner}/{repo}, not from NixOS/nixpkgs: a fork can lag behind \
                     on security fixes or change what packages build."
                ),
                Some("Point it at NixOS/nixpkgs unless the fork is deliberate.".to_string()),
            );
        }
    }

    let release = locked.and_then(|l| channel::parse(l.url()?));
    let upstream = repository
        .as_ref()
        .is_some_and(|(owner, repo)| owner.eq_ignore_ascii_case("nixos") && repo == "nixpkgs");
    NixpkgsNode {
        node: row.key.to_string(),
        paths: row.paths.iter().map(|p| show(p)).collect(),
        form,
        repository: repository.map(|(owner, repo)| format!("{owner}/{repo}")),
        branch,
        verdict,
        channel_release: release.and_then(|r| r.version),
        rev: row.locked.rev().map(str::to_string),
        link: row.locked.forge_link().or_else(|| {
            let rev = row.locked.rev().filter(|r| upstream && is_hex_rev(r))?;
            Some(nixpkgs_on_github().page_url(ForgePage::Commit(rev.to_ascii_lowercase())))
        }),
        last_modified,
        days_old,
        locked_ref: row.locked.to_url(),
        follows_line: shared.follows_lines.of_node(row.key).map(str::to_string),
    }
}

/// The follows line of `lockscope dups` that removes each copy, by node key: hundreds of
/// Nixpkgs nodes look theirs up among hundreds of lines.
struct FollowsLines<'a>(Vec<(&'a str, &'a str)>);

impl<'a> FollowsLines<'a> {
    fn of(found: &'a Duplicates) -> Self {
        let lines = found.suggestions.iter();
        let lines = lines.map(|s| (s.node.as_str(), s.line.as_str())).collect();
        // Stable: of two lines for one node, the first in `found` stays first.
        FollowsLines(sorted(lines, |a, b| a.0.cmp(b.0)))
    }

    /// The first line that removes `node`, if any.
    fn of_node(&self, node: &str) -> Option<&'a str> {
        let at = self.0.partition_point(|(n, _)| *n < node);
        let (n, line) = self.0.get(at)?;
        (*n == node).then_some(*line)
    }
}

fn nixpkgs_on_github() -> ForgeRepo {
    ForgeRepo {
        forge: Forge::GitHub,
        host: "github.com".into(),
        owner: "NixOS".into(),
        repo: "nixpkgs".into(),
    }
}

/// How the node names Nixpkgs; `None` when it is not Nixpkgs.
fn form(node: &Node) -> Option<NixpkgsForm> {
    let original = node.original.as_ref()?;
    let is_nixpkgs = |repo: &str| repo.eq_ignore_ascii_case("nixpkgs");
    Some(match original.kind.as_str() {
        "indirect" => {
            return (original.attrs.str("id") == Some("nixpkgs")).then_some(NixpkgsForm::Indirect)
        }
        "tarball" | "file" => match tarball_origin(original.url()?)? {
            TarballOrigin::NixosChannel => NixpkgsForm::Channel,
            TarballOrigin::GitHubArchive(repo, _) if is_nixpkgs(&repo.repo) => NixpkgsForm::Archive,
            TarballOrigin::FlakeHub(repo)
                if is_nixpkgs(&repo.repo) && repo.owner.eq_ignore_ascii_case("nixos") =>
            {
                NixpkgsForm::FlakeHub
            }
            _ => return None,
        },
        kind => {
            let form = match kind {
                "github" => NixpkgsForm::GitHub,
                "gitlab" => NixpkgsForm::GitLab,
                "sourcehut" => NixpkgsForm::SourceHut,
                "git" => NixpkgsForm::Git,
                _ => return None,
            };
            let named_nixpkgs = match form {
                NixpkgsForm::Git => is_nixpkgs(&forge_origin(original)?.repo),
                // The origin of a forge reference is its own owner and repository: read
                // where they are, for every node of the lock, without making it.
                _ => original
                    .owner()
                    .and(original.repo())
                    .is_some_and(is_nixpkgs),
            };
            if !named_nixpkgs {
                return None;
            }
            form
        }
    })
}

/// The finding a branch's verdict calls for, if any: `name` is the input as the message
/// names it.
fn judge_branch(
    name: &str,
    branch: &str,
    verdict: &Verdict,
    shared: &mut Shared,
) -> Option<(Level, Problem, String, Option<String>)> {
    let from = verdict.from.as_deref().unwrap_or_default();
    let source = verdict.source;
    let mut supported = || {
        Some(format!(
            "Move to a supported branch: {}.",
            shared.supported()
        ))
    };
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
                 fixes."
            ),
            supported(),
        ),
        BranchStatus::Deprecated => {
            let until = day_after(" until ", verdict);
            (
                Level::Info,
                Problem::NixpkgsDeprecatedBranch {
                    branch: branch.to_string(),
                    until: verdict.until.clone(),
                    source,
                },
                format!(
                    "{name} tracks {branch}, which is deprecated ({from}): the next release is out, \
                     and {branch} gets security fixes{until} only."
                ),
                supported(),
            )
        }
        BranchStatus::Beta => {
            let expected = day_after(", expected ", verdict);
            (
                Level::Info,
                Problem::NixpkgsUnreleasedBranch {
                    branch: branch.to_string(),
                    source,
                },
                format!(
                    "{name} tracks {branch}, a NixOS release not yet released ({from}{expected}): \
                     it gets fixes, but changes more than a release does until it is out."
                ),
                None,
            )
        }
        BranchStatus::Unknown => (
            Level::Warning,
            Problem::NixpkgsBranchUnknown {
                branch: branch.to_string(),
            },
            format!(
                "{name} tracks '{branch}', which is not a NixOS channel branch: no source says whether \
                 it gets security fixes."
            ),
            supported(),
        ),
    })
}

/// The verdict's `until` day after `words`, or nothing when it has none.
fn day_after(words: &str, verdict: &Verdict) -> String {
    verdict
        .until
        .as_deref()
        .map(|day| format!("{words}{day}"))
        .unwrap_or_default()
}

/// The branch flake.nix asks for: the `ref` of the original reference, or the channel or
/// branch a tarball URL names; for a registry input or a tarball without one, the channel
/// its locked URL names.
fn branch(node: &Node) -> Option<String> {
    let original = node.original.as_ref()?;
    let channel_of = |url: Option<&str>| channel::parse(url?)?.channel;
    let asked = match original.kind.as_str() {
        "tarball" | "file" => channel_of(original.url()).or_else(|| archive_ref(original)),
        _ => original.git_ref().map(str::to_string),
    };
    let branch = asked.or_else(|| channel_of(node.locked.as_ref()?.url()))?;
    let branch = branch
        .strip_prefix("refs/heads/")
        .map(str::to_string)
        .unwrap_or(branch);
    (!is_hex_rev(&branch)).then_some(branch)
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
