//! `lockscope diff OLD NEW`: what changed, exactly as Nix reports a lock file update; as a
//! Markdown summary with compare links; or as JSON.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;
use lockscope_core::diff::{self, Change, Edge};
use lockscope_core::text::short_rev;
use lockscope_core::time::{age_in_words, utc_date};

use crate::input::{self, Host};
use crate::{write_json, Error, Status};
use lockscope_core::report::md_text;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The lock before the change (`-`: standard input)
    old: PathBuf,
    /// The lock after the change
    new: PathBuf,
    /// text: as Nix prints it; markdown: a table with compare links and the age gained
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The same as --format json
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Markdown,
    Json,
}

pub fn run(args: Args, host: &mut dyn Host, out: &mut dyn Write) -> Result<Status, Error> {
    let old = input::load(host, &args.old)?;
    let new = input::load(host, &args.new)?;
    let changes = diff::changes(&old, &new);
    let format = if args.json { Format::Json } else { args.format };
    match format {
        Format::Text => out.write_all(diff::render(&changes).as_bytes())?,
        Format::Markdown => out.write_all(markdown(&changes).as_bytes())?,
        Format::Json => write_json(out, &changes)?,
    }
    Ok(Status::Success)
}

fn markdown(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "No input changed.\n".into();
    }
    let mut out =
        String::from("| Input | Change | Before | After | Age gained |\n|---|---|---|---|---|\n");
    for change in changes {
        let (kind, before, after) = match change {
            Change::Added { new, .. } => ("added", String::new(), cell(new)),
            Change::Removed { old, .. } => ("removed", cell(old), String::new()),
            Change::Updated { old, new, .. } => ("updated", cell(old), cell(new)),
        };
        let gained = change.update().map(|u| {
            let age = u.age_gained.map(|s| {
                if s >= 0 {
                    age_in_words(s)
                } else {
                    format!("{} older", age_in_words(-s))
                }
            });
            // The link is built by the engine for known forges only, from hex revisions.
            match (age, u.compare) {
                (Some(age), Some(link)) => format!("{age} ([compare]({link}))"),
                (None, Some(link)) => format!("[compare]({link})"),
                (Some(age), None) => age,
                (None, None) => String::new(),
            }
        });
        out += &format!(
            "| {} | {kind} | {before} | {after} | {} |\n",
            md_text(&change.path().join("/")),
            gained.unwrap_or_default()
        );
    }
    out
}

/// One side of a change: the revision (or the reference) and the date, or the follows.
fn cell(edge: &Edge) -> String {
    match edge {
        Edge::Locked { locked, .. } => {
            let what = locked
                .rev()
                .map(|r| short_rev(r).to_string())
                .unwrap_or_else(|| locked.source());
            let date = locked
                .last_modified()
                .map(|t| format!(" ({})", utc_date(t as i64)))
                .unwrap_or_default();
            md_text(&format!("{what}{date}"))
        }
        Edge::Follows { path } => format!("follows {}", md_text(&path.join("/"))),
    }
}
