//! `lockscope dups`: sources locked more than once, and the follows lines that remove them.

use std::io::Write;

use lockscope_core::dups::{self, DuplicateGroup, DuplicateKind, Duplicates, NO_SAFE_FOLLOWS};
use lockscope_core::text::short_rev;
use lockscope_core::time::utc_date;

use crate::input::{self, Host, LockArg};
use crate::terminal::safe;
use crate::{write_json, Error, Status};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    lock: LockArg,
    /// Print the groups and suggestions as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, host: &mut dyn Host, out: &mut dyn Write) -> Result<Status, Error> {
    let lock = input::load(host, &args.lock.file)?;
    let found = dups::find(&lock);
    if args.json {
        write_json(out, &found)?;
    } else {
        out.write_all(safe(&render(&found)).as_bytes())?;
    }
    Ok(Status::Success)
}

fn render(found: &Duplicates) -> String {
    if found.groups.is_empty() {
        return "No source is locked more than once.\n".into();
    }
    let extra: usize = found.groups.iter().map(|g| g.copies.len() - 1).sum();
    let mut out = match found.groups.len() {
        1 => "1 source is locked more than once".to_string(),
        n => format!("{n} sources are locked more than once"),
    };
    out += &match extra {
        1 => " (1 extra copy):\n".to_string(),
        n => format!(" ({n} extra copies):\n"),
    };
    for group in &found.groups {
        out += &render_group(group);
    }
    if !found.new_inputs.is_empty() {
        out += "\nNo root input locks these sources; add one to flake.nix for each:\n";
        for new in &found.new_inputs {
            out += &format!("  {}\n", new.line);
        }
    }
    if found.suggestions.is_empty() {
        out += &format!("\n{NO_SAFE_FOLLOWS}\n");
        return out;
    }
    out += "\nPaste into flake.nix, at the top level beside `inputs`:\n";
    let width = found
        .suggestions
        .iter()
        .map(|s| s.line.chars().count())
        .max()
        .unwrap_or(0);
    for s in &found.suggestions {
        let mut notes = Vec::new();
        if !s.same_revision {
            notes.push("changes its revision".to_string());
        }
        if s.needs_nix_2_30 {
            notes.push("needs Nix >= 2.30".to_string());
        }
        if notes.is_empty() {
            out += &format!("  {}\n", s.line);
        } else {
            out += &format!("  {:<width$}  # {}\n", s.line, notes.join("; "));
        }
    }
    out += &format!(
        "\nWith all of them the lock has {} nodes instead of {}.\n",
        found.nodes - found.nodes_saved,
        found.nodes
    );
    out
}

fn render_group(group: &DuplicateGroup) -> String {
    let kind = match group.kind {
        DuplicateKind::Waste => "the same revision".to_string(),
        DuplicateKind::Skew => format!("{} revisions", group.revisions),
    };
    let mut out = format!(
        "\n{}: {} copies, {kind}\n",
        group.source,
        group.copies.len()
    );
    let rows: Vec<[String; 4]> = group
        .copies
        .iter()
        .map(|c| {
            let rev = c.rev.as_deref().map(|r| short_rev(r).to_string());
            let date = c.last_modified.map(|t| utc_date(t as i64));
            let paths: Vec<String> = c.paths.iter().map(|p| p.join("/")).collect();
            [
                c.key.clone(),
                rev.or_else(|| c.git_ref.clone())
                    .unwrap_or_else(|| "-".into()),
                date.unwrap_or_else(|| "-".into()),
                paths.join(", "),
            ]
        })
        .collect();
    let widths: [usize; 3] =
        [0, 1, 2].map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0));
    for [key, rev, date, paths] in rows {
        out += &format!(
            "  {key:<w0$}  {rev:<w1$}  {date:<w2$}  {paths}\n",
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        );
    }
    out
}
