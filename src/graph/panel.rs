//! The "Dependency graph" region: closed until asked for (a first visit draws nothing of
//! it), then its tools (the view: the whole graph, by source, around the selection; zoom,
//! fit, "Download SVG"), a legend and the picture. Its controls are plain markup handled
//! by one listener per kind of event on the region, by what they are (`data-view`,
//! `data-action`, a box's `data-node`): a Leptos view per button would cost a first visit
//! kilobytes of wasm for parts that never change.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::camera::Camera;
use super::download::download;
use super::drawing::{Drawer, Drawing, Drawn, View};
use super::picture::{self, keep_lit, markup, selected_node, svg_in};
use crate::boxed::{effect, handler, redrawn};
use crate::model::LockView;
use crate::state::AppState;

/// Above this many nodes the graph starts by source: a thousand boxes are a texture, not a
/// picture, and a hundred sources still read as one.
pub const BY_SOURCE_ABOVE: usize = 150;

/// The views, in the order of their buttons.
const VIEWS: [View; 3] = [View::Nodes, View::Sources, View::Around];

/// The tools, the words on how to move and the legend (each sample drawn by the styles).
const TOOLS: &str = r#"<div class="graph-tools"><span class="graph-views" role="group" aria-label="View"><button type="button" data-view="Whole graph">Whole graph</button><button type="button" data-view="By source">By source</button><button type="button" data-view="Around the selection">Around the selection</button></span><button type="button" data-action="in">Zoom in</button><button type="button" data-action="out">Zoom out</button><button type="button" data-action="fit">Fit</button><button type="button" data-action="download">Download SVG</button></div><p class="hint">A lock of more than 150 nodes starts by source. Drag to pan; the wheel, + and - zoom.</p><ul class="graph-legend"><li class="key-input">an input</li><li class="key-follows">an input that follows another</li><li class="key-tint">copies of one source share a tint</li><li class="key-lit">the selected input and every path from the root to it</li></ul>"#;

/// The view a lock's graph starts in, by its size.
fn first_view(lock: &LockView) -> View {
    match lock.lock.nodes().count() > BY_SOURCE_ABOVE {
        true => View::Sources,
        false => View::Nodes,
    }
}

/// The element an event happened in, or the nearest around it, that matches `selector`.
fn hit(event: &web_sys::Event, selector: &str) -> Option<Element> {
    let target = event.target()?.dyn_into::<Element>().ok()?;
    target.closest(selector).ok()?
}

#[component]
pub fn GraphPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    // The view chosen with its button; until then, the first view of each lock.
    let chosen = RwSignal::new(None::<View>);
    let drawn = RwSignal::new(Drawn::Waiting);
    let drawer = Drawer::default();
    let camera = Camera::new();
    let frame = NodeRef::<Div>::new();
    let which = move || {
        let first = move || state.on_screen.with(|lock| lock.as_deref().map(first_view));
        chosen.get().or_else(first).unwrap_or(View::Nodes)
    };
    // A drawing of what is asked, whenever that changes while the graph is open (around the
    // selection: once there is one); and the view's button pressed.
    effect(move |_: Option<()>| {
        let view = which();
        if let Ok(buttons) = document().query_selector_all("[data-view]") {
            for button in (0..buttons.length()).filter_map(|i| buttons.item(i)) {
                let button: Element = button.unchecked_into();
                let pressed = button.get_attribute("data-view").as_deref() == Some(view.name());
                let _ =
                    button.set_attribute("aria-pressed", if pressed { "true" } else { "false" });
            }
        }
        let (true, Some(lock)) = (open.get(), state.on_screen.get()) else {
            return;
        };
        let node = match view {
            View::Around => selected_node(state),
            _ => Some(String::new()),
        };
        match node {
            Some(node) => {
                drawn.set(Drawn::Waiting);
                drawer.ask(&lock, view, &node, drawn);
            }
            None => drawn.set(Drawn::Said(
                "Select an input, in the tree or the graph, to see what brings it and what it brings.",
            )),
        }
    });
    keep_lit(state, drawn, camera, frame);

    let with_drawing = move |act: &dyn Fn(&Drawing, Element)| {
        if let (Drawn::Ready(drawing), Some(svg)) = (drawn.get_untracked(), svg_in(frame)) {
            act(&drawing, svg);
        }
    };
    let on_click = move |event: leptos::ev::MouseEvent| {
        if let Some(button) = hit(&event, "[data-view]") {
            let name = button.get_attribute("data-view").unwrap_or_default();
            chosen.set(VIEWS.into_iter().find(|view| view.name() == name));
            return;
        }
        let action = hit(&event, "[data-action]").and_then(|b| b.get_attribute("data-action"));
        with_drawing(&|drawing, svg| match action.as_deref() {
            Some("in") => camera.zoom_step(&svg, true),
            Some("out") => camera.zoom_step(&svg, false),
            Some("fit") => camera.fit_drawing(&svg, drawing),
            Some("download") => download(drawing),
            _ if !camera.end_drag() => picture::on_click(state, drawing, &event),
            _ => {}
        });
    };
    // + and - zoom from anywhere in the region, as its buttons do; other keys act on a box.
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        with_drawing(&|drawing, svg| match event.key().as_str() {
            "+" | "=" | "-" => {
                event.prevent_default();
                camera.zoom_step(&svg, event.key() != "-");
            }
            _ => picture::on_key(state, drawing, camera, &svg, &event),
        });
    };
    let shown = redrawn(move || match drawn.get() {
        Drawn::Waiting => r#"<p class="hint">Laying the graph out…</p>"#.to_owned(),
        Drawn::Said(why) => format!(r#"<p class="hint" role="status">{why}</p>"#),
        Drawn::Ready(drawing) => markup(&drawing),
    });

    view! {
        <section
            class="graph-panel"
            aria-labelledby="graph-title"
            data-testid="graph"
            on:click=handler(on_click)
            on:keydown=handler(on_key)
            on:wheel=handler(move |event: leptos::ev::WheelEvent| {
                if let (Some(svg), Some(_)) = (svg_in(frame), hit(&event, "svg")) {
                    camera.on_wheel(&svg, event);
                }
            })
            on:pointerdown=handler(move |event| camera.on_pointer_down(event))
            on:pointermove=handler(move |event| {
                if let Some(svg) = svg_in(frame) {
                    camera.on_pointer_move(&svg, event);
                }
            })
        >
            <h2 id="graph-title">"Dependency graph"</h2>
            <button
                type="button"
                aria-expanded=redrawn(move || open.get().to_string())
                on:click=handler(move |_| open.update(|open| *open = !*open))
            >
                {redrawn(move || if open.get() { "Hide the graph" } else { "Show the graph" })}
            </button>
            <div class="graph-body" hidden=redrawn(move || (!open.get()).then_some("")) inner_html=TOOLS></div>
            <div class="graph-frame" node_ref=frame hidden=redrawn(move || (!open.get()).then_some("")) inner_html=shown></div>
        </section>
    }
}
