//! The fetch under way: what, how much of it has arrived, and a button that stops it.

use leptos::prelude::*;

use crate::components::{handler, redrawn};
use crate::load::cancel;
use crate::state::AppState;

#[component]
pub fn FetchStatus() -> impl IntoView {
    let state = expect_context::<AppState>();
    let words = move || {
        state.fetching.with(|fetching| {
            fetching
                .as_ref()
                .map(|p| format!("Fetching {}… {}", p.what, amount(p.bytes)))
                .unwrap_or_default()
        })
    };
    // Only the words change as bytes arrive, so the Cancel button keeps the focus.
    let busy = Memo::new(move |_| state.fetching.with(Option::is_some));
    redrawn(move || {
        busy.get().then(|| {
            view! {
                <p class="fetching" data-testid="fetching">
                    <span class="spinner" aria-hidden="true"></span>
                    <span role="status">{redrawn(words)}</span>
                    " "
                    <button type="button" on:click=handler(move |_| cancel(state))>
                        "Cancel"
                    </button>
                </p>
            }
            .into_any()
        })
    })
}

/// Bytes as a person reads them.
fn amount(bytes: usize) -> String {
    match bytes {
        0 => "waiting for an answer".to_owned(),
        1..1024 => format!("{bytes} bytes"),
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
    use super::amount;

    #[test]
    fn amounts_read_naturally() {
        assert_eq!(amount(0), "waiting for an answer");
        assert_eq!(amount(512), "512 bytes");
        assert_eq!(amount(6102), "5 KB");
        assert_eq!(amount(21 * 1024 * 1024), "21.0 MB");
    }
}
