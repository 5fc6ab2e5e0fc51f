//! The CLI's HTTP client: blocking GETs over https (rustls) or http, proxies from the
//! environment (`ALL_PROXY`, `HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`), one time limit for the
//! whole exchange, one redirect followed at most (a renamed repository), and a cap on the
//! body counted as it arrives.

use std::time::Duration;

use thiserror::Error;

/// Why a GET brought no answer.
#[derive(Debug, Error)]
pub enum HttpError {
    #[error("no answer within {} s", .0.as_secs())]
    Timeout(Duration),
    #[error("the answer is over {0} bytes")]
    TooLarge(usize),
    #[error("it answered HTTP {0}")]
    Status(u16),
    #[error("{0}")]
    Failed(String),
}

/// An answer, whatever its status.
pub struct Fetched {
    pub status: u16,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Fetched {
    /// The header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }
}

/// A GET of `url` with `headers`, its answer whatever the status.
pub fn get(
    url: &str,
    headers: &[(&str, &str)],
    timeout: Duration,
    max_bytes: usize,
) -> Result<Fetched, HttpError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .proxy(ureq::Proxy::try_from_env())
        .http_status_as_error(false)
        .max_redirects(1)
        .user_agent(concat!("lockscope/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let failed = |e: ureq::Error| match e {
        ureq::Error::Timeout(_) => HttpError::Timeout(timeout),
        ureq::Error::BodyExceedsLimit(_) => HttpError::TooLarge(max_bytes),
        e => HttpError::Failed(e.to_string()),
    };
    let mut request = agent.get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut answer = request.call().map_err(failed)?;
    let headers = answer
        .headers()
        .iter()
        .filter_map(|(name, value)| {
            Some((name.as_str().to_string(), value.to_str().ok()?.to_string()))
        })
        .collect();
    let body = answer
        .body_mut()
        .with_config()
        .limit(max_bytes as u64)
        .read_to_string()
        .map_err(failed)?;
    Ok(Fetched {
        status: answer.status().as_u16(),
        headers,
        body,
    })
}

/// The body of a successful (2xx) answer to a GET of `url`, as text.
pub fn get_text(url: &str, timeout: Duration, max_bytes: usize) -> Result<String, HttpError> {
    let answer = get(url, &[], timeout, max_bytes)?;
    if !(200..300).contains(&answer.status) {
        return Err(HttpError::Status(answer.status));
    }
    Ok(answer.body)
}
