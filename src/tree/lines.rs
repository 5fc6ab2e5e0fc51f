//! The lines of the tree on screen. A big lock has thousands: the first screenful is drawn
//! at once and the rest in the next task, so the tree shows without waiting for its
//! thousandth line; then a few effects for the whole tree keep the lines' attributes in
//! step with its state, touching only the lines a change concerns. (With five effects on
//! every line, the 1442 lines of the biggest lock took 0.6 s to take in the analyses; now
//! 0.2 s, and drawing a line costs no effect.) When each part comes on screen, the
//! analyses last, is `schedule`.

use std::ops::Range;

use leptos::prelude::*;
use lockscope_core::details::Brief;
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::boxed::{effect, redrawn};
use crate::dom::{after_layout, next_task, now};
use crate::tree::logic::RowSet;
use crate::tree::row::{row_id, tree_row, LineState};
use crate::tree::ui::TreeUi;

/// Lines drawn at once: more than a screen shows (a line is about 20 pixels high).
const FIRST_LINES: usize = 100;

/// The lines of the tree, and whether they are all drawn yet (for `aria-busy`); `then`
/// runs once they all are on screen.
pub fn tree_lines(ui: TreeUi, then: impl FnOnce() + 'static) -> (impl IntoView, ReadSignal<bool>) {
    let total = ui.view.with_value(|view| view.rows.len());
    let first = total.min(FIRST_LINES);
    let (all_drawn, set_all_drawn) = signal(first == total);
    let first_lines = draw(ui, 0..first);
    let other_lines = redrawn(move || all_drawn.get().then(|| draw(ui, first..total).into_any()));
    keep_in_step(ui);
    // Unless another lock took the tree's place meanwhile.
    schedule(move || set_all_drawn.try_set(true).is_none(), then);
    (view! { {first_lines} {other_lines} }, all_drawn)
}

/// When each part of a tree comes on screen, each once the browser has shown the part
/// before: the lines drawn first, laid out (the mark `lockscope:tree-shown`); in the next
/// task, `draw_rest` draws the other lines, laid out in their turn
/// (`lockscope:tree-complete`); in the task after that paint, `then` (the analyses, asked of
/// their worker, whose code the tree never waits for). A `draw_rest` that returns false
/// (the tree is gone) ends it.
pub fn schedule(draw_rest: impl FnOnce() -> bool + 'static, then: impl FnOnce() + 'static) {
    after_layout("lockscope:tree-shown", move || {
        next_task(move || {
            if draw_rest() {
                after_layout("lockscope:tree-complete", || next_task(then));
            }
        })
    });
}

/// Draws lines as the tree stands now.
fn draw(ui: TreeUi, lines: Range<usize>) -> impl IntoView {
    let visible = ui.visible.get_untracked();
    let collapsed = ui.collapsed.get_untracked();
    let selected = ui.state.selected.get_untracked();
    let tab_stop = ui.tab_stop.get_untracked();
    let now = now();
    ui.state.analysis.with_untracked(|analysis| {
        ui.view.with_value(|view| {
            lines
                .map(|index| {
                    let row = &view.rows[index];
                    let state = LineState {
                        visible: visible[index],
                        expanded: !collapsed.contains(index),
                        selected: selected == Some(index),
                        tab_stop: tab_stop == Some(index),
                        duplicate: analysis.as_ref().is_some_and(|a| a.flags(row)),
                        unsupported: analysis.as_ref().is_some_and(|a| a.unsupported(row)),
                    };
                    let brief = (row.node())
                        .and_then(|key| view.lock.node(key))
                        .and_then(Brief::of);
                    tree_row(index, row, brief, now, state)
                })
                .collect_view()
        })
    })
}

/// Keeps the drawn lines in step with the tree's state: each effect compares the state
/// with what it was at its last run, which is what the lines show.
fn keep_in_step(ui: TreeUi) {
    effect(move |before: Option<Vec<bool>>| {
        let visible = ui.visible.get();
        for (row, (&now, &was)) in visible
            .iter()
            .zip(before.as_ref().unwrap_or(&visible))
            .enumerate()
        {
            if now != was {
                on_line(row, |line| line.toggle_attribute_with_force("hidden", !now));
            }
        }
        visible
    });
    effect(move |before: Option<RowSet>| {
        let collapsed = ui.collapsed.get();
        for row in collapsed.changed(before.as_ref().unwrap_or(&collapsed)) {
            let expanded = if collapsed.contains(row) {
                "false"
            } else {
                "true"
            };
            on_line(row, |line| line.set_attribute("aria-expanded", expanded));
        }
        collapsed
    });
    effect(move |before: Option<Option<usize>>| {
        let now = ui.state.selected.get();
        move_mark(before.flatten(), now, |line, on| match on {
            true => line.set_attribute("aria-selected", "true"),
            false => line.remove_attribute("aria-selected"),
        });
        now
    });
    effect(move |before: Option<Option<usize>>| {
        let now = ui.tab_stop.get();
        move_mark(before.flatten(), now, |line, on| {
            line.set_attribute("tabindex", if on { "0" } else { "-1" })
        });
        now
    });
    effect(move |_: Option<()>| {
        ui.state.analysis.with(|analysis| {
            let Some(analysis) = analysis else { return };
            ui.view.with_value(|view| {
                for (index, row) in view.rows.iter().enumerate() {
                    if analysis.flags(row) {
                        on_line(index, |line| line.class_list().add_1("duplicate"));
                    }
                    if analysis.unsupported(row) {
                        on_line(index, |line| line.class_list().add_1("unsupported"));
                    }
                }
            })
        })
    });
    // The update checks' few words beside their lines, drawn by the styles: the line's text
    // stays Nix's. A round only adds or replaces results, so no line loses its words.
    effect(move |_: Option<()>| {
        ui.state.updates.checks.with(|checks| {
            ui.view.with_value(|view| {
                for checked in &checks.results {
                    let path: Vec<String> = checked.input.split('/').map(str::to_owned).collect();
                    if let Some(row) = view.row_for(&path, None) {
                        on_line(row, |line| {
                            line.set_attribute("data-update", &checked.badge)?;
                            line.set_attribute("data-update-status", &checked.status)
                        });
                    }
                }
            })
        })
    });
}

/// Moves a mark that one line bears at most from line `before` to line `now`.
fn move_mark(
    before: Option<usize>,
    now: Option<usize>,
    mark: impl Fn(&Element, bool) -> Result<(), JsValue>,
) {
    if let Some(before) = before.filter(|&before| Some(before) != now) {
        on_line(before, |line| mark(line, false));
    }
    if let Some(now) = now {
        on_line(now, |line| mark(line, true));
    }
}

/// Changes line `row` if it is drawn. The DOM calls made on a line cannot fail.
fn on_line<T>(row: usize, change: impl FnOnce(&Element) -> Result<T, JsValue>) {
    if let Some(line) = document().get_element_by_id(&row_id(row)) {
        let _ = change(&line);
    }
}
