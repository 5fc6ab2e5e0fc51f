//! A drawing of one view of a lock's graph: the engine's graph (`lockscope_core::graph`)
//! with a place for each box and a curve for each edge (`geometry` works them out), and what
//! the picture asks of it: the box of a node, the boxes on the paths to one, the box an arrow
//! key leads to.

use lockscope_core::graph::Graph;

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
    /// Every view, in the order of their buttons.
    pub const ALL: [View; 3] = [View::Nodes, View::Sources, View::Around];

    /// Its name, on its button.
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

/// One vertex's box: where it is and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Its first line: the input name (and node key), or by source the source.
    pub label: String,
    /// Its second line: the source, or by source how many nodes lock it.
    pub note: String,
    /// What it stands for, whole: its title, and its name to assistive technology.
    pub title: String,
    /// Its left edge.
    pub x: u64,
    /// Its top edge.
    pub y: u64,
    /// Its width (every box has the same height, `geometry::BOX_HEIGHT`).
    pub width: u64,
    /// Copies of one source share a tint; a source locked once has none.
    pub tint: Option<u64>,
}

/// A graph laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawing {
    /// What is drawn: vertex 0 is the root.
    pub graph: Graph,
    /// Per vertex, its box.
    pub blocks: Vec<Block>,
    /// Per edge, its curve (an SVG path).
    pub curves: Vec<String>,
    /// The size of the whole drawing.
    pub width: u64,
    /// See `width`.
    pub height: u64,
}

impl Drawing {
    /// The box that stands for a lock node: its own, or by source the box of its source.
    pub fn block_of(&self, node: &str) -> Option<usize> {
        (self.graph.vertices.iter()).position(|vertex| vertex.nodes.iter().any(|n| n == node))
    }

    /// Per box: whether it is on a path from the root to box `to`.
    pub fn reaching(&self, to: usize) -> Vec<bool> {
        self.graph.reaching(to)
    }

    /// The box next to box `from` in a direction, for the keyboard: up and down, the nearest
    /// in its column; left and right, the nearest in the nearest column that way.
    pub fn step(&self, from: usize, direction: Direction) -> Option<usize> {
        let Block { x, y, .. } = *self.blocks.get(from)?;
        let distance = |b: &Block| {
            let (dx, dy) = (b.x.abs_diff(x), b.y.abs_diff(y));
            let ahead = match direction {
                Direction::Up => b.y < y && dx == 0,
                Direction::Down => b.y > y && dx == 0,
                Direction::Left => b.x < x,
                Direction::Right => b.x > x,
            };
            ahead.then_some((dx, dy))
        };
        (self.blocks.iter().enumerate())
            .filter_map(|(b, block)| Some((distance(block)?, b)))
            .min()
            .map(|(_, b)| b)
    }
}
