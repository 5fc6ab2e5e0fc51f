//! `lockscope check`: flake-checker's Nixpkgs checks and Lockscope's own, as text, as a
//! Markdown job summary, or as JSON; exits 1 when a finding reaches `--fail-on`.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;
use lockscope_core::health::{self, BranchTable, CheckOptions, Finding, Level, Report};
use lockscope_core::text::{count, short_rev};
use lockscope_core::time::{utc_date, utc_datetime};

use crate::input::{self, Host, LockArg};
use crate::live;
use crate::markdown::md_text;
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

fn counts(report: &Report) -> String {
    let parts: Vec<String> = [
        (Level::Error, "error"),
        (Level::Warning, "warning"),
        (Level::Info, "note"),
    ]
    .into_iter()
    .filter_map(|(level, word)| {
        let n = report.count(level);
        (n > 0).then(|| count(n, word))
    })
    .collect();
    if parts.is_empty() {
        "no findings".into()
    } else {
        parts.join(", ")
    }
}

fn footer(report: &Report) -> String {
    format!(
        "Branch statuses from: {}; ages measured at {} UTC.",
        report.status_sources.join(", then "),
        utc_datetime(report.now)
    )
}

/// Paths, branch with its status and source, age, and source of a Nixpkgs node.
fn nixpkgs_summary(nixpkgs: &health::NixpkgsNode) -> [String; 4] {
    let v = &nixpkgs.verdict;
    let branch = match (&nixpkgs.branch, &v.from) {
        (Some(b), Some(from)) => format!("{b} ({}, {from})", v.status.as_str()),
        (Some(b), None) => format!("{b} (unknown)"),
        (None, _) => "no branch".into(),
    };
    let age = match (nixpkgs.last_modified, nixpkgs.days_old) {
        (Some(t), Some(days)) => format!(
            "{}, {}",
            utc_date(t as i64),
            count(days.max(0) as usize, "day")
        ),
        _ => "-".into(),
    };
    let mut source = nixpkgs.repository.clone().unwrap_or_else(|| "-".into());
    if let Some(release) = &nixpkgs.channel_release {
        source += &format!(" (channel release {release})");
    }
    if let Some(rev) = &nixpkgs.rev {
        source += &format!(" at {}", short_rev(rev));
    }
    [nixpkgs.paths.join(", "), branch, age, source]
}

fn text(file: &str, report: &Report, verdict: &Verdict) -> String {
    let mut out = format!("{file}: {}\n", counts(report));
    for finding in &report.findings {
        let allowed = if verdict.allowed(finding) {
            " (allowed)"
        } else {
            ""
        };
        out += &format!(
            "\n{:<7}  {}{allowed}  {}\n  {}\n",
            finding.level.as_str(),
            finding.problem.code(),
            location(finding),
            finding.message
        );
    }
    if !report.nixpkgs.is_empty() {
        out += "\nNixpkgs in this lock:\n";
    }
    for nixpkgs in &report.nixpkgs {
        let [paths, branch, age, source] = nixpkgs_summary(nixpkgs);
        out += &format!("  {paths}: {branch}; {age}; {source}\n");
    }
    out += &format!("\n{}\n", footer(report));
    let failing = verdict.failing(report).len();
    if failing > 0 {
        out += &format!(
            "{} at or above '{}': failing.\n",
            count(failing, "finding"),
            verdict.fail_on.as_str()
        );
    }
    out
}

/// The input path, or the node for a finding no input reaches.
fn location(finding: &Finding) -> String {
    match (finding.path.is_empty(), &finding.node) {
        (false, _) => finding.path.join("/"),
        (true, Some(node)) => format!("node {node}"),
        (true, None) => String::new(),
    }
}

fn markdown(file: &str, report: &Report, verdict: &Verdict) -> String {
    let icon = match (verdict.fails(report), report.worst()) {
        (true, _) => "❌",
        (false, None) => "✅",
        (false, Some(_)) => "☑️",
    };
    let mut out = format!(
        "## {icon} Lockscope: {}\n\n{}\n",
        md_text(file),
        md_text(&counts(report))
    );
    if !report.nixpkgs.is_empty() {
        out += "\n### Nixpkgs in this lock\n\n| Input paths | Branch (status, source) | Last modified | Source |\n|---|---|---|---|\n";
        for input in &report.nixpkgs {
            out += &format!(
                "| {} |\n",
                nixpkgs_summary(input).map(|c| md_text(&c)).join(" | ")
            );
        }
    }
    let (notes, problems): (Vec<&Finding>, Vec<&Finding>) =
        report.findings.iter().partition(|f| f.level == Level::Info);
    out += &md_table(&problems, verdict);
    // Notes are many and rarely urgent: folded, so the problems stay in view.
    if !notes.is_empty() {
        out += &format!("\n<details><summary>{} notes</summary>\n", notes.len());
        out += &md_table(&notes, verdict);
        out += "\n</details>\n";
    }
    out += &format!("\n<sub>{}</sub>\n", md_text(&footer(report)));
    out
}

fn md_table(findings: &[&Finding], verdict: &Verdict) -> String {
    if findings.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n| Level | Code | Input | Finding |\n|---|---|---|---|\n");
    for finding in findings {
        let level = match finding.level {
            Level::Error => "❌ error",
            Level::Warning => "⚠️ warning",
            Level::Info => "ℹ️ info",
        };
        let allowed = if verdict.allowed(finding) {
            " (allowed)"
        } else {
            ""
        };
        out += &format!(
            "| {level}{allowed} | `{}` | {} | {} |\n",
            finding.problem.code(),
            md_text(&location(finding)),
            md_text(&finding.message)
        );
    }
    out
}
