//! The least any lock checker does, as a whole process for `scripts/bench-cli` to time beside
//! `lockscope` and flake-checker: read a flake.lock and parse it with serde_json (the parser
//! flake-checker uses), then print one line and nothing else. `--skim` only checks that the
//! file is JSON, building nothing. Same allocator and profile as `lockscope`.
//!   cargo run --profile cli --example parse_floor -- [--skim] FILE

use std::io::Write;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (skim, file) = match args.as_slice() {
        [flag, file] if flag == "--skim" => (true, file),
        [file] => (false, file),
        _ => return fail("usage: parse_floor [--skim] FILE"),
    };
    let text = match std::fs::read(file) {
        Ok(text) => text,
        Err(e) => return fail(&format!("{file}: {e}")),
    };
    let parsed = if skim {
        serde_json::from_slice::<serde::de::IgnoredAny>(&text).map(|_| "JSON".to_string())
    } else {
        serde_json::from_slice::<serde_json::Value>(&text)
            .map(|lock| format!("{} nodes", lock["nodes"].as_object().map_or(0, |n| n.len())))
    };
    match parsed {
        Ok(what) => {
            let _ = writeln!(std::io::stdout(), "{file}: {what}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("{file}: {e}")),
    }
}

fn fail(message: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "parse_floor: {message}");
    ExitCode::from(2)
}
