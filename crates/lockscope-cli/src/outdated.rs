//! `lockscope outdated`: what `nix flake update` would bring, input by input (commits behind
//! the branch, the new head and its date, the compare link, or why nothing can be known), as
//! text, a Markdown job summary or JSON; exits 1 when `--fail-if-behind` is exceeded.

use std::io::Write;

use clap::ValueEnum;
use lockscope_core::outdated::{self, Answer, Outcome, Quota, Session, Status as Standing};
use lockscope_core::text::{count, short_rev};
use lockscope_core::time::{utc_date, utc_datetime};

use crate::forges;
use crate::input::{self, Host, LockArg};
use crate::terminal::safe;
use crate::{unix_now, write_json, Error, Status};
use lockscope_core::report::md_text;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    lock: LockArg,
    /// Output format; markdown suits a GitHub job summary ($GITHUB_STEP_SUMMARY)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit with status 1 when an input's branch has a head this many days newer than the
    /// locked commit, or more
    #[arg(long, value_name = "DAYS")]
    fail_if_behind: Option<i64>,
    /// Ask about these inputs only, comma-separated input paths (`nixpkgs`,
    /// `home-manager/nixpkgs`); by default every root input
    #[arg(long, value_delimiter = ',', value_name = "INPUTS")]
    inputs: Vec<String>,
}

/// Where the answers come from, for `outdated --help`.
pub const APIS: &str = "\
Each input's forge is asked how many commits its branch has beyond the locked one:
  GitHub   $LOCKSCOPE_GITHUB_API (default https://api.github.com), 60 requests an hour per
           address without a token; $GITHUB_TOKEN raises that. The quota is asked first (that
           costs nothing) and never overspent: inputs past it say so.
  GitLab   $LOCKSCOPE_GITLAB_API (default https://gitlab.com/api/v4), other GitLabs at
           https://HOST/api/v4; $GITLAB_TOKEN is sent when set.
  Codeberg $LOCKSCOPE_CODEBERG_API (default https://codeberg.org/api/v1).
A Nixpkgs on a NixOS channel is compared with the channel's revision from status.nixos.org
($LOCKSCOPE_PROMETHEUS). Inputs pinned to a revision or a tag, local paths, registry names and
sources on no known forge say why nothing is asked. Requests run 3 at a time, 10 s each, through
the proxies of ALL_PROXY, HTTPS_PROXY, HTTP_PROXY and NO_PROXY.";

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Text,
    Markdown,
    Json,
}

pub fn run(args: Args, host: &mut dyn Host, out: &mut dyn Write) -> Result<Status, Error> {
    let lock = input::load(host, &args.lock.file)?;
    let subjects = outdated::subjects(&lock, &args.inputs)
        .map_err(|message| input::failure(&args.lock.file, message))?;
    let now = unix_now();
    let mut session = Session::new(subjects, forges::bases(), now);
    while !session.is_done() {
        let (tickets, requests): (Vec<_>, Vec<_>) =
            std::iter::from_fn(|| session.next_request()).unzip();
        if requests.is_empty() {
            // Nothing in flight and nothing to ask: the session cannot go on.
            session.cancel();
            break;
        }
        for (ticket, fetched) in tickets.into_iter().zip(host.fetch_all(&requests)) {
            match fetched {
                Ok(f) => session.answer(
                    ticket,
                    Ok(Answer {
                        status: f.status,
                        body: &f.body,
                        header: &|name| f.header(name),
                    }),
                ),
                Err(transport) => session.answer(ticket, Err(transport)),
            }
        }
    }
    let mut outcomes: Vec<&Outcome> = session.outcomes().flatten().collect();
    outcomes.sort_by_key(|o| (rank(o.status), std::cmp::Reverse(o.behind_by)));
    let quota = quota_line(session.quota());
    match args.format {
        Format::Text => out.write_all(safe(&text(&outcomes, quota.as_deref())).as_bytes())?,
        Format::Markdown => out.write_all(markdown(&outcomes, quota.as_deref()).as_bytes())?,
        Format::Json => write_json(out, &outcomes)?,
    }
    let exceeded = args.fail_if_behind.is_some_and(|limit| {
        outcomes
            .iter()
            .any(|o| o.behind_by > Some(0) && o.days_between.is_some_and(|d| d >= limit))
    });
    Ok(if exceeded {
        Status::CheckFailed
    } else {
        Status::Success
    })
}

/// Most behind first: inputs with news, then those without, then those with no answer.
fn rank(status: Standing) -> u8 {
    match status {
        Standing::Behind | Standing::Diverged => 0,
        Standing::Ahead => 1,
        Standing::UpToDate => 2,
        Standing::Failed => 3,
        Standing::Pinned | Standing::Follows => 4,
        Standing::Unknown => 5,
    }
}

/// Where an input stands, in a sentence without its name.
fn standing(o: &Outcome) -> String {
    let mut said = o.standing();
    if let (Some(head), Standing::Behind | Standing::Diverged) = (&o.head_rev, o.status) {
        said += &format!(": head {}", short_rev(head));
        if let Some(time) = o.head_time {
            said += &format!(" of {}", utc_date(time));
        }
        if let Some(days) = o.days_between {
            said += &format!(", {} newer", count(days, "day"));
        }
    }
    if let Some(now) = &o.renamed_to {
        said += &format!(" (the forge now calls it {now})");
    }
    said
}

/// GitHub's quota after the run, when GitHub said.
fn quota_line(quota: Quota) -> Option<String> {
    let left = quota.remaining?;
    let renewed = quota.reset.map_or_else(String::new, |at| {
        format!(", renewed at {} UTC", utc_datetime(at))
    });
    Some(format!(
        "GitHub: {} left this hour{renewed}",
        count(left, "API request")
    ))
}

fn text(outcomes: &[&Outcome], quota: Option<&str>) -> String {
    let width = outcomes
        .iter()
        .map(|o| o.input.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for o in outcomes {
        out += &format!("{:width$}  {}\n", o.input, standing(o));
        if let Some(link) = &o.compare {
            out += &format!("{:width$}  {link}\n", "");
        }
    }
    if let Some(quota) = quota {
        out += &format!("\n{quota}\n");
    }
    out
}

fn markdown(outcomes: &[&Outcome], quota: Option<&str>) -> String {
    let behind = outcomes.iter().filter(|o| o.behind_by > Some(0)).count();
    let mut out = format!(
        "### What `nix flake update` would bring\n\n{} of {} behind their branch.\n\n\
         | Input | Where it stands | Compare |\n|---|---|---|\n",
        count(behind, "input"),
        outcomes.len()
    );
    for o in outcomes {
        let link = o
            .compare
            .as_ref()
            .map_or_else(String::new, |link| format!("[compare]({link})"));
        out += &format!(
            "| {} | {} | {link} |\n",
            md_text(&o.input),
            md_text(&standing(o))
        );
    }
    if let Some(quota) = quota {
        out += &format!("\n{}\n", md_text(quota));
    }
    out
}
