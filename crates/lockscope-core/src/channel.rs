//! What the URL of a NixOS channel tarball says: the channel a flake asked for
//! (`https://channels.nixos.org/<channel>/nixexprs.tar.xz`, `https://nixos.org/channels/<channel>/…`),
//! or the channel release it was locked to
//! (`https://releases.nixos.org/nixos/26.05/nixos-26.05.4193.a50de1b7d8a5/nixexprs.tar.xz`).
//! Such tarballs are NixOS/nixpkgs at one revision, with the channel's files added.

use crate::url::ParsedUrl;

/// A channel tarball URL, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelTarball {
    /// `nixos-26.05`, `nixos-unstable-small`, `nixpkgs-26.05-darwin`, `nixpkgs-unstable`.
    pub channel: Option<String>,
    /// The channel release: `26.05.4193`, `26.11pre1027151`.
    pub version: Option<String>,
    /// The short revision the release names: `a50de1b7d8a5`.
    pub short_rev: Option<String>,
}

/// The channel tarball a URL names; `None` for any other URL.
pub fn parse(url: &str) -> Option<ChannelTarball> {
    let url = ParsedUrl::parse(url)?;
    if url.scheme != "https" && url.scheme != "http" {
        return None;
    }
    let host = url.host()?;
    let segments = url.segments();
    let channel = |name: &str| ChannelTarball {
        channel: Some(name.to_string()),
        version: None,
        short_rev: None,
    };
    match (host.as_str(), segments.as_slice()) {
        ("channels.nixos.org", [name, _, ..]) | ("nixos.org", ["channels", name, _, ..]) => {
            Some(channel(name))
        }
        ("releases.nixos.org", [project @ ("nixos" | "nixpkgs"), rest @ .., release, _]) => {
            let name = match (*project, rest) {
                (project, [dir]) => Some(format!("{project}-{dir}")),
                // nixpkgs-unstable's releases sit at the top of the project.
                ("nixpkgs", []) => Some("nixpkgs-unstable".to_string()),
                _ => None,
            };
            // `nixos-26.05.4193.a50de1b7d8a5`, `nixpkgs-darwin-26.05pre1012102.33da5f36e599`.
            let (_, versioned) = release.rsplit_once('-')?;
            let (version, short_rev) = versioned.rsplit_once('.')?;
            let is_hex = !short_rev.is_empty() && short_rev.bytes().all(|b| b.is_ascii_hexdigit());
            Some(ChannelTarball {
                channel: name,
                version: Some(version.to_string()),
                short_rev: is_hex.then(|| short_rev.to_string()),
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_and_release_urls() {
        let cases = [
            ("https://channels.nixos.org/nixos-25.11/nixexprs.tar.xz", "nixos-25.11", "", ""),
            ("https://nixos.org/channels/nixpkgs-unstable/nixexprs.tar.xz", "nixpkgs-unstable", "", ""),
            (
                "https://releases.nixos.org/nixos/25.11/nixos-25.11.9320.0123456789ab/nixexprs.tar.xz",
                "nixos-25.11", "25.11.9320", "0123456789ab",
            ),
            (
                "https://releases.nixos.org/nixos/unstable-small/nixos-26.11pre1027151.04b4e759e843/nixexprs.tar.xz",
                "nixos-unstable-small", "26.11pre1027151", "04b4e759e843",
            ),
            (
                "https://releases.nixos.org/nixpkgs/nixpkgs-26.11pre1058520.391b592eb448/nixexprs.tar.zst?lastModified=1787209939&rev=391b592eb44808b3bd0cb80bb71b63a5a118b8bb",
                "nixpkgs-unstable", "26.11pre1058520", "391b592eb448",
            ),
            (
                "https://releases.nixos.org/nixpkgs/26.05-darwin/nixpkgs-darwin-26.05pre1012102.33da5f36e599/nixexprs.tar.xz",
                "nixpkgs-26.05-darwin", "26.05pre1012102", "33da5f36e599",
            ),
        ];
        for (url, channel, version, short_rev) in cases {
            let s = |v: &str| (!v.is_empty()).then(|| v.to_string());
            assert_eq!(
                parse(url),
                Some(ChannelTarball {
                    channel: s(channel),
                    version: s(version),
                    short_rev: s(short_rev),
                }),
                "{url}"
            );
        }
    }

    #[test]
    fn other_urls_are_no_channel() {
        for url in [
            "https://github.com/NixOS/nixpkgs/archive/nixos-25.11.tar.gz",
            "https://channels.nixos.org/nixos-25.11",
            "https://releases.nixos.org/nix/nix-2.34.0/nix-2.34.0.tar.xz",
            "file:///releases.nixos.org/nixos/25.11/nixos-25.11.1.abc/nixexprs.tar.xz",
            "not a url",
        ] {
            assert_eq!(parse(url), None, "{url}");
        }
    }
}
