//! Loading a lock from this computer: paste its text, or choose a file (dropping one
//! anywhere on the page works too, see `App`).

use leptos::prelude::*;

use crate::components::text_form::{TextForm, Words};
use crate::load::{show_file, show_unnamed};
use crate::state::AppState;

#[component]
pub fn LoadPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let pasted = move |text: Result<String, String>| match text {
        Ok(text) => show_unnamed(state, &text, "the pasted text".to_owned()),
        Err(why) => state.fail(why),
    };
    let words = Words {
        paste: "Paste the text of a flake.lock",
        placeholder: "{ \"nodes\": { … }, \"root\": \"root\", \"version\": 7 }",
        send: "Show pasted lock",
        choose: "Or choose a file: ",
        accept: ".lock,.json,application/json,text/plain",
        hint: "Ctrl+Enter shows it. You can also drop a file anywhere on the page.",
    };
    view! {
        <section class="load" aria-labelledby="load-title">
            <h2 id="load-title">"Or paste a lock, or choose a file"</h2>
            <TextForm words pasted=Callback::new(pasted) file=Callback::new(move |file| show_file(state, file)) />
        </section>
    }
}
