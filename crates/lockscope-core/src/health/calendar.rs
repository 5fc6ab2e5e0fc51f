//! The NixOS release calendar: the status of any NixOS channel branch on a given day,
//! computed from the release schedule, for the branches no table lists (a release newer than
//! the table) and for the days after a table was taken.
//!
//! NixOS releases YY.05 and YY.11 at the end of May and of November. A release branch is
//! `beta` until its release, `stable` from it, `deprecated` from the next release, and
//! `unmaintained` after the end of the month that follows the next release (end of June or
//! of December): seven months of support. The unstable branches are `rolling`.

use super::branches::BranchStatus;
use crate::time::{civil_of_day, day_of, day_of_date, last_day_of_month};

/// The branches that always follow master: `rolling` whatever the day.
const ROLLING: [&str; 3] = ["nixos-unstable", "nixos-unstable-small", "nixpkgs-unstable"];

/// The days of releases that are out, as (year, month, day): a release came out in its own
/// month. Any other release is expected on the last day of its month.
const RELEASED: [(i64, u32, u32); 2] = [(2025, 11, 30), (2026, 5, 30)];

/// A NixOS release: `26.05` is (2026, 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Release {
    year: i64,
    month: u32,
}

impl Release {
    /// The release a release branch names: `nixos-26.05`, `nixos-26.05-small`,
    /// `nixpkgs-26.05-darwin`, `release-26.05`.
    pub fn of_branch(branch: &str) -> Option<Release> {
        let version = branch
            .strip_prefix("nixos-")
            .map(|rest| rest.strip_suffix("-small").unwrap_or(rest))
            .or_else(|| branch.strip_prefix("nixpkgs-")?.strip_suffix("-darwin"))
            .or_else(|| branch.strip_prefix("release-"))?;
        let (year, month) = version.split_once('.')?;
        let two_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !two_digits(year) || !two_digits(month) {
            return None;
        }
        let (year, month): (i64, u32) = (year.parse().ok()?, month.parse().ok()?);
        (1..=12).contains(&month).then_some(Release {
            year: 2000 + year,
            month,
        })
    }

    /// `26.05`.
    pub fn version(self) -> String {
        format!("{:02}.{:02}", self.year % 100, self.month)
    }

    /// The day it came out, or is expected to.
    fn day(self) -> i64 {
        match RELEASED
            .iter()
            .find(|(year, month, _)| (*year, *month) == (self.year, self.month))
        {
            Some((year, month, day)) => day_of_date(*year, *month, *day),
            None => last_day_of_month(self.year, self.month),
        }
    }

    /// The release six months later.
    fn next(self) -> Release {
        match self.month {
            1..=6 => Release {
                year: self.year,
                month: self.month + 6,
            },
            _ => Release {
                year: self.year + 1,
                month: self.month - 6,
            },
        }
    }

    /// The last day it gets fixes: the end of the month after the next release.
    fn end_of_life(self) -> i64 {
        let next = self.next();
        match next.month {
            12 => last_day_of_month(next.year + 1, 1),
            month => last_day_of_month(next.year, month + 1),
        }
    }

    /// The releases that can be `stable` or `deprecated` on `day`: this year's and last year's.
    fn around(day: i64) -> Vec<Release> {
        let (year, _, _) = civil_of_day(day);
        [year - 1, year]
            .into_iter()
            .flat_map(|year| [5, 11].map(|month| Release { year, month }))
            .collect()
    }
}

/// The channel branches of the releases around `now` (Unix seconds), and the rolling ones.
pub(crate) fn branches_around(now: i64) -> Vec<String> {
    let mut names: Vec<String> = ROLLING.iter().map(|b| b.to_string()).collect();
    for release in Release::around(day_of(now)) {
        let v = release.version();
        names.extend([
            format!("nixos-{v}"),
            format!("nixos-{v}-small"),
            format!("nixpkgs-{v}-darwin"),
        ]);
    }
    names
}

/// A branch's status on a day, by the calendar, with the days it holds between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CalendarStatus {
    pub status: BranchStatus,
    /// The first day of this status, when the calendar knows it.
    pub since: Option<i64>,
    /// The day it ends: the release day of a `beta`, the last day of fixes of a `stable` or
    /// `deprecated` release.
    pub until: Option<i64>,
}

/// The status of a NixOS channel branch at `now` (Unix seconds); `None` for a name that is
/// not one.
pub(crate) fn status(branch: &str, now: i64) -> Option<CalendarStatus> {
    if ROLLING.contains(&branch) {
        return Some(CalendarStatus {
            status: BranchStatus::Rolling,
            since: None,
            until: None,
        });
    }
    let release = Release::of_branch(branch)?;
    let today = day_of(now);
    let (released, next, end) = (release.day(), release.next().day(), release.end_of_life());
    let (status, since, until) = if today < released {
        (BranchStatus::Beta, None, Some(released))
    } else if today < next {
        (BranchStatus::Stable, Some(released), Some(end))
    } else if today <= end {
        (BranchStatus::Deprecated, Some(next), Some(end))
    } else {
        (BranchStatus::Unmaintained, Some(end + 1), None)
    };
    Some(CalendarStatus {
        status,
        since,
        until,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::date_of_day;

    /// Noon UTC of a day.
    fn at(year: i64, month: u32, day: u32) -> i64 {
        day_of_date(year, month, day) * 86_400 + 43_200
    }

    fn on(branch: &str, year: i64, month: u32, day: u32) -> BranchStatus {
        status(branch, at(year, month, day))
            .expect("a NixOS branch")
            .status
    }

    #[test]
    fn release_branch_names() {
        for branch in [
            "nixos-26.05",
            "nixos-26.05-small",
            "nixpkgs-26.05-darwin",
            "release-26.05",
        ] {
            assert_eq!(
                Release::of_branch(branch).map(Release::version).as_deref(),
                Some("26.05")
            );
        }
        for branch in [
            "nixos-unstable",
            "nixpkgs-26.05",
            "nixos-26.5",
            "nixos-26.13",
            "nixos-2605",
            "release-26.05-darwin",
            "this-should-fail",
            "main",
        ] {
            assert_eq!(Release::of_branch(branch), None, "{branch}");
        }
    }

    /// The facts of the NixOS release schedule: 25.05 unmaintained after 2025-12-31; 25.11
    /// released 2025-11-30, end of life 2026-06-30; 26.05 released 2026-05-30, end of life
    /// 2026-12-31; 26.11 expected at the end of November 2026.
    #[test]
    fn every_known_release_day_and_the_days_around_it() {
        use BranchStatus::*;
        let cases: [(&str, (i64, u32, u32), BranchStatus); 20] = [
            ("nixos-25.05", (2025, 11, 29), Stable),
            ("nixos-25.05", (2025, 11, 30), Deprecated),
            ("nixos-25.05", (2025, 12, 31), Deprecated),
            ("nixos-25.05", (2026, 1, 1), Unmaintained),
            ("nixos-25.11", (2025, 11, 29), Beta),
            ("nixos-25.11", (2025, 11, 30), Stable),
            ("nixos-25.11", (2026, 5, 29), Stable),
            ("nixos-25.11", (2026, 5, 30), Deprecated),
            ("nixos-25.11", (2026, 6, 30), Deprecated),
            ("nixos-25.11", (2026, 7, 1), Unmaintained),
            ("nixos-25.11-small", (2026, 12, 6), Unmaintained),
            ("nixos-26.05", (2026, 5, 29), Beta),
            ("nixos-26.05", (2026, 5, 30), Stable),
            ("nixpkgs-26.05-darwin", (2026, 11, 29), Stable),
            ("nixos-26.05", (2026, 11, 30), Deprecated),
            ("nixos-26.05", (2026, 12, 31), Deprecated),
            ("release-26.05", (2027, 1, 1), Unmaintained),
            ("nixos-26.11", (2026, 11, 29), Beta),
            ("nixos-26.11", (2026, 12, 6), Stable),
            ("nixos-26.11-small", (2027, 7, 1), Unmaintained),
        ];
        for (branch, (y, m, d), expected) in cases {
            assert_eq!(on(branch, y, m, d), expected, "{branch} on {y}-{m}-{d}");
        }
        // The day boundaries are UTC midnights.
        let released = day_of_date(2026, 5, 30) * 86_400;
        assert_eq!(status("nixos-26.05", released - 1).unwrap().status, Beta);
        assert_eq!(status("nixos-26.05", released).unwrap().status, Stable);
    }

    #[test]
    fn statuses_say_when_they_began_and_end() {
        let s = status("nixos-26.05", at(2026, 12, 6)).unwrap();
        assert_eq!(s.since.map(date_of_day).as_deref(), Some("2026-11-30"));
        assert_eq!(s.until.map(date_of_day).as_deref(), Some("2026-12-31"));
        let s = status("nixos-25.11", at(2026, 12, 6)).unwrap();
        assert_eq!(s.since.map(date_of_day).as_deref(), Some("2026-07-01"));
        let s = status("nixos-27.05", at(2026, 12, 6)).unwrap();
        assert_eq!(s.until.map(date_of_day).as_deref(), Some("2027-05-31"));
        assert_eq!(
            status("nixos-unstable", 0).unwrap().status,
            BranchStatus::Rolling
        );
        assert_eq!(status("master", 0), None);
    }

    #[test]
    fn the_releases_around_a_day() {
        let names: Vec<String> = Release::around(day_of_date(2026, 12, 6))
            .into_iter()
            .map(Release::version)
            .collect();
        assert_eq!(names, ["25.05", "25.11", "26.05", "26.11"]);
        let branches = branches_around(at(2026, 12, 6));
        assert_eq!(branches.len(), 3 + 4 * 3);
        assert!(branches.contains(&"nixpkgs-26.11-darwin".to_string()));
    }
}
