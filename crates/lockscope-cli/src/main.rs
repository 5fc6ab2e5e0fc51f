//! `lockscope`: look inside a Nix flake.lock from the command line and in CI.

mod check;
mod diff;
mod dups;
mod http;
mod input;
mod live;
mod markdown;
mod show;
mod terminal;
mod tree;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
  lockscope check --fail-on warning --format markdown >> \"$GITHUB_STEP_SUMMARY\"
  lockscope check --online            with today's branch statuses from status.nixos.org

Exit status: 0 success, 1 a check failed (see `check --fail-on`), 2 bad input or usage."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the input tree exactly as `nix flake metadata` does
    Tree(tree::Args),
    /// List every input: type, source, revision, date, node
    Show(show::Args),
    /// Show what changed between two locks, as Nix reports it
    Diff(diff::Args),
    /// List sources locked more than once, with the follows lines that remove the copies
    Dups(dups::Args),
    /// Check the lock's health: every Nixpkgs's branch, age and owner (as flake-checker), then every input
    #[command(after_help = check::SOURCES_OF_TRUTH)]
    Check(check::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Tree(args) => tree::run(args),
        Command::Show(args) => show::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Dups(args) => dups::run(args),
        Command::Check(args) => check::run(args),
    }
}
