//! "Fix flake.nix", on the page's side: what the fixer's worker answers ([`FixAnswer`]) and
//! how the page asks it ([`Fixer`]). The editor itself (the engine's `fix`, on rnix's Nix
//! syntax tree) runs in that worker, a wasm of its own (crates/lockscope-fix-worker) that the
//! page starts on the first "Fix", so that a first visit downloads no Nix parser. The worker
//! writes its answer as JSON with serde; the page reads it with the engine's JSON reader.
//!
//! The messages: the page posts an array of the question's number, the text of the lock on
//! screen and the text of flake.nix; the worker posts the answer as JSON text.

use leptos::prelude::*;
use lockscope_core::json::{self, Json};
use serde::Serialize;
use web_sys::js_sys::Array;

use crate::workers::{items, members, number, text_of, texts, Helper};

/// What the fixer made of one flake.nix, in words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FixAnswer {
    /// The question it answers ([`Fixer::ask`]).
    pub asked: u64,
    /// Why flake.nix could not be edited at all, with the place; the rest is then empty.
    pub error: Option<String>,
    /// What was done, in one sentence: "3 lines written, 1 refused.", "Nothing to do: …".
    pub summary: String,
    /// The unified diff from the old text to the new one; empty when they are equal.
    pub diff: String,
    /// The new flake.nix (the old one when nothing was written).
    pub text: String,
    /// The lines written, as the duplicates panel shows them.
    pub added: Vec<String>,
    /// The lines not written: which input, where and why.
    pub refused: Vec<Refused>,
}

/// A line the fixer did not write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refused {
    /// The input path as Nix prints it: `home-manager/nixpkgs`.
    pub input: String,
    /// The place in flake.nix: "line 3, column 14".
    pub place: String,
    /// Why, in words.
    pub why: String,
    /// The line that was not written.
    pub line: String,
}

impl FixAnswer {
    /// The answer of `asked` when flake.nix could not be edited, saying why.
    pub fn failed(asked: u64, why: String) -> Self {
        FixAnswer {
            asked,
            error: Some(why),
            ..FixAnswer::default()
        }
    }

    /// Reads an answer as the worker wrote it; `None` for anything else.
    pub fn decode(text: &str) -> Option<FixAnswer> {
        let Ok(Json::Object(found)) = json::parse(text) else {
            return None;
        };
        Some(FixAnswer {
            asked: number(&found, "asked")?,
            error: text_of(&found, "error"),
            summary: text_of(&found, "summary")?,
            diff: text_of(&found, "diff")?,
            text: text_of(&found, "text")?,
            added: texts(&found, "added"),
            refused: items(&found, "refused", |item| {
                let item = members(item)?;
                Some(Refused {
                    input: text_of(item, "input")?,
                    place: text_of(item, "place")?,
                    why: text_of(item, "why")?,
                    line: text_of(item, "line")?,
                })
            }),
        })
    }
}

/// What the panel says when the fixer's worker cannot be started or stops.
const NOT_RUN: &str = "The fixer did not load or stopped. Try again, or reload the page.";

/// The page's end of the fixer's worker, started on the first question.
#[derive(Clone, Copy)]
pub struct Fixer {
    helper: Helper,
    /// The last question asked: an older one's answer is for a text no longer asked about.
    asked: StoredValue<u64>,
}

/// Not started yet.
impl Default for Fixer {
    fn default() -> Self {
        Fixer {
            helper: Helper::new("fix-worker"),
            asked: StoredValue::new(0),
        }
    }
}

impl Fixer {
    /// Asks to write the follows lines of `lock` (its text) into the flake.nix `flake`;
    /// `answered` gets the answer.
    pub fn ask(&self, lock: &str, flake: &str, answered: impl Fn(FixAnswer) + Copy + 'static) {
        let asked = self.asked.get_value() + 1;
        self.asked.set_value(asked);
        let latest = self.asked;
        let give = move |answer: FixAnswer| {
            if answer.asked == latest.get_value() {
                answered(answer);
            }
        };
        let question = Array::of3(&(asked as f64).into(), &lock.into(), &flake.into());
        let started = self.helper.post(
            question.into(),
            move |answer| {
                give(FixAnswer::decode(&answer).unwrap_or_else(|| {
                    FixAnswer::failed(
                        latest.get_value(),
                        "The fixer's answer could not be read.".to_owned(),
                    )
                }))
            },
            move || give(FixAnswer::failed(latest.get_value(), NOT_RUN.to_owned())),
        );
        if !started {
            give(FixAnswer::failed(asked, NOT_RUN.to_owned()));
        }
    }
}
