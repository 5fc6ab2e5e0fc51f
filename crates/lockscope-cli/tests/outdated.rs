//! `lockscope outdated` against a real HTTP server on 127.0.0.1 that answers as GitHub,
//! GitLab, Codeberg and status.nixos.org do (the stand-in of `lockscope_fixtures::forges`,
//! in their documented shapes), and as they fail: a missing repository, a spent quota, an
//! HTML page, HTTP 500, a slow answer, a huge one, a redirect, nobody listening. None reaches
//! the network.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use lockscope_fixtures::forges::{Api, Forges, Reply, Repo};
use serde_json::{json, Value};

/// What the server does instead of the stand-in, for a path containing the key.
#[derive(Clone)]
enum Special {
    Html,
    Status500,
    Slow(Duration),
    Huge(usize),
    /// 301 to the same path with the key replaced.
    MovedTo(&'static str),
}

/// Each request's path and the token it carried (`authorization` or `private-token`).
type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

struct Server {
    base: String,
    forges: Arc<Mutex<Forges>>,
    seen: Seen,
}

fn serve(forges: Forges, specials: Vec<(&'static str, Special)>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let forges = Arc::new(Mutex::new(forges));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (shared, seen_by_server) = (forges.clone(), seen.clone());
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (forges, seen, specials) =
                (shared.clone(), seen_by_server.clone(), specials.clone());
            thread::spawn(move || answer(stream, &forges, &seen, &specials));
        }
    });
    Server { base, forges, seen }
}

fn answer(stream: TcpStream, forges: &Mutex<Forges>, seen: &Seen, specials: &[(&str, Special)]) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let path = request_line.split(' ').nth(1).unwrap_or("/").to_string();
    let mut authorization = None;
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("authorization")
                || name.eq_ignore_ascii_case("private-token")
            {
                authorization = Some(value.trim().to_string());
            }
        }
        header.clear();
    }
    seen.lock().unwrap().push((path.clone(), authorization));
    let special = specials.iter().find(|(key, _)| path.contains(key));
    let reply = match special {
        None => forges.lock().unwrap().answer(&path),
        Some((key, special)) => match special {
            Special::Html => Reply {
                status: 200,
                headers: vec![],
                body: "<html><img src=x onerror=alert(1)></html>".into(),
            },
            Special::Status500 => Reply {
                status: 500,
                headers: vec![],
                body: "oops".into(),
            },
            Special::Slow(wait) => {
                thread::sleep(*wait);
                forges.lock().unwrap().answer(&path)
            }
            Special::Huge(size) => return huge(stream, *size),
            Special::MovedTo(new) => Reply {
                status: 301,
                headers: vec![("location".into(), path.replace(key, new))],
                body: String::new(),
            },
        },
    };
    write_reply(stream, &reply);
}

fn write_reply(mut stream: TcpStream, reply: &Reply) {
    let mut head = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        head += &format!("{name}: {value}\r\n");
    }
    // The client may hang up first (a timeout, a cap).
    let _ = stream.write_all((head + "\r\n" + &reply.body).as_bytes());
}

fn huge(mut stream: TcpStream, size: usize) {
    let chunk = vec![b' '; 64 * 1024];
    let head = format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n");
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|()| (0..size / chunk.len()).try_for_each(|_| stream.write_all(&chunk)));
}

/// `lockscope outdated ARGS` with every API at `base`, no proxy and no token unless given.
fn outdated(base: &str, args: &[&str], token: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lockscope"));
    command
        .arg("outdated")
        .args(args)
        .env("LOCKSCOPE_GITHUB_API", format!("{base}/github"))
        .env("LOCKSCOPE_GITLAB_API", format!("{base}/gitlab"))
        .env("LOCKSCOPE_CODEBERG_API", format!("{base}/codeberg"))
        .env("LOCKSCOPE_PROMETHEUS", format!("{base}/prometheus"));
    for proxy in [
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "GITHUB_TOKEN",
        "GITLAB_TOKEN",
    ] {
        command.env_remove(proxy);
    }
    if let Some(token) = token {
        command.env("GITHUB_TOKEN", token);
    }
    command.output().expect("lockscope runs")
}

fn json_of(output: &Output) -> Vec<Value> {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON on stdout ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

fn by_input<'a>(doc: &'a [Value], input: &str) -> &'a Value {
    doc.iter()
        .find(|o| o["input"] == input)
        .unwrap_or_else(|| panic!("no {input} in {doc:?}"))
}

/// A repository the stand-in serves for each askable subject the lock has, `behind(i)`
/// commits behind, as `outdated --format json` would ask for them.
fn stand_in_for(lock: &Path, inputs: &[&str], behind: impl Fn(usize) -> usize) -> Forges {
    let lock = lockscope_core::LockFile::parse(&std::fs::read_to_string(lock).unwrap()).unwrap();
    let inputs: Vec<String> = inputs.iter().map(|s| s.to_string()).collect();
    let subjects = lockscope_core::outdated::subjects(&lock, &inputs).unwrap();
    let repos = subjects
        .iter()
        .filter(|s| s.unaskable.is_none())
        .enumerate()
        .map(|(i, s)| {
            let repo = s.repo.as_ref().unwrap();
            let api = match repo.forge {
                lockscope_core::flakeref::Forge::GitHub => Api::GitHub,
                lockscope_core::flakeref::Forge::GitLab => Api::GitLab,
                _ => Api::Gitea,
            };
            let mut fake = Repo::behind(
                api,
                &repo.owner,
                &repo.repo,
                s.locked_rev.as_deref().unwrap(),
                behind(i),
            );
            fake.default_branch = s.git_ref.clone().unwrap_or_else(|| "main".into());
            fake
        })
        .collect();
    Forges::new(repos)
}

fn corpus_lock(test: &str, name: &str) -> Option<PathBuf> {
    let corpus = lockscope_fixtures::corpus(test)?;
    Some(corpus.join(name).join("flake.lock"))
}

#[test]
fn github_gitlab_and_codeberg_inputs_of_real_locks() {
    if !lockscope_fixtures::loopback("outdated::github_gitlab_and_codeberg_inputs_of_real_locks") {
        return;
    }
    let Some(misterio) = corpus_lock("outdated::real_locks", "Misterio77__nix-config__cd8e0bf730")
    else {
        return;
    };
    let devenv = misterio
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("cachix__devenv__bb4055d651/flake.lock");

    // Every root input of a config with GitHub and GitLab inputs.
    let forges = stand_in_for(&misterio, &[], |i| i * 7 + 1);
    let wanted: Vec<(String, usize)> = forges
        .repos
        .iter()
        .map(|r| (r.repo.clone(), r.new_commits.len()))
        .collect();
    let server = serve(forges, vec![]);
    let output = outdated(
        &server.base,
        &["--format", "json", misterio.to_str().unwrap()],
        None,
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let doc = json_of(&output);
    let root_inputs = lockscope_core::LockFile::parse(&std::fs::read_to_string(&misterio).unwrap())
        .unwrap()
        .root()
        .inputs
        .len();
    assert_eq!(doc.len(), root_inputs, "one object per root input");
    let mut forges_seen = BTreeSet::new();
    for outcome in &doc {
        for key in [
            "input",
            "forge",
            "ref",
            "locked_rev",
            "head_rev",
            "behind_by",
            "status",
            "reason",
        ] {
            assert!(outcome.get(key).is_some(), "{key} in {outcome}");
        }
        match outcome["status"].as_str().unwrap() {
            "behind" => {
                let repo = outcome["repository"]
                    .as_str()
                    .unwrap()
                    .split('/')
                    .nth(1)
                    .unwrap();
                let behind = wanted.iter().find(|(r, _)| r == repo).unwrap().1;
                assert_eq!(outcome["behind_by"], json!(behind), "{outcome}");
                let link = outcome["compare"].as_str().unwrap();
                assert!(
                    link.starts_with("https://") && link.contains("/compare/"),
                    "{link}"
                );
                forges_seen.insert(outcome["forge"].as_str().unwrap().to_string());
            }
            _ => assert!(outcome["reason"].is_string(), "a reason for {outcome}"),
        }
    }
    assert_eq!(
        forges_seen,
        BTreeSet::from(["github".to_string(), "gitlab".to_string()])
    );
    let spent = server.forges.lock().unwrap().github_spent();
    assert!(spent <= 60, "within the quota: {spent}");

    // A Codeberg input deep in a real lock, asked for by its path, beside a GitHub one.
    let inputs = ["ghostty/zon2nix/zig", "nixpkgs"];
    let server = serve(stand_in_for(&devenv, &inputs, |i| i + 2), vec![]);
    let output = outdated(
        &server.base,
        &["--inputs", &inputs.join(","), devenv.to_str().unwrap()],
        None,
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("ghostty/zon2nix/zig  2 commits behind main: head c0ffee000000 of 2026-11-02, 201 days newer"), "{text}");
    assert!(
        text.contains(
            "nixpkgs              3 commits behind rolling: head c0ffee000000 of 2026-11-03"
        ),
        "{text}"
    );
    assert!(text.contains("https://codeberg.org/jcollie/zig-overlay/compare/e8ee348125247e7bd74932cc42ac92df90961d5b..."), "{text}");
    assert!(
        text.contains("GitHub: 59 API requests left this hour, renewed at 2026-12-06 11:00:00 UTC"),
        "{text}"
    );
}

/// A lock of `n` GitHub inputs `r0`… on branch main, and a nixpkgs on nixos-unstable.
fn github_lock(name: &str, n: usize) -> PathBuf {
    let mut nodes = json!({"root": {"inputs": {}}});
    for i in 0..n {
        let repo = format!("r{i}");
        nodes["root"]["inputs"][&repo] = json!(repo);
        nodes[&repo] = json!({
            "original": {"type": "github", "owner": "o", "repo": repo, "ref": "main"},
            "locked": {"type": "github", "owner": "o", "repo": repo, "rev": format!("{i:040x}"),
                       "lastModified": 1_790_812_800, "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}});
    }
    let path = std::env::temp_dir().join(format!(
        "lockscope-outdated-{}-{name}.lock",
        std::process::id()
    ));
    std::fs::write(
        &path,
        json!({"version": 7, "root": "root", "nodes": nodes}).to_string(),
    )
    .unwrap();
    path
}

fn github_repos(n: usize) -> Vec<Repo> {
    (0..n)
        .map(|i| {
            Repo::behind(
                Api::GitHub,
                "o",
                &format!("r{i}"),
                &format!("{i:040x}"),
                i + 1,
            )
        })
        .collect()
}

#[test]
fn fail_if_behind_decides_the_exit_status_and_markdown_suits_a_summary() {
    if !lockscope_fixtures::loopback(
        "outdated::fail_if_behind_decides_the_exit_status_and_markdown_suits_a_summary",
    ) {
        return;
    }
    let lock = github_lock("fail", 3);
    let server = serve(Forges::new(github_repos(3)), vec![]);
    // The newest head is 2026-11-03, 33 days after the locked commits.
    let late = outdated(
        &server.base,
        &[
            "--fail-if-behind",
            "33",
            "--format",
            "markdown",
            lock.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(late.status.code(), Some(1));
    let summary = String::from_utf8_lossy(&late.stdout);
    assert!(
        summary.starts_with(
            "### What `nix flake update` would bring\n\n3 inputs of 3 behind their branch."
        ),
        "{summary}"
    );
    // Most behind first.
    let rows: Vec<&str> = summary.lines().filter(|l| l.starts_with("| r")).collect();
    assert!(
        rows[0].starts_with("| r2 | 3 commits behind main")
            && rows[2].starts_with("| r0 | 1 commit behind main"),
        "{summary}"
    );
    assert!(
        rows[0].ends_with(&format!(
            "[compare](https://github.com/o/r2/compare/{:040x}...c0ffee{:034x}) |",
            2, 2
        )),
        "{}",
        rows[0]
    );
    let fine = outdated(
        &server.base,
        &["--fail-if-behind", "34", lock.to_str().unwrap()],
        None,
    );
    assert_eq!(fine.status.code(), Some(0));
    let _ = std::fs::remove_file(lock);
}

#[test]
fn the_quota_is_asked_first_and_never_overspent() {
    if !lockscope_fixtures::loopback("outdated::the_quota_is_asked_first_and_never_overspent") {
        return;
    }
    let lock = github_lock("quota", 4);
    let mut forges = Forges::new(github_repos(4));
    forges.github_remaining = 2;
    let server = serve(forges, vec![]);
    let output = outdated(
        &server.base,
        &["--format", "json", lock.to_str().unwrap()],
        Some("secret-token"),
    );
    let doc = json_of(&output);
    assert_eq!(server.forges.lock().unwrap().github_spent(), 2);
    let seen = server.seen.lock().unwrap().clone();
    assert_eq!(seen[0].0, "/github/rate_limit", "the free question first");
    assert!(
        seen.iter()
            .all(|(_, auth)| auth.as_deref() == Some("Bearer secret-token")),
        "{seen:?}"
    );
    let spent: Vec<&Value> = doc.iter().filter(|o| o["status"] == "failed").collect();
    assert_eq!(spent.len(), 2);
    assert_eq!(
        spent[0]["reason"],
        "not asked: GitHub's quota of API requests is spent until 2026-12-06 11:00:00 UTC"
    );
    assert_eq!(spent[0]["behind_by"], Value::Null);
    let _ = std::fs::remove_file(lock);
}

#[test]
fn each_failure_has_its_own_reason_and_the_rest_stand() {
    if !lockscope_fixtures::loopback("outdated::each_failure_has_its_own_reason_and_the_rest_stand")
    {
        return;
    }
    let lock = github_lock("failures", 6);
    let mut repos = github_repos(6);
    repos.retain(|r| r.repo != "r0");
    repos[4].repo = "r5-new".into();
    let server = serve(
        Forges::new(repos),
        vec![
            ("/r1/", Special::Html),
            ("/r2/", Special::Status500),
            ("/r3/", Special::Slow(Duration::from_secs(12))),
            ("/r4/", Special::Huge(17 << 20)),
            ("/r5/", Special::MovedTo("/r5-new/")),
        ],
    );
    let output = outdated(
        &server.base,
        &["--format", "json", lock.to_str().unwrap()],
        None,
    );
    assert_eq!(output.status.code(), Some(0));
    let doc = json_of(&output);
    let reason = |input: &str| {
        by_input(&doc, input)["reason"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(reason("r0"), "not found on GitHub: the repository, its branch or the locked commit is gone, renamed or private");
    assert_eq!(reason("r1"), "GitHub's answer is not what its API documents: not JSON (expected value at line 1, column 1)");
    assert_eq!(reason("r2"), "GitHub answered HTTP 500");
    assert_eq!(reason("r3"), "no answer within 10 seconds");
    assert_eq!(reason("r4"), "the answer is over 16777216 bytes");
    let moved = by_input(&doc, "r5");
    assert_eq!(
        (moved["status"].as_str(), moved["behind_by"].as_u64()),
        (Some("behind"), Some(6)),
        "one redirect followed"
    );
    assert_eq!(moved["renamed_to"], "o/r5-new");
    let _ = std::fs::remove_file(lock);
}

#[test]
fn nobody_listening_is_said_per_input() {
    if !lockscope_fixtures::loopback("outdated::nobody_listening_is_said_per_input") {
        return;
    }
    let lock = github_lock("refused", 1);
    // A port that was free a moment ago: nobody listens there.
    let base = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let output = outdated(&base, &[lock.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    let host = base.trim_start_matches("http://");
    assert!(
        text.starts_with(&format!("r0  could not reach {host}: ")),
        "{text}"
    );
    let _ = std::fs::remove_file(lock);
}

#[test]
fn an_unknown_input_is_bad_input() {
    let lock = github_lock("unknown", 1);
    let output = outdated(
        "http://127.0.0.1:9",
        &["--inputs", "nope", lock.to_str().unwrap()],
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no input 'nope' in the lock"));
    let _ = std::fs::remove_file(lock);
}
