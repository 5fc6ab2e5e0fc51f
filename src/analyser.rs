//! The analyser, in a Web Worker: a wasm of its own (`src/bin/analysis-worker.rs`) that the
//! page starts once its first tree is drawn (`analysis::Analyser`), so that a first visit
//! downloads none of the engine's analyses before the tree shows, and the page never waits
//! for them. For each question it reads the lock, runs the engine's duplicates and health
//! checks and posts what they found in words ([`Analysis`]).
//!
//! The messages: the page posts an array of the question's number, the lock's text, the
//! time the ages count to (Unix seconds) and, when the page has today's branch statuses, an
//! array of when they were taken and each branch and its status, and where the lock came
//! from in words (the Markdown report's title); the worker posts the analysis as JSON text.

use lockscope_core::health::{BranchTable, TableOrigin};
use lockscope_core::LockFile;
use wasm_bindgen::JsCast;
use web_sys::js_sys::Array;

use crate::analysis::Analysis;
use crate::workers::{listen, post};

/// Starts listening to the page.
pub fn start() {
    listen(|data| {
        let Some(question) = data.dyn_ref::<Array>() else {
            return;
        };
        // The page sends the lock it shows: it parses.
        let Ok(lock) = LockFile::parse(&question.get(1).as_string().unwrap_or_default()) else {
            return;
        };
        let live = question.get(3).dyn_into::<Array>().ok().map(|live| {
            let mut parts = live.iter().filter_map(|part| part.as_string());
            let taken = parts.next().filter(|taken| !taken.is_empty());
            let mut statuses = Vec::new();
            while let (Some(branch), Some(status)) = (parts.next(), parts.next()) {
                statuses.push((branch, status));
            }
            BranchTable {
                origin: TableOrigin::Live,
                taken,
                statuses: statuses.into_iter().collect(),
            }
        });
        let number = |index| question.get(index).as_f64().unwrap_or_default();
        let source = question.get(4).as_string().unwrap_or_default();
        let analysis = Analysis::of(
            &lock,
            number(2) as i64,
            live.as_ref(),
            number(0) as u64,
            &source,
        );
        post(&analysis.encode());
    });
}
