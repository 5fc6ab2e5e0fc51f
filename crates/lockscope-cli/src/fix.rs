//! `lockscope fix`: writes the follows lines of `lockscope dups`, and the root inputs they
//! need, into flake.nix (the engine's `fix` editor): a unified diff on standard output, or
//! the file rewritten with `--write`. A line the editor refuses is one line on standard
//! error, with the input, the place and the reason; the others are written.

use std::io::Write;
use std::path::{Path, PathBuf};

use lockscope_core::dups::{self, Duplicates, FollowsSuggestion};
use lockscope_core::fix::{self, unified};
use lockscope_core::health::{self, CheckOptions, Problem};
use lockscope_core::text::count;
use lockscope_core::LockFile;

use crate::input::{self, Host};
use crate::terminal::{safe, safe_lines};
use crate::{unix_now, Error, Status};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The flake.nix to fix (`-`: standard input, for a diff only)
    #[arg(default_value = "flake.nix", value_name = "FLAKE_NIX")]
    flake: PathBuf,
    /// The lock whose duplicates to remove [default: flake.lock beside FLAKE_NIX]
    #[arg(long, value_name = "FILE")]
    lock: Option<PathBuf>,
    /// Rewrite flake.nix (a temporary file beside it, renamed over it) instead of printing the diff
    #[arg(long)]
    write: bool,
    /// Write only the lines that remove a copy `lockscope check` reports with one of these
    /// codes, comma-separated (see below)
    #[arg(long, value_delimiter = ',', value_name = "CODE",
          value_parser = clap::builder::PossibleValuesParser::new(health::CODES))]
    only: Vec<String>,
}

/// What `--only` selects, for `fix --help`.
pub const ONLY: &str = "\
--only CODE,... selects lines by the findings of `lockscope check` (with its defaults: the
bundled branch table, ages measured now). Every duplicated source is one `duplicate-source`
finding, so `--only duplicate-source` writes every line; a code about one copy writes the
lines that remove that copy: `--only nixpkgs-outdated,nixpkgs-unsupported-branch` replaces
only the old and unsupported Nixpkgs that other inputs bring. A root input is added only for
a line that follows it.

Exit status: 0 nothing to do, or every line written (or shown); 1 some lines refused (each
said on stderr: where in flake.nix and why; the others are written); 2 bad input or usage.";

pub fn run(args: Args, host: &mut dyn Host, out: &mut dyn Write) -> Result<Status, Error> {
    if args.write && args.flake == Path::new("-") {
        return Err(input::failure(&args.flake, "--write needs a file, not standard input").into());
    }
    let lock_path = args.lock.clone().unwrap_or_else(|| beside(&args.flake));
    let lock = input::load(host, &lock_path)?;
    let text = input::read(host, &args.flake)?;
    let found = dups::find(&lock);
    let chosen = chosen(&lock, &found, &args.only);
    let fixed = fix::apply(&text, &chosen, &found.new_inputs)
        .map_err(|e| input::failure(&args.flake, e))?;
    let name = input::display_name(&args.flake);
    for refusal in &fixed.refused {
        host.note(&safe(&format!(
            "lockscope: {name}:{}:{}: '{}' not written: {} ({})",
            refusal.line, refusal.column, refusal.input, refusal.reason, refusal.nix_line
        )));
    }
    if args.write {
        if fixed.text != text {
            host.write(&args.flake, &fixed.text)
                .map_err(|e| input::failure(&args.flake, e))?;
        }
        let mut report = format!("{name}: {} written", count(fixed.added.len(), "line"));
        report += &match fixed.present.len() {
            0 => String::new(),
            n => format!(", {} already there", count(n, "line")),
        };
        report += if fixed.added.is_empty() { "\n" } else { ":\n" };
        for line in &fixed.added {
            report += &format!("  {line}\n");
        }
        out.write_all(safe(&report).as_bytes())?;
    } else {
        out.write_all(safe_lines(&unified::diff(&name, &text, &fixed.text)).as_bytes())?;
    }
    Ok(if fixed.refused.is_empty() {
        Status::Success
    } else {
        Status::LinesRefused
    })
}

/// `flake.lock` in the directory of `flake` (standard input: the current directory).
fn beside(flake: &Path) -> PathBuf {
    match flake.parent() {
        Some(dir) if flake != Path::new("-") => dir.join("flake.lock"),
        _ => PathBuf::from("flake.lock"),
    }
}

/// The suggestions `--only` selects: all of them without it.
fn chosen(lock: &LockFile, found: &Duplicates, only: &[String]) -> Vec<FollowsSuggestion> {
    if only.is_empty() {
        return found.suggestions.clone();
    }
    let report = health::check_with(lock, &CheckOptions::new(unix_now()), found);
    let selects = |s: &FollowsSuggestion| {
        report.findings.iter().any(|f| {
            let about_it = match &f.problem {
                Problem::DuplicateSource { source, .. } => *source == s.source,
                _ => f.node.as_deref() == Some(s.node.as_str()),
            };
            about_it && only.iter().any(|code| code == f.problem.code())
        })
    };
    found
        .suggestions
        .iter()
        .filter(|s| selects(s))
        .cloned()
        .collect()
}
