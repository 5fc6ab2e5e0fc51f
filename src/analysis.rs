//! The engine's analyses of a lock (health findings, Nixpkgs nodes, duplicated sources) as
//! the page shows them: plain data already put into words. The analyser's worker
//! (`analyser`) works them out once the tree is drawn and writes them as JSON with serde
//! ([`words`]); the page reads them with the engine's JSON reader, which its wasm holds
//! anyway, so that neither the analyses' code nor serde's is in a first visit. Everything
//! in it is text for Leptos' text nodes, and the one link is a forge's page made by the
//! engine. The page's end of the worker is [`Analyser`].

pub mod words;

use std::sync::Arc;

use leptos::prelude::*;
use lockscope_core::health::BranchTable;
use lockscope_core::json::{self, Json};
use lockscope_core::SortedMap;
use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::js_sys::Array;

use crate::model::{LockView, Row};
use crate::workers::{items, members, number, text_of, texts, Helper};

/// What the engine found in one lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Analysis {
    /// The question it answers (`Analyser::ask`).
    pub asked: u64,
    /// The health checks' findings, worst first.
    pub findings: Vec<Finding>,
    /// Every Nixpkgs node the root reaches.
    pub nixpkgs: Vec<NixpkgsNode>,
    /// Where the branch statuses come from, best first, in words.
    pub status_sources: Vec<String>,
    /// The sources locked more than once, and the follows lines that remove the copies.
    pub duplicates: Duplicates,
    /// The overview's figures and their words: the copies of Nixpkgs, the duplicated
    /// sources, the findings ([`OverviewFigure`]).
    pub overview: Vec<Figure>,
    /// The whole report as Markdown, as `lockscope check --format markdown` writes it.
    pub markdown: String,
    /// The nodes that are one of several copies of a source.
    #[serde(skip)]
    duplicate_nodes: SortedMap<String, ()>,
    /// The Nixpkgs nodes on a branch that gets no more fixes.
    #[serde(skip)]
    unsupported_nodes: SortedMap<String, ()>,
    /// Why there are no analyses, when the analyser could not give them: the panels say it
    /// instead of checking for ever.
    #[serde(skip)]
    pub failure: Option<String>,
}

/// A figure of the overview and its words: ("3 Nixpkgs", "copies, worst branch …").
pub type Figure = (String, String);

/// Which of the overview's figures is which.
#[derive(Clone, Copy)]
pub enum OverviewFigure {
    /// The copies of Nixpkgs and the worst status of their branches.
    Nixpkgs,
    /// The duplicated sources and the nodes their follows lines save.
    Duplicates,
    /// The findings by level.
    Findings,
}

/// One health finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// `info`, `warning`, `error`.
    pub level: String,
    /// The engine's stable code: `input-outdated`.
    pub code: String,
    /// The kind of problem, as a heading over the findings of its code: "Old inputs".
    pub kind: String,
    /// Where it is: the input path (`home-manager/nixpkgs`), or `node x` for a node no input
    /// reaches.
    pub location: String,
    /// The day the input it is about last changed (`YYYY-MM-DD`), when the lock says.
    pub since: Option<String>,
    /// What was found, in words.
    pub message: String,
    /// What to do about it, when there is something to do.
    pub action: Option<String>,
    /// The input path; empty for a node no input reaches.
    pub path: Vec<String>,
    /// The lock node it is about, if any.
    pub node: Option<String>,
}

/// One Nixpkgs node and its facts, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NixpkgsNode {
    /// The node key.
    pub node: String,
    /// Every input path that reaches it: `home-manager/nixpkgs`.
    pub paths: Vec<String>,
    /// Its branch, or that it names none.
    pub branch: String,
    /// The branch's status and who says so, when it names one.
    pub status: Option<String>,
    /// The short revision, with the channel release of a channel tarball.
    pub revision: Option<String>,
    /// When it last changed, and how long ago.
    pub last_modified: Option<String>,
    /// The locked reference as Nix prints it.
    pub locked: String,
    /// The follows line that removes this copy.
    pub removed_by: Option<String>,
    /// The commit on its forge (https, known forges only).
    pub link: Option<String>,
}

/// The duplicated sources of a lock.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Duplicates {
    /// Every source locked more than once, the most copies first.
    pub groups: Vec<DuplicateGroup>,
    /// The lines for flake.nix that remove the copies: new root inputs, then follows lines.
    pub lines: Vec<String>,
    /// Whether a line needs Nix 2.30 (an override more than one level deep).
    pub newer_nix: bool,
    /// Nodes in the lock.
    pub nodes: usize,
    /// Nodes the lines remove.
    pub nodes_saved: usize,
}

/// One source locked by several nodes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateGroup {
    /// Where it lives: `github:NixOS/nixpkgs`, a URL.
    pub source: String,
    /// Whether the copies agree on the revision, in words.
    pub kind: String,
    /// Its copies.
    pub copies: Vec<Copy>,
}

/// One node that locks a duplicated source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Copy {
    /// The node's key.
    pub key: String,
    /// The first input path that reaches it.
    pub path: Vec<String>,
    /// Its short revision and date.
    pub facts: String,
}

impl Analysis {
    /// Whether a node is one of several copies of a source.
    pub fn is_duplicate(&self, node: &str) -> bool {
        self.duplicate_nodes.contains_key(node)
    }

    /// Whether a tree line shows, with its own name, a node that is one of several copies.
    pub fn flags(&self, row: &Row) -> bool {
        row.node().is_some_and(|node| self.is_duplicate(node))
    }

    /// Whether a tree line shows, with its own name, a Nixpkgs on a branch that gets no
    /// more fixes.
    pub fn unsupported(&self, row: &Row) -> bool {
        row.node()
            .is_some_and(|node| self.unsupported_nodes.contains_key(node))
    }

    /// The findings by code, each code once, in the order of its worst finding (the
    /// findings come worst first).
    pub fn by_code(&self) -> Vec<(&str, Vec<&Finding>)> {
        let mut groups: Vec<(&str, Vec<&Finding>)> = Vec::new();
        for finding in &self.findings {
            match groups.iter_mut().find(|(code, _)| *code == finding.code) {
                Some((_, members)) => members.push(finding),
                None => groups.push((&finding.code, vec![finding])),
            }
        }
        groups
    }

    /// No analyses, and why: the panels show `why`.
    fn failed(asked: u64, why: &str) -> Analysis {
        Analysis {
            asked,
            findings: Vec::new(),
            nixpkgs: Vec::new(),
            status_sources: Vec::new(),
            duplicates: Duplicates::default(),
            overview: Vec::new(),
            markdown: String::new(),
            duplicate_nodes: SortedMap::new(),
            unsupported_nodes: SortedMap::new(),
            failure: Some(why.to_string()),
        }
    }

    /// The analysis with the nodes its duplicates' copies are, and its Nixpkgs on branches
    /// that get no more fixes: the tree asks of every line.
    fn indexed(mut self) -> Self {
        self.duplicate_nodes = (self.duplicates.groups.iter())
            .flat_map(|group| group.copies.iter().map(|copy| (copy.key.clone(), ())))
            .collect();
        self.unsupported_nodes = (self.findings.iter())
            .filter(|finding| finding.code == UNSUPPORTED_BRANCH)
            .filter_map(|finding| Some((finding.node.clone()?, ())))
            .collect();
        self
    }

    /// Reads an analysis as the worker wrote it; `None` for anything else.
    pub fn decode(text: &str) -> Option<Analysis> {
        let Ok(Json::Object(found)) = json::parse(text) else {
            return None;
        };
        let Some(Json::Object(duplicates)) = found.get("duplicates") else {
            return None;
        };
        Some(
            Analysis {
                asked: number(&found, "asked")?,
                findings: items(&found, "findings", |item| {
                    let item = members(item)?;
                    Some(Finding {
                        level: text_of(item, "level")?,
                        code: text_of(item, "code")?,
                        kind: text_of(item, "kind")?,
                        since: text_of(item, "since"),
                        location: text_of(item, "location")?,
                        message: text_of(item, "message")?,
                        action: text_of(item, "action"),
                        path: texts(item, "path"),
                        node: text_of(item, "node"),
                    })
                }),
                nixpkgs: items(&found, "nixpkgs", |item| {
                    let item = members(item)?;
                    Some(NixpkgsNode {
                        node: text_of(item, "node")?,
                        paths: texts(item, "paths"),
                        branch: text_of(item, "branch")?,
                        status: text_of(item, "status"),
                        revision: text_of(item, "revision"),
                        last_modified: text_of(item, "last_modified"),
                        locked: text_of(item, "locked")?,
                        removed_by: text_of(item, "removed_by"),
                        link: text_of(item, "link").filter(|link| link.starts_with("https://")),
                    })
                }),
                status_sources: texts(&found, "status_sources"),
                duplicates: Duplicates {
                    groups: items(duplicates, "groups", |group| {
                        let group = members(group)?;
                        Some(DuplicateGroup {
                            source: text_of(group, "source")?,
                            kind: text_of(group, "kind")?,
                            copies: items(group, "copies", |copy| {
                                let copy = members(copy)?;
                                Some(Copy {
                                    key: text_of(copy, "key")?,
                                    path: texts(copy, "path"),
                                    facts: text_of(copy, "facts")?,
                                })
                            }),
                        })
                    }),
                    lines: texts(duplicates, "lines"),
                    newer_nix: matches!(duplicates.get("newer_nix"), Some(Json::Bool(true))),
                    nodes: number(duplicates, "nodes")? as usize,
                    nodes_saved: number(duplicates, "nodes_saved")? as usize,
                },
                overview: items(&found, "overview", |pair| match pair {
                    Json::Array(pair) => match &pair[..] {
                        [Json::String(figure), Json::String(words)] => {
                            Some((figure.clone(), words.clone()))
                        }
                        _ => None,
                    },
                    _ => None,
                }),
                markdown: text_of(&found, "markdown")?,
                duplicate_nodes: SortedMap::new(),
                unsupported_nodes: SortedMap::new(),
                failure: None,
            }
            .indexed(),
        )
    }
}

/// The code of a finding about a Nixpkgs branch that gets no more fixes, which the tree marks.
const UNSUPPORTED_BRANCH: &str = "nixpkgs-unsupported-branch";

/// What the panels say when the analyser's worker cannot be started or stops.
const NOT_RUN: &str =
    "The checks could not run: the analyser did not load or stopped. Reload the page to try again.";

/// The page's end of the analyser's worker, which it starts once the first tree is drawn.
#[derive(Clone, Copy)]
pub struct Analyser {
    helper: Helper,
    /// The last question asked: an older one's answer is for a lock no longer on screen.
    asked: StoredValue<u64>,
}

/// Not started yet.
impl Default for Analyser {
    fn default() -> Self {
        Analyser {
            helper: Helper::new("analysis-worker"),
            asked: StoredValue::new(0),
        }
    }
}

impl Analyser {
    /// Asks for the analyses of a lock, with `now` (Unix seconds) as the time its inputs' ages
    /// count to and today's branch statuses when the page has them; `found` gets them. The
    /// Markdown report names the lock by where it came from.
    pub fn ask(
        &self,
        view: &LockView,
        now: i64,
        live: Option<&BranchTable>,
        found: RwSignal<Option<Arc<Analysis>>>,
    ) {
        let asked = self.asked.get_value() + 1;
        self.asked.set_value(asked);
        // The live table as the worker rebuilds it: when it was taken, then each branch and
        // its status.
        let live = live.map(|table| {
            let statuses = table.statuses.iter();
            let pairs = statuses.flat_map(|(branch, status)| [branch.as_str(), status.as_str()]);
            std::iter::once(table.taken.as_deref().unwrap_or_default())
                .chain(pairs)
                .map(JsValue::from_str)
                .collect::<Array>()
        });
        let question = Array::of5(
            &(asked as f64).into(),
            &view.text.as_str().into(),
            &(now as f64).into(),
            &live.map_or(JsValue::UNDEFINED, JsValue::from),
            &view.source.as_str().into(),
        );
        let latest = self.asked;
        // An answer or a failure for a lock no longer on screen is dropped.
        let give = move |analysis: Analysis| {
            if analysis.asked == latest.get_value() {
                found.set(Some(Arc::new(analysis)));
            }
        };
        let started = self.helper.post(
            question.into(),
            move |answer| {
                give(Analysis::decode(&answer).unwrap_or_else(|| {
                    Analysis::failed(
                        latest.get_value(),
                        "The analyser's answer could not be read.",
                    )
                }))
            },
            // The next lock starts another worker.
            move || give(Analysis::failed(latest.get_value(), NOT_RUN)),
        );
        if !started {
            give(Analysis::failed(asked, NOT_RUN));
        }
    }
}
