//! URLs parsed and printed the way Nix does (`src/libutil/url.cc`): path segments and query
//! values are percent-decoded on the way in and re-encoded with Nix's allowed characters on
//! the way out; the query is a sorted map.

use crate::sorted_map::SortedMap;

/// Characters Nix leaves unencoded in a path segment, beyond RFC 3986's unreserved set.
pub(crate) const KEEP_IN_PATH: &str = ":@";
/// Characters Nix leaves unencoded in a query key or value, beyond the unreserved set.
pub(crate) const KEEP_IN_QUERY: &str = ":@/?";

/// A URL in parts, as Nix's `ParsedURL` holds one; `Display` prints it as Nix does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedUrl {
    /// The scheme as written, without its `:`: `https`, `git+ssh`, ...
    pub scheme: String,
    /// `user@host:port`, already in its printed form; `None` when the URL has no `//`.
    pub authority: Option<String>,
    /// Decoded path segments; an absolute path starts with an empty segment.
    pub path: Vec<String>,
    /// Decoded query parameters by name (the first of a repeated name wins).
    pub query: SortedMap<String, String>,
    /// The decoded fragment; empty when there is none.
    pub fragment: String,
}

impl ParsedUrl {
    /// Parses an absolute URL; `None` when it has no scheme.
    pub fn parse(url: &str) -> Option<ParsedUrl> {
        let (scheme, rest) = url.split_once(':')?;
        let valid_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if !valid_scheme {
            return None;
        }
        let (rest, fragment) = match rest.split_once('#') {
            Some((r, f)) => (r, percent_decode(f)),
            None => (rest, String::new()),
        };
        let (rest, query) = match rest.split_once('?') {
            Some((r, q)) => (r, decode_query(q)),
            None => (rest, SortedMap::new()),
        };
        let (authority, path) = match rest.strip_prefix("//") {
            Some(after) => {
                // The path starts at the first `/`, a character boundary: never `None`.
                let (authority, path) =
                    after.split_at_checked(after.find('/').unwrap_or(after.len()))?;
                (Some(render_authority(authority)), path)
            }
            None => (None, rest),
        };
        let is_file = scheme == "file" || scheme.ends_with("+file");
        let path = if is_file && path.is_empty() {
            "/"
        } else {
            path
        };
        Some(ParsedUrl {
            scheme: scheme.to_string(),
            authority,
            path: path.split('/').map(percent_decode).collect(),
            query,
            fragment,
        })
    }

    /// The path's segments, empty ones (from `//` or a trailing `/`) left out.
    pub fn segments(&self) -> Vec<&str> {
        self.path
            .iter()
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// The host part of the authority, lowercased; `None` without an authority.
    pub fn host(&self) -> Option<String> {
        let authority = self.authority.as_deref()?;
        let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let host = match host_port.rsplit_once(':') {
            Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
            _ => host_port,
        };
        Some(host.to_ascii_lowercase())
    }
}

impl std::fmt::Display for ParsedUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = String::with_capacity(128);
        out += &self.scheme;
        out.push(':');
        if let Some(authority) = &self.authority {
            out += "//";
            out += authority;
        }
        for (i, segment) in self.path.iter().enumerate() {
            if i > 0 {
                out.push('/');
            }
            push_percent_encoded(&mut out, segment, KEEP_IN_PATH);
        }
        for (i, (key, value)) in self.query.iter().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            push_percent_encoded(&mut out, key, KEEP_IN_QUERY);
            out.push('=');
            push_percent_encoded(&mut out, value, KEEP_IN_QUERY);
        }
        if !self.fragment.is_empty() {
            out.push('#');
            push_percent_encoded(&mut out, &self.fragment, "");
        }
        f.write_str(&out)
    }
}

/// `user:password@host:port` decoded and re-encoded as Nix prints an authority.
fn render_authority(raw: &str) -> String {
    let (userinfo, host_port) = match raw.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, raw),
    };
    let mut out = String::new();
    if let Some(userinfo) = userinfo {
        let mut parts = userinfo.splitn(2, ':');
        out += &percent_encode(&percent_decode(parts.next().unwrap_or_default()), "");
        if let Some(password) = parts.next() {
            out.push(':');
            out += &percent_encode(&percent_decode(password), "");
        }
        out.push('@');
    }
    if host_port.starts_with('[') {
        // IP literal: kept as written.
        out += host_port;
        return out;
    }
    let (host, port) = match host_port.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (host_port, None),
    };
    out += &percent_encode(&percent_decode(host), "");
    if let Some(port) = port.and_then(|p| p.parse::<u16>().ok()).filter(|p| *p != 0) {
        out += &format!(":{port}");
    }
    out
}

/// A query string as a sorted map; the first occurrence of a key wins, a part without `=`
/// is dropped (Nix warns and ignores it).
pub fn decode_query(query: &str) -> SortedMap<String, String> {
    let mut map = SortedMap::new();
    for part in query.split('&') {
        if let Some((key, value)) = part.split_once('=') {
            map.get_or_insert_with(percent_decode(key), || percent_decode(value));
        }
    }
    map
}

/// Percent-encodes every byte outside RFC 3986's unreserved set and `keep`, with upper-case
/// hex digits (as boost.url does for Nix).
pub fn percent_encode(s: &str, keep: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_percent_encoded(&mut out, s, keep);
    out
}

pub(crate) fn push_percent_encoded(out: &mut String, s: &str, keep: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let plain = |b: u8| {
        matches!(b, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~')
            || keep.as_bytes().contains(&b)
    };
    // Byte by byte, each byte of a character outside the plain set escaped; the plain bytes
    // between escapes are copied as one run. A run starts and ends next to ASCII bytes, so
    // never inside a character (`get` keeps a broken rule from panicking).
    let mut start = 0;
    for (at, &b) in s.as_bytes().iter().enumerate() {
        if plain(b) {
            continue;
        }
        out.push_str(s.get(start..at).unwrap_or_default());
        out.extend([
            '%',
            char::from(HEX[usize::from(b >> 4)]),
            char::from(HEX[usize::from(b & 15)]),
        ]);
        start = at + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
}

/// Decodes `%XX` escapes; a malformed escape is kept as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_is_sorted_and_reencoded() {
        let url = ParsedUrl::parse("https://x.org/a%20b/c?z=1&a=b+c&dir=p/q").unwrap();
        assert_eq!(url.to_string(), "https://x.org/a%20b/c?a=b%2Bc&dir=p/q&z=1");
    }

    #[test]
    fn file_url_keeps_empty_authority() {
        let url = ParsedUrl::parse("file:///home/me/src").unwrap();
        assert_eq!(url.to_string(), "file:///home/me/src");
        assert_eq!(url.host().as_deref(), Some(""));
    }

    #[test]
    fn user_and_port_survive() {
        let url = ParsedUrl::parse("ssh://git@Example.org:2222/o/r.git").unwrap();
        assert_eq!(url.to_string(), "ssh://git@Example.org:2222/o/r.git");
        assert_eq!(url.host().as_deref(), Some("example.org"));
    }

    #[test]
    fn no_scheme_is_not_a_url() {
        assert!(ParsedUrl::parse("/just/a/path").is_none());
        assert!(ParsedUrl::parse("1x:y").is_none());
    }

    #[test]
    fn non_ascii_is_encoded_byte_by_byte() {
        assert_eq!(percent_encode("é/ü x", ""), "%C3%A9%2F%C3%BC%20x");
        assert_eq!(percent_encode("a:b@c/d", ":@"), "a:b@c%2Fd");
    }

    #[test]
    fn malformed_escape_is_kept() {
        assert_eq!(percent_decode("a%zzb%4"), "a%zzb%4");
        assert_eq!(percent_decode("%41"), "A");
    }
}
