//! `lockscope fix`'s editor: writes [`dups::find`](crate::dups::find)'s follows lines, and the
//! root inputs they need, into flake.nix, where each input is declared and in the style the
//! file uses. The file is read as a lossless Nix syntax tree (rnix) and edited as text: every
//! byte the edit does not add stays as it was (indentation, comments, blank lines, quoting,
//! LF or CRLF). A line flake.nix already has is left alone, so a second run changes nothing.
//! Where flake.nix computes what a line would touch, or declares the input twice, that line
//! is refused with the input, the place and the reason; the others are applied.
//!
//! Behind the `fix` cargo feature: the Nix parser stays out of the web app's first visit.

mod bindings;
pub mod unified;

use rnix::{TextRange, TextSize};
use rowan::ast::AstNode;
use serde::Serialize;
use thiserror::Error;

use crate::dups::nix_syntax::{attr, string};
use crate::dups::{FollowsSuggestion, NewInput};
use bindings::{line_column, Binding, Flake, Value};

/// Why flake.nix cannot be edited at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FixError {
    /// The text is not a Nix expression.
    #[error("not a Nix expression: {found} at line {line}, column {column}")]
    Syntax {
        /// What is there: `unexpected '}'`, `an unfinished expression`, ...
        found: String,
        /// The line, from 1.
        line: usize,
        /// The column in characters, from 1.
        column: usize,
    },
    /// The flake is not an attribute set (`let ... in` and parentheses around one are).
    #[error("a flake is an attribute set, and the expression at line {line}, column {column} is not one")]
    NotAnAttrSet {
        /// The line, from 1.
        line: usize,
        /// The column in characters, from 1.
        column: usize,
    },
    /// The edit would not parse: a fault of the editor, reported rather than written.
    #[error("the edited flake.nix would not parse ({0}); nothing was changed")]
    Broken(String),
}

/// How flake.nix computes what a line would have to go into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Computed {
    /// `let ... in`.
    #[error("a `let` expression")]
    Let,
    /// `import ./inputs.nix`.
    #[error("`import`")]
    Import,
    /// `a // b`.
    #[error("`//`")]
    Update,
    /// `inherit x;`, `inherit (set) x;`.
    #[error("`inherit`")]
    Inherit,
    /// `"github:${owner}/x"`.
    #[error("string interpolation")]
    Interpolation,
    /// `${name} = ...;`, `"${name}".url = ...;`.
    #[error("an interpolated attribute name")]
    DynamicName,
    /// A variable, a function call, `if`, `with`, ...
    #[error("an expression")]
    Expression,
}

/// Why one line was not written.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum Reason {
    /// What the line would go into is computed: only evaluation could say where it goes.
    #[error("flake.nix computes it with {how}, which only evaluation can read")]
    Computed {
        /// How.
        how: Computed,
    },
    /// What the line would go into is a string, not an attribute set.
    #[error("it is a string there, not an attribute set")]
    NotASet,
    /// The input is declared in two places: which one the line belongs to is not clear.
    #[error("the input is declared twice, here and at line {line}, column {column}")]
    DeclaredTwice {
        /// The line of the other declaration, from 1.
        line: usize,
        /// Its column in characters, from 1.
        column: usize,
    },
    /// The input is not in flake.nix's `inputs`: flake.nix and the lock disagree.
    #[error("flake.nix does not declare the input")]
    NotDeclared,
    /// flake.nix already says something else there.
    #[error("flake.nix already sets it otherwise")]
    AlreadySet,
    /// The line follows a new root input that could not be added.
    #[error("it follows the new input '{0}', which could not be added")]
    TargetRefused(String),
}

/// A line that was not written: which input, where in flake.nix, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    /// The input path as Nix prints it: `home-manager/nixpkgs`; a new root input's name.
    pub input: String,
    /// The line that was not written, as `lockscope dups` prints it.
    pub nix_line: String,
    /// Where in flake.nix: the line, from 1.
    pub line: usize,
    /// The column in characters, from 1.
    pub column: usize,
    /// Why.
    #[serde(flatten)]
    pub reason: Reason,
}

/// flake.nix with the lines written into it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fixed {
    /// The new text (the old one when nothing was written).
    pub text: String,
    /// The lines written, as `lockscope dups` prints them: root inputs first.
    pub added: Vec<String>,
    /// The lines flake.nix already had.
    pub present: Vec<String>,
    /// The lines not written.
    pub refused: Vec<Refusal>,
}

/// Writes `suggestions` into the flake.nix `text`, and those of `new_inputs` that a written
/// suggestion follows.
pub fn apply(
    text: &str,
    suggestions: &[FollowsSuggestion],
    new_inputs: &[NewInput],
) -> Result<Fixed, FixError> {
    let flake = Flake::read(text)?;
    let editor = Editor {
        text,
        flake: &flake,
    };
    let mut follows: Vec<Outcome> = suggestions
        .iter()
        .map(|s| {
            let line = Line {
                input: s.path.join("/"),
                nix_line: &s.line,
                path: follows_path(&s.path),
                value: &s.target,
            };
            editor.decide(line)
        })
        .collect();
    let mut roots = Vec::new();
    for new in new_inputs {
        let follows_it = |s: &FollowsSuggestion| s.target == new.name;
        let wanted = suggestions
            .iter()
            .zip(&follows)
            .any(|(s, o)| follows_it(s) && o.placed.is_ok());
        if !wanted {
            continue;
        }
        let line = Line {
            input: new.name.clone(),
            nix_line: &new.line,
            path: vec!["inputs".into(), new.name.clone(), "url".into()],
            value: &new.url,
        };
        let root = editor.decide(line);
        if let Err(refusal) = &root.placed {
            // A line that follows an input flake.nix cannot get would break the flake.
            for (s, outcome) in suggestions
                .iter()
                .zip(&mut follows)
                .filter(|(s, _)| follows_it(s))
            {
                outcome.placed = Err(Refusal {
                    input: s.path.join("/"),
                    nix_line: s.line.clone(),
                    reason: Reason::TargetRefused(new.name.clone()),
                    ..refusal.clone()
                });
            }
        }
        roots.push(root);
    }
    // Written after the follows lines: a new root input placed where some follows go joins
    // the end of the inputs rather than the middle of one input's lines.
    let text = editor.write(follows.iter().chain(&roots));
    let outcomes: Vec<Outcome> = roots.into_iter().chain(follows).collect();
    let fixed = Fixed {
        text,
        added: lines(&outcomes, |p| !matches!(p, Placed::Present)),
        present: lines(&outcomes, |p| matches!(p, Placed::Present)),
        refused: outcomes
            .iter()
            .filter_map(|o| o.placed.clone().err())
            .collect(),
    };
    if let Err(e) = Flake::read(&fixed.text) {
        return Err(FixError::Broken(e.to_string()));
    }
    Ok(fixed)
}

/// `["a", "b"]`: `inputs.a.inputs.b.follows`.
fn follows_path(path: &[String]) -> Vec<String> {
    let mut full: Vec<String> = path
        .iter()
        .flat_map(|name| ["inputs".to_string(), name.clone()])
        .collect();
    full.push("follows".into());
    full
}

fn lines(outcomes: &[Outcome], keep: impl Fn(&Placed) -> bool) -> Vec<String> {
    outcomes
        .iter()
        .filter(|o| o.placed.as_ref().is_ok_and(&keep))
        .map(|o| o.nix_line.clone())
        .collect()
}

/// A line to write: `path = "value";` from the top of the flake.
struct Line<'a> {
    /// The input path as Nix prints it, or the new root input.
    input: String,
    nix_line: &'a str,
    path: Vec<String>,
    value: &'a str,
}

struct Outcome {
    nix_line: String,
    path: Vec<String>,
    value: String,
    placed: Result<Placed, Refusal>,
}

/// Where a line goes.
#[derive(Clone, Copy)]
enum Placed {
    /// flake.nix has it already.
    Present,
    /// After this entry of this set (an index into [`Flake::sets`]).
    After { set: usize, entry: TextRange },
    /// First in this set, which has no binding under `inputs` yet.
    First { set: usize },
    /// Into the input that this binding (an index into [`Flake::bindings`]) gives as a bare
    /// string, which becomes `{ url = "..."; ... }`.
    IntoString { binding: usize },
}

struct Editor<'a> {
    text: &'a str,
    flake: &'a Flake,
}

impl Editor<'_> {
    fn decide(&self, line: Line) -> Outcome {
        let placed = self.place(&line.path, line.value).map_err(|(reason, at)| {
            let (l, column) = line_column(self.text, at);
            Refusal {
                input: line.input.clone(),
                nix_line: line.nix_line.to_string(),
                line: l,
                column,
                reason,
            }
        });
        Outcome {
            nix_line: line.nix_line.to_string(),
            path: line.path,
            value: line.value.to_string(),
            placed,
        }
    }

    /// Where `path = "value";` goes, or why it cannot go anywhere (and where that is).
    fn place(&self, path: &[String], value: &str) -> Result<Placed, (Reason, TextSize)> {
        let bindings = &self.flake.bindings;
        let input = &path[..2];
        // What the line would go into must be literal attribute sets, a bare string for the
        // input itself excepted.
        let mut string = None;
        for (i, b) in bindings.iter().enumerate() {
            if b.path.len() < path.len() && path.starts_with(&b.path) {
                match &b.value {
                    Value::Set => {}
                    Value::Str(_) if b.path == input => string = Some(i),
                    Value::Str(_) => return Err((Reason::NotASet, b.at.start())),
                    Value::Computed(how) => {
                        return Err((Reason::Computed { how: *how }, b.at.start()))
                    }
                }
            }
        }
        // `value`, written as the line would write it, or as a bare string for a `url`.
        let same = |b: &Binding| {
            let url_as_string = path.last().is_some_and(|l| l == "url") && b.path == input;
            matches!(&b.value, Value::Str(v) if v == value) && (b.path == path || url_as_string)
        };
        if bindings.iter().any(same) {
            return Ok(Placed::Present);
        }
        // The input the line sets (the overridden input, or the new root input) must be free.
        let new_root = path.len() == 3;
        let taken = if new_root {
            input
        } else {
            &path[..path.len() - 1]
        };
        if let Some(b) = bindings.iter().find(|b| b.path.starts_with(taken)) {
            return Err((Reason::AlreadySet, b.entry.start()));
        }
        if new_root {
            return Ok(self.position(path, input));
        }
        // The root input that gets the line: declared once, by literal values.
        let declarations: Vec<&Binding> = bindings
            .iter()
            .filter(|b| b.path.starts_with(input) && b.scope_len < 2)
            .filter(|b| b.path.len() == 2 || ["url", "follows"].contains(&b.path[2].as_str()))
            .collect();
        if let [first, second, ..] = declarations[..] {
            let (line, column) = line_column(self.text, first.entry.start());
            return Err((Reason::DeclaredTwice { line, column }, second.entry.start()));
        }
        if let Some(Value::Computed(how)) = declarations.first().map(|b| &b.value) {
            let at = declarations[0].at.start();
            return Err((Reason::Computed { how: *how }, at));
        }
        if !bindings.iter().any(|b| b.path.starts_with(input)) {
            let at = bindings
                .first()
                .map_or(TextSize::from(0), |b| b.entry.start());
            return Err((Reason::NotDeclared, at));
        }
        if let Some(binding) = string {
            return Ok(Placed::IntoString { binding });
        }
        Ok(self.position(path, input))
    }

    /// The literal set the line goes into: the deepest of those on its path that are the
    /// input's or hold its lines (without any, as for a new root input, the deepest; of
    /// equals, the last); and after which of its entries: the last that shares the longest part of the
    /// line's path.
    fn position(&self, path: &[String], input: &[String]) -> Placed {
        let bindings = &self.flake.bindings;
        let declares = |set: usize| {
            self.flake.sets[set].path.starts_with(input)
                || bindings
                    .iter()
                    .any(|b| b.scope == set && b.path.starts_with(input))
        };
        let set = (0..self.flake.sets.len())
            .filter(|s| path.starts_with(&self.flake.sets[*s].path))
            .max_by_key(|s| (declares(*s), self.flake.sets[*s].path.len(), *s))
            .unwrap_or(0);
        let entries: Vec<&Binding> = bindings.iter().filter(|b| b.scope == set).collect();
        (0..path.len())
            .rev()
            .find_map(|k| {
                entries
                    .iter()
                    .rev()
                    .find(|b| b.path.starts_with(&path[..k]))
            })
            .map_or(Placed::First { set }, |b| Placed::After {
                set,
                entry: b.entry,
            })
    }

    /// The text with every placed line written.
    fn write<'o>(&self, outcomes: impl Iterator<Item = &'o Outcome>) -> String {
        let text = self.text;
        let mut edits: Vec<(TextRange, String)> = Vec::new();
        // A bare string gets every line of its input in one `{ url = "..."; ... }`.
        let mut strings: Vec<(usize, Vec<String>)> = Vec::new();
        for o in outcomes {
            let Ok(placed) = o.placed else { continue };
            let relative = |len: usize| assignment(&o.path[len..], &o.value);
            match placed {
                Placed::Present => {}
                Placed::IntoString { binding } => {
                    match strings.iter_mut().find(|(b, _)| *b == binding) {
                        Some((_, lines)) => lines.push(relative(2)),
                        None => strings.push((binding, vec![relative(2)])),
                    }
                }
                Placed::After { set, entry } => {
                    let line = relative(self.flake.sets[set].path.len());
                    edits.push(after(text, entry, &line));
                }
                Placed::First { set } => {
                    let set = &self.flake.sets[set];
                    edits.push(first(
                        text,
                        &set.node,
                        &assignment(&o.path[set.path.len()..], &o.value),
                    ));
                }
            }
        }
        for (binding, lines) in strings {
            let at = self.flake.bindings[binding].at;
            let url = cut(text, at.start().into(), at.end().into());
            edits.push((at, format!("{{ url = {url}; {} }}", lines.join(" "))));
        }
        // Stable: lines at one place keep the order of the suggestions.
        edits.sort_by_key(|(range, _)| range.start());
        let mut out = String::with_capacity(text.len() + edits.len() * 64);
        let mut done = 0;
        for (range, new) in edits {
            out += cut(text, done, range.start().into());
            out += &new;
            done = range.end().into();
        }
        out += cut(text, done, text.len());
        out
    }
}

/// `a.b.c = "value";`, each name quoted only when Nix needs it.
fn assignment(path: &[String], value: &str) -> String {
    let names: Vec<String> = path.iter().map(|name| attr(name)).collect();
    format!("{} = {};", names.join("."), string(value))
}

/// `line` after `entry`: on a line of its own with the entry's indentation when the entry
/// starts its line and ends it (a comment after it stays with it), else after it on its line.
fn after(text: &str, entry: TextRange, line: &str) -> (TextRange, String) {
    let (start, end) = (usize::from(entry.start()), usize::from(entry.end()));
    let indent = indentation(text, start);
    let own_line = indent.chars().all(|c| c == ' ' || c == '\t');
    match line_end(text, end) {
        Some((at, eol)) if own_line => (TextRange::empty(at), format!("{eol}{indent}{line}")),
        _ => (TextRange::empty(entry.end()), format!(" {line}")),
    }
}

/// `line` first in `set`: on a line of its own, one level deeper than the line of `{`, when
/// the set spans lines and nothing but a comment follows `{`; else after `{`.
fn first(text: &str, set: &rnix::ast::AttrSet, line: &str) -> (TextRange, String) {
    let range = set.syntax().text_range();
    let open = set
        .l_curly_token()
        .map_or(range.start(), |t| t.text_range().end());
    let close = set
        .r_curly_token()
        .map_or(range.end(), |t| t.text_range().start());
    let spans_lines = cut(text, open.into(), close.into()).contains('\n');
    match line_end(text, open.into()) {
        Some((at, eol)) if spans_lines => {
            let before = indentation(text, open.into());
            let indent: String = before
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            let unit = if indent.starts_with('\t') { "\t" } else { "  " };
            (TextRange::empty(at), format!("{eol}{indent}{unit}{line}"))
        }
        _ => {
            let space = if open == close { " " } else { "" };
            (TextRange::empty(open), format!(" {line}{space}"))
        }
    }
}

/// Where the line holding `from` ends and its line ending (`\n` or `\r\n`), when nothing but
/// blanks or a `#` comment lies between.
fn line_end(text: &str, from: usize) -> Option<(TextSize, &'static str)> {
    let newline = from + cut(text, from, text.len()).find('\n')?;
    let rest = cut(text, from, newline).trim();
    if !(rest.is_empty() || rest.starts_with('#')) {
        return None;
    }
    Some(match cut(text, 0, newline).strip_suffix('\r') {
        Some(_) => (TextSize::try_from(newline - 1).ok()?, "\r\n"),
        None => (TextSize::try_from(newline).ok()?, "\n"),
    })
}

/// What precedes `at` on its line.
fn indentation(text: &str, at: usize) -> &str {
    let before = cut(text, 0, at);
    cut(before, before.rfind('\n').map_or(0, |i| i + 1), at)
}

/// `text[from..to]`, or nothing past its end. Every offset here is a token boundary of the
/// parser or what `find` returned: always between characters.
fn cut(text: &str, from: usize, to: usize) -> &str {
    text.get(from..to).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dups::nix_syntax::{follows_line, url_line};

    fn follows(path: &[&str], target: &str) -> FollowsSuggestion {
        let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
        FollowsSuggestion {
            line: follows_line(&path, target),
            needs_nix_2_30: path.len() > 2,
            path,
            target: target.into(),
            source: String::new(),
            node: String::new(),
            target_node: String::new(),
            same_revision: true,
        }
    }

    fn new_input(name: &str, url: &str) -> NewInput {
        NewInput {
            name: name.into(),
            url: url.into(),
            line: url_line(name, url),
            source: String::new(),
            node: String::new(),
        }
    }

    /// The text `apply` writes, having checked that a second run changes nothing.
    fn fixed(text: &str, suggestions: &[FollowsSuggestion], new: &[NewInput]) -> String {
        let once = apply(text, suggestions, new).unwrap();
        let twice = apply(&once.text, suggestions, new).unwrap();
        assert_eq!(twice.text, once.text, "a second run changes nothing");
        assert!(twice.added.is_empty());
        assert_eq!(twice.present.len(), once.added.len() + once.present.len());
        once.text
    }

    fn refused(text: &str, suggestion: FollowsSuggestion) -> (usize, usize, Reason) {
        let out = apply(text, &[suggestion], &[]).unwrap();
        assert_eq!(out.text, text);
        let [r] = &out.refused[..] else {
            panic!("{out:?}")
        };
        (r.line, r.column, r.reason.clone())
    }

    #[test]
    fn lines_go_where_the_input_is_declared() {
        let text = "{\n  inputs.a.url = \"github:o/a\"; # a\n\n  inputs.b = {\n    url = \"github:o/b\";\n  };\n  outputs = _: { };\n}\n";
        assert_eq!(
            fixed(text, &[follows(&["a", "x"], "x"), follows(&["b", "x"], "x")], &[new_input("x", "github:o/x")]),
            "{\n  inputs.a.url = \"github:o/a\"; # a\n  inputs.a.inputs.x.follows = \"x\";\n\n  inputs.b = {\n    url = \"github:o/b\";\n    inputs.x.follows = \"x\";\n  };\n  inputs.x.url = \"github:o/x\";\n  outputs = _: { };\n}\n"
        );
    }

    #[test]
    fn empty_sets_one_line_sets_and_quoted_names() {
        let s = [follows(&["a", "n"], "n")];
        assert_eq!(
            fixed("{ inputs.a = { }; }", &s, &[]),
            "{ inputs.a = { inputs.n.follows = \"n\"; }; }"
        );
        assert_eq!(
            fixed("{ inputs.a = {}; }", &s, &[]),
            "{ inputs.a = { inputs.n.follows = \"n\"; }; }"
        );
        assert_eq!(
            fixed("{\n  inputs.a = {\n  };\n}", &s, &[]),
            "{\n  inputs.a = {\n    inputs.n.follows = \"n\";\n  };\n}"
        );
        assert_eq!(
            fixed("{ inputs.a.url = \"u\"; outputs = 1; }", &s, &[]),
            "{ inputs.a.url = \"u\"; inputs.a.inputs.n.follows = \"n\"; outputs = 1; }"
        );
        let quoted = [follows(&["hls-1.10", "or"], "nixpkgs")];
        assert_eq!(
            fixed("{ inputs = { \"hls-1.10\".url = ''u''; }; }", &quoted, &[]),
            "{ inputs = { \"hls-1.10\".url = ''u''; \"hls-1.10\".inputs.\"or\".follows = \"nixpkgs\"; }; }"
        );
    }

    #[test]
    fn what_is_computed_or_declared_twice_is_refused_where_it_is() {
        let s = || follows(&["a", "n"], "n");
        let computed = |how| Reason::Computed { how };
        assert_eq!(
            refused("{ inputs = import ./i.nix; }", s()),
            (1, 12, computed(Computed::Import))
        );
        assert_eq!(
            refused("{ inputs.a = let u = 1; in { }; }", s()),
            (1, 14, computed(Computed::Let))
        );
        assert_eq!(
            refused("{ inputs.a.url = \"${x}\"; }", s()),
            (1, 18, computed(Computed::Interpolation))
        );
        assert_eq!(
            refused("{ inputs.${x}.url = 1; }", s()),
            (1, 10, computed(Computed::DynamicName))
        );
        assert_eq!(
            refused("{ inherit inputs; }", s()),
            (1, 11, computed(Computed::Inherit))
        );
        assert_eq!(
            refused("{ inputs.a = x; }", s()),
            (1, 14, computed(Computed::Expression))
        );
        assert_eq!(
            refused(
                "{\n  inputs.a.url = \"u\";\n  inputs = { a = { }; };\n}",
                s()
            ),
            (3, 14, Reason::DeclaredTwice { line: 2, column: 3 })
        );
        assert_eq!(
            refused("{ inputs.b.url = \"u\"; }", s()),
            (1, 3, Reason::NotDeclared)
        );
        assert_eq!(
            refused(
                "{ inputs.a.url = \"u\"; inputs.a.inputs.n.follows = \"m\"; }",
                s()
            ),
            (1, 23, Reason::AlreadySet)
        );
        assert_eq!(
            refused("{ inputs.a.inputs = \"s\"; }", s()),
            (1, 21, Reason::NotASet)
        );
    }

    #[test]
    fn a_line_that_follows_a_root_input_that_cannot_be_added_is_refused() {
        let text = "{ inputs.a.url = \"u\"; inputs.n.url = \"other\"; }";
        let out = apply(text, &[follows(&["a", "n"], "n")], &[new_input("n", "u")]).unwrap();
        assert_eq!(out.text, text);
        let reasons: Vec<&Reason> = out.refused.iter().map(|r| &r.reason).collect();
        assert_eq!(
            reasons,
            [&Reason::AlreadySet, &Reason::TargetRefused("n".into())]
        );
    }

    #[test]
    fn text_that_is_no_flake_is_an_error_with_its_place() {
        let err = |text| apply(text, &[], &[]).unwrap_err().to_string();
        assert_eq!(
            err("{\n  a = ;\n}"),
            "not a Nix expression: unexpected ';' at line 2, column 7"
        );
        assert_eq!(
            err("{ a = 1;"),
            "not a Nix expression: an unfinished expression at line 1, column 9"
        );
        assert_eq!(
            err("x: { }"),
            "a flake is an attribute set, and the expression at line 1, column 1 is not one"
        );
        assert_eq!(
            apply("let x = 1; in ({ })", &[], &[]).unwrap().text,
            "let x = 1; in ({ })"
        );
    }
}
