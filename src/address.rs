//! The page's address and its history: every lock or comparison loaded from a source gets
//! an entry, so Back and Forward move between them and a reload shows the same view.

use leptos::ev;
use leptos::prelude::*;

use crate::dom::{fragment, push_address_without_fragment, set_fragment};
use crate::load::open;
use crate::route::{Place, Route};
use crate::state::AppState;

/// Show what the address names, now and whenever it changes. Back and Forward between
/// entries that differ only in their fragment fire `hashchange` (as `popstate` would), so
/// one listener follows them all.
pub fn follow_address(state: AppState) {
    let show_current = move || match Route::from_hash(&fragment()) {
        Ok(route) => open(state, route),
        Err(why) => {
            // Nothing else to show yet: the site's own lock, rather than an empty page.
            if state.on_screen.with_untracked(Option::is_none) {
                open(state, Route::One(Place::Own));
            }
            state.fail(why);
        }
    };
    show_current();
    // The listener lives as long as the page.
    let _ = window_event_listener(ev::hashchange, move |_| show_current());
}

/// Go to a view: a new history entry, unless the address names it already (then it loads
/// again, which is how a failed load is tried again).
pub fn go(state: AppState, route: Route) {
    let hash = route.to_hash();
    let current = fragment();
    if current.strip_prefix('#').unwrap_or(&current) == hash {
        open(state, route);
    } else if hash.is_empty() {
        // Setting an empty fragment would leave a bare `#`: push the address without one.
        push_address_without_fragment();
        open(state, route);
    } else {
        // The `hashchange` that follows loads it.
        set_fragment(&hash);
    }
}
