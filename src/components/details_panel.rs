//! Everything the lock says about the selected input, its age in words and a link to
//! it on its forge.

use leptos::prelude::*;
use lockscope_core::details::InputDetails;
use lockscope_core::time::{age_in_words, utc_datetime};

use crate::boxed::redrawn;
use crate::dom::now;
use crate::state::AppState;

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
        let facts = view
            .details(row)
            .map(|details| view! { <Facts details=details.clone() /> });
        Some(view! {
            <h2 id="details-title">{title}</h2>
            {follows.map(|words| view! { <p class="follows-note">{words}</p> })}
            {facts}
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
fn Facts(details: InputDetails) -> impl IntoView {
    let modified = details.last_modified.map(|secs| {
        let secs = secs as i64;
        format!(
            "{} UTC ({} ago)",
            utc_datetime(secs),
            age_in_words(now() - secs)
        )
    });
    // The engine gives links to known forges only; anything but https is refused anyway.
    let link = details.link.map(|link| link.to_string());
    let paths: Vec<String> = details.paths.iter().map(|path| path.join("/")).collect();
    view! {
        <dl class="facts">
            <Fact term="Type" value=Some(details.kind) />
            <Fact term="Source" value=Some(details.source) />
            <Fact term="Asked for" value=details.original />
            <Fact term="Locked" value=Some(details.locked_ref) />
            <Fact term="Branch or tag" value=details.git_ref />
            <Fact term="Revision" value=details.rev />
            <Fact term="Last modified" value=modified />
            <Fact term="NAR hash" value=details.nar_hash />
            <Fact term="Flake" value=Some(if details.flake { "yes" } else { "no (flake = false)" }.to_owned()) />
            <Fact term="Node" value=Some(details.key) />
            <dt>"Reached as"</dt>
            <dd>
                <ul class="paths">
                    {paths.into_iter().map(|path| view! { <li>{path}</li> }).collect_view()}
                </ul>
            </dd>
            {link.map(|link| {
                let text = link.clone();
                view! {
                    <dt>"On its forge"</dt>
                    <dd>
                        <a href=link target="_blank" rel="noopener noreferrer">{text}</a>
                    </dd>
                }
            })}
        </dl>
    }
}

/// One term and its value; nothing when the lock has no value for it.
#[component]
fn Fact(term: &'static str, value: Option<String>) -> impl IntoView {
    value.map(|value| {
        view! {
            <dt>{term}</dt>
            <dd>{value}</dd>
        }
    })
}
