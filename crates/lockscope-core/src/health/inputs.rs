//! Checks beyond Nixpkgs: the age of each root input; registry inputs, insecure
//! URLs, local paths and dirty git locks anywhere; nodes nothing reaches.

use super::{
    days_between, finder, main_path, older_than, show, CheckOptions, Finding, Level, Problem,
};
use crate::details::Reached;
use crate::dups::source::written_out;
use crate::flakeref::FlakeRef;
use crate::lock::{Input, LockFile, Node};
use crate::time::utc_date;

/// `reached`: the lock's `details::reached`.
pub(super) fn check(
    lock: &LockFile,
    options: &CheckOptions,
    reached: &[Reached],
    nixpkgs_nodes: &[&str],
    findings: &mut Vec<Finding>,
) {
    for row in reached {
        let (node, Some(path)) = (row.node, main_path(&row.paths)) else {
            continue;
        };
        let Some(locked) = node.locked.as_ref() else {
            continue;
        };
        let mut found = finder(findings, path, row.key);
        let name = format!("'{}'", show(path));

        // Age concerns the inputs flake.nix declares itself: a nested input is
        // locked by its own flake, and only a follows can change it.
        let is_root_input =
            path.len() == 1 && matches!(lock.root().inputs.get(path[0]), Some(Input::Node(_)));
        if is_root_input {
            let age = locked
                .last_modified()
                .filter(|_| !nixpkgs_nodes.contains(&row.key));
            if let Some(t) = age {
                let days = days_between(t, options.now);
                if older_than(days, options.input_max_age_days) {
                    found(
                        Level::Info,
                        Problem::InputOutdated {
                            days,
                            max_days: options.input_max_age_days,
                        },
                        format!(
                            "{name} was last updated {days} days ago ({}), more than {} days ago.",
                            utc_date(t as i64),
                            options.input_max_age_days,
                        ),
                        Some(format!(
                            "`nix flake update {}` brings it up to date, unless it is pinned on purpose.",
                            path[0]
                        )),
                    );
                }
            }
        }

        if let Some(original) = node.original.as_ref().filter(|o| o.kind == "indirect") {
            let id = original.attrs.str("id").unwrap_or_default().to_string();
            let full = written_out(original, locked)
                .map(|r| format!(", such as '{r}'"))
                .unwrap_or_default();
            found(
                Level::Warning,
                Problem::IndirectInput { id: id.clone() },
                format!(
                    "{name} is the registry name 'flake:{id}': what it locks depends on the flake registry \
                     of whoever updates the lock."
                ),
                Some(format!("Write the full reference instead{full}.")),
            );
        }

        for url in [Some(locked), node.original.as_ref()]
            .into_iter()
            .flatten()
            .filter_map(FlakeRef::url)
        {
            if let Some(scheme) = insecure_scheme(url) {
                found(
                    Level::Warning,
                    Problem::InsecureUrl { url: url.to_string() },
                    format!(
                        "{name} is fetched over unencrypted {scheme} ({url}): anyone on the network path can \
                         change what gets locked."
                    ),
                    Some("Use an https URL.".to_string()),
                );
                break;
            }
        }

        if let Some(location) = local_location(node, locked) {
            found(
                Level::Warning,
                Problem::LocalPath {
                    location: location.clone(),
                },
                format!(
                    "{name} is locked to {location}, a path on the machine that wrote the lock: anyone else \
                     needs the same files there to build it."
                ),
                None,
            );
        }

        if let Some(rev) = locked
            .attrs
            .str("dirtyRev")
            .or(locked.attrs.str("dirtyShortRev"))
        {
            found(
                Level::Error,
                Problem::DirtyLock { rev: rev.to_string() },
                format!(
                    "{name} is locked to uncommitted changes ({rev}) of {}: nobody else can fetch that \
                     state.",
                    locked.source()
                ),
                Some("Commit the changes and lock again.".to_string()),
            );
        }
    }

    for key in lock.orphans() {
        findings.push(Finding {
            level: Level::Info,
            problem: Problem::OrphanNode,
            path: Vec::new(),
            node: Some(key.clone()),
            message: format!(
                "The node '{key}' is in the lock file, but no input reaches it: Nix ignores it."
            ),
            action: Some("The next `nix flake lock` drops it.".to_string()),
        });
    }
}

/// `http://`, `git+http://`, `hg+http://` and the unauthenticated `git://` protocol.
fn insecure_scheme(url: &str) -> Option<&'static str> {
    let scheme = url.split_once("://")?.0.to_ascii_lowercase();
    match scheme
        .strip_prefix("git+")
        .or(scheme.strip_prefix("hg+"))
        .unwrap_or(&scheme)
    {
        "http" => Some("HTTP"),
        "git" => Some("git:// protocol"),
        _ => None,
    }
}

/// An absolute path input, or a git/tarball URL on the local file system. Relative paths
/// (inside the flake's own repository) are fine.
fn local_location(node: &Node, locked: &FlakeRef) -> Option<String> {
    match locked.kind.as_str() {
        "path" => {
            let path = locked.attrs.str("path")?;
            (node.parent.is_none() && path.starts_with('/'))
                .then(|| format!("the local path {path}"))
        }
        _ => {
            let url = locked.url()?;
            let scheme = url.split_once(':')?.0.to_ascii_lowercase();
            let local = scheme == "file" || scheme.ends_with("+file") || url.starts_with('/');
            local.then(|| format!("the local repository {url}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insecure_schemes() {
        assert_eq!(insecure_scheme("http://example.org/x.tar.gz"), Some("HTTP"));
        assert_eq!(insecure_scheme("git+http://example.org/r"), Some("HTTP"));
        assert_eq!(
            insecure_scheme("git://example.org/r"),
            Some("git:// protocol")
        );
        assert_eq!(insecure_scheme("https://example.org/r"), None);
        assert_eq!(insecure_scheme("ssh://git@example.org/r"), None);
        assert_eq!(insecure_scheme("/some/path"), None);
    }
}
