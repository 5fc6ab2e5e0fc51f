//! Lockscope in the browser: look inside a Nix flake.lock. This file only mounts the app
//! (`lib.rs`).

// talc in place of the standard allocator for wasm (dlmalloc): measured on the site,
// 0.4 KB less brotli and the 1442 lines of the biggest lock drawn 30-50 ms sooner.
#[cfg(target_family = "wasm")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(lockscope_app::App);
}
