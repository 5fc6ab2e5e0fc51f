//! Update checks, on the page's side: what it knows of them (each checked input's result,
//! most behind first; GitHub's quota; whether a round is under way) and how it asks. The
//! asking is the worker's (`worker`), a wasm of its own that the page starts on the first
//! check, never on arrival, so that a first visit downloads none of it; this side posts it
//! the lock, reads its reports and keeps the tab's cache in `sessionStorage` for it.

pub mod report;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::js_sys::Array;
use web_sys::{MessageEvent, Storage, Worker};

use crate::model::LockView;
use crate::worker::{CANCEL, READY};
use report::{Checked, Report};

/// The worker's script, which trunk writes beside the page (`index.html`).
const WORKER_SCRIPT: &str = "outdated-worker_loader.js";
/// Where the tab keeps what its checks learnt.
const CACHE_KEY: &str = "lockscope-updates";

/// The update checks of the lock on screen. (One signal and one stored value in all: each
/// type of either adds its own code to the page's wasm.)
#[derive(Clone, Copy)]
pub struct Updates {
    /// What the page shows of them.
    pub checks: RwSignal<Checks>,
    link: StoredValue<Link, LocalStorage>,
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

/// The page's end of the worker.
#[derive(Default)]
struct Link {
    worker: Option<Worker>,
    /// Whether the worker said it is ready.
    ready: bool,
    /// A round asked before it was.
    waiting: Option<Array>,
    /// The round under way is for a lock no longer on screen: its results are not shown.
    stale: bool,
}

impl Updates {
    /// Nothing checked yet.
    pub fn new() -> Self {
        Updates {
            checks: RwSignal::new(Checks::default()),
            link: StoredValue::new_local(Link::default()),
        }
    }

    /// Check these inputs of a lock (input paths; none: every root input), unless a round is
    /// under way.
    pub fn check(&self, view: &LockView, inputs: &[String]) {
        if self.checks.with_untracked(|checks| checks.running) {
            return;
        }
        let worker = self.worker();
        self.checks.update(|checks| {
            checks.running = worker.is_some();
            checks.broken = worker.is_none();
        });
        let Some(worker) = worker else {
            return;
        };
        let round = Array::of3(
            &view.text.as_str().into(),
            &inputs.join("\n").into(),
            &session_storage()
                .and_then(|storage| storage.get_item(CACHE_KEY).ok().flatten())
                .unwrap_or_default()
                .into(),
        );
        self.link.update_value(|link| match link.ready {
            true => drop(worker.post_message(&round)),
            false => link.waiting = Some(round),
        });
    }

    /// Stop the round under way: what is answered stays.
    pub fn cancel(&self) {
        let mut unsent = false;
        self.link
            .update_value(|link| match (link.waiting.take(), &link.worker) {
                (Some(_), _) => {
                    unsent = true;
                    link.stale = false;
                }
                (None, Some(worker)) => drop(worker.post_message(&CANCEL.into())),
                (None, None) => {}
            });
        if unsent {
            self.checks.update(|checks| checks.running = false);
        }
    }

    /// Another lock is on screen: nothing of this one's checks is shown any more.
    pub fn forget(&self) {
        if self.checks.with_untracked(|checks| checks.running) {
            self.link.update_value(|link| link.stale = true);
            self.cancel();
        }
        self.checks.update(|checks| checks.results.clear());
    }

    /// The worker, started on the first call.
    fn worker(&self) -> Option<Worker> {
        if let Some(worker) = self.link.with_value(|link| link.worker.clone()) {
            return Some(worker);
        }
        let worker = Worker::new(WORKER_SCRIPT).ok()?;
        let updates = *self;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            updates.receive(event.data().as_string().unwrap_or_default())
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // Not started, or broken: the next check starts another.
        let on_error = Closure::<dyn FnMut()>::new(move || {
            updates.link.set_value(Link::default());
            updates.checks.update(|checks| {
                checks.running = false;
                checks.broken = true;
            });
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // They live as long as the worker, which a page keeps to its end.
        on_message.forget();
        on_error.forget();
        self.link
            .update_value(|link| link.worker = Some(worker.clone()));
        Some(worker)
    }

    fn receive(&self, message: String) {
        if message == READY {
            self.link.update_value(|link| {
                link.ready = true;
                if let (Some(round), Some(worker)) = (link.waiting.take(), &link.worker) {
                    let _ = worker.post_message(&round);
                }
            });
            return;
        }
        let Some(report) = Report::decode(&message) else {
            return;
        };
        if let (Some(cache), Some(storage)) = (&report.cache, session_storage()) {
            let _ = storage.set_item(CACHE_KEY, cache);
        }
        let mut stale = false;
        self.link.update_value(|link| {
            stale = link.stale;
            link.stale &= !report.done;
        });
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
