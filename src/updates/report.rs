//! What the update checker's worker tells the page, as plain data already put into words:
//! each input's result and GitHub's quota. The worker writes it as JSON with serde; the page
//! reads it with the engine's JSON reader, which its wasm holds anyway (serde_json's reader
//! would add kilobytes to every first visit). Everything in it is text for Leptos' text
//! nodes, and the one link is a forge's compare page made by the engine.

use lockscope_core::json::{self, Json};
use serde::{Deserialize, Serialize};

use crate::workers::{members, number, text_of};

/// The status of an input whose check is under way.
pub const CHECKING: &str = "checking";

/// One input's check, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checked {
    /// The input path: `nixpkgs`, `home-manager/nixpkgs`.
    pub input: String,
    /// Where it stands, for the page's styles: `behind`, `up-to-date`, `pinned`, `failed`,
    /// [`CHECKING`]...
    pub status: String,
    /// A few words beside its tree line: `12 behind`, `up to date`, `pinned`.
    pub badge: String,
    /// How many commits behind, when known: the list puts the most behind first.
    pub behind: Option<u64>,
    /// What the check found, or why there is no count: `12 commits behind main`.
    pub summary: String,
    /// The branch's head: `abcdef012345 of 2026-11-12 12:00:00 UTC`.
    pub head: Option<String>,
    /// The days from the locked commit to the head.
    pub days: Option<String>,
    /// The name the forge now gives the repository, when it was renamed.
    pub renamed: Option<String>,
    /// The forge's page of the changes from the locked revision to the head (https, known
    /// forges only: the engine's `Outcome::compare`).
    pub compare: Option<String>,
}

/// One message of the worker: the checks of a round so far, in the order asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Each input of the round.
    pub checked: Vec<Checked>,
    /// GitHub's quota in words, once known.
    pub quota: Option<String>,
    /// Whether the round is over (every check answered, failed or cancelled).
    pub done: bool,
    /// The session's cache for `sessionStorage`, at the end of a round.
    pub cache: Option<String>,
}

impl Report {
    /// Reads a report as the worker wrote it; `None` for anything else.
    pub fn decode(text: &str) -> Option<Report> {
        let Ok(Json::Object(report)) = json::parse(text) else {
            return None;
        };
        let checked = match report.get("checked")? {
            Json::Array(items) => items.iter().filter_map(Checked::decode).collect(),
            _ => return None,
        };
        Some(Report {
            checked,
            quota: text_of(&report, "quota"),
            done: matches!(report.get("done"), Some(Json::Bool(true))),
            cache: text_of(&report, "cache"),
        })
    }
}

impl Checked {
    fn decode(item: &Json) -> Option<Checked> {
        let item = members(item)?;
        Some(Checked {
            input: text_of(item, "input")?,
            status: text_of(item, "status")?,
            badge: text_of(item, "badge")?,
            behind: number(item, "behind"),
            summary: text_of(item, "summary")?,
            head: text_of(item, "head"),
            days: text_of(item, "days"),
            renamed: text_of(item, "renamed"),
            compare: text_of(item, "compare").filter(|link| link.starts_with("https://")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(input: &str, behind: Option<u64>, compare: Option<&str>) -> Checked {
        Checked {
            input: input.into(),
            status: "behind".into(),
            badge: "12 behind".into(),
            behind,
            summary: "<img src=x onerror=alert(1)> \"quoted\" \u{e9}".into(),
            head: Some("abcdef012345 of 2026-11-12 12:00:00 UTC".into()),
            days: None,
            renamed: None,
            compare: compare.map(str::to_owned),
        }
    }

    #[test]
    fn the_page_reads_what_the_worker_writes() {
        let report = Report {
            checked: vec![
                checked(
                    "nixpkgs",
                    Some(12),
                    Some("https://github.com/o/r/compare/a...b"),
                ),
                checked("home-manager/nixpkgs", None, None),
            ],
            quota: Some("GitHub: 57 of 60 requests left this hour".into()),
            done: true,
            cache: Some("{\"checked\":{}}".into()),
        };
        let text = serde_json::to_string(&report).unwrap();
        assert_eq!(Report::decode(&text), Some(report));
    }

    #[test]
    fn a_link_that_is_not_https_is_dropped_and_garbage_is_no_report() {
        let report = Report {
            checked: vec![checked("a", Some(1), Some("javascript:alert(1)"))],
            quota: None,
            done: false,
            cache: None,
        };
        let read = Report::decode(&serde_json::to_string(&report).unwrap()).unwrap();
        assert_eq!(read.checked[0].compare, None);
        assert_eq!(Report::decode("ready"), None);
        let garbage = Report::decode("{\"checked\":[{\"input\":1}]}").unwrap();
        assert_eq!(garbage.checked, [], "an item that is not one is left out");
    }
}
