//! The web app's plain-Rust modules: the address a share link holds, read and written back;
//! a lock as the page holds it (rows, their parents and jumps, details, analyses) and the
//! tree's logic over it (filter, collapsed lines, arrow keys); two locks compared.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use lockscope_app::analysis::Analysis;
use lockscope_app::comparison::Comparison;
use lockscope_app::model::LockView;
use lockscope_app::route::{Place, Route};
use lockscope_app::tree::logic::{self, Move, RowSet};
use lockscope_fuzz::ArbitraryLock;

#[derive(Arbitrary, Debug)]
struct Input {
    /// An address' fragment, as a visitor may edit it.
    hash: String,
    /// A source typed into a field.
    typed: String,
    old: ArbitraryLock,
    new: ArbitraryLock,
    filter: String,
    collapsed: Vec<u16>,
    keys: Vec<(u16, u8)>,
}

/// 2026-01-01, as the CLI targets.
const NOW: i64 = 1_767_225_600;

fuzz_target!(|input: Input| {
    // A view's address opens the same view.
    let typed = Place::parse(&input.typed).map(Route::One);
    for route in [Route::from_hash(&input.hash).ok(), typed.ok()]
        .into_iter()
        .flatten()
    {
        let hash = route.to_hash();
        assert_eq!(Route::from_hash(&hash).as_ref(), Ok(&route), "#{hash}");
        if let Route::One(place) = &route {
            let _ = place.label();
        }
    }

    let (old, new) = (input.old.text(), input.new.text());
    let (Ok(old), Ok(view)) = (
        LockView::parse(&old, "old".into()),
        LockView::parse(&new, "new".into()),
    ) else {
        return;
    };
    let comparison = Comparison::of(&old.lock, &view.lock, old.source, view.source.clone());
    assert_eq!(
        comparison.nix_text.is_empty(),
        comparison.entries.is_empty()
    );

    let rows = &view.rows;
    // As the analyser's worker writes it and the page reads it; the lock named by the typed
    // source, as the Markdown report's title.
    let found = Analysis::of(&view.lock, NOW, None, 1, &input.typed);
    let analysis = Analysis::decode(&found.encode()).expect("the page reads the analyser");
    assert_eq!(analysis, found);
    for (index, row) in rows.iter().enumerate() {
        assert!(row.parent.is_none_or(|parent| parent < index));
        assert!(row.jump.is_none_or(|jump| jump < rows.len()));
        let _ = (row.follows_parts(), row.is_repeat(), analysis.flags(row));
        let _ = view.details(index);
        let found = view.row_for(&row.line.path, row.node());
        // Every input path has one line.
        assert_eq!(found, Some(index), "{}", row.path_text());
        assert_eq!(logic::ancestors(rows, index).count(), row.line.depth);
    }
    if rows.is_empty() {
        return;
    }

    let collapsed: RowSet = input
        .collapsed
        .iter()
        .map(|&row| usize::from(row) % rows.len())
        .collect();
    let visible = logic::visible(rows, &collapsed, &input.filter);
    if input.filter.trim().is_empty() {
        // A line shows when every line above it is expanded.
        for (index, row) in rows.iter().enumerate() {
            let expected = row
                .parent
                .is_none_or(|parent| visible[parent] && !collapsed.contains(parent));
            assert_eq!(visible[index], expected);
        }
    } else {
        let shown = visible.iter().filter(|shown| **shown).count();
        assert!(logic::match_count(rows, &input.filter) <= shown);
    }
    for (from, key) in &input.keys {
        let to = [Move::Next, Move::Previous, Move::First, Move::Last][usize::from(key % 4)];
        if let Some(row) = logic::step(&visible, usize::from(*from) % rows.len(), to) {
            assert!(visible[row]);
        }
    }
});
