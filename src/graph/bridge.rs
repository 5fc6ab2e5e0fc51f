//! How the page and the graph's wasm talk: two wasms, each with its own memory and its own
//! Leptos, on one page. They share one element, the region's frame. The page keeps on it
//! what the graph draws (the lock's text and the selected node's key, each a property of
//! the frame) and announces each change with an event of the property's name; the graph
//! reads them when it starts and on each event. The other way, nothing is needed: a click or
//! Enter on a box bubbles up to the frame, where the page hears it (`panel`). (Leptos'
//! event delegation, one listener on the window per wasm that runs the handlers it finds
//! on the way up, stays off: two of them would each run the handlers of both.)

use wasm_bindgen::prelude::*;
use web_sys::js_sys::Reflect;
use web_sys::{Element, Event};

/// The frame's id, by which the graph's wasm finds it.
pub const FRAME_ID: &str = "graph-frame";

/// What the page keeps on the frame.
#[derive(Clone, Copy)]
pub enum Told {
    /// The lock's text; none when no lock is shown.
    Lock,
    /// The selected node's key; none when nothing is selected.
    Selected,
}

impl Told {
    /// The frame's property that holds it, and the event that announces a change.
    pub fn name(self) -> &'static str {
        match self {
            Told::Lock => "lockscopeLock",
            Told::Selected => "lockscopeSelected",
        }
    }
}

/// The page: keeps `value` on the frame and announces it.
pub fn tell(frame: &Element, what: Told, value: Option<&str>) {
    let value = value.map_or(JsValue::UNDEFINED, JsValue::from_str);
    let _ = Reflect::set(frame, &what.name().into(), &value);
    if let Ok(event) = Event::new(what.name()) {
        let _ = frame.dispatch_event(&event);
    }
}

/// The graph: what the page keeps on the frame.
pub fn told(frame: &Element, what: Told) -> Option<String> {
    Reflect::get(frame, &what.name().into()).ok()?.as_string()
}

/// Both: the key of the node whose box an event happened in, if it did in one.
pub fn box_of(event: &Event) -> Option<String> {
    let hit = event.target()?.dyn_into::<Element>().ok()?;
    hit.closest("[data-node]").ok()??.get_attribute("data-node")
}
