//! A drawing of the lock's graph, as the worker sends it: the SVG markup of one view of the
//! engine's graph, written in the worker (`geometry`), with what the page needs to act on
//! it: each box's place and nodes, each edge's ends. The page puts the markup in its
//! `<svg>` as it is: drawing a thousand boxes with Leptos' views would cost a first visit
//! 12 KB of the page's wasm, for a picture that never changes but for its highlight. The
//! worker writes it with serde; the page reads it with the engine's JSON reader, as it reads
//! the analyses (`crate::analysis`). The page's end of the worker is [`Drawer`].
//!
//! The messages: the page posts an array of [`QUESTION`], the question's number, the lock's
//! text, the view ([`View::name`]) and, for the view around the selection, the node's key;
//! the worker posts the drawing as JSON text.

use std::sync::Arc;

use leptos::prelude::*;
use lockscope_core::graph;
use lockscope_core::json::{self, Json, Number};
use lockscope_core::LockFile;
use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::js_sys::Array;

use crate::model::LockView;
use crate::workers::{items, number, text_of, Helper};

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

/// A graph laid out and drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Drawing {
    /// The question it answers (`Drawer::ask`).
    pub asked: u64,
    /// The SVG markup of the picture: the edges, then the boxes, in their order here. Every
    /// text from the lock in it is escaped.
    pub svg: String,
    /// The size of the whole drawing.
    pub width: u64,
    /// See `width`.
    pub height: u64,
    /// Per box, the lock nodes it stands for: one, or by source the copies of its source.
    /// Box 0 is the root.
    pub nodes: Vec<Vec<String>>,
    /// Per box, its left, top and width (every box has the same height), one after another.
    pub places: Vec<u64>,
    /// Per edge, the box it comes from and the box it leads to, one after another.
    pub edges: Vec<u64>,
}

impl Drawing {
    /// The box that stands for a lock node: its own, or by source the box of its source.
    pub fn block_of(&self, node: &str) -> Option<usize> {
        self.nodes
            .iter()
            .position(|nodes| nodes.iter().any(|n| n == node))
    }

    /// The box whose first node is `key`, which its element names.
    pub fn block_named(&self, key: &str) -> Option<usize> {
        self.nodes
            .iter()
            .position(|nodes| nodes.first().is_some_and(|n| n == key))
    }

    /// Box `block`'s left, top and width.
    pub fn place(&self, block: usize) -> Option<[u64; 3]> {
        self.places.get(3 * block..3 * block + 3)?.try_into().ok()
    }

    /// Each edge's ends.
    pub fn ends(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (self.edges.as_chunks::<2>().0.iter()).map(|&[from, to]| (from as usize, to as usize))
    }

    /// Per box: whether it is on a path from the root to box `to`.
    pub fn reaching(&self, to: usize) -> Vec<bool> {
        graph::reaching(self.nodes.len(), self.ends(), to)
    }

    /// The box next to box `from` in a direction, for the keyboard: up and down, the nearest
    /// in its column; left and right, the nearest in the nearest column that way.
    pub fn step(&self, from: usize, direction: Direction) -> Option<usize> {
        let [x, y, _] = self.place(from)?;
        let distance = |[bx, by, _]: [u64; 3]| {
            let (dx, dy) = (bx.abs_diff(x), by.abs_diff(y));
            let ahead = match direction {
                Direction::Up => by < y && dx == 0,
                Direction::Down => by > y && dx == 0,
                Direction::Left => bx < x,
                Direction::Right => bx > x,
            };
            ahead.then_some((dx, dy))
        };
        (0..self.nodes.len())
            .filter_map(|b| Some((distance(self.place(b)?)?, b)))
            .min()
            .map(|(_, b)| b)
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
        let numbers = |key| {
            items(&found, key, |item| match item {
                Json::Number(Number::Unsigned(n)) => Some(*n),
                _ => None,
            })
        };
        let drawing = Drawing {
            asked: number(&found, "asked")?,
            svg: text_of(&found, "svg")?,
            width: number(&found, "width")?,
            height: number(&found, "height")?,
            nodes: items(&found, "nodes", |item| match item {
                Json::Array(keys) => (keys.iter())
                    .map(|key| match key {
                        Json::String(key) => Some(key.clone()),
                        _ => None,
                    })
                    .collect(),
                _ => None,
            }),
            places: numbers("places"),
            edges: numbers("edges"),
        };
        // A place per box, and edges between boxes that are there.
        let whole = drawing.places.len() == 3 * drawing.nodes.len()
            && drawing.edges.len().is_multiple_of(2)
            && (drawing.edges.iter()).all(|&end| (end as usize) < drawing.nodes.len());
        whole.then_some(drawing)
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
    /// No picture, and why, in words.
    Said(&'static str),
}

/// What the page says when the worker did not load, stopped, or answered what the page
/// cannot read.
const NOT_DRAWN: &str =
    "The graph could not be drawn: its worker did not load or stopped. Reload the page to try again.";

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
            None => drawn.set(Drawn::Said(NOT_DRAWN)),
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
