//! One line of the tree, and how the rest of the page goes to one. A line holds both of
//! the tree's ways to read it, and the tree's mode shows one (the styles hide the other):
//! Nix's text, exactly the line Nix prints, so that the tree's `innerText` reproduces `nix
//! flake metadata`; and the readable line, the input's short source, revision and age in
//! the engine's words ([`Brief`]). The controls and marks on it (the expand/collapse arrow,
//! "shown above", "duplicate", "not a flake") are drawn by CSS, in words, and add no text
//! to Nix's. Clicks on it are handled once for the whole tree (`TreeUi::on_click`), by the class
//! of what was hit, and the attributes that change later are kept by the tree (`lines`): a
//! line itself holds no signal.

use leptos::prelude::*;
use lockscope_core::details::Brief;
use lockscope_core::time::age_in_words;
use web_sys::Element;

use crate::boxed::handler;
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

/// An input path as a button that goes to its line (or, when the tree has no line for it,
/// the first that shows `node`), from any panel; plain text when there is none.
pub fn path_button(state: AppState, path: &[String], node: Option<&str>) -> AnyView {
    let text = path.join("/");
    match state.row_on_screen(path, node) {
        Some(row) => view! {
            <button type="button" class="show-in-tree" on:click=handler(move |_| go_to_row(state, row))>
                {text}
            </button>
        }
        .into_any(),
        None => view! { <span>{text}</span> }.into_any(),
    }
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
    /// A Nixpkgs on a branch that gets no more fixes, once the analysis has found it.
    pub unsupported: bool,
}

/// The readable line of a node: its short source, revision and age at `now` (Unix seconds),
/// the age's class for its colour (under 30 days, under a year, older), and "not a flake".
fn readable(brief: Brief, now: i64) -> impl IntoView {
    let age = brief.last_modified.map(|secs| {
        let secs = now.saturating_sub(secs as i64);
        let class = match secs / 86_400 {
            ..30 => "age fresh",
            30..365 => "age aging",
            _ => "age old",
        };
        view! { <span class=class>{age_in_words(secs)}</span> }
    });
    view! {
        <span class="brief">
            <span class="source">{brief.source}</span>
            {brief.rev.map(|rev| view! { <span class="rev">{rev}</span> })}
            {age}
            {(!brief.flake).then(|| view! { <span class="tag">"not a flake"</span> })}
        </span>
    }
}

/// Line `index` of the tree; `brief` is the node's, for a line that shows one with its own
/// name, and `now` the time its age counts to.
pub fn tree_row(
    index: usize,
    row: &Row,
    brief: Option<Brief>,
    now: i64,
    state: LineState,
) -> impl IntoView {
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
        // A node's line: Nix's text or the readable words, as the tree's mode says.
        _ => view! {
            <span class="rest">{row.rest.clone()}</span>
            {brief.map(|brief| readable(brief, now))}
        }
        .into_any(),
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
        <div
            class="row"
            class:follows=follows.is_some()
            class:repeat=repeat
            class:duplicate=state.duplicate
            class:unsupported=state.unsupported
        >
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
    .attr(
        "aria-expanded",
        row.has_children
            .then_some(if state.expanded { "true" } else { "false" }),
    )
    // A tree of single selection marks the selected line only.
    .attr("aria-selected", state.selected.then_some("true"))
    .attr("aria-description", description)
    .attr("tabindex", Some(if state.tab_stop { "0" } else { "-1" }))
    // The full reference, which the readable line shortens.
    .attr("title", Some(format!("{}{}", row.line.name, row.rest)))
    .attr("hidden", (!state.visible).then_some(""))
}
