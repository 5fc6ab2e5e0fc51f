//! The update checker, in a Web Worker: a wasm of its own (`src/bin/outdated-worker.rs`) that
//! the page starts on its first "Check for updates" (`updates`), so that a first visit
//! downloads none of the engine's forge code, serde's or these words. A round reads the lock,
//! takes what the tab's cache knows, runs the engine's `outdated::Session` for the rest
//! (three requests at a time, ten seconds each) and posts a report
//! (`updates::report::Report`) after every answer.
//!
//! The messages: the page posts an array of the
//! lock's text, the input paths to check one a line (none: every root input) and the cache's
//! text, or [`CANCEL`]; the worker posts each report as JSON text, the last one `done`, with
//! the cache to keep.

mod cache;
mod words;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::Headers;
use lockscope_core::outdated::{
    self, Answer, ApiBases, Outcome, Request, Session, Subject, Transport, MAX_ANSWER_BYTES,
};
use lockscope_core::LockFile;
use wasm_bindgen::prelude::*;
use web_sys::js_sys::Array;

use crate::dom::now;
use crate::fetch::{read_text, send, Abort, FetchError};
use crate::updates::report::{Checked, Report};
use crate::workers::{listen, post, scope};
use cache::Cache;

/// What the page posts to stop the round under way.
pub const CANCEL: &str = "cancel";
/// Requests under way at once: few, so that one slow forge does not hold up the rest.
const AT_ONCE: usize = 3;
/// How long one request may take.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Starts listening to the page.
pub fn start() {
    let round = Rc::new(RefCell::new(None));
    listen(move |data| {
        if data.as_string().as_deref() == Some(CANCEL) {
            cancel(&round);
        } else if let Some(request) = data.dyn_ref::<Array>() {
            let part = |index| request.get(index).as_string().unwrap_or_default();
            begin(&round, &part(0), &part(1), &part(2));
        }
    });
}

/// The round under way, if any.
type Shared = Rc<RefCell<Option<Round>>>;

/// One round of checks.
struct Round {
    /// Tells this round's answers from those of a round cancelled before it.
    id: u64,
    session: Session,
    /// The subjects the session asks about, in its order.
    asked: Vec<Subject>,
    /// Every subject of the round in the order given: known from the cache, or asked.
    slots: Vec<Slot>,
    cache: Cache,
    /// The requests sent, to stop them on cancel.
    sent: Vec<Abort>,
    /// How many of them have no answer yet.
    under_way: usize,
}

enum Slot {
    Known(Checked),
    /// The index of the subject in the session.
    Asked(usize),
}

fn begin(shared: &Shared, lock: &str, inputs: &str, cache: &str) {
    let inputs: Vec<String> = inputs.lines().map(str::to_owned).collect();
    // The page sends the lock it shows and paths of its tree: neither fails in practice.
    let subjects = LockFile::parse(lock)
        .map_err(|e| e.to_string())
        .and_then(|lock| outdated::subjects(&lock, &inputs))
        .unwrap_or_default();
    let cache = Cache::read(cache);
    let (mut slots, mut asked) = (Vec::new(), Vec::new());
    for subject in subjects {
        match cache.get(&subject) {
            Some(known) => slots.push(Slot::Known(known)),
            None => {
                slots.push(Slot::Asked(asked.len()));
                asked.push(subject);
            }
        }
    }
    let id = shared.borrow().as_ref().map_or(0, |round: &Round| round.id) + 1;
    *shared.borrow_mut() = Some(Round {
        id,
        session: Session::new(asked.clone(), ApiBases::default(), now()),
        asked,
        slots,
        cache,
        sent: Vec::new(),
        under_way: 0,
    });
    pump(shared);
}

/// Sends what the session can ask now, reports, and ends the round once all is answered.
fn pump(shared: &Shared) {
    let mut requests = Vec::new();
    let id = {
        let mut current = shared.borrow_mut();
        let Some(round) = current.as_mut() else {
            return;
        };
        while round.under_way < AT_ONCE {
            let Some((ticket, request)) = round.session.next_request() else {
                break;
            };
            let Some(abort) = Abort::new() else {
                round.session.answer(ticket, Err(blocked(&request.url)));
                continue;
            };
            round.sent.push(abort.clone());
            round.under_way += 1;
            requests.push((ticket, request, abort));
        }
        if round.session.is_done() && round.under_way == 0 {
            let round = current.take().expect("a round");
            post(&finish(round).encode());
            return;
        }
        post(&round.report(false).encode());
        round.id
    };
    for (ticket, request, abort) in requests {
        let shared = shared.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let reply = ask(&request, &abort).await;
            {
                let mut current = shared.borrow_mut();
                // Answers of a cancelled round go nowhere.
                let Some(round) = current.as_mut().filter(|round| round.id == id) else {
                    return;
                };
                round.under_way -= 1;
                let header = |name: &str| reply.as_ref().ok()?.headers.get(name);
                let answer = match &reply {
                    Ok(reply) => Ok(Answer {
                        status: reply.status,
                        body: &reply.body,
                        header: &header,
                    }),
                    Err(transport) => Err(transport.clone()),
                };
                round.session.answer(ticket, answer);
            }
            pump(&shared);
        });
    }
}

/// Stops the round under way: what is answered stands, the rest is cancelled.
fn cancel(shared: &Shared) {
    let Some(mut round) = shared.borrow_mut().take() else {
        return;
    };
    round.session.cancel();
    for abort in &round.sent {
        abort.stop(FetchError::Cancelled);
    }
    post(&finish(round).encode());
}

/// The last report of a round, with the cache that keeps its answers.
fn finish(mut round: Round) -> Report {
    let outcomes: Vec<Outcome> = round.session.outcomes().flatten().cloned().collect();
    for (subject, outcome) in round.asked.iter().zip(&outcomes) {
        round.cache.keep(subject, outcome, words::checked(outcome));
    }
    let quota = round.session.quota();
    if let Some(remaining) = quota.remaining {
        round.cache.quota = Some((remaining, quota.reset));
    }
    Report {
        cache: Some(round.cache.write()),
        ..round.report(true)
    }
}

impl Round {
    fn report(&self, done: bool) -> Report {
        let outcomes: Vec<Option<&Outcome>> = self.session.outcomes().collect();
        let checked = self
            .slots
            .iter()
            .map(|slot| match slot {
                Slot::Known(known) => known.clone(),
                Slot::Asked(index) => match outcomes[*index] {
                    Some(outcome) => words::checked(outcome),
                    None => words::checking(&self.asked[*index].input),
                },
            })
            .collect();
        // GitHub's word now, or else the last one of this tab while it still holds.
        let quota = self.session.quota();
        let quota = match quota.remaining {
            Some(remaining) => Some((remaining, quota.reset)),
            None => self
                .cache
                .quota
                .filter(|(_, reset)| reset.is_some_and(|reset| reset > now())),
        };
        Report {
            checked,
            quota: quota.map(|(remaining, reset)| words::quota(remaining, reset)),
            done,
            cache: None,
        }
    }
}

impl Report {
    fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// An answer as it came.
struct Reply {
    status: u16,
    headers: Headers,
    body: String,
}

/// Sends one request within [`TIMEOUT`] and reads its answer, whatever its status.
async fn ask(request: &Request, abort: &Abort) -> Result<Reply, Transport> {
    let timer = {
        let abort = abort.clone();
        let stop = Closure::once_into_js(move || abort.stop(FetchError::TimedOut));
        scope()
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                stop.unchecked_ref(),
                TIMEOUT.as_millis() as i32,
            )
            .ok()
    };
    let reply = async {
        let response = send(&request.url, request.api.headers(), abort).await?;
        let body = match read_text(&response, MAX_ANSWER_BYTES, &|_| {}).await {
            // Not text, so not JSON: the engine says so.
            Err(FetchError::NotText) => String::new(),
            body => body?,
        };
        Ok(Reply {
            status: response.status(),
            headers: response.headers(),
            body,
        })
    }
    .await;
    if let Some(timer) = timer {
        scope().clear_timeout_with_handle(timer);
    }
    // Whatever failed after a stop failed because of it.
    reply.map_err(|error| match abort.stopped().unwrap_or(error) {
        FetchError::TimedOut => Transport::Timeout(TIMEOUT.as_secs()),
        FetchError::TooLarge => Transport::TooLarge,
        FetchError::Cancelled | FetchError::Replaced => Transport::Cancelled,
        _ => blocked(&request.url),
    })
}

/// A request the browser would not send or whose answer it would not show: a TypeError, for
/// CORS as for the network.
fn blocked(url: &str) -> Transport {
    let host = url.split('/').nth(2).unwrap_or(url);
    Transport::Blocked(host.to_owned())
}
