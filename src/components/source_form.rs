//! Open a lock from anywhere: a forge reference typed as Nix users type it, a forge page's
//! address, or any https address of a flake.lock.

use leptos::prelude::*;

use crate::address::go;
use crate::components::{boxed::handler, fetch_status::FetchStatus, field, share_link::ShareLink};
use crate::route::{Place, Route};
use crate::state::AppState;

#[component]
pub fn SourceForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match Place::parse(&field::text("source")) {
            Ok(place) => go(state, Route::One(place)),
            Err(error) => state.fail(format!("Cannot open that: {error}.")),
        }
    };
    view! {
        <section class="open" aria-labelledby="open-title">
            <h2 id="open-title">"Open a lock from a repository or an address"</h2>
            <form class="source-form" on:submit=handler(open)>
                <label for="source">"Repository or address"</label>
                <div class="field-row">
                    <input
                        id="source"
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
