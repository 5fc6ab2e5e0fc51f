//! The layered layout on every corpus lock, node by node and by source: every vertex has a
//! place of its own, the same on every run, and the ordering never crosses more edges than
//! the walk's own order did.

use lockscope_core::graph::{self, crossings, layout, Graph, Layout};
use lockscope_core::LockFile;

/// The layout with each column in the walk's order: what the sweeps start from.
fn walk_order(graph: &Graph, laid: &Layout) -> Layout {
    let mut row = vec![0; graph.vertices.len()];
    let mut next = vec![0; laid.rows.len()];
    for (v, &c) in laid.column.iter().enumerate() {
        row[v] = next[c];
        next[c] += 1;
    }
    Layout {
        column: laid.column.clone(),
        row,
        rows: next,
    }
}

#[test]
fn every_corpus_lock_is_laid_out_with_fewer_crossings() {
    let Some(corpus) = lockscope_fixtures::corpus("graph_layout::every_corpus_lock") else {
        return;
    };
    let (mut before, mut after, mut graphs) = (0, 0, 0);
    for case in lockscope_fixtures::cases(&corpus) {
        let Ok(lock) = LockFile::parse(&case.read_lock()) else {
            continue;
        };
        for graph in [graph::of_lock(&lock), graph::by_source(&lock)] {
            let laid = layout(&graph);
            assert_eq!(laid, layout(&graph), "{}: the same every time", case.name);
            let mut places: Vec<(usize, usize)> = laid
                .column
                .iter()
                .copied()
                .zip(laid.row.iter().copied())
                .collect();
            places.sort_unstable();
            places.dedup();
            assert_eq!(
                places.len(),
                graph.vertices.len(),
                "{}: a place per vertex",
                case.name
            );
            for (v, (&c, &r)) in laid.column.iter().zip(&laid.row).enumerate() {
                assert!(r < laid.rows[c], "{}: vertex {v}", case.name);
            }
            assert_eq!(
                (laid.column[0], laid.row[0]),
                (0, 0),
                "{}: the root first",
                case.name
            );
            for edge in &graph.edges {
                assert!(
                    laid.column[edge.to] <= laid.column[edge.from] + 1,
                    "{}: forward edges span one column",
                    case.name
                );
            }
            let (was, is) = (
                crossings(&graph, &walk_order(&graph, &laid)),
                crossings(&graph, &laid),
            );
            assert!(
                is <= was,
                "{}: {is} crossings, {was} in the walk's order",
                case.name
            );
            before += was;
            after += is;
            graphs += 1;
        }
    }
    eprintln!("graph_layout: {graphs} graphs, {before} crossings in the walk's order, {after} after ordering");
    assert!(after < before);
}
