//! A drawing of the lock's graph, as the worker sends it: the engine's graph (one view of it)
//! with a place and a label per vertex and a path per edge, already worked out
//! (`geometry`), so that the page only puts them on screen. The worker writes it with serde;
//! the page reads it with the engine's JSON reader, as it reads the analyses
//! (`crate::analysis`). The page's end of the worker is [`Drawer`].
//!
//! The messages: the page posts an array of [`QUESTION`], the question's number, the lock's
//! text, the view ([`View::name`]) and, for the view around the selection, the node's key;
//! the worker posts the drawing as JSON text.

use std::sync::Arc;

use leptos::prelude::*;
use lockscope_core::graph::{Edge, Graph, Vertex};
use lockscope_core::json::{self, Json};
use lockscope_core::LockFile;
use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::js_sys::Array;

use crate::model::LockView;
use crate::workers::{items, members, number, text_of, texts, Helper};

/// What the first member of a graph question is: the analyses' questions start with a number.
const QUESTION: &str = "graph";

/// Which graph is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Every lock node.
    Nodes,
    /// One box per source, with its copy count.
    Sources,
    /// What brings the selected node (its paths from the root) and what it brings.
    Around,
}

impl View {
    /// Its name in a question, and on its button.
    pub fn name(self) -> &'static str {
        match self {
            View::Nodes => "Whole graph",
            View::Sources => "By source",
            View::Around => "Around the selection",
        }
    }
}

/// Where an arrow key moves in a drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Towards the top.
    Up,
    /// Towards the bottom.
    Down,
    /// Towards the root.
    Left,
    /// Away from the root.
    Right,
}

/// A graph laid out, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Drawing {
    /// The question it answers (`Drawer::ask`).
    pub asked: u64,
    /// The graph drawn: vertex 0 is the root.
    pub graph: Graph,
    /// Per vertex of the graph, its box.
    pub boxes: Vec<Block>,
    /// Per edge of the graph, its SVG path.
    pub paths: Vec<String>,
    /// The size of the whole drawing.
    pub width: u64,
    /// See `width`.
    pub height: u64,
}

/// One box: where it is and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// Its first line: the input name (and node key), or by source the source.
    pub label: String,
    /// Its second line: the source, or by source how many nodes lock it.
    pub note: String,
    /// Its top left corner.
    pub x: u64,
    /// See `x`.
    pub y: u64,
    /// Its width (every box has the same height).
    pub width: u64,
    /// Copies of one source share a tint; a source locked once has none.
    pub tint: Option<u64>,
}

impl Drawing {
    /// The box that stands for a lock node: its own, or by source the box of its source.
    pub fn block_of(&self, node: &str) -> Option<usize> {
        (self.graph.vertices.iter()).position(|vertex| vertex.nodes.iter().any(|n| n == node))
    }

    /// The box next to box `from` in a direction, for the keyboard: up and down, the nearest
    /// in its column; left and right, the nearest in the nearest column that way.
    pub fn step(&self, from: usize, direction: Direction) -> Option<usize> {
        let at = self.boxes.get(from)?;
        let distance = |b: &Block| {
            let (dx, dy) = (b.x.abs_diff(at.x), b.y.abs_diff(at.y));
            match direction {
                Direction::Up | Direction::Down => (dx == 0).then_some((dy, 0)),
                Direction::Left | Direction::Right => (dx != 0).then_some((dx, dy)),
            }
        };
        let ahead = |b: &Block| match direction {
            Direction::Up => b.y < at.y,
            Direction::Down => b.y > at.y,
            Direction::Left => b.x < at.x,
            Direction::Right => b.x > at.x,
        };
        (self.boxes.iter().enumerate())
            .filter(|(_, b)| ahead(b))
            .filter_map(|(v, b)| Some((distance(b)?, v)))
            .min()
            .map(|(_, v)| v)
    }

    /// The drawing as the page reads it ([`Drawing::decode`]).
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a drawing as the worker wrote it; `None` for anything else.
    pub fn decode(text: &str) -> Option<Drawing> {
        let Ok(Json::Object(found)) = json::parse(text) else {
            return None;
        };
        let Some(Json::Object(graph)) = found.get("graph") else {
            return None;
        };
        let vertices = items(graph, "vertices", |item| {
            let item = members(item)?;
            Some(Vertex {
                key: text_of(item, "key")?,
                source: text_of(item, "source")?,
                nodes: texts(item, "nodes"),
            })
        });
        let edges = items(graph, "edges", |item| {
            let item = members(item)?;
            Some(Edge {
                from: number(item, "from")? as usize,
                to: number(item, "to")? as usize,
                input: text_of(item, "input")?,
                follows: matches!(item.get("follows"), Some(Json::Bool(true))),
            })
        });
        let boxes = items(&found, "boxes", |item| {
            let item = members(item)?;
            Some(Block {
                label: text_of(item, "label")?,
                note: text_of(item, "note")?,
                x: number(item, "x")?,
                y: number(item, "y")?,
                width: number(item, "width")?,
                tint: number(item, "tint"),
            })
        });
        let paths = texts(&found, "paths");
        // Every vertex a box, every edge a path, between vertices that are there.
        let whole = boxes.len() == vertices.len()
            && paths.len() == edges.len()
            && (edges.iter()).all(|e| e.from < vertices.len() && e.to < vertices.len());
        whole.then_some(Drawing {
            asked: number(&found, "asked")?,
            graph: Graph { vertices, edges },
            boxes,
            paths,
            width: number(&found, "width")?,
            height: number(&found, "height")?,
        })
    }
}

/// In the worker: the answer to a graph question, or `None` when the message is not one.
pub fn answer(question: &Array) -> Option<String> {
    if question.get(0).as_string().as_deref() != Some(QUESTION) {
        return None;
    }
    let text = |index| question.get(index).as_string().unwrap_or_default();
    let view = [View::Nodes, View::Sources, View::Around]
        .into_iter()
        .find(|view| view.name() == text(3));
    // The page sends the lock it shows, which parses, and a view it has: an empty answer,
    // which the page cannot read, would say otherwise.
    let drawing = view
        .zip(LockFile::parse(&text(2)).ok())
        .map(|(view, lock)| {
            let asked = question.get(1).as_f64().unwrap_or_default() as u64;
            Drawing::of(&lock, view, &text(4), asked).encode()
        });
    Some(drawing.unwrap_or_default())
}

/// Where the page's drawing stands.
#[derive(Clone)]
pub enum Drawn {
    /// Asked for, not here yet.
    Waiting,
    /// Here.
    Ready(Arc<Drawing>),
    /// The worker did not load, stopped, or answered what the page cannot read.
    Failed,
}

/// The page's end of the graph's worker: a second one of the analyser's wasm, which holds the
/// engine's lock reader and serde already (nothing more to download, build or wire), in a
/// worker of its own so that a drawing never waits behind an analysis, nor an analysis
/// behind a drawing.
#[derive(Clone, Copy)]
pub struct Drawer {
    helper: Helper,
    /// The last question asked: an older one's answer is for a drawing no longer wanted.
    asked: StoredValue<u64>,
}

/// Not started yet.
impl Default for Drawer {
    fn default() -> Self {
        Drawer {
            helper: Helper::new("analysis-worker_loader.js"),
            asked: StoredValue::new(0),
        }
    }
}

impl Drawer {
    /// Asks for a drawing of a lock's graph (around `node`, for [`View::Around`]); `drawn`
    /// gets it.
    pub fn ask(&self, view: &LockView, which: View, node: &str, drawn: RwSignal<Drawn>) {
        let asked = self.asked.get_value() + 1;
        self.asked.set_value(asked);
        let question: Array = [
            JsValue::from_str(QUESTION),
            (asked as f64).into(),
            view.text.as_str().into(),
            which.name().into(),
            node.into(),
        ]
        .into_iter()
        .collect();
        let latest = self.asked;
        // The answer's own number says whether it is the last question's; a failure is.
        let give = move |found: Option<Drawing>| match found {
            Some(drawing) if drawing.asked != latest.get_value() => {}
            Some(drawing) => drawn.set(Drawn::Ready(Arc::new(drawing))),
            None => drawn.set(Drawn::Failed),
        };
        let started = self.helper.post(
            question.into(),
            move |answer| give(Drawing::decode(&answer)),
            move || give(None),
        );
        if !started {
            give(None);
        }
    }
}
