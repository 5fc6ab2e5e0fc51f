//! Today's NixOS branch statuses from status.nixos.org's Prometheus (which lets any site read
//! it): one question, limited to 5 seconds and `MAX_ANSWER_BYTES`, read by the engine. When
//! the page asks, and what it does with the answer, is `AppState::ask_live_statuses`.

use std::fmt;
use std::time::Duration;

use lockscope_core::health::BranchTable;
use lockscope_core::prometheus::{
    PrometheusError, CHANNEL_REVISION_QUERY, DEFAULT_BASE_URL, MAX_ANSWER_BYTES,
};

use crate::dom::now;
use crate::fetch::{fetch_text, Abort, FetchError, Limits};

/// The answer's limits: the page works on without it.
const LIMITS: Limits = Limits {
    time: Duration::from_secs(5),
    bytes: MAX_ANSWER_BYTES,
};

/// Why there are no live statuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveError {
    Fetch(FetchError),
    Answer(PrometheusError),
}

impl fmt::Display for LiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words = match self {
            LiveError::Fetch(FetchError::Network) => {
                "no answer the page may read (offline, or refused)"
            }
            LiveError::Fetch(FetchError::TimedOut) => {
                return write!(f, "no answer within {} seconds", LIMITS.time.as_secs())
            }
            LiveError::Fetch(FetchError::TooLarge) => {
                return write!(
                    f,
                    "the answer is bigger than {} MB",
                    LIMITS.bytes / (1024 * 1024)
                )
            }
            LiveError::Fetch(FetchError::NotFound) => "it answered HTTP 404",
            LiveError::Fetch(FetchError::Status(status)) => {
                return write!(f, "it answered HTTP {status}")
            }
            LiveError::Fetch(FetchError::NotText) => "the answer is not text",
            // Nothing stops this fetch but its timer.
            LiveError::Fetch(FetchError::Cancelled | FetchError::Replaced) => "stopped",
            LiveError::Answer(error) => return error.fmt(f),
        };
        f.write_str(words)
    }
}

/// Ask status.nixos.org for today's branch statuses.
pub async fn statuses() -> Result<BranchTable, LiveError> {
    let abort = Abort::new().ok_or(LiveError::Fetch(FetchError::Network))?;
    let url = format!("{DEFAULT_BASE_URL}{CHANNEL_REVISION_QUERY}");
    let text = fetch_text(&url, &abort, LIMITS, &|_| {})
        .await
        .map_err(LiveError::Fetch)?;
    BranchTable::from_prometheus(&text, now()).map_err(LiveError::Answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_is_one_clause() {
        assert_eq!(
            LiveError::Fetch(FetchError::TimedOut).to_string(),
            "no answer within 5 seconds"
        );
        assert_eq!(
            LiveError::Fetch(FetchError::TooLarge).to_string(),
            "the answer is bigger than 1 MB"
        );
        assert_eq!(
            LiveError::Answer(PrometheusError::NoChannels).to_string(),
            "the answer lists no channel"
        );
    }
}
