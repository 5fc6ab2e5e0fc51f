//! Every consecutive pair of real locks in the corpus: our change list is byte for byte what
//! Nix 2.34.8 printed when the lock changed.

use lockscope_core::{diff, LockFile};

#[test]
fn every_golden_diff_matches_nix() {
    let Some(corpus) = lockscope_fixtures::corpus("diff_golden::every_golden_diff_matches_nix")
    else {
        return;
    };
    let cases = lockscope_fixtures::diff_cases(&corpus);
    assert!(cases.len() >= 76, "only {} diff goldens found", cases.len());
    let read =
        |p: &std::path::Path| LockFile::parse(&std::fs::read_to_string(p).expect("readable"));
    let mut failures = Vec::new();
    for case in &cases {
        let golden = std::fs::read_to_string(&case.golden).expect("readable");
        let ours = match (read(&case.old), read(&case.new)) {
            (Ok(old), Ok(new)) => diff::render(&diff::changes(&old, &new)),
            // Nix names the path it read; we name the problem the same way.
            (Err(e), _) | (_, Err(e)) => {
                format!("error: {e}\n").replace("'flake.lock'", "'/flake/flake.lock'")
            }
        };
        if ours != golden {
            failures.push(format!(
                "{}:\n--- nix\n{golden}--- ours\n{ours}",
                case.golden.display()
            ));
        }
    }
    println!(
        "{} diffs compared with Nix, {} failed",
        cases.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
