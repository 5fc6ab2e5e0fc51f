//! Update checks, on the page's side: what it knows of them (each checked input's result,
//! most behind first; GitHub's quota; whether a round is under way) and how it asks. The
//! asking is the worker's (`worker`), a wasm of its own that the page starts on the first
//! check, never on arrival, so that a first visit downloads none of it; this side posts it
//! the lock, reads its reports and keeps the tab's cache in `sessionStorage` for it.

pub mod report;

use leptos::prelude::*;
use web_sys::js_sys::Array;
use web_sys::Storage;

use crate::model::LockView;
use crate::worker::CANCEL;
use crate::workers::Helper;
use report::{Checked, Report};

/// Where the tab keeps what its checks learnt.
const CACHE_KEY: &str = "lockscope-updates";

/// The update checks of the lock on screen.
#[derive(Clone, Copy)]
pub struct Updates {
    /// What the page shows of them.
    pub checks: RwSignal<Checks>,
    checker: Helper,
    /// The round under way is for a lock no longer on screen: its results are not shown.
    stale: StoredValue<bool>,
}

/// What the page shows of the update checks.
#[derive(Default)]
pub struct Checks {
    /// Each checked input's result (or that it is being checked), most behind first.
    pub results: Vec<Checked>,
    /// GitHub's quota in words, once known.
    pub quota: Option<String>,
    /// Whether a round is under way.
    pub running: bool,
    /// Whether the checker could not start.
    pub broken: bool,
}

impl Updates {
    /// Nothing checked yet.
    pub fn new() -> Self {
        Updates {
            checks: RwSignal::new(Checks::default()),
            checker: Helper::new("outdated-worker"),
            stale: StoredValue::new(false),
        }
    }

    /// Check these inputs of a lock (input paths; none: every root input), unless a round is
    /// under way.
    pub fn check(&self, view: &LockView, inputs: &[String]) {
        if self.checks.with_untracked(|checks| checks.running) {
            return;
        }
        let round = Array::of3(
            &view.text.as_str().into(),
            &inputs.join("\n").into(),
            &session_storage()
                .and_then(|storage| storage.get_item(CACHE_KEY).ok().flatten())
                .unwrap_or_default()
                .into(),
        );
        let updates = *self;
        let started = self.checker.post(
            round.into(),
            move |message| updates.receive(message),
            // Not started, or broken: the next check starts another.
            move || {
                updates.checks.update(|checks| {
                    checks.running = false;
                    checks.broken = true;
                })
            },
        );
        self.checks.update(|checks| {
            checks.running = started;
            checks.broken = !started;
        });
    }

    /// Stop the round under way: what is answered stays.
    pub fn cancel(&self) {
        if self.checker.unsend() {
            self.stale.set_value(false);
            self.checks.update(|checks| checks.running = false);
        } else {
            self.checker.tell(CANCEL);
        }
    }

    /// Another lock is on screen: nothing of this one's checks is shown any more.
    pub fn forget(&self) {
        if self.checks.with_untracked(|checks| checks.running) {
            self.stale.set_value(true);
            self.cancel();
        }
        self.checks.update(|checks| checks.results.clear());
    }

    fn receive(&self, message: String) {
        let Some(report) = Report::decode(&message) else {
            return;
        };
        if let (Some(cache), Some(storage)) = (&report.cache, session_storage()) {
            let _ = storage.set_item(CACHE_KEY, cache);
        }
        let stale = self.stale.get_value();
        if report.done {
            self.stale.set_value(false);
        }
        self.checks.update(|checks| {
            if report.quota.is_some() {
                checks.quota = report.quota;
            }
            if !stale {
                merge(&mut checks.results, report.checked);
            }
            checks.running &= !report.done;
        });
    }
}

/// A round's results in place of those of the same inputs: most behind first, the rest in
/// the order of the round. (Placed one by one rather than sorted: a sort's code for one more
/// type is kilobytes of the page's wasm, and a lock has tens of inputs.)
fn merge(results: &mut Vec<Checked>, checked: Vec<Checked>) {
    for checked in checked {
        results.retain(|result| result.input != checked.input);
        let at = results
            .iter()
            .position(|result| result.behind < checked.behind)
            .unwrap_or(results.len());
        results.insert(at, checked);
    }
}

fn session_storage() -> Option<Storage> {
    window().session_storage().ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(input: &str, behind: Option<u64>) -> Checked {
        Checked {
            input: input.into(),
            status: "behind".into(),
            badge: String::new(),
            behind,
            summary: String::new(),
            head: None,
            days: None,
            renamed: None,
            compare: None,
        }
    }

    #[test]
    fn a_round_replaces_its_inputs_results_and_the_most_behind_come_first() {
        let mut results = vec![result("b", Some(3)), result("a", None)];
        merge(
            &mut results,
            vec![
                result("c", Some(1)),
                result("a", Some(40)),
                result("d", None),
            ],
        );
        let order: Vec<_> = results
            .iter()
            .map(|r| (r.input.as_str(), r.behind))
            .collect();
        assert_eq!(
            order,
            [("a", Some(40)), ("b", Some(3)), ("c", Some(1)), ("d", None)]
        );
    }
}
