//! Asking the forges for `lockscope outdated`: the API base URLs (overridable for tests and
//! mirrors), the tokens CI gives (`GITHUB_TOKEN`, `GITLAB_TOKEN`), a time limit for each
//! request, and a few requests at once.

use std::time::Duration;

use lockscope_core::outdated::{Api, ApiBases, Request, Transport, MAX_ANSWER_BYTES};

use crate::http::{self, Fetched, HttpError};

/// How long one request may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How many requests run at once: enough to be quick, few enough to be polite.
pub const AT_ONCE: usize = 3;

/// The API bases: `LOCKSCOPE_GITHUB_API`, `LOCKSCOPE_GITLAB_API`, `LOCKSCOPE_CODEBERG_API`,
/// `LOCKSCOPE_PROMETHEUS`, each defaulting to the public service.
pub fn bases() -> ApiBases {
    let defaults = ApiBases::default();
    let var = |name: &str, default: String| {
        std::env::var(name)
            .ok()
            .filter(|v| !v.is_empty())
            .unwrap_or(default)
    };
    ApiBases {
        github: var("LOCKSCOPE_GITHUB_API", defaults.github),
        gitlab: var("LOCKSCOPE_GITLAB_API", defaults.gitlab),
        codeberg: var("LOCKSCOPE_CODEBERG_API", defaults.codeberg),
        prometheus: var("LOCKSCOPE_PROMETHEUS", defaults.prometheus),
    }
}

/// Each request's answer, asked [`AT_ONCE`] at a time.
pub fn fetch_all(requests: &[Request]) -> Vec<Result<Fetched, Transport>> {
    let mut answers = Vec::with_capacity(requests.len());
    for batch in requests.chunks(AT_ONCE) {
        std::thread::scope(|scope| {
            let running: Vec<_> = batch
                .iter()
                .map(|request| scope.spawn(|| fetch(request)))
                .collect();
            for thread in running {
                answers.push(thread.join().unwrap_or_else(|_| {
                    Err(Transport::Unreachable {
                        host: String::new(),
                        message: "the request's thread failed".into(),
                    })
                }));
            }
        });
    }
    answers
}

fn fetch(request: &Request) -> Result<Fetched, Transport> {
    let token = match request.api {
        Api::GitHub => std::env::var("GITHUB_TOKEN")
            .ok()
            .map(|t| ("Authorization", format!("Bearer {t}"))),
        Api::GitLab => std::env::var("GITLAB_TOKEN")
            .ok()
            .map(|t| ("PRIVATE-TOKEN", t)),
        Api::Gitea | Api::Prometheus => None,
    };
    let mut headers: Vec<(&str, &str)> = request.api.headers().to_vec();
    if let Some((name, value)) = token.as_ref().filter(|(_, v)| !v.trim().is_empty()) {
        headers.push((name, value));
    }
    http::get(&request.url, &headers, TIMEOUT, MAX_ANSWER_BYTES).map_err(|e| match e {
        HttpError::Timeout(t) => Transport::Timeout(t.as_secs()),
        HttpError::TooLarge(_) => Transport::TooLarge,
        e => Transport::Unreachable {
            host: host_of(&request.url).to_string(),
            message: e.to_string(),
        },
    })
}

/// The host of a URL, for messages.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?']).next().unwrap_or(rest)
}
