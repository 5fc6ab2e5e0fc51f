//! One line of the tree, and how the rest of the page goes to one. Its text is exactly the
//! line Nix prints, so the tree's `innerText` reproduces `nix flake metadata`; the controls
//! on it (the expand/collapse arrow, the "shown above" mark) are drawn by CSS and add no
//! text. Clicks on it are handled once for the whole tree (`TreeUi::on_click`), by the class
//! of what was hit, and the attributes that change later are kept by the tree (`lines`): a
//! line itself holds no signal.

use leptos::prelude::*;
use web_sys::Element;

use crate::dom::focus_when_drawn;
use crate::model::Row;
use crate::state::AppState;

/// What a click on a part of a line does, by the class of that part.
pub const TWISTY: &str = "twisty";
pub const JUMP: &str = "jump";
pub const REPEAT_MARK: &str = "repeat-mark";

/// The start of a line's element id, which its index follows.
const ROW_ID: &str = "row-";

/// The element id of line `row`.
pub fn row_id(row: usize) -> String {
    format!("{ROW_ID}{row}")
}

/// The index of the line an element is in, if it is in one.
pub fn row_of(element: &Element) -> Option<usize> {
    let line = element.closest("[role=treeitem]").ok().flatten()?;
    line.id().strip_prefix(ROW_ID)?.parse().ok()
}

/// Select a line of the tree, from anywhere on the page, and move the keyboard focus to it.
/// The tree reveals it if it is hidden.
pub fn go_to_row(state: AppState, row: usize) {
    state.selected.set(Some(row));
    focus_when_drawn(row_id(row));
}

/// How a line stands in the tree when it is drawn.
pub struct LineState {
    /// Not hidden by a collapsed parent or the filter.
    pub visible: bool,
    /// Its children are on screen (for a line that has some).
    pub expanded: bool,
    /// Its details are open.
    pub selected: bool,
    /// It takes the tree's tab stop.
    pub tab_stop: bool,
    /// One of several copies of a source, once the analysis has found it.
    pub duplicate: bool,
}

/// Line `index` of the tree.
pub fn tree_row(index: usize, row: &Row, state: LineState) -> impl IntoView {
    let repeat = row.is_repeat();
    let jumps = row.jump.is_some();
    let follows = row.follows_parts();
    let twisty = row
        .has_children
        .then(|| view! { <span class=TWISTY aria-hidden="true"></span> });
    let rest = match follows {
        // The quoted target reads as a link to the line it follows.
        Some((words, target)) if jumps => view! {
            {words.to_owned()}
            <span class=JUMP title="Go to the input it follows">
                {target.to_owned()}
            </span>
        }
        .into_any(),
        _ => row.rest.clone().into_any(),
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
    let description = match (repeat, follows.is_some() && jumps) {
        (true, _) => Some("shown with its inputs above; Enter goes there"),
        (false, true) => Some("Enter goes to the input it follows"),
        _ => None,
    };

    view! {
        <div class="row" class:follows=follows.is_some() class:repeat=repeat class:duplicate=state.duplicate>
            <span class="prefix" aria-hidden="true">
                {row.line.prefix.clone()}
            </span>
            {twisty}
            <span class="name">{row.line.name.clone()}</span>
            {rest}
            {repeat_mark}
        </div>
    }
    // Attributes as custom ones of one value type: Leptos compiles the code that sets an
    // attribute once per type, and each typed attribute is a type of its own.
    .attr("role", Some("treeitem"))
    .attr("id", Some(row_id(index)))
    .attr("aria-level", Some((row.line.depth + 1).to_string()))
    .attr("aria-expanded", row.has_children.then_some(if state.expanded { "true" } else { "false" }))
    // A tree of single selection marks the selected line only.
    .attr("aria-selected", state.selected.then_some("true"))
    .attr("aria-description", description)
    .attr("tabindex", Some(if state.tab_stop { "0" } else { "-1" }))
    .attr("hidden", (!state.visible).then_some(""))
}
