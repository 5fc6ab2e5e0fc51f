//! Every Nixpkgs in the graph, found by what it is, judged on 2026-12-06 with its paths:
//! lock shapes written from the documented URL patterns of each form, and every corpus lock.

use lockscope_core::health::{self, BranchStatus, CheckOptions, NixpkgsForm, Report, StatusSource};
use lockscope_core::{details, dups, LockFile};
use serde_json::{json, Value};

/// 2026-12-06 10:04 UTC.
const NOW: i64 = 1_796_551_440;
const DAY: i64 = 86_400;
const REV: &str = "0123456789abcdef0123456789abcdef01234567";

fn github(owner: &str, repo: &str, branch: &str, age_days: i64, inputs: Value) -> Value {
    let mut locked = json!({"type": "github", "owner": owner, "repo": repo, "rev": REV,
        "lastModified": NOW - age_days * DAY, "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="});
    let original = json!({"type": "github", "owner": owner, "repo": repo, "ref": branch});
    locked["owner"] = owner.into();
    json!({"inputs": inputs, "locked": locked, "original": original})
}

fn tarball(original_url: &str, locked_url: &str) -> Value {
    json!({
        "locked": {"type": "tarball", "url": locked_url, "rev": REV, "lastModified": NOW - 3 * DAY,
                   "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
        "original": {"type": "tarball", "url": original_url}
    })
}

/// One lock with Nixpkgs in every form, a nested old one under `other`, a fork.
fn every_form() -> LockFile {
    let nodes = json!({
        "root": {"inputs": {
            "nixpkgs": "nixpkgs", "old": "old", "next": "next", "beta": "beta", "other": "other",
            "chan": "chan", "fh": "fh", "gl": "gl", "g": "g", "reg": "reg", "fork": "fork",
            "flake-utils": "flake-utils"
        }},
        "nixpkgs": github("NixOS", "nixpkgs", "nixos-26.05", 16, json!({})),
        "old": github("NixOS", "nixpkgs", "nixos-25.11", 3, json!({})),
        "next": github("nixos", "NIXPKGS", "nixos-26.11", 2, json!({})),
        "beta": github("NixOS", "nixpkgs", "nixos-27.05", 1, json!({})),
        "other": github("o", "other", "main", 2, json!({"nixpkgs": "nixpkgs_2"})),
        "nixpkgs_2": github("NixOS", "nixpkgs", "nixos-23.05", 400, json!({})),
        "chan": tarball(
            "https://channels.nixos.org/nixos-25.11/nixexprs.tar.xz",
            "https://releases.nixos.org/nixos/25.11/nixos-25.11.9320.0123456789ab/nixexprs.tar.xz"
        ),
        "fh": tarball(
            "https://flakehub.com/f/NixOS/nixpkgs/0.1",
            "https://api.flakehub.com/f/pinned/NixOS/nixpkgs/0.1.967235%2Brev-0123456789abcdef0123456789abcdef01234567/019d198c-70dc-7753-b1d1-721451f578ae/source.tar.gz"
        ),
        "gl": {
            "locked": {"type": "gitlab", "owner": "NixOS", "repo": "nixpkgs", "rev": REV, "lastModified": NOW - DAY},
            "original": {"type": "gitlab", "owner": "NixOS", "repo": "nixpkgs", "ref": "nixos-unstable"}
        },
        "g": {
            "locked": {"type": "git", "url": "https://github.com/NixOS/nixpkgs.git", "ref": "nixpkgs-unstable", "rev": REV, "lastModified": NOW - DAY},
            "original": {"type": "git", "url": "https://github.com/NixOS/nixpkgs.git", "ref": "nixpkgs-unstable"}
        },
        "reg": {
            "locked": {"type": "tarball", "rev": REV, "lastModified": NOW - DAY,
                       "url": "https://releases.nixos.org/nixos/unstable-small/nixos-27.05pre1027151.0123456789ab/nixexprs.tar.xz"},
            "original": {"type": "indirect", "id": "nixpkgs", "ref": "nixos-unstable-small"}
        },
        "fork": github("someone", "nixpkgs", "my-fixes", 1, json!({})),
        "flake-utils": github("numtide", "flake-utils", "main", 1, json!({}))
    });
    LockFile::parse(&json!({"version": 7, "root": "root", "nodes": nodes}).to_string())
        .expect("a valid lock")
}

/// The codes of the Nixpkgs findings on an input path.
fn codes_at(report: &Report, path: &str) -> Vec<&'static str> {
    report
        .findings
        .iter()
        .filter(|f| f.path.join("/") == path)
        .map(|f| f.problem.code())
        .filter(|code| code.starts_with("nixpkgs-"))
        .collect()
}

#[test]
fn every_form_is_found_and_judged_by_the_best_source() {
    let lock = every_form();
    let report = health::check(&lock, &CheckOptions::new(NOW));
    type Seen<'a> = (
        &'a str,
        NixpkgsForm,
        Option<&'a str>,
        BranchStatus,
        Option<StatusSource>,
    );
    let seen: Vec<Seen> = report
        .nixpkgs
        .iter()
        .map(|n| {
            (
                n.node.as_str(),
                n.form,
                n.branch.as_deref(),
                n.verdict.status,
                n.verdict.source,
            )
        })
        .collect();
    use BranchStatus::*;
    use NixpkgsForm as F;
    use StatusSource::*;
    assert_eq!(
        seen,
        [
            ("beta", F::GitHub, Some("nixos-27.05"), Beta, Some(Calendar)),
            (
                "chan",
                F::Channel,
                Some("nixos-25.11"),
                Unmaintained,
                Some(Table)
            ),
            ("fh", F::FlakeHub, None, Unknown, None),
            ("fork", F::GitHub, Some("my-fixes"), Unknown, None),
            ("g", F::Git, Some("nixpkgs-unstable"), Rolling, Some(Table)),
            (
                "gl",
                F::GitLab,
                Some("nixos-unstable"),
                Rolling,
                Some(Table)
            ),
            (
                "next",
                F::GitHub,
                Some("nixos-26.11"),
                Stable,
                Some(Calendar)
            ),
            (
                "nixpkgs",
                F::GitHub,
                Some("nixos-26.05"),
                Deprecated,
                Some(Calendar)
            ),
            (
                "old",
                F::GitHub,
                Some("nixos-25.11"),
                Unmaintained,
                Some(Table)
            ),
            (
                "nixpkgs_2",
                F::GitHub,
                Some("nixos-23.05"),
                Unmaintained,
                Some(Calendar)
            ),
            (
                "reg",
                F::Indirect,
                Some("nixos-unstable-small"),
                Rolling,
                Some(Table)
            ),
        ]
    );

    // nixos-25.11 is unsupported, by the bundled table, as a branch and as a channel.
    for path in ["old", "chan"] {
        assert_eq!(
            codes_at(&report, path),
            ["nixpkgs-unsupported-branch"],
            "{path}"
        );
    }
    let old = report.findings.iter().find(|f| f.path == ["old"]).unwrap();
    assert_eq!(old.level, health::Level::Error);
    assert!(
        old.message.contains("(bundled table of 2026-08-08)"),
        "{}",
        old.message
    );
    // nixos-26.05 is supported (deprecated since 26.11, until the end of December).
    assert!(report.nixpkgs[7].verdict.status.is_supported());
    assert_eq!(
        report.nixpkgs[7].verdict.until.as_deref(),
        Some("2026-12-31")
    );
    assert_eq!(codes_at(&report, "nixpkgs"), ["nixpkgs-deprecated-branch"]);
    // 26.11, after 2026-11-30, is stable by the calendar: nothing to say.
    assert_eq!(codes_at(&report, "next"), Vec::<&str>::new());
    // A release not yet out is information, never unsupported.
    assert_eq!(codes_at(&report, "beta"), ["nixpkgs-unreleased-branch"]);
    let beta = report
        .findings
        .iter()
        .find(|f| f.problem.code() == "nixpkgs-unreleased-branch")
        .unwrap();
    assert_eq!(beta.level, health::Level::Info);
    assert!(beta
        .message
        .contains("not yet released (NixOS release calendar, expected 2027-05-31)"));

    // The nested old Nixpkgs, with its path and the follows line that removes it.
    let mut nested = codes_at(&report, "other/nixpkgs");
    nested.sort();
    assert_eq!(nested, ["nixpkgs-outdated", "nixpkgs-unsupported-branch"]);
    let outdated = report
        .findings
        .iter()
        .find(|f| f.problem.code() == "nixpkgs-outdated")
        .unwrap();
    assert_eq!(outdated.node.as_deref(), Some("nixpkgs_2"));
    assert!(outdated
        .message
        .starts_with("'other/nixpkgs' was last updated 400 days ago"));
    // What was found, then apart what to do: update the input that brings it, or follow.
    assert!(
        outdated.message.ends_with("lacks recent security fixes."),
        "{}",
        outdated.message
    );
    let action = outdated.action.as_deref().unwrap();
    assert!(
        action.starts_with("It comes with 'other': run `nix flake update other`")
            && action.contains("`inputs.other.inputs.nixpkgs.follows = "),
        "{action}"
    );
    let nested = &report.nixpkgs[9];
    assert_eq!(nested.paths, ["other/nixpkgs"]);
    assert!(nested
        .follows_line
        .as_deref()
        .unwrap()
        .starts_with("inputs.other.inputs.nixpkgs.follows"));

    // The channel tarball: owner NixOS, its branch, release and commit.
    let chan = &report.nixpkgs[1];
    assert_eq!(chan.repository.as_deref(), Some("NixOS/nixpkgs"));
    assert_eq!(chan.channel_release.as_deref(), Some("25.11.9320"));
    assert_eq!(
        chan.link.as_ref().map(|l| l.as_str()),
        Some(format!("https://github.com/NixOS/nixpkgs/commit/{REV}").as_str())
    );
    // The fork is named; no upstream form is.
    let non_upstream: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.problem.code() == "nixpkgs-non-upstream")
        .map(|f| f.path.join("/"))
        .collect();
    assert_eq!(non_upstream, ["fork"]);
    assert_eq!(
        codes_at(&report, "fork"),
        ["nixpkgs-non-upstream", "nixpkgs-branch-unknown"]
    );
    // flake-utils is no Nixpkgs, and following a branch is no finding.
    assert!(report.findings.iter().all(|f| f.path != ["flake-utils"]));

    // The JSON array has the documented fields for every node.
    let doc = serde_json::to_value(&report).unwrap();
    for n in doc["nixpkgs"].as_array().unwrap() {
        for field in [
            "node",
            "paths",
            "branch",
            "branch_status",
            "status_source",
            "last_modified",
        ] {
            assert!(n.get(field).is_some(), "{field} missing in {n}");
        }
    }
    assert_eq!(doc["nixpkgs"][1]["status_source"], "table");
    assert_eq!(doc["nixpkgs"][1]["branch_status"], "unmaintained");
    assert_eq!(doc["nixpkgs"][2]["branch_status"], "unknown");
    assert_eq!(doc["nixpkgs"][2]["status_source"], Value::Null);
}

#[test]
fn nixpkgs_keys_check_only_the_named_root_inputs() {
    let lock = every_form();
    let options = CheckOptions {
        nixpkgs_keys: Some(vec!["nixpkgs".into(), "flake-utils".into()]),
        ..CheckOptions::new(NOW)
    };
    let report = health::check(&lock, &options);
    let nodes: Vec<(&str, NixpkgsForm)> = report
        .nixpkgs
        .iter()
        .map(|n| (n.node.as_str(), n.form))
        .collect();
    assert_eq!(
        nodes,
        [
            ("nixpkgs", NixpkgsForm::GitHub),
            ("flake-utils", NixpkgsForm::Other)
        ]
    );
    assert_eq!(codes_at(&report, "old"), Vec::<&str>::new());
}

/// A channel tarball and github:NixOS/nixpkgs are one source: a follows line may merge them.
#[test]
fn a_channel_tarball_is_nixos_nixpkgs_for_duplicates() {
    let nodes = json!({
        "root": {"inputs": {"nixpkgs": "nixpkgs", "a": "a"}},
        "nixpkgs": tarball(
            "https://channels.nixos.org/nixos-26.05/nixexprs.tar.xz",
            "https://releases.nixos.org/nixos/26.05/nixos-26.05.4193.a50de1b7d8a5/nixexprs.tar.xz"
        ),
        "a": github("a", "a", "main", 1, json!({"nixpkgs": "nixpkgs_2"})),
        "nixpkgs_2": github("NixOS", "nixpkgs", "nixos-26.05", 20, json!({}))
    });
    let lock = LockFile::parse(&json!({"version": 7, "root": "root", "nodes": nodes}).to_string())
        .unwrap();
    let found = dups::find(&lock);
    assert_eq!(found.groups.len(), 1);
    assert_eq!(found.suggestions.len(), 1);
    assert_eq!(
        found.suggestions[0].line,
        "inputs.a.inputs.nixpkgs.follows = \"nixpkgs\";"
    );
    let report = health::check(&lock, &CheckOptions::new(NOW));
    assert_eq!(
        report.nixpkgs[0].follows_line.as_deref(),
        Some("inputs.a.inputs.nixpkgs.follows = \"nixpkgs\";")
    );
}

/// Whether a raw lock node is Nixpkgs, read straight from its JSON: a repository named
/// nixpkgs on a forge or as a git URL, a channel tarball, a GitHub archive or FlakeHub flake
/// of NixOS/nixpkgs, or the registry name nixpkgs.
fn is_nixpkgs(node: &Value) -> bool {
    let original = &node["original"];
    let text = |v: &Value| v.as_str().unwrap_or_default().to_ascii_lowercase();
    let url = text(&original["url"]);
    match original["type"].as_str().unwrap_or_default() {
        "github" | "gitlab" | "sourcehut" => text(&original["repo"]) == "nixpkgs",
        "git" => {
            let repo = url.trim_end_matches('/').trim_end_matches(".git");
            repo.rsplit('/').next() == Some("nixpkgs")
                && ["github.com/", "gitlab.com/", "codeberg.org/", "git.sr.ht/"]
                    .iter()
                    .any(|host| url.contains(host))
        }
        "tarball" | "file" => {
            url.starts_with("https://channels.nixos.org/")
                || url.starts_with("https://releases.nixos.org/")
                || url.starts_with("https://github.com/nixos/nixpkgs/archive/")
                || url.starts_with("https://flakehub.com/f/nixos/nixpkgs/")
        }
        "indirect" => original["id"] == "nixpkgs",
        _ => false,
    }
}

#[test]
fn every_nixpkgs_node_of_every_corpus_lock_is_in_the_array() {
    let Some(corpus) = lockscope_fixtures::corpus(
        "health_nixpkgs::every_nixpkgs_node_of_every_corpus_lock_is_in_the_array",
    ) else {
        return;
    };
    let (mut locks, mut nodes, mut channels) = (0, 0, 0);
    for case in lockscope_fixtures::cases(&corpus) {
        let text = case.read_lock();
        let Ok(lock) = LockFile::parse(&text) else {
            continue;
        };
        let raw: Value = serde_json::from_str(&text).unwrap();
        let reached: Vec<String> = details::inputs(&lock).into_iter().map(|r| r.key).collect();
        let mut expected: Vec<&str> = raw["nodes"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(key, node)| reached.contains(key) && is_nixpkgs(node))
            .map(|(key, _)| key.as_str())
            .collect();
        expected.sort();
        let report = health::check(&lock, &CheckOptions::new(NOW));
        let mut found: Vec<&str> = report.nixpkgs.iter().map(|n| n.node.as_str()).collect();
        found.sort();
        assert_eq!(found, expected, "{}", case.name);
        for n in &report.nixpkgs {
            assert!(!n.paths.is_empty(), "{}: {}", case.name, n.node);
            if n.form == NixpkgsForm::Channel {
                channels += 1;
                assert_eq!(
                    n.repository.as_deref(),
                    Some("NixOS/nixpkgs"),
                    "{}",
                    case.name
                );
                assert!(n.branch.is_some(), "{}: {}", case.name, n.node);
            }
        }
        locks += 1;
        nodes += found.len();
    }
    println!("{locks} locks, {nodes} Nixpkgs nodes, {channels} of them channel tarballs");
    assert!(locks >= 150 && channels >= 20);
}
