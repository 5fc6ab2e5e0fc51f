//! Real locks, mangled: every engine function either answers or returns a typed error —
//! none panics, whatever a lock holds where. Mutations are derived from each lock's own
//! JSON (no randomness), so a failure names the lock and the mutation that caused it.

use lockscope_core::{details, diff, dups, health, tree, LockFile};
use serde_json::Value;

/// Exercise everything the fronts call on a lock that parses.
fn exercise(text: &str) {
    if let Ok(lock) = LockFile::parse(text) {
        tree::render(&lock);
        details::document(&lock);
        dups::find(&lock);
        health::check(&lock, &health::CheckOptions::new(1_780_000_000));
        diff::render(&diff::changes(&lock, &lock));
    }
}

/// Each node's attributes replaced, one kind at a time, by values of the wrong type or of
/// hostile content.
fn mutations(json: &Value) -> Vec<(String, Value)> {
    let replacements = [
        Value::Null,
        Value::from(-1),
        Value::from(""),
        Value::from("<script>alert(1)</script> javascript:x ../.. %zz \u{1b}[31m"),
        Value::Array(vec![]),
        serde_json::json!({"type": "github"}),
    ];
    let mut out = Vec::new();
    let Some(nodes) = json["nodes"].as_object() else {
        return out;
    };
    // The first few nodes are enough to reach every parser path; big locks stay quick.
    for (key, node) in nodes.iter().take(4) {
        let Some(fields) = node.as_object() else {
            continue;
        };
        for (field, value) in fields {
            let attrs: Vec<String> = value
                .as_object()
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default();
            for replacement in &replacements {
                let mut mangled = json.clone();
                mangled["nodes"][key][field] = replacement.clone();
                out.push((format!("{key}.{field} = {replacement}"), mangled));
                for attr in &attrs {
                    let mut mangled = json.clone();
                    mangled["nodes"][key][field][attr] = replacement.clone();
                    out.push((format!("{key}.{field}.{attr} = {replacement}"), mangled));
                }
            }
        }
    }
    out
}

#[test]
fn mangled_corpus_locks_never_panic() {
    let Some(corpus) = lockscope_fixtures::corpus("mangled::mangled_corpus_locks_never_panic")
    else {
        return;
    };
    let mut tried = 0;
    for case in lockscope_fixtures::cases(&corpus).iter().step_by(12) {
        let text = case.read_lock();
        // Truncated anywhere: not JSON, with a line and column.
        for cut in (1..10).map(|k| text.len() * k / 10) {
            let cut = (0..=cut)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            assert!(
                LockFile::parse(&text[..cut]).is_err(),
                "{}: cut at {cut}",
                case.name
            );
            tried += 1;
        }
        let Ok(json) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        for (what, mangled) in mutations(&json) {
            let text = mangled.to_string();
            let result = std::panic::catch_unwind(|| exercise(&text));
            assert!(result.is_ok(), "{}: {what} panicked", case.name);
            tried += 1;
        }
    }
    println!("{tried} mangled locks answered without a panic");
}
