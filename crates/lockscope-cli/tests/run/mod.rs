//! The `lockscope` binary these tests were built with.

use std::path::Path;
use std::process::{Command, Output};

pub fn lockscope(args: &[&str]) -> Output {
    lockscope_in(Path::new("."), args)
}

/// `lockscope` run in the directory `dir`, where its default files are.
pub fn lockscope_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lockscope"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("lockscope runs")
}
