//! The state of the tree on screen (which lines are collapsed, the filter, which lines that
//! leaves visible, the tab stop) and what clicks and keys do to it.

use std::sync::Arc;

use leptos::html::Input;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::model::LockView;
use crate::state::AppState;
use crate::tree::logic::{ancestors, step, visible, Move, RowSet};
use crate::tree::row::{go_to_row, row_of, JUMP, REPEAT_MARK, TWISTY};

/// The state of the tree on screen.
#[derive(Clone, Copy)]
pub struct TreeUi {
    /// The lock the tree shows.
    pub view: StoredValue<Arc<LockView>>,
    /// The page's state.
    pub state: AppState,
    /// The lines whose children are hidden.
    pub collapsed: RwSignal<RowSet>,
    /// What the filter field holds.
    pub filter: RwSignal<String>,
    /// The filter field, emptied when a line it hides must show.
    pub filter_field: NodeRef<Input>,
    /// One flag per line: visible or not.
    pub visible: Memo<Vec<bool>>,
    /// The one line that takes the tab stop: the selected one, or else the first visible.
    pub tab_stop: Memo<Option<usize>>,
}

impl TreeUi {
    /// The state of a new tree for this lock: every line expanded, no filter.
    pub fn new(view: Arc<LockView>, state: AppState) -> Self {
        let view = StoredValue::new(view);
        let collapsed = RwSignal::new(RowSet::default());
        let filter = RwSignal::new(String::new());
        let visible = Memo::new(move |_| {
            view.with_value(|view| visible(&view.rows, &collapsed.read(), &filter.read()))
        });
        let tab_stop = Memo::new(move |_| {
            visible.with(|visible| {
                state
                    .selected
                    .get()
                    .filter(|&row| visible.get(row) == Some(&true))
                    .or_else(|| step(visible, 0, Move::First))
            })
        });
        TreeUi {
            view,
            state,
            collapsed,
            filter,
            filter_field: NodeRef::new(),
            visible,
            tab_stop,
        }
    }

    /// Expand or collapse a line.
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

    /// Go to the line that shows the node a line stands for.
    pub fn jump(&self, row: usize) {
        if let Some(target) = self.view.with_value(|view| view.rows[row].jump) {
            go_to_row(self.state, target);
        }
    }

    /// Make a hidden line visible: clear the filter if it hides it, expand its parents.
    pub fn reveal(&self, row: usize) {
        if !self.filter.read_untracked().trim().is_empty() {
            self.filter.set(String::new());
            if let Some(field) = self.filter_field.get_untracked() {
                field.set_value("");
            }
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
    pub fn on_click(&self, event: leptos::ev::MouseEvent) {
        let Some(hit) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Some(row) = row_of(&hit) else {
            return;
        };
        let classes = hit.class_list();
        if classes.contains(TWISTY) {
            let collapsed = self.collapsed.with_untracked(|c| c.contains(row));
            self.set_expanded(row, collapsed);
        } else if classes.contains(JUMP) || classes.contains(REPEAT_MARK) {
            self.jump(row);
        } else {
            go_to_row(self.state, row);
        }
    }

    /// A key pressed in the tree, as the WAI-ARIA tree pattern says.
    pub fn on_key(&self, event: leptos::ev::KeyboardEvent) {
        let Some(from) = self.tab_stop.get_untracked() else {
            return;
        };
        let (has_children, jump, parent) = self.view.with_value(|view| {
            let row = &view.rows[from];
            (row.has_children, row.jump, row.parent)
        });
        let expanded = has_children && self.collapsed.with_untracked(|c| !c.contains(from));
        let step_to = |to| {
            self.visible
                .with_untracked(|visible| step(visible, from, to))
        };
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
            go_to_row(self.state, target);
        }
    }
}
