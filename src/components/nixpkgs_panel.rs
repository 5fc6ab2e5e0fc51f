//! "Nixpkgs in this lock": every Nixpkgs node the engine found, wherever it sits in the
//! graph, with the paths that reach it, its branch and that branch's status with the source
//! that says so, its revision and age, and the follows line that removes a copy; then where
//! the page's branch statuses come from, status.nixos.org's answer or why there is none.

use leptos::prelude::*;
use lockscope_core::health::{BranchStatus, NixpkgsNode, Verdict};
use lockscope_core::text::short_rev;

use crate::boxed::redrawn;
use crate::components::facts::{last_modified, Fact, ForgeLink};
use crate::state::{AppState, Live};
use crate::tree::row::path_button;

#[component]
pub fn NixpkgsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Drawn again when status.nixos.org answers or fails: twice a visit at most.
    let content = redrawn(move || {
        let Some(analysis) = state.analysis.get() else {
            return view! { <p class="hint">"Checking…"</p> }.into_any();
        };
        let report = &analysis.health;
        let nodes = match report.nixpkgs.is_empty() {
            true => view! { <p>"No Nixpkgs in this lock."</p> }.into_any(),
            false => {
                let items = report
                    .nixpkgs
                    .iter()
                    .map(|node| nixpkgs_item(state, node, report.now))
                    .collect_view();
                view! { <ul class="nixpkgs-nodes">{items}</ul> }.into_any()
            }
        };
        let line = state
            .live
            .with(|live| sources_line(&report.status_sources, live));
        view! {
            {nodes}
            <p class="hint" data-testid="status-sources">{line}</p>
        }
        .into_any()
    });
    view! {
        <section class="nixpkgs-panel" aria-labelledby="nixpkgs-title" data-testid="nixpkgs">
            <h2 id="nixpkgs-title">"Nixpkgs in this lock"</h2>
            {content}
        </section>
    }
}

/// One Nixpkgs node; `now` is the clock its age counts to.
fn nixpkgs_item(state: AppState, node: &NixpkgsNode, now: i64) -> AnyView {
    let paths = node
        .paths
        .iter()
        .map(|path| {
            let path: Vec<String> = path.split('/').map(str::to_owned).collect();
            path_button(state, &path, Some(&node.node))
        })
        .collect_view();
    let branch = node.branch.clone();
    let status = branch.is_some().then(|| status_words(&node.verdict));
    let revision = node.rev.as_deref().map(|rev| match &node.channel_release {
        Some(release) => format!("{} (channel release {release})", short_rev(rev)),
        None => short_rev(rev).to_owned(),
    });
    view! {
        <li class="nixpkgs-node">
            <p class="nixpkgs-paths">{paths}</p>
            <dl class="facts">
                <Fact term="Branch" value=Some(branch.unwrap_or_else(|| "none named".to_owned())) />
                <Fact term="Status" value=status />
                <Fact term="Revision" value=revision />
                <Fact term="Last modified" value=last_modified(node.last_modified, now) />
                <Fact term="Locked" value=Some(node.locked_ref.clone()) />
                <Fact term="Node" value=Some(node.node.clone()) />
                <Fact term="Removed by" value=node.follows_line.clone() />
                <ForgeLink link=node.link.clone() />
            </dl>
        </li>
    }
    .into_any()
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

/// Where the verdicts' branch statuses come from, best first, and why status.nixos.org's are
/// not among them when they are not.
fn sources_line(sources: &[String], live: &Live) -> String {
    let why = match live {
        Live::NotAsked | Live::Answered(_) => String::new(),
        Live::Asking => " (asking status.nixos.org…)".to_owned(),
        Live::Failed(why) => format!(" (status.nixos.org gave none: {why})"),
    };
    format!("Branch statuses: {}{why}.", sources.join(", then "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetch::FetchError;
    use crate::live::LiveError;
    use lockscope_core::health::StatusSource;

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
    fn the_sources_line_says_why_status_nixos_org_is_not_among_them() {
        let sources = [
            "bundled table of 2026-08-08".into(),
            "NixOS release calendar".into(),
        ];
        assert_eq!(
            sources_line(
                &sources,
                &Live::Failed(LiveError::Fetch(FetchError::TimedOut))
            ),
            "Branch statuses: bundled table of 2026-08-08, then NixOS release calendar \
             (status.nixos.org gave none: no answer within 5 seconds)."
        );
    }
}
