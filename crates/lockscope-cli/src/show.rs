//! `lockscope show`: every input in an aligned table, or the resolved model as JSON.

use std::io::Write;

use lockscope_core::details::{self, InputDetails};
use lockscope_core::text::short_rev;

use crate::input::{self, Host, LockArg};
use crate::terminal::safe;
use crate::{write_json, Error, Status};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    lock: LockArg,
    /// Print the resolved model as JSON (schema: crates/lockscope-core/README.md)
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, host: &mut dyn Host, out: &mut dyn Write) -> Result<Status, Error> {
    let lock = input::load(host, &args.lock.file)?;
    if args.json {
        write_json(out, &details::document(&lock))?;
    } else {
        out.write_all(safe(&table(&details::inputs(&lock))).as_bytes())?;
    }
    Ok(Status::Success)
}

const HEADER: [&str; 6] = ["INPUT", "TYPE", "SOURCE", "REV", "DATE", "NODE"];

fn table(rows: &[InputDetails]) -> String {
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            let rev = r.rev.as_deref().map(short_rev);
            let version = rev.or(r.git_ref.as_deref()).unwrap_or("-");
            // The day of `YYYY-MM-DD HH:MM:SS`.
            let date = r
                .date
                .as_deref()
                .and_then(|d| d.split(' ').next())
                .unwrap_or("-");
            [
                r.paths[0].join("/"),
                r.kind.clone(),
                r.source.clone(),
                version.to_string(),
                date.to_string(),
                r.key.clone(),
            ]
        })
        .collect();
    let mut widths = HEADER.map(|h| h.chars().count());
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |row: [&str; 6]| {
        let padded: Vec<String> = row
            .iter()
            .zip(widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    let mut out = line(HEADER);
    for row in &cells {
        out += &line(row.each_ref().map(String::as_str));
    }
    out
}
