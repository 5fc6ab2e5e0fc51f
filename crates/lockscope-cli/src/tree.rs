//! `lockscope tree`: the `Inputs:` section of `nix flake metadata`, byte for byte.

use std::io::Write;

use lockscope_core::tree;

use crate::input::{self, Files, LockArg};
use crate::{Error, Status};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    lock: LockArg,
}

pub fn run(args: Args, files: &mut dyn Files, out: &mut dyn Write) -> Result<Status, Error> {
    let lock = input::load(files, &args.lock.file)?;
    out.write_all(tree::render(&lock).as_bytes())?;
    Ok(Status::Success)
}
