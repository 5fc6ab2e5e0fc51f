//! The picture in the page: the worker's markup in an `<svg>` (`markup`), and what acts on
//! it. One effect for the whole picture keeps the highlight in step with the page's
//! selection (the selected box, and every box and edge on a path from the root to it). A click or Enter on a box
//! selects its first tree line; the arrows move between boxes (one tab stop, as in the
//! tree).

use std::sync::Arc;

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, NodeList, SvgElement};

use super::camera::Camera;
use super::drawing::{Direction, Drawing, Drawn};
use super::geometry::BOX_HEIGHT;
use crate::boxed::effect;
use crate::state::AppState;

/// SVG's namespace, which a file of its own must name.
pub const SVG_NS: &str = "http://www.w3.org/2000/svg";
/// The class of what is on a path from the root to the selected box.
const LIT: &str = "lit";

/// The `<svg>` of a drawing, its markup from the worker inside the group the camera moves.
pub fn markup(drawing: &Drawing) -> String {
    format!(
        r#"<svg class="graph-svg" xmlns="{SVG_NS}" role="group" aria-label="{} boxes, {} edges. Arrow keys move between boxes, Enter selects."><g class="camera">{}</g></svg>"#,
        drawing.nodes.len(),
        drawing.edges.len() / 2,
        drawing.svg
    )
}

/// The node a tree line stands for, of the line selected (a follows line: the node it
/// leads to).
pub fn selected_node(state: AppState) -> Option<String> {
    let row = state.selected.get()?;
    state
        .on_screen
        .with(|view| view.as_ref()?.rows.get(row)?.key.clone())
}

/// Selects the first tree line of box `block`'s node; the root, which has none, selects
/// nothing. The focus stays where it is.
fn select(state: AppState, drawing: &Drawing, block: usize) {
    let node = drawing.nodes[block].first().map(String::as_str);
    state
        .selected
        .set(node.and_then(|node| state.row_on_screen(&[], Some(node))));
}

/// The box an event happened in.
fn block_of(drawing: &Drawing, event: &web_sys::Event) -> Option<usize> {
    let hit = event.target()?.dyn_into::<Element>().ok()?;
    let node = (hit.closest("[data-node]").ok()??).get_attribute("data-node")?;
    drawing.block_named(&node)
}

/// A box's rectangle in the drawing.
fn rectangle(drawing: &Drawing, block: usize) -> (f64, f64, f64, f64) {
    let [x, y, width] = drawing.place(block).unwrap_or_default();
    (x as f64, y as f64, width as f64, BOX_HEIGHT as f64)
}

/// The `<svg>` in the picture's frame, once drawn.
pub fn svg_in(frame: NodeRef<Div>) -> Option<Element> {
    frame.get_untracked()?.first_element_child()
}

/// Keeps each picture drawn in `frame` in step with the selection: the highlight, the tab
/// stop, and the selected box in sight; a new picture first fitted in its frame.
pub fn keep_lit(state: AppState, drawn: RwSignal<Drawn>, camera: Camera, frame: NodeRef<Div>) {
    effect(move |before: Option<Option<Arc<Drawing>>>| {
        let Drawn::Ready(shown) = drawn.get() else {
            return None;
        };
        let selected = selected_node(state).and_then(|node| shown.block_of(&node));
        let svg = svg_in(frame)?;
        if !before
            .flatten()
            .is_some_and(|drawing| Arc::ptr_eq(&drawing, &shown))
        {
            camera.fit_drawing(&svg, &shown);
        }
        // What was lit goes out, what is on the paths to the selection comes on: a few
        // hundred elements at most, each touched once.
        if let Ok(lit) = svg.query_selector_all(".lit, [aria-current]") {
            for element in (0..lit.length()).filter_map(|i| lit.item(i)) {
                let element: Element = element.unchecked_into();
                let _ = element.class_list().remove_1(LIT);
                let _ = element.remove_attribute("aria-current");
            }
        }
        let blocks = all(&svg, "[data-node]");
        if let Some(at) = selected {
            let on = shown.reaching(at);
            for (v, _) in on.iter().enumerate().filter(|(_, on)| **on) {
                mark(&blocks, v);
            }
            let edges = all(&svg, ".edge");
            for (e, (from, to)) in shown.ends().enumerate() {
                if on[from] && on[to] {
                    mark(&edges, e);
                }
            }
            if let Some(block) = item(&blocks, at) {
                let _ = block.set_attribute("aria-current", "true");
            }
            camera.show(&svg, rectangle(&shown, at));
        }
        move_tab_stop(&svg, item(&blocks, selected.unwrap_or(0)));
        Some(shown)
    });
}

/// A click on a box selects it.
pub fn on_click(state: AppState, drawing: &Drawing, event: &web_sys::Event) {
    if let Some(block) = block_of(drawing, event) {
        select(state, drawing, block);
    }
}

/// A key on a box: Enter or Space selects it, the arrows move to the box beside it.
pub fn on_key(
    state: AppState,
    drawing: &Drawing,
    camera: Camera,
    svg: &Element,
    event: &leptos::ev::KeyboardEvent,
) {
    let Some(from) = block_of(drawing, event) else {
        return;
    };
    let direction = match event.key().as_str() {
        "ArrowUp" => Direction::Up,
        "ArrowDown" => Direction::Down,
        "ArrowLeft" => Direction::Left,
        "ArrowRight" => Direction::Right,
        "Enter" | " " => {
            event.prevent_default();
            return select(state, drawing, from);
        }
        _ => return,
    };
    event.prevent_default();
    let Some(to) = drawing.step(from, direction) else {
        return;
    };
    let target = item(&all(svg, "[data-node]"), to);
    move_tab_stop(svg, target.clone());
    if let Some(target) = target.and_then(|t| t.dyn_into::<SvgElement>().ok()) {
        let _ = target.focus();
    }
    camera.show(svg, rectangle(drawing, to));
}

/// The elements in `svg` that match a selector, in document order.
fn all(svg: &Element, selector: &str) -> Option<NodeList> {
    svg.query_selector_all(selector).ok()
}

/// Item `index` of a list of elements.
fn item(list: &Option<NodeList>, index: usize) -> Option<Element> {
    list.as_ref()?.item(index as u32)?.dyn_into().ok()
}

/// Lights item `index` of a list.
fn mark(list: &Option<NodeList>, index: usize) {
    if let Some(element) = item(list, index) {
        let _ = element.class_list().add_1(LIT);
    }
}

/// Makes `to` the picture's one tab stop.
fn move_tab_stop(svg: &Element, to: Option<Element>) {
    if let Ok(Some(stop)) = svg.query_selector("[data-node][tabindex='0']") {
        let _ = stop.set_attribute("tabindex", "-1");
    }
    if let Some(to) = to {
        let _ = to.set_attribute("tabindex", "0");
    }
}
