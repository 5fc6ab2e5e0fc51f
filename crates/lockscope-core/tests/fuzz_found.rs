//! What the fuzz targets of `fuzz/` found, each cut down to the smallest input that shows it
//! and kept here so that it stays fixed (README, "Fuzzing").

use lockscope_core::attrs::{Attr, Attrs};
use lockscope_core::flakeref::ForgePage;
use lockscope_core::source::LockSource;
use lockscope_core::FlakeRef;

/// `lock_source`: a share link holds the canonical form of a source, which must open the
/// same source again. A `dir` or ref holding `&`, `%`, `#` or a line break was written as
/// it is and read back as something else (`dir=a&b` is `dir=a`); a forge address was taken
/// with names its shorthand refuses.
#[test]
fn canonical_sources_parse_back_to_themselves() {
    for typed in [
        "github:o/r?dir=a%26b",
        "github:o/r?dir=x%0A",
        "github:o/r?dir=100%25",
        "gitlab:o/r/a%2541?dir=d%23e&host=gitlab.example.org",
        "codeberg:o/r/v1+2@x",
        "github:NixOS/nix/2.34-maintenance?dir=sub/dir",
        "https://github.com/o/r/tree/a%25b/c%26d",
        "https://gitlab.com/o/r/-/blob/main/x/flake.lock",
    ] {
        let source = LockSource::parse(typed).expect(typed);
        let canonical = source.canonical();
        assert_eq!(
            LockSource::parse(&canonical),
            Ok(source),
            "{typed} -> {canonical}"
        );
    }
    assert_eq!(
        LockSource::parse("https://github.com/Mic92/dotfiles%0Aht")
            .unwrap_err()
            .to_string(),
        "'dotfiles\nht' is not a valid repository name"
    );
    assert_eq!(
        LockSource::parse("github:NixOS/nix/2.34-maintenance?dir=sub/dir")
            .unwrap()
            .canonical(),
        "github:NixOS/nix/2.34-maintenance?dir=sub/dir"
    );
}

/// `flakeref_url`: a forge link is shown as it is, so whatever a page is given (a revision
/// that is not hex, here), the link stays one https address with nothing to break out of.
#[test]
fn forge_links_encode_every_revision() {
    let reference = FlakeRef {
        kind: "github".into(),
        attrs: Attrs(
            [("owner", "o"), ("repo", "r")]
                .map(|(k, v)| (k.to_string(), Attr::Str(v.into())))
                .into_iter()
                .collect(),
        ),
        dir: None,
    };
    let repo = reference.forge_repo().expect("a GitHub repository");
    let odd = "  \"><x>".to_string();
    for link in [
        repo.page_url(ForgePage::Commit(odd.clone())),
        repo.page_url(ForgePage::Compare(odd.clone(), odd)),
    ] {
        assert!(
            link.as_str()
                .chars()
                .all(|c| c.is_ascii_graphic() && !"\"<>".contains(c)),
            "{link}"
        );
    }
    let hex = "0123456789abcdef0123456789abcdef01234567".to_string();
    assert_eq!(
        repo.page_url(ForgePage::Commit(hex.clone())).as_str(),
        format!("https://github.com/o/r/commit/{hex}")
    );
}

/// `lock_structured`: a `lastModified` past `i64::MAX` (a lock holds any `u64` there) made the
/// age in days overflow, a panic with overflow checks and a wrong age without them.
#[test]
fn ages_of_times_past_i64_max_do_not_overflow() {
    let lock = r#"{"version": 7, "root": "root", "nodes": {
      "root": {"inputs": {"nixpkgs": "nixpkgs", "other": "other"}},
      "nixpkgs": {"locked": {"type": "github", "owner": "NixOS", "repo": "nixpkgs", "rev": "a",
                             "lastModified": 9223372036854775808, "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
                  "original": {"type": "github", "owner": "NixOS", "repo": "nixpkgs", "ref": "nixos-unstable"}},
      "other": {"locked": {"type": "github", "owner": "o", "repo": "r", "rev": "b",
                           "lastModified": 18446744073709551615, "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
                "original": {"type": "github", "owner": "o", "repo": "r"}}
    }}"#;
    let lock = lockscope_core::LockFile::parse(lock).expect("a valid lock");
    let options = lockscope_core::health::CheckOptions::new(1_796_551_440);
    let report = lockscope_core::health::check(&lock, &options);
    // From the far future, nothing is outdated.
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.problem.code() != "nixpkgs-outdated"),
        "{report:?}"
    );
}

/// Seen beside the finding above: the age an update gains, from one `lastModified` to the
/// other, overflowed for two far-apart `u64`s.
#[test]
fn the_age_gained_between_far_apart_times_does_not_overflow() {
    let lock = |last_modified: u64| {
        lockscope_core::LockFile::parse(&format!(
            r#"{{"version": 7, "root": "root", "nodes": {{
              "root": {{"inputs": {{"a": "a"}}}},
              "a": {{"locked": {{"type": "github", "owner": "o", "repo": "r", "rev": "{last_modified:x}",
                                 "lastModified": {last_modified}, "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}},
                     "original": {{"type": "github", "owner": "o", "repo": "r"}}}}
            }}}}"#
        ))
        .expect("a valid lock")
    };
    let gained = |old: u64, new: u64| {
        let changes = lockscope_core::diff::changes(&lock(old), &lock(new));
        changes[0].update().expect("an update").age_gained
    };
    assert_eq!(gained(1, 1 << 63), Some(i64::MAX));
    // Never i64::MIN, which a front could not negate.
    assert_eq!(gained(1 << 63, 0), Some(-i64::MAX));
    assert_eq!(gained(u64::MAX, 0), Some(-i64::MAX));
}
