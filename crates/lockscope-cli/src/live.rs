//! `check --online`: today's NixOS branch statuses from status.nixos.org's Prometheus
//! (`LOCKSCOPE_PROMETHEUS`, default <https://prometheus.nixos.org>), asked once.

use std::time::Duration;

use lockscope_core::health::BranchTable;
use lockscope_core::prometheus::{self, PrometheusError};
use thiserror::Error;

use crate::http::{self, HttpError};

/// How long the whole question may take.
const TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, Error)]
pub enum LiveError {
    /// Asked where there is no network to ask (a command run in memory).
    #[error("not online")]
    Offline,
    #[error("{0}")]
    Http(#[from] HttpError),
    #[error("{0}")]
    Answer(#[from] PrometheusError),
}

/// The address asked: the query on `LOCKSCOPE_PROMETHEUS` or the default.
pub fn query_url() -> String {
    let base = std::env::var("LOCKSCOPE_PROMETHEUS")
        .ok()
        .filter(|b| !b.is_empty())
        .unwrap_or_else(|| prometheus::DEFAULT_BASE_URL.to_string());
    format!(
        "{}{}",
        base.trim_end_matches('/'),
        prometheus::CHANNEL_REVISION_QUERY
    )
}

/// The statuses status.nixos.org gives now; `at` (Unix seconds) dates them.
pub fn statuses(at: i64) -> Result<BranchTable, LiveError> {
    let text = http::get_text(&query_url(), TIMEOUT, prometheus::MAX_ANSWER_BYTES)?;
    Ok(BranchTable::from_prometheus(&text, at)?)
}
