//! Follows lines applied to a lock as Nix would write it after them, without Nix: what proves
//! that `lockscope dups`'s suggestions (`dups_corpus`) and the lines `lockscope fix` writes
//! into flake.nix (the CLI's `fix` tests) remove what they claim.

use serde_json::Value;

/// The lock `text` as Nix writes it once flake.nix has every root input and follows line of
/// `found` (what `dups::find` found, as JSON): each new root input locks the node it is
/// assumed to lock, each overridden input becomes the follows path `[target]`, and nodes
/// nothing reaches drop out when the result is read. An error names the line that does not
/// fit the lock.
pub fn with_follows(text: &str, found: &Value) -> Result<String, String> {
    let mut json: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let root = json["root"].as_str().ok_or("no root")?.to_string();
    let list = |key: &str| found[key].as_array().cloned().unwrap_or_default();
    for new in list("new_inputs") {
        json["nodes"][&root]["inputs"][new["name"].as_str().ok_or("no name")?] =
            new["node"].clone();
    }
    for s in list("suggestions") {
        let line = s["line"].as_str().unwrap_or_default();
        let path: Vec<&str> = s["path"]
            .as_array()
            .ok_or("no path")?
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let (input, parents) = path.split_last().ok_or("empty path")?;
        let mut key = root.clone();
        for name in parents {
            key = json["nodes"][&key]["inputs"][name]
                .as_str()
                .ok_or_else(|| format!("{line}: '{name}' is not a locked input on the way"))?
                .to_string();
        }
        let edge = &mut json["nodes"][&key]["inputs"][*input];
        if *edge != s["node"] {
            return Err(format!(
                "{line}: the input locks {edge}, not the copy {}",
                s["node"]
            ));
        }
        *edge = Value::Array(vec![s["target"].clone()]);
    }
    Ok(json.to_string())
}
