//! A drawing, made in the worker from the engine's graph and its layered layout
//! (`lockscope_core::graph::layout`): columns left to right from the root, each as wide as
//! its widest box and centred on the tallest; labels in a monospace font, so that their
//! width is known without measuring them. Then the SVG markup: a box per vertex (a group
//! that carries `data-node`, the node key, its title and two lines), a path per edge
//! (follows dashed; `data-from` and `data-to` name its ends' nodes, its title the input),
//! copies of one source tinted alike; every text from the lock escaped.

use lockscope_core::graph::{self, layout, Graph};
use lockscope_core::text::count;
use lockscope_core::{LockFile, SortedMap};

use super::drawing::{Drawing, View};

/// The width of a character of the labels' font (12 px monospace: 0.6 em), rounded up.
const CHAR: u64 = 8;
/// The longest label, in characters: longer ones end in `…` (the box's title has it whole).
const MAX_CHARS: usize = 44;
/// Room inside a box, left and right of its text.
const PADDING: u64 = 8;
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

/// One box: where it is and what it says.
struct Block {
    /// Its first line: the input name (and node key), or by source the source.
    label: String,
    /// Its second line: the source, or by source how many nodes lock it.
    note: String,
    x: u64,
    y: u64,
    width: u64,
    /// Copies of one source share a tint; a source locked once has none.
    tint: Option<u64>,
}

impl Drawing {
    /// A drawing of one view of a lock's graph (`around`: the node the view around the
    /// selection is about; without it, the whole graph); the answer to question `asked`.
    pub fn of(lock: &LockFile, view: View, around: &str, asked: u64) -> Drawing {
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
                Block {
                    x: column_x[c],
                    y: MARGIN + centring + laid.row[v] as u64 * PITCH,
                    width: width_of(&label),
                    label: label.0,
                    note: label.1,
                    tint: tints.get(graph.vertices[v].key.as_str()).copied(),
                }
            })
            .collect();
        Drawing {
            asked,
            svg: markup(&graph, &boxes),
            width: x.saturating_sub(GAP) + MARGIN,
            height: 2 * MARGIN + tallest.saturating_sub(1) * PITCH + BOX_HEIGHT,
            places: (boxes.iter()).flat_map(|b| [b.x, b.y, b.width]).collect(),
            edges: (graph.edges.iter())
                .flat_map(|e| [e.from as u64, e.to as u64])
                .collect(),
            nodes: graph.vertices.into_iter().map(|v| v.nodes).collect(),
        }
    }
}

/// The picture's markup: the arrowhead, the edges, then the boxes.
fn markup(graph: &Graph, boxes: &[Block]) -> String {
    let mut svg = String::from(
        r#"<defs><marker id="graph-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="8" markerHeight="8" orient="auto"><path d="M0 0L10 5L0 10z"/></marker></defs><g class="edges">"#,
    );
    let key = |v: usize| escape(&graph.vertices[v].key);
    for edge in &graph.edges {
        svg += &format!(
            r#"<path class="edge{}" data-from="{}" data-to="{}" d="{}"><title>{}</title></path>"#,
            if edge.follows { " follows" } else { "" },
            key(edge.from),
            key(edge.to),
            path(&boxes[edge.from], &boxes[edge.to]),
            escape(&edge.input)
        );
    }
    svg += r#"</g><g class="blocks">"#;
    for (vertex, b) in graph.vertices.iter().zip(boxes) {
        // What the box stands for, whole: its title, and its name to assistive technology.
        let title = match vertex.nodes.len() {
            1 => format!("{}: {}", vertex.key, vertex.source),
            _ => format!("{}: {}", vertex.source, vertex.nodes.join(", ")),
        };
        let tint = b.tint.map(|t| format!(" tint-{t}")).unwrap_or_default();
        svg += &format!(
            r#"<g class="block{tint}" data-node="{}" role="button" tabindex="-1" transform="translate({} {})"><title>{}</title><rect width="{}" height="{BOX_HEIGHT}" rx="5"/><text x="{PADDING}" y="16">{}</text><text class="note" x="{PADDING}" y="31">{}</text></g>"#,
            escape(&vertex.key),
            b.x,
            b.y,
            escape(&title),
            b.width,
            escape(&b.label),
            escape(&b.note)
        );
    }
    svg + "</g>"
}

/// Text from the lock as SVG's text or an attribute's value: never markup. Control
/// characters, which XML refuses, as spaces.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out += "&amp;",
            '<' => out += "&lt;",
            '>' => out += "&gt;",
            '"' => out += "&quot;",
            '\'' => out += "&#39;",
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
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
fn path(from: &Block, to: &Block) -> String {
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
    fn boxes_in_columns_copies_tinted_alike_and_every_edge_a_path() {
        let lock = LockFile::parse(LOCK).unwrap();
        let drawing = Drawing::of(&lock, View::Nodes, "", 7);
        assert_eq!(
            drawing.nodes,
            [["root"], ["hm"], ["nixpkgs"], ["nixpkgs_2"]].map(|n| n.map(String::from))
        );
        let x = |b| drawing.place(b).unwrap()[0];
        assert!(x(0) < x(1) && x(1) == x(2) && x(2) < x(3));
        for shown in [
            r#"<g class="block" data-node="root""#,
            r#"<g class="block" data-node="hm""#,
            r#"<g class="block tint-0" data-node="nixpkgs""#,
            r#"<g class="block tint-0" data-node="nixpkgs_2""#,
            ">nixpkgs (nixpkgs_2)</text>",
            r#"<path class="edge follows" data-from="hm" data-to="nixpkgs""#,
        ] {
            assert!(drawing.svg.contains(shown), "{shown}");
        }
        assert_eq!(drawing.ends().count(), 4);
        assert_eq!(drawing.svg.matches("<path class=").count(), 4);
        for b in 0..4 {
            let [x, y, width] = drawing.place(b).unwrap();
            assert!(x + width <= drawing.width && y + BOX_HEIGHT <= drawing.height);
        }
        // Both ways through the engine's JSON reader, as the page reads it.
        assert_eq!(Drawing::decode(&drawing.encode()), Some(drawing));

        let by_source = Drawing::of(&lock, View::Sources, "", 8);
        assert_eq!(by_source.nodes[2], ["nixpkgs", "nixpkgs_2"]);
        assert!(by_source.svg.contains(">2 nodes</text>"));
        let around = Drawing::of(&lock, View::Around, "nixpkgs_2", 9);
        assert_eq!(around.nodes.len(), 3);
    }

    #[test]
    fn text_from_the_lock_stays_text() {
        let hostile = LOCK.replace("\"hm\"", "\"<script>&'x\\\"\"");
        let lock = LockFile::parse(&hostile).unwrap();
        let svg = Drawing::of(&lock, View::Nodes, "", 1).svg;
        assert!(!svg.contains("<script"));
        assert!(svg.contains(r#"data-node="&lt;script&gt;&amp;&#39;x&quot;""#));
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
            for view in [View::Nodes, View::Sources, View::Around] {
                let started = std::time::Instant::now();
                let drawing = Drawing::of(&lock, view, some_node.as_deref().unwrap_or(""), 1);
                let took = started.elapsed();
                let mut places: Vec<[u64; 2]> = (0..drawing.nodes.len())
                    .map(|b| drawing.place(b).map(|[x, y, _]| [x, y]).unwrap())
                    .collect();
                places.sort_unstable();
                places.dedup();
                assert_eq!(places.len(), drawing.nodes.len(), "{dir:?} {view:?}");
                assert_eq!(Drawing::decode(&drawing.encode()).as_ref(), Some(&drawing));
                if drawing.nodes.len() > 500 {
                    eprintln!(
                        "{dir:?} {view:?}: {} boxes in {took:?}",
                        drawing.nodes.len()
                    );
                }
            }
        }
    }
}
