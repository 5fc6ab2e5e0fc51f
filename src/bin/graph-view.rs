//! The dependency graph's wasm, which the page loads when its graph is first opened: this
//! file only starts it (the library's `graph::view`).

fn main() {
    console_error_panic_hook::set_once();
    lockscope_app::graph::view::start();
}
