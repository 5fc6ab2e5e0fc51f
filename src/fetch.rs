//! Fetching text over https with gloo-net (a lock, status.nixos.org's answer, the forges'
//! answers to the update checker): cancellable, limited in time, and limited in size while
//! the body streams in, never after the whole of it has arrived.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::{Request, Response};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::js_sys::Uint8Array;
use web_sys::{AbortController, ReadableStreamDefaultReader, ReadableStreamReadResult};

/// How long a fetch may take, from the request to the last byte, and how many bytes it may
/// bring.
#[derive(Clone, Copy)]
pub struct Limits {
    pub time: Duration,
    pub bytes: usize,
}

/// A lock's: the corpus' biggest is about 400 KB.
pub const LOCK_LIMITS: Limits = Limits {
    time: Duration::from_secs(20),
    bytes: 20 * 1024 * 1024,
};

/// Why a fetch gave no text. Its `Display` words it for a lock; other fetches word it
/// themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchError {
    NotFound,
    Status(u16),
    /// No answer the page may read: offline, no such host, or no CORS header.
    Network,
    TooLarge,
    NotText,
    TimedOut,
    /// The visitor stopped it.
    Cancelled,
    /// Another load took its place.
    Replaced,
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::NotFound => write!(
                f,
                "there is no flake.lock there (HTTP 404). Check the owner, the repository, the branch \
                 and ?dir=, and that the repository is public"
            ),
            FetchError::Status(status) => write!(
                f,
                "the server answered HTTP {status}. Try again later, or check the address"
            ),
            FetchError::Network => write!(
                f,
                "no answer the page may read: the network is down, the host does not exist, or it does \
                 not let other sites read its files (CORS). Try a github:, gitlab:, sourcehut: or \
                 codeberg: reference, or download the file and choose it below"
            ),
            FetchError::TooLarge => write!(
                f,
                "it is bigger than {} MB, far too big for a flake.lock. Check that the address points \
                 at a flake.lock",
                LOCK_LIMITS.bytes / (1024 * 1024)
            ),
            FetchError::NotText => write!(
                f,
                "it is not text, so not a flake.lock. Check that the address points at a flake.lock"
            ),
            FetchError::TimedOut => write!(
                f,
                "no complete answer within {} seconds. Try again, or download the file and choose it below",
                LOCK_LIMITS.time.as_secs()
            ),
            FetchError::Cancelled => write!(f, "cancelled"),
            FetchError::Replaced => write!(f, "replaced by another load"),
        }
    }
}

/// The fetches of one load. They stop together: when the visitor cancels, when another
/// load replaces this one, or when one of them runs out of time.
#[derive(Clone)]
pub struct Abort {
    controller: AbortController,
    why: Rc<Cell<Option<FetchError>>>,
}

impl Abort {
    pub fn new() -> Option<Abort> {
        Some(Abort {
            controller: AbortController::new().ok()?,
            why: Rc::new(Cell::new(None)),
        })
    }

    pub fn stop(&self, why: FetchError) {
        if self.why.get().is_none() {
            self.why.set(Some(why));
        }
        self.controller.abort();
    }

    /// Why the fetches stopped, if they did.
    pub fn stopped(&self) -> Option<FetchError> {
        self.why.get()
    }
}

/// Fetch `url` as text within `limits`, telling `progress` how many bytes have arrived so far
/// (a `dyn`, so that the wasm holds one copy of this for every caller).
pub async fn fetch_text(
    url: &str,
    abort: &Abort,
    limits: Limits,
    progress: &dyn Fn(usize),
) -> Result<String, FetchError> {
    let timer = {
        let abort = abort.clone();
        set_timeout_with_handle(move || abort.stop(FetchError::TimedOut), limits.time).ok()
    };
    let result = read_body(url, abort, limits.bytes, progress).await;
    if let Some(timer) = timer {
        timer.clear();
    }
    // Whatever failed after a stop failed because of it.
    result.map_err(|error| abort.stopped().unwrap_or(error))
}

async fn read_body(
    url: &str,
    abort: &Abort,
    cap: usize,
    progress: &dyn Fn(usize),
) -> Result<String, FetchError> {
    let response = send(url, &[], abort).await?;
    match response.status() {
        200..=299 => read_text(&response, cap, progress).await,
        404 => Err(FetchError::NotFound),
        status => Err(FetchError::Status(status)),
    }
}

/// Sends a GET of `url` with these headers; the answer whatever its status. (The update
/// checker's worker sends its questions with it too, under a timer of its own: the one of
/// `fetch_text` is the window's, which a worker has not.)
pub async fn send(
    url: &str,
    headers: &[(&str, &str)],
    abort: &Abort,
) -> Result<Response, FetchError> {
    let mut request = Request::get(url);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    request
        .abort_signal(Some(&abort.controller.signal()))
        .send()
        .await
        .map_err(|_| FetchError::Network)
}

/// Reads an answer's body as text as it streams in, stopping at `cap` bytes.
pub async fn read_text(
    response: &Response,
    cap: usize,
    progress: &dyn Fn(usize),
) -> Result<String, FetchError> {
    let Some(body) = response.body() else {
        return Ok(String::new());
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let chunk: ReadableStreamReadResult = JsFuture::from(reader.read())
            .await
            .map_err(|_| FetchError::Network)?
            .unchecked_into();
        if chunk.get_done().unwrap_or(true) {
            break;
        }
        let chunk = Uint8Array::new(&chunk.get_value());
        if bytes.len() + chunk.length() as usize > cap {
            // Stop the download here rather than take the rest of it.
            let _ = reader.cancel();
            return Err(FetchError::TooLarge);
        }
        let start = bytes.len();
        bytes.resize(start + chunk.length() as usize, 0);
        chunk.copy_to(&mut bytes[start..]);
        progress(bytes.len());
    }
    String::from_utf8(bytes).map_err(|_| FetchError::NotText)
}

#[cfg(test)]
mod tests {
    use super::FetchError::*;

    #[test]
    fn each_failure_says_what_to_try_next() {
        for error in [NotFound, Status(502), Network, TooLarge, NotText, TimedOut] {
            let words = error.to_string();
            assert!(
                words.contains(". Try ") || words.contains(". Check "),
                "{words}"
            );
        }
        assert!(NotFound.to_string().contains("HTTP 404"));
        assert!(Network.to_string().contains("CORS"));
        assert!(TooLarge.to_string().contains("bigger than 20 MB"));
        assert!(TimedOut.to_string().contains("within 20 seconds"));
    }
}
