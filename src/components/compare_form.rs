//! Compare two locks: each a repository or address, `self` for this site's lock, or the
//! lock on screen (which may be a pasted one).

use leptos::prelude::*;

use crate::address::go;
use crate::boxed::handler;
use crate::form::Sent;
use crate::load::{compare_with_on_screen, Compared};
use crate::route::{Place, Route, OWN_NAME};
use crate::state::AppState;

#[component]
pub fn CompareForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    // What a field's text asks for: when empty, the lock on screen (named by its address when
    // it has one); else a source.
    let compared = move |text: String| -> Result<Compared, String> {
        if text.trim().is_empty() {
            let on_screen = state
                .on_screen
                .get_untracked()
                .ok_or("Cannot compare: no lock is on screen yet.")?;
            return Ok(match on_screen.place.clone() {
                Some(place) => Compared::Place(place),
                None => Compared::OnScreen(on_screen),
            });
        }
        Place::parse(&text)
            .map(Compared::Place)
            .map_err(|error| format!("Cannot compare: {error}."))
    };
    let compare = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let sides = Sent::of(&event)
            .and_then(|form| Ok((compared(form.text("old")?)?, compared(form.text("new")?)?)));
        match sides {
            Ok((Compared::Place(old), Compared::Place(new))) => {
                go(state, Route::Compare { old, new })
            }
            Ok((old, new)) => compare_with_on_screen(state, old, new),
            Err(why) => state.fail(why),
        }
    };
    view! {
        <section class="compare-form" aria-labelledby="compare-title">
            <h2 id="compare-title">"Compare two locks"</h2>
            <form on:submit=handler(compare)>
                <div class="compare-fields">
                    <label>
                        "Old lock"
                        <input name="old" type="text" spellcheck="false"
                            autocomplete="off" autocapitalize="off" placeholder="empty: the lock on screen"
                            aria-describedby="compare-hint" />
                    </label>
                    <label>
                        "New lock"
                        <input name="new" type="text" spellcheck="false"
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
