//! The engine on any bytes: parse, resolve, tree, details, duplicates, health and diff of one
//! lock or a pair (old, 0xFF, new).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (old, new) = lockscope_fuzz::pair(data);
    lockscope_fuzz::engine(&old, &new);
});
