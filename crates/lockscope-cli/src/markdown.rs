//! Markdown for job summaries, with lock text kept inert.

/// Text from a lock as inert Markdown: every ASCII punctuation character is escaped, so
/// nothing becomes a link, an image, HTML, emphasis or a table cell border.
pub fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else if c.is_control() {
            out.push(' ');
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
    fn markdown_from_a_lock_is_inert() {
        assert_eq!(
            md_text("a|b [x](http://e.org) <img>"),
            "a\\|b \\[x\\]\\(http\\:\\/\\/e\\.org\\) \\<img\\>"
        );
        assert_eq!(md_text("line\nbreak"), "line break");
    }
}
