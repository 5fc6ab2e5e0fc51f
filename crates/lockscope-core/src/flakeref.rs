//! Flake references as Nix prints them (`FlakeRef::to_string`, each fetcher's `toURL`), and
//! the short source names and forge links Lockscope shows beside them.

use crate::sorted_map::SortedMap;

use serde::Serialize;

use crate::attrs::Attrs;
use crate::hash;
use crate::url::{percent_encode, push_percent_encoded, ParsedUrl, KEEP_IN_PATH, KEEP_IN_QUERY};

/// A `locked` or `original` entry: the fetcher type, its attributes, and the flake's
/// subdirectory (`dir`), which Nix keeps apart from the fetcher's attributes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlakeRef {
    /// The fetcher type: `github`, `git`, `tarball`, `path`, `indirect`, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// Every other attribute, unknown ones included (`type` and `dir` taken out).
    pub attrs: Attrs,
    /// The flake's subdirectory; `None` when absent or empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dir: Option<String>,
}

/// The attributes each fetcher type Nix knows requires; `None` for a type Nix does not know.
pub fn required_attrs(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "github" | "gitlab" | "sourcehut" => &["owner", "repo"],
        "git" | "hg" | "tarball" | "file" => &["url"],
        "path" => &["path"],
        "indirect" => &["id"],
        _ => return None,
    })
}

impl FlakeRef {
    /// `rev`: the revision (a git commit, a Mercurial changeset), as the lock writes it.
    pub fn rev(&self) -> Option<&str> {
        self.attrs.str("rev")
    }

    /// `ref`: the branch or tag.
    pub fn git_ref(&self) -> Option<&str> {
        self.attrs.str("ref")
    }

    /// `lastModified`: when the source last changed (a git source's commit time), in seconds
    /// since the Unix epoch.
    pub fn last_modified(&self) -> Option<u64> {
        self.attrs.int("lastModified")
    }

    /// `narHash`, as the lock writes it (old locks may not use the SRI form).
    pub fn nar_hash(&self) -> Option<&str> {
        self.attrs.str("narHash")
    }

    /// `owner`, of a github, gitlab or sourcehut reference.
    pub fn owner(&self) -> Option<&str> {
        self.attrs.str("owner")
    }

    /// `repo`, of a github, gitlab or sourcehut reference.
    pub fn repo(&self) -> Option<&str> {
        self.attrs.str("repo")
    }

    /// `url`, of a git, hg, tarball or file reference.
    pub fn url(&self) -> Option<&str> {
        self.attrs.str("url")
    }

    /// The forge host of a github/gitlab/sourcehut reference.
    pub fn forge_host(&self) -> Option<&str> {
        let default = match self.kind.as_str() {
            "github" => "github.com",
            "gitlab" => "gitlab.com",
            "sourcehut" => "git.sr.ht",
            _ => return None,
        };
        Some(self.attrs.str("host").unwrap_or(default))
    }

    /// The URL Nix prints for this reference, byte for byte.
    pub fn to_url(&self) -> String {
        if matches!(self.kind.as_str(), "github" | "gitlab" | "sourcehut") {
            return self.forge_url();
        }
        let mut url = self.fetcher_url();
        if let Some(dir) = &self.dir {
            url.query.get_or_insert_with("dir".into(), || dir.clone());
        }
        url.to_string()
    }

    /// `github:owner/repo/rev?dir=..&host=..&narHash=..`, written straight into a string:
    /// most of a lock's references are of this kind, and the tree prints each one.
    fn forge_url(&self) -> String {
        let a = &self.attrs;
        let mut out = String::with_capacity(160);
        out += &self.kind;
        out.push(':');
        let path = [a.str("owner"), a.str("repo"), a.str("ref")];
        let rev = a.str("rev").map(str::to_ascii_lowercase);
        for (i, segment) in path.into_iter().flatten().chain(rev.as_deref()).enumerate() {
            if i > 0 {
                out.push('/');
            }
            push_percent_encoded(&mut out, segment, KEEP_IN_PATH);
        }
        // Nix's query is a sorted map: dir < host < narHash.
        let nar_hash = a.str("narHash").map(hash::sri);
        let query = [
            ("dir", self.dir.as_deref()),
            ("host", a.str("host")),
            ("narHash", nar_hash.as_deref()),
        ];
        for (i, (key, value)) in query
            .into_iter()
            .filter_map(|(k, v)| Some((k, v?)))
            .enumerate()
        {
            out.push(if i == 0 { '?' } else { '&' });
            out += key;
            out.push('=');
            push_percent_encoded(&mut out, value, KEEP_IN_QUERY);
        }
        out
    }

    fn fetcher_url(&self) -> ParsedUrl {
        let a = &self.attrs;
        let mut query = SortedMap::new();
        let hex_rev = || a.str("rev").map(str::to_ascii_lowercase);
        match self.kind.as_str() {
            "indirect" => {
                let mut path = vec![a.str("id").unwrap_or_default().to_string()];
                path.extend(a.str("ref").map(str::to_string));
                path.extend(hex_rev());
                ParsedUrl {
                    scheme: "flake".into(),
                    authority: None,
                    path,
                    query,
                    fragment: String::new(),
                }
            }
            "path" => {
                for (name, value) in a.iter().filter(|(n, _)| *n != "path") {
                    query.insert(name.to_string(), value.to_query_value());
                }
                ParsedUrl {
                    scheme: "path".into(),
                    authority: None,
                    path: a
                        .str("path")
                        .unwrap_or_default()
                        .split('/')
                        .map(str::to_string)
                        .collect(),
                    query,
                    fragment: String::new(),
                }
            }
            "git" => {
                let mut url = git_url(a.str("url").unwrap_or_default());
                if url.scheme != "git" {
                    url.scheme = format!("git+{}", url.scheme);
                }
                if let Some(rev) = hex_rev() {
                    url.query.insert("rev".into(), rev);
                }
                if let Some(r) = a.str("ref") {
                    url.query.insert("ref".into(), r.to_string());
                }
                for flag in [
                    "shallow",
                    "lfs",
                    "submodules",
                    "exportIgnore",
                    "verifyCommit",
                ] {
                    if a.bool(flag) == Some(true) {
                        url.query.insert(flag.into(), "1".into());
                    }
                }
                if let Some(key) = a.str("publicKey") {
                    let keytype = a.str("keytype").unwrap_or("ssh-ed25519");
                    url.query.insert("keytype".into(), keytype.into());
                    url.query.insert("publicKey".into(), key.into());
                } else if let Some(keys) = a.str("publicKeys") {
                    url.query.insert("publicKeys".into(), keys.into());
                }
                url
            }
            "hg" => {
                let mut url = parse_or_opaque(a.str("url").unwrap_or_default());
                url.scheme = format!("hg+{}", url.scheme);
                if let Some(rev) = hex_rev() {
                    url.query.insert("rev".into(), rev);
                }
                if let Some(r) = a.str("ref") {
                    url.query.insert("ref".into(), r.to_string());
                }
                url
            }
            // tarball, file
            _ => {
                let mut url = parse_or_opaque(a.str("url").unwrap_or_default());
                if let Some(h) = a.str("narHash") {
                    url.query.insert("narHash".into(), hash::sri(h));
                }
                url
            }
        }
    }

    /// A short name of where the source lives: `github:owner/repo`, the url without query, ...
    pub fn source(&self) -> String {
        let a = &self.attrs;
        match self.kind.as_str() {
            "github" | "gitlab" | "sourcehut" => {
                let owner = a.str("owner").unwrap_or_default();
                let repo = a.str("repo").unwrap_or_default();
                match a.str("host") {
                    Some(host) => format!("{}:{owner}/{repo} ({host})", self.kind),
                    None => format!("{}:{owner}/{repo}", self.kind),
                }
            }
            "indirect" => format!("flake:{}", a.str("id").unwrap_or_default()),
            "path" => format!("path:{}", a.str("path").unwrap_or_default()),
            _ => {
                let mut url = if self.kind == "git" {
                    git_url(a.str("url").unwrap_or_default())
                } else {
                    parse_or_opaque(a.str("url").unwrap_or_default())
                };
                url.query.clear();
                url.fragment.clear();
                url.to_string()
            }
        }
    }

    /// An https link to the exact commit (or, without a rev, the ref's tree) on a known forge:
    /// github.com, gitlab.com and GitLabs named by `host`, git.sr.ht, codeberg.org.
    /// Never a link for any other scheme or host.
    pub fn forge_link(&self) -> Option<HttpsLink> {
        let repo = self.forge_repo()?;
        let rev = self.rev().filter(|r| is_hex_rev(r));
        let page = match (rev, self.git_ref()) {
            (Some(rev), _) => ForgePage::Commit(rev.to_ascii_lowercase()),
            (None, Some(r)) => ForgePage::Tree(r.to_string()),
            (None, None) => ForgePage::Home,
        };
        Some(repo.page_url(page))
    }

    /// The forge repository behind this reference, when it is on a known forge.
    pub fn forge_repo(&self) -> Option<ForgeRepo> {
        let (forge, host, owner, repo) = match self.kind.as_str() {
            "github" | "gitlab" | "sourcehut" => {
                let host = self.forge_host()?.to_ascii_lowercase();
                let forge = match (self.kind.as_str(), host.as_str()) {
                    ("github", "github.com") => Forge::GitHub,
                    ("gitlab", _) => Forge::GitLab,
                    ("sourcehut", "git.sr.ht") => Forge::SourceHut,
                    _ => return None,
                };
                (
                    forge,
                    host,
                    self.owner()?.to_string(),
                    self.repo()?.to_string(),
                )
            }
            "git" => {
                let url = git_url(self.url()?);
                if !matches!(
                    url.scheme.as_str(),
                    "https" | "ssh" | "git+https" | "git+ssh"
                ) {
                    return None;
                }
                let host = url.host()?;
                let forge = match host.as_str() {
                    "github.com" => Forge::GitHub,
                    "gitlab.com" => Forge::GitLab,
                    "git.sr.ht" => Forge::SourceHut,
                    "codeberg.org" => Forge::Codeberg,
                    _ => return None,
                };
                let segments = url.segments();
                let [owner, repo] = segments[..] else {
                    return None;
                };
                let repo = repo.strip_suffix(".git").unwrap_or(repo);
                (forge, host, owner.to_string(), repo.to_string())
            }
            _ => return None,
        };
        let host_ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        host_ok.then_some(ForgeRepo {
            forge,
            host,
            owner,
            repo,
        })
    }
}

/// A forge Lockscope makes links for: each lays out its pages in its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Forge {
    /// github.com.
    GitHub,
    /// gitlab.com, or the GitLab a `gitlab` reference names by `host`.
    GitLab,
    /// git.sr.ht.
    SourceHut,
    /// codeberg.org, from `git` URLs (Nix has no `codeberg` type).
    Codeberg,
}

/// A repository on a known forge, for links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForgeRepo {
    /// The forge, which decides the shape of the page addresses.
    pub forge: Forge,
    /// The host, lowercased; only letters, digits, dots and dashes.
    pub host: String,
    /// The owner (`~user` on sourcehut).
    pub owner: String,
    /// The repository's name, without the `.git` a git URL may end in.
    pub repo: String,
}

/// A page of a repository, for [`ForgeRepo::page_url`].
pub enum ForgePage {
    /// The repository's front page.
    Home,
    /// A commit, by its hash.
    Commit(String),
    /// The files at a branch or tag.
    Tree(String),
    /// The changes from the first commit to the second; on sourcehut, which has no compare
    /// page, the log up to the second.
    Compare(String, String),
}

/// An `https://` address on a known forge. Only [`ForgeRepo::page_url`] makes one, from a
/// host of letters, digits, dots and dashes and percent-encoded names, so a front may show it
/// as a link as it is: no front filters links of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct HttpsLink(String);

impl HttpsLink {
    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for HttpsLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl ForgeRepo {
    /// The address of a page of this repository on its forge.
    pub fn page_url(&self, page: ForgePage) -> HttpsLink {
        let base = format!(
            "https://{}/{}/{}",
            self.host,
            percent_encode(&self.owner, "~"),
            percent_encode(&self.repo, "")
        );
        let gitlab = self.forge == Forge::GitLab;
        let dash = if gitlab { "/-" } else { "" };
        HttpsLink(match page {
            ForgePage::Home => base,
            ForgePage::Commit(rev) => format!("{base}{dash}/commit/{}", percent_encode(&rev, "")),
            ForgePage::Tree(r) => {
                let r = percent_encode(&r, "/");
                match self.forge {
                    Forge::Codeberg => format!("{base}/src/branch/{r}"),
                    _ => format!("{base}{dash}/tree/{r}"),
                }
            }
            // Callers pass full hex revisions, which encoding leaves as they are; encoded, no
            // other text can make the link more than a link either.
            ForgePage::Compare(old, new) => {
                let (old, new) = (percent_encode(&old, ""), percent_encode(&new, ""));
                match self.forge {
                    Forge::SourceHut => format!("{base}/log/{new}"),
                    _ => format!("{base}{dash}/compare/{old}...{new}"),
                }
            }
        })
    }
}

/// A full git commit hash: the only revision put into a link.
pub(crate) fn is_hex_rev(rev: &str) -> bool {
    rev.len() == 40 && rev.chars().all(|c| c.is_ascii_hexdigit())
}

/// A git `url` attribute as Nix's `fixGitURL` reads it: scp-like `user@host:path` becomes
/// `ssh://`, a bare path becomes `file:`, and a `git+` prefix is dropped.
fn git_url(url: &str) -> ParsedUrl {
    let scp = !url.starts_with('/') && {
        match url.split_once('@') {
            Some((user, rest)) => !user.contains('/') && rest.contains(':'),
            None => false,
        }
    };
    if scp {
        let (user, rest) = url.split_once('@').unwrap_or_default();
        let (host, path) = rest.rsplit_once(':').unwrap_or_default();
        return parse_or_opaque(&format!("ssh://{user}@{host}/{path}"));
    }
    if !url.starts_with("file:") && !url.starts_with("git+file:") && !url.contains("://") {
        return ParsedUrl {
            scheme: "file".into(),
            authority: url.starts_with('/').then(String::new),
            path: url.split('/').map(str::to_string).collect(),
            query: SortedMap::new(),
            fragment: String::new(),
        };
    }
    let mut parsed = parse_or_opaque(url);
    if let Some(transport) = parsed.scheme.strip_prefix("git+") {
        parsed.scheme = transport.to_string();
    }
    parsed
}

/// A URL attribute that does not parse is printed as it is (Nix would refuse it).
fn parse_or_opaque(url: &str) -> ParsedUrl {
    ParsedUrl::parse(url).unwrap_or_else(|| ParsedUrl {
        scheme: "invalid".into(),
        authority: None,
        path: vec![url.to_string()],
        query: SortedMap::new(),
        fragment: String::new(),
    })
}
