//! Which NixOS branches (channels) still get updates, as status.nixos.org publishes them.
//! Lockscope bundles a copy with the day it was taken; a caller can pass a newer one, as
//! `{"taken": "YYYY-MM-DD", "statuses": {branch: status}}` or as flake-checker's
//! `ref-statuses.json`.

use std::sync::OnceLock;

use serde::Serialize;
use thiserror::Error;

use crate::json::{self, Json, JsonError};
use crate::sorted_map::SortedMap;

/// The day the bundled statuses were taken.
const BUNDLED_TAKEN: &str = "2026-01-02";

/// The bundled statuses: the channel statuses of status.nixos.org (prometheus.nixos.org,
/// metric `channel_revision`), as recorded in DeterminateSystems/flake-checker's
/// `ref-statuses.json` on 2026-01-02 (commit 8d1041c5) and still unchanged there on 2026-03-27
/// (commit b66c7843). Constants rather than bundled JSON, so that the web app reads no JSON
/// beyond the lock.
const BUNDLED_STATUSES: [(&str, &str); 9] = [
    ("nixos-25.05", "unmaintained"),
    ("nixos-25.05-small", "unmaintained"),
    ("nixos-25.11", "stable"),
    ("nixos-25.11-small", "stable"),
    ("nixos-unstable", "rolling"),
    ("nixos-unstable-small", "rolling"),
    ("nixpkgs-25.05-darwin", "unmaintained"),
    ("nixpkgs-25.11-darwin", "stable"),
    ("nixpkgs-unstable", "rolling"),
];

/// The statuses under which a branch still gets fixes (flake-checker's `supported_refs`).
const SUPPORTED: [&str; 3] = ["rolling", "stable", "deprecated"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BranchTable {
    /// The day the statuses were taken, `YYYY-MM-DD`, when the table says.
    pub taken: Option<String>,
    /// Branch name -> status: `rolling`, `stable`, `deprecated`, `beta`, `unmaintained`.
    pub statuses: SortedMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BranchTableError {
    #[error("not a JSON document: {0}")]
    Json(#[from] JsonError),
    #[error("expected an object of branch names and status strings (optionally under \"statuses\", with \"taken\": \"YYYY-MM-DD\")")]
    Shape,
}

impl BranchTable {
    /// The table bundled with this Lockscope.
    pub fn bundled() -> &'static BranchTable {
        static BUNDLED: OnceLock<BranchTable> = OnceLock::new();
        BUNDLED.get_or_init(|| BranchTable {
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
        Ok(BranchTable { taken, statuses })
    }

    pub fn status(&self, branch: &str) -> Option<&str> {
        self.statuses.get(branch).map(String::as_str)
    }

    pub fn is_supported(status: &str) -> bool {
        SUPPORTED.contains(&status)
    }

    /// The supported branches, sorted.
    pub fn supported(&self) -> Vec<&str> {
        self.statuses
            .iter()
            .filter(|(_, status)| Self::is_supported(status))
            .map(|(branch, _)| branch.as_str())
            .collect()
    }

    /// Whether `branch` names a NixOS release (`nixos-26.05`, `nixpkgs-26.05-darwin`, ...)
    /// newer than every release in the table: the table is too old to know its status.
    pub fn is_newer_release(&self, branch: &str) -> bool {
        let newest = self.statuses.keys().filter_map(|b| release(b)).max();
        match (release(branch), newest) {
            (Some(release), Some(newest)) => release > newest,
            _ => false,
        }
    }
}

/// The `(year, month)` of a release branch name.
fn release(branch: &str) -> Option<(u32, u32)> {
    let rest = ["nixos-", "nixpkgs-", "release-"]
        .iter()
        .find_map(|prefix| branch.strip_prefix(prefix))?;
    let version = rest.split('-').next()?;
    let (year, month) = version.split_once('.')?;
    Some((year.parse().ok()?, month.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_table_has_a_date_and_supported_branches() {
        let table = BranchTable::bundled();
        assert_eq!(table.taken.as_deref(), Some("2026-01-02"));
        assert_eq!(
            table.supported(),
            [
                "nixos-25.11",
                "nixos-25.11-small",
                "nixos-unstable",
                "nixos-unstable-small",
                "nixpkgs-25.11-darwin",
                "nixpkgs-unstable"
            ]
        );
        assert_eq!(table.status("nixos-25.05"), Some("unmaintained"));
    }

    #[test]
    fn newer_releases_are_unknown_rather_than_unsupported() {
        let table = BranchTable::bundled();
        assert!(table.is_newer_release("nixos-26.05"));
        assert!(table.is_newer_release("nixpkgs-26.05-darwin"));
        assert!(!table.is_newer_release("nixos-24.11"));
        assert!(!table.is_newer_release("nixos-25.11"));
        assert!(!table.is_newer_release("this-should-fail"));
    }

    #[test]
    fn flake_checker_format_is_read_too() {
        let table =
            BranchTable::from_json(r#"{"nixos-26.05": "stable", "nixos-25.11": "deprecated"}"#)
                .unwrap();
        assert_eq!(table.taken, None);
        assert_eq!(table.supported(), ["nixos-25.11", "nixos-26.05"]);
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
}
