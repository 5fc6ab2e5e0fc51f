//! The input tree: the lines of `nix flake metadata`, alive. Parents expand and collapse,
//! follows jump to their target, a filter narrows it by name, and the keyboard moves
//! through it as through any tree (WAI-ARIA tree pattern, roving tabindex).

use std::sync::Arc;

use leptos::prelude::*;
use lockscope_core::text;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::components::tree_lines::tree_lines;
use crate::components::tree_row::{JUMP, REPEAT_MARK, TWISTY};
use crate::components::{
    boxed::{effect, handler, redrawn},
    field,
};
use crate::model::LockView;
use crate::state::{AppState, TREE_PANEL_ID};
use crate::tree_state::{ancestors, match_count, step, visible, Move, RowSet};

#[component]
pub fn TreeView() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section id=TREE_PANEL_ID class="tree-panel" aria-label="Input tree">
            // Each lock gets a tree of its own, so nothing of the last one's state lingers.
            {redrawn(move || state.shown.get().map(|view| view! { <LockTree view /> }.into_any()))}
        </section>
    }
}

/// The state of the tree on screen.
#[derive(Clone, Copy)]
pub struct TreeUi {
    pub view: StoredValue<Arc<LockView>>,
    pub state: AppState,
    pub collapsed: RwSignal<RowSet>,
    pub filter: RwSignal<String>,
    pub shown: Memo<Vec<bool>>,
    /// The one line that takes the tab stop: the selected one, or else the first shown.
    pub tab_stop: Memo<Option<usize>>,
}

impl TreeUi {
    fn new(view: Arc<LockView>, state: AppState) -> Self {
        let view = StoredValue::new(view);
        let collapsed = RwSignal::new(RowSet::default());
        let filter = RwSignal::new(String::new());
        let shown = Memo::new(move |_| {
            view.with_value(|view| visible(&view.rows, &collapsed.read(), &filter.read()))
        });
        let tab_stop = Memo::new(move |_| {
            shown.with(|shown| {
                state
                    .selected
                    .get()
                    .filter(|&row| shown.get(row) == Some(&true))
                    .or_else(|| step(shown, 0, Move::First))
            })
        });
        TreeUi {
            view,
            state,
            collapsed,
            filter,
            shown,
            tab_stop,
        }
    }

    pub fn set_expanded(&self, row: usize, expanded: bool) {
        if expanded {
            self.collapsed.update(|collapsed| {
                collapsed.remove(row);
            });
            return;
        }
        self.collapsed.update(|collapsed| {
            collapsed.insert(row);
        });
        // A selected line that disappears hands the selection to the line that hid it.
        let selected = self.state.selected.get_untracked();
        let hidden = selected.is_some_and(|selected| {
            self.view
                .with_value(|view| ancestors(&view.rows, selected).any(|a| a == row))
        });
        if hidden {
            self.state.selected.set(Some(row));
        }
    }

    /// Select a line and move the keyboard focus to it.
    pub fn focus(&self, row: usize) {
        go_to_row(self.state, row);
    }

    /// Go to the line that shows the node a line stands for.
    pub fn jump(&self, row: usize) {
        if let Some(target) = self.view.with_value(|view| view.rows[row].jump) {
            self.focus(target);
        }
    }

    /// Make a hidden line visible: clear the filter if it hides it, expand its parents.
    fn reveal(&self, row: usize) {
        if !self.filter.read_untracked().trim().is_empty() {
            self.filter.set(String::new());
            field::clear("filter");
        }
        self.view.with_value(|view| {
            self.collapsed.update(|collapsed| {
                for ancestor in ancestors(&view.rows, row) {
                    collapsed.remove(ancestor);
                }
            })
        });
    }

    /// A click anywhere in the tree: on a line's arrow it expands or collapses the line,
    /// on a follows target or a "shown above" mark it jumps, elsewhere it selects.
    fn on_click(&self, event: leptos::ev::MouseEvent) {
        let Some(hit) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let line = hit.closest("[role=treeitem]").ok().flatten();
        let Some(row) = line.and_then(|line| line.id().strip_prefix(ROW_ID)?.parse().ok()) else {
            return;
        };
        let classes = hit.class_list();
        if classes.contains(TWISTY) {
            let collapsed = self.collapsed.with_untracked(|c| c.contains(row));
            self.set_expanded(row, collapsed);
        } else if classes.contains(JUMP) || classes.contains(REPEAT_MARK) {
            self.jump(row);
        } else {
            self.focus(row);
        }
    }

    fn on_key(&self, event: leptos::ev::KeyboardEvent) {
        let Some(from) = self.tab_stop.get_untracked() else {
            return;
        };
        let (has_children, jump, parent) = self.view.with_value(|view| {
            let row = &view.rows[from];
            (row.has_children, row.jump, row.parent)
        });
        let expanded = has_children && self.collapsed.with_untracked(|c| !c.contains(from));
        let step_to = |to| self.shown.with_untracked(|shown| step(shown, from, to));
        let target = match event.key().as_str() {
            "ArrowDown" => step_to(Move::Next),
            "ArrowUp" => step_to(Move::Previous),
            "Home" => step_to(Move::First),
            "End" => step_to(Move::Last),
            "ArrowRight" if has_children && !expanded => {
                self.set_expanded(from, true);
                None
            }
            "ArrowRight" if expanded => step_to(Move::Next),
            "ArrowLeft" if expanded => {
                self.set_expanded(from, false);
                None
            }
            "ArrowLeft" => parent,
            "Enter" if jump.is_some() => {
                self.jump(from);
                None
            }
            "Enter" | " " => Some(from),
            _ => return,
        };
        event.prevent_default();
        if let Some(target) = target {
            self.focus(target);
        }
    }
}

/// Select a line of the tree, from anywhere on the page, and move the keyboard focus to it.
/// The tree reveals it if it is hidden.
pub fn go_to_row(state: AppState, row: usize) {
    state.selected.set(Some(row));
    // After the DOM caught up with the signals (a just revealed line is not hidden anymore).
    request_animation_frame(move || {
        let element = document().get_element_by_id(&row_id(row));
        if let Some(element) = element.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            let _ = element.focus();
        }
    });
}

const ROW_ID: &str = "row-";

pub fn row_id(row: usize) -> String {
    format!("{ROW_ID}{row}")
}

#[component]
fn LockTree(view: Arc<LockView>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let ui = TreeUi::new(view.clone(), state);
    // A line selected while hidden (a jump, a finding's "Show in the tree") comes into view.
    effect(move |_: Option<()>| {
        if let Some(row) = state.selected.get() {
            if ui
                .shown
                .with_untracked(|shown| shown.get(row) == Some(&false))
            {
                ui.reveal(row);
            }
        }
    });

    if view.rows.is_empty() {
        return view! { <p class="no-inputs">"This flake has no inputs."</p> }.into_any();
    }
    let parents: RowSet = view.rows.iter().filter_map(|row| row.parent).collect();
    let filter_status = redrawn(move || {
        let filter = ui.filter.get();
        if filter.trim().is_empty() {
            return String::new();
        }
        let count = ui.view.with_value(|view| match_count(&view.rows, &filter));
        format!(
            "{} named like “{}”",
            text::count(count, "input"),
            filter.trim()
        )
    });
    let (lines, all_drawn) = tree_lines(ui);

    view! {
        // What is typed in the filter comes up here, so that the field stays plain markup.
        <div class="tree-tools" on:input=handler(move |event| ui.filter.set(event_target_value(&event)))>
            <label for="filter">"Filter by name"</label>
            <input id="filter" type="search" autocomplete="off" spellcheck="false" />
            <button type="button" on:click=handler(move |_| ui.collapsed.set(RowSet::default()))>
                "Expand all"
            </button>
            <button type="button" on:click=handler(move |_| ui.collapsed.set(parents.clone()))>
                "Collapse all"
            </button>
            <span class="filter-status" role="status">
                {filter_status}
            </span>
        </div>
        <div class="tree-text" data-testid="tree">
            <h2 id="tree-title" class="tree-heading">
                "Inputs:"
            </h2>
            <div
                role="tree"
                aria-labelledby="tree-title"
                aria-busy=redrawn(move || (!all_drawn.get()).then_some("true"))
                on:keydown=handler(move |event| ui.on_key(event))
                on:click=handler(move |event| ui.on_click(event))
            >
                {lines}
            </div>
        </div>
    }
    .into_any()
}
