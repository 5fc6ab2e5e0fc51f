//! Everything the lock says about the selected input, its age in words and a link to
//! it on its forge; what its last update check found, and a button to check it.

use leptos::prelude::*;
use lockscope_core::details::InputDetails;

use crate::boxed::{handler, redrawn};
use crate::components::facts::{last_modified, Fact, ForgeLink};
use crate::components::updates_panel::{check, update_facts};
use crate::dom::now;
use crate::state::AppState;
use crate::updates::report::Checked;

#[component]
pub fn DetailsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let content = move || {
        let view = state.on_screen.get()?;
        let row = state.selected.get()?;
        let line = view.rows.get(row)?;
        let title = line.path_text();
        let follows = line.is_follows().then(|| {
            let target = view
                .details(row)
                .and_then(|d| d.paths.first())
                .map(|p| p.join("/"));
            match target {
                Some(target) => format!("Follows another input; it is the same as {target}:"),
                None => "Follows the flake itself.".to_owned(),
            }
        });
        // What its last update check found, if it was checked, and a button to check it.
        let (checked, running) = state.updates.checks.with(|checks| {
            let checked = checks.results.iter().find(|r| r.input == title).cloned();
            (checked, checks.running)
        });
        let input = title.clone();
        let check_this = view.details(row).is_some().then(|| {
            view! {
                <button type="button" disabled=running on:click=handler(move |_| check(state, vec![input.clone()]))>
                    "Check this input"
                </button>
            }
        });
        let facts = view
            .details(row)
            .map(|details| view! { <Facts details=details.clone() checked /> });
        Some(view! {
            <h2 id="details-title">{title}</h2>
            {follows.map(|words| view! { <p class="follows-note">{words}</p> })}
            {facts}
            {check_this}
        })
    };
    view! {
        <aside class="details" aria-labelledby="details-title" data-testid="details">
            {redrawn(move || {
                content()
                    .map(IntoAny::into_any)
                    .unwrap_or_else(|| {
                        view! {
                            <h2 id="details-title">"Details"</h2>
                            <p class="hint">"Select an input in the tree to see all it holds."</p>
                        }
                            .into_any()
                    })
            })}
        </aside>
    }
}

#[component]
fn Facts(details: InputDetails, checked: Option<Checked>) -> impl IntoView {
    let paths: Vec<String> = details.paths.iter().map(|path| path.join("/")).collect();
    view! {
        <dl class="facts">
            <Fact term="Type" value=Some(details.kind) />
            <Fact term="Source" value=Some(details.source) />
            <Fact term="Asked for" value=details.original />
            <Fact term="Locked" value=Some(details.locked_ref) />
            <Fact term="Branch or tag" value=details.git_ref />
            <Fact term="Revision" value=details.rev />
            <Fact term="Last modified" value=last_modified(details.last_modified, now()) />
            <Fact term="NAR hash" value=details.nar_hash />
            <Fact term="Flake" value=Some(if details.flake { "yes" } else { "no (flake = false)" }.to_owned()) />
            <Fact term="Node" value=Some(details.key) />
            <dt>"Reached as"</dt>
            <dd>
                <ul class="paths">
                    {paths.into_iter().map(|path| view! { <li>{path}</li> }).collect_view()}
                </ul>
            </dd>
            <ForgeLink link=details.link />
            {checked.map(update_facts)}
        </dl>
    }
}
