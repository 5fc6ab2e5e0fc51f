//! Every `lockscope` command in every format, run in-process on any bytes as `flake.lock`
//! (and `old.lock` for `diff`: a pair is old, 0xFF, new). The input's length picks the
//! command and format, so a real lock is a seed as it is and every output gets its turn as
//! the fuzzer grows and shrinks inputs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (old, new) = lockscope_fuzz::pair(data);
    lockscope_fuzz::cli(&old, &new, data.len());
});
