//! A layered drawing of a [`Graph`] (Sugiyama-style, left to right): each vertex in the column
//! of its distance from the root, the vertices of each column ordered to cross few edges
//! (barycenter sweeps), every step deterministic. Distance layering sends every edge that
//! goes forward exactly one column forward, so no edge needs bends; edges back (a `follows`
//! to a root input) are drawn as they are.

use serde::Serialize;

use super::Graph;

/// Where each vertex goes: its column and its row in that column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Layout {
    /// Per vertex (as in [`Graph::vertices`]): its column, from 0 (the root).
    pub column: Vec<usize>,
    /// Per vertex: its row in its column, from 0.
    pub row: Vec<usize>,
    /// How many rows each column has.
    pub rows: Vec<usize>,
}

/// How many barycenter sweeps (down then up) the ordering makes: more rarely helps.
const SWEEPS: usize = 4;

/// Lays `graph` out. Vertices the root does not reach (none in a parsed lock) go in the last
/// column.
pub fn layout(graph: &Graph) -> Layout {
    let n = graph.vertices.len();
    let column = distances(graph);
    let columns = column.iter().max().map_or(0, |c| c + 1);
    // Neighbours one column before and after, through forward edges only.
    let mut before: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); n];
    for edge in &graph.edges {
        if column[edge.to] == column[edge.from] + 1 {
            before[edge.to].push(edge.from);
            after[edge.from].push(edge.to);
        }
    }
    // The first order: the order of the walk, which the tree also shows.
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for (v, &c) in column.iter().enumerate() {
        order[c].push(v);
    }
    let mut row = vec![0; n];
    let place = |order: &[Vec<usize>], row: &mut [usize]| {
        for col in order {
            for (r, &v) in col.iter().enumerate() {
                row[v] = r;
            }
        }
    };
    place(&order, &mut row);
    let mut best = (crossings_of(graph, &column, &row), order.clone());
    for _ in 0..SWEEPS {
        for c in 1..columns {
            sort_by_barycenter(&mut order[c], &before, &row);
            place(&order[c..=c], &mut row);
        }
        for c in (0..columns.saturating_sub(1)).rev() {
            sort_by_barycenter(&mut order[c], &after, &row);
            place(&order[c..=c], &mut row);
        }
        let crossings = crossings_of(graph, &column, &row);
        if crossings < best.0 {
            best = (crossings, order.clone());
        }
    }
    place(&best.1, &mut row);
    Layout {
        column,
        row,
        rows: best.1.iter().map(Vec::len).collect(),
    }
}

/// Each vertex's distance from the root along edges; unreached vertices after the farthest.
fn distances(graph: &Graph) -> Vec<usize> {
    let n = graph.vertices.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for edge in &graph.edges {
        out[edge.from].push(edge.to);
    }
    let mut distance = vec![usize::MAX; n];
    let mut queue = std::collections::VecDeque::new();
    if n > 0 {
        distance[0] = 0;
        queue.push_back(0);
    }
    while let Some(v) = queue.pop_front() {
        for &w in &out[v] {
            if distance[w] == usize::MAX {
                distance[w] = distance[v] + 1;
                queue.push_back(w);
            }
        }
    }
    let farthest = distance
        .iter()
        .filter(|d| **d != usize::MAX)
        .max()
        .map_or(0, |d| d + 1);
    distance
        .into_iter()
        .map(|d| if d == usize::MAX { farthest } else { d })
        .collect()
}

/// Orders a column by the mean row of each vertex's neighbours in the column beside it; a
/// vertex without one keeps its row. Ties keep the current order (a stable sort).
fn sort_by_barycenter(column: &mut [usize], neighbours: &[Vec<usize>], row: &[usize]) {
    // The mean in fixed point (1/65536 of a row): whole numbers, the same on every machine.
    let key = |v: usize| -> (u64, usize) {
        let near = &neighbours[v];
        let at = match near.len() {
            0 => (row[v] as u64) << 16,
            len => (near.iter().map(|&w| row[w] as u64).sum::<u64>() << 16) / len as u64,
        };
        (at, row[v])
    };
    column.sort_by_key(|&v| key(v));
}

/// How many pairs of forward edges cross in the drawing.
pub fn crossings(graph: &Graph, layout: &Layout) -> usize {
    crossings_of(graph, &layout.column, &layout.row)
}

fn crossings_of(graph: &Graph, column: &[usize], row: &[usize]) -> usize {
    // Per column, its forward edges as (from row, to row), sorted; then a pair crosses when
    // one starts above the other and ends below it.
    let columns = column.iter().max().map_or(0, |c| c + 1);
    let mut by_column: Vec<Vec<(usize, usize)>> = vec![Vec::new(); columns];
    for edge in &graph.edges {
        if column[edge.to] == column[edge.from] + 1 {
            by_column[column[edge.from]].push((row[edge.from], row[edge.to]));
        }
    }
    by_column
        .iter_mut()
        .map(|edges| {
            edges.sort_unstable();
            // Inversions of the end rows, counted by merge sort: O(E log E).
            let mut ends: Vec<usize> = edges.iter().map(|e| e.1).collect();
            inversions(&mut ends)
        })
        .sum()
}

/// The pairs i < j with `values[i] > values[j]`; sorts `values`.
fn inversions(values: &mut [usize]) -> usize {
    if values.len() < 2 {
        return 0;
    }
    let middle = values.len() / 2;
    let mut count = inversions(&mut values[..middle]) + inversions(&mut values[middle..]);
    let mut merged = Vec::with_capacity(values.len());
    let (mut i, mut j) = (0, middle);
    while i < middle && j < values.len() {
        if values[j] < values[i] {
            count += middle - i;
            merged.push(values[j]);
            j += 1;
        } else {
            merged.push(values[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&values[i..middle]);
    merged.extend_from_slice(&values[j..]);
    values.copy_from_slice(&merged);
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inversions_count_crossing_pairs() {
        assert_eq!(inversions(&mut [0, 1, 2]), 0);
        assert_eq!(inversions(&mut [2, 1, 0]), 3);
        assert_eq!(inversions(&mut [1, 0, 1]), 1);
    }
}
