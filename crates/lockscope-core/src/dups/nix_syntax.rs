//! Lines of flake.nix, written so that any input name pastes as valid Nix.

const KEYWORDS: [&str; 10] = [
    "assert", "else", "if", "in", "inherit", "let", "or", "rec", "then", "with",
];

/// An attribute name: bare when it is a Nix identifier, a quoted string otherwise
/// (`hls-1.10` has a dot, so it becomes `"hls-1.10"`).
pub(crate) fn attr(name: &str) -> String {
    let mut chars = name.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || "_'-".contains(c))
        && !KEYWORDS.contains(&name);
    if identifier {
        name.to_string()
    } else {
        string(name)
    }
}

/// A double-quoted Nix string with `"`, `\` and `${` escaped.
pub(crate) fn string(s: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out += "\\\"",
            '\\' => out += "\\\\",
            '\n' => out += "\\n",
            '\r' => out += "\\r",
            '\t' => out += "\\t",
            '$' if chars.peek() == Some(&'{') => out += "\\$",
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `inputs.a.inputs.b.follows = "target";`
pub(crate) fn follows_line(path: &[String], target: &str) -> String {
    let attrs: Vec<String> = path
        .iter()
        .map(|name| format!("inputs.{}", attr(name)))
        .collect();
    format!("{}.follows = {};", attrs.join("."), string(target))
}

/// `inputs.name.url = "url";`
pub(crate) fn url_line(name: &str, url: &str) -> String {
    format!("inputs.{}.url = {};", attr(name), string(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_only_when_needed() {
        assert_eq!(attr("nixpkgs"), "nixpkgs");
        assert_eq!(attr("flake-utils_2'"), "flake-utils_2'");
        assert_eq!(attr("hls-1.10"), "\"hls-1.10\"");
        assert_eq!(attr("1password"), "\"1password\"");
        assert_eq!(attr("or"), "\"or\"");
        assert_eq!(attr(""), "\"\"");
        assert_eq!(string("a\"b\\c${d}$e"), r#""a\"b\\c\${d}$e""#);
    }

    #[test]
    fn lines() {
        let path = ["hyprland".to_string(), "hls-1.10".to_string()];
        assert_eq!(
            follows_line(&path, "nixpkgs"),
            r#"inputs.hyprland.inputs."hls-1.10".follows = "nixpkgs";"#
        );
        assert_eq!(
            url_line("nixpkgs", "github:NixOS/nixpkgs"),
            r#"inputs.nixpkgs.url = "github:NixOS/nixpkgs";"#
        );
    }
}
