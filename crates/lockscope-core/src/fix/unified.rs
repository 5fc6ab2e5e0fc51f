//! A unified diff of two texts, line by line (Myers' algorithm), as `diff -u` writes it:
//! what `lockscope fix` shows before it writes anything.

/// Lines of context around each change, as `diff -u`.
const CONTEXT: usize = 3;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Same,
    Delete,
    Insert,
}

/// `diff -u old new` with `name` as both file names; empty when the texts are equal. Lines
/// keep their endings (a CRLF file's lines end in `\r\n`), and a last line without one is
/// marked `\ No newline at end of file`.
pub fn diff(name: &str, old: &str, new: &str) -> String {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = script(&a, &b);
    if ops.iter().all(|op| *op == Op::Same) {
        return String::new();
    }
    let mut out = format!("--- {name}\n+++ {name}\n");
    // Each op with the line numbers (from 0) it starts at in `a` and `b`.
    let mut at = Vec::with_capacity(ops.len());
    let (mut i, mut j) = (0, 0);
    for op in &ops {
        at.push((*op, i, j));
        match op {
            Op::Same => (i, j) = (i + 1, j + 1),
            Op::Delete => i += 1,
            Op::Insert => j += 1,
        }
    }
    let changed: Vec<usize> = (0..ops.len()).filter(|k| ops[*k] != Op::Same).collect();
    let mut k = 0;
    while k < changed.len() {
        // A hunk: changes closer than twice the context share one.
        let first = changed[k];
        let mut last = first;
        while k + 1 < changed.len() && changed[k + 1] - last <= 2 * CONTEXT + 1 {
            k += 1;
            last = changed[k];
        }
        k += 1;
        let start = first.saturating_sub(CONTEXT);
        let end = (last + CONTEXT + 1).min(ops.len());
        let hunk = &at[start..end];
        let count = |skip: Op| hunk.iter().filter(|(op, _, _)| *op != skip).count();
        let (old_count, new_count) = (count(Op::Insert), count(Op::Delete));
        let (_, i0, j0) = hunk[0];
        out += &format!(
            "@@ -{} +{} @@\n",
            range(i0, old_count),
            range(j0, new_count)
        );
        for (op, i, j) in hunk {
            let (mark, line) = match op {
                Op::Same => (' ', a[*i]),
                Op::Delete => ('-', a[*i]),
                Op::Insert => ('+', b[*j]),
            };
            out.push(mark);
            out += line;
            if !line.ends_with('\n') {
                out += "\n\\ No newline at end of file\n";
            }
        }
    }
    out
}

/// `start,count` as `diff -u` writes it: lines from 1, `,1` left out, an empty range named
/// by the line before it.
fn range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        n => format!("{},{n}", start + 1),
    }
}

/// The shortest edit script from `a` to `b` (Myers 1986, the greedy forward search, keeping
/// each round's furthest reaches to walk back): time and memory grow with the number of
/// changed lines, which for an edit of flake.nix is a few.
fn script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = n + m;
    let offset = max + 1;
    let mut v = vec![0isize; 2 * max as usize + 3];
    // trace[d]: the diagonals -d-1..=d+1 of `v` as round `d` found them.
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let idx = |k: isize| (k + offset) as usize;
    'search: for d in 0..=max {
        trace.push(v[idx(-d - 1)..=idx(d + 1)].to_vec());
        for k in (-d..=d).step_by(2) {
            let mut x = if k == -d || (k != d && v[idx(k - 1)] < v[idx(k + 1)]) {
                v[idx(k + 1)]
            } else {
                v[idx(k - 1)] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[idx(k)] = x;
            if x >= n && y >= m {
                break 'search;
            }
        }
    }
    // Walk back from the end through each round's choice.
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for (d, v) in trace.iter().enumerate().rev() {
        let d = d as isize;
        let at = |k: isize| v[(k + d + 1) as usize];
        let k = x - y;
        let prev_k = if k == -d || (k != d && at(k - 1) < at(k + 1)) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = at(prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            ops.push(Op::Same);
            x -= 1;
            y -= 1;
        }
        if d > 0 {
            ops.push(if x == prev_x { Op::Insert } else { Op::Delete });
        }
        (x, y) = (prev_x, prev_y);
    }
    ops.reverse();
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies a diff of ours the way `patch` would, to check it against the new text.
    fn patched(old: &str, diff: &str) -> String {
        let old: Vec<&str> = old.split_inclusive('\n').collect();
        let mut out = String::new();
        let mut next = 0;
        let mut lines = diff.split_inclusive('\n').skip(2).peekable();
        while let Some(line) = lines.next() {
            if let Some(header) = line.strip_prefix("@@ -") {
                let start: usize = header.split([',', ' ']).next().unwrap().parse().unwrap();
                let count_zero = header.split(' ').next().unwrap().ends_with(",0");
                let from = if count_zero { start } else { start - 1 };
                out.extend(old[next..from].iter().copied());
                next = from;
                continue;
            }
            let no_newline = lines.peek() == Some(&"\\ No newline at end of file\n");
            let (mark, text) = line.split_at(1);
            let text = if no_newline {
                text.strip_suffix('\n').unwrap()
            } else {
                text
            };
            if no_newline {
                lines.next();
            }
            match mark {
                " " => (out.push_str(text), next += 1).1,
                "-" => next += 1,
                "+" => out.push_str(text),
                other => panic!("line starts with {other:?}"),
            }
        }
        out.extend(old[next..].iter().copied());
        out
    }

    #[test]
    fn a_unified_diff_as_diff_u_writes_it() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n";
        let new = "a\nb\nc\nX\nd\ne\nf\ng\nh\ni\nj\nk\nl\nY\n";
        assert_eq!(
            diff("flake.nix", old, new),
            "--- flake.nix\n+++ flake.nix\n\
             @@ -1,6 +1,7 @@\n a\n b\n c\n+X\n d\n e\n f\n\
             @@ -10,4 +11,4 @@\n j\n k\n l\n-m\n+Y\n"
        );
        assert_eq!(diff("f", old, old), "");
        assert_eq!(diff("f", "", "x\n"), "--- f\n+++ f\n@@ -0,0 +1 @@\n+x\n");
        assert_eq!(
            diff("f", "a\r\nb", "a\r\nb\r\n"),
            "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\r\n-b\n\\ No newline at end of file\n+b\r\n"
        );
    }

    #[test]
    fn the_diff_turns_the_old_text_into_the_new() {
        let texts = [
            "",
            "x\n",
            "a\nb\nc\n",
            "a\nc\nb\n",
            "b\n\nb\na\n",
            "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n",
            "j\ni\nh\ng\nf\ne\nd\nc\nb\na",
            "a\nb\nX\nd\ne\nf\nY\nh\ni\nj\n",
        ];
        for old in texts {
            for new in texts {
                let d = diff("f", old, new);
                assert_eq!(patched(old, &d), new, "{old:?} -> {new:?}:\n{d}");
            }
        }
    }
}
