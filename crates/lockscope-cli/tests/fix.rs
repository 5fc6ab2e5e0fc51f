//! `lockscope fix` on flake.nix files of every shape (`tests/fix/<case>/flake.nix`, with the
//! lock `tests/fix/flake.lock`, whose duplicates need follows at two and three levels and a
//! new root input): the diff and the refused lines are the expected ones (`expected.diff`,
//! `expected.err`), `--write` writes exactly that diff, and a second run finds nothing to do.
//! Then Nix itself (nix-instantiate, offline) parses the file, and its `inputs` evaluate to
//! the old ones plus exactly the lines written; when every line was written, the lock as Nix
//! writes it after them has nothing left to suggest.

mod run;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use clap::Parser;
use lockscope_cli::input::InMemory;
use lockscope_cli::{Cli, Status};
use lockscope_core::dups::{self, Duplicates};
use lockscope_core::LockFile;
use run::{lockscope, lockscope_in};
use serde_json::{json, Value};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fix")
}

#[test]
fn every_shape_is_fixed_as_nix_reads_it() {
    let work = std::env::temp_dir().join(format!("lockscope-fix-{}", std::process::id()));
    let mut nix = lockscope_fixtures::nix_instantiate("fix::every_shape", &work).is_some();
    let lock_text = fs::read_to_string(cases_dir().join("flake.lock")).unwrap();
    let mut cases = 0;
    for entry in fs::read_dir(cases_dir()).unwrap() {
        let case = entry.unwrap().path();
        if case.is_dir() {
            let dir = work.join(case.file_name().unwrap());
            check_case(&case, &dir, &lock_text, &mut nix);
            cases += 1;
        }
    }
    fs::remove_dir_all(&work).unwrap();
    assert!(cases >= 9, "only {cases} cases");
}

/// Runs one case in `dir`, a copy of `case` with the lock.
fn check_case(case: &Path, dir: &Path, lock_text: &str, nix: &mut bool) {
    let name = case.file_name().unwrap().to_string_lossy().to_string();
    fs::create_dir_all(dir).unwrap();
    for file in fs::read_dir(case).unwrap() {
        let file = file.unwrap().path();
        fs::copy(&file, dir.join(file.file_name().unwrap())).unwrap();
    }
    fs::write(dir.join("flake.lock"), lock_text).unwrap();
    let expected = |file: &str| fs::read_to_string(case.join(file)).unwrap_or_default();
    let (want_diff, want_err) = (expected("expected.diff"), expected("expected.err"));
    let want_status = if want_err.is_empty() { 0 } else { 1 };
    let original = fs::read_to_string(dir.join("flake.nix")).unwrap();

    let shown = lockscope_in(dir, &["fix"]);
    assert_eq!(text(&shown.stdout), want_diff, "{name}: the diff");
    assert_eq!(text(&shown.stderr), want_err, "{name}: the refusals");
    assert_eq!(
        shown.status.code(),
        Some(want_status),
        "{name}: exit status"
    );

    let written = lockscope_in(dir, &["fix", "--write"]);
    assert_eq!(written.status.code(), Some(want_status), "{name}: --write");
    let fixed = fs::read_to_string(dir.join("flake.nix")).unwrap();
    assert_eq!(
        lockscope_core::fix::unified::diff("flake.nix", &original, &fixed),
        want_diff,
        "{name}: --write writes what the diff shows"
    );
    let again = lockscope_in(dir, &["fix", "--write"]);
    assert_eq!(
        fs::read_to_string(dir.join("flake.nix")).unwrap(),
        fixed,
        "{name}: twice"
    );
    assert_eq!(again.status.code(), Some(want_status), "{name}: twice");
    assert!(
        text(&lockscope_in(dir, &["fix"]).stdout).is_empty(),
        "{name}: nothing left"
    );

    if !*nix {
        return;
    }
    assert!(
        nix_instantiate(dir, &["--parse", "flake.nix"])
            .status
            .success(),
        "{name}: nix-instantiate --parse refuses the result"
    );
    // What the engine says it wrote, checked against what Nix evaluates.
    let lock = LockFile::parse(lock_text).unwrap();
    let found = dups::find(&lock);
    let report = lockscope_core::fix::apply(&original, &found.suggestions, &found.new_inputs)
        .expect("the editor takes every case");
    assert_eq!(report.text, fixed, "{name}: the engine and the CLI agree");
    let before = fs::write(dir.join("before.nix"), &original).map(|()| inputs(dir, "before.nix"));
    let mut want = normalised(before.unwrap());
    let written = Written::of(&found, &report.added);
    for (name, url) in &written.roots {
        want[name] = json!({ "url": url });
    }
    for (path, target) in &written.follows {
        let (input, parents) = path.split_last().unwrap();
        let mut at = &mut want;
        for parent in parents {
            at = &mut at[parent.as_str()]["inputs"];
        }
        at[input.as_str()]["follows"] = json!(target);
    }
    assert_eq!(
        normalised(inputs(dir, "flake.nix")),
        want,
        "{name}: Nix evaluates other inputs than the old ones plus the lines written"
    );
    if report.refused.is_empty() {
        assert_nothing_left(&name, lock_text, &found);
    }
}

/// The root inputs and follows lines of `found` that `added` names.
struct Written {
    roots: Vec<(String, String)>,
    follows: Vec<(Vec<String>, String)>,
}

impl Written {
    fn of(found: &Duplicates, added: &[String]) -> Written {
        let is_added = |line: &String| added.contains(line);
        Written {
            roots: found
                .new_inputs
                .iter()
                .filter(|n| is_added(&n.line))
                .map(|n| (n.name.clone(), n.url.clone()))
                .collect(),
            follows: found
                .suggestions
                .iter()
                .filter(|s| is_added(&s.line))
                .map(|s| (s.path.clone(), s.target.clone()))
                .collect(),
        }
    }
}

/// Every suggestion applied to the lock as Nix would write it leaves nothing to suggest.
fn assert_nothing_left(name: &str, lock_text: &str, found: &Duplicates) {
    let found_json = serde_json::to_value(found).unwrap();
    let after = lockscope_fixtures::with_follows(lock_text, &found_json).unwrap();
    let again = dups::find(&LockFile::parse(&after).unwrap());
    assert!(
        again.suggestions.is_empty() && again.new_inputs.is_empty(),
        "{name}: still suggests {:?}",
        again
            .suggestions
            .iter()
            .map(|s| &s.line)
            .collect::<Vec<_>>()
    );
}

/// `(import ./file).inputs`, evaluated strictly by Nix.
fn inputs(dir: &Path, file: &str) -> Value {
    let expr = format!("(import ./{file}).inputs");
    let out = nix_instantiate(dir, &["--eval", "--strict", "--json", "-E", &expr]);
    assert!(out.status.success(), "{file}: {}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// An input given as a bare string is the same as `{ url = ...; }`.
fn normalised(mut inputs: Value) -> Value {
    for (_, input) in inputs.as_object_mut().unwrap() {
        if let Value::String(url) = input {
            *input = json!({ "url": url });
        }
    }
    inputs
}

fn nix_instantiate(dir: &Path, args: &[&str]) -> Output {
    let state = dir.parent().unwrap();
    let mut nix: Command = lockscope_fixtures::nix_instantiate("fix", state).unwrap();
    nix.args(args).current_dir(dir).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `lockscope fix ARGS` in-process, on `flake.nix` and the cases' lock in memory: the
/// outcome, standard output and the files afterwards.
fn in_memory(flake_nix: &str, args: &[&str]) -> (Result<Status, String>, String, InMemory) {
    let lock = fs::read_to_string(cases_dir().join("flake.lock")).unwrap();
    let mut host = InMemory::default();
    host.0.insert("flake.lock".into(), lock);
    host.0.insert("flake.nix".into(), flake_nix.into());
    let cli = Cli::try_parse_from(["lockscope", "fix"].iter().chain(args)).unwrap();
    let mut out = Vec::new();
    let status = cli
        .command
        .run(&mut host, &mut out)
        .map_err(|e| e.to_string());
    (status, text(&out), host)
}

#[test]
fn bad_input_is_said_with_its_place() {
    let (status, out, _) = in_memory("{\n  inputs = {\n    x.url = ;\n}\n", &[]);
    assert_eq!(
        status,
        Err("flake.nix: not a Nix expression: unexpected ';' at line 3, column 13".into())
    );
    assert!(out.is_empty());
    let (status, _, _) = in_memory("[ ]", &[]);
    assert_eq!(
        status,
        Err(
            "flake.nix: a flake is an attribute set, and the expression at line 1, column 1 \
             is not one"
                .into()
        )
    );
    let out = lockscope(&["fix", "-", "--write"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "lockscope: <stdin>: --write needs a file, not standard input\n"
    );
    let out = lockscope(&["fix", "--only", "no-such-code"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn only_selects_lines_by_the_findings_of_check() {
    let flake = fs::read_to_string(cases_dir().join("dotted/flake.nix")).unwrap();
    let (_, all, _) = in_memory(&flake, &["--write"]);
    let (status, every, _) = in_memory(&flake, &["--write", "--only", "duplicate-source"]);
    assert_eq!((status, &every), (Ok(Status::Success), &all));
    // The copy of Nixpkgs of 2020 under hyprland/hyprlang is outdated; the others are not
    // (as long as the clock is past 2023-11-14 plus 30 days).
    let (status, old, host) = in_memory(&flake, &["--write", "--only", "nixpkgs-outdated"]);
    assert_eq!(status, Ok(Status::Success));
    assert!(
        old.contains("inputs.hyprland.inputs.hyprlang.inputs.nixpkgs.follows"),
        "{old}"
    );
    assert!(
        old.contains("inputs.hyprland.inputs.nixpkgs.follows"),
        "{old}"
    );
    assert!(
        !old.contains("systems"),
        "no line follows it, so it is not added: {old}"
    );
    assert!(host.0[Path::new("flake.nix")].contains("inputs.hyprland.inputs.nixpkgs.follows"));
    let (_, none, host) = in_memory(&flake, &["--write", "--only", "insecure-url"]);
    assert_eq!(none, "flake.nix: 0 lines written\n");
    assert_eq!(host.0[Path::new("flake.nix")], flake);
}
