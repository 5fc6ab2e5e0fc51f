//! Which tree lines are visible (collapsed parents, the name filter) and where the arrow
//! keys lead. Plain Rust over the rows, no DOM, so it is tested on the host.

use crate::model::Row;

/// One flag per row: visible or not. With a filter, the lines whose name contains it
/// (ignoring case) and their parents show, collapsed or not; without, every line
/// whose parents are all expanded.
pub fn visible(rows: &[Row], collapsed: &RowSet, filter: &str) -> Vec<bool> {
    let mut visible = vec![false; rows.len()];
    if filter.trim().is_empty() {
        for (index, row) in rows.iter().enumerate() {
            visible[index] = row
                .parent
                .is_none_or(|parent| visible[parent] && !collapsed.contains(parent));
        }
    } else {
        let matches = name_matcher(filter);
        // Children come after their parents: walking backwards, a match shows its parents.
        for (index, row) in rows.iter().enumerate().rev() {
            if visible[index] || matches(row) {
                visible[index] = true;
                if let Some(parent) = row.parent {
                    visible[parent] = true;
                }
            }
        }
    }
    visible
}

/// A set of rows, such as the collapsed ones: a flag per row, so a lookup is an index.
#[derive(Clone, Default)]
pub struct RowSet(Vec<bool>);

impl RowSet {
    /// Whether the row is in the set.
    pub fn contains(&self, row: usize) -> bool {
        self.0.get(row) == Some(&true)
    }

    /// Put the row in the set.
    pub fn insert(&mut self, row: usize) {
        if self.0.len() <= row {
            self.0.resize(row + 1, false);
        }
        self.0[row] = true;
    }

    /// Take the row out of the set.
    pub fn remove(&mut self, row: usize) {
        if let Some(flag) = self.0.get_mut(row) {
            *flag = false;
        }
    }

    /// The rows in one of the two sets but not in both.
    pub fn changed<'s>(&'s self, other: &'s RowSet) -> impl Iterator<Item = usize> + 's {
        (0..self.0.len().max(other.0.len()))
            .filter(|&row| self.contains(row) != other.contains(row))
    }
}

impl FromIterator<usize> for RowSet {
    fn from_iter<I: IntoIterator<Item = usize>>(rows: I) -> Self {
        let mut set = RowSet::default();
        for row in rows {
            set.insert(row);
        }
        set
    }
}

/// The number of lines whose name matches a (non-empty) filter.
pub fn match_count(rows: &[Row], filter: &str) -> usize {
    let matches = name_matcher(filter);
    rows.iter().filter(|row| matches(row)).count()
}

/// Whether a line's name contains the filter, ignoring ASCII case only: input names are
/// Nix attribute names, ASCII in practice, and Unicode's case tables would add 15 KB to
/// the wasm.
fn name_matcher(filter: &str) -> impl Fn(&Row) -> bool {
    let filter = filter.trim().to_ascii_lowercase();
    move |row| row.line.name.to_ascii_lowercase().contains(&filter)
}

/// Where a key press in the tree moves the focus, following the WAI-ARIA tree pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// The next visible line down.
    Next,
    /// The next visible line up.
    Previous,
    /// The first visible line.
    First,
    /// The last visible line.
    Last,
}

/// The visible row a move leads to from `from`, if any.
pub fn step(visible: &[bool], from: usize, to: Move) -> Option<usize> {
    let mut indices = visible
        .iter()
        .enumerate()
        .filter(|(_, s)| **s)
        .map(|(i, _)| i);
    match to {
        Move::Next => indices.find(|&i| i > from),
        Move::Previous => indices.take_while(|&i| i < from).last(),
        Move::First => indices.next(),
        Move::Last => indices.next_back(),
    }
}

/// Every parent of a row, nearest first.
pub fn ancestors(rows: &[Row], row: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(rows[row].parent, |&index| rows[index].parent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LockView;

    // root ─ a ─ c
    //      └ b ─ d (follows a)
    const LOCK: &str = r#"{"version":7,"root":"root","nodes":{
        "root":{"inputs":{"a":"a","b":"b"}},
        "a":{"inputs":{"c":"c"},"locked":{"type":"path","path":"/a"},"original":{"type":"path","path":"/a"}},
        "b":{"inputs":{"d":["a"]},"locked":{"type":"path","path":"/b"},"original":{"type":"path","path":"/b"}},
        "c":{"locked":{"type":"path","path":"/c"},"original":{"type":"path","path":"/c"}}}}"#;

    fn names(view: &LockView, shown: &[bool]) -> Vec<String> {
        let rows = view.rows.iter().zip(shown).filter(|(_, s)| **s);
        rows.map(|(row, _)| row.path_text()).collect()
    }

    #[test]
    fn collapsing_hides_every_line_below() {
        let view = LockView::parse(LOCK, "t".into()).unwrap();
        let all = visible(&view.rows, &RowSet::default(), "");
        assert_eq!(names(&view, &all), ["a", "a/c", "b", "b/d"]);
        let a_collapsed = visible(&view.rows, &RowSet::from_iter([0]), "");
        assert_eq!(names(&view, &a_collapsed), ["a", "b", "b/d"]);
    }

    #[test]
    fn a_filter_shows_matches_with_their_parents_even_when_collapsed() {
        let view = LockView::parse(LOCK, "t".into()).unwrap();
        let collapsed = RowSet::from_iter([0, 2]);
        assert_eq!(
            names(&view, &visible(&view.rows, &collapsed, " C ")),
            ["a", "a/c"]
        );
        assert_eq!(
            names(&view, &visible(&view.rows, &collapsed, "zzz")),
            Vec::<String>::new()
        );
        assert_eq!(match_count(&view.rows, "c"), 1);
    }

    #[test]
    fn a_row_set_holds_what_was_put_in_and_tells_what_changed() {
        let mut before = RowSet::from_iter([1, 4]);
        before.remove(7);
        assert!(before.contains(1) && before.contains(4));
        assert!(!before.contains(0) && !before.contains(2) && !before.contains(100));
        let mut after = before.clone();
        after.remove(1);
        after.insert(9);
        after.insert(9);
        assert_eq!(after.changed(&before).collect::<Vec<_>>(), [1, 9]);
        assert_eq!(before.changed(&after).collect::<Vec<_>>(), [1, 9]);
        assert_eq!(after.changed(&after).count(), 0);
    }

    #[test]
    fn steps_skip_hidden_lines() {
        let shown = [true, false, true, true];
        assert_eq!(step(&shown, 0, Move::Next), Some(2));
        assert_eq!(step(&shown, 2, Move::Previous), Some(0));
        assert_eq!(step(&shown, 0, Move::Previous), None);
        assert_eq!(step(&shown, 3, Move::Next), None);
        assert_eq!(step(&shown, 2, Move::First), Some(0));
        assert_eq!(step(&shown, 0, Move::Last), Some(3));
    }

    #[test]
    fn ancestors_climb_to_the_root() {
        let view = LockView::parse(LOCK, "t".into()).unwrap();
        assert_eq!(ancestors(&view.rows, 1).collect::<Vec<_>>(), [0]);
        assert_eq!(ancestors(&view.rows, 0).count(), 0);
    }
}
