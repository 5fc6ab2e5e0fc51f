//! The JSON reader the lock parser uses: standard JSON (RFC 8259) into plain values. A lock
//! needs no more than this, and serde_json's `Value` cost the browser a B-tree per object,
//! a float parser and 30 KB of wasm. Objects keep their keys sorted, and for a key given
//! twice the last value, as serde_json and Nix's JSON library do. Nothing recurses: a
//! document nested deeper than `MAX_DEPTH` is refused.

use crate::sorted_map::SortedMap;

/// How deep arrays and objects may nest, as in serde_json.
pub const MAX_DEPTH: usize = 127;

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number; only an integer keeps its value.
    Number(Number),
    /// A string, its escapes decoded.
    String(String),
    /// An array, in order.
    Array(Vec<Json>),
    /// An object, its keys sorted.
    Object(Object),
}

impl Json {
    /// What kind of value it is, in words: "a string", "an object"…
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

/// A number, kept only as far as a lock uses numbers: integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    /// An integer without a minus sign that fits a `u64`.
    Unsigned(u64),
    /// An integer below zero that fits an `i64` (`-0` is `Other`, as in serde_json).
    Negative(i64),
    /// A fraction, an exponent, or an integer out of range.
    Other,
}

impl Number {
    /// The integer, when it is one that fits an `i64`.
    pub fn as_i64(self) -> Option<i64> {
        match self {
            Number::Unsigned(n) => i64::try_from(n).ok(),
            Number::Negative(n) => Some(n),
            Number::Other => None,
        }
    }
}

/// An object's members, sorted by key. `remove` leaves a hole instead of shifting the
/// members after it, so taking every member out one by one costs no more than reading them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Object(SortedMap<String, Option<Json>>);

impl Object {
    /// Members in the order read; the last of equal keys wins.
    fn new(members: Vec<(String, Option<Json>)>) -> Object {
        Object(members.into_iter().collect())
    }

    /// The value under `key`; `None` when there is none or it was taken out with `remove`.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.0.get(key)?.as_ref()
    }

    /// Takes the value under `key` out, the key staying (see `has_key`); `None` when there is
    /// none or it was taken out before.
    pub fn remove(&mut self, key: &str) -> Option<Json> {
        self.0.get_mut(key)?.take()
    }

    /// Whether the object has `key`, its value taken out with `remove` or not.
    pub fn has_key(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// The members left, sorted by key.
    pub fn into_members(self) -> impl Iterator<Item = (String, Json)> {
        self.0
            .into_iter()
            .filter_map(|(key, value)| Some((key, value?)))
    }
}

/// Why a text is not JSON, and where: line and column (in characters) count from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} at line {line}, column {column}")]
pub struct JsonError {
    /// What is wrong, in serde_json's words: `expected value`, `trailing characters`, ...
    pub message: &'static str,
    /// The line of the error, from 1.
    pub line: usize,
    /// The column of the error in characters, from 1.
    pub column: usize,
}

/// Reads a JSON document.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    Reader { text, at: 0 }.document()
}

/// An array or object being read: where what it holds so far starts on the reader's stack
/// of items or of members.
enum Open {
    Array(usize),
    /// And the key of the value being read.
    Object(usize, String),
}

struct Reader<'a> {
    text: &'a str,
    /// The byte read next.
    at: usize,
}

impl Reader<'_> {
    fn document(&mut self) -> Result<Json, JsonError> {
        let mut open: Vec<Open> = Vec::new();
        // The items and members of every open container, innermost last: a container
        // closed takes its own in one allocation of the right size, none grown step by step.
        let mut items: Vec<Json> = Vec::new();
        let mut members: Vec<(String, Option<Json>)> = Vec::new();
        loop {
            // A value starts here: a scalar, an empty container, or one to fill.
            let mut value = match self.next_token() {
                None => return Err(self.error("EOF while parsing a value")),
                Some(b'[') => {
                    self.enter(open.len())?;
                    if self.eat_token(b']') {
                        Json::Array(Vec::new())
                    } else {
                        open.push(Open::Array(items.len()));
                        continue;
                    }
                }
                Some(b'{') => {
                    self.enter(open.len())?;
                    if self.eat_token(b'}') {
                        Json::Object(Object::default())
                    } else {
                        open.push(Open::Object(members.len(), self.key()?));
                        continue;
                    }
                }
                Some(b'"') => Json::String(self.string()?),
                Some(b'-' | b'0'..=b'9') => Json::Number(self.number()?),
                Some(b't') => self.word("true", Json::Bool(true))?,
                Some(b'f') => self.word("false", Json::Bool(false))?,
                Some(b'n') => self.word("null", Json::Null)?,
                Some(_) => return Err(self.error("expected value")),
            };
            // The value goes into the container around it; a container it completes goes
            // into the one around that, and so on, until one wants another value.
            loop {
                let Some(mut container) = open.pop() else {
                    return match self.next_token() {
                        None => Ok(value),
                        Some(_) => Err(self.error("trailing characters")),
                    };
                };
                let wants_more = match &mut container {
                    Open::Array(_) => {
                        items.push(value);
                        self.after_member(b']', "expected `,` or `]`", "EOF while parsing a list")?
                    }
                    Open::Object(_, key) => {
                        members.push((std::mem::take(key), Some(value)));
                        let more = self.after_member(
                            b'}',
                            "expected `,` or `}`",
                            "EOF while parsing an object",
                        )?;
                        if more {
                            *key = self.key()?;
                        }
                        more
                    }
                };
                if wants_more {
                    open.push(container);
                    break;
                }
                value = match container {
                    Open::Array(start) => Json::Array(items.split_off(start)),
                    Open::Object(start, _) => Json::Object(Object::new(members.split_off(start))),
                };
            }
        }
    }

    /// After a member of an array or object: whether a comma says another follows, or the
    /// closing bracket says none does.
    fn after_member(
        &mut self,
        close: u8,
        unexpected: &'static str,
        eof: &'static str,
    ) -> Result<bool, JsonError> {
        match self.next_token() {
            Some(b',') => {
                self.at += 1;
                Ok(true)
            }
            Some(byte) if byte == close => {
                self.at += 1;
                Ok(false)
            }
            Some(_) => Err(self.error(unexpected)),
            None => Err(self.error(eof)),
        }
    }

    /// Steps into an array or object, inside `depth` others.
    fn enter(&mut self, depth: usize) -> Result<(), JsonError> {
        if depth == MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.at += 1;
        Ok(())
    }

    /// An object's key and the colon after it.
    fn key(&mut self) -> Result<String, JsonError> {
        match self.next_token() {
            Some(b'"') => {}
            Some(_) => return Err(self.error("key must be a string")),
            None => return Err(self.error("EOF while parsing an object")),
        }
        let key = self.string()?;
        match self.next_token() {
            Some(b':') => {
                self.at += 1;
                Ok(key)
            }
            Some(_) => Err(self.error("expected `:`")),
            None => Err(self.error("EOF while parsing an object")),
        }
    }

    /// Skips whitespace; the byte after it, not consumed.
    fn next_token(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(self.at) {
            self.at += 1;
        }
        bytes.get(self.at).copied()
    }

    fn eat_token(&mut self, byte: u8) -> bool {
        let found = self.next_token() == Some(byte);
        self.at += usize::from(found);
        found
    }

    fn word(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        for expected in word.bytes() {
            match self.text.as_bytes().get(self.at) {
                Some(&byte) if byte == expected => self.at += 1,
                Some(_) => return Err(self.error("expected ident")),
                None => return Err(self.error("EOF while parsing a value")),
            }
        }
        Ok(value)
    }

    fn number(&mut self) -> Result<Number, JsonError> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let negative = bytes[self.at] == b'-';
        self.at += usize::from(negative);
        match bytes.get(self.at) {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            Some(_) => return Err(self.error("invalid number")),
            None => return Err(self.error("EOF while parsing a value")),
        }
        let integer_end = self.at;
        if bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            self.some_digits()?;
        }
        if let Some(b'e' | b'E') = bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = bytes.get(self.at) {
                self.at += 1;
            }
            self.some_digits()?;
        }
        if self.at != integer_end {
            return Ok(Number::Other);
        }
        let text = self.between(start, integer_end);
        Ok(match negative {
            false => text.parse().map_or(Number::Other, Number::Unsigned),
            // `-0` is no integer to serde_json either: it keeps the sign as a float does.
            true => match text.parse() {
                Ok(n) if n < 0 => Number::Negative(n),
                _ => Number::Other,
            },
        })
    }

    fn digits(&mut self) {
        while self
            .text
            .as_bytes()
            .get(self.at)
            .is_some_and(u8::is_ascii_digit)
        {
            self.at += 1;
        }
    }

    /// One digit or more, as a fraction and an exponent need.
    fn some_digits(&mut self) -> Result<(), JsonError> {
        match self.text.as_bytes().get(self.at) {
            Some(b'0'..=b'9') => {
                self.digits();
                Ok(())
            }
            Some(_) => Err(self.error("invalid number")),
            None => Err(self.error("EOF while parsing a value")),
        }
    }

    /// A string, the reader on its opening quote.
    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let start = self.at;
        self.skip_plain();
        // Most strings have no escape: one allocation of the right size.
        if self.text.as_bytes().get(self.at) == Some(&b'"') {
            self.at += 1;
            return Ok(self.between(start, self.at - 1).to_string());
        }
        let mut out = self.between(start, self.at).to_string();
        loop {
            match self.text.as_bytes().get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                Some(_) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                None => return Err(self.error("EOF while parsing a string")),
            }
            let start = self.at;
            self.skip_plain();
            out.push_str(self.between(start, self.at));
        }
    }

    /// Moves on to the next quote, escape or control character: a string's text up to
    /// there is copied as it is. Eight bytes at a time first: most of a lock is in strings.
    fn skip_plain(&mut self) {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        while let Some(&word) = bytes.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
            let stops = stops(u64::from_le_bytes(word));
            if stops != 0 {
                self.at = at + stops.trailing_zeros() as usize / 8;
                return;
            }
            at += 8;
        }
        while at < bytes.len() && !matches!(bytes[at], b'"' | b'\\' | ..0x20) {
            at += 1;
        }
        self.at = at;
    }

    /// The character an escape stands for, the reader after its backslash.
    fn escape(&mut self) -> Result<char, JsonError> {
        let Some(&byte) = self.text.as_bytes().get(self.at) else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.at += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(),
            _ => {
                self.at -= 1;
                return Err(self.error("invalid escape"));
            }
        })
    }

    /// `\uXXXX`, or two of them for a character beyond the Basic Multilingual Plane.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !self.between(self.at, self.text.len()).starts_with("\\u") {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            _ => first,
        };
        char::from_u32(code).ok_or_else(|| self.error("lone trailing surrogate in hex escape"))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut code = 0;
        for _ in 0..4 {
            let Some(&byte) = self.text.as_bytes().get(self.at) else {
                return Err(self.error("EOF while parsing a string"));
            };
            let digit = char::from(byte)
                .to_digit(16)
                .ok_or_else(|| self.error("invalid escape"))?;
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }

    /// The text between two places the reader stopped at. It stops only before or after an
    /// ASCII byte or at the end, so both are character boundaries and the text is whole;
    /// `get` keeps a broken rule from panicking (the fuzz target that compares this reader
    /// with serde_json would see the wrong value).
    fn between(&self, start: usize, end: usize) -> &str {
        self.text.get(start..end).unwrap_or_default()
    }

    /// An error at the byte read next (or at the end).
    fn error(&self, message: &'static str) -> JsonError {
        let before = self.between(0, self.at.min(self.text.len()));
        let line = before.rsplit('\n').next().unwrap_or_default();
        JsonError {
            message,
            line: 1 + before.matches('\n').count(),
            column: 1 + line.chars().count(),
        }
    }
}

/// Of the eight bytes of `word` (the first in the lowest bits), those that end a string's
/// plain text (a quote, a backslash, a control character) have their high bit set in the
/// result; the lowest set bit is the first such byte (a borrow can set the bits of bytes
/// after it, never before). The classic tests for a zero byte and for a byte below `n`.
fn stops(word: u64) -> u64 {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES << 7;
    let below = |n: u8, x: u64| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
    let zero = |x: u64| below(1, x);
    zero(word ^ (ONES * u64::from(b'"')))
        | zero(word ^ (ONES * u64::from(b'\\')))
        | below(0x20, word)
}
