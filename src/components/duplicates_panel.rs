//! Sources the lock holds more than once, and the lines for flake.nix that remove the
//! extra copies, ready to copy.

use leptos::prelude::*;
use lockscope_core::dups::{DuplicateGroup, DuplicateKind, Duplicates, NO_SAFE_FOLLOWS};
use lockscope_core::text::short_rev;
use lockscope_core::time::utc_date;

use crate::boxed::{handler, redrawn};
use crate::components::copy_button::CopyButton;
use crate::state::AppState;
use crate::tree::row::go_to_row;

#[component]
pub fn DuplicatesPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let content = redrawn(move || {
        let Some(analysis) = state.analysis.get() else {
            return view! { <p class="hint">"Looking for duplicates…"</p> }.into_any();
        };
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
    let lines: Vec<String> = found
        .new_inputs
        .iter()
        .map(|input| input.line.clone())
        .chain(found.suggestions.iter().map(|s| s.line.clone()))
        .collect();
    if lines.is_empty() {
        return view! {
            <p>{NO_SAFE_FOLLOWS}</p>
        }
        .into_any();
    }
    let newer_nix = found.suggestions.iter().any(|s| s.needs_nix_2_30);
    let text = lines.join("\n");
    view! {
        <p>
            "These lines in flake.nix remove " {found.nodes_saved} " of the lock's "
            {found.nodes} " nodes:"
        </p>
        <pre class="suggestions" data-testid="suggestions">{text.clone()}</pre>
        <CopyButton text label="Copy the lines" />
        {newer_nix.then(|| view! {
            <p class="hint">"Overrides more than one level deep need Nix 2.30 or later."</p>
        })}
    }
    .into_any()
}

#[component]
fn Group(group: DuplicateGroup) -> impl IntoView {
    let state = expect_context::<AppState>();
    let count = group.copies.len();
    let kind = match group.kind {
        DuplicateKind::Waste => "all at the same revision",
        DuplicateKind::Skew => "at different revisions",
    };
    let copies = group
        .copies
        .into_iter()
        .map(|copy| {
            let path = copy.paths.first().cloned().unwrap_or_default();
            let row = state.row_on_screen(&path, Some(&copy.key));
            let revision = copy.rev.as_deref().map(|rev| short_rev(rev).to_owned());
            let date = copy.last_modified.map(|secs| utc_date(secs as i64));
            let facts = [revision, date].into_iter().flatten().collect::<Vec<_>>().join(", ");
            let path = path.join("/");
            view! {
                <li>
                    {match row {
                        Some(row) => view! {
                            <button type="button" class="show-in-tree" on:click=handler(move |_| go_to_row(state, row))>
                                {path}
                            </button>
                        }.into_any(),
                        None => view! { <span>{path}</span> }.into_any(),
                    }}
                    " " <span class="copy-facts">{facts}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="duplicate-group">
            <p>
                <strong>{group.source}</strong> ": " {count} " copies, " {kind}
            </p>
            <ul class="copies">{copies}</ul>
        </li>
    }
}
