//! Text from a lock file, made safe to print: a control character in an input name or URL
//! must not move the cursor or recolour the terminal.

/// `s` with every control character but the newline written as a `\u{..}` escape.
pub fn safe(s: &str) -> String {
    escaped(s, &['\n'])
}

/// A file's own lines (`fix`'s diff): tabs and carriage returns stay as they are, so that the
/// diff applies to the file; any other control character is escaped as by [`safe`].
pub fn safe_lines(s: &str) -> String {
    escaped(s, &['\n', '\r', '\t'])
}

fn escaped(s: &str, kept: &[char]) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() && !kept.contains(&c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(safe("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\n");
        assert_eq!(safe("tab\there"), "tab\\u{9}here");
        assert_eq!(safe_lines("\ta\u{1b}\r\n"), "\ta\\u{1b}\r\n");
    }
}
