//! What flake.nix says about `inputs`, read from its lossless syntax tree (rnix): every
//! binding under `inputs` with its full attribute path, what its value is, and where it is.
//! Nothing is evaluated: a value that only evaluation could read is marked as computed.

use rnix::ast::{self, HasEntry, InterpolPart};
use rnix::{Root, TextRange, TextSize};
use rowan::ast::AstNode;

use super::{cut, Computed, FixError};

/// One `path = value;` of flake.nix under `inputs` (or a prefix of it, which hides what is
/// under it: a computed `inputs`, an interpolated name).
pub(super) struct Binding {
    /// The full attribute path from the top of the flake: `["inputs", "nixpkgs", "url"]`.
    pub path: Vec<String>,
    pub value: Value,
    /// The whole entry, `a.b = v;`: lines are added after it.
    pub entry: TextRange,
    /// The value, or the name when the name is what is computed.
    pub at: TextRange,
    /// How many components of `path` the attribute set holding the entry has: the entry's
    /// own attribute path names the rest.
    pub scope_len: usize,
    /// The attribute set holding the entry, an index into [`Flake::sets`].
    pub scope: usize,
}

pub(super) enum Value {
    /// A literal attribute set, whose entries are bindings too.
    Set,
    /// A string without interpolation, as Nix reads it.
    Str(String),
    /// Anything only evaluation can read.
    Computed(Computed),
}

/// A literal attribute set that holds bindings under `inputs`.
pub(super) struct Set {
    pub path: Vec<String>,
    pub node: ast::AttrSet,
}

/// The bindings of a flake.nix, in the order of the file.
pub(super) struct Flake {
    pub bindings: Vec<Binding>,
    /// The top-level attribute set first.
    pub sets: Vec<Set>,
}

impl Flake {
    pub fn read(text: &str) -> Result<Flake, FixError> {
        let parse = Root::parse(text);
        if let Some(error) = parse.errors().first() {
            return Err(syntax_error(text, error));
        }
        let root = parse.tree();
        let mut expr = root.expr();
        // A flake is an attribute set; `let ... in { ... }` and parentheses around it too.
        let set = loop {
            match expr {
                Some(ast::Expr::AttrSet(set)) => break set,
                Some(ast::Expr::Paren(p)) => expr = p.expr(),
                Some(ast::Expr::LetIn(l)) => expr = l.body(),
                other => {
                    let at = other.map_or(TextSize::from(0), |e| e.syntax().text_range().start());
                    let (line, column) = line_column(text, at);
                    return Err(FixError::NotAnAttrSet { line, column });
                }
            }
        };
        let mut flake = Flake {
            bindings: Vec::new(),
            sets: Vec::new(),
        };
        flake.walk(set, Vec::new());
        Ok(flake)
    }

    /// Records the entries of `set` (at `path`) that concern `inputs`, and of their sets.
    fn walk(&mut self, set: ast::AttrSet, path: Vec<String>) {
        let scope = self.sets.len();
        self.sets.push(Set {
            path: path.clone(),
            node: set.clone(),
        });
        for entry in set.entries() {
            match entry {
                ast::Entry::Inherit(inherit) => {
                    for attr in inherit.attrs() {
                        let mut full = path.clone();
                        let range = attr.syntax().text_range();
                        let value = match name(&attr) {
                            Some(name) => {
                                full.push(name);
                                Value::Computed(Computed::Inherit)
                            }
                            None => Value::Computed(Computed::DynamicName),
                        };
                        self.push(
                            full,
                            value,
                            inherit.syntax().text_range(),
                            range,
                            path.len(),
                            scope,
                        );
                    }
                }
                ast::Entry::AttrpathValue(entry) => self.entry(&entry, &path, scope),
            }
        }
    }

    fn entry(&mut self, entry: &ast::AttrpathValue, path: &[String], scope: usize) {
        let range = entry.syntax().text_range();
        let mut full = path.to_vec();
        for attr in entry.attrpath().iter().flat_map(|p| p.attrs()) {
            match name(&attr) {
                Some(name) => full.push(name),
                None => {
                    // Any name at all: whatever lies under `full` may be declared here.
                    let value = Value::Computed(Computed::DynamicName);
                    let at = attr.syntax().text_range();
                    return self.push(full, value, range, at, path.len(), scope);
                }
            }
        }
        let Some(expr) = entry.value() else { return };
        let at = expr.syntax().text_range();
        if !concerns_inputs(&full) {
            return;
        }
        let value = match value(expr) {
            Read::Set(set) => {
                self.push(full.clone(), Value::Set, range, at, path.len(), scope);
                return self.walk(set, full);
            }
            Read::Str(s) => Value::Str(s),
            Read::Computed(how) => Value::Computed(how),
        };
        self.push(full, value, range, at, path.len(), scope);
    }

    fn push(
        &mut self,
        path: Vec<String>,
        value: Value,
        entry: TextRange,
        at: TextRange,
        scope_len: usize,
        scope: usize,
    ) {
        if concerns_inputs(&path) {
            self.bindings.push(Binding {
                path,
                value,
                entry,
                at,
                scope_len,
                scope,
            });
        }
    }
}

/// `inputs`, what is under it, and the top level itself (where an interpolated name may be
/// `inputs`).
fn concerns_inputs(path: &[String]) -> bool {
    path.first().is_none_or(|first| first == "inputs")
}

/// An attribute's name, unless it is interpolated.
fn name(attr: &ast::Attr) -> Option<String> {
    match attr {
        ast::Attr::Ident(ident) => Some(ident.syntax().text().to_string()),
        ast::Attr::Str(s) => literal(s),
        ast::Attr::Dynamic(_) => None,
    }
}

/// A string's text as Nix reads it, unless it interpolates.
fn literal(s: &ast::Str) -> Option<String> {
    s.normalized_parts()
        .into_iter()
        .map(|part| match part {
            InterpolPart::Literal(text) => Some(text),
            InterpolPart::Interpolation(_) => None,
        })
        .collect()
}

enum Read {
    Set(ast::AttrSet),
    Str(String),
    Computed(Computed),
}

fn value(mut expr: ast::Expr) -> Read {
    loop {
        return match expr {
            ast::Expr::Paren(p) => match p.expr() {
                Some(inner) => {
                    expr = inner;
                    continue;
                }
                None => Read::Computed(Computed::Expression),
            },
            ast::Expr::AttrSet(set) => Read::Set(set),
            ast::Expr::Str(s) => match literal(&s) {
                Some(text) => Read::Str(text),
                None => Read::Computed(Computed::Interpolation),
            },
            ast::Expr::LetIn(_) | ast::Expr::LegacyLet(_) => Read::Computed(Computed::Let),
            ast::Expr::Apply(apply) if applies_import(&apply) => Read::Computed(Computed::Import),
            ast::Expr::BinOp(op) if op.operator() == Some(ast::BinOpKind::Update) => {
                Read::Computed(Computed::Update)
            }
            _ => Read::Computed(Computed::Expression),
        };
    }
}

/// `import ./x.nix`, `import ./x.nix { ... }`.
fn applies_import(apply: &ast::Apply) -> bool {
    let mut function = apply.lambda();
    while let Some(ast::Expr::Apply(inner)) = function {
        function = inner.lambda();
    }
    matches!(function, Some(ast::Expr::Ident(i)) if i.syntax().text() == "import")
}

/// The line and column (in characters), from 1, of a byte offset of `text`.
pub(super) fn line_column(text: &str, at: TextSize) -> (usize, usize) {
    let before = cut(text, 0, at.into());
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = cut(before, line_start, before.len()).chars().count() + 1;
    (before.matches('\n').count() + 1, column)
}

fn syntax_error(text: &str, error: &rnix::ParseError) -> FixError {
    use rnix::ParseError as E;
    let end = TextSize::of(text);
    let (at, what) = match error {
        E::Unexpected(range) | E::UnexpectedWanted(_, range, _) => (range.start(), None),
        E::UnexpectedExtra(range) => (range.start(), Some("text after the end of the flake")),
        E::UnexpectedDoubleBind(range) => (range.start(), Some("a pattern bound twice")),
        E::DuplicatedArgs(range, _) => (range.start(), Some("an argument named twice")),
        E::UnexpectedEOF | E::UnexpectedEOFWanted(_) => (end, Some("an unfinished expression")),
        E::RecursionLimitExceeded => (TextSize::from(0), Some("expressions nested too deeply")),
        _ => (TextSize::from(0), None),
    };
    let (line, column) = line_column(text, at);
    let found = match what {
        Some(what) => what.to_string(),
        None => {
            let rest = cut(text, at.into(), text.len());
            let token: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace())
                .take(20)
                .collect();
            format!("unexpected '{token}'")
        }
    };
    FixError::Syntax {
        line,
        column,
        found,
    }
}
