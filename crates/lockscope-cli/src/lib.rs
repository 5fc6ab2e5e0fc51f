//! `lockscope` as a library: the command line (clap) and every command, each writing into
//! one `&mut dyn Write`, so that the binary, the tests and the fuzz targets run the same code
//! in-process. Nothing here prints: `src/main.rs` owns standard output and standard error.

// A print macro panics when the reader of standard output is gone; all output goes through
// the writer a command is given. Text from a lock is any Unicode: a byte slice can cut a
// character and panic, so strings are cut by characters or with `get`.
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::string_slice)]

pub mod check;
pub mod diff;
pub mod dups;
pub mod fix;
mod forges;
pub mod graph;
pub mod http;
pub mod input;
pub mod live;
pub mod outdated;
pub mod show;
mod terminal;
pub mod tree;

use std::fmt;
use std::io::{self, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use clap::{Parser, Subcommand};
use input::Host;

#[derive(Parser, Debug)]
#[command(
    name = "lockscope",
    version,
    about = "Look inside a Nix flake.lock: its input tree as Nix prints it, every input's \
             source and age, duplicates with the follows lines that remove them, health \
             checks, and what changed between two locks.",
    after_help = "Examples:
  lockscope tree                      the `Inputs:` tree of ./flake.lock, as `nix flake metadata` prints it
  lockscope show --json flake.lock    every input, resolved, as JSON
  lockscope diff old.lock flake.lock  what changed, as `nix flake update` reports it
  git show HEAD~1:flake.lock | lockscope diff - flake.lock
  lockscope dups                      duplicated sources and the follows lines that remove them
  lockscope fix --write               write those follows lines into ./flake.nix
  lockscope check --fail-on warning --format markdown >> \"$GITHUB_STEP_SUMMARY\"
  lockscope check --online            with today's branch statuses from status.nixos.org
  lockscope outdated                  how many commits each input is behind its branch (asks the forges)
  lockscope graph | dot -Tsvg > graph.svg      the dependency graph (--format mermaid for GitHub)

Exit status: 0 success, 1 a check failed (see `check --fail-on`) or `fix` refused a line, 2 bad
input or usage."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print the input tree exactly as `nix flake metadata` does
    Tree(tree::Args),
    /// List every input: type, source, revision, date, node
    Show(show::Args),
    /// Show what changed between two locks, as Nix reports it
    Diff(diff::Args),
    /// List sources locked more than once, with the follows lines that remove the copies
    Dups(dups::Args),
    /// Write the follows lines of `dups` into flake.nix: a diff, or the file with --write
    #[command(after_help = fix::ONLY)]
    Fix(fix::Args),
    /// Check the lock's health: every Nixpkgs's branch, age and owner (as flake-checker), then every input
    #[command(after_help = check::SOURCES_OF_TRUTH)]
    Check(check::Args),
    /// Print the dependency graph as Graphviz DOT or Mermaid
    Graph(graph::Args),
    /// Ask each input's forge how far the locked revision is behind its branch
    #[command(after_help = outdated::APIS)]
    Outdated(outdated::Args),
}

impl Command {
    /// Runs the command on the files it names, read from `files`, writing into `out`.
    pub fn run(self, host: &mut dyn Host, out: &mut dyn Write) -> Result<Status, Error> {
        match self {
            Command::Tree(args) => tree::run(args, host, out),
            Command::Show(args) => show::run(args, host, out),
            Command::Diff(args) => diff::run(args, host, out),
            Command::Dups(args) => dups::run(args, host, out),
            Command::Fix(args) => fix::run(args, host, out),
            Command::Check(args) => check::run(args, host, out),
            Command::Graph(args) => graph::run(args, host, out),
            Command::Outdated(args) => outdated::run(args, host, out),
        }
    }
}

/// Every command in every output format, as the arguments after `lockscope`: on
/// `flake.lock`, and `diff` from `old.lock` to it; ages at a fixed time. What the tests and
/// the fuzz targets run in-process (with [`input::InMemory`]) on a lock they made.
pub const EVERY_OUTPUT: [&[&str]; 18] = [
    &["tree"],
    &["show"],
    &["show", "--json"],
    &["dups"],
    &["dups", "--json"],
    &["check", "--now", "1767225600", "--fail-on", "info"],
    &["check", "--now", "1767225600", "--format", "markdown"],
    &["check", "--now", "1767225600", "--format", "json"],
    &["diff", "old.lock", "flake.lock"],
    &["diff", "old.lock", "flake.lock", "--format", "markdown"],
    &["diff", "old.lock", "flake.lock", "--json"],
    &["graph"],
    &["graph", "--by-source"],
    &["graph", "--format", "mermaid"],
    &["graph", "--format", "mermaid", "--by-source"],
    // In memory nothing is online: each input says it could not be asked.
    &["outdated"],
    &["outdated", "--format", "markdown"],
    &["outdated", "--format", "json"],
];

/// How a command that did its work ended: the exit statuses 0 and 1 of the README.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Success,
    /// `check` found something at or above `--fail-on`.
    CheckFailed,
    /// `fix` could not write some lines (and wrote the others).
    LinesRefused,
}

impl Status {
    pub fn exit_code(self) -> u8 {
        match self {
            Status::Success => 0,
            Status::CheckFailed | Status::LinesRefused => 1,
        }
    }
}

/// Why a command stopped: a lock (or another file) that cannot be read, or output that
/// cannot be written. The binary decides what each means for the exit status.
#[derive(Debug)]
pub enum Error {
    Input(input::Failure),
    Output(io::Error),
}

impl Error {
    /// The reader of the output went away (`lockscope tree | head -2`): as for any Unix
    /// filter, that ends the program quietly and successfully.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Error::Input(failure) => write!(f, "{}: {}", failure.file, failure.message),
            Error::Output(e) => write!(f, "<stdout>: {e}"),
        }
    }
}

impl From<input::Failure> for Error {
    fn from(failure: input::Failure) -> Error {
        Error::Input(failure)
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error::Output(e)
    }
}

/// The clock, in Unix seconds, for ages measured now.
fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// `value` as pretty JSON and a newline: every `--json` and `--format json` output.
fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
    // Written into memory first, then in one piece: serde_json writes every quote, key and
    // indent on its own, and each write through `dyn Write` and a BufWriter costs more than
    // the byte it writes. Serialising our own types cannot fail.
    let mut json = serde_json::to_vec_pretty(value).map_err(io::Error::other)?;
    json.push(b'\n');
    // A write error comes back as the io::Error it was (its kind kept), so a closed pipe
    // is still seen as one.
    out.write_all(&json)
}
