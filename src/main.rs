//! Lockscope in the browser: look inside a Nix flake.lock. This file only mounts the app.

mod address;
mod analysis;
mod app;
mod comparison;
mod components;
mod fetch;
mod load;
mod model;
mod route;
mod state;
#[cfg(test)]
mod test_fixtures;
mod tree_state;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
