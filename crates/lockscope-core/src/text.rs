//! Short forms both fronts print, written once so the CLI and the page never drift apart:
//! a revision cut to a readable length, and a counted noun.

/// How many characters of a revision people read: as many as `git log --abbrev=12`.
pub const SHORT_REV_CHARS: usize = 12;

/// The first [`SHORT_REV_CHARS`] characters of a revision. Characters, not bytes: a lock may
/// hold any text in `rev`, and cutting inside a character would panic.
pub fn short_rev(rev: &str) -> &str {
    match rev.char_indices().nth(SHORT_REV_CHARS) {
        Some((end, _)) => rev.get(..end).unwrap_or(rev),
        None => rev,
    }
}

/// `1 input`, `3 inputs`: the count and the noun, with an `s` unless there is exactly one.
pub fn count<N: Copy + std::fmt::Display + PartialEq + From<u8>>(n: N, noun: &str) -> String {
    format!("{n} {noun}{}", plural_s(n))
}

/// `""` for one, `"s"` for any other count: for sentences that put words between the two.
pub fn plural_s<N: PartialEq + From<u8>>(n: N) -> &'static str {
    if n == N::from(1) {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_revisions_cut_characters_not_bytes() {
        assert_eq!(short_rev("0123456789abcdef"), "0123456789ab");
        assert_eq!(short_rev("abc"), "abc");
        assert_eq!(short_rev(""), "");
        assert_eq!(short_rev("aéééééééééééééé"), "aééééééééééé");
        assert_eq!(short_rev("🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀"), "🦀".repeat(12));
    }

    #[test]
    fn counts_say_one_or_many() {
        assert_eq!(count(0, "input"), "0 inputs");
        assert_eq!(count(1, "input"), "1 input");
        assert_eq!(count(2, "node"), "2 nodes");
    }
}
