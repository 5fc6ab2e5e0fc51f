//! The changes between two locks, sorted for reading: updated inputs with their revisions,
//! the time gained and a compare link on their forge; added and removed inputs; follows
//! that changed.

use std::sync::Arc;

use leptos::prelude::*;
use lockscope_core::diff::Update;
use lockscope_core::text::short_rev;
use lockscope_core::time::age_in_words;

use crate::comparison::{Comparison, Entry, Kind};

#[component]
pub fn ChangeList(comparison: Arc<Comparison>) -> impl IntoView {
    let group = |title: &'static str, class: &'static str, kind: fn(&Kind) -> bool| {
        let items: Vec<_> = comparison
            .entries
            .iter()
            .filter(|entry| kind(&entry.kind))
            .map(|entry| view! { <li>{describe(entry)}</li> })
            .collect();
        (!items.is_empty()).then(|| {
            view! {
                <h3>{title} " (" {items.len()} ")"</h3>
                <ul class=format!("changes {class}")>{items}</ul>
            }
        })
    };
    view! {
        <div class="change-list" data-testid="change-list">
            {group("Updated", "updated", Kind::is_updated)}
            {group("Added", "added", Kind::is_added)}
            {group("Removed", "removed", Kind::is_removed)}
            {group("Follows changed", "follows", Kind::is_follows_change)}
        </div>
    }
}

fn describe(entry: &Entry) -> impl IntoView {
    let words = match &entry.kind {
        Kind::Updated(update) => revisions(update, entry),
        Kind::Added => entry.new.clone().unwrap_or_default(),
        Kind::Removed => format!("was {}", entry.old.clone().unwrap_or_default()),
        Kind::FollowsChanged => format!(
            "{} → {}",
            entry.old.clone().unwrap_or_default(),
            entry.new.clone().unwrap_or_default()
        ),
    };
    let (gained, compare) = match &entry.kind {
        Kind::Updated(update) => (
            update.age_gained.map(gained),
            update.compare.clone().map(|link| link.to_string()),
        ),
        _ => (None, None),
    };
    // The engine links known forges only; anything but https is refused anyway.
    view! {
        <code class="path">{entry.path.clone()}</code>
        ": "
        <span class="what">{words}</span>
        {gained.map(|words| view! { ", " <span class="gained">{words}</span> })}
        {compare.map(|link| view! {
            " "
            <a href=link target="_blank" rel="noopener noreferrer">"compare on its forge"</a>
        })}
    }
}

/// `abc1234 → def5678`, or Nix's words for locks without revisions.
fn revisions(update: &Update, entry: &Entry) -> String {
    match (&update.old_rev, &update.new_rev) {
        (Some(old), Some(new)) if old != new => format!("{} → {}", short_rev(old), short_rev(new)),
        _ => format!(
            "{} → {}",
            entry.old.clone().unwrap_or_default(),
            entry.new.clone().unwrap_or_default()
        ),
    }
}

/// The time from the old commit to the new one, in words.
fn gained(secs: i64) -> String {
    match secs {
        0 => "same date".to_owned(),
        1.. => format!("{} newer", age_in_words(secs)),
        _ => format!("{} older", age_in_words(-secs)),
    }
}

#[cfg(test)]
mod tests {
    use super::gained;

    #[test]
    fn time_gained_says_which_way() {
        assert_eq!(gained(0), "same date");
        assert_eq!(gained(3 * 86_400), "3 days newer");
        assert_eq!(gained(-90 * 86_400), "3 months older");
    }
}
