//! The answer of status.nixos.org's Prometheus to the query `channel_revision`: one series per
//! NixOS channel and revision, labelled `channel`, `revision`, `status`, `variant` and
//! `current`. The answer is the standard Prometheus HTTP API's
//! (`GET /api/v1/query?query=channel_revision`): `{"status": "success", "data": {"resultType":
//! "vector", "result": [{"metric": {labels}, "value": [time, "1"]}]}}`. The fronts fetch it;
//! this reads it, refusing what is too big, broken or not that shape.

use thiserror::Error;

use crate::json::{self, Json, JsonError, Object};

/// Where status.nixos.org's Prometheus answers, unless `LOCKSCOPE_PROMETHEUS` says otherwise.
pub const DEFAULT_BASE_URL: &str = "https://prometheus.nixos.org";
/// The query, after the base URL.
pub const CHANNEL_REVISION_QUERY: &str = "/api/v1/query?query=channel_revision";
/// The largest answer read: the real one is about 10 KB.
pub const MAX_ANSWER_BYTES: usize = 1 << 20;

/// One series of `channel_revision`: a channel at a revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelRevision {
    /// `nixos-26.05`, `nixpkgs-unstable`, ...
    pub channel: String,
    /// The full commit the channel holds.
    pub revision: Option<String>,
    /// `rolling`, `stable`, `deprecated`, `beta`, `unmaintained`.
    pub status: Option<String>,
    /// `primary`, `small`, `darwin`.
    pub variant: Option<String>,
    /// Whether this is the channel's current revision (`current="1"`).
    pub current: bool,
}

/// Why an answer cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PrometheusError {
    /// The answer is longer than [`MAX_ANSWER_BYTES`]: refused before parsing.
    #[error("the answer is over {limit} bytes")]
    TooLarge {
        /// [`MAX_ANSWER_BYTES`].
        limit: usize,
    },
    /// The answer is not JSON.
    #[error("the answer is not JSON: {0}")]
    Json(#[from] JsonError),
    /// The answer's `status` is a string other than `success`; the text is its `errorType`
    /// and `error`, joined by `: `.
    #[error("Prometheus answered with an error: {0}")]
    Failed(String),
    /// The JSON is not the API's vector answer; the text says what is missing or wrong
    /// (`no "result" array`, ...).
    #[error("the answer is not a Prometheus vector: {0}")]
    Shape(&'static str),
    /// No series has a `channel` label, or (for
    /// [`BranchTable::from_prometheus`](crate::health::BranchTable::from_prometheus)) none
    /// with one has a `status`.
    #[error("the answer lists no channel")]
    NoChannels,
}

/// The series of an answer to `channel_revision`. A series without a `channel` label is
/// left out; an answer with none left lists no channel.
pub fn channel_revisions(text: &str) -> Result<Vec<ChannelRevision>, PrometheusError> {
    if text.len() > MAX_ANSWER_BYTES {
        return Err(PrometheusError::TooLarge {
            limit: MAX_ANSWER_BYTES,
        });
    }
    let Json::Object(mut answer) = json::parse(text)? else {
        return Err(PrometheusError::Shape("not an object"));
    };
    match answer.remove("status") {
        Some(Json::String(status)) if status == "success" => {}
        Some(Json::String(_)) => {
            let said = |key| match answer.get(key) {
                Some(Json::String(s)) => s.clone(),
                _ => String::new(),
            };
            let (kind, error) = (said("errorType"), said("error"));
            return Err(PrometheusError::Failed(
                format!("{kind}: {error}")
                    .trim_matches([':', ' '])
                    .to_string(),
            ));
        }
        _ => return Err(PrometheusError::Shape("no \"status\"")),
    }
    let Some(Json::Object(mut data)) = answer.remove("data") else {
        return Err(PrometheusError::Shape("no \"data\" object"));
    };
    match data.remove("resultType") {
        Some(Json::String(kind)) if kind == "vector" => {}
        _ => return Err(PrometheusError::Shape("\"resultType\" is not \"vector\"")),
    }
    let Some(Json::Array(result)) = data.remove("result") else {
        return Err(PrometheusError::Shape("no \"result\" array"));
    };
    let mut series = Vec::new();
    for sample in result {
        let Json::Object(mut sample) = sample else {
            return Err(PrometheusError::Shape("a result that is not an object"));
        };
        let Some(Json::Object(metric)) = sample.remove("metric") else {
            return Err(PrometheusError::Shape(
                "a result without a \"metric\" object",
            ));
        };
        let Some(channel) = label(&metric, "channel") else {
            continue;
        };
        series.push(ChannelRevision {
            channel,
            revision: label(&metric, "revision"),
            status: label(&metric, "status"),
            variant: label(&metric, "variant"),
            current: label(&metric, "current").as_deref() == Some("1"),
        });
    }
    if series.is_empty() {
        return Err(PrometheusError::NoChannels);
    }
    Ok(series)
}

/// A label's value; labels are strings in Prometheus.
fn label(metric: &Object, name: &str) -> Option<String> {
    match metric.get(name)? {
        Json::String(value) if !value.is_empty() => Some(value.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An answer in the documented shape, as prometheus.nixos.org gives it: the current and an
    /// older revision of one channel, and a series of another metric's labels.
    const ANSWER: &str = r#"{"status":"success","data":{"resultType":"vector","result":[
        {"metric":{"__name__":"channel_revision","channel":"nixos-26.05","current":"1",
            "instance":"localhost:9402","job":"channel-exporter",
            "revision":"a50de1b7d8a586adc18d2395c19de7d6058e6030","status":"stable","variant":"primary"},
         "value":[1796551440.123,"1"]},
        {"metric":{"__name__":"channel_revision","channel":"nixos-26.05","current":"0",
            "revision":"95ca1e203c07a5d1e3c7c2a6e1b1b1b1b1b1b1b1","status":"stable","variant":"primary"},
         "value":[1796551440.123,"1"]},
        {"metric":{"__name__":"channel_revision","channel":"nixpkgs-26.11-darwin","current":"1",
            "revision":"0123456789abcdef0123456789abcdef01234567","status":"beta","variant":"darwin"},
         "value":[1796551440.123,"1"]},
        {"metric":{"__name__":"channel_revision","instance":"localhost:9402"},"value":[1796551440.123,"1"]}
    ]}}"#;

    #[test]
    fn the_documented_answer_is_read() {
        let series = channel_revisions(ANSWER).unwrap();
        assert_eq!(series.len(), 3);
        assert_eq!(
            series[0],
            ChannelRevision {
                channel: "nixos-26.05".into(),
                revision: Some("a50de1b7d8a586adc18d2395c19de7d6058e6030".into()),
                status: Some("stable".into()),
                variant: Some("primary".into()),
                current: true,
            }
        );
        assert!(!series[1].current);
        assert_eq!(series[2].status.as_deref(), Some("beta"));
    }

    #[test]
    fn bad_answers_say_what_is_wrong() {
        let err = |text: &str| channel_revisions(text).unwrap_err();
        assert!(matches!(
            err("<html>Bad gateway</html>"),
            PrometheusError::Json(_)
        ));
        // Cut off in the middle, as a dropped connection leaves it.
        assert!(matches!(
            err(ANSWER.get(..ANSWER.len() / 2).unwrap()),
            PrometheusError::Json(_)
        ));
        assert_eq!(
            err(r#"{"status":"error","errorType":"bad_data","error":"parse error"}"#),
            PrometheusError::Failed("bad_data: parse error".into())
        );
        assert_eq!(err("[]"), PrometheusError::Shape("not an object"));
        assert_eq!(
            err(r#"{"status":"success","data":{"resultType":"matrix","result":[]}}"#),
            PrometheusError::Shape("\"resultType\" is not \"vector\"")
        );
        assert_eq!(
            err(r#"{"status":"success","data":{"resultType":"vector","result":[1]}}"#),
            PrometheusError::Shape("a result that is not an object")
        );
        assert_eq!(
            err(r#"{"status":"success","data":{"resultType":"vector","result":[]}}"#),
            PrometheusError::NoChannels
        );
        let huge = format!("{} {}", ANSWER, " ".repeat(MAX_ANSWER_BYTES));
        assert_eq!(
            err(&huge),
            PrometheusError::TooLarge {
                limit: MAX_ANSWER_BYTES
            }
        );
        assert_eq!(
            err("{}").to_string(),
            "the answer is not a Prometheus vector: no \"status\""
        );
    }
}
