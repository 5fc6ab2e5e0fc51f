//! `lockscope check`: flake-checker's Nixpkgs checks and Lockscope's own, as text, as a
//! Markdown job summary, or as JSON; exits 1 when a finding reaches `--fail-on`.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;
use lockscope_core::health::{self, BranchTable, CheckOptions, Finding, Level, Report};
use lockscope_core::report::{self, counts, footer, location, nixpkgs_summary};
use lockscope_core::text::count;

use crate::input::{self, Host, LockArg};
use crate::live;
use crate::terminal::safe;
use crate::{unix_now, write_json, Error, Status};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    lock: LockArg,
    /// Output format; markdown suits a GitHub job summary ($GITHUB_STEP_SUMMARY)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit with status 1 when a finding (not allowed by --allow) is at least this severe
    #[arg(long, value_enum, default_value_t = Threshold::Error, value_name = "LEVEL")]
    fail_on: Threshold,
    /// Accept findings with these codes: still reported, never failing the run
    #[arg(long, value_delimiter = ',', value_name = "CODE",
          value_parser = clap::builder::PossibleValuesParser::new(health::CODES))]
    allow: Vec<String>,
    /// Check only these root inputs as Nixpkgs, comma-separated (follows are resolved), as
    /// flake-checker does; by default every Nixpkgs in the lock is found by its source
    #[arg(long, value_delimiter = ',', value_name = "KEYS")]
    nixpkgs_keys: Option<Vec<String>>,
    /// Nixpkgs older than this many days is outdated
    #[arg(long, default_value_t = health::DEFAULT_MAX_AGE_DAYS, value_name = "DAYS")]
    max_age: u64,
    /// A root input (other than Nixpkgs) older than this many days is reported, as information
    #[arg(long, default_value_t = health::DEFAULT_INPUT_MAX_AGE_DAYS, value_name = "DAYS")]
    input_max_age: u64,
    /// Measure ages at this time (Unix seconds) instead of now
    #[arg(long, value_name = "SECS")]
    now: Option<i64>,
    /// NixOS branch statuses to use instead of the bundled table: {"taken": "YYYY-MM-DD",
    /// "statuses": {branch: status}}, or flake-checker's ref-statuses.json
    #[arg(long, value_name = "FILE")]
    branches: Option<PathBuf>,
    /// Ask status.nixos.org for today's branch statuses first ($LOCKSCOPE_PROMETHEUS, default
    /// <https://prometheus.nixos.org>; 5 s at most)
    #[arg(long)]
    online: bool,
}

/// Where branch statuses come from, for `check --help`.
pub const SOURCES_OF_TRUTH: &str = "\
Whether the branch a Nixpkgs follows still gets fixes comes from the best source at hand,
and every verdict names it:
  1. live: with --online, status.nixos.org's Prometheus ($LOCKSCOPE_PROMETHEUS, default
     https://prometheus.nixos.org), asked once; an answer that is slow (over 5 s), refused,
     broken, huge or lists no branch leaves the verdicts to the next sources, said in one
     line on stderr;
  2. a table: --branches FILE, or the one bundled with this lockscope (flake-checker's
     ref-statuses.json of 2026-08-08);
  3. the NixOS release calendar at --now: for the release branches the table does not list
     (nixos-YY.MM[-small], nixpkgs-YY.MM-darwin, release-YY.MM), and for a release that has
     moved on since the table was taken. A release is beta until the end of May or November
     (\"not yet released\", a note), stable until the next release, deprecated until the end
     of the month after it, then unmaintained (an error).
Without --online nothing is fetched: CI runs stay deterministic.";

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Threshold {
    Error,
    Warning,
    Info,
}

impl From<Threshold> for Level {
    fn from(t: Threshold) -> Level {
        match t {
            Threshold::Error => Level::Error,
            Threshold::Warning => Level::Warning,
            Threshold::Info => Level::Info,
        }
    }
}

pub fn run(args: Args, host: &mut dyn Host, out: &mut dyn Write) -> Result<Status, Error> {
    let lock = input::load(host, &args.lock.file)?;
    let table = match &args.branches {
        None => BranchTable::bundled().clone(),
        Some(path) => BranchTable::from_json(&input::read(host, path)?)
            .map_err(|e| input::failure(path, e))?,
    };
    let clock = unix_now();
    let live = match args.online.then(|| host.live_statuses(clock)) {
        Some(Ok(live)) => Some(live),
        Some(Err(why)) => {
            host.note(&format!(
                "lockscope: no live branch statuses from {}: {why}; using the {} and the NixOS \
                 release calendar",
                live::query_url(),
                table.described()
            ));
            None
        }
        None => None,
    };
    let options = CheckOptions {
        now: args.now.unwrap_or(clock),
        nixpkgs_keys: args.nixpkgs_keys.clone(),
        max_age_days: args.max_age,
        input_max_age_days: args.input_max_age,
        live: live.as_ref(),
        branches: &table,
    };
    let report = health::check(&lock, &options);
    let verdict = Verdict {
        fail_on: args.fail_on.into(),
        allow: &args.allow,
    };
    let file = input::display_name(&args.lock.file);
    match args.format {
        Format::Text => out.write_all(safe(&text(&file, &report, &verdict)).as_bytes())?,
        Format::Markdown => out.write_all(markdown(&file, &report, &verdict).as_bytes())?,
        Format::Json => write_json(
            out,
            &JsonReport {
                report: &report,
                fail_on: verdict.fail_on.as_str(),
                allowed: verdict.allow,
                failed: verdict.fails(&report),
            },
        )?,
    }
    Ok(if verdict.fails(&report) {
        Status::CheckFailed
    } else {
        Status::Success
    })
}

/// `check --format json`: the engine's report and the verdict beside its fields.
#[derive(serde::Serialize)]
struct JsonReport<'a> {
    #[serde(flatten)]
    report: &'a Report,
    fail_on: &'static str,
    allowed: &'a [String],
    failed: bool,
}

/// Which findings fail the run.
struct Verdict<'a> {
    fail_on: Level,
    allow: &'a [String],
}

impl Verdict<'_> {
    fn allowed(&self, finding: &Finding) -> bool {
        self.allow.iter().any(|code| code == finding.problem.code())
    }

    fn failing<'r>(&self, report: &'r Report) -> Vec<&'r Finding> {
        report
            .findings
            .iter()
            .filter(|f| f.level >= self.fail_on && !self.allowed(f))
            .collect()
    }

    fn fails(&self, report: &Report) -> bool {
        !self.failing(report).is_empty()
    }
}

fn text(file: &str, report: &Report, verdict: &Verdict) -> String {
    // Written straight into the one string (`write!` to a String cannot fail): a big lock has
    // hundreds of findings, each a `format!` of its own otherwise.
    let mut out = String::new();
    let _ = writeln!(out, "{file}: {}", counts(report));
    for finding in &report.findings {
        let allowed = if verdict.allowed(finding) {
            " (allowed)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "\n{:<7}  {}{allowed}  {}\n  {}",
            finding.level.as_str(),
            finding.problem.code(),
            location(finding),
            finding.message
        );
        if let Some(action) = &finding.action {
            let _ = writeln!(out, "  → {action}");
        }
    }
    if !report.nixpkgs.is_empty() {
        out += "\nNixpkgs in this lock:\n";
    }
    for nixpkgs in &report.nixpkgs {
        let [paths, branch, age, source] = nixpkgs_summary(nixpkgs);
        let _ = writeln!(out, "  {paths}: {branch}; {age}; {source}");
    }
    let _ = writeln!(out, "\n{}", footer(report));
    let failing = verdict.failing(report).len();
    if failing > 0 {
        let _ = writeln!(
            out,
            "{} at or above '{}': failing.",
            count(failing, "finding"),
            verdict.fail_on.as_str()
        );
    }
    out
}

fn markdown(file: &str, report: &Report, verdict: &Verdict) -> String {
    report::markdown(
        file,
        report,
        &|finding| verdict.allowed(finding),
        verdict.fails(report),
    )
}
