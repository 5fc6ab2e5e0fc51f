//! Which NixOS branches (channels) still get updates, and from which source Lockscope knows
//! it. A table of statuses comes live from status.nixos.org (read by `crate::prometheus`),
//! from a file (`{"taken": "YYYY-MM-DD", "statuses": {branch: status}}` or flake-checker's
//! `ref-statuses.json`), or bundled with Lockscope; beyond the tables, and after the day a
//! table was taken, the release calendar decides.

use std::sync::OnceLock;

use serde::Serialize;
use thiserror::Error;

use super::calendar::{self, CalendarStatus};
use crate::json::{self, Json, JsonError};
use crate::order::sorted;
use crate::prometheus::{self, PrometheusError};
use crate::sorted_map::SortedMap;
use crate::time::{date_of_day, day_of_date, utc_datetime};

/// The release calendar as a source, in words.
pub(super) const CALENDAR: &str = "NixOS release calendar";

/// The day the bundled statuses were taken.
const BUNDLED_TAKEN: &str = "2026-08-08";

/// The bundled statuses: the channel statuses of status.nixos.org (prometheus.nixos.org,
/// metric `channel_revision`), as DeterminateSystems/flake-checker's `ref-statuses.json`
/// recorded them on 2026-08-08 (v0.2.14). Constants rather than bundled JSON, so that the
/// web app reads no JSON beyond the lock.
const BUNDLED_STATUSES: [(&str, &str); 9] = [
    ("nixos-25.11", "unmaintained"),
    ("nixos-25.11-small", "unmaintained"),
    ("nixos-26.05", "stable"),
    ("nixos-26.05-small", "stable"),
    ("nixos-unstable", "rolling"),
    ("nixos-unstable-small", "rolling"),
    ("nixpkgs-25.11-darwin", "unmaintained"),
    ("nixpkgs-26.05-darwin", "stable"),
    ("nixpkgs-unstable", "rolling"),
];

/// A branch status as NixOS/infra sets them, in the order a release branch goes through
/// them; `unknown` when no source knows the branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BranchStatus {
    /// Branched off, not yet released.
    Beta,
    /// The current release: gets fixes.
    Stable,
    /// The next release is out; fixes still come until the end of the month after it.
    Deprecated,
    /// Gets no more fixes.
    Unmaintained,
    /// Follows master: the unstable branches.
    Rolling,
    /// No source knows the branch, or a table gives it a word none of the above.
    Unknown,
}

impl BranchStatus {
    /// A status as the tables write it; any other word is `Unknown`.
    pub fn parse(status: &str) -> BranchStatus {
        match status {
            "beta" => BranchStatus::Beta,
            "stable" => BranchStatus::Stable,
            "deprecated" => BranchStatus::Deprecated,
            "unmaintained" => BranchStatus::Unmaintained,
            "rolling" => BranchStatus::Rolling,
            _ => BranchStatus::Unknown,
        }
    }

    /// The status as the tables and the JSON output write it: `beta`, `stable`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            BranchStatus::Beta => "beta",
            BranchStatus::Stable => "stable",
            BranchStatus::Deprecated => "deprecated",
            BranchStatus::Unmaintained => "unmaintained",
            BranchStatus::Rolling => "rolling",
            BranchStatus::Unknown => "unknown",
        }
    }

    /// Whether a branch with this status gets security fixes (flake-checker's
    /// `supported_refs`; a `beta` branch gets them too, but is not yet a release).
    pub fn is_supported(self) -> bool {
        matches!(
            self,
            BranchStatus::Rolling | BranchStatus::Stable | BranchStatus::Deprecated
        )
    }

    /// Whether a release branch has gone further in its life than at `other`.
    fn is_past(self, other: BranchStatus) -> bool {
        let release = |s| {
            matches!(
                s,
                BranchStatus::Beta
                    | BranchStatus::Stable
                    | BranchStatus::Deprecated
                    | BranchStatus::Unmaintained
            )
        };
        release(self) && release(other) && self > other
    }
}

/// Where a table of statuses comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TableOrigin {
    /// Bundled with this Lockscope.
    Bundled,
    /// A file the user gave (`--branches`).
    File,
    /// status.nixos.org's Prometheus, asked just now.
    Live,
}

/// Branch statuses as one source gave them on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BranchTable {
    /// Where the statuses come from.
    pub origin: TableOrigin,
    /// When the statuses were taken: `YYYY-MM-DD`, or for a live table
    /// `YYYY-MM-DD HH:MM UTC`, when known.
    pub taken: Option<String>,
    /// Branch name -> status: `rolling`, `stable`, `deprecated`, `beta`, `unmaintained`.
    pub statuses: SortedMap<String, String>,
}

/// Why a branch table file ([`BranchTable::from_json`]) cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BranchTableError {
    /// The text is not JSON.
    #[error("not a JSON document: {0}")]
    Json(#[from] JsonError),
    /// The JSON is not an object of status strings, bare or under an object `statuses`
    /// beside an optional string `taken`.
    #[error("expected an object of branch names and status strings (optionally under \"statuses\", with \"taken\": \"YYYY-MM-DD\")")]
    Shape,
}

impl BranchTable {
    /// The table bundled with this Lockscope.
    pub fn bundled() -> &'static BranchTable {
        static BUNDLED: OnceLock<BranchTable> = OnceLock::new();
        BUNDLED.get_or_init(|| BranchTable {
            origin: TableOrigin::Bundled,
            taken: Some(BUNDLED_TAKEN.to_string()),
            statuses: BUNDLED_STATUSES
                .iter()
                .map(|(branch, status)| (branch.to_string(), status.to_string()))
                .collect(),
        })
    }

    /// `{"taken": "YYYY-MM-DD", "statuses": {branch: status}}`, or a bare `{branch: status}`
    /// object (flake-checker's `ref-statuses.json`).
    pub fn from_json(text: &str) -> Result<BranchTable, BranchTableError> {
        let Json::Object(mut object) = json::parse(text)? else {
            return Err(BranchTableError::Shape);
        };
        let (taken, statuses) = match object.remove("statuses") {
            Some(Json::Object(statuses)) => {
                let taken = match object.remove("taken") {
                    None => None,
                    Some(Json::String(day)) => Some(day),
                    Some(_) => return Err(BranchTableError::Shape),
                };
                (taken, statuses)
            }
            Some(_) => return Err(BranchTableError::Shape),
            None => (None, object),
        };
        let statuses = statuses
            .into_members()
            .map(|(branch, status)| match status {
                Json::String(status) => Some((branch, status)),
                _ => None,
            })
            .collect::<Option<_>>()
            .ok_or(BranchTableError::Shape)?;
        Ok(BranchTable {
            origin: TableOrigin::File,
            taken,
            statuses,
        })
    }

    /// The statuses in an answer of status.nixos.org's Prometheus (`crate::prometheus`),
    /// fetched at `at` (Unix seconds): each channel's status on its current revision.
    pub fn from_prometheus(text: &str, at: i64) -> Result<BranchTable, PrometheusError> {
        let series = prometheus::channel_revisions(text)?;
        let mut statuses = SortedMap::new();
        // Older revisions first, so that the current one has the last word.
        let (current, older): (Vec<_>, Vec<_>) = series.into_iter().partition(|s| s.current);
        for s in older.into_iter().chain(current) {
            if let Some(status) = s.status {
                statuses.insert(s.channel, status);
            }
        }
        if statuses.is_empty() {
            return Err(PrometheusError::NoChannels);
        }
        // `YYYY-MM-DD HH:MM:SS` to the minute.
        let datetime = utc_datetime(at);
        let minute = datetime
            .rsplit_once(':')
            .map_or(datetime.as_str(), |(m, _)| m);
        Ok(BranchTable {
            origin: TableOrigin::Live,
            taken: Some(format!("{minute} UTC")),
            statuses,
        })
    }

    /// The status the table gives a branch, as written; `None` for a branch it does not list.
    pub fn status(&self, branch: &str) -> Option<&str> {
        self.statuses.get(branch).map(String::as_str)
    }

    /// Where the statuses come from, in words: "bundled table of 2026-08-08".
    pub fn described(&self) -> String {
        let taken = self.taken.as_deref();
        match (self.origin, taken) {
            (TableOrigin::Live, Some(at)) => format!("live from status.nixos.org, {at}"),
            (TableOrigin::Live, None) => "live from status.nixos.org".into(),
            (TableOrigin::Bundled, Some(day)) => format!("bundled table of {day}"),
            (TableOrigin::Bundled, None) => "bundled table".into(),
            (TableOrigin::File, Some(day)) => format!("branch table of {day}"),
            (TableOrigin::File, None) => "branch table given".into(),
        }
    }

    /// The day the statuses were taken, counted from 1970-01-01, when `taken` starts with one.
    fn taken_day(&self) -> Option<i64> {
        let day = self.taken.as_deref()?.get(..10)?;
        let mut parts = day.split('-').map(str::parse::<u32>);
        let (Some(Ok(year)), Some(Ok(month)), Some(Ok(date)), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        Some(day_of_date(i64::from(year), month, date))
    }
}

/// Which source decided a branch's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusSource {
    /// status.nixos.org, asked during this run or visit.
    Live,
    /// A table: the bundled one or one given.
    Table,
    /// The release calendar, at the clock of the check.
    Calendar,
}

/// A branch's status, with the source that says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// The status; `unknown` when no source knows the branch.
    #[serde(rename = "branch_status")]
    pub status: BranchStatus,
    /// `None` when no source knows the branch.
    #[serde(rename = "status_source")]
    pub source: Option<StatusSource>,
    /// The source in words: "live from status.nixos.org, 2026-12-06 10:04 UTC", "bundled
    /// table of 2026-08-08", "NixOS release calendar".
    #[serde(rename = "status_from")]
    pub from: Option<String>,
    /// `YYYY-MM-DD`: the expected release of a `beta` branch, the last day of fixes of a
    /// `stable` or `deprecated` one, when the calendar knows it.
    #[serde(rename = "status_until")]
    pub until: Option<String>,
}

impl Verdict {
    /// What is said of a branch no source knows, or of no branch.
    pub fn unknown() -> Verdict {
        Verdict {
            status: BranchStatus::Unknown,
            source: None,
            from: None,
            until: None,
        }
    }
}

/// The sources of branch statuses, best first: a live table, then a table, then the
/// calendar at `now`.
#[derive(Debug, Clone, Copy)]
pub struct Statuses<'a> {
    /// status.nixos.org's answer, if asked: it decides for every branch it lists.
    pub live: Option<&'a BranchTable>,
    /// The bundled table or one given: true on the day it was taken, so the calendar
    /// overrides it for a release branch that has moved on since.
    pub table: &'a BranchTable,
    /// The clock, in Unix seconds.
    pub now: i64,
}

impl Statuses<'_> {
    /// A branch's status from the best source that knows it. A table says what was true on
    /// the day it was taken: when the calendar says a release branch has moved on since that
    /// day, the calendar decides. A live answer is today's: it always decides.
    pub fn verdict(&self, branch: &str) -> Verdict {
        let calendar = calendar::status(branch, self.now);
        let from_table = |table: &BranchTable, source| {
            let status = BranchStatus::parse(table.status(branch)?);
            Some(Verdict {
                status,
                source: Some(source),
                from: Some(table.described()),
                until: until(calendar.filter(|c| c.status == status)),
            })
        };
        if let Some(verdict) = self
            .live
            .and_then(|live| from_table(live, StatusSource::Live))
        {
            return verdict;
        }
        let table = from_table(self.table, StatusSource::Table);
        let moved_on = |c: &CalendarStatus, table: &Verdict| {
            let taken = self.table.taken_day();
            c.status.is_past(table.status)
                && c.since
                    .is_none_or(|since| taken.is_none_or(|taken| since > taken))
        };
        match (table, calendar) {
            (Some(table), Some(c)) if moved_on(&c, &table) => calendar_verdict(c),
            (Some(table), _) => table,
            (None, Some(c)) => calendar_verdict(c),
            (None, None) => Verdict::unknown(),
        }
    }

    /// The branches that get fixes at `now`, sorted: those of the tables and the calendar's
    /// releases around `now`, each by its verdict.
    pub fn supported(&self) -> Vec<String> {
        let names: Vec<String> = self
            .live
            .into_iter()
            .chain([self.table])
            .flat_map(|table| table.statuses.keys().cloned())
            .chain(calendar::branches_around(self.now))
            .collect();
        // The engine's one sort (order.rs), not the standard library's: one copy in the wasm.
        let mut names = sorted(names, Ord::cmp);
        names.dedup();
        names.retain(|branch| self.verdict(branch).status.is_supported());
        names
    }
}

fn calendar_verdict(c: CalendarStatus) -> Verdict {
    Verdict {
        status: c.status,
        source: Some(StatusSource::Calendar),
        from: Some(CALENDAR.into()),
        until: until(Some(c)),
    }
}

fn until(c: Option<CalendarStatus>) -> Option<String> {
    c?.until.map(date_of_day)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Noon UTC of a day.
    fn at(year: i64, month: u32, day: u32) -> i64 {
        day_of_date(year, month, day) * 86_400 + 43_200
    }

    fn bundled_on(now: i64) -> Statuses<'static> {
        Statuses {
            live: None,
            table: BranchTable::bundled(),
            now,
        }
    }

    #[test]
    fn bundled_table_has_the_facts_of_2026_08_08() {
        let table = BranchTable::bundled();
        assert_eq!(table.taken.as_deref(), Some("2026-08-08"));
        assert_eq!(table.described(), "bundled table of 2026-08-08");
        assert_eq!(table.status("nixos-25.11"), Some("unmaintained"));
        assert_eq!(table.status("nixpkgs-26.05-darwin"), Some("stable"));
        assert_eq!(
            bundled_on(at(2026, 8, 8)).supported(),
            [
                "nixos-26.05",
                "nixos-26.05-small",
                "nixos-unstable",
                "nixos-unstable-small",
                "nixpkgs-26.05-darwin",
                "nixpkgs-unstable"
            ]
        );
    }

    /// On 2026-12-06: 25.11 unmaintained by the table; 26.11 stable by the calendar; 26.05
    /// stable by the table of August, deprecated (supported to the end of December) by the
    /// calendar, which knows 26.11 came out since.
    #[test]
    fn verdicts_name_their_source() {
        let statuses = bundled_on(at(2026, 12, 6));
        let v = statuses.verdict("nixos-25.11");
        assert_eq!(
            (v.status, v.source, v.from.as_deref()),
            (
                BranchStatus::Unmaintained,
                Some(StatusSource::Table),
                Some("bundled table of 2026-08-08")
            )
        );
        let v = statuses.verdict("nixos-26.11");
        assert_eq!(
            (v.status, v.source, v.from.as_deref(), v.until.as_deref()),
            (
                BranchStatus::Stable,
                Some(StatusSource::Calendar),
                Some("NixOS release calendar"),
                Some("2027-06-30")
            )
        );
        let v = statuses.verdict("nixos-26.05");
        assert_eq!(
            (v.status, v.source, v.until.as_deref()),
            (
                BranchStatus::Deprecated,
                Some(StatusSource::Calendar),
                Some("2026-12-31")
            )
        );
        assert!(statuses.supported().contains(&"nixos-26.11".to_string()));
        assert!(!statuses.supported().contains(&"nixos-25.11".to_string()));
        let v = statuses.verdict("this-should-fail");
        assert_eq!((v.status, v.source), (BranchStatus::Unknown, None));
        assert_eq!(
            statuses.verdict("nixos-unstable").status,
            BranchStatus::Rolling
        );
    }

    #[test]
    fn a_live_answer_decides_and_a_table_stands_for_its_own_day() {
        let live = BranchTable {
            origin: TableOrigin::Live,
            taken: Some("2026-12-06 10:04 UTC".into()),
            statuses: [("nixos-26.11".to_string(), "beta".to_string())]
                .into_iter()
                .collect(),
        };
        let statuses = Statuses {
            live: Some(&live),
            ..bundled_on(at(2026, 12, 6))
        };
        let v = statuses.verdict("nixos-26.11");
        assert_eq!(
            (v.status, v.source, v.from.as_deref()),
            (
                BranchStatus::Beta,
                Some(StatusSource::Live),
                Some("live from status.nixos.org, 2026-12-06 10:04 UTC")
            )
        );
        // What the live answer does not list falls to the table.
        assert_eq!(
            statuses.verdict("nixos-25.11").source,
            Some(StatusSource::Table)
        );
        // A table taken after the calendar's change stands.
        let table = BranchTable::from_json(
            r#"{"taken": "2026-12-01", "statuses": {"nixos-26.05": "stable"}}"#,
        )
        .unwrap();
        let statuses = Statuses {
            live: None,
            table: &table,
            now: at(2026, 12, 6),
        };
        assert_eq!(
            statuses.verdict("nixos-26.05").source,
            Some(StatusSource::Table)
        );
        assert_eq!(table.described(), "branch table of 2026-12-01");
    }

    #[test]
    fn a_prometheus_answer_is_a_live_table() {
        let answer = r#"{"status":"success","data":{"resultType":"vector","result":[
            {"metric":{"channel":"nixos-26.11","current":"1","status":"stable","variant":"primary"},"value":[0,"1"]},
            {"metric":{"channel":"nixos-26.11","current":"0","status":"beta","variant":"primary"},"value":[0,"1"]},
            {"metric":{"channel":"nixos-unstable","current":"1","status":"rolling"},"value":[0,"1"]}]}}"#;
        let table = BranchTable::from_prometheus(answer, 1_796_551_440).unwrap();
        assert_eq!(table.status("nixos-26.11"), Some("stable"));
        assert_eq!(table.status("nixos-unstable"), Some("rolling"));
        assert_eq!(
            table.described(),
            "live from status.nixos.org, 2026-12-06 10:04 UTC"
        );
        let no_status = r#"{"status":"success","data":{"resultType":"vector","result":[
            {"metric":{"channel":"nixos-26.11"},"value":[0,"1"]}]}}"#;
        assert_eq!(
            BranchTable::from_prometheus(no_status, 0),
            Err(PrometheusError::NoChannels)
        );
    }

    #[test]
    fn flake_checker_format_is_read_too() {
        let table =
            BranchTable::from_json(r#"{"nixos-26.05": "stable", "nixos-25.11": "deprecated"}"#)
                .unwrap();
        assert_eq!(table.taken, None);
        assert_eq!(table.origin, TableOrigin::File);
        assert_eq!(table.status("nixos-25.11"), Some("deprecated"));
        assert_eq!(BranchTable::from_json("[1]"), Err(BranchTableError::Shape));
        assert_eq!(
            BranchTable::from_json(r#"{"a": 1}"#),
            Err(BranchTableError::Shape)
        );
        assert!(matches!(
            BranchTable::from_json("{"),
            Err(BranchTableError::Json(_))
        ));
    }

    #[test]
    fn statuses_read_and_ordered() {
        for word in ["beta", "stable", "deprecated", "unmaintained", "rolling"] {
            assert_eq!(BranchStatus::parse(word).as_str(), word);
        }
        assert_eq!(BranchStatus::parse("retired"), BranchStatus::Unknown);
        assert!(BranchStatus::Unmaintained.is_past(BranchStatus::Stable));
        assert!(!BranchStatus::Rolling.is_past(BranchStatus::Stable));
        assert!(!BranchStatus::Beta.is_supported());
    }
}
