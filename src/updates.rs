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

/// The update checks of the lock on screen.
#[derive(Clone, Copy)]
pub struct Updates {
    /// Each checked input's result (or that it is being checked), most behind first.
    pub results: RwSignal<Vec<Checked>>,
    /// GitHub's quota in words, once known.
    pub quota: RwSignal<Option<String>>,
    /// Whether a round is under way.
    pub running: RwSignal<bool>,
    /// Why the checker could not start, when it could not.
    pub broken: RwSignal<bool>,
    worker: StoredValue<Option<Worker>, LocalStorage>,
    /// Whether the worker said it is ready.
    ready: StoredValue<bool>,
    /// A round asked before the worker was ready.
    waiting: StoredValue<Option<Array>, LocalStorage>,
    /// The round under way is for a lock no longer on screen: its results are not shown.
    stale: StoredValue<bool>,
}

impl Updates {
    /// Nothing checked yet.
    pub fn new() -> Self {
        Updates {
            results: RwSignal::new(Vec::new()),
            quota: RwSignal::new(None),
            running: RwSignal::new(false),
            broken: RwSignal::new(false),
            worker: StoredValue::new_local(None),
            ready: StoredValue::new(false),
            waiting: StoredValue::new_local(None),
            stale: StoredValue::new(false),
        }
    }

    /// Check these inputs of a lock (input paths; none: every root input), unless a round is
    /// under way.
    pub fn check(&self, view: &LockView, inputs: &[String]) {
        if self.running.get_untracked() {
            return;
        }
        let Some(worker) = self.worker() else {
            self.broken.set(true);
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
        self.broken.set(false);
        self.running.set(true);
        match self.ready.get_value() {
            true => drop(worker.post_message(&round)),
            false => self.waiting.set_value(Some(round)),
        }
    }

    /// Stop the round under way: what is answered stays.
    pub fn cancel(&self) {
        if self
            .waiting
            .try_update_value(Option::take)
            .flatten()
            .is_some()
        {
            self.running.set(false);
        } else if let Some(worker) = self.worker.get_value() {
            let _ = worker.post_message(&CANCEL.into());
        }
    }

    /// Another lock is on screen: nothing of this one's checks is shown any more.
    pub fn forget(&self) {
        if self.running.get_untracked() {
            self.stale.set_value(true);
            self.cancel();
        }
        self.results.set(Vec::new());
    }

    /// The worker, started on the first call.
    fn worker(&self) -> Option<Worker> {
        if let Some(worker) = self.worker.get_value() {
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
            updates.worker.set_value(None);
            updates.ready.set_value(false);
            updates.waiting.set_value(None);
            updates.running.set(false);
            updates.broken.set(true);
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // They live as long as the worker, which a page keeps to its end.
        on_message.forget();
        on_error.forget();
        self.worker.set_value(Some(worker.clone()));
        Some(worker)
    }

    fn receive(&self, message: String) {
        if message == READY {
            self.ready.set_value(true);
            let waiting = self.waiting.try_update_value(Option::take).flatten();
            if let (Some(round), Some(worker)) = (waiting, self.worker.get_value()) {
                let _ = worker.post_message(&round);
            }
            return;
        }
        let Some(report) = Report::decode(&message) else {
            return;
        };
        if let (Some(cache), Some(storage)) = (&report.cache, session_storage()) {
            let _ = storage.set_item(CACHE_KEY, cache);
        }
        if report.quota.is_some() {
            self.quota.set(report.quota);
        }
        if !self.stale.get_value() {
            self.results
                .update(|results| merge(results, report.checked));
        }
        if report.done {
            self.stale.set_value(false);
            self.running.set(false);
        }
    }
}

/// A round's results in place of those of the same inputs, most behind first and the rest in
/// the order they were checked.
fn merge(results: &mut Vec<Checked>, checked: Vec<Checked>) {
    for checked in checked {
        match results.iter_mut().find(|r| r.input == checked.input) {
            Some(result) => *result = checked,
            None => results.push(checked),
        }
    }
    results.sort_by_key(|result| std::cmp::Reverse(result.behind));
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
            facts: Vec::new(),
            compare: None,
        }
    }

    #[test]
    fn a_round_replaces_its_inputs_results_and_the_most_behind_come_first() {
        let mut results = vec![result("a", None), result("b", Some(3))];
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
