//! What the fuzz targets share: the engine's whole pipeline and every CLI output on one or two
//! locks, the byte layout of a pair of locks, and locks built by `arbitrary` from nodes,
//! inputs and follows paths.

use arbitrary::Arbitrary;
use clap::Parser;
use lockscope_cli::input::InMemory;
use lockscope_cli::{Cli, Error, EVERY_OUTPUT};
use lockscope_core::health::{self, CheckOptions};
use lockscope_core::{attrs, details, diff, dups, tree, FlakeRef, LockFile};
use serde_json::{json, Map, Value};

/// Between the old and the new lock of a pair: a byte that UTF-8 text never holds, so a
/// real lock is a seed as it is (one lock, compared with itself).
pub const PAIR_SEPARATOR: u8 = 0xff;

/// The two locks in `data`: before and after [`PAIR_SEPARATOR`], or the same text twice.
pub fn pair(data: &[u8]) -> (String, String) {
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    match data.iter().position(|&b| b == PAIR_SEPARATOR) {
        Some(at) => (text(&data[..at]), text(&data[at + 1..])),
        None => (text(data), text(data)),
    }
}

/// The time the checks measure ages at, as in [`EVERY_OUTPUT`]: 2026-01-01.
const NOW: i64 = 1_767_225_600;

/// Everything the engine does with a lock, on both locks, and their diff. Panics (the
/// finding) on a crash or when a rule that holds for every lock is broken.
pub fn engine(old: &str, new: &str) {
    let old = LockFile::parse(old);
    let new = LockFile::parse(new);
    for lock in [&old, &new].into_iter().flatten() {
        for path in lock.all_inputs().keys() {
            let _ = lock.resolve(path);
        }
        // The page draws `lines`, the CLI prints `render`: the same tree, line for line.
        let lines: String = tree::lines(lock)
            .iter()
            .map(|line| line.text() + "\n")
            .collect();
        let expected = if lines.is_empty() {
            lines
        } else {
            format!("Inputs:\n{lines}")
        };
        assert_eq!(tree::render(lock), expected);
        serde_json::to_string(&details::document(lock)).expect("the document serialises");
        let found = dups::find(lock);
        serde_json::to_string(&found).expect("duplicates serialise");
        let report = health::check_with(lock, &CheckOptions::new(NOW), &found);
        serde_json::to_string(&report).expect("the report serialises");
        let same = diff::changes(lock, lock);
        assert!(same.is_empty(), "a lock differs from itself: {same:?}");
    }
    if let (Ok(old), Ok(new)) = (&old, &new) {
        let changes = diff::changes(old, new);
        let _ = diff::render(&changes);
        for change in &changes {
            let _ = (change.path(), change.update());
        }
    }
}

/// One CLI command in one format, the `which`th of [`EVERY_OUTPUT`] (counted round), run
/// in-process, `diff` from `old` to `new`: it ends with its output or a message about its
/// input, never a panic; its JSON is JSON. One a run, not all eleven: a run is then fast
/// enough for millions of them.
pub fn cli(old: &str, new: &str, which: usize) {
    let args = EVERY_OUTPUT[which % EVERY_OUTPUT.len()];
    let files = [("old.lock", old), ("flake.lock", new)]
        .into_iter()
        .map(|(path, text)| (path.into(), text.to_string()))
        .collect();
    let cli = Cli::try_parse_from(std::iter::once("lockscope").chain(args.iter().copied()))
        .expect("valid arguments");
    let mut out = Vec::new();
    match cli.command.run(&mut InMemory(files), &mut out) {
        Ok(_) => {}
        Err(Error::Input(failure)) => {
            assert!(out.is_empty(), "{args:?}: output before the failure");
            assert!(!failure.message.is_empty());
            return;
        }
        Err(Error::Output(e)) => panic!("{args:?}: writing into memory failed: {e}"),
    }
    let text = String::from_utf8(out).expect("output is UTF-8");
    if args.contains(&"--json") || args.contains(&"json") {
        serde_json::from_str::<Value>(&text).expect("JSON output is JSON");
    }
}

/// A lock made of nodes that name each other: input names and node keys come mostly from a
/// few names (so follows paths lead somewhere), sometimes from any text.
#[derive(Arbitrary, Debug)]
pub struct ArbitraryLock {
    version: Version,
    root: ArbitraryNode,
    nodes: Vec<(Name, ArbitraryNode)>,
    /// The root's key, when it is not `root`.
    root_key: Option<Name>,
}

#[derive(Arbitrary, Debug)]
enum Version {
    Seven,
    Six,
    Five,
    Other(u64),
}

#[derive(Arbitrary, Debug)]
enum Name {
    Nixpkgs,
    FlakeUtils,
    Systems,
    Crane,
    Root,
    Numbered(u8),
    Any(String),
}

impl Name {
    fn text(&self) -> String {
        match self {
            Name::Nixpkgs => "nixpkgs".into(),
            Name::FlakeUtils => "flake-utils".into(),
            Name::Systems => "systems".into(),
            Name::Crane => "crane".into(),
            Name::Root => "root".into(),
            Name::Numbered(n) => format!("nixpkgs_{n}"),
            Name::Any(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct ArbitraryNode {
    inputs: Vec<(Name, ArbitraryInput)>,
    locked: Option<ArbitraryRef>,
    original: Option<ArbitraryRef>,
    flake: Option<bool>,
    /// A field of the wrong type, or one Nix does not know.
    odd: Option<(Name, Attr)>,
}

#[derive(Arbitrary, Debug)]
enum ArbitraryInput {
    Node(Name),
    Follows(Vec<Name>),
    Odd(Attr),
}

/// A `locked` or `original` entry: a fetcher type and its attributes.
#[derive(Arbitrary, Debug)]
pub struct ArbitraryRef {
    kind: Kind,
    attrs: Vec<(AttrName, Attr)>,
    dir: Option<String>,
}

#[derive(Arbitrary, Debug)]
enum Kind {
    Github,
    Gitlab,
    Sourcehut,
    Git,
    Hg,
    Tarball,
    File,
    Path,
    Indirect,
    Any(String),
}

#[derive(Arbitrary, Debug)]
enum AttrName {
    Owner,
    Repo,
    Rev,
    Ref,
    Host,
    Dir,
    Url,
    NarHash,
    LastModified,
    RevCount,
    Path,
    Id,
    Submodules,
    Dirty,
    Any(String),
}

impl AttrName {
    fn text(&self) -> String {
        match self {
            AttrName::Owner => "owner",
            AttrName::Repo => "repo",
            AttrName::Rev => "rev",
            AttrName::Ref => "ref",
            AttrName::Host => "host",
            AttrName::Dir => "dir",
            AttrName::Url => "url",
            AttrName::NarHash => "narHash",
            AttrName::LastModified => "lastModified",
            AttrName::RevCount => "revCount",
            AttrName::Path => "path",
            AttrName::Id => "id",
            AttrName::Submodules => "submodules",
            AttrName::Dirty => "dirtyRev",
            AttrName::Any(s) => s,
        }
        .into()
    }
}

#[derive(Arbitrary, Debug)]
enum Attr {
    Text(String),
    /// A revision: 40 hex digits from these bytes.
    Rev([u8; 20]),
    Url(UrlScheme, String),
    NarHash([u8; 32]),
    Number(u64),
    Negative(i64),
    Bool(bool),
    Null,
    List(Vec<String>),
}

#[derive(Arbitrary, Debug)]
enum UrlScheme {
    Https,
    Http,
    GitHttps,
    GitSsh,
    File,
    Channels,
    Any(String),
}

impl Attr {
    fn value(&self) -> Value {
        match self {
            Attr::Text(s) => json!(s),
            Attr::Rev(bytes) => json!(bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()),
            Attr::Url(scheme, rest) => {
                let scheme = match scheme {
                    UrlScheme::Https => "https://",
                    UrlScheme::Http => "http://",
                    UrlScheme::GitHttps => "git+https://",
                    UrlScheme::GitSsh => "git+ssh://git@",
                    UrlScheme::File => "file://",
                    UrlScheme::Channels => "https://channels.nixos.org/",
                    UrlScheme::Any(s) => s,
                };
                json!(format!("{scheme}{rest}"))
            }
            Attr::NarHash(bytes) => {
                let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
                json!(format!("sha256-{hex}"))
            }
            Attr::Number(n) => json!(n),
            Attr::Negative(n) => json!(n),
            Attr::Bool(b) => json!(b),
            Attr::Null => Value::Null,
            Attr::List(items) => json!(items),
        }
    }
}

impl ArbitraryRef {
    fn kind(&self) -> &str {
        match &self.kind {
            Kind::Github => "github",
            Kind::Gitlab => "gitlab",
            Kind::Sourcehut => "sourcehut",
            Kind::Git => "git",
            Kind::Hg => "hg",
            Kind::Tarball => "tarball",
            Kind::File => "file",
            Kind::Path => "path",
            Kind::Indirect => "indirect",
            Kind::Any(s) => s,
        }
    }

    fn value(&self) -> Value {
        let mut map = Map::new();
        map.insert("type".into(), json!(self.kind()));
        for (name, attr) in &self.attrs {
            map.insert(name.text(), attr.value());
        }
        if let Some(dir) = &self.dir {
            map.insert("dir".into(), json!(dir));
        }
        Value::Object(map)
    }

    /// The entry as the engine holds it once read: what lock parsing would give, without
    /// its checks, so the printing code sees attributes no lock that Nix accepts has.
    pub fn flake_ref(&self) -> FlakeRef {
        let attrs = self
            .attrs
            .iter()
            .map(|(name, attr)| {
                let value = match attr.value() {
                    Value::Bool(b) => attrs::Attr::Bool(b),
                    Value::Number(n) => n
                        .as_u64()
                        .map_or_else(|| attrs::Attr::Str(n.to_string()), attrs::Attr::Int),
                    Value::String(s) => attrs::Attr::Str(s),
                    other => attrs::Attr::Str(other.to_string()),
                };
                (name.text(), value)
            })
            .collect();
        FlakeRef {
            kind: self.kind().into(),
            attrs: attrs::Attrs(attrs),
            dir: self.dir.clone(),
        }
    }
}

impl ArbitraryNode {
    fn value(&self) -> Value {
        let mut map = Map::new();
        if !self.inputs.is_empty() {
            let inputs: Map<String, Value> = self
                .inputs
                .iter()
                .map(|(name, input)| {
                    let value = match input {
                        ArbitraryInput::Node(key) => json!(key.text()),
                        ArbitraryInput::Follows(path) => {
                            json!(path.iter().map(Name::text).collect::<Vec<_>>())
                        }
                        ArbitraryInput::Odd(attr) => attr.value(),
                    };
                    (name.text(), value)
                })
                .collect();
            map.insert("inputs".into(), Value::Object(inputs));
        }
        if let Some(locked) = &self.locked {
            map.insert("locked".into(), locked.value());
        }
        if let Some(original) = &self.original {
            map.insert("original".into(), original.value());
        }
        if let Some(flake) = self.flake {
            map.insert("flake".into(), json!(flake));
        }
        if let Some((name, attr)) = &self.odd {
            map.insert(name.text(), attr.value());
        }
        Value::Object(map)
    }
}

impl ArbitraryLock {
    /// The lock as the JSON text of a `flake.lock`.
    pub fn text(&self) -> String {
        let root_key = self.root_key.as_ref().map_or("root".into(), Name::text);
        let mut nodes: Map<String, Value> = self
            .nodes
            .iter()
            .map(|(key, node)| (key.text(), node.value()))
            .collect();
        nodes.insert(root_key.clone(), self.root.value());
        let version = match self.version {
            Version::Seven => 7,
            Version::Six => 6,
            Version::Five => 5,
            Version::Other(n) => n,
        };
        let lock = json!({ "nodes": nodes, "root": root_key, "version": version });
        serde_json::to_string_pretty(&lock).expect("a JSON value prints")
    }
}
