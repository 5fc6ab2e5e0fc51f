//! What "the same source" means: the repository or URL a node fetches, whatever revision. A
//! NixOS channel tarball is NixOS/nixpkgs: a follows line may replace one by the other.

use std::cell::OnceCell;

use crate::channel;
use crate::flakeref::{FlakeRef, Forge};
use crate::lock::{LockFile, Node};
use crate::order::sorted;
use crate::url::ParsedUrl;

/// The identity of a source: equal ids fetch the same repository (or URL) and the same flake
/// directory in it, so one copy can follow another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct SourceId(String);

/// A repository on a forge, as the reference spells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RepoName {
    pub host: String,
    pub owner: String,
    pub repo: String,
}

impl RepoName {
    fn new(host: &str, owner: &str, repo: &str) -> RepoName {
        RepoName {
            host: host.to_string(),
            owner: owner.to_string(),
            repo: repo.to_string(),
        }
    }

    /// `host/owner/repo`, lowercased: forges compare these names case-insensitively.
    fn key(&self) -> String {
        repo_key(&self.host, &self.owner, &self.repo)
    }
}

/// [`RepoName::key`] of a repository named by its parts, without making a `RepoName`.
fn repo_key(host: &str, owner: &str, repo: &str) -> String {
    let mut key = [host, owner, repo].join("/");
    key.make_ascii_lowercase();
    key
}

/// Where a tarball URL says it comes from.
pub(crate) enum TarballOrigin {
    /// `https://github.com/<owner>/<repo>/archive/<ref>.tar.gz` and codeload's equivalent.
    GitHubArchive(RepoName, String),
    /// `https://flakehub.com/f/<owner>/<flake>/...` or its pinned `api.flakehub.com` form.
    FlakeHub(RepoName),
    /// A NixOS channel tarball: NixOS/nixpkgs at one revision, with the channel's files.
    NixosChannel,
}

impl TarballOrigin {
    /// The repository: NixOS/nixpkgs on GitHub for a channel tarball.
    pub fn repo(&self) -> RepoName {
        match self {
            TarballOrigin::GitHubArchive(repo, _) | TarballOrigin::FlakeHub(repo) => repo.clone(),
            TarballOrigin::NixosChannel => RepoName::new("github.com", "NixOS", "nixpkgs"),
        }
    }
}

/// Names the source of each node of one lock. A FlakeHub flake counts as the GitHub
/// repository of the same owner and name only when the lock also has that repository as a
/// `github` node: FlakeHub names need not be GitHub's, and then nothing proves they are.
pub(crate) struct SourceNamer<'a> {
    lock: &'a LockFile,
    /// The keys of the lock's GitHub repositories, sorted; listed when a FlakeHub flake first
    /// needs them, as few locks have one.
    github_repos: OnceCell<Vec<String>>,
}

impl<'a> SourceNamer<'a> {
    pub fn new(lock: &'a LockFile) -> SourceNamer<'a> {
        SourceNamer {
            lock,
            github_repos: OnceCell::new(),
        }
    }

    fn github_repos(&self) -> &[String] {
        self.github_repos.get_or_init(|| {
            let github_repos = self
                .lock
                .nodes()
                .filter_map(|(_, node)| node.locked.as_ref())
                .filter(|locked| locked.kind == "github")
                .filter_map(FlakeRef::forge_repo)
                .filter(|repo| repo.forge == Forge::GitHub)
                .map(|repo| repo_key(&repo.host, &repo.owner, &repo.repo))
                .collect();
            let mut github_repos = sorted(github_repos, String::cmp);
            github_repos.dedup();
            github_repos
        })
    }

    /// `None` for the root and for `path` inputs, which are never the same source as
    /// another node in a way a follows could express.
    pub fn id(&self, node: &Node) -> Option<SourceId> {
        let locked = node.locked.as_ref()?;
        let mut id = match locked.kind.as_str() {
            "path" | "indirect" => return None,
            "tarball" | "file" => {
                let url = tarball_url(node)?;
                match tarball_origin(url) {
                    Some(
                        origin @ (TarballOrigin::GitHubArchive(..) | TarballOrigin::NixosChannel),
                    ) => origin.repo().key(),
                    Some(TarballOrigin::FlakeHub(repo)) => {
                        let github = repo_key("github.com", &repo.owner, &repo.repo);
                        if self.github_repos().binary_search(&github).is_ok() {
                            github
                        } else {
                            format!("flakehub:{}", repo.key())
                        }
                    }
                    None => format!("{}:{}", locked.kind, normalised_url(url)),
                }
            }
            _ => match locked.forge_repo() {
                Some(repo) => repo_key(&repo.host, &repo.owner, &repo.repo),
                None => match (locked.forge_host(), locked.owner(), locked.repo()) {
                    (Some(host), Some(owner), Some(repo)) => {
                        format!("{}:{}", locked.kind, repo_key(host, owner, repo))
                    }
                    _ => format!("{}:{}", locked.kind, normalised_url(locked.url()?)),
                },
            },
        };
        // A git checkout with submodules or LFS files has other contents than the plain repo.
        for flag in ["submodules", "lfs"] {
            if locked.attrs.bool(flag) == Some(true) {
                id += &format!("?{flag}=1");
            }
        }
        if let Some(dir) = &locked.dir {
            id += &format!("?dir={dir}");
        }
        Some(SourceId(id))
    }
}

/// The URL a tarball node was asked for: the locked URL of a tarball names one version
/// (`.../archive/<rev>.tar.gz`, FlakeHub's pinned URLs), the original names the source.
fn tarball_url(node: &Node) -> Option<&str> {
    let original = node
        .original
        .as_ref()
        .filter(|o| o.kind == "tarball" || o.kind == "file");
    original.or(node.locked.as_ref())?.url()
}

/// Scheme and host lowercased, `git+` dropped, no trailing `/` or `.git`, and no query
/// parameters that only pick a version.
fn normalised_url(url: &str) -> String {
    let Some(mut parsed) = ParsedUrl::parse(url) else {
        return url.to_string();
    };
    parsed.scheme = parsed.scheme.to_ascii_lowercase();
    if let Some(transport) = parsed.scheme.strip_prefix("git+") {
        parsed.scheme = transport.to_string();
    }
    parsed.authority = parsed.authority.map(|a| a.to_ascii_lowercase());
    while parsed.path.len() > 1 && parsed.path.last().is_some_and(String::is_empty) {
        parsed.path.pop();
    }
    if let Some(last) = parsed.path.last_mut() {
        if let Some(stem) = last.strip_suffix(".git") {
            *last = stem.to_string();
        }
    }
    parsed.query = std::mem::take(&mut parsed.query)
        .into_iter()
        .filter(|(key, _)| {
            !["ref", "rev", "narHash", "lastModified", "revCount"].contains(&key.as_str())
        })
        .collect();
    parsed.fragment.clear();
    parsed.to_string()
}

pub(crate) fn tarball_origin(url: &str) -> Option<TarballOrigin> {
    if channel::parse(url).is_some() {
        return Some(TarballOrigin::NixosChannel);
    }
    let parsed = ParsedUrl::parse(url)?;
    if parsed.scheme != "https" && parsed.scheme != "http" {
        return None;
    }
    let host = parsed.host()?;
    let segments = parsed.segments();
    match (host.as_str(), segments.as_slice()) {
        ("github.com", [owner, repo, "archive", file]) => {
            let git_ref = file
                .strip_suffix(".tar.gz")
                .or_else(|| file.strip_suffix(".zip"))?;
            Some(TarballOrigin::GitHubArchive(
                RepoName::new("github.com", owner, repo),
                git_ref.to_string(),
            ))
        }
        ("codeload.github.com", [owner, repo, "tar.gz" | "zip", git_ref @ ..])
            if !git_ref.is_empty() =>
        {
            Some(TarballOrigin::GitHubArchive(
                RepoName::new("github.com", owner, repo),
                git_ref.join("/"),
            ))
        }
        ("flakehub.com", ["f", owner, flake, ..])
        | ("api.flakehub.com", ["f", "pinned", owner, flake, ..]) => {
            let flake = flake.strip_suffix(".tar.gz").unwrap_or(flake);
            Some(TarballOrigin::FlakeHub(RepoName::new(
                "flakehub.com",
                owner,
                flake,
            )))
        }
        _ => None,
    }
}

/// The forge owner and repository a reference comes from, when its URL says so: forge
/// references, git URLs on known forges, GitHub archives and FlakeHub flakes.
pub(crate) fn forge_origin(r: &FlakeRef) -> Option<RepoName> {
    match r.kind.as_str() {
        "tarball" | "file" => Some(tarball_origin(r.url()?)?.repo()),
        _ => {
            let repo = r.forge_repo();
            match repo {
                Some(repo) => Some(RepoName::new(&repo.host, &repo.owner, &repo.repo)),
                None => Some(RepoName::new(r.forge_host()?, r.owner()?, r.repo()?)),
            }
        }
    }
}

/// The branch a GitHub archive URL names (`.../archive/nixos-unstable.tar.gz`).
pub(crate) fn archive_ref(r: &FlakeRef) -> Option<String> {
    match tarball_origin(r.url()?)? {
        TarballOrigin::GitHubArchive(_, git_ref) => Some(git_ref),
        TarballOrigin::FlakeHub(_) | TarballOrigin::NixosChannel => None,
    }
}

/// How a registry input could be written out: the forge repository it locked, with the
/// branch it asked for (`flake:nixpkgs/nixos-unstable` -> `github:NixOS/nixpkgs/nixos-unstable`).
pub(crate) fn written_out(original: &FlakeRef, locked: &FlakeRef) -> Option<String> {
    if !matches!(locked.kind.as_str(), "github" | "gitlab" | "sourcehut")
        || locked.attrs.str("host").is_some()
    {
        return None;
    }
    let mut r = format!("{}:{}/{}", locked.kind, locked.owner()?, locked.repo()?);
    if let Some(branch) = original.git_ref() {
        r = format!("{r}/{branch}");
    }
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_normalised() {
        assert_eq!(
            normalised_url("git+HTTPS://Example.ORG/Some/Repo.git/?ref=main&dir=sub"),
            "https://example.org/Some/Repo?dir=sub"
        );
        assert_eq!(normalised_url("not a url"), "not a url");
    }

    #[test]
    fn tarball_origins() {
        let origin = |url| match tarball_origin(url) {
            Some(TarballOrigin::GitHubArchive(r, git_ref)) => {
                format!("gh {}/{} {git_ref}", r.owner, r.repo)
            }
            Some(TarballOrigin::FlakeHub(r)) => format!("fh {}/{}", r.owner, r.repo),
            Some(TarballOrigin::NixosChannel) => "channel".into(),
            None => "-".into(),
        };
        assert_eq!(
            origin("https://github.com/NixOS/nixpkgs/archive/nixos-24.05.tar.gz"),
            "gh NixOS/nixpkgs nixos-24.05"
        );
        assert_eq!(
            origin("https://codeload.github.com/o/r/tar.gz/refs/heads/main"),
            "gh o/r refs/heads/main"
        );
        assert_eq!(
            origin("https://flakehub.com/f/NixOS/nixpkgs/0.1.tar.gz"),
            "fh NixOS/nixpkgs"
        );
        assert_eq!(
            origin("https://api.flakehub.com/f/pinned/NixOS/nixpkgs/0.1.1%2Brev-6c9a/019d/source.tar.gz"),
            "fh NixOS/nixpkgs"
        );
        assert_eq!(
            origin("https://channels.nixos.org/nixos-unstable/nixexprs.tar.xz"),
            "channel"
        );
        assert_eq!(
            origin("https://github.com/o/r/releases/download/v1/x.tar.gz"),
            "-"
        );
    }
}
