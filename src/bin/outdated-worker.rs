//! The update checker's worker, a wasm of its own that the page loads only when asked to
//! check for updates: this file only starts it (the library's `worker`).

fn main() {
    console_error_panic_hook::set_once();
    lockscope_app::worker::start();
}
