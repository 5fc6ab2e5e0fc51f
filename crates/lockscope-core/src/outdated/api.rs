//! The forge APIs as documented: where each question goes (GitHub's REST API, GitLab's v4,
//! Forgejo/Gitea's v1, status.nixos.org's Prometheus) and what each answer means. Every
//! answer is read with the engine's JSON reader and checked for its shape.

use crate::flakeref::{Forge, ForgeRepo};
use crate::json::{self, Json, Object};
use crate::time::parse_rfc3339;
use crate::url::percent_encode;

use super::{Reason, Status};

/// The largest answer read: a GitHub compare lists up to 300 changed files with their patches.
pub const MAX_ANSWER_BYTES: usize = 16 << 20;

/// Where each API answers; the defaults are the public services, a test or a mirror names
/// others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiBases {
    /// GitHub's REST API (`LOCKSCOPE_GITHUB_API`).
    pub github: String,
    /// gitlab.com's API v4 (`LOCKSCOPE_GITLAB_API`); other GitLabs answer at
    /// `https://HOST/api/v4`.
    pub gitlab: String,
    /// Codeberg's Forgejo API v1 (`LOCKSCOPE_CODEBERG_API`).
    pub codeberg: String,
    /// status.nixos.org's Prometheus (`LOCKSCOPE_PROMETHEUS`).
    pub prometheus: String,
}

impl Default for ApiBases {
    fn default() -> ApiBases {
        ApiBases {
            github: "https://api.github.com".into(),
            gitlab: "https://gitlab.com/api/v4".into(),
            codeberg: "https://codeberg.org/api/v1".into(),
            prometheus: crate::prometheus::DEFAULT_BASE_URL.into(),
        }
    }
}

/// Which API a request goes to: it decides the headers, the token and the quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    /// GitHub's REST API, 60 requests an hour without a token.
    GitHub,
    /// A GitLab's API v4.
    GitLab,
    /// A Forgejo or Gitea API v1.
    Gitea,
    /// status.nixos.org's Prometheus.
    Prometheus,
}

impl Api {
    /// The forge's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Api::GitHub => "GitHub",
            Api::GitLab => "GitLab",
            Api::Gitea => "Codeberg",
            Api::Prometheus => "status.nixos.org",
        }
    }

    /// The headers every request to this API carries (a token is the front's to add).
    pub fn headers(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Api::GitHub => &[
                ("Accept", "application/vnd.github+json"),
                ("X-GitHub-Api-Version", "2022-11-28"),
            ],
            Api::GitLab | Api::Gitea | Api::Prometheus => &[("Accept", "application/json")],
        }
    }
}

/// A GET for a front to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The whole address.
    pub url: String,
    /// The API it goes to.
    pub api: Api,
}

/// An answer as a front received it.
pub struct Answer<'a> {
    /// The HTTP status.
    pub status: u16,
    /// The body, as text.
    pub body: &'a str,
    /// A response header by its name, in lower case: `x-ratelimit-remaining`, `retry-after`...
    pub header: &'a dyn Fn(&str) -> Option<String>,
}

/// Why a request brought no answer at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Transport {
    /// No answer in the time allowed, in seconds.
    #[error("no answer within {0} seconds")]
    Timeout(u64),
    /// The answer was cut at [`MAX_ANSWER_BYTES`].
    #[error("the answer is over {MAX_ANSWER_BYTES} bytes")]
    TooLarge,
    /// The host could not be reached; what the network layer said.
    #[error("could not reach {host}: {message}")]
    Unreachable {
        /// The host asked.
        host: String,
        /// What went wrong.
        message: String,
    },
    /// A browser refused to send it or to read the answer: the server does not allow pages
    /// of other sites to ask (CORS), or the browser is offline.
    #[error("the browser could not ask {0} (it does not allow other sites' pages, or the browser is offline): open the compare link")]
    Blocked(String),
    /// The person asking stopped it.
    #[error("cancelled")]
    Cancelled,
}

impl ApiBases {
    /// The API a repository's forge answers with; `None` for SourceHut.
    pub(super) fn api_of(repo: &ForgeRepo) -> Option<Api> {
        match repo.forge {
            Forge::GitHub => Some(Api::GitHub),
            Forge::GitLab => Some(Api::GitLab),
            Forge::Codeberg => Some(Api::Gitea),
            Forge::SourceHut => None,
        }
    }

    /// The API base of a repository's forge, and which API it is; `None` for SourceHut.
    fn of(&self, repo: &ForgeRepo) -> Option<(String, Api)> {
        let trim = |base: &str| base.trim_end_matches('/').to_string();
        let api = Self::api_of(repo)?;
        let base = match api {
            Api::GitHub => trim(&self.github),
            Api::GitLab if repo.host == "gitlab.com" => trim(&self.gitlab),
            Api::GitLab => format!("https://{}/api/v4", repo.host),
            _ => trim(&self.codeberg),
        };
        Some((base, api))
    }

    /// The repository's own address under its API.
    fn repo_url(&self, repo: &ForgeRepo) -> Option<(String, Api)> {
        let (base, api) = self.of(repo)?;
        let url = match api {
            Api::GitLab => format!(
                "{base}/projects/{}",
                percent_encode(&format!("{}/{}", repo.owner, repo.repo), "")
            ),
            _ => format!(
                "{base}/repos/{}/{}",
                percent_encode(&repo.owner, ""),
                percent_encode(&repo.repo, "")
            ),
        };
        Some((url, api))
    }

    /// What the repository's default branch is.
    pub(super) fn default_branch(&self, repo: &ForgeRepo) -> Option<Request> {
        let (url, api) = self.repo_url(repo)?;
        Some(Request { url, api })
    }

    /// The commits from `base` to `head`; on GitHub, `page` (of one commit each) picks the
    /// `page`-th, and without it the first 100 come.
    pub(super) fn compare(
        &self,
        repo: &ForgeRepo,
        base: &str,
        head: &str,
        page: Option<u64>,
    ) -> Option<Request> {
        let (url, api) = self.repo_url(repo)?;
        let base = percent_encode(base, "");
        let url = match api {
            Api::GitLab => format!(
                "{url}/repository/compare?from={base}&to={}",
                percent_encode(head, "")
            ),
            _ => {
                let head = percent_encode(head, "/");
                match (api, page) {
                    (Api::GitHub, Some(page)) => {
                        format!("{url}/compare/{base}...{head}?per_page=1&page={page}")
                    }
                    (Api::GitHub, None) => format!("{url}/compare/{base}...{head}?per_page=100"),
                    _ => format!("{url}/compare/{base}...{head}"),
                }
            }
        };
        Some(Request { url, api })
    }

    /// GitHub's quota, which asking does not spend.
    pub(super) fn github_rate_limit(&self) -> Request {
        Request {
            url: format!("{}/rate_limit", self.github.trim_end_matches('/')),
            api: Api::GitHub,
        }
    }

    /// The revisions of the NixOS channels.
    pub(super) fn channel_revisions(&self) -> Request {
        Request {
            url: format!(
                "{}{}",
                self.prometheus.trim_end_matches('/'),
                crate::prometheus::CHANNEL_REVISION_QUERY
            ),
            api: Api::Prometheus,
        }
    }
}

/// What a compare said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Comparison {
    pub status: Status,
    /// Commits on the branch that the lock does not have.
    pub behind_by: u64,
    /// The head, when the answer lists it.
    pub head: Option<Commit>,
    /// `owner/repo` the forge named in its answer, when that differs from the one asked.
    pub renamed_to: Option<String>,
}

/// A commit and when it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Commit {
    pub sha: String,
    pub time: Option<i64>,
}

/// The JSON object of a 2xx answer, or why there is none.
pub(super) fn object(api: Api, answer: &Answer) -> Result<Object, Reason> {
    let forge = api.name();
    if answer.body.len() > MAX_ANSWER_BYTES {
        return Err(Reason::Transport(Transport::TooLarge));
    }
    let malformed = |what: String| Reason::Malformed { forge, what };
    match json::parse(answer.body) {
        Ok(Json::Object(object)) => Ok(object),
        Ok(other) => Err(malformed(format!("{} instead of an object", other.kind()))),
        Err(e) => Err(malformed(format!("not JSON ({e})"))),
    }
}

/// The reason a non-2xx answer gives; `now` dates a `retry-after`.
pub(super) fn refusal(api: Api, answer: &Answer, now: i64) -> Reason {
    let forge = api.name();
    let number = |name: &str| (answer.header)(name).and_then(|v| v.trim().parse::<i64>().ok());
    let spent =
        number("x-ratelimit-remaining") == Some(0) || number("ratelimit-remaining") == Some(0);
    match answer.status {
        404 => Reason::NotFound(forge),
        429 | 403 if spent || number("retry-after").is_some() || answer.status == 429 => {
            Reason::RateLimited {
                forge,
                reset: number("retry-after")
                    .map(|wait| now + wait)
                    .or_else(|| number("x-ratelimit-reset"))
                    .or_else(|| number("ratelimit-reset")),
            }
        }
        status => Reason::Http { forge, status },
    }
}

fn text<'a>(object: &'a Object, key: &str) -> Option<&'a str> {
    match object.get(key)? {
        Json::String(s) => Some(s),
        _ => None,
    }
}

fn number(object: &Object, key: &str) -> Option<u64> {
    match object.get(key)? {
        Json::Number(n) => n.as_i64().and_then(|n| u64::try_from(n).ok()),
        _ => None,
    }
}

fn child<'a>(object: &'a Object, key: &str) -> Option<&'a Object> {
    match object.get(key)? {
        Json::Object(o) => Some(o),
        _ => None,
    }
}

fn missing(api: Api, what: &str) -> Reason {
    Reason::Malformed {
        forge: api.name(),
        what: format!("no {what}"),
    }
}

/// The default branch a repository answer names.
pub(super) fn default_branch(api: Api, object: &Object) -> Result<String, Reason> {
    text(object, "default_branch")
        .filter(|b| !b.is_empty())
        .map(str::to_string)
        .ok_or_else(|| missing(api, "\"default_branch\""))
}

/// GitHub's quota from `GET /rate_limit`: remaining requests and when they come back.
pub(super) fn github_quota(object: &Object) -> Option<(u64, Option<i64>)> {
    let core = child(object, "resources")
        .and_then(|r| child(r, "core"))
        .or_else(|| child(object, "rate"))?;
    let reset = number(core, "reset").and_then(|r| i64::try_from(r).ok());
    Some((number(core, "remaining")?, reset))
}

/// A commit as GitHub and Gitea list it: `sha`, and `commit.committer.date`.
fn listed_commit(item: &Json) -> Option<Commit> {
    let Json::Object(item) = item else {
        return None;
    };
    let time = child(item, "commit")
        .and_then(|c| child(c, "committer"))
        .and_then(|c| text(c, "date"))
        .or_else(|| text(item, "created"))
        .and_then(parse_rfc3339);
    Some(Commit {
        sha: text(item, "sha")?.to_string(),
        time,
    })
}

fn commits(api: Api, object: &Object) -> Result<&[Json], Reason> {
    match object.get("commits") {
        Some(Json::Array(items)) => Ok(items),
        _ => Err(missing(api, "\"commits\" array")),
    }
}

/// GitHub's compare of the locked revision (base) with the branch (head). Its `status` is the
/// branch's: `ahead` of the locked commit, `behind` it, `identical` or `diverged`. The head
/// is the last commit listed, when all are listed.
pub(super) fn github_compare(object: &Object, asked: &ForgeRepo) -> Result<Comparison, Reason> {
    let api = Api::GitHub;
    let ahead_by = number(object, "ahead_by").ok_or_else(|| missing(api, "\"ahead_by\""))?;
    let status = match text(object, "status") {
        Some("ahead") => Status::Behind,
        Some("identical") => Status::UpToDate,
        Some("behind") => Status::Ahead,
        Some("diverged") => Status::Diverged,
        _ => return Err(missing(api, "known \"status\"")),
    };
    let listed = commits(api, object)?;
    let head = match listed.last() {
        Some(last) if listed.len() as u64 >= ahead_by => {
            Some(listed_commit(last).ok_or_else(|| missing(api, "commit \"sha\""))?)
        }
        _ => None,
    };
    // `html_url` is https://github.com/OWNER/REPO/compare/...: the name GitHub uses now.
    let renamed_to = text(object, "html_url")
        .and_then(|url| url.strip_prefix("https://github.com/"))
        .and_then(|path| {
            let mut parts = path.splitn(3, '/');
            Some(format!("{}/{}", parts.next()?, parts.next()?))
        })
        .filter(|now| !now.eq_ignore_ascii_case(&format!("{}/{}", asked.owner, asked.repo)));
    Ok(Comparison {
        status,
        behind_by: ahead_by,
        head,
        renamed_to,
    })
}

/// The one commit of a GitHub compare page of one.
pub(super) fn github_page_commit(object: &Object) -> Result<Commit, Reason> {
    commits(Api::GitHub, object)?
        .first()
        .and_then(listed_commit)
        .ok_or_else(|| missing(Api::GitHub, "commit on the page"))
}

/// GitLab's compare `from` the locked revision `to` the branch: the commits the branch has
/// beyond it, and `commit`, the newest.
pub(super) fn gitlab_compare(object: &Object) -> Result<Comparison, Reason> {
    let api = Api::GitLab;
    let behind_by = commits(api, object)?.len() as u64;
    let head = child(object, "commit").and_then(|c| {
        Some(Commit {
            sha: text(c, "id")?.to_string(),
            time: text(c, "committed_date")
                .or_else(|| text(c, "created_at"))
                .and_then(parse_rfc3339),
        })
    });
    if behind_by > 0 && head.is_none() {
        return Err(missing(api, "\"commit\""));
    }
    Ok(Comparison {
        status: if behind_by == 0 {
            Status::UpToDate
        } else {
            Status::Behind
        },
        behind_by,
        head,
        renamed_to: None,
    })
}

/// Forgejo/Gitea's compare: `total_commits`, and the commits, the newest being the head.
pub(super) fn gitea_compare(object: &Object) -> Result<Comparison, Reason> {
    let api = Api::Gitea;
    let total = number(object, "total_commits").ok_or_else(|| missing(api, "\"total_commits\""))?;
    let head = commits(api, object)?
        .iter()
        .filter_map(listed_commit)
        .max_by_key(|c| c.time);
    Ok(Comparison {
        status: if total == 0 {
            Status::UpToDate
        } else {
            Status::Behind
        },
        behind_by: total,
        head,
        renamed_to: None,
    })
}
