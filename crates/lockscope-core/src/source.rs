//! Where to fetch a lock from: forge shorthands typed as Nix users type them
//! (`github:owner/repo/ref?dir=sub`), forge web URLs, or a plain https URL, each mapped to
//! an endpoint that serves the raw file with CORS.

use thiserror::Error;

use crate::url::{percent_decode, percent_encode, ParsedUrl};

/// A place a `flake.lock` can be fetched from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockSource {
    /// A repository on a known forge, from a shorthand or a forge web address.
    Forge(ForgeSource),
    /// Any other https URL, fetched as it is (its server must allow CORS).
    Url(String),
}

/// A lock in a repository on a known forge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForgeSource {
    /// The forge, which decides the raw-file endpoint.
    pub forge: ForgeKind,
    /// The forge's host; for GitLab, the instance (`gitlab.com` unless `host=` names another).
    pub host: String,
    /// The owner, percent-decoded (`~user` on sourcehut).
    pub owner: String,
    /// The repository's name, without the `.git` a web address may end in.
    pub repo: String,
    /// Branch, tag or commit; `None` is the default branch.
    pub git_ref: Option<String>,
    /// The flake's subdirectory.
    pub dir: Option<String>,
}

/// A forge Lockscope fetches locks from, each through its own endpoint for raw files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForgeKind {
    /// `github:`, from `raw.githubusercontent.com`.
    GitHub,
    /// `gitlab:`, from the raw file endpoint of the instance's API.
    GitLab,
    /// `sourcehut:`, from the repository's `blob` page on `git.sr.ht`.
    SourceHut,
    /// `codeberg:`, from Codeberg's raw file API.
    Codeberg,
}

/// Why what was typed names no lock Lockscope can fetch; the message says what to type.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SourceError {
    /// Nothing, or only white space, was typed.
    #[error("nothing to load: type a URL or a reference such as github:NixOS/nixpkgs")]
    Empty,
    /// A forge shorthand without an owner or a repository: the input, and the scheme's name.
    #[error("'{0}' needs an owner and a repository, as in {1}:owner/repo")]
    MissingRepo(String, &'static str),
    /// Neither a forge shorthand nor an http(s) URL: `path:/etc`, `javascript:...`, ...
    #[error("'{0}' is not a source Lockscope can fetch: use github:, gitlab:, sourcehut:, codeberg: or an https:// URL")]
    Unsupported(String),
    /// An `http://` URL: the page fetches over https only.
    #[error("'{0}' uses plain http: only https URLs can be fetched from this page")]
    Insecure(String),
    /// An https URL that does not parse, or a shorthand part Lockscope refuses: an owner or
    /// repository name of other than letters, digits and `-._~`, a host of other than
    /// letters, digits, dots and dashes, a ref with `..`, a space, a control character or one
    /// of `~^:?*[\`, or a `dir` with a `..` segment.
    #[error("'{value}' is not a valid {what}")]
    Invalid {
        /// What the value was to be: `URL`, `owner`, `repository name`, `host`,
        /// `branch, tag or commit` or `directory`.
        what: &'static str,
        /// The refused text (for a URL, the whole input).
        value: String,
    },
}

impl LockSource {
    /// Reads a source as a user types it: a forge shorthand (`github:owner/repo/ref?dir=sub`,
    /// `gitlab:` also with `host=`), a forge web address (the repository, or a file or folder
    /// view in it), or any other https URL. Spaces around it are ignored.
    pub fn parse(input: &str) -> Result<LockSource, SourceError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(SourceError::Empty);
        }
        for (scheme, forge) in [
            ("github:", ForgeKind::GitHub),
            ("gitlab:", ForgeKind::GitLab),
            ("sourcehut:", ForgeKind::SourceHut),
            ("codeberg:", ForgeKind::Codeberg),
        ] {
            if let Some(rest) = input.strip_prefix(scheme) {
                return shorthand(forge, rest, input);
            }
        }
        if input.starts_with("http://") {
            return Err(SourceError::Insecure(input.into()));
        }
        if !input.starts_with("https://") {
            return Err(SourceError::Unsupported(input.into()));
        }
        let url = ParsedUrl::parse(input).ok_or_else(|| SourceError::Invalid {
            what: "URL",
            value: input.into(),
        })?;
        match web_url(&url) {
            Some(forge) => forge.checked().map(LockSource::Forge),
            None => Ok(LockSource::Url(input.into())),
        }
    }

    /// The https URL to fetch the raw `flake.lock` from.
    pub fn raw_url(&self) -> String {
        match self {
            LockSource::Url(url) => url.clone(),
            LockSource::Forge(forge) => forge.raw_url(),
        }
    }

    /// The canonical way to write this source (what goes into a share link).
    pub fn canonical(&self) -> String {
        match self {
            LockSource::Url(url) => url.clone(),
            LockSource::Forge(forge) => forge.canonical(),
        }
    }
}

impl ForgeSource {
    fn raw_url(&self) -> String {
        let (owner, repo, host) = (&self.owner, &self.repo, &self.host);
        let git_ref = self.git_ref.as_deref().unwrap_or("HEAD");
        let file = match &self.dir {
            Some(d) => format!("{}/flake.lock", d.trim_matches('/')),
            None => "flake.lock".into(),
        };
        let seg = |s: &str| percent_encode(s, "");
        let path = |s: &str| percent_encode(s, "/");
        match self.forge {
            ForgeKind::GitHub => format!(
                "https://raw.githubusercontent.com/{}/{}/{}/{}",
                seg(owner),
                seg(repo),
                path(git_ref),
                path(&file)
            ),
            ForgeKind::GitLab => format!(
                "https://{host}/api/v4/projects/{}/repository/files/{}/raw?ref={}",
                seg(&format!("{owner}/{repo}")),
                seg(&file),
                seg(git_ref)
            ),
            ForgeKind::SourceHut => format!(
                "https://git.sr.ht/{}/{}/blob/{}/{}",
                percent_encode(owner, "~"),
                seg(repo),
                path(git_ref),
                path(&file)
            ),
            ForgeKind::Codeberg => {
                // Without a ref, Codeberg's API reads the default branch.
                let query = self
                    .git_ref
                    .as_deref()
                    .map(|r| format!("?ref={}", seg(r)))
                    .unwrap_or_default();
                format!(
                    "https://codeberg.org/api/v1/repos/{}/{}/raw/{}{query}",
                    seg(owner),
                    seg(repo),
                    path(&file)
                )
            }
        }
    }

    /// Percent-encoded where the text could be read otherwise (`%`, `&`, `#`, spaces, control
    /// characters), so that it parses back to the same source.
    fn canonical(&self) -> String {
        let mut s = format!("{}:{}/{}", scheme_name(self.forge), self.owner, self.repo);
        if let Some(r) = &self.git_ref {
            s += &format!("/{}", percent_encode(r, "/+@"));
        }
        let mut query = Vec::new();
        if let Some(d) = &self.dir {
            query.push(format!("dir={}", percent_encode(d, "/")));
        }
        if self.forge == ForgeKind::GitLab && self.host != "gitlab.com" {
            query.push(format!("host={}", self.host));
        }
        if !query.is_empty() {
            s += &format!("?{}", query.join("&"));
        }
        s
    }
}

/// `owner/repo[/ref][?dir=..&host=..]` after the scheme.
fn shorthand(forge: ForgeKind, rest: &str, input: &str) -> Result<LockSource, SourceError> {
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let query = crate::url::decode_query(query);
    let mut parts = path.split('/').map(percent_decode);
    let (Some(owner), Some(repo)) = (parts.next(), parts.next()) else {
        return Err(SourceError::MissingRepo(input.into(), scheme_name(forge)));
    };
    if owner.is_empty() || repo.is_empty() {
        return Err(SourceError::MissingRepo(input.into(), scheme_name(forge)));
    }
    let git_ref: Vec<String> = parts.collect();
    let git_ref = (!git_ref.is_empty()).then(|| git_ref.join("/"));
    let host = match forge {
        ForgeKind::GitLab => query
            .get("host")
            .cloned()
            .unwrap_or_else(|| "gitlab.com".into()),
        ForgeKind::GitHub => "github.com".into(),
        ForgeKind::SourceHut => "git.sr.ht".into(),
        ForgeKind::Codeberg => "codeberg.org".into(),
    };
    let dir = query.get("dir").filter(|d| !d.is_empty()).cloned();
    ForgeSource {
        forge,
        host,
        owner,
        repo,
        git_ref,
        dir,
    }
    .checked()
    .map(LockSource::Forge)
}

impl ForgeSource {
    /// The source when its names, ref and folder are ones a forge can have; the same rules
    /// for a shorthand and a forge address, so that the canonical form of either (a shorthand)
    /// parses back to it.
    fn checked(self) -> Result<ForgeSource, SourceError> {
        let ForgeSource {
            owner,
            repo,
            host,
            git_ref,
            dir,
            ..
        } = &self;
        let valid_name = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c))
        };
        for (what, value) in [("owner", owner), ("repository name", repo)] {
            if !valid_name(value) {
                return Err(SourceError::Invalid {
                    what,
                    value: value.clone(),
                });
            }
        }
        if !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
            || host.is_empty()
        {
            return Err(SourceError::Invalid {
                what: "host",
                value: host.clone(),
            });
        }
        if let Some(r) = git_ref {
            if r.is_empty()
                || r.contains("..")
                || r.chars().any(|c| c.is_control() || " ~^:?*[\\".contains(c))
            {
                return Err(SourceError::Invalid {
                    what: "branch, tag or commit",
                    value: r.clone(),
                });
            }
        }
        if let Some(d) = dir {
            if d.split('/').any(|seg| seg == "..") {
                return Err(SourceError::Invalid {
                    what: "directory",
                    value: d.clone(),
                });
            }
        }
        Ok(self)
    }
}

fn scheme_name(forge: ForgeKind) -> &'static str {
    match forge {
        ForgeKind::GitHub => "github",
        ForgeKind::GitLab => "gitlab",
        ForgeKind::SourceHut => "sourcehut",
        ForgeKind::Codeberg => "codeberg",
    }
}

/// A forge web page (repository, `blob`/`tree`/`raw` view) pointing at a lock or its folder.
fn web_url(url: &ParsedUrl) -> Option<ForgeSource> {
    let host = url.host()?;
    let segments = url.segments();
    let forge = match host.as_str() {
        "github.com" => ForgeKind::GitHub,
        "gitlab.com" => ForgeKind::GitLab,
        "codeberg.org" => ForgeKind::Codeberg,
        "git.sr.ht" => ForgeKind::SourceHut,
        _ => return None,
    };
    let [owner, repo, rest @ ..] = segments.as_slice() else {
        return None;
    };
    let mut rest = rest;
    if forge == ForgeKind::GitLab && rest.first() == Some(&"-") {
        rest = &rest[1..];
    }
    let (git_ref, file_path): (Option<String>, Vec<&str>) = match rest {
        [] => (None, Vec::new()),
        ["blob" | "tree" | "raw", r, path @ ..] if forge != ForgeKind::Codeberg => {
            (Some((*r).to_string()), path.to_vec())
        }
        ["src" | "raw", "branch" | "tag" | "commit", r, path @ ..]
            if forge == ForgeKind::Codeberg =>
        {
            (Some((*r).to_string()), path.to_vec())
        }
        _ => return None,
    };
    let mut dir: Vec<&str> = file_path;
    if dir.last() == Some(&"flake.lock") {
        dir.pop();
    }
    let dir = (!dir.is_empty()).then(|| dir.join("/"));
    Some(ForgeSource {
        forge,
        host,
        owner: (*owner).to_string(),
        repo: repo.strip_suffix(".git").unwrap_or(repo).to_string(),
        git_ref,
        dir,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(s: &str) -> String {
        LockSource::parse(s).expect("parses").raw_url()
    }

    fn err(s: &str) -> String {
        LockSource::parse(s).expect_err("refused").to_string()
    }

    #[test]
    fn github_shorthands() {
        assert_eq!(
            raw("github:NixOS/nix"),
            "https://raw.githubusercontent.com/NixOS/nix/HEAD/flake.lock"
        );
        assert_eq!(
            raw("github:NixOS/nix/2.34-maintenance?dir=tests/x"),
            "https://raw.githubusercontent.com/NixOS/nix/2.34-maintenance/tests/x/flake.lock"
        );
        assert_eq!(
            raw(" github:o/r/feature/deep "),
            "https://raw.githubusercontent.com/o/r/feature/deep/flake.lock"
        );
    }

    #[test]
    fn gitlab_sourcehut_codeberg() {
        assert_eq!(
            raw("gitlab:rycee/nur-expressions?dir=pkgs/firefox-addons"),
            "https://gitlab.com/api/v4/projects/rycee%2Fnur-expressions/repository/files/pkgs%2Ffirefox-addons%2Fflake.lock/raw?ref=HEAD"
        );
        assert_eq!(
            raw("gitlab:ghc/head.hackage/master?host=gitlab.haskell.org"),
            "https://gitlab.haskell.org/api/v4/projects/ghc%2Fhead.hackage/repository/files/flake.lock/raw?ref=master"
        );
        assert_eq!(
            raw("sourcehut:~user/repo"),
            "https://git.sr.ht/~user/repo/blob/HEAD/flake.lock"
        );
        assert_eq!(
            raw("codeberg:forgejo/forgejo/v9"),
            "https://codeberg.org/api/v1/repos/forgejo/forgejo/raw/flake.lock?ref=v9"
        );
    }

    #[test]
    fn forge_web_urls() {
        assert_eq!(
            raw("https://github.com/hyprwm/Hyprland/blob/main/flake.lock"),
            "https://raw.githubusercontent.com/hyprwm/Hyprland/main/flake.lock"
        );
        assert_eq!(
            raw("https://github.com/o/r/tree/v1/sub/dir"),
            "https://raw.githubusercontent.com/o/r/v1/sub/dir/flake.lock"
        );
        assert_eq!(
            raw("https://github.com/o/r"),
            "https://raw.githubusercontent.com/o/r/HEAD/flake.lock"
        );
        assert_eq!(
            raw("https://github.com/o/r.git"),
            "https://raw.githubusercontent.com/o/r/HEAD/flake.lock"
        );
        assert_eq!(
            raw("https://gitlab.com/o/r/-/blob/main/flake.lock"),
            "https://gitlab.com/api/v4/projects/o%2Fr/repository/files/flake.lock/raw?ref=main"
        );
        assert_eq!(
            raw("https://codeberg.org/o/r/src/branch/main/flake.lock"),
            "https://codeberg.org/api/v1/repos/o/r/raw/flake.lock?ref=main"
        );
        assert_eq!(
            raw("https://example.org/x/flake.lock"),
            "https://example.org/x/flake.lock"
        );
    }

    #[test]
    fn canonical_round_trips() {
        for s in [
            "github:NixOS/nix",
            "github:o/r/main?dir=a/b",
            "gitlab:o/r?host=gitlab.example.org",
        ] {
            let source = LockSource::parse(s).expect("parses");
            assert_eq!(source.canonical(), s);
            assert_eq!(LockSource::parse(&source.canonical()), Ok(source));
        }
    }

    #[test]
    fn bad_sources_say_why() {
        assert_eq!(
            err("  "),
            "nothing to load: type a URL or a reference such as github:NixOS/nixpkgs"
        );
        assert_eq!(
            err("github:NixOS"),
            "'github:NixOS' needs an owner and a repository, as in github:owner/repo"
        );
        assert_eq!(
            err("github:/r"),
            "'github:/r' needs an owner and a repository, as in github:owner/repo"
        );
        assert_eq!(
            err("http://example.org/flake.lock"),
            "'http://example.org/flake.lock' uses plain http: only https URLs can be fetched from this page"
        );
        assert!(err("javascript:alert(1)").contains("is not a source Lockscope can fetch"));
        assert!(err("path:/etc").contains("is not a source Lockscope can fetch"));
        assert_eq!(
            err("github:o/r<script>"),
            "'r<script>' is not a valid repository name"
        );
        assert_eq!(
            err("github:o/r/a..b"),
            "'a..b' is not a valid branch, tag or commit"
        );
        assert_eq!(
            err("gitlab:o/r?host=evil.com/x"),
            "'evil.com/x' is not a valid host"
        );
        assert_eq!(
            err("github:o/r?dir=../x"),
            "'../x' is not a valid directory"
        );
    }
}
