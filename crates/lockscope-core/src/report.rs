//! The health report in words, as both fronts give it: the counts by level, the line that
//! says where statuses and ages come from, a Nixpkgs node in four cells, where a finding is,
//! and the whole report as Markdown (`lockscope check --format markdown`, the page's "Copy
//! as Markdown"), with lock text kept inert.

use crate::health::{Finding, Level, NixpkgsNode, Report};
use crate::text::{count, short_rev};
use crate::time::{utc_date, utc_datetime};

/// Text from a lock as inert Markdown: every ASCII punctuation character is escaped, so
/// nothing becomes a link, an image, HTML, emphasis or a table cell border.
pub fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else if c.is_control() {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// Each level, worst first, and what one finding of it is called when counted: `2 errors`.
pub const LEVEL_WORDS: [(Level, &str); 3] = [
    (Level::Error, "error"),
    (Level::Warning, "warning"),
    (Level::Info, "note"),
];

/// `2 errors, 1 warning, 30 notes`, or `no findings`.
pub fn counts(report: &Report) -> String {
    let parts: Vec<String> = LEVEL_WORDS
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

/// Where the branch statuses come from and when the ages were measured.
pub fn footer(report: &Report) -> String {
    format!(
        "Branch statuses from: {}; ages measured at {} UTC.",
        report.status_sources.join(", then "),
        utc_datetime(report.now)
    )
}

/// Paths, branch with its status and source, age, and source of a Nixpkgs node.
pub fn nixpkgs_summary(nixpkgs: &NixpkgsNode) -> [String; 4] {
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

/// The input path, or the node for a finding no input reaches.
pub fn location(finding: &Finding) -> String {
    match (finding.path.is_empty(), &finding.node) {
        (false, _) => finding.path.join("/"),
        (true, Some(node)) => format!("node {node}"),
        (true, None) => String::new(),
    }
}

/// The report on the lock named `file` as Markdown for a job summary or a comment: the
/// counts, the Nixpkgs nodes, the problems, then the notes folded. `allowed` says which
/// findings a run accepts (marked so), `failed` whether the run fails (its icon).
pub fn markdown(
    file: &str,
    report: &Report,
    allowed: &dyn Fn(&Finding) -> bool,
    failed: bool,
) -> String {
    let icon = match (failed, report.worst()) {
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
    out += &md_table(&problems, allowed);
    // Notes are many and rarely urgent: folded, so the problems stay in view.
    if !notes.is_empty() {
        out += &format!("\n<details><summary>{} notes</summary>\n", notes.len());
        out += &md_table(&notes, allowed);
        out += "\n</details>\n";
    }
    out += &format!("\n<sub>{}</sub>\n", md_text(&footer(report)));
    out
}

fn md_table(findings: &[&Finding], allowed: &dyn Fn(&Finding) -> bool) -> String {
    if findings.is_empty() {
        return String::new();
    }
    let mut out =
        String::from("\n| Level | Code | Input | Finding | What to do |\n|---|---|---|---|---|\n");
    for finding in findings {
        let level = match finding.level {
            Level::Error => "❌ error",
            Level::Warning => "⚠️ warning",
            Level::Info => "ℹ️ info",
        };
        let allowed = if allowed(finding) { " (allowed)" } else { "" };
        out += &format!(
            "| {level}{allowed} | `{}` | {} | {} | {} |\n",
            finding.problem.code(),
            md_text(&location(finding)),
            md_text(&finding.message),
            finding
                .action
                .as_deref()
                .map_or_else(|| "-".into(), md_text)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_from_a_lock_is_inert() {
        assert_eq!(
            md_text("a|b [x](http://e.org) <img>"),
            "a\\|b \\[x\\]\\(http\\:\\/\\/e\\.org\\) \\<img\\>"
        );
        assert_eq!(md_text("line\nbreak"), "line break");
    }
}
