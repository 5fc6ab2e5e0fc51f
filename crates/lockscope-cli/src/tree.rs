//! `lockscope tree`: the `Inputs:` section of `nix flake metadata`, byte for byte.

use std::process::ExitCode;

use lockscope_core::tree;

use crate::input::{self, LockArg};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    lock: LockArg,
}

pub fn run(args: Args) -> ExitCode {
    match input::load(&args.lock.file) {
        Ok(lock) => {
            print!("{}", tree::render(&lock));
            ExitCode::SUCCESS
        }
        Err(failure) => failure.report(),
    }
}
