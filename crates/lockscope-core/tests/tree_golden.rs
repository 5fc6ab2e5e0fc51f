//! Every lock of the corpus prints exactly the `Inputs:` tree real Nix 2.34.8 printed, and
//! every lock Nix rejects is rejected with Nix's message.

use lockscope_core::{tree, LockFile};

#[test]
fn every_golden_tree_matches_nix() {
    let Some(corpus) = lockscope_fixtures::corpus("tree_golden::every_golden_tree_matches_nix")
    else {
        return;
    };
    let cases = lockscope_fixtures::cases(&corpus);
    assert!(cases.len() >= 158, "only {} cases found", cases.len());
    let mut failures = Vec::new();
    let (mut trees, mut errors) = (0, 0);
    for case in &cases {
        let golden = std::fs::read_to_string(&case.golden).expect("golden is readable");
        let result = LockFile::parse(&case.read_lock());
        let rejected = case.golden.extension().is_some_and(|e| e == "err");
        match (rejected, result) {
            (false, Ok(lock)) => {
                trees += 1;
                let ours = tree::render(&lock);
                if ours != golden {
                    failures.push(format!(
                        "{}: tree differs\n{}",
                        case.name,
                        first_difference(&golden, &ours)
                    ));
                }
            }
            (true, Err(e)) => {
                errors += 1;
                let ours = format!("error: {e}");
                if ours.trim_end() != golden.trim_end() {
                    failures.push(format!(
                        "{}: error `{ours}`, Nix: `{}`",
                        case.name,
                        golden.trim_end()
                    ));
                }
            }
            (false, Err(e)) => failures.push(format!("{}: rejected: {e}", case.name)),
            (true, Ok(_)) => failures.push(format!("{}: accepted, Nix rejects it", case.name)),
        }
    }
    println!(
        "{} cases: {trees} trees and {errors} rejections compared with Nix, {} failed",
        cases.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn first_difference(golden: &str, ours: &str) -> String {
    let (g, o): (Vec<_>, Vec<_>) = (golden.lines().collect(), ours.lines().collect());
    let i = (0..g.len().max(o.len()))
        .find(|&i| g.get(i) != o.get(i))
        .unwrap_or(0);
    format!(
        "  line {}\n  nix:  {:?}\n  ours: {:?}",
        i + 1,
        g.get(i).unwrap_or(&"<end>"),
        o.get(i).unwrap_or(&"<end>")
    )
}
