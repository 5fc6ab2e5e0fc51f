//! Closures for Leptos, boxed so that those of one kind share one type. Leptos compiles its
//! code for an event handler, a reactive part of a view or an effect once per type, and
//! every closure is a type of its own; boxed, the page's wasm holds one copy per kind
//! instead of one per closure (measured on the release site: 3.5 KB less brotli in all).

/// An event handler: all handlers of an event share one type.
pub fn handler<E: 'static>(handle: impl FnMut(E) + 'static) -> Box<dyn FnMut(E)> {
    Box::new(handle)
}

/// A part of a view drawn again whenever a signal it reads changes: all parts that draw the
/// same kind of view (a text, an optional part, an attribute's value) share one type.
pub fn redrawn<T: 'static>(
    draw: impl FnMut() -> T + Send + 'static,
) -> Box<dyn FnMut() -> T + Send> {
    Box::new(draw)
}

/// An effect: all effects that keep the same kind of value share one type.
pub fn effect<T: 'static>(run: impl FnMut(Option<T>) -> T + 'static) {
    leptos::prelude::Effect::new(Box::new(run) as Box<dyn FnMut(Option<T>) -> T>);
}
