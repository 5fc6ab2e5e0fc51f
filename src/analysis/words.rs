//! The engine's analyses of a lock put into the words the panels show: worked out in the
//! analyser's worker, never in the page's wasm.

use lockscope_core::dups::{self, DuplicateKind};
use lockscope_core::health::{self, BranchStatus, BranchTable, CheckOptions, Report, Verdict};
use lockscope_core::report;
use lockscope_core::text::{count, plural_s, short_rev};
use lockscope_core::time::utc_date;
use lockscope_core::LockFile;

use super::{Analysis, Copy, DuplicateGroup, Duplicates, Figure, Finding, NixpkgsNode};
use crate::components::facts::last_modified;

impl Analysis {
    /// Analyse a lock, with `now` (Unix seconds) as the time its inputs' ages count to, and
    /// today's branch statuses from status.nixos.org when the page has them; the answer to
    /// question `asked`. `source` names the lock in the Markdown report.
    pub fn of(
        lock: &LockFile,
        now: i64,
        live: Option<&BranchTable>,
        asked: u64,
        source: &str,
    ) -> Self {
        let found = dups::find(lock);
        // The duplicates just found, not found again.
        let options = CheckOptions {
            live,
            ..CheckOptions::new(now)
        };
        let report = health::check_with(lock, &options, &found);
        // The page runs no verdict: nothing is allowed, nothing fails.
        let markdown = report::markdown(source, &report, &|_| false, false);
        let overview = overview(&report, &found);
        let findings = report.findings.into_iter().map(|finding| Finding {
            level: finding.level.as_str().to_owned(),
            code: finding.problem.code().to_owned(),
            kind: finding.problem.kind().to_owned(),
            location: report::location(&finding),
            since: (finding.node.as_deref())
                .and_then(|key| lock.node(key)?.locked.as_ref()?.last_modified())
                .map(|secs| utc_date(secs as i64)),
            message: finding.message,
            action: finding.action,
            path: finding.path,
            node: finding.node,
        });
        let nixpkgs = report.nixpkgs.into_iter().map(|node| NixpkgsNode {
            status: node.branch.is_some().then(|| status_words(&node.verdict)),
            branch: node.branch.unwrap_or_else(|| "none named".to_owned()),
            revision: node.rev.as_deref().map(|rev| match &node.channel_release {
                Some(release) => format!("{} (channel release {release})", short_rev(rev)),
                None => short_rev(rev).to_owned(),
            }),
            last_modified: last_modified(node.last_modified, report.now),
            locked: node.locked_ref,
            removed_by: node.follows_line,
            link: node.link.map(|link| link.to_string()),
            node: node.node,
            paths: node.paths,
        });
        let groups = found.groups.into_iter().map(|group| DuplicateGroup {
            source: group.source,
            kind: match group.kind {
                DuplicateKind::Waste => "all at the same revision",
                DuplicateKind::Skew => "at different revisions",
            }
            .to_owned(),
            copies: group
                .copies
                .into_iter()
                .map(|copy| {
                    let revision = copy.rev.as_deref().map(|rev| short_rev(rev).to_owned());
                    let date = copy.last_modified.map(|secs| utc_date(secs as i64));
                    Copy {
                        facts: [revision, date]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(", "),
                        path: copy.paths.into_iter().next().unwrap_or_default(),
                        key: copy.key,
                    }
                })
                .collect(),
        });
        let lines = found.new_inputs.into_iter().map(|input| input.line);
        Analysis {
            asked,
            findings: findings.collect(),
            nixpkgs: nixpkgs.collect(),
            status_sources: report.status_sources,
            duplicates: Duplicates {
                groups: groups.collect(),
                newer_nix: found.suggestions.iter().any(|s| s.needs_nix_2_30),
                lines: lines
                    .chain(found.suggestions.into_iter().map(|s| s.line))
                    .collect(),
                nodes: found.nodes,
                nodes_saved: found.nodes_saved,
            },
            overview,
            markdown,
            duplicate_nodes: Default::default(),
            unsupported_nodes: Default::default(),
            failure: None,
        }
        .indexed()
    }

    /// The analysis as the page reads it ([`Analysis::decode`]).
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The overview's figures, in the order of [`super::OverviewFigure`]: the copies of Nixpkgs and the
/// worst status of their branches, the duplicated sources and the nodes their follows lines
/// save, the findings by level.
fn overview(report: &Report, found: &dups::Duplicates) -> Vec<Figure> {
    let copies = report.nixpkgs.len();
    let worst = (report.nixpkgs.iter())
        .filter_map(|node| Some((node.branch.as_deref()?, node.verdict.status)))
        .max_by_key(|(_, status)| severity(*status))
        .map(|(branch, status)| format!(", worst branch {branch}: {}", status.as_str()))
        .unwrap_or_default();
    let groups = found.groups.len();
    let levels = report::LEVEL_WORDS.map(|(level, word)| count(report.count(level), word));
    vec![
        (
            format!("{copies} Nixpkgs"),
            format!("cop{}{worst}", if copies == 1 { "y" } else { "ies" }),
        ),
        (
            groups.to_string(),
            format!(
                "duplicated source{}; follows lines save {}",
                plural_s(groups),
                count(found.nodes_saved, "node")
            ),
        ),
        (count(report.findings.len(), "finding"), levels.join(", ")),
    ]
}

/// How bad a branch's status is for a lock that follows it: no more fixes first, then a
/// branch nothing knows, one not released, one whose fixes end soon.
fn severity(status: BranchStatus) -> u8 {
    match status {
        BranchStatus::Unmaintained => 5,
        BranchStatus::Unknown => 4,
        BranchStatus::Beta => 3,
        BranchStatus::Deprecated => 2,
        BranchStatus::Stable => 1,
        BranchStatus::Rolling => 0,
    }
}

/// A branch's status and the source that says so: "unmaintained: it gets no more fixes (live
/// from status.nixos.org, 2026-12-06 10:04 UTC)", "stable, fixes until 2026-12-31 (bundled
/// table of 2026-08-08)".
fn status_words(verdict: &Verdict) -> String {
    let (status, until) = match verdict.status {
        BranchStatus::Beta => ("not yet released", ", release expected "),
        BranchStatus::Unmaintained => ("unmaintained: it gets no more fixes", ""),
        BranchStatus::Unknown => ("unknown: no source knows this branch", ""),
        status => (status.as_str(), ", fixes until "),
    };
    let until = match &verdict.until {
        Some(day) if !until.is_empty() => format!("{until}{day}"),
        _ => String::new(),
    };
    let from = match &verdict.from {
        Some(from) => format!(" ({from})"),
        None => String::new(),
    };
    format!("{status}{until}{from}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LockView;
    use lockscope_core::health::StatusSource;
    use lockscope_fixtures::{corpus, lock_dirs, read};

    #[test]
    fn a_status_says_its_source_and_until_when() {
        let verdict = Verdict {
            status: BranchStatus::Stable,
            source: Some(StatusSource::Table),
            from: Some("bundled table of 2026-08-08".into()),
            until: Some("2026-12-31".into()),
        };
        assert_eq!(
            status_words(&verdict),
            "stable, fixes until 2026-12-31 (bundled table of 2026-08-08)"
        );
        assert_eq!(
            status_words(&Verdict::unknown()),
            "unknown: no source knows this branch"
        );
    }

    #[test]
    fn the_page_reads_what_the_worker_writes_and_flags_every_copy() {
        let Some(corpus) =
            corpus("analysis::words::the_page_reads_what_the_worker_writes_and_flags_every_copy")
        else {
            return;
        };
        let mut seen_duplicates = false;
        for dir in lock_dirs(&corpus) {
            let Ok(view) = LockView::parse(&read(&dir.join("flake.lock")), "t".into()) else {
                continue;
            };
            let analysis = Analysis::of(&view.lock, 1_800_000_000, None, 7, "t");
            let read = Analysis::decode(&analysis.encode()).expect("an analysis");
            assert_eq!(read, analysis, "{}", dir.display());
            let copies = analysis.duplicates.groups.iter().flat_map(|g| &g.copies);
            for copy in copies {
                assert!(read.is_duplicate(&copy.key));
                seen_duplicates = true;
            }
            let count: usize = (analysis.duplicates.groups.iter())
                .map(|g| g.copies.len())
                .sum();
            assert_eq!(read.duplicate_nodes.len(), count, "{}", dir.display());
        }
        assert!(seen_duplicates);
    }
}
