//! "Fix flake.nix": the visitor gives the flake.nix of the lock on screen (pasted, chosen, or
//! dropped on the form) and gets it back with the lock's follows lines written in, by the
//! fixer's worker (`fixer`): what was done, the lines refused and why, the diff, and the new
//! file to copy or download. Everything shown is text.

use std::sync::Arc;

use leptos::prelude::*;
use web_sys::js_sys::encode_uri_component;

use crate::boxed::redrawn;
use crate::components::copy_button::CopyButton;
use crate::components::text_form::{TextForm, Words};
use crate::dom::read_file;
use crate::fixer::{FixAnswer, Fixer};
use crate::model::LockView;
use crate::state::AppState;

/// A question and, once there, its answer; for the lock it was asked with.
type Asked = Option<(Arc<LockView>, Option<FixAnswer>)>;

#[component]
pub fn FixPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let fixer = Fixer::default();
    let asked = RwSignal::new(Asked::None);

    let fix = Callback::new(move |text: Result<String, String>| {
        let Some(view) = state.on_screen.get_untracked() else {
            return;
        };
        match text {
            Ok(text) => {
                asked.set(Some((view.clone(), None)));
                fixer.ask(&view.text, &text, move |answer| {
                    asked.update(|asked| {
                        if let Some((_, slot)) = asked {
                            *slot = Some(answer);
                        }
                    })
                });
            }
            Err(why) => asked.set(Some((view, Some(FixAnswer::failed(0, why))))),
        }
    });
    let words = Words {
        paste: "The flake.nix of this lock, to write its follows lines into",
        placeholder: "{ inputs = { … }; outputs = { … }: { … }; }",
        send: "Fix flake.nix",
        choose: "Or choose it: ",
        accept: ".nix,text/plain",
        hint: "Or drop it here. It stays in your browser.",
    };
    let answer = redrawn(move || {
        let on_screen = state.on_screen.get();
        asked.with(|asked| {
            let (view, answer) = asked.as_ref()?;
            if !on_screen.is_some_and(|shown| Arc::ptr_eq(&shown, view)) {
                return None;
            }
            Some(match answer {
                None => view! { <p role="status">"Fixing…"</p> }.into_any(),
                Some(answer) => view! { <Answer answer=answer.clone() /> }.into_any(),
            })
        })
    });
    view! {
        <section
            class="fix-panel"
            aria-labelledby="fix-title"
            data-testid="fix"
            hidden=redrawn(move || state.on_screen.with(Option::is_none).then_some(""))
        >
            <h2 id="fix-title">"Fix flake.nix"</h2>
            <TextForm
                words
                pasted=fix
                file=Callback::new(move |file| read_file(file, fix))
            />
            {answer}
        </section>
    }
}

/// What the fixer did: in one sentence, the lines refused, and the diff with the new file.
#[component]
fn Answer(answer: FixAnswer) -> impl IntoView {
    if let Some(why) = answer.error {
        return view! { <p class="error" role="alert">{why}</p> }.into_any();
    }
    let refused = answer
        .refused
        .into_iter()
        .map(|refused| {
            view! {
                <li>
                    {refused.place} ": " <strong>{refused.input}</strong> " not written: "
                    {refused.why} <code>{refused.line}</code>
                </li>
            }
        })
        .collect_view();
    let changed = (!answer.diff.is_empty()).then(|| {
        // The new file in the link itself, byte for byte (its line endings too).
        let href = format!(
            "data:text/plain;charset=utf-8,{}",
            String::from(encode_uri_component(&answer.text))
        );
        view! {
            <pre class="suggestions" data-testid="fix-diff">{answer.diff}</pre>
            <a href=href download="flake.nix">"Download flake.nix"</a>
            " "
            <CopyButton text=answer.text label="Copy" />
        }
    });
    view! {
        <p role="status">{answer.summary}</p>
        <ul class="refusals">{refused}</ul>
        {changed}
    }
    .into_any()
}
