//! A stand-in for the APIs `lockscope outdated` asks, answering in their documented shapes
//! from a small table of repositories: GitHub's REST API (`/rate_limit`, `/repos/{o}/{r}`,
//! `/repos/{o}/{r}/compare/{base}...{head}` with `per_page`/`page`, the `x-ratelimit-*`
//! headers and its 403 when the quota is spent), GitLab's v4 (`/projects/{id}`,
//! `/projects/{id}/repository/compare?from=&to=`), Forgejo/Gitea's v1
//! (`/repos/{o}/{r}`, `/repos/{o}/{r}/compare/{base}...{head}`) and Prometheus'
//! `channel_revision` query. The engine's tests call it in-process; the CLI's tests serve it
//! over HTTP on 127.0.0.1. Each API lives under a prefix of its own: `/github`, `/gitlab`,
//! `/codeberg`, `/prometheus`.

use serde_json::{json, Value};

/// Which API a repository is served by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    GitHub,
    GitLab,
    Gitea,
}

/// A repository as the stand-in knows it.
#[derive(Debug, Clone)]
pub struct Repo {
    pub api: Api,
    pub owner: String,
    pub repo: String,
    pub default_branch: String,
    /// The revision the lock has.
    pub locked: String,
    /// The commits on the branch after `locked`, oldest first: sha and RFC 3339 date.
    pub new_commits: Vec<(String, String)>,
    /// The locked revision is no longer on the branch.
    pub diverged: bool,
    /// `owner/repo` GitHub now calls it (its `html_url`s say so).
    pub renamed_to: Option<String>,
}

impl Repo {
    /// A repository whose branch has `behind` commits after `locked`, a day apart from
    /// 2026-11-01.
    pub fn behind(api: Api, owner: &str, repo: &str, locked: &str, behind: usize) -> Repo {
        Repo {
            api,
            owner: owner.into(),
            repo: repo.into(),
            default_branch: "main".into(),
            locked: locked.into(),
            new_commits: (0..behind)
                .map(|i| {
                    let day = 1 + i % 28;
                    let month = 11 - (i / 28).min(9);
                    (
                        format!("c0ffee{i:034x}"),
                        format!("2026-{month:02}-{day:02}T12:00:00Z"),
                    )
                })
                .collect(),
            diverged: false,
            renamed_to: None,
        }
    }

    fn head(&self) -> &str {
        self.new_commits.last().map_or(&self.locked, |(sha, _)| sha)
    }
}

/// An answer: status, headers and body.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    fn json(status: u16, body: Value) -> Reply {
        Reply {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.to_string(),
        }
    }

    /// The header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }
}

/// The forges and the channels, and the requests they were asked.
#[derive(Debug, Clone)]
pub struct Forges {
    pub repos: Vec<Repo>,
    /// GitHub requests left, and when they come back (Unix seconds).
    pub github_remaining: u64,
    pub github_reset: i64,
    /// NixOS channels and their current revisions.
    pub channels: Vec<(String, String)>,
    /// Every path asked, in order.
    pub asked: Vec<String>,
}

impl Forges {
    /// The stand-in with these repositories and GitHub's unauthenticated quota untouched.
    pub fn new(repos: Vec<Repo>) -> Forges {
        Forges {
            repos,
            github_remaining: 60,
            github_reset: 1_796_554_800,
            channels: Vec::new(),
            asked: Vec::new(),
        }
    }

    /// The requests asked of GitHub that spend its quota (all but `/rate_limit`).
    pub fn github_spent(&self) -> usize {
        self.asked
            .iter()
            .filter(|p| p.starts_with("/github/repos/"))
            .count()
    }

    /// The answer to a GET of `path` (with its query).
    pub fn answer(&mut self, path: &str) -> Reply {
        self.asked.push(path.to_string());
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let param = |name: &str| {
            query
                .split('&')
                .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
                .map(decode)
        };
        let parts: Vec<String> = path.split('/').skip(1).map(decode).collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        let reply = match parts[..] {
            ["prometheus", "api", "v1", "query"]
                if param("query").as_deref() == Some("channel_revision") =>
            {
                self.channels()
            }
            ["github", "rate_limit"] => self.github_rate(),
            ["github", "repos", owner, repo, ref rest @ ..] => {
                if self.github_remaining == 0 {
                    return self.github_headers(Reply::json(
                        403,
                        json!({"message": "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)",
                               "documentation_url": "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}),
                    ));
                }
                self.github_remaining -= 1;
                let reply = self.repo_reply(Api::GitHub, owner, repo, compared(rest));
                self.github_headers(reply)
            }
            ["gitlab", "projects", id] | ["gitlab", "projects", id, "repository", "compare"] => {
                let Some((owner, repo)) = id.split_once('/') else {
                    return not_found();
                };
                let question = match parts.len() {
                    3 => Some(None),
                    _ => param("from").zip(param("to")).map(Some),
                };
                self.repo_reply(Api::GitLab, owner, repo, question)
            }
            ["codeberg", "repos", owner, repo, ref rest @ ..] => {
                self.repo_reply(Api::Gitea, owner, repo, compared(rest))
            }
            _ => not_found(),
        };
        // GitHub's pages: `per_page` and `page` of the commits listed.
        match (reply.status, param("per_page")) {
            (200, Some(per_page)) => paginate(reply, &per_page, param("page").as_deref()),
            _ => reply,
        }
    }

    fn channels(&self) -> Reply {
        let result: Vec<Value> = self
            .channels
            .iter()
            .map(|(channel, rev)| {
                json!({"metric": {"__name__": "channel_revision", "channel": channel, "current": "1",
                                  "revision": rev, "status": "rolling", "variant": "primary"},
                       "value": [1_796_551_440.5, "1"]})
            })
            .collect();
        Reply::json(
            200,
            json!({"status": "success", "data": {"resultType": "vector", "result": result}}),
        )
    }

    fn github_rate(&self) -> Reply {
        let core = json!({"limit": 60, "remaining": self.github_remaining,
                          "reset": self.github_reset, "used": 60_u64.saturating_sub(self.github_remaining)});
        self.github_headers(Reply::json(
            200,
            json!({"resources": {"core": core, "search": {"limit": 10, "remaining": 10, "reset": self.github_reset, "used": 0}},
                   "rate": core}),
        ))
    }

    fn github_headers(&self, mut reply: Reply) -> Reply {
        for (name, value) in [
            ("x-ratelimit-limit", "60".to_string()),
            ("x-ratelimit-remaining", self.github_remaining.to_string()),
            ("x-ratelimit-reset", self.github_reset.to_string()),
            (
                "x-ratelimit-used",
                60_u64.saturating_sub(self.github_remaining).to_string(),
            ),
            ("x-ratelimit-resource", "core".to_string()),
        ] {
            reply.headers.push((name.into(), value));
        }
        reply
    }

    /// The repository's own answer (`question` `None`), or its compare of a base with a
    /// head; `None` for a path the API does not have.
    fn repo_reply(
        &self,
        api: Api,
        owner: &str,
        name: &str,
        question: Option<Option<(String, String)>>,
    ) -> Reply {
        // A repository may be locked at several revisions (several inputs): a compare
        // answers from the entry of its base.
        let base = match &question {
            Some(Some((base, _))) => Some(base.as_str()),
            _ => None,
        };
        let Some(repo) = self.repos.iter().find(|r| {
            r.api == api
                && r.owner.eq_ignore_ascii_case(owner)
                && r.repo.eq_ignore_ascii_case(name)
                && base.is_none_or(|base| base == r.locked)
        }) else {
            return not_found();
        };
        let (owner, name) = match &repo.renamed_to {
            Some(now) => now.split_once('/').unwrap_or((owner, name)),
            None => (owner, name),
        };
        match question {
            None => not_found(),
            Some(None) if api == Api::GitLab => Reply::json(
                200,
                json!({"id": 278964, "path_with_namespace": format!("{owner}/{name}"),
                       "default_branch": repo.default_branch, "visibility": "public"}),
            ),
            Some(None) => Reply::json(
                200,
                json!({"id": 1296269, "full_name": format!("{owner}/{name}"), "private": false,
                       "default_branch": repo.default_branch}),
            ),
            Some(Some((base, head))) if base == repo.locked && repo.knows(&head) => match api {
                Api::GitHub => github_compare(repo, owner, name),
                Api::GitLab => gitlab_compare(repo),
                Api::Gitea => gitea_compare(repo),
            },
            Some(Some(_)) => not_found(),
        }
    }
}

/// What the path after `/repos/{o}/{r}` asks: nothing more (`Some(None)`), a compare of
/// `{base}...{head}`, or something the stand-in does not have (`None`).
fn compared(rest: &[&str]) -> Option<Option<(String, String)>> {
    match rest {
        [] => Some(None),
        ["compare", basehead @ ..] => {
            let basehead = basehead.join("/");
            let (base, head) = basehead.split_once("...")?;
            Some(Some((base.to_string(), head.to_string())))
        }
        _ => None,
    }
}

/// Keeps page `page` (from 1) of `per_page` commits of a compare answer's `commits`.
fn paginate(mut reply: Reply, per_page: &str, page: Option<&str>) -> Reply {
    let (Ok(per_page), Ok(page)) = (
        per_page.parse::<usize>(),
        page.unwrap_or("1").parse::<usize>(),
    ) else {
        return reply;
    };
    let mut body: Value = serde_json::from_str(&reply.body).expect("the stand-in's own JSON");
    if let Some(Value::Array(commits)) = body.get_mut("commits") {
        let kept: Vec<Value> = commits
            .drain(..)
            .skip(per_page * page.saturating_sub(1))
            .take(per_page)
            .collect();
        *commits = kept;
        reply.body = body.to_string();
    }
    reply
}

impl Repo {
    /// Whether `head` names the branch's head: the branch, or the head commit.
    fn knows(&self, head: &str) -> bool {
        head == self.default_branch || head == self.head()
    }
}

fn not_found() -> Reply {
    Reply::json(
        404,
        json!({"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}),
    )
}

fn github_commit(sha: &str, date: &str) -> Value {
    json!({"sha": sha, "url": format!("https://api.github.com/commits/{sha}"),
           "commit": {"author": {"name": "A", "email": "a@example.org", "date": date},
                      "committer": {"name": "A", "email": "a@example.org", "date": date},
                      "message": "a change"},
           "parents": []})
}

/// GitHub lists at most 250 commits of a compare without pagination.
fn github_compare(repo: &Repo, owner: &str, name: &str) -> Reply {
    let listed: Vec<Value> = repo
        .new_commits
        .iter()
        .take(250)
        .map(|(sha, date)| github_commit(sha, date))
        .collect();
    let ahead_by = repo.new_commits.len();
    let status = match (ahead_by, repo.diverged) {
        (_, true) => "diverged",
        (0, false) => "identical",
        _ => "ahead",
    };
    let html = format!(
        "https://github.com/{owner}/{name}/compare/{}...{}",
        repo.locked,
        repo.head()
    );
    Reply::json(
        200,
        json!({"url": "https://api.github.com/repos/compare", "html_url": html, "permalink_url": html,
               "status": status, "ahead_by": ahead_by, "behind_by": usize::from(repo.diverged) * 3,
               "total_commits": ahead_by, "commits": listed, "files": []}),
    )
}

fn gitlab_compare(repo: &Repo) -> Reply {
    let commit = |(sha, date): &(String, String)| {
        json!({"id": sha, "short_id": sha.get(..8), "title": "a change", "created_at": date,
               "committed_date": date, "author_name": "A", "message": "a change"})
    };
    // GitLab lists commits newest first; `commit` is the newest.
    let commits: Vec<Value> = repo.new_commits.iter().rev().map(commit).collect();
    Reply::json(
        200,
        json!({"commit": repo.new_commits.last().map(commit), "commits": commits, "diffs": [],
               "compare_timeout": false, "compare_same_ref": false, "web_url": "https://gitlab.example/compare"}),
    )
}

fn gitea_compare(repo: &Repo) -> Reply {
    let commits: Vec<Value> = repo
        .new_commits
        .iter()
        .map(|(sha, date)| {
            json!({"url": "https://codeberg.org/api/v1/commit", "sha": sha, "created": date,
                   "html_url": "https://codeberg.org/commit",
                   "commit": {"url": "", "author": {"name": "A", "email": "a@example.org", "date": date},
                              "committer": {"name": "A", "email": "a@example.org", "date": date},
                              "message": "a change"}})
        })
        .collect();
    Reply::json(
        200,
        json!({"total_commits": repo.new_commits.len(), "commits": commits, "files": []}),
    )
}

/// Percent-decodes a path segment or query value.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| {
            bytes
                .get(at..at + 2)
                .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok())
        };
        match (bytes[i], hex(i + 1)) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
