//! The attributes of a `locked` or `original` entry, typed as Nix types them.

use crate::sorted_map::SortedMap;

use serde::Serialize;

/// One attribute value: Nix's fetcher attributes are strings, unsigned integers or booleans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Attr {
    Str(String),
    Int(u64),
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
    pub fn str(&self, name: &str) -> Option<&str> {
        match self.0.get(name) {
            Some(Attr::Str(s)) => Some(s),
            _ => None,
        }
    }

    pub fn int(&self, name: &str) -> Option<u64> {
        match self.0.get(name) {
            Some(Attr::Int(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.0.get(name) {
            Some(Attr::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    pub fn get(&self, name: &str) -> Option<&Attr> {
        self.0.get(name)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Attr)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}
