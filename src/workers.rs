//! The page's helpers in Web Workers, wasms of their own that the page starts only when it
//! needs them (the analyser once a tree is on screen, the update checker on the first
//! check), so that the tree never waits for their code: how the page starts one and talks to
//! it ([`Helper`]), how a worker listens and answers ([`listen`], [`post`]), and how the page
//! reads the JSON a worker writes with serde: with the engine's JSON reader, which the page
//! holds anyway (serde_json's reader would add kilobytes to every first visit).

use leptos::prelude::*;
use lockscope_core::json::{Json, Number, Object};
use wasm_bindgen::prelude::*;
use web_sys::js_sys;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker};

/// What a worker posts once it listens: what the page posted before is lost, so the page
/// holds its messages until then.
const READY: &str = "ready";

/// The page's end of one worker, started on the first message.
#[derive(Clone, Copy)]
pub struct Helper {
    /// The helper's name: its binary's, after which trunk names its files (`index.html`).
    name: &'static str,
    link: StoredValue<Link, LocalStorage>,
}

#[derive(Default)]
struct Link {
    worker: Option<Worker>,
    /// Whether the worker said it is ready.
    ready: bool,
    /// What the page posted before it was, in order.
    waiting: Vec<JsValue>,
}

impl Helper {
    /// A worker not started yet.
    pub fn new(name: &'static str) -> Self {
        Helper {
            name,
            link: StoredValue::new_local(Link::default()),
        }
    }

    /// Posts `message`, once the worker is ready. The first starts the worker, which hands
    /// its messages to `receive`; `broken` is told when it cannot start or fails, and the
    /// next message starts another. Returns false when no worker could be made.
    pub fn post(
        &self,
        message: JsValue,
        receive: impl Fn(String) + 'static,
        broken: impl Fn() + 'static,
    ) -> bool {
        let Some(worker) = self.worker(Box::new(receive), Box::new(broken)) else {
            return false;
        };
        self.link.update_value(|link| match link.ready {
            true => drop(worker.post_message(&message)),
            false => link.waiting.push(message),
        });
        true
    }

    /// Posts `message` to a worker already started; nothing otherwise.
    pub fn tell(&self, message: &str) {
        self.link.with_value(|link| {
            if let Some(worker) = &link.worker {
                let _ = worker.post_message(&message.into());
            }
        });
    }

    /// Drops the messages the worker has not been given yet; returns whether there were any.
    pub fn unsend(&self) -> bool {
        self.link
            .try_update_value(|link| !std::mem::take(&mut link.waiting).is_empty())
            .unwrap_or(false)
    }

    /// The worker, started if it was not. (Not generic: the page's wasm holds one copy of it
    /// for all its workers.)
    fn worker(&self, receive: Box<dyn Fn(String)>, broken: Box<dyn Fn()>) -> Option<Worker> {
        if let Some(worker) = self.link.with_value(|link| link.worker.clone()) {
            return Some(worker);
        }
        // public/worker.js starts the helper it is named.
        let worker = Worker::new(&format!("worker.js?{}", self.name)).ok()?;
        let link = self.link;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let message = event.data().as_string().unwrap_or_default();
            if message != READY {
                return receive(message);
            }
            link.update_value(|link| {
                link.ready = true;
                if let Some(worker) = &link.worker {
                    for message in link.waiting.drain(..) {
                        let _ = worker.post_message(&message);
                    }
                }
            });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let on_error = Closure::<dyn FnMut()>::new(move || {
            link.set_value(Link::default());
            broken();
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // They live as long as the worker, which a page keeps to its end.
        on_message.forget();
        on_error.forget();
        self.link
            .update_value(|link| link.worker = Some(worker.clone()));
        Some(worker)
    }
}

/// In a worker: hands each message of the page to `receive`, then tells the page it listens.
pub fn listen(receive: impl FnMut(JsValue) + 'static) {
    let mut receive = receive;
    let on_message =
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| receive(event.data()));
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: so does its listener.
    on_message.forget();
    post(READY);
}

/// In a worker: posts a message to the page.
pub fn post(message: &str) {
    let _ = scope().post_message(&JsValue::from_str(message));
}

/// In a worker: its global scope.
pub fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// A string member's text.
pub fn text_of(object: &Object, key: &str) -> Option<String> {
    match object.get(key)? {
        Json::String(text) => Some(text.clone()),
        _ => None,
    }
}

/// An unsigned number member.
pub fn number(object: &Object, key: &str) -> Option<u64> {
    match object.get(key)? {
        Json::Number(Number::Unsigned(n)) => Some(*n),
        _ => None,
    }
}

/// The strings of an array member; other items are left out.
pub fn texts(object: &Object, key: &str) -> Vec<String> {
    items(object, key, |item| match item {
        Json::String(text) => Some(text.clone()),
        _ => None,
    })
}

/// The items of an array member that `read` reads; those it cannot are left out.
pub fn items<T>(object: &Object, key: &str, read: impl Fn(&Json) -> Option<T>) -> Vec<T> {
    match object.get(key) {
        Some(Json::Array(items)) => items.iter().filter_map(read).collect(),
        _ => Vec::new(),
    }
}

/// An object item's members, for [`items`].
pub fn members(item: &Json) -> Option<&Object> {
    match item {
        Json::Object(object) => Some(object),
        _ => None,
    }
}
