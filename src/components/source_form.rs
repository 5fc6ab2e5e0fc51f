//! Open a lock from anywhere: a forge reference typed as Nix users type it, a forge page's
//! address, or any https address of a flake.lock.

use leptos::prelude::*;

use crate::address::go;
use crate::boxed::handler;
use crate::components::{fetch_status::FetchStatus, share_link::ShareLink};
use crate::form::Sent;
use crate::route::{Place, Route};
use crate::state::AppState;

#[component]
pub fn SourceForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let place = Sent::of(&event).and_then(|form| {
            Place::parse(&form.text("source")?)
                .map_err(|error| format!("Cannot open that: {error}."))
        });
        match place {
            Ok(place) => go(state, Route::One(place)),
            Err(why) => state.fail(why),
        }
    };
    view! {
        <section class="open" aria-labelledby="open-title">
            <h2 id="open-title">"Open a lock from a repository or an address"</h2>
            <form class="source-form" on:submit=handler(open)>
                // The label stands apart from the field, which shares a row with the button.
                <label for="source">"Repository or address"</label>
                <div class="field-row">
                    <input
                        id="source"
                        name="source"
                        type="text"
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        placeholder="github:NixOS/nixpkgs"
                        aria-describedby="source-hint"
                    />
                    <button type="submit">"Open"</button>
                </div>
                <p id="source-hint" class="hint">
                    "As Nix writes them: " <code>"github:owner/repo/ref?dir=sub"</code> ", "
                    <code>"gitlab:owner/repo?host=…"</code> ", " <code>"sourcehut:~owner/repo"</code>
                    ", " <code>"codeberg:owner/repo"</code>
                    "; a forge page such as " <code>"https://github.com/owner/repo/blob/main/flake.lock"</code>
                    "; or any https address of a flake.lock."
                </p>
            </form>
            <FetchStatus />
            <ShareLink />
        </section>
    }
}
