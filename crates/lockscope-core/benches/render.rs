//! Parse, resolve and render real locks: the corpus's largest (1105 nodes) and the one
//! closest to 200 nodes, chosen from the corpus index at run time.
//! Run: `cargo bench -p lockscope-core` (LOCKSCOPE_FIXTURES names another corpus).

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use lockscope_core::{details, tree, LockFile};

fn corpus() -> PathBuf {
    std::env::var_os("LOCKSCOPE_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures")
        })
}

/// (directory, node count) of every lock in the index.
fn index() -> Vec<(String, usize)> {
    let text = std::fs::read_to_string(corpus().join("INDEX.tsv")).expect("the corpus index");
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let dir = cols.next()?.to_string();
            let nodes = cols.next()?.parse().ok()?;
            Some((dir, nodes))
        })
        .filter(|(dir, _)| corpus().join(dir).join("metadata.txt").is_file())
        .collect()
}

fn bench(c: &mut Criterion) {
    let locks = index();
    let largest = locks.iter().max_by_key(|(_, n)| *n).expect("a lock");
    let near_200 = locks
        .iter()
        .min_by_key(|(_, n)| n.abs_diff(200))
        .expect("a lock");
    for (dir, nodes) in [near_200, largest] {
        let text = std::fs::read_to_string(corpus().join(dir).join("flake.lock")).expect("lock");
        c.bench_function(&format!("parse+tree {nodes} nodes ({dir})"), |b| {
            b.iter(|| tree::render(&LockFile::parse(&text).expect("parses")))
        });
        let lock = LockFile::parse(&text).expect("parses");
        c.bench_function(&format!("details {nodes} nodes"), |b| {
            b.iter(|| details::inputs(&lock))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
