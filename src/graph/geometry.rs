//! Where each box and edge of a drawing goes: the engine's graph and its layered layout
//! (`lockscope_core::graph::layout`) in columns left to right from the root, each as wide as
//! its widest box and centred on the tallest; labels in a monospace font, so that their
//! width is known without measuring them; each edge a curve between its boxes' sides.

use lockscope_core::graph::{self, layout, Graph};
use lockscope_core::text::count;
use lockscope_core::{LockFile, SortedMap};

use super::drawing::{Block, Drawing, View};

/// The width of a character of the labels' font (12 px monospace: 0.6 em), rounded up.
const CHAR: u64 = 8;
/// The longest label, in characters: longer ones end in `…` (the box's title has it whole).
const MAX_CHARS: usize = 44;
/// Room inside a box, left and right of its text.
pub const PADDING: u64 = 8;
/// Every box's height: two lines.
pub const BOX_HEIGHT: u64 = 38;
/// From the top of a box to the top of the next one in its column.
const PITCH: u64 = 48;
/// Between two columns, where the edges run.
const GAP: u64 = 88;
/// Around the drawing.
const MARGIN: u64 = 16;
/// How many tints copies of a source can have; sources past it share them again.
const TINTS: u64 = 8;

impl Drawing {
    /// A drawing of one view of a lock's graph (`around`: the node the view around the
    /// selection is about; without it, the whole graph).
    pub fn of(lock: &LockFile, view: View, around: &str) -> Drawing {
        let sources = graph::by_source(lock);
        // A tint per source locked more than once, in the order the graph meets them.
        let tints: SortedMap<&str, u64> = (sources.vertices.iter())
            .filter(|vertex| vertex.nodes.len() > 1)
            .enumerate()
            .flat_map(|(tint, vertex)| {
                (vertex.nodes.iter()).map(move |node| (node.as_str(), tint as u64 % TINTS))
            })
            .collect();
        let graph = match view {
            View::Sources => sources.clone(),
            View::Nodes | View::Around => {
                let nodes = graph::of_lock(lock);
                let at = nodes.vertices.iter().position(|v| v.key == around);
                match (view, at) {
                    (View::Around, Some(at)) => nodes.around(at),
                    _ => nodes,
                }
            }
        };
        let labels = labels(&graph, view == View::Sources);
        let laid = layout(&graph);
        let columns = laid.rows.len();
        let tallest = laid.rows.iter().copied().max().unwrap_or(0) as u64;
        let width_of = |(label, note): &(String, String)| {
            label.chars().count().max(note.chars().count()) as u64 * CHAR + 2 * PADDING
        };
        let mut column_width = vec![0; columns];
        for (v, label) in labels.iter().enumerate() {
            let c = laid.column[v];
            column_width[c] = column_width[c].max(width_of(label));
        }
        let mut column_x = Vec::with_capacity(columns);
        let mut x = MARGIN;
        for width in &column_width {
            column_x.push(x);
            x += width + GAP;
        }
        let boxes: Vec<Block> = (labels.into_iter().enumerate())
            .map(|(v, label)| {
                let c = laid.column[v];
                let centring = (tallest - laid.rows[c] as u64) * PITCH / 2;
                let vertex = &graph.vertices[v];
                Block {
                    x: column_x[c],
                    y: MARGIN + centring + laid.row[v] as u64 * PITCH,
                    width: width_of(&label),
                    label: label.0,
                    note: label.1,
                    title: match vertex.nodes.len() {
                        1 => format!("{}: {}", vertex.key, vertex.source),
                        _ => format!("{}: {}", vertex.source, vertex.nodes.join(", ")),
                    },
                    tint: tints.get(vertex.key.as_str()).copied(),
                }
            })
            .collect();
        Drawing {
            curves: (graph.edges.iter())
                .map(|edge| curve(&boxes[edge.from], &boxes[edge.to]))
                .collect(),
            blocks: boxes,
            graph,
            width: x.saturating_sub(GAP) + MARGIN,
            height: 2 * MARGIN + tallest.saturating_sub(1) * PITCH + BOX_HEIGHT,
        }
    }
}

/// Each vertex's two lines: the input name that first reaches it (with its node key when
/// that differs) and its source; by source, the source and how many nodes lock it.
fn labels(graph: &Graph, by_source: bool) -> Vec<(String, String)> {
    let mut names: Vec<Option<&str>> = vec![None; graph.vertices.len()];
    for edge in &graph.edges {
        names[edge.to].get_or_insert(edge.input.as_str());
    }
    let short = |text: &str| match text.chars().count() > MAX_CHARS {
        true => text.chars().take(MAX_CHARS - 1).chain(['…']).collect(),
        false => text.to_owned(),
    };
    (graph.vertices.iter().zip(names))
        .map(|(vertex, name)| {
            let (label, note) = match (by_source, name) {
                (true, _) => (vertex.source.clone(), count(vertex.nodes.len(), "node")),
                (false, Some(name)) if name != vertex.key => {
                    (format!("{name} ({})", vertex.key), vertex.source.clone())
                }
                (false, _) => (vertex.key.clone(), vertex.source.clone()),
            };
            (short(&label), short(&note))
        })
        .collect()
}

/// An edge as a curve between the middles of two boxes' sides: from the right of one to the
/// left of the next column's, and back from the left to the right; within a column, from
/// right to right, bowing out.
fn curve(from: &Block, to: &Block) -> String {
    let (y1, y2) = (from.y + BOX_HEIGHT / 2, to.y + BOX_HEIGHT / 2);
    let bow = GAP as i64 / 2;
    let (x1, x2, out1, out2) = match (from.x, to.x) {
        (a, b) if a < b => (from.x + from.width, to.x, bow, -bow),
        (a, b) if a > b => (from.x, to.x + to.width, -bow, bow),
        _ => (from.x + from.width, to.x + to.width, bow, bow),
    };
    let (x1, x2) = (x1 as i64, x2 as i64);
    format!("M{x1} {y1}C{} {y1} {} {y2} {x2} {y2}", x1 + out1, x2 + out2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::drawing::Direction;

    const LOCK: &str = r#"{"version": 7, "root": "root", "nodes": {
      "root": {"inputs": {"nixpkgs": "nixpkgs", "hm": "hm"}},
      "nixpkgs": {"locked": {"type": "github", "owner": "NixOS", "repo": "nixpkgs", "rev": "a", "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
                  "original": {"type": "github", "owner": "NixOS", "repo": "nixpkgs"}},
      "hm": {"inputs": {"nixpkgs": "nixpkgs_2", "utils": ["nixpkgs"]},
             "locked": {"type": "github", "owner": "nix-community", "repo": "home-manager", "rev": "b", "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
             "original": {"type": "github", "owner": "nix-community", "repo": "home-manager"}},
      "nixpkgs_2": {"locked": {"type": "github", "owner": "NixOS", "repo": "nixpkgs", "rev": "c", "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
                    "original": {"type": "github", "owner": "NixOS", "repo": "nixpkgs"}}
    }}"#;

    #[test]
    fn boxes_in_columns_copies_tinted_alike_and_every_edge_a_curve() {
        let lock = LockFile::parse(LOCK).unwrap();
        let drawing = Drawing::of(&lock, View::Nodes, "");
        let keys: Vec<&str> = (drawing.graph.vertices.iter())
            .map(|v| v.key.as_str())
            .collect();
        assert_eq!(keys, ["root", "hm", "nixpkgs", "nixpkgs_2"]);
        let x = |b: usize| drawing.blocks[b].x;
        assert!(x(0) < x(1) && x(1) == x(2) && x(2) < x(3));
        let tints: Vec<Option<u64>> = drawing.blocks.iter().map(|b| b.tint).collect();
        assert_eq!(tints, [None, None, Some(0), Some(0)]);
        assert_eq!(drawing.blocks[3].label, "nixpkgs (nixpkgs_2)");
        assert_eq!(drawing.curves.len(), drawing.graph.edges.len());
        assert_eq!(drawing.curves.len(), 4);
        for b in &drawing.blocks {
            assert!(b.x + b.width <= drawing.width && b.y + BOX_HEIGHT <= drawing.height);
        }

        let by_source = Drawing::of(&lock, View::Sources, "");
        assert_eq!(by_source.graph.vertices[2].nodes, ["nixpkgs", "nixpkgs_2"]);
        assert_eq!(by_source.blocks[2].note, "2 nodes");
        assert_eq!(by_source.block_of("nixpkgs_2"), Some(2));
        let around = Drawing::of(&lock, View::Around, "nixpkgs_2");
        assert_eq!(around.blocks.len(), 3);
    }

    #[test]
    fn the_arrows_move_within_a_column_and_across_columns() {
        let lock = LockFile::parse(LOCK).unwrap();
        let drawing = Drawing::of(&lock, View::Nodes, "");
        assert_eq!(drawing.step(0, Direction::Right), Some(1));
        assert_eq!(drawing.step(1, Direction::Down), Some(2));
        assert_eq!(drawing.step(2, Direction::Up), Some(1));
        assert_eq!(drawing.step(1, Direction::Left), Some(0));
        assert_eq!(drawing.step(0, Direction::Up), None);
        assert_eq!(drawing.reaching(3), [true, true, false, true]);
    }

    #[test]
    fn every_corpus_lock_is_drawn_in_every_view_without_overlaps() {
        let Some(corpus) = lockscope_fixtures::corpus("geometry::every_corpus_lock") else {
            return;
        };
        for dir in lockscope_fixtures::lock_dirs(&corpus) {
            let Ok(lock) = LockFile::parse(&lockscope_fixtures::read(&dir.join("flake.lock")))
            else {
                continue;
            };
            let some_node = lock.nodes().last().map(|(key, _)| key.to_owned());
            for view in View::ALL {
                let drawing = Drawing::of(&lock, view, some_node.as_deref().unwrap_or(""));
                let mut places: Vec<[u64; 2]> = drawing.blocks.iter().map(|b| [b.x, b.y]).collect();
                places.sort_unstable();
                places.dedup();
                assert_eq!(places.len(), drawing.blocks.len(), "{dir:?} {view:?}");
                assert_eq!(drawing.curves.len(), drawing.graph.edges.len());
            }
        }
    }
}
