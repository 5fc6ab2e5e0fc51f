//! The fixer's worker, a wasm of its own that the page loads on its first "Fix": this file
//! only starts it (the crate's library).

fn main() {
    console_error_panic_hook::set_once();
    lockscope_fix_worker::start();
}
