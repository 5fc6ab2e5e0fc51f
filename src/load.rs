//! Getting a lock's text into the page: this site's own flake.lock over http, or a file
//! the visitor chose or dropped.

use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{File, FileReader};

use crate::state::AppState;

/// The repository's flake.lock, which trunk copies next to index.html.
const OWN_LOCK: &str = "flake.lock";

/// Fetch and show this site's own lock, so nobody lands on an empty page.
pub fn show_own_lock(state: AppState) {
    let source = "this site's flake.lock".to_owned();
    state.loading.set(Some(source.clone()));
    spawn_local(async move {
        match fetch_text(OWN_LOCK).await {
            Ok(text) => state.show_text(&text, source),
            Err(why) => state.fail(format!("Could not fetch {source}: {why}")),
        }
        state.loading.set(None);
    });
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let response = Request::get(url).send().await.map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!(
            "HTTP {} {}",
            response.status(),
            response.status_text()
        ));
    }
    response.text().await.map_err(|e| e.to_string())
}

/// Read a chosen or dropped file as text and show it.
pub fn show_file(state: AppState, file: File) {
    let source = format!("file {}", file.name());
    let reader = match FileReader::new() {
        Ok(reader) => reader,
        Err(error) => return state.fail(format!("Could not read {source}: {error:?}")),
    };
    let done = reader.clone();
    let on_load_end = Closure::once_into_js(move |_: JsValue| {
        match done.result().ok().and_then(|text| text.as_string()) {
            Some(text) => state.show_text(&text, source),
            None => state.fail(format!("Could not read {source} as text")),
        }
    });
    reader.set_onloadend(Some(on_load_end.unchecked_ref()));
    if let Err(error) = reader.read_as_text(&file) {
        state.fail(format!("Could not read the file: {error:?}"));
    }
}
