//! On every lock of the corpus: applying all follows suggestions to the lock file, as Nix
//! would write it, leaves no duplicate a suggestion could remove, saves exactly the nodes
//! Lockscope reports, and never makes an input depend on itself.

use lockscope_core::dups::{self, DuplicateKind, Duplicates};
use lockscope_core::{Input, LockFile};

#[test]
fn suggestions_remove_what_they_claim_on_every_real_lock() {
    let Some(corpus) = lockscope_fixtures::corpus(
        "dups_corpus::suggestions_remove_what_they_claim_on_every_real_lock",
    ) else {
        return;
    };
    let mut failures = Vec::new();
    let (mut locks, mut groups, mut skewed, mut suggestions, mut deep, mut added, mut saved) =
        (0, 0, 0, 0, 0, 0, 0);
    for case in lockscope_fixtures::cases(&corpus) {
        let text = case.read_lock();
        let Ok(lock) = LockFile::parse(&text) else {
            continue;
        };
        locks += 1;
        let found = dups::find(&lock);
        groups += found.groups.len();
        skewed += found
            .groups
            .iter()
            .filter(|g| g.kind == DuplicateKind::Skew)
            .count();
        suggestions += found.suggestions.len();
        deep += found
            .suggestions
            .iter()
            .filter(|s| s.needs_nix_2_30)
            .count();
        added += found.new_inputs.len();
        saved += found.nodes_saved;
        if let Err(e) = verify(&text, &lock, &found) {
            failures.push(format!("{}: {e}", case.name));
        }
    }
    println!(
        "{locks} locks: {groups} duplicated sources ({skewed} with version skew), {suggestions} follows \
         lines ({deep} need Nix >= 2.30), {added} root inputs to add, {saved} nodes saved; {} failed",
        failures.len()
    );
    assert!(locks >= 150, "only {locks} locks parsed");
    assert!(
        suggestions > 100 && saved > suggestions,
        "the corpus is full of duplicates"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Applies the suggestions to the JSON text of the lock and reads the result back.
fn verify(text: &str, lock: &LockFile, found: &Duplicates) -> Result<(), String> {
    for group in &found.groups {
        let kind = if group.revisions > 1 {
            DuplicateKind::Skew
        } else {
            DuplicateKind::Waste
        };
        if group.copies.len() < 2 || group.kind != kind {
            return Err(format!(
                "group {} is not a duplicate of its kind",
                group.source
            ));
        }
    }
    for s in &found.suggestions {
        if s.needs_nix_2_30 != (s.path.len() > 2) || s.path.len() < 2 || s.path.concat().is_empty()
        {
            return Err(format!("{}: wrong depth", s.line));
        }
    }
    let found_json = serde_json::to_value(found).map_err(|e| e.to_string())?;
    let applied = lockscope_fixtures::with_follows(text, &found_json)?;
    let after =
        LockFile::parse(&applied).map_err(|e| format!("the result is not a valid lock: {e}"))?;
    let simulated = lock.nodes().count() - after.nodes().count();
    if simulated != found.nodes_saved {
        return Err(format!(
            "reports {} nodes saved, the simulation saves {simulated}",
            found.nodes_saved
        ));
    }
    for s in &found.suggestions {
        let parent = after
            .resolve(&s.path[..s.path.len() - 1])
            .ok()
            .flatten()
            .ok_or("parent gone")?;
        let target = after
            .resolve(std::slice::from_ref(&s.target))
            .ok()
            .flatten();
        if target != Some(s.target_node.as_str()) {
            return Err(format!(
                "{}: follows {target:?}, not {}",
                s.line, s.target_node
            ));
        }
        if depends_on(&after, &s.target_node, parent) {
            return Err(format!(
                "{}: '{}' depends on the input it is given to",
                s.line, s.target
            ));
        }
    }
    let again = dups::find(&after);
    if let Some(s) = again.suggestions.first() {
        return Err(format!(
            "after applying, still suggests {} ({} in all)",
            s.line,
            again.suggestions.len()
        ));
    }
    if !again.new_inputs.is_empty() || again.nodes_saved != 0 {
        return Err("after applying, still finds something to save".into());
    }
    Ok(())
}

/// Whether `from` is `to` or depends on it, through locked inputs and resolved follows.
/// Inputs that follow the root flake itself (`follows = ""`) are not counted: with them every
/// flake would depend on everything, and Nix gives the flake itself, not a copy.
fn depends_on(lock: &LockFile, from: &str, to: &str) -> bool {
    let mut seen = vec![from.to_string()];
    let mut stack = vec![from.to_string()];
    while let Some(key) = stack.pop() {
        if key == to {
            return true;
        }
        for input in lock
            .node(&key)
            .map(|n| n.inputs.values())
            .into_iter()
            .flatten()
        {
            let next = match input {
                Input::Node(k) => Some(k.as_str()),
                Input::Follows(path) => lock.resolve(path).ok().flatten(),
            };
            let next = next.filter(|k| *k != lock.root_key() && !seen.iter().any(|s| s == k));
            if let Some(next) = next {
                seen.push(next.to_string());
                stack.push(next.to_string());
            }
        }
    }
    false
}
