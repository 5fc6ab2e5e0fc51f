//! Text from a lock file, made safe to print: a control character in an input name or URL
//! must not move the cursor or recolour the terminal.

use std::borrow::Cow;

/// `s` with every control character but the newline written as a `\u{..}` escape; `s`
/// itself when it has none, as nearly every output has (a scan of its bytes, no copy).
pub fn safe(s: &str) -> Cow<'_, str> {
    escaped(s, 1 << b'\n')
}

/// A file's own lines (`fix`'s diff): tabs and carriage returns stay as they are, so that the
/// diff applies to the file; any other control character is escaped as by [`safe`].
pub fn safe_lines(s: &str) -> Cow<'_, str> {
    escaped(s, 1 << b'\n' | 1 << b'\r' | 1 << b'\t')
}

/// `s` with its control characters escaped, but the C0 ones whose bit is set in `kept`.
fn escaped(s: &str, kept: u32) -> Cow<'_, str> {
    let is_kept = |b: u8| b < 0x20 && (kept >> b) & 1 == 1;
    let bytes = s.as_bytes();
    // A first look, in blocks without an early exit so that it runs on vector instructions:
    // no byte that can start a control character.
    let suspect = |b: u8| (b < 0x20 && !is_kept(b)) | (b == 0x7f) | (b == 0xc2);
    if !bytes
        .chunks(64)
        .any(|block| block.iter().fold(false, |found, &b| found | suspect(b)))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::new();
    // `s[..copied]` is in `out` already.
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        // The control characters are C0 (but the newline), DEL and C1: U+0080 to U+009F is
        // 0xC2 0x80 to 0xC2 0x9F in UTF-8. Every byte looked at starts a character.
        let width = match bytes[at] {
            b if is_kept(b) => 0,
            ..0x20 | 0x7f => 1,
            0xc2 if matches!(bytes.get(at + 1), Some(0x80..=0x9f)) => 2,
            _ => 0,
        };
        if width == 0 {
            at += 1;
            continue;
        }
        // Both places start characters: `get` cannot fail, and keeps a broken rule from
        // panicking.
        out.push_str(s.get(copied..at).unwrap_or_default());
        let c = s.get(at..).and_then(|rest| rest.chars().next());
        out.extend(c.into_iter().flat_map(char::escape_unicode));
        at += width;
        copied = at;
    }
    if copied == 0 {
        return Cow::Borrowed(s);
    }
    out.push_str(s.get(copied..).unwrap_or_default());
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(safe("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\n");
        assert_eq!(safe("tab\there"), "tab\\u{9}here");
        assert_eq!(
            safe("del\u{7f} c1\u{85} é ü\n"),
            "del\\u{7f} c1\\u{85} é ü\n"
        );
        assert!(matches!(safe("plain\n"), Cow::Borrowed("plain\n")));
        assert_eq!(safe_lines("\ta\u{1b}\r\n"), "\ta\\u{1b}\r\n");
    }

    /// The same escapes as the plain rule, on every character up to U+2FFF.
    #[test]
    fn agrees_with_is_control() {
        let all: String = (0..0x3000).filter_map(char::from_u32).collect();
        let mut expected = String::new();
        for c in all.chars() {
            if c.is_control() && c != '\n' {
                expected.extend(c.escape_unicode());
            } else {
                expected.push(c);
            }
        }
        assert_eq!(safe(&all), expected);
    }
}
