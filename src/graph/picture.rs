//! The picture: a drawing as an `<svg>`, a box per vertex (a group that carries `data-node`,
//! the node key, its title and two lines), a curve per edge (follows dashed; `data-from` and
//! `data-to` name its ends' nodes, its title the input), copies of one source tinted alike.
//! Every text from the lock is a text node or an attribute's value, never markup. The
//! selected box and every box and edge on a path from the root to it are lit; the arrows
//! move between boxes (one tab stop, as in the tree). A click or Enter on a box goes on up to
//! the page, which selects its node (`panel`); the end of a drag does not.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::svg::Svg;
use wasm_bindgen::JsCast;
use web_sys::{Element, SvgElement};

use super::bridge;
use super::camera::Camera;
use super::drawing::{Direction, Drawing};
use super::geometry::{BOX_HEIGHT, PADDING};

/// The box an event happened in.
fn block_hit(drawing: &Drawing, event: &web_sys::Event) -> Option<usize> {
    let node = bridge::box_of(event)?;
    (drawing.graph.vertices.iter()).position(|vertex| vertex.key == node)
}

/// Box `block`'s element in `svg`: the boxes are in the drawing's order.
fn element_of(svg: &Element, block: usize) -> Option<SvgElement> {
    let boxes = svg.query_selector_all("[data-node]").ok()?;
    boxes.item(block as u32)?.dyn_into().ok()
}

#[component]
pub fn Picture(
    drawing: Arc<Drawing>,
    /// The page's selection: the node key of the tree line selected.
    selected: RwSignal<Option<String>>,
    camera: Camera,
    svg: NodeRef<Svg>,
) -> impl IntoView {
    let at = {
        let drawing = drawing.clone();
        Memo::new(move |_| selected.with(|node| drawing.block_of(node.as_deref()?)))
    };
    // Each box's own signals, and selectors that wake only the boxes a change concerns: a
    // new selection touches the few boxes on its paths, not a thousand.
    let lit: Vec<RwSignal<bool>> = drawing
        .blocks
        .iter()
        .map(|_| RwSignal::new(false))
        .collect();
    let current = Selector::new(move || at.get());
    // The one tab stop: the selected box, else the one the arrows reached, else the root.
    let stop = RwSignal::new(0);
    let tab_stop = Selector::new(move || stop.get());
    {
        let (drawing, lit) = (drawing.clone(), lit.clone());
        Effect::new(move |_| {
            let at = at.get();
            let on = at.map(|at| drawing.reaching(at)).unwrap_or_default();
            for (b, lit) in lit.iter().enumerate() {
                let now = on.get(b).copied().unwrap_or(false);
                if lit.get_untracked() != now {
                    lit.set(now);
                }
            }
            if let Some(at) = at {
                stop.set(at);
                if let Some(svg) = svg.get_untracked() {
                    camera.show(&svg, &drawing, at);
                }
            }
        });
    }
    // A new picture is fitted in its frame once the frame has its size, and again when the
    // window's size changes the frame's, until the reader moves it.
    {
        let drawing = drawing.clone();
        svg.on_load(move |svg| {
            request_animation_frame(move || camera.fit_drawing(&svg, &drawing));
        });
    }
    {
        let drawing = drawing.clone();
        let resized = window_event_listener(leptos::ev::resize, move |_| {
            if let Some(svg) = svg.get_untracked() {
                camera.refit(&svg, &drawing);
            }
        });
        on_cleanup(move || resized.remove());
    }

    let key = |v: usize| drawing.graph.vertices[v].key.clone();
    let edges = (drawing.graph.edges.iter().zip(&drawing.curves))
        .map(|(edge, curve)| {
            let (from, to) = (lit[edge.from], lit[edge.to]);
            view! {
                <path
                    class=if edge.follows { "edge follows" } else { "edge" }
                    class:lit=move || from.get() && to.get()
                    data-from=key(edge.from)
                    data-to=key(edge.to)
                    d=curve.clone()
                >
                    <title>{edge.input.clone()}</title>
                </path>
            }
        })
        .collect_view();
    let blocks = (drawing
        .blocks
        .iter()
        .zip(&drawing.graph.vertices)
        .enumerate())
    .map(|(b, (block, vertex))| {
        let tint = block.tint.map(|t| format!(" tint-{t}")).unwrap_or_default();
        let (lit, current, tab_stop) = (lit[b], current.clone(), tab_stop.clone());
        view! {
            <g
                class=format!("block{tint}")
                class:lit=move || lit.get()
                data-node=vertex.key.clone()
                role="button"
                tabindex=move || if tab_stop.selected(&b) { "0" } else { "-1" }
                aria-current=move || current.selected(&Some(b)).then_some("true")
                transform=format!("translate({} {})", block.x, block.y)
            >
                // SVG's title, which the view macro would take for HTML's here.
                {leptos::svg::title().child(block.title.clone())}
                <rect width=block.width height=BOX_HEIGHT rx="5" />
                <text x=PADDING y="16">{block.label.clone()}</text>
                <text class="note" x=PADDING y="31">{block.note.clone()}</text>
            </g>
        }
    })
    .collect_view();

    let on_key = {
        let drawing = drawing.clone();
        move |event: leptos::ev::KeyboardEvent| {
            let Some(from) = block_hit(&drawing, &event) else {
                return;
            };
            let direction = match event.key().as_str() {
                "ArrowUp" => Direction::Up,
                "ArrowDown" => Direction::Down,
                "ArrowLeft" => Direction::Left,
                "ArrowRight" => Direction::Right,
                _ => return,
            };
            event.prevent_default();
            let (Some(to), Some(svg)) = (drawing.step(from, direction), svg.get_untracked()) else {
                return;
            };
            stop.set(to);
            if let Some(target) = element_of(&svg, to) {
                let _ = target.focus();
            }
            camera.show(&svg, &drawing, to);
        }
    };
    let label = format!(
        "{} boxes, {} edges. Arrow keys move between boxes, Enter selects.",
        drawing.blocks.len(),
        drawing.graph.edges.len()
    );

    view! {
        <svg
            class="graph-svg"
            role="group"
            aria-label=label
            node_ref=svg
            on:click=move |event| {
                if camera.end_drag() {
                    event.stop_propagation();
                }
            }
            on:keydown=on_key
            on:wheel=move |event| {
                if let Some(svg) = svg.get_untracked() {
                    camera.on_wheel(&svg, event);
                }
            }
            on:pointerdown=move |event| camera.on_pointer_down(event)
            on:pointermove=move |event| camera.on_pointer_move(event)
        >
            <g class="camera" transform=move || camera.transform()>
                <defs>
                    <marker
                        id="graph-arrow"
                        viewBox="0 0 10 10"
                        refX="10"
                        refY="5"
                        markerUnits="userSpaceOnUse"
                        markerWidth="8"
                        markerHeight="8"
                        orient="auto"
                    >
                        <path d="M0 0L10 5L0 10z" />
                    </marker>
                </defs>
                <g class="edges">{edges}</g>
                <g class="blocks">{blocks}</g>
            </g>
        </svg>
    }
}
