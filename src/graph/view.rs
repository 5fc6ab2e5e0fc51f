//! The graph's wasm, in the page's frame: it reads the lock and the selection the page keeps
//! there (`bridge`), and draws the view asked for (the whole graph, by source, around the
//! selection) with its tools (zoom, fit, "Download SVG") and a legend.

use std::sync::Arc;

use leptos::prelude::*;
use lockscope_core::LockFile;
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, HtmlElement};

use super::bridge::{self, Told, FRAME_ID};
use super::camera::Camera;
use super::download::download;
use super::drawing::{Drawing, View};
use super::picture::Picture;

/// Above this many nodes the graph starts by source: a thousand boxes are a texture, not a
/// picture, and a hundred sources still read as one.
pub const BY_SOURCE_ABOVE: usize = 150;

/// Mounts the graph in the page's frame.
pub fn start() {
    let Some(frame) = document().get_element_by_id(FRAME_ID) else {
        return;
    };
    let mount = frame.clone().unchecked_into::<HtmlElement>();
    leptos::mount::mount_to(mount, move || view! { <GraphView frame /> }).forget();
}

/// Keeps `signal` equal to what the page keeps on the frame: now, and on each change.
fn hear<T: Send + Sync + 'static>(
    frame: &Element,
    what: Told,
    signal: RwSignal<T>,
    read: fn(Option<String>) -> T,
) {
    let update = {
        let frame = frame.clone();
        move || signal.set(read(bridge::told(&frame, what)))
    };
    update();
    let update = Closure::<dyn Fn(Event)>::new(move |_| update()).into_js_value();
    let _ = frame.add_event_listener_with_callback(what.name(), update.unchecked_ref());
}

/// The view a lock's graph starts in, by its size.
fn first_view(lock: &LockFile) -> View {
    match lock.nodes().count() > BY_SOURCE_ABOVE {
        true => View::Sources,
        false => View::Nodes,
    }
}

#[component]
fn GraphView(frame: Element) -> impl IntoView {
    let lock = RwSignal::new(None::<Arc<LockFile>>);
    let selected = RwSignal::new(None::<String>);
    // The page keeps the lock it shows, which parses.
    hear(&frame, Told::Lock, lock, |text| {
        text.and_then(|text| LockFile::parse(&text).ok())
            .map(Arc::new)
    });
    hear(&frame, Told::Selected, selected, |key| key);
    // The view chosen with its button; until then, the first view of each lock.
    let chosen = RwSignal::new(None::<View>);
    let view = Memo::new(move |_| {
        let first = || lock.with(|lock| lock.as_deref().map(first_view));
        chosen.get().or_else(first).unwrap_or(View::Nodes)
    });
    // None while there is nothing to draw: no lock, or around a selection not made yet.
    let drawing = Memo::new(move |_| {
        let lock = lock.get()?;
        let node = match view.get() {
            View::Around => selected.get()?,
            _ => String::new(),
        };
        Some(Arc::new(Drawing::of(&lock, view.get(), &node)))
    });
    let camera = Camera::new();
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let with_svg = move |act: &dyn Fn(&web_sys::Element, &Drawing)| {
        if let (Some(svg), Some(drawing)) = (svg.get_untracked(), drawing.get_untracked()) {
            act(&svg, &drawing);
        }
    };
    let zoom = move |closer: bool| with_svg(&|svg, _| camera.zoom_step(svg, closer));
    // + and - zoom from anywhere in the graph, as its buttons do.
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        let key = event.key();
        if matches!(key.as_str(), "+" | "=" | "-") {
            event.prevent_default();
            zoom(key != "-");
        }
    };
    let views = View::ALL.map(|which| {
        view! {
            <button
                type="button"
                aria-pressed=move || (view.get() == which).to_string()
                on:click=move |_| chosen.set(Some(which))
            >
                {which.name()}
            </button>
        }
    });

    view! {
        <div class="graph-view" on:keydown=on_key>
            <div class="graph-tools">
                <span class="graph-views" role="group" aria-label="View">{views}</span>
                <button type="button" on:click=move |_| zoom(true)>"Zoom in"</button>
                <button type="button" on:click=move |_| zoom(false)>"Zoom out"</button>
                <button type="button" on:click=move |_| with_svg(&|svg, drawing| camera.fit_drawing(svg, drawing))>
                    "Fit"
                </button>
                <button type="button" on:click=move |_| with_svg(&|svg, drawing| download(svg, drawing))>
                    "Download SVG"
                </button>
            </div>
            <p class="hint">
                {format!("A lock of more than {BY_SOURCE_ABOVE} nodes starts by source. ")}
                "Drag to pan; the wheel, + and - zoom."
            </p>
            <ul class="graph-legend">
                <li class="key-input">"an input"</li>
                <li class="key-follows">"an input that follows another"</li>
                <li class="key-tint">"copies of one source share a tint"</li>
                <li class="key-lit">"the selected input and every path from the root to it"</li>
            </ul>
            {move || match drawing.get() {
                Some(drawing) => view! { <Picture drawing selected camera svg /> }.into_any(),
                None if view.get() == View::Around && lock.with(Option::is_some) => view! {
                    <p class="hint" role="status">
                        "Select an input, in the tree or the graph, to see what brings it and what it brings."
                    </p>
                }
                .into_any(),
                None => ().into_any(),
            }}
        </div>
    }
}
