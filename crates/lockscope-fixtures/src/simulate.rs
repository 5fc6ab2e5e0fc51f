//! Follows lines applied to a lock as Nix would write it after them, without Nix: what proves
//! that `lockscope dups`'s suggestions (`dups_corpus`) and the lines `lockscope fix` writes
//! into flake.nix (the CLI's `fix` tests) remove what they claim.

use serde_json::Value;

/// One follows line: the input at `path` follows the root input `target`, instead of the
/// node `node` it locks now.
pub struct Follows<'a> {
    pub path: &'a [String],
    pub target: &'a str,
    pub node: &'a str,
}

/// The lock `text` as Nix writes it once flake.nix has the root inputs `new_inputs` (name,
/// and the node each is assumed to lock) and the `follows` lines: each overridden input
/// becomes the follows path `[target]`, and nodes nothing reaches drop out when the result
/// is read. An error names the line that does not fit the lock.
pub fn with_follows(
    text: &str,
    new_inputs: &[(&str, &str)],
    follows: &[Follows],
) -> Result<String, String> {
    let mut json: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let root = json["root"].as_str().ok_or("no root")?.to_string();
    for (name, node) in new_inputs {
        json["nodes"][&root]["inputs"][*name] = Value::String(node.to_string());
    }
    for f in follows {
        let line = f.path.join("/");
        let (input, parents) = f.path.split_last().ok_or("empty path")?;
        let mut key = root.clone();
        for name in parents {
            key = json["nodes"][&key]["inputs"][name]
                .as_str()
                .ok_or_else(|| format!("{line}: '{name}' is not a locked input on the way"))?
                .to_string();
        }
        let edge = &mut json["nodes"][&key]["inputs"][input];
        if edge.as_str() != Some(f.node) {
            return Err(format!(
                "{line}: the input locks {edge}, not the copy {}",
                f.node
            ));
        }
        *edge = serde_json::json!([f.target]);
    }
    Ok(json.to_string())
}
