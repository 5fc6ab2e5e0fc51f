//! `lockscope diff OLD NEW`: what changed, exactly as Nix reports a lock file update.

use std::path::PathBuf;
use std::process::ExitCode;

use lockscope_core::diff;

use crate::input;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The lock before the change (`-`: standard input)
    old: PathBuf,
    /// The lock after the change
    new: PathBuf,
    /// Print the changes as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> ExitCode {
    let (old, new) = match (input::load(&args.old), input::load(&args.new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(failure), _) | (_, Err(failure)) => return failure.report(),
    };
    let changes = diff::changes(&old, &new);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&changes).expect("changes serialise")
        );
    } else {
        print!("{}", diff::render(&changes));
    }
    ExitCode::SUCCESS
}
