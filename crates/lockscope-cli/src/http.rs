//! The CLI's HTTP client: blocking GETs over https (rustls) or http, proxies from the
//! environment (`ALL_PROXY`, `HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`), one time limit for the
//! whole exchange, and a cap on the body counted as it arrives.

use std::time::Duration;

use thiserror::Error;

/// Why a GET brought no text.
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

/// The body of a successful (2xx) answer to a GET of `url`, as text.
pub fn get_text(url: &str, timeout: Duration, max_bytes: usize) -> Result<String, HttpError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .proxy(ureq::Proxy::try_from_env())
        .http_status_as_error(false)
        .user_agent(concat!("lockscope/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let failed = |e: ureq::Error| match e {
        ureq::Error::Timeout(_) => HttpError::Timeout(timeout),
        ureq::Error::BodyExceedsLimit(_) => HttpError::TooLarge(max_bytes),
        e => HttpError::Failed(e.to_string()),
    };
    let mut answer = agent.get(url).call().map_err(failed)?;
    let status = answer.status();
    if !status.is_success() {
        return Err(HttpError::Status(status.as_u16()));
    }
    answer
        .body_mut()
        .with_config()
        .limit(max_bytes as u64)
        .read_to_string()
        .map_err(failed)
}
