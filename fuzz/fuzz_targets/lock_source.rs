//! `LockSource` parsing: what a visitor types as the place of a lock. A source that parses
//! has a raw URL on https, and its canonical form (what a share link holds) parses back to it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lockscope_core::source::LockSource;

fuzz_target!(|text: &str| {
    let Ok(source) = LockSource::parse(text) else {
        return;
    };
    let raw = source.raw_url();
    assert!(raw.starts_with("https://"), "{raw}");
    let canonical = source.canonical();
    assert_eq!(LockSource::parse(&canonical), Ok(source), "{canonical}");
});
