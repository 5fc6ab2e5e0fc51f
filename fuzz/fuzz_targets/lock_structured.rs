//! The engine and one CLI output (of every command and format, picked by the input) on two
//! locks built by `arbitrary` from nodes, inputs and follows paths: locks that parse, so the
//! fuzzer spends its time past the JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lockscope_fuzz::ArbitraryLock;

fuzz_target!(|input: (ArbitraryLock, ArbitraryLock, u8)| {
    let (old, new, output) = input;
    let (old, new) = (old.text(), new.text());
    lockscope_fuzz::engine(&old, &new);
    lockscope_fuzz::cli(&old, &new, output.into());
});
