//! `outdated`'s reading of forge answers: a session over a lock with GitHub (with and without a
//! branch, and a Nixpkgs on a NixOS channel), GitLab and Codeberg inputs, fed any statuses,
//! bodies and quota headers, or failed requests, in any order. It never panics, always ends,
//! never asks GitHub past the quota it was told, and links only to https forge pages.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use lockscope_core::outdated::{self, Answer, Api, ApiBases, Session, Status, Transport};
use lockscope_core::LockFile;

const LOCK: &str = r#"{"version": 7, "root": "root", "nodes": {
  "root": {"inputs": {"a": "a", "b": "b", "c": "c", "d": "d", "e": "e"}},
  "a": {"original": {"type": "github", "owner": "o", "repo": "a"},
        "locked": {"type": "github", "owner": "o", "repo": "a", "rev": "1111111111111111111111111111111111111111", "lastModified": 1790812800, "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}},
  "b": {"original": {"type": "github", "owner": "NixOS", "repo": "nixpkgs", "ref": "nixos-unstable"},
        "locked": {"type": "github", "owner": "NixOS", "repo": "nixpkgs", "rev": "2222222222222222222222222222222222222222", "lastModified": 1790812800, "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}},
  "c": {"original": {"type": "gitlab", "owner": "g", "repo": "c", "host": "lab.example.org"},
        "locked": {"type": "gitlab", "owner": "g", "repo": "c", "host": "lab.example.org", "rev": "3333333333333333333333333333333333333333", "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}},
  "d": {"original": {"type": "git", "url": "https://codeberg.org/u/d.git", "ref": "main"},
        "locked": {"type": "git", "url": "https://codeberg.org/u/d.git", "ref": "main", "rev": "4444444444444444444444444444444444444444", "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}},
  "e": {"original": {"type": "github", "owner": "o", "repo": "e", "ref": "release/1.x"},
        "locked": {"type": "github", "owner": "o", "repo": "e", "rev": "5555555555555555555555555555555555555555", "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}}
}}"#;

#[derive(Arbitrary, Debug)]
enum Reply {
    Answer {
        status: u16,
        body: String,
        remaining: Option<String>,
        reset: Option<String>,
        retry_after: Option<String>,
    },
    Failed(u8),
}

fuzz_target!(|replies: Vec<Reply>| {
    let lock = LockFile::parse(LOCK).expect("the target's own lock");
    let subjects = outdated::subjects(&lock, &[]).expect("root inputs");
    let mut session = Session::new(subjects, ApiBases::default(), 1_796_551_440);
    let mut replies = replies.into_iter();
    let mut quota_told: Option<u64> = None;
    let mut github_asked_after = 0_u64;
    while !session.is_done() {
        let batch: Vec<_> = std::iter::from_fn(|| session.next_request())
            .take(3)
            .collect();
        assert!(
            !batch.is_empty(),
            "a session that is not done has something to ask"
        );
        for (ticket, request) in batch {
            if request.api == Api::GitHub
                && !request.url.ends_with("/rate_limit")
                && quota_told.is_some()
            {
                github_asked_after += 1;
            }
            match replies.next() {
                None => session.answer(ticket, Err(Transport::Cancelled)),
                Some(Reply::Failed(which)) => session.answer(
                    ticket,
                    Err(match which % 3 {
                        0 => Transport::Timeout(10),
                        1 => Transport::TooLarge,
                        _ => Transport::Blocked("codeberg.org".into()),
                    }),
                ),
                Some(Reply::Answer {
                    status,
                    body,
                    remaining,
                    reset,
                    retry_after,
                }) => {
                    let header = |name: &str| match name {
                        "x-ratelimit-remaining" | "ratelimit-remaining" => remaining.clone(),
                        "x-ratelimit-reset" | "ratelimit-reset" => reset.clone(),
                        "retry-after" => retry_after.clone(),
                        _ => None,
                    };
                    session.answer(
                        ticket,
                        Ok(Answer {
                            status,
                            body: &body,
                            header: &header,
                        }),
                    );
                    if request.url.ends_with("/rate_limit") {
                        quota_told = session.quota().remaining;
                    }
                }
            }
        }
    }
    // What `/rate_limit` said is left is never exceeded.
    if let Some(told) = quota_told {
        assert!(
            github_asked_after <= told,
            "{github_asked_after} asked, {told} left"
        );
    }
    for outcome in session.outcomes() {
        let outcome = outcome.expect("every lookup ended");
        if matches!(
            outcome.status,
            Status::Behind | Status::Diverged | Status::UpToDate | Status::Ahead
        ) {
            assert!(outcome.behind_by.is_some(), "{outcome:?}");
        }
        if let Some(link) = &outcome.compare {
            assert!(link.as_str().starts_with("https://"), "{link}");
        }
        if let Some(reason) = &outcome.reason {
            let _ = reason.to_string();
        }
        serde_json::to_string(outcome).expect("an outcome is JSON");
    }
});
