//! `lockscope check --online` against a real HTTP server on 127.0.0.1 that answers as
//! status.nixos.org's Prometheus does (`/api/v1/query?query=channel_revision`), and as it
//! fails: a broken answer, a slow one, HTTP 500, a huge one, nobody listening. Each run shows
//! which source decided; none reaches the network.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// 2026-12-06 10:04 UTC.
const NOW: &str = "1796551440";

/// A Prometheus answer in the documented shape: nixos-26.11 is stable, and this answer
/// (unlike the bundled table and the calendar) calls nixos-26.05 unmaintained.
const ANSWER: &str = r#"{"status":"success","data":{"resultType":"vector","result":[
 {"metric":{"__name__":"channel_revision","channel":"nixos-26.05","current":"1","revision":"a50de1b7d8a586adc18d2395c19de7d6058e6030","status":"unmaintained","variant":"primary"},"value":[1796551440.5,"1"]},
 {"metric":{"__name__":"channel_revision","channel":"nixos-26.11","current":"1","revision":"0123456789abcdef0123456789abcdef01234567","status":"stable","variant":"primary"},"value":[1796551440.5,"1"]}]}}"#;

/// What the test server does with the one request it takes.
enum Reply {
    Status(u16, String),
    /// Waits this long before answering.
    Slow(Duration),
    /// 200 with a body of this many bytes, streamed.
    Huge(usize),
}

/// A server on a free port of 127.0.0.1 answering one request; the request line it got
/// comes back on the channel.
fn serve(reply: Reply) -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (sent, got) = mpsc::channel();
    thread::spawn(move || {
        let (stream, _) = listener.accept().expect("a connection");
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut request_line = String::new();
        reader.read_line(&mut request_line).unwrap();
        let mut header = String::new();
        while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
            header.clear();
        }
        let _ = sent.send(request_line.trim_end().to_string());
        answer(stream, reply);
    });
    (base, got)
}

fn answer(mut stream: TcpStream, reply: Reply) {
    let head = |status: u16, length: usize| {
        format!("HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n")
    };
    // The client may hang up first (a timeout, a cap): write errors end the reply.
    let _ = match reply {
        Reply::Status(status, body) => {
            stream.write_all((head(status, body.len()) + &body).as_bytes())
        }
        Reply::Slow(wait) => {
            thread::sleep(wait);
            stream.write_all((head(200, ANSWER.len()) + ANSWER).as_bytes())
        }
        Reply::Huge(size) => {
            let chunk = vec![b' '; 64 * 1024];
            stream
                .write_all(head(200, size).as_bytes())
                .and_then(|()| (0..size / chunk.len()).try_for_each(|_| stream.write_all(&chunk)))
        }
    };
}

/// A lock whose nixpkgs follows nixos-26.05, written to a file of its own.
fn lock_file(name: &str) -> PathBuf {
    let lock = json!({"version": 7, "root": "root", "nodes": {
        "root": {"inputs": {"nixpkgs": "nixpkgs"}},
        "nixpkgs": {
            "locked": {"type": "github", "owner": "NixOS", "repo": "nixpkgs",
                       "rev": "a50de1b7d8a586adc18d2395c19de7d6058e6030", "lastModified": 1_796_300_000,
                       "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
            "original": {"type": "github", "owner": "NixOS", "repo": "nixpkgs", "ref": "nixos-26.05"}
        }
    }});
    let path = std::env::temp_dir().join(format!(
        "lockscope-online-{}-{name}.lock",
        std::process::id()
    ));
    std::fs::write(&path, lock.to_string()).unwrap();
    path
}

/// `lockscope check --online --format json` with LOCKSCOPE_PROMETHEUS at `base`, and no proxy.
fn check_online(base: &str, name: &str) -> (Output, Value, Duration) {
    let lock = lock_file(name);
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_lockscope"))
        .args(["check", "--online", "--format", "json", "--now", NOW])
        .arg(&lock)
        .env("LOCKSCOPE_PROMETHEUS", base)
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("https_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .output()
        .expect("lockscope runs");
    let took = started.elapsed();
    let _ = std::fs::remove_file(lock);
    let doc = serde_json::from_slice(&output.stdout).expect("JSON on stdout, whatever the answer");
    (output, doc, took)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_live_answer_decides_and_says_so() {
    if !lockscope_fixtures::loopback("online::a_live_answer_decides_and_says_so") {
        return;
    }
    let (base, request) = serve(Reply::Status(200, ANSWER.into()));
    let (output, doc, _) = check_online(&base, "success");
    assert_eq!(
        request
            .recv_timeout(Duration::from_secs(30))
            .expect("the request"),
        "GET /api/v1/query?query=channel_revision HTTP/1.1"
    );
    assert_eq!(stderr(&output), "");
    let nixpkgs = &doc["nixpkgs"][0];
    assert_eq!(nixpkgs["branch_status"], "unmaintained");
    assert_eq!(nixpkgs["status_source"], "live");
    let from = nixpkgs["status_from"].as_str().unwrap();
    assert!(
        from.starts_with("live from status.nixos.org, ") && from.ends_with(" UTC"),
        "{from}"
    );
    assert_eq!(doc["status_sources"][0], from);
    // Unmaintained is an error: the run fails.
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(doc["findings"][0]["code"], "nixpkgs-unsupported-branch");
}

/// Each failure leaves the verdict to the bundled table (and the calendar), in one line.
fn falls_back(reply: Reply, name: &str, why: &str) -> Duration {
    let (base, _request) = serve(reply);
    let (output, doc, took) = check_online(&base, name);
    let line = stderr(&output);
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(
        line.starts_with(&format!(
            "lockscope: no live branch statuses from {base}/api/v1/query?query=channel_revision: {why}"
        )) && line.trim_end().ends_with(
            "; using the bundled table of 2026-08-08 and the NixOS release calendar"
        ),
        "{line}"
    );
    // On 2026-12-06 the calendar knows 26.11 is out: 26.05 is deprecated, still supported.
    let nixpkgs = &doc["nixpkgs"][0];
    assert_eq!(nixpkgs["branch_status"], "deprecated", "{name}");
    assert_eq!(nixpkgs["status_source"], "calendar", "{name}");
    assert_eq!(doc["status_sources"][0], "bundled table of 2026-08-08");
    assert_eq!(output.status.code(), Some(0), "{name}");
    took
}

#[test]
fn a_broken_answer_falls_back() {
    if !lockscope_fixtures::loopback("online::a_broken_answer_falls_back") {
        return;
    }
    falls_back(
        Reply::Status(200, "<html>502 Bad Gateway</html>".into()),
        "malformed",
        "the answer is not JSON: expected value at line 1, column 1",
    );
    falls_back(
        Reply::Status(
            200,
            r#"{"status":"success","data":{"resultType":"vector","result":[]}}"#.into(),
        ),
        "empty",
        "the answer lists no channel",
    );
}

#[test]
fn an_error_status_falls_back() {
    if !lockscope_fixtures::loopback("online::an_error_status_falls_back") {
        return;
    }
    falls_back(
        Reply::Status(500, "oops".into()),
        "500",
        "it answered HTTP 500",
    );
}

#[test]
fn a_huge_answer_is_cut_off() {
    if !lockscope_fixtures::loopback("online::a_huge_answer_is_cut_off") {
        return;
    }
    falls_back(
        Reply::Huge(4 << 20),
        "huge",
        "the answer is over 1048576 bytes",
    );
}

#[test]
fn a_slow_answer_is_given_up_after_5_seconds() {
    if !lockscope_fixtures::loopback("online::a_slow_answer_is_given_up_after_5_seconds") {
        return;
    }
    let took = falls_back(
        Reply::Slow(Duration::from_secs(9)),
        "slow",
        "no answer within 5 s",
    );
    assert!(
        took >= Duration::from_secs(5) && took < Duration::from_secs(8),
        "{took:?}"
    );
}

#[test]
fn nobody_listening_falls_back() {
    if !lockscope_fixtures::loopback("online::nobody_listening_falls_back") {
        return;
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let (output, doc, _) = check_online(&base, "refused");
    assert!(
        stderr(&output).contains("Connection refused"),
        "{}",
        stderr(&output)
    );
    assert_eq!(doc["nixpkgs"][0]["status_source"], "calendar");
}

#[test]
fn without_online_nothing_is_asked() {
    if !lockscope_fixtures::loopback("online::without_online_nothing_is_asked") {
        return;
    }
    let (base, request) = serve(Reply::Status(200, ANSWER.into()));
    let lock = lock_file("offline");
    let output = Command::new(env!("CARGO_BIN_EXE_lockscope"))
        .args(["check", "--now", NOW])
        .arg(&lock)
        .env("LOCKSCOPE_PROMETHEUS", &base)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(lock);
    assert!(output.status.success());
    assert!(request.recv_timeout(Duration::from_millis(300)).is_err());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains(
            "Nixpkgs in this lock:\n  nixpkgs: nixos-26.05 (deprecated, NixOS release calendar)"
        ),
        "{text}"
    );
}
