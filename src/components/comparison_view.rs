//! Two locks compared: what changed, sorted for reading, and the change list exactly as
//! `nix flake update` prints it.

use leptos::prelude::*;
use lockscope_core::text::count;

use crate::address::go;
use crate::boxed::{handler, redrawn};
use crate::comparison::{Comparison, Kind};
use crate::components::change_list::ChangeList;
use crate::route::Route;
use crate::state::{AppState, COMPARISON_ID};

#[component]
pub fn ComparisonView() -> impl IntoView {
    let state = expect_context::<AppState>();
    redrawn(move || {
        state
            .comparison
            .get()
            .map(|comparison| {
                let summary = summary(&comparison);
                let nix_text = (!comparison.nix_text.is_empty()).then(|| comparison.nix_text.clone());
                view! {
                    <section id=COMPARISON_ID class="comparison" aria-labelledby="comparison-title" data-testid="comparison">
                        <h2 id="comparison-title">
                            "From " <span class="side">{comparison.old.clone()}</span>
                            " to " <span class="side">{comparison.new.clone()}</span>
                        </h2>
                        <p class="summary" data-testid="comparison-summary">{summary}</p>
                        <ChangeList comparison=comparison.clone() />
                        {nix_text.map(|text| view! {
                            <h3>"As Nix prints it"</h3>
                            <pre class="nix-diff" data-testid="nix-diff">{text}</pre>
                        })}
                        <LeaveButton />
                    </section>
                }
                .into_any()
            })
    })
}

/// Back to a single lock: the new one, by its address, or the lock on screen behind.
#[component]
fn LeaveButton() -> impl IntoView {
    let state = expect_context::<AppState>();
    let new = match state.shared_as.get_untracked() {
        Some(Route::Compare { new, .. }) => Some(new),
        _ => None,
    };
    let label = if new.is_some() {
        "Show the new lock's tree"
    } else {
        "Close the comparison"
    };
    let leave = move |_| match new.clone() {
        Some(new) => go(state, Route::One(new)),
        None => state.comparison.set(None),
    };
    view! { <button type="button" on:click=handler(leave)>{label}</button> }
}

fn summary(comparison: &Comparison) -> String {
    if comparison.entries.is_empty() {
        return "No differences: the two locks pin the same inputs.".to_owned();
    }
    let parts: Vec<String> = [
        (comparison.count(Kind::is_updated), "updated"),
        (comparison.count(Kind::is_added), "added"),
        (comparison.count(Kind::is_removed), "removed"),
        (
            comparison.count(Kind::is_follows_change),
            "with other follows",
        ),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{} {what}", count(n, "input")))
    .collect();
    format!("{}.", parts.join(", "))
}
