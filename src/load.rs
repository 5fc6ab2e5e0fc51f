//! Getting locks into the page: what an address names (this site's own lock, or one from a
//! forge or a URL, or two of them to compare), fetched one load at a time; or a file the
//! visitor chose or dropped.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use lockscope_core::{LockError, LockFile};
use web_sys::File;

use crate::comparison::Comparison;
use crate::dom::{push_address_without_fragment, read_file};
use crate::fetch::{fetch_text, Abort, FetchError, LOCK_LIMITS};
use crate::model::LockView;
use crate::route::{Place, Route};
use crate::state::{AppState, Fetching, Side};

/// The repository's flake.lock, which trunk copies next to index.html.
const OWN_LOCK: &str = "flake.lock";

/// A lock to compare: one to fetch, or the one on screen.
pub enum Compared {
    /// A lock to fetch (unless it is the one on screen).
    Place(Place),
    /// The lock on screen, which may be one no address names.
    OnScreen(Arc<LockView>),
}

/// Show what an address names, in place of any load under way.
pub fn open(state: AppState, route: Route) {
    let abort = start(state);
    spawn_local(async move {
        match route.clone() {
            Route::One(place) => {
                if let Some(view) = fetch_view(state, &place, &abort).await {
                    state.show(view, Some(route));
                }
            }
            Route::Compare { old, new } => {
                let (old, new) = (Compared::Place(old), Compared::Place(new));
                compare_sides(state, old, new, &abort, Some(route)).await;
            }
        }
        finish(state, &abort);
    });
}

/// Compare two locks, one of which may be a pasted or dropped one that no address can name.
/// The comparison then leaves the address, as a pasted lock does.
pub fn compare_with_on_screen(state: AppState, old: Compared, new: Compared) {
    let abort = start(state);
    spawn_local(async move {
        if compare_sides(state, old, new, &abort, None).await {
            push_address_without_fragment();
        }
        finish(state, &abort);
    });
}

/// Stop the visitor's load under way, saying so.
pub fn cancel(state: AppState) {
    stop(state, FetchError::Cancelled);
}

/// A new load: the one under way, if any, stops without a word, and so does the last error.
fn start(state: AppState) -> Abort {
    state.error.set(None);
    stop(state, FetchError::Replaced);
    let abort = Abort::new().expect("AbortController exists in every browser Lockscope runs in");
    state.abort.set_value(Some(abort.clone()));
    abort
}

/// Stop the fetches of the load under way, if any; it finishes on its own, saying why.
fn stop(state: AppState, why: FetchError) {
    state.abort.with_value(|abort| {
        if let Some(abort) = abort {
            abort.stop(why);
        }
    });
}

/// A load is over, unless another replaced it (which now owns the fetch status).
fn finish(state: AppState, abort: &Abort) {
    if abort.stopped() != Some(FetchError::Replaced) {
        no_load(state);
    }
}

/// Nothing is being fetched.
fn no_load(state: AppState) {
    state.fetching.set(None);
    state.abort.set_value(None);
}

async fn compare_sides(
    state: AppState,
    old: Compared,
    new: Compared,
    abort: &Abort,
    shared_as: Option<Route>,
) -> bool {
    let Some((old, old_label)) = side_lock(state, old, Side::Old, abort).await else {
        return false;
    };
    let Some((new, new_label)) = side_lock(state, new, Side::New, abort).await else {
        return false;
    };
    let comparison = Comparison::of(old.lock(), new.lock(), old_label, new_label);
    state.show_comparison(comparison, shared_as);
    true
}

/// A lock ready to compare: the one on screen, or one fetched for the comparison.
enum Ready {
    OnScreen(Arc<LockView>),
    Fetched(LockFile),
}

impl Ready {
    fn lock(&self) -> &LockFile {
        match self {
            Ready::OnScreen(view) => &view.lock,
            Ready::Fetched(lock) => lock,
        }
    }
}

async fn side_lock(
    state: AppState,
    compared: Compared,
    side: Side,
    abort: &Abort,
) -> Option<(Ready, String)> {
    let place = match compared {
        Compared::OnScreen(view) => {
            let label = view.source.clone();
            return Some((Ready::OnScreen(view), label));
        }
        Compared::Place(place) => place,
    };
    if let Some(view) = on_screen_from(state, &place) {
        return Some((Ready::OnScreen(view), place.label()));
    }
    let label = place.label();
    let text = fetch_place(state, &place, Some(side), abort).await?;
    match LockFile::parse(&text) {
        Ok(lock) => Some((Ready::Fetched(lock), label)),
        Err(error) => {
            state.fail(not_a_lock(&label, &text, &error));
            None
        }
    }
}

/// One lock, as the tree shows it; the one on screen when it came from there.
async fn fetch_view(state: AppState, place: &Place, abort: &Abort) -> Option<Arc<LockView>> {
    if let Some(view) = on_screen_from(state, place) {
        return Some(view);
    }
    let label = place.label();
    let text = fetch_place(state, place, None, abort).await?;
    match LockView::parse(&text, label.clone()) {
        Ok(mut view) => {
            view.place = Some(place.clone());
            Some(Arc::new(view))
        }
        Err(error) => {
            state.fail(not_a_lock(&label, &text, &error));
            None
        }
    }
}

/// The lock on screen, when it was fetched from `place`: no need to fetch it again.
fn on_screen_from(state: AppState, place: &Place) -> Option<Arc<LockView>> {
    state
        .on_screen
        .get_untracked()
        .filter(|view| view.place.as_ref() == Some(place))
}

/// Fetch a lock's text (one side of a comparison, or not), showing the progress; `None`
/// (having said why) when it failed.
async fn fetch_place(
    state: AppState,
    place: &Place,
    side: Option<Side>,
    abort: &Abort,
) -> Option<String> {
    let url = match place {
        Place::Own => OWN_LOCK.to_owned(),
        Place::Source(source) => source.raw_url(),
    };
    state.fetching.set(Some(Fetching {
        place: place.clone(),
        side,
        received: 0,
    }));
    let progress = |bytes| {
        state.fetching.update(|fetching| {
            if let Some(fetching) = fetching {
                fetching.received = bytes;
            }
        })
    };
    match fetch_text(&url, abort, LOCK_LIMITS, &progress).await {
        // A load that was replaced leaves the page to the one that replaced it.
        _ if abort.stopped() == Some(FetchError::Replaced) => None,
        Ok(text) => Some(text),
        Err(FetchError::Cancelled) => {
            state.fail(format!("Stopped fetching {}.", place.label()));
            None
        }
        Err(error) => {
            let label = place.label();
            // A forge reference says where it was fetched from; an address says it already.
            let from = if label == url {
                String::new()
            } else {
                format!(" from {url}")
            };
            state.fail(format!("Could not fetch {label}{from}: {error}."));
            None
        }
    }
}

/// Why fetched text is not a lock, and what to try instead.
fn not_a_lock(label: &str, text: &str, error: &LockError) -> String {
    let what = if text.trim_start().starts_with('<') {
        "the server sent a web page, not a flake.lock. Use a github:, gitlab:, sourcehut: or \
         codeberg: reference, or the address of the raw file"
            .to_owned()
    } else {
        format!("it is not a flake.lock that Nix would read: {error}. Check that the address points at a flake.lock")
    };
    format!("Could not show {label}: {what}.")
}

/// Read a chosen or dropped file as text and show it.
pub fn show_file(state: AppState, file: File) {
    let source = format!("file {}", file.name());
    read_file(
        file,
        Callback::new(move |text: Result<String, String>| match text {
            Ok(text) => show_unnamed(state, &text, source.clone()),
            Err(why) => state.fail(why),
        }),
    );
}

/// Show a lock that no address can name (pasted or from a file); the address stops naming
/// the lock it named, so that a reload or a shared link does not claim to show this one.
pub fn show_unnamed(state: AppState, text: &str, source: String) {
    if state.show_text(text, source) {
        // Whatever was loading would replace this lock: it stops, without a word.
        stop(state, FetchError::Replaced);
        no_load(state);
        push_address_without_fragment();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_a_lock_says_what_it_is() {
        let error = |text: &str| LockFile::parse(text).unwrap_err();
        let page = "<!DOCTYPE html><html><body>GitHub</body></html>";
        assert_eq!(
            not_a_lock("github:o/r", page, &error(page)),
            "Could not show github:o/r: the server sent a web page, not a flake.lock. Use a github:, \
             gitlab:, sourcehut: or codeberg: reference, or the address of the raw file."
        );
        let json = r#"{"name": "package.json"}"#;
        let words = not_a_lock("https://x.org/p.json", json, &error(json));
        assert!(
            words.starts_with(
                "Could not show https://x.org/p.json: it is not a flake.lock that Nix would read: "
            ),
            "{words}"
        );
        assert!(words.contains(&error(json).to_string()), "{words}");
    }
}
