//! `lockscope graph` parsed back: the DOT and Mermaid it prints for every corpus lock (and a
//! lock of hostile names) hold exactly the engine's vertices and edges, each node once.

use std::path::Path;
use std::process::Command;

use lockscope_core::graph::{self, Graph};
use lockscope_core::LockFile;

/// One edge as read back: from, input, to, follows.
type ReadEdge = (String, String, String, bool);
/// One edge by vertex index: from, input, to, follows.
type IndexEdge = (usize, String, usize, bool);

fn lockscope_graph(lock: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_lockscope"))
        .arg("graph")
        .args(args)
        .arg(lock)
        .output()
        .expect("lockscope runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The quoted strings of a DOT line, unescaped, in order.
fn dot_strings(line: &str) -> Vec<String> {
    let mut strings = Vec::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut s = String::new();
        loop {
            match chars.next().expect("a closed string") {
                '"' => break,
                // A label's `\n` is a line break; any other escaped character is itself.
                '\\' => match chars.next().expect("an escaped character") {
                    'n' => s.push('\n'),
                    c => s.push(c),
                },
                c => s.push(c),
            }
        }
        strings.push(s);
    }
    strings
}

/// Vertices (key and label) and edges of lockscope's DOT.
fn read_dot(dot: &str) -> (Vec<(String, String)>, Vec<ReadEdge>) {
    let mut lines = dot.lines();
    assert_eq!(lines.next(), Some("digraph flake_lock {"));
    assert_eq!(dot.lines().last(), Some("}"));
    let (mut vertices, mut edges) = (Vec::new(), Vec::new());
    for line in lines.filter(|l| l.starts_with("  \"")) {
        let strings = dot_strings(line);
        if line.contains("\" -> \"") {
            let [from, to, input] = <[String; 3]>::try_from(strings).expect("from, to, label");
            edges.push((from, input, to, line.ends_with(", style=dashed];")));
        } else {
            let [key, label] = <[String; 2]>::try_from(strings).expect("key, label");
            vertices.push((key, label));
        }
    }
    (vertices, edges)
}

/// Decodes Mermaid's `#NN;` entity codes.
fn mermaid_decode(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('#') {
        out += &rest[..at];
        let (code, after) = rest[at + 1..].split_once(';').expect("an entity code");
        out.push(char::from_u32(code.parse().unwrap()).unwrap());
        rest = after;
    }
    out + rest
}

/// Vertex labels (by index) and edges (by index) of lockscope's Mermaid.
fn read_mermaid(text: &str) -> (Vec<String>, Vec<IndexEdge>) {
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("flowchart LR"));
    let (mut vertices, mut edges) = (Vec::new(), Vec::new());
    let index = |n: &str| n.strip_prefix('n').unwrap().parse::<usize>().unwrap();
    for line in lines {
        let line = line.strip_prefix("  ").expect("indented");
        if let Some((id, label)) = line.split_once("[\"") {
            assert_eq!(index(id), vertices.len());
            let label = label.strip_suffix("\"]").expect("a closed label");
            vertices.push(mermaid_decode(&label.replace("<br/>", "\n")));
        } else {
            let (from, rest) = line.split_once(' ').unwrap();
            let (arrow, rest) = rest.split_once("|\"").unwrap();
            let (input, to) = rest.split_once("\"| ").unwrap();
            edges.push((
                index(from),
                mermaid_decode(input),
                index(to),
                arrow == "-.->",
            ));
        }
    }
    (vertices, edges)
}

fn check(lock_path: &Path, name: &str) {
    let lock = LockFile::parse(&std::fs::read_to_string(lock_path).unwrap()).unwrap();
    for by_source in [false, true] {
        let graph: Graph = if by_source {
            graph::by_source(&lock)
        } else {
            graph::of_lock(&lock)
        };
        let flag: &[&str] = if by_source { &["--by-source"] } else { &[] };
        let label = |i: usize| {
            let v = &graph.vertices[i];
            match by_source {
                true => format!(
                    "{}\n{} node{}",
                    v.source,
                    v.nodes.len(),
                    if v.nodes.len() == 1 { "" } else { "s" }
                ),
                false => format!("{}\n{}", v.key, v.source),
            }
        };
        let expected_edges: Vec<IndexEdge> = graph
            .edges
            .iter()
            .map(|e| (e.from, e.input.clone(), e.to, e.follows))
            .collect();

        let (vertices, edges) = read_dot(&lockscope_graph(lock_path, flag));
        let keys: Vec<&str> = vertices.iter().map(|(k, _)| k.as_str()).collect();
        let wanted: Vec<&str> = graph.vertices.iter().map(|v| v.key.as_str()).collect();
        assert_eq!(keys, wanted, "{name}: DOT vertices");
        let text = |i: usize| -> String {
            label(i)
                .chars()
                .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
                .collect()
        };
        for (i, (_, dot_label)) in vertices.iter().enumerate() {
            assert_eq!(dot_label, &text(i), "{name}: DOT label {i}");
        }
        let position = |key: &str| keys.iter().position(|k| *k == key).unwrap();
        let dot_edges: Vec<_> = edges
            .iter()
            .map(|(f, i, t, d)| (position(f), i.clone(), position(t), *d))
            .collect();
        assert_eq!(dot_edges, expected_edges, "{name}: DOT edges");

        let mut args = vec!["--format", "mermaid"];
        args.extend(flag);
        let (labels, edges) = read_mermaid(&lockscope_graph(lock_path, &args));
        assert_eq!(labels.len(), graph.vertices.len(), "{name}");
        for (i, l) in labels.iter().enumerate() {
            assert_eq!(l, &text(i), "{name}: Mermaid label {i}");
        }
        assert_eq!(edges, expected_edges, "{name}: Mermaid edges");
    }
    // Without --by-source every node of the lock is drawn once.
    let drawn = graph::of_lock(&lock).vertices.len();
    assert_eq!(drawn, lock.nodes().count(), "{name}");
}

#[test]
fn every_corpus_lock_reads_back() {
    let Some(corpus) = lockscope_fixtures::corpus("graph::every_corpus_lock") else {
        return;
    };
    let mut checked = 0;
    for case in lockscope_fixtures::cases(&corpus) {
        if LockFile::parse(&case.read_lock()).is_ok() {
            check(&case.lock, &case.name);
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn hostile_names_stay_text() {
    let hostile = r#"{"version": 7, "root": "root", "nodes": {
      "root": {"inputs": {"a\"] --> x[\"pwn": "n\"<script>", "b\\\"; }": "n\"<script>"}},
      "n\"<script>": {"locked": {"type": "github", "owner": "o\"|", "repo": "r<img src=x>", "rev": "a", "narHash": "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
                      "original": {"type": "github", "owner": "o\"|", "repo": "r<img src=x>"}}
    }}"#;
    let path = std::env::temp_dir().join(format!("lockscope-graph-{}.lock", std::process::id()));
    std::fs::write(&path, hostile).unwrap();
    check(&path, "hostile");
    let mermaid = lockscope_graph(&path, &["--format", "mermaid"]);
    assert!(
        !mermaid.contains('<') || mermaid.matches('<').count() == mermaid.matches("<br/>").count(),
        "{mermaid}"
    );
    let _ = std::fs::remove_file(path);
}
