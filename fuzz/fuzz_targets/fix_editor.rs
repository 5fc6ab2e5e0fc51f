//! `lockscope fix`'s editor on any text as flake.nix, with a lock whose duplicates need
//! follows at two and three levels and a new root input (the CLI's test lock): it never
//! panics; it refuses text that is no flake, or writes a file that rnix parses, that holds
//! every byte of the old one in order, and that a second run leaves as it is.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use lockscope_core::dups::{self, Duplicates};
use lockscope_core::fix::{self, FixError};
use lockscope_core::LockFile;

const LOCK: &str = include_str!("../../crates/lockscope-cli/tests/fix/flake.lock");

/// The lock's duplicates, found once: the editor is what is fuzzed.
static FOUND: OnceLock<Duplicates> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let found =
        FOUND.get_or_init(|| dups::find(&LockFile::parse(LOCK).expect("the test lock parses")));
    let fixed = match fix::apply(&text, &found.suggestions, &found.new_inputs) {
        Ok(fixed) => fixed,
        Err(FixError::Syntax { .. } | FixError::NotAnAttrSet { .. }) => return,
        Err(e) => panic!("{e}"),
    };
    let parse = rnix::Root::parse(&fixed.text);
    assert!(parse.errors().is_empty(), "{:?}", parse.errors());
    let mut rest = fixed.text.chars();
    assert!(
        text.chars().all(|c| rest.any(|n| n == c)),
        "a byte of the old text is gone"
    );
    let again = fix::apply(&fixed.text, &found.suggestions, &found.new_inputs).expect("twice");
    assert_eq!(again.text, fixed.text, "a second run changes the file");
    assert!(again.added.is_empty());
});
