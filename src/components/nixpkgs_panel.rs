//! "Nixpkgs in this lock": every Nixpkgs node the engine found, wherever it sits in the
//! graph, with the paths that reach it, its branch and that branch's status with the source
//! that says so, its revision and age, and the follows line that removes a copy; then where
//! the page's branch statuses come from, status.nixos.org's answer or why there is none.

use leptos::prelude::*;

use crate::analysis::NixpkgsNode;
use crate::boxed::redrawn;
use crate::components::facts::{Fact, LinkFact};
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
        if let Some(why) = &analysis.failure {
            return view! { <p class="error" role="alert">{why.clone()}</p> }.into_any();
        }
        let nodes = match analysis.nixpkgs.is_empty() {
            true => view! { <p>"No Nixpkgs in this lock."</p> }.into_any(),
            false => {
                let items = (analysis.nixpkgs.iter())
                    .map(|node| nixpkgs_item(state, node))
                    .collect_view();
                view! { <ul class="nixpkgs-nodes">{items}</ul> }.into_any()
            }
        };
        let line = state
            .live
            .with(|live| sources_line(&analysis.status_sources, live));
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

/// One Nixpkgs node.
fn nixpkgs_item(state: AppState, node: &NixpkgsNode) -> AnyView {
    let paths = node
        .paths
        .iter()
        .map(|path| {
            let path: Vec<String> = path.split('/').map(str::to_owned).collect();
            path_button(state, &path, Some(&node.node))
        })
        .collect_view();
    let node = node.clone();
    view! {
        <li class="nixpkgs-node">
            <p class="nixpkgs-paths">{paths}</p>
            <dl class="facts">
                <Fact term="Branch" value=Some(node.branch) />
                <Fact term="Status" value=node.status />
                <Fact term="Revision" value=node.revision />
                <Fact term="Last modified" value=node.last_modified />
                <Fact term="Locked" value=Some(node.locked) />
                <Fact term="Node" value=Some(node.node) />
                <Fact term="Removed by" value=node.removed_by />
                <LinkFact term="On its forge" link=node.link />
            </dl>
        </li>
    }
    .into_any()
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
