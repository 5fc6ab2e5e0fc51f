//! Sessions run against the stand-in forges of `lockscope-fixtures`, which answer in each
//! API's documented shapes, and on every lock of the corpus.

use lockscope_fixtures::forges::{Api as FakeApi, Forges, Repo};
use serde_json::json;

use super::*;
use crate::lock::LockFile;

const LOCKED: &str = "1111111111111111111111111111111111111111";
const CHANNEL_HEAD: &str = "2222222222222222222222222222222222222222";
/// 2026-10-01.
const LOCKED_AT: i64 = 1_790_812_800;
const NOW: i64 = 1_796_551_440;

fn bases() -> ApiBases {
    ApiBases {
        github: "http://fake/github".into(),
        gitlab: "http://fake/gitlab/".into(),
        codeberg: "http://fake/codeberg".into(),
        prometheus: "http://fake/prometheus".into(),
    }
}

/// A lock with one root input per `(name, original, locked)`.
fn lock(inputs: &[(&str, serde_json::Value, serde_json::Value)]) -> LockFile {
    let mut nodes = json!({"root": {"inputs": {}}});
    for (name, original, locked) in inputs {
        nodes["root"]["inputs"][name] = json!(name);
        nodes[name] = json!({"original": original, "locked": locked});
    }
    LockFile::parse(&json!({"version": 7, "root": "root", "nodes": nodes}).to_string()).unwrap()
}

fn github(
    owner: &str,
    repo: &str,
    git_ref: Option<&str>,
) -> (serde_json::Value, serde_json::Value) {
    let mut original = json!({"type": "github", "owner": owner, "repo": repo});
    if let Some(r) = git_ref {
        original["ref"] = json!(r);
    }
    let locked = json!({"type": "github", "owner": owner, "repo": repo, "rev": LOCKED,
                        "lastModified": LOCKED_AT, "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="});
    (original, locked)
}

/// Runs a session to its end, three requests at a time, as the fronts do.
fn run(session: &mut Session, forges: &mut Forges) {
    for _ in 0..100 {
        let batch: Vec<_> = std::iter::from_fn(|| session.next_request())
            .take(3)
            .collect();
        if batch.is_empty() {
            break;
        }
        for (ticket, request) in batch {
            // A GitLab of its own host answers at https://HOST/api/v4: here, as gitlab.com.
            let path = match request.url.strip_prefix("http://fake") {
                Some(path) => path.to_string(),
                None => {
                    let (_, path) = request.url.split_once("/api/v4").expect("a GitLab's API");
                    format!("/gitlab{path}")
                }
            };
            ask(session, ticket, forges, &path);
        }
    }
    assert!(session.is_done(), "the session ends");
}

/// Hands the stand-in's answer to a GET of `path` to the session.
fn ask(session: &mut Session, ticket: Ticket, forges: &mut Forges, path: &str) {
    let reply = forges.answer(path);
    let header = |name: &str| reply.header(name);
    session.answer(
        ticket,
        Ok(Answer {
            status: reply.status,
            body: &reply.body,
            header: &header,
        }),
    );
}

/// Hands the session a 200 answer with `body` and no headers.
fn answer_200(session: &mut Session, ticket: Ticket, body: &str) {
    session.answer(
        ticket,
        Ok(Answer {
            status: 200,
            body,
            header: &|_| None,
        }),
    );
}

fn outcomes(session: &Session) -> Vec<Outcome> {
    session.outcomes().map(|o| o.unwrap().clone()).collect()
}

#[test]
fn subjects_say_what_can_be_asked_and_why_not() {
    let (gh_o, gh_l) = github("numtide", "flake-utils", None);
    let (tag_o, tag_l) = github("o", "tagged", Some("v1.2.3"));
    let (pin_o, mut pin_l) = github("o", "pinned", None);
    let mut pin_o = pin_o;
    pin_o["rev"] = json!(LOCKED);
    pin_l["rev"] = json!(LOCKED);
    let lock = lock(&[
        ("utils", gh_o, gh_l),
        ("tagged", tag_o, tag_l),
        ("pinned", pin_o, pin_l),
        (
            "local",
            json!({"type": "path", "path": "./sub"}),
            json!({"type": "path", "path": "./sub", "lastModified": 1, "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}),
        ),
        (
            "reg",
            json!({"type": "indirect", "id": "nixpkgs"}),
            json!({"type": "github", "owner": "NixOS", "repo": "nixpkgs", "rev": LOCKED, "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}),
        ),
        (
            "srht",
            json!({"type": "sourcehut", "owner": "~u", "repo": "r"}),
            json!({"type": "sourcehut", "owner": "~u", "repo": "r", "rev": LOCKED, "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}),
        ),
        (
            "tarball",
            json!({"type": "tarball", "url": "https://example.org/x.tar.gz"}),
            json!({"type": "tarball", "url": "https://example.org/x.tar.gz", "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}),
        ),
        (
            "zig",
            json!({"type": "git", "url": "https://codeberg.org/jcollie/zig-overlay.git", "ref": "refs/heads/main"}),
            json!({"type": "git", "url": "https://codeberg.org/jcollie/zig-overlay.git", "ref": "refs/heads/main", "rev": LOCKED, "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}),
        ),
    ]);
    let subjects = subjects(&lock, &[]).unwrap();
    let by_input = |name: &str| subjects.iter().find(|s| s.input == name).unwrap();
    assert_eq!(by_input("utils").unaskable, None);
    assert_eq!(by_input("utils").git_ref, None);
    assert_eq!(by_input("utils").locked_at, Some(LOCKED_AT));
    assert_eq!(
        by_input("tagged").unaskable,
        Some(Reason::PinnedTag("v1.2.3".into()))
    );
    assert_eq!(by_input("pinned").unaskable, Some(Reason::PinnedRev));
    assert_eq!(by_input("local").unaskable, Some(Reason::LocalPath));
    assert_eq!(by_input("reg").unaskable, Some(Reason::Indirect));
    assert_eq!(by_input("srht").unaskable, Some(Reason::NoCompareApi));
    assert_eq!(
        by_input("tarball")
            .unaskable
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("a tarball input: Lockscope asks GitHub, GitLab and Codeberg only")
    );
    let zig = by_input("zig");
    assert_eq!(zig.unaskable, None);
    assert_eq!(
        zig.git_ref.as_deref(),
        Some("main"),
        "refs/heads/ is the branch"
    );
    assert_eq!(zig.repo.as_ref().map(|r| r.forge), Some(Forge::Codeberg));

    assert_eq!(
        subjects_of(&lock, &["nope"]),
        Err("no input 'nope' in the lock".to_string())
    );
}

fn subjects_of(lock: &LockFile, inputs: &[&str]) -> Result<Vec<Subject>, String> {
    subjects(
        lock,
        &inputs.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
    )
}

#[test]
fn tags_and_branches() {
    for tag in ["v1.2", "1.0.3", "v2.0.0-rc1", "refs/tags/anything", "24.05"] {
        assert!(is_tag(tag), "{tag}");
    }
    for branch in [
        "main",
        "nixos-24.05",
        "release-24.05",
        "v1",
        "1",
        "v1.x",
        "",
    ] {
        assert!(!is_tag(branch), "{branch}");
    }
}

#[test]
fn every_forge_counts_the_commits_behind() {
    let (gh_o, gh_l) = github("numtide", "flake-utils", None);
    let (np_o, np_l) = github("NixOS", "nixpkgs", Some("nixos-unstable"));
    let lock = lock(&[
        ("utils", gh_o, gh_l),
        ("nixpkgs", np_o, np_l),
        (
            "lab",
            json!({"type": "gitlab", "owner": "pinage404", "repo": "nix-sources"}),
            json!({"type": "gitlab", "owner": "pinage404", "repo": "nix-sources", "rev": LOCKED, "lastModified": LOCKED_AT, "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}),
        ),
        (
            "zig",
            json!({"type": "git", "url": "https://codeberg.org/jcollie/zig-overlay.git"}),
            json!({"type": "git", "url": "https://codeberg.org/jcollie/zig-overlay.git", "ref": "refs/heads/main", "rev": LOCKED, "lastModified": LOCKED_AT, "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}),
        ),
    ]);
    let mut nixpkgs = Repo::behind(FakeApi::GitHub, "NixOS", "nixpkgs", LOCKED, 140);
    nixpkgs.new_commits.last_mut().unwrap().0 = CHANNEL_HEAD.into();
    let mut forges = Forges::new(vec![
        Repo::behind(FakeApi::GitHub, "numtide", "flake-utils", LOCKED, 3),
        nixpkgs,
        Repo::behind(FakeApi::GitLab, "pinage404", "nix-sources", LOCKED, 5),
        Repo::behind(FakeApi::Gitea, "jcollie", "zig-overlay", LOCKED, 2),
    ]);
    forges.channels = vec![("nixos-unstable".into(), CHANNEL_HEAD.into())];
    let mut session = Session::new(subjects(&lock, &[]).unwrap(), bases(), NOW);
    run(&mut session, &mut forges);
    let found = outcomes(&session);
    let found = |input: &str| found.iter().find(|o| o.input == input).unwrap().clone();

    let nixpkgs = &found("nixpkgs");
    assert_eq!(nixpkgs.input, "nixpkgs");
    assert_eq!(
        (nixpkgs.status, nixpkgs.behind_by),
        (Status::Behind, Some(140))
    );
    assert_eq!(
        nixpkgs.head_rev.as_deref(),
        Some(CHANNEL_HEAD),
        "the channel's revision"
    );
    assert_eq!(nixpkgs.git_ref.as_deref(), Some("nixos-unstable"));
    // 140 commits, a day apart from 2026-11-01 in 28-day months: the 140th is on 2026-07-28.
    assert_eq!(
        nixpkgs.head_time,
        crate::time::parse_rfc3339("2026-07-28T12:00:00Z")
    );
    assert_eq!(
        nixpkgs.compare.as_ref().map(HttpsLink::as_str),
        Some(
            format!("https://github.com/NixOS/nixpkgs/compare/{LOCKED}...{CHANNEL_HEAD}").as_str()
        )
    );

    let utils = &found("utils");
    assert_eq!(
        (utils.input.as_str(), utils.status, utils.behind_by),
        ("utils", Status::Behind, Some(3))
    );
    assert_eq!(
        utils.git_ref.as_deref(),
        Some("main"),
        "the default branch GitHub named"
    );
    assert_eq!(utils.days_between, Some(33), "2026-10-01 to 2026-11-03");

    let lab = &found("lab");
    assert_eq!(
        (lab.input.as_str(), lab.forge, lab.behind_by),
        ("lab", Some(Forge::GitLab), Some(5))
    );
    assert_eq!(
        lab.head_time,
        crate::time::parse_rfc3339("2026-11-05T12:00:00Z"),
        "GitLab's `commit`"
    );

    let zig = &found("zig");
    assert_eq!(
        (zig.input.as_str(), zig.forge, zig.behind_by),
        ("zig", Some(Forge::Codeberg), Some(2))
    );
    assert!(zig
        .compare
        .as_ref()
        .unwrap()
        .as_str()
        .starts_with("https://codeberg.org/jcollie/zig-overlay/compare/"));

    // The quota probe, status.nixos.org, then: flake-utils' default branch and compare;
    // nixpkgs's compare (140 > 100 listed) and its head page.
    assert_eq!(forges.github_spent(), 4);
    assert!(forges
        .asked
        .iter()
        .any(|p| p.ends_with("?per_page=1&page=140")));
    assert_eq!(session.quota().remaining, Some(56));
}

#[test]
fn the_quota_is_never_overspent() {
    let inputs: Vec<_> = (0..5)
        .map(|i| {
            let (o, l) = github("o", &format!("r{i}"), Some("main"));
            (format!("r{i}"), o, l)
        })
        .collect();
    let inputs: Vec<(&str, _, _)> = inputs
        .iter()
        .map(|(n, o, l)| (n.as_str(), o.clone(), l.clone()))
        .collect();
    let lock = lock(&inputs);
    let mut forges = Forges::new(
        (0..5)
            .map(|i| Repo::behind(FakeApi::GitHub, "o", &format!("r{i}"), LOCKED, 1))
            .collect(),
    );
    forges.github_remaining = 2;
    let mut session = Session::new(subjects(&lock, &[]).unwrap(), bases(), NOW);
    run(&mut session, &mut forges);
    assert_eq!(forges.github_spent(), 2, "two requests left, two asked");
    let found = outcomes(&session);
    assert_eq!(
        found.iter().filter(|o| o.status == Status::Behind).count(),
        2
    );
    let spent: Vec<_> = found
        .iter()
        .filter(|o| o.status == Status::Failed)
        .collect();
    assert_eq!(spent.len(), 3);
    assert_eq!(
        spent[0].reason.as_ref().unwrap().to_string(),
        "not asked: GitHub's quota of API requests is spent until 2026-12-06 11:00:00 UTC"
    );
}

#[test]
fn a_spent_quota_the_probe_missed_stops_the_rest() {
    let (a_o, a_l) = github("o", "a", Some("main"));
    let (b_o, b_l) = github("o", "b", Some("main"));
    let lock = lock(&[("a", a_o, a_l), ("b", b_o, b_l)]);
    let mut forges = Forges::new(vec![]);
    forges.github_remaining = 0;
    let mut session = Session::new(subjects(&lock, &[]).unwrap(), bases(), NOW);
    // The probe fails (a mirror without /rate_limit): GitHub's 403 then says it.
    let (ticket, _) = session.next_request().unwrap();
    session.answer(ticket, Err(Transport::Timeout(10)));
    run(&mut session, &mut forges);
    let found = outcomes(&session);
    assert_eq!(
        found[0].reason.as_ref().unwrap().to_string(),
        "GitHub's rate limit is reached until 2026-12-06 11:00:00 UTC"
    );
    assert!(matches!(
        found[1].reason,
        Some(Reason::RateLimited { .. } | Reason::QuotaSpent { .. })
    ));
    assert!(forges.github_spent() <= 2);
}

#[test]
fn failures_each_say_what_went_wrong() {
    let (a_o, a_l) = github("o", "gone", Some("main"));
    let (b_o, b_l) = github("o", "html", Some("main"));
    let (c_o, c_l) = github("o", "slow", Some("main"));
    let (d_o, d_l) = github("o", "old-name", Some("main"));
    let (e_o, e_l) = github("o", "forced", Some("main"));
    let lock = lock(&[
        ("a", a_o, a_l),
        ("b", b_o, b_l),
        ("c", c_o, c_l),
        ("d", d_o, d_l),
        ("e", e_o, e_l),
    ]);
    let mut renamed = Repo::behind(FakeApi::GitHub, "o", "old-name", LOCKED, 1);
    renamed.renamed_to = Some("new-owner/new-name".into());
    let mut forced = Repo::behind(FakeApi::GitHub, "o", "forced", LOCKED, 4);
    forced.diverged = true;
    let mut forges = Forges::new(vec![renamed, forced]);
    let mut session = Session::new(subjects(&lock, &[]).unwrap(), bases(), NOW);
    let (ticket, _) = session.next_request().unwrap();
    answer_200(&mut session, ticket, "{}");
    while let Some((ticket, request)) = session.next_request() {
        let path = request.url.strip_prefix("http://fake").unwrap().to_string();
        if path.contains("/html/") {
            let html = "<html><script>alert(1)</script></html>";
            answer_200(&mut session, ticket, html);
        } else if path.contains("/slow/") {
            session.answer(ticket, Err(Transport::Timeout(10)));
        } else {
            ask(&mut session, ticket, &mut forges, &path);
        }
    }
    assert!(session.is_done());
    let words: Vec<String> = outcomes(&session)
        .iter()
        .map(|o| o.reason.as_ref().map_or(String::new(), ToString::to_string))
        .collect();
    assert_eq!(words[0], "not found on GitHub: the repository, its branch or the locked commit is gone, renamed or private");
    assert_eq!(words[1], "GitHub's answer is not what its API documents: not JSON (expected value at line 1, column 1)");
    assert_eq!(words[2], "no answer within 10 seconds");
    let found = outcomes(&session);
    assert_eq!(found[3].renamed_to.as_deref(), Some("new-owner/new-name"));
    assert_eq!(found[3].status, Status::Behind);
    assert_eq!(
        (found[4].status, found[4].behind_by),
        (Status::Diverged, Some(4))
    );
}

#[test]
fn cancel_ends_every_open_lookup() {
    let (a_o, a_l) = github("o", "a", Some("main"));
    let lock = lock(&[
        ("a", a_o, a_l),
        (
            "b",
            json!({"type": "path", "path": "/x"}),
            json!({"type": "path", "path": "/x", "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}),
        ),
    ]);
    let mut session = Session::new(subjects(&lock, &[]).unwrap(), bases(), NOW);
    let (probe, _) = session.next_request().unwrap();
    session.answer(probe, Err(Transport::Cancelled));
    let (ticket, _) = session.next_request().unwrap();
    session.cancel();
    // The answer that was on its way is ignored.
    answer_200(&mut session, ticket, "{}");
    let found = outcomes(&session);
    assert_eq!(
        found[0].reason,
        Some(Reason::Transport(Transport::Cancelled))
    );
    assert_eq!(
        found[1].status,
        Status::Unknown,
        "the path input keeps its own reason"
    );
    assert!(session.next_request().is_none());
}

#[test]
fn every_corpus_lock_gets_one_outcome_per_root_input() {
    let Some(corpus) = lockscope_fixtures::corpus("outdated::every_corpus_lock") else {
        return;
    };
    let mut locks = 0;
    for case in lockscope_fixtures::cases(&corpus) {
        let Ok(lock) = LockFile::parse(&case.read_lock()) else {
            continue;
        };
        locks += 1;
        let subjects = subjects(&lock, &[]).unwrap();
        assert_eq!(subjects.len(), lock.root().inputs.len(), "{}", case.name);
        // Every forge says: up to date.
        let mut forges = Forges::new(
            subjects
                .iter()
                .filter_map(|s| {
                    let repo = s.repo.as_ref()?;
                    let api = match repo.forge {
                        Forge::GitHub => FakeApi::GitHub,
                        Forge::GitLab => FakeApi::GitLab,
                        Forge::Codeberg => FakeApi::Gitea,
                        Forge::SourceHut => return None,
                    };
                    let mut fake =
                        Repo::behind(api, &repo.owner, &repo.repo, s.locked_rev.as_deref()?, 0);
                    fake.default_branch = s.git_ref.clone().unwrap_or_else(|| "main".into());
                    Some(fake)
                })
                .collect(),
        );
        forges.github_remaining = 5000;
        let mut session = Session::new(subjects.clone(), bases(), NOW);
        run(&mut session, &mut forges);
        for (subject, outcome) in subjects.iter().zip(outcomes(&session)) {
            let expected = match subject.unasked() {
                Some(unasked) => unasked.status,
                None => Status::UpToDate,
            };
            assert_eq!(
                outcome.status, expected,
                "{} {}: {:?}",
                case.name, subject.input, outcome.reason
            );
        }
    }
    assert!(locks > 100);
}
