//! Sources the lock holds more than once, and the lines for flake.nix that remove the
//! extra copies, ready to copy.

use leptos::prelude::*;
use lockscope_core::dups::NO_SAFE_FOLLOWS;

use crate::analysis::{DuplicateGroup, Duplicates};
use crate::boxed::redrawn;
use crate::components::copy_button::CopyButton;
use crate::state::AppState;
use crate::tree::row::path_button;

#[component]
pub fn DuplicatesPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let content = redrawn(move || {
        let Some(analysis) = state.analysis.get() else {
            return view! { <p class="hint">"Looking for duplicates…"</p> }.into_any();
        };
        if let Some(why) = &analysis.failure {
            return view! { <p class="error" role="alert">{why.clone()}</p> }.into_any();
        }
        let found = &analysis.duplicates;
        if found.groups.is_empty() {
            return view! { <p>"Every source is locked once."</p> }.into_any();
        }
        let groups = found
            .groups
            .iter()
            .map(|group| view! { <Group group=group.clone() /> })
            .collect_view();
        view! {
            <Suggestions found=found.clone() />
            <ul class="duplicate-groups">{groups}</ul>
        }
        .into_any()
    });
    view! {
        <section class="duplicates-panel" aria-labelledby="duplicates-title" data-testid="duplicates">
            <h2 id="duplicates-title">"Duplicates"</h2>
            {content}
        </section>
    }
}

/// The lines for flake.nix, all of them, with a button that copies them.
#[component]
fn Suggestions(found: Duplicates) -> impl IntoView {
    if found.lines.is_empty() {
        return view! {
            <p>{NO_SAFE_FOLLOWS}</p>
        }
        .into_any();
    }
    let text = found.lines.join("\n");
    view! {
        <p>
            "These lines in flake.nix remove " {found.nodes_saved} " of the lock's "
            {found.nodes} " nodes:"
        </p>
        <pre class="suggestions" data-testid="suggestions">{text.clone()}</pre>
        <CopyButton text label="Copy the lines" />
        {found.newer_nix.then(|| view! {
            <p class="hint">"Overrides more than one level deep need Nix 2.30 or later."</p>
        })}
    }
    .into_any()
}

#[component]
fn Group(group: DuplicateGroup) -> impl IntoView {
    let state = expect_context::<AppState>();
    let count = group.copies.len();
    let copies = group
        .copies
        .into_iter()
        .map(|copy| {
            view! {
                <li>
                    {path_button(state, &copy.path, Some(&copy.key))}
                    " " <span class="copy-facts">{copy.facts}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="duplicate-group">
            <p>
                <strong>{group.source}</strong> ": " {count} " copies, " {group.kind}
            </p>
            <ul class="copies">{copies}</ul>
        </li>
    }
}
