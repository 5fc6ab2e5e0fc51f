//! The update checker's results in words, as the page shows them: the engine's outcome of an
//! input (commits behind, the head, the days between, or the reason there is no count) and
//! GitHub's quota. Made in the worker, so that none of it is in the page's own wasm.

use lockscope_core::outdated::{Outcome, Status};
use lockscope_core::text::{count, short_rev};
use lockscope_core::time::utc_datetime;

use crate::updates::report::{Checked, CHECKING};

/// GitHub's hourly quota for a page, which never sends a token.
const GITHUB_LIMIT: u64 = 60;

/// An input whose check is under way.
pub fn checking(input: &str) -> Checked {
    Checked {
        input: input.to_owned(),
        status: CHECKING.to_owned(),
        badge: "checking…".to_owned(),
        behind: None,
        summary: "checking…".to_owned(),
        head: None,
        days: None,
        renamed: None,
        compare: None,
    }
}

/// What the check of an input found.
pub fn checked(outcome: &Outcome) -> Checked {
    let behind = outcome.behind_by.unwrap_or(0);
    let (status, badge) = match outcome.status {
        Status::Behind => ("behind", format!("{behind} behind")),
        Status::UpToDate => ("up-to-date", "up to date".to_owned()),
        Status::Ahead => ("ahead", "ahead of its branch".to_owned()),
        Status::Diverged => ("diverged", "diverged".to_owned()),
        Status::Pinned => ("pinned", "pinned".to_owned()),
        Status::Follows => ("follows", "follows".to_owned()),
        Status::Unknown => ("unknown", "cannot be checked".to_owned()),
        Status::Failed => ("failed", "check failed".to_owned()),
    };
    let summary = outcome.standing();
    let moved = matches!(
        outcome.status,
        Status::Behind | Status::Ahead | Status::Diverged
    );
    let head = outcome
        .head_rev
        .as_deref()
        .filter(|_| moved)
        .map(|head| match outcome.head_time {
            Some(time) => format!("{} of {} UTC", short_rev(head), utc_datetime(time)),
            None => short_rev(head).to_owned(),
        });
    let days = outcome
        .days_between
        .filter(|_| moved)
        .map(|days| format!("{} from the locked commit to the head", count(days, "day")));
    Checked {
        input: outcome.input.clone(),
        status: status.to_owned(),
        badge,
        behind: outcome.behind_by.filter(|_| moved),
        summary,
        head,
        days,
        renamed: outcome
            .renamed_to
            .as_ref()
            .map(|now| format!("the forge now calls it {now}")),
        compare: outcome.compare.as_ref().map(ToString::to_string),
    }
}

/// GitHub's quota: "GitHub: 57 of 60 requests left this hour, renewed at 11:00 UTC".
pub fn quota(remaining: u64, reset: Option<i64>) -> String {
    let renewed = match reset {
        // `YYYY-MM-DD HH:MM:SS`: the hour and minute.
        Some(at) => format!(", renewed at {} UTC", &utc_datetime(at)[11..16]),
        None => String::new(),
    };
    format!("GitHub: {remaining} of {GITHUB_LIMIT} requests left this hour{renewed}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use lockscope_core::outdated::Reason;

    fn outcome(status: Status, behind_by: Option<u64>, reason: Option<Reason>) -> Outcome {
        Outcome {
            input: "nixpkgs".into(),
            forge: None,
            repository: Some("NixOS/nixpkgs".into()),
            git_ref: Some("nixos-unstable".into()),
            locked_rev: Some("1".repeat(40)),
            head_rev: Some("abcdef0123456789".repeat(2)),
            // 2026-11-12 12:00 UTC.
            head_time: Some(1_794_484_800),
            behind_by,
            days_between: Some(42),
            status,
            reason,
            compare: None,
            renamed_to: None,
        }
    }

    #[test]
    fn an_input_behind_says_by_how_much_and_since_when() {
        let checked = checked(&outcome(Status::Behind, Some(12), None));
        assert_eq!(checked.badge, "12 behind");
        assert_eq!(checked.behind, Some(12));
        assert_eq!(checked.summary, "12 commits behind nixos-unstable");
        assert_eq!(
            checked.head.as_deref(),
            Some("abcdef012345 of 2026-11-12 12:00:00 UTC")
        );
        assert_eq!(
            checked.days.as_deref(),
            Some("42 days from the locked commit to the head")
        );
    }

    #[test]
    fn no_count_says_why() {
        let up_to_date = checked(&outcome(Status::UpToDate, Some(0), None));
        assert_eq!(up_to_date.badge, "up to date");
        assert_eq!(up_to_date.behind, None, "nothing to sort above the rest");
        assert_eq!((up_to_date.head, up_to_date.days), (None, None));
        let limited = Reason::RateLimited {
            forge: "GitHub",
            reset: Some(1_796_554_800),
        };
        let failed = checked(&outcome(Status::Failed, None, Some(limited)));
        assert_eq!(
            (failed.status.as_str(), failed.badge.as_str()),
            ("failed", "check failed")
        );
        assert_eq!(
            failed.summary,
            "GitHub's rate limit is reached until 2026-12-06 11:00:00 UTC"
        );
        let pinned = checked(&outcome(Status::Pinned, None, Some(Reason::PinnedRev)));
        assert_eq!(pinned.badge, "pinned");
    }

    #[test]
    fn the_quota_says_what_is_left_and_when_it_is_renewed() {
        assert_eq!(
            quota(57, Some(1_796_554_800)),
            "GitHub: 57 of 60 requests left this hour, renewed at 11:00 UTC"
        );
        assert_eq!(quota(0, None), "GitHub: 0 of 60 requests left this hour");
    }
}
