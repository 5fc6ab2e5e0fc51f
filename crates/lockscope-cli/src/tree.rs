//! `lockscope tree`: the `Inputs:` section of `nix flake metadata`, byte for byte.

use std::io::Write;

use lockscope_core::tree;

use crate::input::{self, Host, LockArg};
use crate::{Error, Status};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    lock: LockArg,
}

pub fn run(args: Args, host: &mut dyn Host, out: &mut dyn Write) -> Result<Status, Error> {
    let lock = input::load(host, &args.lock.file)?;
    out.write_all(tree::render(&lock).as_bytes())?;
    Ok(Status::Success)
}
