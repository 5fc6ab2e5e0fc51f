//! The browser plumbing the page needs, in one place and knowing nothing of the app: running
//! code once the page is laid out or painted, scrolling and focusing, the address and its
//! history, the clock, and reading a file the visitor gave. Everything above it speaks of
//! locks; this speaks of the DOM.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{File, FileReader, HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition};

/// Runs `next` once the page is laid out, leaving a Performance API mark for
/// scripts/bench-site.
pub fn after_layout(mark: &'static str, next: impl FnOnce() + 'static) {
    request_animation_frame(move || {
        if let Some(body) = document().body() {
            // Reading a size makes the browser lay the page out now.
            let _ = body.offset_height();
        }
        if let Some(performance) = window().performance() {
            let _ = performance.mark(mark);
        }
        next();
    });
}

/// Runs `next` in a task of its own, after what the browser has queued: a paint that is due
/// comes first.
pub fn next_task(next: impl FnOnce() + 'static) {
    set_timeout(next, Duration::ZERO);
}

/// Scrolls the start of the element with this id into sight once it is drawn, if it is out
/// of sight.
pub fn bring_into_view(id: &'static str) {
    request_animation_frame(move || {
        let Some(element) = document().get_element_by_id(id) else {
            return;
        };
        let top = element.get_bounding_client_rect().top();
        let height = window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        if top < 0.0 || top > height {
            let options = ScrollIntoViewOptions::new();
            options.set_block(ScrollLogicalPosition::Start);
            element.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
}

/// Moves the keyboard focus to the element with this id once the DOM has caught up with the
/// signals (an element just revealed is not hidden anymore).
pub fn focus_when_drawn(id: String) {
    request_animation_frame(move || {
        let element = document().get_element_by_id(&id);
        if let Some(element) = element.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            let _ = element.focus();
        }
    });
}

/// The address' fragment, with its `#`; empty when it has none.
pub fn fragment() -> String {
    window().location().hash().unwrap_or_default()
}

/// Sets the address' fragment (without its `#`): a new history entry and a `hashchange`.
pub fn set_fragment(fragment: &str) {
    window().location().set_hash(fragment).ok();
}

/// A new history entry without a fragment, unless the address has none already. Pushing
/// fires no `hashchange`.
pub fn push_address_without_fragment() {
    let location = window().location();
    if location.hash().unwrap_or_default().is_empty() {
        return;
    }
    let bare = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window().history() {
        history
            .push_state_with_url(&JsValue::NULL, "", Some(&bare))
            .ok();
    }
}

/// This page's address with another fragment (without its `#`; none when empty).
pub fn address_with_fragment(fragment: &str) -> String {
    let location = window().location();
    format!(
        "{}{}{}{fragment}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        if fragment.is_empty() { "" } else { "#" }
    )
}

/// Now, in Unix seconds, by the browser's clock.
pub fn now() -> i64 {
    (web_sys::js_sys::Date::now() / 1000.0) as i64
}

/// The first file of a drop, if it brought any (dropped text brings none).
pub fn dropped_file(event: &web_sys::DragEvent) -> Option<File> {
    event.data_transfer()?.files()?.get(0)
}

/// Reads a file the visitor chose or dropped as text, then hands `done` its text, or why it
/// could not be read, in words.
pub fn read_file(file: File, done: Callback<Result<String, String>>) {
    let source = format!("file {}", file.name());
    // The browser refuses to read a file only when it cannot read files at all.
    let refused = format!("Could not read {source}: the browser refused to.");
    let Ok(reader) = FileReader::new() else {
        return done.run(Err(refused));
    };
    let read = reader.clone();
    let on_load_end = Closure::once_into_js(move |_: JsValue| {
        let text = read.result().ok().and_then(|text| text.as_string());
        done.run(text.ok_or_else(|| format!("Could not read {source} as text")));
    });
    reader.set_onloadend(Some(on_load_end.unchecked_ref()));
    if reader.read_as_text(&file).is_err() {
        done.run(Err(refused));
    }
}
