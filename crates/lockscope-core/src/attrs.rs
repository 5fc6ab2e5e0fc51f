//! The attributes of a `locked` or `original` entry, typed as Nix types them.

use crate::sorted_map::SortedMap;

use serde::Serialize;

/// One attribute value: Nix's fetcher attributes are strings, unsigned integers or booleans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Attr {
    /// A string: `owner`, `rev`, `narHash`, `url`, ...
    Str(String),
    /// A non-negative integer (`lastModified`, `revCount`), as Nix keeps numbers (`uint64_t`);
    /// the parser refuses a negative number or a fraction, which Nix would silently cast.
    Int(u64),
    /// A boolean: `submodules`, `shallow`, ...
    Bool(bool),
}

impl Attr {
    /// The value as Nix writes it into a URL query (`attrsToQuery`): booleans as `1`/`0`.
    pub fn to_query_value(&self) -> String {
        match self {
            Attr::Str(s) => s.clone(),
            Attr::Int(n) => n.to_string(),
            Attr::Bool(b) => if *b { "1" } else { "0" }.to_string(),
        }
    }
}

/// Attributes sorted by name, as Nix keeps them (unknown ones are kept too).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Attrs(pub SortedMap<String, Attr>);

impl Attrs {
    /// The attribute `name`, looked up one by one: a reference has a handful of attributes,
    /// whose names mostly differ in length, so each costs a length comparison where a binary
    /// search would compare bytes three times. The checks look up more than a hundred
    /// attributes per node.
    fn find(&self, name: &str) -> Option<&Attr> {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, attr)| attr)
    }

    /// The string attribute `name`; `None` when it is absent or not a string.
    pub fn str(&self, name: &str) -> Option<&str> {
        match self.find(name) {
            Some(Attr::Str(s)) => Some(s),
            _ => None,
        }
    }

    /// The integer attribute `name`; `None` when it is absent or not an integer.
    pub fn int(&self, name: &str) -> Option<u64> {
        match self.find(name) {
            Some(Attr::Int(n)) => Some(*n),
            _ => None,
        }
    }

    /// The boolean attribute `name`; `None` when it is absent or not a boolean.
    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.find(name) {
            Some(Attr::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    /// The attribute `name`, whatever its type.
    pub fn get(&self, name: &str) -> Option<&Attr> {
        self.find(name)
    }

    /// The attributes in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Attr)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}
