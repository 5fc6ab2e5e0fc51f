//! The analyser's worker, a wasm of its own that the page loads once its first tree is
//! drawn: this file only starts it (the library's `analyser`).

fn main() {
    console_error_panic_hook::set_once();
    lockscope_app::analyser::start();
}
