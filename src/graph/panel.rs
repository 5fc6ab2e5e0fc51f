//! The "Dependency graph" region: closed until asked for (a first visit draws nothing of
//! it), then the view (the whole graph, by source, around the selection; a big lock starts
//! by source), the zoom buttons, "Download SVG", a legend and the picture.

use leptos::prelude::*;
use leptos::svg::Svg;
use lockscope_core::text::count;

use super::camera::Camera;
use super::download::download;
use super::drawing::{Drawer, Drawn, View};
use super::picture::{selected_node, Picture};
use crate::boxed::{effect, handler, redrawn};
use crate::model::LockView;
use crate::state::AppState;

/// Above this many nodes the graph starts by source: a thousand boxes are a texture, not a
/// picture, and a hundred sources still read as one.
pub const BY_SOURCE_ABOVE: usize = 150;

/// The view a lock's graph starts in, by its size.
fn first_view(lock: &LockView) -> View {
    match lock.lock.nodes().count() > BY_SOURCE_ABOVE {
        true => View::Sources,
        false => View::Nodes,
    }
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
    let frame = NodeRef::<Svg>::new();
    let which = Memo::new(move |_| {
        let first = move || state.on_screen.with(|lock| lock.as_deref().map(first_view));
        chosen.get().or_else(first).unwrap_or(View::Nodes)
    });
    let around = Memo::new(move |_| (which.get() == View::Around).then(|| selected_node(state)));
    // A drawing of what is asked, whenever that changes while the graph is open.
    effect(move |_: Option<()>| {
        let (true, Some(lock)) = (open.get(), state.on_screen.get()) else {
            return;
        };
        let node = match around.get() {
            Some(None) => return,
            node => node.flatten().unwrap_or_default(),
        };
        drawn.set(Drawn::Waiting);
        drawer.ask(&lock, which.get(), &node, drawn);
    });

    let view_button = move |view: View| {
        view! {
            <button type="button" on:click=handler(move |_| chosen.set(Some(view)))>
                {view.name()}
            </button>
        }
        .attr(
            "aria-pressed",
            redrawn(move || (which.get() == view).to_string()),
        )
    };
    let zoom = move |closer: bool| {
        if let Some(svg) = frame.get_untracked() {
            camera.zoom_step(&svg, closer);
        }
    };
    let fit = move || {
        if let (Some(svg), Drawn::Ready(drawing)) = (frame.get_untracked(), drawn.get_untracked()) {
            let size = (drawing.width as f64, drawing.height as f64);
            camera.fit(&svg, size, drawing.place(0).map_or(0, |[_, y, _]| y) as f64);
        }
    };
    // + and - zoom from anywhere in the region, as its buttons do.
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        let closer = match event.key().as_str() {
            "+" | "=" => true,
            "-" => false,
            _ => return,
        };
        event.prevent_default();
        zoom(closer);
    };
    let tools = move || {
        let picture = redrawn(move || {
            if around.get() == Some(None) {
                return view! {
                    <p class="hint">"Select an input, in the tree or the graph, to see what brings it and what it brings."</p>
                }
                .into_any();
            }
            match drawn.get() {
                Drawn::Waiting => view! { <p class="hint">"Laying the graph out…"</p> }.into_any(),
                Drawn::Failed => view! {
                    <p class="error" role="alert">
                        "The graph could not be drawn: its worker did not load or stopped. Reload the page to try again."
                    </p>
                }
                .into_any(),
                Drawn::Ready(drawing) => view! {
                    <div class="graph-frame">
                        <Picture drawing camera frame />
                    </div>
                }
                .into_any(),
            }
        });
        let about = redrawn(move || {
            let nodes = state
                .on_screen
                .with(|lock| lock.as_ref().map_or(0, |l| l.lock.nodes().count()));
            format!(
                "{}; a lock of more than {BY_SOURCE_ABOVE} nodes starts by source. Drag to pan, the wheel or + and - to zoom.",
                count(nodes, "node")
            )
        });
        view! {
            <div class="graph-tools">
                <span class="graph-views" role="group" aria-label="View">
                    {view_button(View::Nodes)}
                    {view_button(View::Sources)}
                    {view_button(View::Around)}
                </span>
                <button type="button" on:click=handler(move |_| zoom(true))>"Zoom in"</button>
                <button type="button" on:click=handler(move |_| zoom(false))>"Zoom out"</button>
                <button type="button" on:click=handler(move |_| fit())>"Fit"</button>
                <button type="button" on:click=handler(move |_| {
                    if let Drawn::Ready(drawing) = drawn.get_untracked() {
                        download(&drawing);
                    }
                })>"Download SVG"</button>
            </div>
            <p class="hint">{about}</p>
            <Legend />
            {picture}
        }
    };

    view! {
        <section class="graph-panel" aria-labelledby="graph-title" data-testid="graph" on:keydown=handler(on_key)>
            <h2 id="graph-title">"Dependency graph"</h2>
            <button type="button" aria-expanded=move || open.get().to_string() on:click=handler(move |_| open.update(|open| *open = !*open))>
                {move || if open.get() { "Hide the graph" } else { "Show the graph" }}
            </button>
            {redrawn(move || open.get().then(tools))}
        </section>
    }
}

/// What the lines, dashes, tints and highlight mean, each beside a sample drawn by the
/// styles.
#[component]
fn Legend() -> impl IntoView {
    view! {
        <ul class="graph-legend">
            <li class="key-input">"an input"</li>
            <li class="key-follows">"an input that follows another"</li>
            <li class="key-tint">"copies of one source share a tint"</li>
            <li class="key-lit">"the selected input and every path from the root to it"</li>
        </ul>
    }
}
