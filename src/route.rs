//! What the page's address says is on screen, so that a link shares the exact view:
//! `#src=github:NixOS/nix` for one lock, `#old=<source>&new=<source>` for a comparison,
//! nothing for the site's own lock (named `self` in a comparison). Plain Rust, no DOM.

use lockscope_core::source::{LockSource, SourceError};
use lockscope_core::url::{percent_decode, percent_encode};

/// Where a lock the page can fetch again comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The repository's flake.lock, which the site serves beside index.html.
    Own,
    /// A lock on a forge or at an https address.
    Source(LockSource),
}

/// The view an address names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// One lock and its tree.
    One(Place),
    /// Two locks compared.
    Compare {
        /// The lock compared from.
        old: Place,
        /// The lock compared to.
        new: Place,
    },
}

/// How the site's own lock is written in an address or a compare field.
pub const OWN_NAME: &str = "self";

impl Place {
    /// A source as typed in a field or found in an address; `self` is the site's own lock.
    pub fn parse(text: &str) -> Result<Place, SourceError> {
        if text.trim() == OWN_NAME {
            return Ok(Place::Own);
        }
        LockSource::parse(text).map(Place::Source)
    }

    /// The words the page uses for it.
    pub fn label(&self) -> String {
        match self {
            Place::Own => "this site's flake.lock".to_owned(),
            Place::Source(source) => source.canonical(),
        }
    }

    fn name(&self) -> String {
        match self {
            Place::Own => OWN_NAME.to_owned(),
            Place::Source(source) => source.canonical(),
        }
    }
}

impl Route {
    /// Read an address' fragment (with or without its `#`). An empty one is the site's own lock.
    pub fn from_hash(hash: &str) -> Result<Route, String> {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        if hash.is_empty() {
            return Ok(Route::One(Place::Own));
        }
        let params = params(hash);
        let get = |key: &str| {
            params
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, value)| value.as_str())
        };
        let place = |key: &str, value: &str| {
            Place::parse(value)
                .map_err(|error| format!("The link's {key}= is not a lock source: {error}"))
        };
        match (get("src"), get("old"), get("new")) {
            (Some(src), None, None) => Ok(Route::One(place("src", src)?)),
            (None, Some(old), Some(new)) => Ok(Route::Compare {
                old: place("old", old)?,
                new: place("new", new)?,
            }),
            _ => Err(format!(
                "The link's #{hash} names no view: it should be #src=<source>, or #old=<source>&new=<source> to compare"
            )),
        }
    }

    /// The fragment that names this view, without its `#`; empty for the site's own lock.
    pub fn to_hash(&self) -> String {
        match self {
            Route::One(Place::Own) => String::new(),
            Route::One(place) => format!("src={}", encode(&place.name())),
            Route::Compare { old, new } => {
                format!("old={}&new={}", encode(&old.name()), encode(&new.name()))
            }
        }
    }
}

/// `key=value` pairs split at each `&` that starts a known key, so that a hand-written
/// `#src=gitlab:o/r?dir=a&host=b` keeps its `&`; `to_hash` escapes it anyway.
fn params(hash: &str) -> Vec<(&str, String)> {
    let mut params: Vec<(&str, String)> = Vec::new();
    for part in hash.split('&') {
        let known = ["src", "old", "new"].into_iter().find(|key| {
            part.strip_prefix(key)
                .is_some_and(|rest| rest.starts_with('='))
        });
        match (known, params.last_mut()) {
            (Some(key), _) => params.push((key, part[key.len() + 1..].to_owned())),
            (None, Some((_, value))) => {
                value.push('&');
                value.push_str(part);
            }
            (None, None) => params.push(("", part.to_owned())),
        }
    }
    params
        .into_iter()
        .map(|(key, value)| (key, percent_decode(&value)))
        .collect()
}

/// Escape what would end or change a parameter (`&`, `#`, `%`, spaces, ...), keeping
/// the characters of a source readable.
fn encode(value: &str) -> String {
    percent_encode(value, ":/?=@+,;!$'()*")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(hash: &str) -> Route {
        Route::from_hash(hash).unwrap_or_else(|e| panic!("{hash}: {e}"))
    }

    fn source(text: &str) -> Place {
        Place::Source(LockSource::parse(text).unwrap())
    }

    #[test]
    fn no_hash_is_the_sites_own_lock() {
        assert_eq!(route(""), Route::One(Place::Own));
        assert_eq!(route("#"), Route::One(Place::Own));
        assert_eq!(route("#src=self"), Route::One(Place::Own));
        assert_eq!(Route::One(Place::Own).to_hash(), "");
    }

    #[test]
    fn a_source_reads_as_typed_and_writes_readably() {
        let nix = route("#src=github:NixOS/nix");
        assert_eq!(nix, Route::One(source("github:NixOS/nix")));
        assert_eq!(nix.to_hash(), "src=github:NixOS/nix");
        let url = route("#src=https://github.com/o/r/blob/main/sub/flake.lock");
        assert_eq!(url, Route::One(source("github:o/r/main?dir=sub")));
        assert_eq!(url.to_hash(), "src=github:o/r/main?dir=sub");
    }

    #[test]
    fn an_ampersand_inside_a_source_survives_both_ways() {
        let gitlab = source("gitlab:o/r?dir=a&host=git.example.org");
        let written = Route::One(gitlab.clone()).to_hash();
        assert_eq!(written, "src=gitlab:o/r?dir=a%26host=git.example.org");
        assert_eq!(route(&written), Route::One(gitlab.clone()));
        // As a person would write it, unescaped.
        assert_eq!(
            route("src=gitlab:o/r?dir=a&host=git.example.org"),
            Route::One(gitlab)
        );
    }

    #[test]
    fn comparisons_round_trip() {
        for compare in [
            Route::Compare {
                old: source("github:NixOS/nix/2.33.0"),
                new: source("github:NixOS/nix/2.34.0"),
            },
            Route::Compare {
                old: Place::Own,
                new: source("gitlab:o/r?dir=a&host=git.example.org"),
            },
            Route::Compare {
                old: source("https://example.org/a b/flake.lock#x"),
                new: Place::Own,
            },
        ] {
            let hash = compare.to_hash();
            assert_eq!(route(&hash), compare, "{hash}");
            assert!(!hash.contains(' ') && !hash.contains('#'), "{hash}");
        }
        assert_eq!(
            route("#old=self&new=github:o/r/v2"),
            Route::Compare {
                old: Place::Own,
                new: source("github:o/r/v2")
            }
        );
    }

    #[test]
    fn bad_links_say_what_is_wrong() {
        let err = |hash: &str| Route::from_hash(hash).expect_err(hash);
        assert_eq!(
            err("#src=github:NixOS"),
            "The link's src= is not a lock source: 'github:NixOS' needs an owner and a repository, as in github:owner/repo"
        );
        assert!(err("#src=javascript:alert(1)").contains("is not a source Lockscope can fetch"));
        assert!(err("#old=self").contains("names no view"));
        assert!(err("#tree").contains("names no view"));
        assert!(err("#src=self&old=self&new=self").contains("names no view"));
        assert_eq!(
            err("#old=self&new=http://x.org/flake.lock"),
            "The link's new= is not a lock source: 'http://x.org/flake.lock' uses plain http: only https URLs can be fetched from this page"
        );
    }
}
