//! The `lockscope` binary: parses the command line, runs the command into buffered standard
//! output, and turns the outcome into the exit status (0, 1, 2; a closed pipe is 0).

// Output goes to the one writer below, errors through `writeln!` (see src/lib.rs).
#![deny(clippy::print_stdout, clippy::print_stderr)]

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use lockscope_cli::input::System;
use lockscope_cli::{Cli, Error};

/// The engine allocates many small strings and vectors: mimalloc makes `check` on a big lock
/// take a fifth fewer instructions than with the system allocator (133 M -> 105 M).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let command = Cli::parse().command;
    let mut out = BufWriter::new(io::stdout().lock());
    let outcome = command
        .run(&mut System, &mut out)
        .and_then(|status| out.flush().map(|()| status).map_err(Error::Output));
    match outcome {
        Ok(status) => ExitCode::from(status.exit_code()),
        // Rust ignores SIGPIPE, so a reader that went away shows up as this error where a C
        // program would have been killed by the signal; ripgrep ends with 0 there, as here.
        Err(e) if e.is_closed_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            // Standard error itself may be closed: nothing is left to tell, the status says it.
            let _ = writeln!(io::stderr(), "lockscope: {e}");
            ExitCode::from(2)
        }
    }
}
