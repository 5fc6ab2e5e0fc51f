//! `lockscope graph`: the lock's dependency graph as Graphviz DOT or as Mermaid (which GitHub
//! renders in comments and job summaries); `--by-source` draws one box per source with its
//! copy count. Follows inputs are dashed. Text from the lock is escaped for each language, so
//! no node key or URL can end a string or become markup.

use std::io::Write;

use clap::ValueEnum;
use lockscope_core::graph::{self, Graph, Vertex};
use lockscope_core::text::count;

use crate::input::{self, Host, LockArg};
use crate::{Error, Status};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    lock: LockArg,
    /// dot for Graphviz (`| dot -Tsvg`), mermaid for GitHub's Markdown
    #[arg(long, value_enum, default_value_t = Format::Dot)]
    format: Format,
    /// One box per source (every copy of nixpkgs in one), with how many nodes lock it
    #[arg(long)]
    by_source: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Dot,
    Mermaid,
}

pub fn run(args: Args, host: &mut dyn Host, out: &mut dyn Write) -> Result<Status, Error> {
    let lock = input::load(host, &args.lock.file)?;
    let graph = match args.by_source {
        true => graph::by_source(&lock),
        false => graph::of_lock(&lock),
    };
    let text = match args.format {
        Format::Dot => dot(&graph, args.by_source),
        Format::Mermaid => mermaid(&graph, args.by_source),
    };
    out.write_all(text.as_bytes())?;
    Ok(Status::Success)
}

/// The two lines of a box: the node key and its source; by source, the source and its copies.
fn label_lines(vertex: &Vertex, by_source: bool) -> [String; 2] {
    match by_source {
        true => [vertex.source.clone(), count(vertex.nodes.len(), "node")],
        false => [vertex.key.clone(), vertex.source.clone()],
    }
}

fn dot(graph: &Graph, by_source: bool) -> String {
    let mut out = String::from(
        "digraph flake_lock {\n  rankdir=LR;\n  node [shape=box, fontname=\"sans-serif\"];\n",
    );
    for vertex in &graph.vertices {
        let [first, second] = label_lines(vertex, by_source);
        out += &format!(
            "  {} [label=\"{}\\n{}\"];\n",
            dot_id(&vertex.key),
            dot_text(&first),
            dot_text(&second)
        );
    }
    for edge in &graph.edges {
        let style = if edge.follows { ", style=dashed" } else { "" };
        out += &format!(
            "  {} -> {} [label=\"{}\"{style}];\n",
            dot_id(&graph.vertices[edge.from].key),
            dot_id(&graph.vertices[edge.to].key),
            dot_text(&edge.input)
        );
    }
    out + "}\n"
}

/// A DOT identifier: the text, quoted.
fn dot_id(key: &str) -> String {
    format!("\"{}\"", dot_text(key))
}

/// Text inside a DOT string: quotes and backslashes escaped (a backslash starts an escape in
/// a label), control characters as spaces.
fn dot_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn mermaid(graph: &Graph, by_source: bool) -> String {
    let mut out = String::from("flowchart LR\n");
    for (i, vertex) in graph.vertices.iter().enumerate() {
        let [first, second] = label_lines(vertex, by_source);
        out += &format!(
            "  n{i}[\"{}<br/>{}\"]\n",
            mermaid_text(&first),
            mermaid_text(&second)
        );
    }
    for edge in &graph.edges {
        let arrow = if edge.follows { "-.->" } else { "-->" };
        out += &format!(
            "  n{} {arrow}|\"{}\"| n{}\n",
            edge.from,
            mermaid_text(&edge.input),
            edge.to
        );
    }
    out
}

/// Text inside a Mermaid label: every character but letters, digits and ` -_.:/@+~` as an
/// entity code (`#35;`), which Mermaid shows as the character, never as markup or syntax;
/// control characters as spaces.
fn mermaid_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            out.push(' ');
        } else if c.is_ascii_alphanumeric() || " -_.:/@+~".contains(c) {
            out.push(c);
        } else {
            out += &format!("#{};", u32::from(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_text_stays_text() {
        assert_eq!(dot_text(r#"a"b\c"#), r#"a\"b\\c"#);
        assert_eq!(dot_text("line\nbreak"), "line break");
        assert_eq!(
            mermaid_text("<img src=x>\"|]"),
            "#60;img src#61;x#62;#34;#124;#93;"
        );
        assert_eq!(mermaid_text("nixpkgs-unstable"), "nixpkgs-unstable");
        assert_eq!(mermaid_text("é"), "#233;");
    }
}
