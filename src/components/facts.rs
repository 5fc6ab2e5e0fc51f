//! An input's facts as the panels list them (`<dl class="facts">`): a term and its value, a
//! link to its forge (the commit, or the changes an update brings), the time of its last
//! change with its age.

use leptos::prelude::*;
use lockscope_core::flakeref::HttpsLink;
use lockscope_core::time::{age_in_words, utc_datetime};

/// One term and its value; nothing when the lock has no value for it.
#[component]
pub fn Fact(term: &'static str, value: Option<String>) -> impl IntoView {
    value.map(|value| {
        view! {
            <dt>{term}</dt>
            <dd>{value}</dd>
        }
    })
}

/// The input on its forge. The engine gives links to known forges only, https only.
#[component]
pub fn ForgeLink(link: Option<HttpsLink>) -> impl IntoView {
    view! { <LinkFact term="On its forge" link=link.map(|link| link.to_string()) /> }
}

/// A term and a link that shows its address; nothing without a link. Only ever given links
/// to forges that the engine made.
#[component]
pub fn LinkFact(term: &'static str, link: Option<String>) -> impl IntoView {
    link.map(|link| {
        let text = link.clone();
        view! {
            <dt>{term}</dt>
            <dd>
                <a href=link target="_blank" rel="noopener noreferrer">{text}</a>
            </dd>
        }
    })
}

/// When an input last changed (Unix seconds), and how long ago that is at `now`.
pub fn last_modified(secs: Option<u64>, now: i64) -> Option<String> {
    let secs = secs? as i64;
    Some(format!(
        "{} UTC ({} ago)",
        utc_datetime(secs),
        age_in_words(now - secs)
    ))
}
