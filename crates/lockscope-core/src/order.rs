//! Sorting in little code. Every `sort_by` with its own element type or closure compiles to
//! its own copy of the standard sort, a few kilobytes of wasm each; the engine sorts little,
//! so the JSON reader and the analyses share one small merge sort of indices instead.

use std::cmp::Ordering;

/// `items`, sorted stably by `compare`.
pub(crate) fn sorted<T>(mut items: Vec<T>, compare: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    let mut order = sorted_indices(items.len(), &|a, b| compare(&items[a], &items[b]));
    // Move each item to its place by swaps, one cycle of the permutation at a time:
    // `order[i]` is where the item for place `i` is, `usize::MAX` once it is there.
    for start in 0..order.len() {
        let mut place = start;
        while order[place] != usize::MAX {
            let from = std::mem::replace(&mut order[place], usize::MAX);
            if from != start {
                items.swap(place, from);
            }
            place = from;
        }
    }
    items
}

/// `0..len`, sorted stably by `compare`: a bottom-up merge sort, runs of `width` merged
/// into runs of twice that until one is left. Never inlined, so that there is one copy.
#[inline(never)]
fn sorted_indices(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = order.clone();
    let mut width = 1;
    while width < len {
        for start in (0..len).step_by(2 * width) {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right) = (start, middle);
            for slot in &mut merged[start..end] {
                // Ties take from the left run: that keeps the sort stable.
                let take_left = right == end
                    || (left < middle && compare(order[left], order[right]) != Ordering::Greater);
                if take_left {
                    *slot = order[left];
                    left += 1;
                } else {
                    *slot = order[right];
                    right += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably() {
        let items = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        assert_eq!(
            sorted(items, |a, b| a.0.cmp(&b.0)),
            [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]
        );
        assert!(sorted(Vec::<u8>::new(), u8::cmp).is_empty());
    }

    #[test]
    fn sorts_as_the_standard_sort_does() {
        // Long enough for permutations with many cycles, with ties.
        let items: Vec<(usize, usize)> = (0..500).map(|i| (i * 7919 % 263 % 50, i)).collect();
        let mut expected = items.clone();
        expected.sort_by_key(|item| item.0);
        assert_eq!(sorted(items, |a, b| a.0.cmp(&b.0)), expected);
    }
}
