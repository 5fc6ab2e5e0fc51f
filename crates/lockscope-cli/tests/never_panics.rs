//! The cases that once aborted `lockscope` (exit 134) and their kin: a reader that closes the
//! pipe early, output that cannot be written, and revisions that are not ASCII, in every
//! command and format.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use clap::Parser;
use lockscope_cli::input::InMemory;
use lockscope_cli::{Cli, Status, EVERY_OUTPUT};
use lockscope_core::text::short_rev;

/// A lock with `inputs` root inputs from GitHub, each at revision `rev`.
fn lock_with(inputs: usize, rev: &str) -> String {
    let mut nodes = Vec::new();
    let mut root_inputs = Vec::new();
    for i in 0..inputs {
        root_inputs.push(format!("\"input-{i}\": \"input-{i}\""));
        nodes.push(format!(
            r#""input-{i}": {{
              "locked": {{"lastModified": 1700000000, "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                          "owner": "owner-{i}", "repo": "repo", "rev": "{rev}", "type": "github"}},
              "original": {{"owner": "owner-{i}", "repo": "repo", "type": "github"}}
            }}"#
        ));
    }
    nodes.push(format!(
        r#""root": {{"inputs": {{{}}}}}"#,
        root_inputs.join(", ")
    ));
    format!(
        r#"{{"nodes": {{{}}}, "root": "root", "version": 7}}"#,
        nodes.join(",\n")
    )
}

/// A lock written to a file of this test run.
fn lock_file(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("never_panics");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("lock written");
    path
}

#[test]
fn a_reader_that_stops_after_two_lines_ends_lockscope_with_status_0() {
    // 4,000 inputs: a tree of about 600 KB, far more than a pipe holds, so lockscope is still
    // writing when the reader goes away (`lockscope tree big.lock | head -2`).
    let big = lock_file(
        "big.lock",
        &lock_with(4000, "0123456789abcdef0123456789abcdef01234567"),
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_lockscope"))
        .arg("tree")
        .arg(&big)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("lockscope starts");
    let mut reader = BufReader::new(child.stdout.take().expect("stdout piped"));
    let mut first = String::new();
    let mut second = String::new();
    reader.read_line(&mut first).expect("first line");
    reader.read_line(&mut second).expect("second line");
    assert_eq!(first, "Inputs:\n");
    assert!(
        second.starts_with("├───input-0: github:owner-0/repo/"),
        "{second}"
    );
    drop(reader);
    let out = child.wait_with_output().expect("lockscope ends");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_is_an_error_with_status_2() {
    let lock = lock_file("full.lock", &lock_with(3, "0123456789abcdef"));
    let full = std::fs::File::create("/dev/full").expect("/dev/full");
    let out = Command::new(env!("CARGO_BIN_EXE_lockscope"))
        .arg("tree")
        .arg(&lock)
        .stdout(full)
        .output()
        .expect("lockscope runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("lockscope: <stdout>: No space left on device"),
        "{stderr}"
    );
}

#[test]
fn show_prints_a_revision_that_is_not_ascii() {
    // 17 bytes: cutting it to 12 bytes splits an `é`; the revision is shorter than the 12
    // characters shown, so it is printed whole.
    let rev = "aéééééééé";
    let lock = lock_file("accents.lock", &lock_with(2, rev));
    let out = Command::new(env!("CARGO_BIN_EXE_lockscope"))
        .arg("show")
        .arg(&lock)
        .output()
        .expect("lockscope runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(table.lines().count(), 3, "{table}");
    for line in table.lines().skip(1) {
        assert!(line.contains(&format!("  {rev}  ")), "{line}");
    }
}

#[test]
fn every_command_and_format_takes_revisions_of_any_characters() {
    let long = "🦀é".repeat(20);
    for (old_rev, new_rev) in [("aéééééééé", "bééééééééééééé"), ("0123456789ab", &long)]
    {
        // Two inputs with one source: `dups` reports them and `check` finds them.
        let same_source = |text: String| text.replace("owner-1", "owner-0");
        let files = [
            ("old.lock", same_source(lock_with(3, old_rev))),
            ("flake.lock", same_source(lock_with(2, new_rev))),
        ];
        for args in EVERY_OUTPUT {
            let cli = Cli::try_parse_from(std::iter::once("lockscope").chain(args.iter().copied()))
                .expect("valid arguments");
            let mut files = InMemory(files.iter().map(|(p, t)| (p.into(), t.clone())).collect());
            let mut out = Vec::new();
            let status = cli.command.run(&mut files, &mut out);
            assert!(
                matches!(status, Ok(Status::Success | Status::CheckFailed)),
                "{args:?}: {status:?}"
            );
            let text = String::from_utf8(out).expect("UTF-8 output");
            // JSON holds the whole revision; tables show its first 12 characters; `tree` and
            // `diff` print it percent-encoded in the flake reference, as Nix does.
            let shown = match *args {
                ["check", ..] => None,
                [.., "--json"] => Some(new_rev),
                ["show" | "dups"] | ["diff", .., "markdown"] => Some(short_rev(new_rev)),
                _ => None,
            };
            if let Some(shown) = shown {
                assert!(text.contains(shown), "{args:?}: {text}");
            }
        }
    }
}
