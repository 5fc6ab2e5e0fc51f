//! The engine's JSON reader against serde_json on any text: the same accept or reject, the
//! same values (compared as the tests compare them).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../crates/lockscope-core/tests/json_compare/mod.rs"]
mod json_compare;

fuzz_target!(|text: &str| {
    json_compare::agree(text);
});
