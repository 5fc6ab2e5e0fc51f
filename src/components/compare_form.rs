//! Compare two locks: each a repository or address, `self` for this site's lock, or the
//! lock on screen (which may be a pasted one).

use leptos::prelude::*;

use crate::address::go;
use crate::components::{boxed::handler, field};
use crate::load::{compare_with_shown, Side};
use crate::route::{Place, Route, OWN_NAME};
use crate::state::AppState;

#[component]
pub fn CompareForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    // An empty field is the lock on screen: named by its address when it has one.
    let side = move |field: &str| -> Result<Side, String> {
        let text = field::text(field);
        if !text.trim().is_empty() {
            return Place::parse(&text)
                .map(Side::Place)
                .map_err(|error| format!("Cannot compare: {error}."));
        }
        let shown = state
            .shown
            .get_untracked()
            .ok_or("Cannot compare: no lock is on screen yet.")?;
        Ok(match shown.place.clone() {
            Some(place) => Side::Place(place),
            None => Side::Shown(shown),
        })
    };
    let compare = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match (side("compare-old"), side("compare-new")) {
            (Ok(Side::Place(old)), Ok(Side::Place(new))) => go(state, Route::Compare { old, new }),
            (Ok(old), Ok(new)) => compare_with_shown(state, old, new),
            (Err(why), _) | (_, Err(why)) => state.fail(why),
        }
    };
    view! {
        <section class="compare-form" aria-labelledby="compare-title">
            <h2 id="compare-title">"Compare two locks"</h2>
            <form on:submit=handler(compare)>
                <div class="compare-fields">
                    <label>
                        "Old lock"
                        <input id="compare-old" type="text" spellcheck="false"
                            autocomplete="off" autocapitalize="off" placeholder="empty: the lock on screen"
                            aria-describedby="compare-hint" />
                    </label>
                    <label>
                        "New lock"
                        <input id="compare-new" type="text" spellcheck="false"
                            autocomplete="off" autocapitalize="off" placeholder="empty: the lock on screen"
                            aria-describedby="compare-hint" />
                    </label>
                </div>
                <p id="compare-hint" class="hint">
                    "Each a repository or address as above (the same repository at two refs: "
                    <code>"github:owner/repo/v1"</code> " and " <code>"github:owner/repo/v2"</code>
                    "), " <code>{OWN_NAME}</code> " for this site's flake.lock, or empty for the lock on screen."
                </p>
                <button type="submit">"Compare"</button>
            </form>
        </section>
    }
}
