//! "Updates": what `nix flake update` would bring, asked of the forges on request ("Check for
//! updates": every root input), with the round's progress, a Cancel button and GitHub's
//! quota; then each checked input, most behind first, with its compare link or the reason it
//! has no count. (The details of an input show its check too, with a button to check it.)

use leptos::prelude::*;

use crate::boxed::{handler, redrawn};
use crate::components::facts::{Fact, LinkFact};
use crate::state::AppState;
use crate::tree::row::path_button;
use crate::updates::report::{Checked, CHECKING};

#[component]
pub fn UpdatesPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let updates = state.updates;
    let content = redrawn(move || {
        updates.checks.with(|checks| {
            let (label, act) = match checks.running {
                true => ("Cancel", handler(move |_| updates.cancel())),
                false => (
                    "Check for updates",
                    handler(move |_| check(state, Vec::new())),
                ),
            };
            let all = checks.results.len();
            let answered = checks
                .results
                .iter()
                .filter(|r| r.status != CHECKING)
                .count();
            let status = match (checks.broken, checks.running) {
                (true, _) => Some("The update checker could not start: try again.".to_owned()),
                (_, true) => Some(format!("Checking: {answered} of {all} answered…")),
                _ => None,
            };
            let items = checks
                .results
                .iter()
                .map(|checked| item(state, checked))
                .collect_view();
            view! {
                <button type="button" on:click=act>{label}</button>
                <p class="hint" role="status">{status}</p>
                <p class="hint" data-testid="quota">{checks.quota.clone()}</p>
                <ul class="updates">{items}</ul>
            }
            .into_any()
        })
    });
    view! {
        <section class="updates-panel" aria-labelledby="updates-title" data-testid="updates">
            <h2 id="updates-title">"Updates"</h2>
            <p class="hint">
                "How far each input is behind its branch, asked of GitHub, GitLab and Codeberg \
                 when you check (GitHub answers 60 questions an hour per address)."
            </p>
            {content}
        </section>
    }
}

/// Check these inputs of the lock on screen (none: every root input).
pub fn check(state: AppState, inputs: Vec<String>) {
    if let Some(view) = state.on_screen.get_untracked() {
        state.updates.check(&view, &inputs);
    }
}

/// One checked input in the list: its path (a button to its line) and what its check found.
fn item(state: AppState, checked: &Checked) -> impl IntoView {
    let path: Vec<String> = checked.input.split('/').map(str::to_owned).collect();
    view! {
        <li class=format!("update {}", checked.status)>
            {path_button(state, &path, None)}
            <dl class="facts">{update_facts(checked.clone())}</dl>
        </li>
    }
}

/// What the check of an input found, as the details and the list show it: a few words, what
/// it found or why there is no count, the head and the days to it, and the forge's page of
/// the changes, which the engine made (https, known forges only).
pub fn update_facts(checked: Checked) -> impl IntoView {
    view! {
        <Fact term="Update" value=Some(checked.badge) />
        <Fact term="Found" value=Some(checked.summary) />
        <Fact term="Branch head" value=checked.head />
        <Fact term="Days between" value=checked.days />
        <Fact term="Renamed" value=checked.renamed />
        <LinkFact term="Changes" link=checked.compare />
    }
}
