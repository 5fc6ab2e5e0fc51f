//! The fixer, in a Web Worker: for each question of the page (`lockscope_app::fixer`), reads
//! the lock on screen, finds its duplicates and writes their follows lines into the flake.nix
//! given, with the engine's `fix` editor, as `lockscope fix` does; then posts the diff, the
//! new file, the lines written and those refused, in words.

use js_sys::Array;
use lockscope_app::fixer::{FixAnswer, Refused};
use lockscope_app::workers::{listen, post};
use lockscope_core::dups;
use lockscope_core::fix::{self, unified, Fixed};
use lockscope_core::text::count;
use lockscope_core::LockFile;
use wasm_bindgen::JsCast;

/// The file's name in the diff and the words: the page offers it back as flake.nix.
const NAME: &str = "flake.nix";

/// Starts listening to the page.
pub fn start() {
    listen(|data| {
        let Some(question) = data.dyn_ref::<Array>() else {
            return;
        };
        let text = |index| question.get(index).as_string().unwrap_or_default();
        let asked = question.get(0).as_f64().unwrap_or_default() as u64;
        let answer = answer(asked, &text(1), &text(2));
        post(&serde_json::to_string(&answer).unwrap_or_default());
    });
}

/// The answer to question `asked`: the follows lines of the lock `lock` (its text) written
/// into the flake.nix `flake`.
pub fn answer(asked: u64, lock: &str, flake: &str) -> FixAnswer {
    let lock = match LockFile::parse(lock) {
        Ok(lock) => lock,
        Err(error) => {
            return FixAnswer::failed(asked, format!("Could not read the lock: {error}."))
        }
    };
    let found = dups::find(&lock);
    let fixed = match fix::apply(flake, &found.suggestions, &found.new_inputs) {
        Ok(fixed) => fixed,
        Err(error) => return FixAnswer::failed(asked, format!("Could not fix {NAME}: {error}.")),
    };
    FixAnswer {
        asked,
        error: None,
        summary: summary(&fixed),
        diff: unified::diff(NAME, flake, &fixed.text),
        refused: fixed
            .refused
            .iter()
            .map(|refusal| Refused {
                input: refusal.input.clone(),
                place: format!("line {}, column {}", refusal.line, refusal.column),
                why: refusal.reason.to_string(),
                line: refusal.nix_line.clone(),
            })
            .collect(),
        added: fixed.added,
        text: fixed.text,
    }
}

/// What was done, in one sentence.
fn summary(fixed: &Fixed) -> String {
    let (added, present, refused) = (fixed.added.len(), fixed.present.len(), fixed.refused.len());
    if added + refused == 0 {
        return match present {
            0 => "Nothing to do: this lock needs no follows lines.".to_owned(),
            n => format!(
                "Nothing to do: {NAME} already has the {} this lock needs.",
                count(n, "line")
            ),
        };
    }
    let mut words = format!("{} written", count(added, "line"));
    if present > 0 {
        words += &format!(", {present} already there");
    }
    if refused > 0 {
        words += &format!(", {refused} refused");
    }
    words + "."
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A flake of `lockscope fix`'s tests (crates/lockscope-cli/tests/fix), with their lock.
    fn case(name: &str, file: &str) -> String {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../lockscope-cli/tests/fix");
        std::fs::read_to_string(format!("{dir}/{name}/{file}")).unwrap_or_default()
    }

    fn fixed(name: &str) -> FixAnswer {
        answer(7, &case("", "flake.lock"), &case(name, "flake.nix"))
    }

    #[test]
    fn the_diff_and_the_file_are_those_of_lockscope_fix() {
        let nested = fixed("nested");
        assert_eq!(nested.asked, 7);
        assert_eq!(nested.error, None);
        assert_eq!(nested.diff, case("nested", "expected.diff"));
        assert_eq!(nested.summary, "6 lines written.");
        assert_eq!(
            nested.added[0],
            "inputs.systems.url = \"github:nix-systems/default\";"
        );
        assert!(nested.refused.is_empty());
        assert_eq!(
            answer(8, &case("", "flake.lock"), &nested.text).summary,
            "Nothing to do: flake.nix already has the 6 lines this lock needs."
        );
        // CRLF stays CRLF.
        let crlf = fixed("crlf-bare");
        assert_eq!(crlf.diff, case("crlf-bare", "expected.diff"));
        assert_eq!(
            crlf.text.matches('\n').count(),
            crlf.text.matches("\r\n").count()
        );
    }

    #[test]
    fn refused_lines_say_which_input_where_and_why() {
        let computed = fixed("computed");
        assert_eq!(computed.diff, "");
        assert_eq!(computed.summary, "0 lines written, 5 refused.");
        assert_eq!(
            computed.refused[0],
            Refused {
                input: "home-manager/nixpkgs".into(),
                place: "line 7, column 20".into(),
                why: "flake.nix computes it with `import`, which only evaluation can read".into(),
                line: "inputs.home-manager.inputs.nixpkgs.follows = \"nixpkgs\";".into(),
            }
        );
        let twice = fixed("declared-twice");
        assert_eq!(twice.diff, case("declared-twice", "expected.diff"));
        assert_eq!(twice.refused.len(), 3);
    }

    #[test]
    fn what_is_no_flake_or_no_lock_is_an_error_with_its_place() {
        let lock = case("", "flake.lock");
        assert_eq!(
            answer(1, &lock, "{\n  inputs = {\n    nixpkgs.url = ;\n  };\n}\n").error.as_deref(),
            Some("Could not fix flake.nix: not a Nix expression: unexpected ';' at line 3, column 19.")
        );
        let empty = answer(2, "{}", "{ }");
        assert!(empty
            .error
            .unwrap()
            .starts_with("Could not read the lock: "));
        let none = answer(
            3,
            r#"{"nodes": {"root": {}}, "root": "root", "version": 7}"#,
            "{ }",
        );
        assert_eq!(
            none.summary,
            "Nothing to do: this lock needs no follows lines."
        );
    }
}
