//! The `lockscope` binary these tests were built with.

use std::process::{Command, Output};

pub fn lockscope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lockscope"))
        .args(args)
        .output()
        .expect("lockscope runs")
}
