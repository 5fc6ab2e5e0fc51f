//! One line of the tree. Its text is exactly the line Nix prints, so the tree's
//! `innerText` reproduces `nix flake metadata`; the controls on it (the expand/collapse
//! arrow, the "shown above" mark) are drawn by CSS and add no text. Clicks on it are
//! handled once for the whole tree (`TreeUi::on_click`), by the class of what was hit.

use leptos::prelude::*;

use crate::components::tree_view::{row_id, TreeUi};

/// What a click on a part of a line does, by the class of that part.
pub const TWISTY: &str = "twisty";
pub const JUMP: &str = "jump";
pub const REPEAT_MARK: &str = "repeat-mark";

#[component]
pub fn TreeRow(ui: TreeUi, row: usize) -> impl IntoView {
    let (prefix, name, depth, rest, follows, has_children, repeat, jumps, node) =
        ui.view.with_value(|view| {
            let r = &view.rows[row];
            let follows = r
                .follows_parts()
                .map(|(words, target)| (words.to_owned(), target.to_owned()));
            (
                r.line.prefix.clone(),
                r.line.name.clone(),
                r.line.depth,
                r.rest.clone(),
                follows,
                r.has_children,
                r.is_repeat(),
                r.jump.is_some(),
                r.key.clone().filter(|_| !r.is_follows()),
            )
        });
    // One of several copies of a source, once the analysis has found it.
    let duplicate = move || {
        ui.state.analysis.with(|analysis| {
            analysis
                .as_ref()
                .zip(node.as_deref())
                .is_some_and(|(analysis, node)| analysis.is_duplicate(node))
        })
    };
    let is_follows = follows.is_some();
    let twisty = has_children.then(|| view! { <span class=TWISTY aria-hidden="true"></span> });
    let rest = match follows {
        // The quoted target reads as a link to the line it follows.
        Some((words, target)) if jumps => view! {
            {words}
            <span class=JUMP title="Go to the input it follows">
                {target}
            </span>
        }
        .into_any(),
        _ => rest.into_any(),
    };
    let repeat_mark = repeat.then(|| {
        view! {
            <span
                class=REPEAT_MARK
                aria-hidden="true"
                title="Shown with its inputs above: click to go there"
            ></span>
        }
    });
    let description = match (repeat, is_follows && jumps) {
        (true, _) => Some("shown with its inputs above; Enter goes there"),
        (false, true) => Some("Enter goes to the input it follows"),
        _ => None,
    };

    view! {
        <div
            role="treeitem"
            id=row_id(row)
            class="row"
            class:follows=is_follows
            class:repeat=repeat
            class:duplicate=duplicate
            aria-expanded=move || has_children.then(|| ui.is_expanded(row).to_string())
            aria-selected=move || ui.is_selected(row).to_string()
            aria-description=description
            tabindex=move || if ui.is_tab_stop(row) { "0" } else { "-1" }
            hidden=move || !ui.shown.with(|shown| shown[row])
        >
            <span class="prefix" aria-hidden="true">
                {prefix}
            </span>
            {twisty}
            <span class="name">{name}</span>
            {rest}
            {repeat_mark}
        </div>
    }
    // Leptos has no typed `aria-level`.
    .attr("aria-level", (depth + 1).to_string())
}
