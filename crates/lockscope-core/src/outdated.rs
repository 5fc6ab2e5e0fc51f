//! What `nix flake update` would bring: how far each input's locked revision is behind the
//! head of the branch flake.nix follows, asked of its forge (GitHub, GitLab, Codeberg and other
//! Forgejo/Gitea), and for a Nixpkgs on a NixOS channel, of status.nixos.org.
//!
//! The engine does no I/O. [`subjects`] says what can be asked about each input, or why
//! nothing can; a [`Session`] hands out [`Request`]s, reads the answers a front fetched, keeps
//! within GitHub's quota and ends with one [`Outcome`] per input.

mod api;
mod session;

use serde::{Serialize, Serializer};
use thiserror::Error;

use crate::flakeref::{Forge, ForgePage, ForgeRepo, HttpsLink};
use crate::lock::{Input, LockFile};
use crate::text::count;
use crate::time::utc_datetime;

pub use api::{Answer, Api, ApiBases, Request, Transport, MAX_ANSWER_BYTES};
pub use session::{Quota, Session, Ticket};

/// An input as it is asked about: where its source lives and what flake.nix follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The input path as Nix prints it: `nixpkgs`, `home-manager/nixpkgs`.
    pub input: String,
    /// The repository on a known forge.
    pub repo: Option<ForgeRepo>,
    /// The branch (or other ref) flake.nix names; `None`: the default branch.
    pub git_ref: Option<String>,
    /// The locked revision.
    pub locked_rev: Option<String>,
    /// When the locked source last changed (`lastModified`), in Unix seconds.
    pub locked_at: Option<i64>,
    /// The NixOS channel a Nixpkgs follows (its ref), whose head status.nixos.org knows.
    pub channel: Option<String>,
    /// Why nothing is asked, when nothing is.
    pub unaskable: Option<Reason>,
}

/// Where an input stands against its branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The branch has commits the lock does not.
    Behind,
    /// The locked revision is the branch's head.
    UpToDate,
    /// The locked revision is newer than the branch (the branch was moved back).
    Ahead,
    /// The locked revision is not on the branch any more (a force-push).
    Diverged,
    /// flake.nix names a revision or a tag: `nix flake update` leaves it.
    Pinned,
    /// A root input that follows another one: it moves with that one.
    Follows,
    /// Nothing can be known: no forge, no API, no revision.
    Unknown,
    /// It was asked, and no usable answer came.
    Failed,
}

/// Why an input has no count: typed here, put into words by its `Display`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Reason {
    /// `original` has a `rev`.
    #[error("pinned to a revision in flake.nix: `nix flake update` leaves it")]
    PinnedRev,
    /// `original` has a ref that names a tag.
    #[error("pinned to the tag {0} in flake.nix: `nix flake update` leaves it")]
    PinnedTag(String),
    /// A root input declared with `follows`: the path it follows.
    #[error("follows {0}: it moves with that input")]
    Follows(String),
    /// A `path` input.
    #[error("a local path: there is no upstream to ask")]
    LocalPath,
    /// An `indirect` input.
    #[error("a flake registry name: the registry decides what it is, not the lock")]
    Indirect,
    /// Another fetcher type, or a host that is no known forge: the type, and the host if any.
    #[error("{0}: Lockscope asks GitHub, GitLab and Codeberg only")]
    NoForge(String),
    /// A repository on SourceHut, which has no compare API.
    #[error("SourceHut has no API that compares two revisions")]
    NoCompareApi,
    /// The lock has no revision to compare from.
    #[error("the lock has no revision to compare")]
    NoLockedRev,
    /// The forge answered 404.
    #[error("not found on {0}: the repository, its branch or the locked commit is gone, renamed or private")]
    NotFound(&'static str),
    /// The forge refused for its rate limit; when it lifts, in Unix seconds, if it said.
    #[error("{forge}'s rate limit is reached{}", until(*.reset))]
    RateLimited {
        /// The forge.
        forge: &'static str,
        /// When requests are allowed again.
        reset: Option<i64>,
    },
    /// Not asked: the quota left would not cover it.
    #[error("not asked: GitHub's quota of API requests is spent{}", until(*.reset))]
    QuotaSpent {
        /// When the quota comes back.
        reset: Option<i64>,
    },
    /// An answer with another unexpected HTTP status.
    #[error("{forge} answered HTTP {status}")]
    Http {
        /// The forge.
        forge: &'static str,
        /// The status.
        status: u16,
    },
    /// An answer that is not the shape the API documents.
    #[error("{forge}'s answer is not what its API documents: {what}")]
    Malformed {
        /// The forge.
        forge: &'static str,
        /// What is wrong.
        what: String,
    },
    /// The request itself failed.
    #[error("{0}")]
    Transport(Transport),
}

/// `, until 2026-12-06 11:00:00 UTC` when the time is known.
fn until(reset: Option<i64>) -> String {
    reset.map_or_else(String::new, |at| format!(" until {} UTC", utc_datetime(at)))
}

/// What is known of one input in the end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// The input path.
    pub input: String,
    /// The forge asked, if any.
    pub forge: Option<Forge>,
    /// `owner/repo` on the forge.
    pub repository: Option<String>,
    /// The branch compared against: flake.nix's ref, or the default branch the forge named.
    #[serde(rename = "ref")]
    pub git_ref: Option<String>,
    /// The locked revision.
    pub locked_rev: Option<String>,
    /// The branch's head (for a Nixpkgs on a NixOS channel, the channel's revision).
    pub head_rev: Option<String>,
    /// When the head was committed, in Unix seconds.
    pub head_time: Option<i64>,
    /// How many commits the branch has that the lock does not.
    pub behind_by: Option<u64>,
    /// Whole days from the locked source's `lastModified` to the head's commit.
    pub days_between: Option<i64>,
    /// Where the input stands.
    pub status: Status,
    /// Why there is no count, when there is none.
    #[serde(serialize_with = "as_words")]
    pub reason: Option<Reason>,
    /// The forge's page of the changes from the locked revision to the head.
    pub compare: Option<HttpsLink>,
    /// `owner/repo` the forge now gives the repository, when it was renamed or moved.
    pub renamed_to: Option<String>,
}

fn as_words<S: Serializer>(reason: &Option<Reason>, s: S) -> Result<S::Ok, S::Error> {
    match reason {
        Some(reason) => s.collect_str(reason),
        None => s.serialize_none(),
    }
}

impl Outcome {
    /// An outcome with what the subject alone says, the rest to be filled.
    fn of(subject: &Subject, status: Status, reason: Option<Reason>) -> Outcome {
        Outcome {
            input: subject.input.clone(),
            forge: subject.repo.as_ref().map(|r| r.forge),
            repository: subject
                .repo
                .as_ref()
                .map(|r| format!("{}/{}", r.owner, r.repo)),
            git_ref: subject.git_ref.clone(),
            locked_rev: subject.locked_rev.clone(),
            head_rev: None,
            head_time: None,
            behind_by: None,
            days_between: None,
            status,
            reason,
            compare: None,
            renamed_to: None,
        }
    }

    /// Where the input stands, in one sentence without its name, as both fronts say it: the
    /// reason when there is no count, else the commits against the branch.
    pub fn standing(&self) -> String {
        if let Some(reason) = &self.reason {
            return reason.to_string();
        }
        let branch = self.git_ref.as_deref().unwrap_or("its branch");
        let commits = count(self.behind_by.unwrap_or(0), "commit");
        match self.status {
            Status::Behind => format!("{commits} behind {branch}"),
            Status::UpToDate => format!("up to date with {branch}"),
            Status::Ahead => format!("ahead of {branch}: the branch was moved back"),
            Status::Diverged => format!(
                "diverged from {branch}: the locked commit is not on it any more (force-pushed?); \
                 the branch has {commits} the lock does not"
            ),
            Status::Failed => "no answer".to_owned(),
            Status::Pinned | Status::Follows | Status::Unknown => "cannot be checked".to_owned(),
        }
    }
}

/// The subjects for `inputs`, input paths such as `nixpkgs` or `home-manager/nixpkgs`; every
/// root input when `inputs` is empty. An input path that names no input is an error, with
/// the path.
pub fn subjects(lock: &LockFile, inputs: &[String]) -> Result<Vec<Subject>, String> {
    if inputs.is_empty() {
        return Ok(lock
            .root()
            .inputs
            .iter()
            .map(|(name, input)| match input {
                Input::Follows(path) => Subject::follows(name.clone(), path.join("/")),
                Input::Node(key) => Subject::of_node(lock, name.clone(), key),
            })
            .collect());
    }
    inputs
        .iter()
        .map(|input| {
            let path: Vec<String> = input.split('/').map(str::to_string).collect();
            match lock.resolve(&path) {
                Ok(Some(key)) if key != lock.root_key() => {
                    Ok(Subject::of_node(lock, input.clone(), key))
                }
                Ok(_) => Err(format!("no input '{input}' in the lock")),
                Err(e) => Err(format!("input '{input}': {e}")),
            }
        })
        .collect()
}

impl Subject {
    fn follows(input: String, target: String) -> Subject {
        Subject {
            input,
            repo: None,
            git_ref: None,
            locked_rev: None,
            locked_at: None,
            channel: None,
            unaskable: Some(Reason::Follows(target)),
        }
    }

    fn of_node(lock: &LockFile, input: String, key: &str) -> Subject {
        let node = lock.node(key).expect("resolve gives keys of nodes");
        let locked = node.locked.as_ref();
        let original = node.original.as_ref();
        let repo = locked.and_then(|l| l.forge_repo());
        // A branch as git names it in full is the same branch to a forge's API.
        let git_ref = original
            .and_then(|o| o.git_ref())
            .map(|r| r.strip_prefix("refs/heads/").unwrap_or(r).to_string());
        let mut subject = Subject {
            input,
            channel: repo
                .as_ref()
                .zip(git_ref.as_deref())
                .filter(|(repo, r)| is_nixpkgs(repo) && is_nixos_channel(r))
                .map(|(_, r)| r.to_string()),
            repo,
            git_ref,
            locked_rev: locked.and_then(|l| l.rev()).map(str::to_string),
            locked_at: locked
                .and_then(|l| l.last_modified())
                .and_then(|t| i64::try_from(t).ok()),
            unaskable: None,
        };
        let kind = original.or(locked).map_or("", |r| r.kind.as_str());
        subject.unaskable = if original.and_then(|o| o.rev()).is_some() {
            Some(Reason::PinnedRev)
        } else if let Some(tag) = subject.git_ref.as_deref().filter(|r| is_tag(r)) {
            Some(Reason::PinnedTag(tag.to_string()))
        } else if kind == "path" {
            Some(Reason::LocalPath)
        } else if kind == "indirect" {
            Some(Reason::Indirect)
        } else {
            match &subject.repo {
                None => Some(Reason::NoForge(match locked.and_then(|l| l.forge_host()) {
                    Some(host) => format!("a {kind} input on {host}"),
                    None => format!("a {kind} input"),
                })),
                Some(repo) if repo.forge == Forge::SourceHut => Some(Reason::NoCompareApi),
                Some(_) if subject.locked_rev.is_none() => Some(Reason::NoLockedRev),
                Some(_) => None,
            }
        };
        subject
    }

    /// The outcome when nothing is asked: pinned, follows, or unknown with the reason.
    pub fn unasked(&self) -> Option<Outcome> {
        let reason = self.unaskable.clone()?;
        let status = match reason {
            Reason::PinnedRev | Reason::PinnedTag(_) => Status::Pinned,
            Reason::Follows(_) => Status::Follows,
            _ => Status::Unknown,
        };
        Some(Outcome::of(self, status, Some(reason)))
    }

    /// The forge's page of the changes from the locked revision to `head`.
    fn compare_link(&self, head: &str) -> Option<HttpsLink> {
        let repo = self.repo.as_ref()?;
        let locked = self.locked_rev.clone()?;
        Some(repo.page_url(ForgePage::Compare(locked, head.to_string())))
    }
}

/// NixOS/nixpkgs on GitHub, whose channel branches status.nixos.org follows.
fn is_nixpkgs(repo: &ForgeRepo) -> bool {
    repo.forge == Forge::GitHub
        && repo.owner.eq_ignore_ascii_case("nixos")
        && repo.repo.eq_ignore_ascii_case("nixpkgs")
}

/// The branches of NixOS/nixpkgs that are channels: `nixos-26.05`, `nixpkgs-unstable`, ...
fn is_nixos_channel(git_ref: &str) -> bool {
    git_ref.starts_with("nixos-") || git_ref.starts_with("nixpkgs-")
}

/// A ref that names a tag rather than a branch: `refs/tags/…`, or a version such as `v1.2`,
/// `1.0.3` or `v2.0.0-rc1` (branches are named, versions are tagged).
fn is_tag(git_ref: &str) -> bool {
    if git_ref.starts_with("refs/tags/") {
        return true;
    }
    let version = git_ref.strip_prefix(['v', 'V']).unwrap_or(git_ref);
    let numbers = version.split(['-', '+']).next().unwrap_or("");
    let mut parts = numbers.split('.');
    parts.clone().count() >= 2
        && parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests;
