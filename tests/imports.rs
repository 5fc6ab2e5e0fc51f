//! The app's files import one another one way only: no `use crate::…` circle between files
//! of src/, so each file can be read, tested and moved with what is below it alone. And
//! `dom.rs`, the browser plumbing, imports nothing of the app.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Each file of src/ (as `tree/view.rs`) and the files its `use crate::…` lines name.
fn imports() -> BTreeMap<String, Vec<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph = BTreeMap::new();
    for file in files {
        let name = relative(&src, &file);
        let text = fs::read_to_string(&file).unwrap();
        let mut targets: Vec<String> = use_paths(&text)
            .iter()
            .filter_map(|path| file_of(&src, path))
            .filter(|target| *target != name)
            .collect();
        targets.sort();
        targets.dedup();
        graph.insert(name, targets);
    }
    graph
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

fn relative(src: &Path, file: &Path) -> String {
    let path = file.strip_prefix(src).unwrap().to_string_lossy();
    path.replace('\\', "/")
}

/// Every path a file's `use crate::…;` items name, their braces expanded:
/// `use crate::a::{b, c::d};` names `a::b` and `a::c::d`.
fn use_paths(text: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("use crate::") {
        let item = &rest[start + "use crate::".len()..];
        let end = item.find(';').expect("a use item ends with `;`");
        let tree: String = item[..end].split_whitespace().collect();
        expand("", &tree, &mut paths);
        rest = &item[end..];
    }
    paths
}

/// Expand one use tree (without spaces) under `prefix`.
fn expand(prefix: &str, tree: &str, into: &mut Vec<String>) {
    match tree.find('{') {
        None => into.push(format!("{prefix}{tree}")),
        Some(open) => {
            let prefix = format!("{prefix}{}", &tree[..open]);
            let inner = &tree[open + 1..tree.len() - 1];
            // Split at the commas outside nested braces.
            let (mut depth, mut from) = (0, 0);
            for (at, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&prefix, &inner[from..at], into);
                        from = at + 1;
                    }
                    _ => {}
                }
            }
            if from < inner.len() {
                expand(&prefix, &inner[from..], into);
            }
        }
    }
}

/// The file that holds what a path names: the deepest module file along it.
fn file_of(src: &Path, path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split("::").collect();
    (1..=segments.len()).rev().find_map(|len| {
        let module = segments[..len].join("/");
        [format!("{module}.rs"), format!("{module}/mod.rs")]
            .into_iter()
            .find(|file| src.join(file).is_file())
    })
}

/// A circle of imports, if there is one: the files along it, the first one again at the end.
fn circle(graph: &BTreeMap<String, Vec<String>>) -> Option<Vec<String>> {
    // Depth-first, with the files on the current path in `stack`.
    fn visit(
        file: &str,
        graph: &BTreeMap<String, Vec<String>>,
        stack: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|f| f == file) {
            let mut found = stack[at..].to_vec();
            found.push(file.to_owned());
            return Some(found);
        }
        if done.iter().any(|f| f == file) {
            return None;
        }
        stack.push(file.to_owned());
        for target in graph.get(file).into_iter().flatten() {
            if let Some(found) = visit(target, graph, stack, done) {
                return Some(found);
            }
        }
        stack.pop();
        done.push(file.to_owned());
        None
    }
    let mut done = Vec::new();
    graph
        .keys()
        .find_map(|file| visit(file, graph, &mut Vec::new(), &mut done))
}

#[test]
fn imports_between_files_run_one_way() {
    let graph = imports();
    assert!(graph.len() > 20, "{graph:?}");
    if let Some(found) = circle(&graph) {
        panic!("an import circle in src/: {}", found.join(" -> "));
    }
}

#[test]
fn the_browser_plumbing_imports_nothing_of_the_app() {
    assert_eq!(imports()["dom.rs"], Vec::<String>::new());
}

#[test]
fn a_circle_is_found_and_braces_are_expanded() {
    let paths = use_paths("use crate::a::{b::{C, D}, e};\nuse crate::f;");
    assert_eq!(paths, ["a::b::C", "a::b::D", "a::e", "f"]);
    let graph = BTreeMap::from([
        ("a.rs".to_owned(), vec!["b.rs".to_owned()]),
        ("b.rs".to_owned(), vec!["c.rs".to_owned()]),
        ("c.rs".to_owned(), vec!["a.rs".to_owned()]),
    ]);
    assert_eq!(circle(&graph).unwrap(), ["a.rs", "b.rs", "c.rs", "a.rs"]);
    let mut one_way = graph;
    one_way.insert("c.rs".to_owned(), Vec::new());
    assert_eq!(circle(&one_way), None);
}
