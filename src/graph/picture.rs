//! The graph's `<svg>`, with the worker's markup in it (`geometry`). One effect for the
//! whole picture keeps the highlight in step with the page's selection (the selected box,
//! and every box and edge on a path from the root to it), touching only what changed, as
//! the tree does with its lines. A click or Enter on a box selects its first tree line;
//! the arrows move between boxes (one tab stop, as in the tree).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::svg::Svg;
use wasm_bindgen::JsCast;
use web_sys::{Element, NodeList, SvgElement};

use super::camera::Camera;
use super::drawing::{Direction, Drawing};
use super::geometry::BOX_HEIGHT;
use crate::boxed::{effect, handler, redrawn};
use crate::state::AppState;

/// SVG's namespace, which a file of its own must name.
pub const SVG_NS: &str = "http://www.w3.org/2000/svg";
/// The class of what is on a path from the root to the selected box.
const LIT: &str = "lit";

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
    let node = hit
        .closest("[data-node]")
        .ok()??
        .get_attribute("data-node")?;
    drawing.block_named(&node)
}

/// A box's rectangle in the drawing.
fn rectangle(drawing: &Drawing, block: usize) -> (f64, f64, f64, f64) {
    let [x, y, width] = drawing.place(block).unwrap_or_default();
    (x as f64, y as f64, width as f64, BOX_HEIGHT as f64)
}

/// The `<svg>` of a drawing, in `frame`.
#[component]
pub fn Picture(drawing: Arc<Drawing>, camera: Camera, frame: NodeRef<Svg>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = drawing.clone();
    // The highlight, the tab stop, and the selected box in sight; first, the drawing fitted.
    effect(move |before: Option<Vec<bool>>| {
        let selected = selected_node(state).and_then(|node| shown.block_of(&node));
        let count = shown.nodes.len();
        let lit = selected.map_or_else(|| vec![false; count], |at| shown.reaching(at));
        let Some(svg) = frame.get_untracked() else {
            return lit;
        };
        let was = before.unwrap_or_else(|| {
            let focus = shown.place(selected.unwrap_or(0)).map_or(0, |[_, y, _]| y);
            camera.fit(
                &svg,
                (shown.width as f64, shown.height as f64),
                focus as f64,
            );
            vec![false; count]
        });
        let blocks = all(&svg, "[data-node]");
        let edges = all(&svg, ".edge");
        for (v, (&now, &then)) in lit.iter().zip(&was).enumerate() {
            if now != then {
                mark(&blocks, v, LIT, now);
            }
        }
        for (e, (from, to)) in shown.ends().enumerate() {
            let on = |lit: &[bool]| lit[from] && lit[to];
            if on(&lit) != on(&was) {
                mark(&edges, e, LIT, on(&lit));
            }
        }
        if let Ok(Some(current)) = svg.query_selector("[aria-current]") {
            let _ = current.remove_attribute("aria-current");
        }
        if let Some(at) = selected {
            if let Some(block) = item(&blocks, at) {
                let _ = block.set_attribute("aria-current", "true");
            }
            camera.show(&svg, rectangle(&shown, at));
        }
        move_tab_stop(&svg, item(&blocks, selected.unwrap_or(0)));
        lit
    });

    let (on_click, on_key) = {
        let (clicked, keyed) = (drawing.clone(), drawing.clone());
        let on_click = move |event: leptos::ev::MouseEvent| {
            if camera.end_drag() {
                return;
            }
            if let Some(block) = block_of(&clicked, &event) {
                select(state, &clicked, block);
            }
        };
        let on_key = move |event: leptos::ev::KeyboardEvent| {
            let Some(from) = block_of(&keyed, &event) else {
                return;
            };
            let direction = match event.key().as_str() {
                "ArrowUp" => Direction::Up,
                "ArrowDown" => Direction::Down,
                "ArrowLeft" => Direction::Left,
                "ArrowRight" => Direction::Right,
                "Enter" | " " => {
                    event.prevent_default();
                    return select(state, &keyed, from);
                }
                _ => return,
            };
            event.prevent_default();
            let (Some(to), Some(svg)) = (keyed.step(from, direction), frame.get_untracked()) else {
                return;
            };
            let target = item(&all(&svg, "[data-node]"), to);
            move_tab_stop(&svg, target.clone());
            if let Some(target) = target.and_then(|t| t.dyn_into::<SvgElement>().ok()) {
                let _ = target.focus();
            }
            camera.show(&svg, rectangle(&keyed, to));
        };
        (on_click, on_key)
    };
    let label = format!(
        "{} boxes, {} edges. Arrow keys move between boxes, Enter selects.",
        drawing.nodes.len(),
        drawing.edges.len() / 2
    );

    view! {
        <svg
            node_ref=frame
            class="graph-svg"
            xmlns=SVG_NS
            role="group"
            aria-label=label
            on:click=handler(on_click)
            on:keydown=handler(on_key)
            on:wheel=handler(move |event| {
                if let Some(svg) = frame.get_untracked() {
                    camera.on_wheel(&svg, event);
                }
            })
            on:pointerdown=handler(move |event| camera.on_pointer_down(event))
            on:pointermove=handler(move |event| camera.on_pointer_move(event))
        >
            <g class="camera" transform=redrawn(move || camera.transform()) inner_html=drawing.svg.clone()></g>
        </svg>
    }
}

/// The elements in `svg` that match a selector, in document order.
fn all(svg: &Element, selector: &str) -> Option<NodeList> {
    svg.query_selector_all(selector).ok()
}

/// Item `index` of a list of elements.
fn item(list: &Option<NodeList>, index: usize) -> Option<Element> {
    list.as_ref()?.item(index as u32)?.dyn_into().ok()
}

/// Adds or removes a class on item `index` of a list.
fn mark(list: &Option<NodeList>, index: usize, class: &str, on: bool) {
    if let Some(element) = item(list, index) {
        let _ = element.class_list().toggle_with_force(class, on);
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
