//! The fetch under way: what, how much of it has arrived, and a button that stops it.

use leptos::prelude::*;
use lockscope_core::text::count;

use crate::boxed::{handler, redrawn};
use crate::load::cancel;
use crate::state::{AppState, Fetching, Side};

#[component]
pub fn FetchStatus() -> impl IntoView {
    let state = expect_context::<AppState>();
    let words = move || {
        state
            .fetching
            .with(|fetching| fetching.as_ref().map(words).unwrap_or_default())
    };
    // Always in the page, hidden when nothing is fetched: only the words change as bytes
    // arrive, so the Cancel button keeps the focus.
    view! {
        <p class="fetching" data-testid="fetching" hidden=redrawn(move || state.fetching.with(Option::is_none).then_some(""))>
            <span class="spinner" aria-hidden="true"></span>
            <span role="status">{redrawn(words)}</span>
            " "
            <button type="button" on:click=handler(move |_| cancel(state))>
                "Cancel"
            </button>
        </p>
    }
}

/// `Fetching old: github:o/r… 5 KB`.
fn words(fetching: &Fetching) -> String {
    let side = match fetching.side {
        None => "",
        Some(Side::Old) => "old: ",
        Some(Side::New) => "new: ",
    };
    let what = fetching.place.label();
    format!("Fetching {side}{what}… {}", amount(fetching.received))
}

/// Bytes as a person reads them.
fn amount(bytes: usize) -> String {
    match bytes {
        0 => "waiting for an answer".to_owned(),
        1..1024 => count(bytes, "byte"),
        1024..1_048_576 => format!("{} KB", bytes / 1024),
        // Whole and tenths in integers: float formatting would add to the page's weight.
        _ => format!(
            "{}.{} MB",
            bytes / 1_048_576,
            bytes % 1_048_576 * 10 / 1_048_576
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_naturally() {
        assert_eq!(amount(0), "waiting for an answer");
        assert_eq!(amount(512), "512 bytes");
        assert_eq!(amount(6102), "5 KB");
        assert_eq!(amount(21 * 1024 * 1024), "21.0 MB");
    }
}
