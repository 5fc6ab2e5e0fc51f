//! "Updates": what `nix flake update` would bring, asked of the forges on request ("Check for
//! updates": every root input), with GitHub's quota, the round's progress and a Cancel
//! button; then each checked input, most behind first, with its compare link or the reason
//! it has no count. The details of an input show the same check (`check_facts`).

use leptos::prelude::*;

use crate::boxed::{handler, redrawn};
use crate::state::AppState;
use crate::tree::row::path_button;
use crate::updates::report::{Checked, CHECKING};

#[component]
pub fn UpdatesPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let updates = state.updates;
    let action = redrawn(move || match updates.running.get() {
        true => view! {
            <button type="button" on:click=handler(move |_| updates.cancel())>"Cancel"</button>
        }
        .into_any(),
        false => view! {
            <button type="button" on:click=handler(move |_| check(state, Vec::new()))>
                "Check for updates"
            </button>
        }
        .into_any(),
    });
    let progress = redrawn(move || {
        let (left, all) = updates.results.with(|results| {
            let left = results.iter().filter(|r| r.status == CHECKING).count();
            (left, results.len())
        });
        let line = match (updates.running.get(), updates.broken.get()) {
            (_, true) => {
                Some("The update checker could not start: reload the page to try again.".to_owned())
            }
            (true, _) => Some(format!("Checking: {} of {all} answered…", all - left)),
            _ => None,
        };
        line.map(|line| view! { <p class="hint" role="status">{line}</p> })
    });
    let quota = redrawn(move || {
        updates
            .quota
            .get()
            .map(|line| view! { <p class="hint" data-testid="quota">{line}</p> })
    });
    let list = redrawn(move || {
        updates.results.with(|results| {
            (!results.is_empty()).then(|| {
                let items = results
                    .iter()
                    .map(|checked| item(state, checked))
                    .collect_view();
                view! { <ul class="updates">{items}</ul> }
            })
        })
    });
    view! {
        <section class="updates-panel" aria-labelledby="updates-title" data-testid="updates">
            <h2 id="updates-title">"Updates"</h2>
            <p class="hint">
                "How far each input is behind the branch it follows, asked of GitHub, GitLab and "
                "Codeberg when you check (GitHub answers 60 questions an hour per address)."
            </p>
            {action}
            {progress}
            {quota}
            {list}
        </section>
    }
}

/// Check these inputs of the lock on screen (none: every root input).
pub fn check(state: AppState, inputs: Vec<String>) {
    if let Some(view) = state.on_screen.get_untracked() {
        state.updates.check(&view, &inputs);
    }
}

/// One checked input in the list: its path (a button to its line), a few words, what the
/// check found and the compare link.
fn item(state: AppState, checked: &Checked) -> impl IntoView {
    let path: Vec<String> = checked.input.split('/').map(str::to_owned).collect();
    let summary = checked.facts.first().map(|(_, words)| words.clone());
    view! {
        <li class=format!("update {}", checked.status)>
            {path_button(state, &path, None)}
            " "
            <span class="badge">{checked.badge.clone()}</span>
            " "
            <span class="message">{summary}</span>
            {compare_link(checked)}
        </li>
    }
}

/// The check of an input as the details list it: its facts, then its compare link.
pub fn check_facts(checked: &Checked) -> impl IntoView {
    let facts = checked
        .facts
        .iter()
        .map(|(term, value)| {
            view! {
                <dt>{term.clone()}</dt>
                <dd>{value.clone()}</dd>
            }
        })
        .collect_view();
    let link = compare_link(checked).map(|link| view! { <dt>"Changes"</dt> <dd>{link}</dd> });
    view! { {facts} {link} }
}

/// The forge's page of the changes since the locked revision: the engine makes it (https,
/// known forges only) and the page takes no other.
fn compare_link(checked: &Checked) -> Option<impl IntoView> {
    checked.compare.clone().map(|link| {
        view! {
            " "
            <a class="compare" href=link target="_blank" rel="noopener noreferrer">
                "compare on the forge"
            </a>
        }
    })
}
