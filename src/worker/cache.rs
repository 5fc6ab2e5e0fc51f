//! What the update checks of this browser tab have learnt, so that asking again asks nothing:
//! each answered check by forge, repository, locked revision and ref, and GitHub's quota as
//! last seen. The page keeps it in `sessionStorage` as the JSON text this writes (a worker
//! has no storage of its own) and hands it back with each round.

use std::collections::BTreeMap;

use lockscope_core::outdated::{Outcome, Status, Subject};
use serde::{Deserialize, Serialize};

use crate::updates::report::Checked;

/// The cache of a tab's checks.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cache {
    /// GitHub's quota as last seen: requests left, and when it is renewed (Unix seconds).
    pub quota: Option<(u64, Option<i64>)>,
    /// Each answered check, by [`key`].
    checked: BTreeMap<String, Checked>,
}

impl Cache {
    /// The cache in the page's `sessionStorage` text; empty when the text is not one (none
    /// yet, or written by another version of the page).
    pub fn read(text: &str) -> Cache {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// The text for `sessionStorage`.
    pub fn write(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The answered check of a subject, under the subject's input path.
    pub fn get(&self, subject: &Subject) -> Option<Checked> {
        let mut checked = self.checked.get(&key(subject)?)?.clone();
        checked.input.clone_from(&subject.input);
        Some(checked)
    }

    /// Keeps a check's words when the forge answered it: failures are asked again.
    pub fn keep(&mut self, subject: &Subject, outcome: &Outcome, checked: Checked) {
        let answered = matches!(
            outcome.status,
            Status::Behind | Status::UpToDate | Status::Ahead | Status::Diverged
        );
        if let Some(key) = key(subject).filter(|_| answered) {
            self.checked.insert(key, checked);
        }
    }
}

/// What a check depends on: the repository on its forge, the locked revision and the ref
/// flake.nix follows (none: the default branch). `None` for a subject nothing is asked about.
fn key(subject: &Subject) -> Option<String> {
    let repo = subject.repo.as_ref()?;
    let locked = subject.locked_rev.as_deref()?;
    Some(format!(
        "{:?} {} {}/{} {locked} {}",
        repo.forge,
        repo.host,
        repo.owner,
        repo.repo,
        subject.git_ref.as_deref().unwrap_or("")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worker::words;
    use lockscope_core::outdated::subjects;
    use lockscope_core::LockFile;

    const LOCK: &str = r#"{"version":7,"root":"root","nodes":{
        "root":{"inputs":{"a":"a","b":"b","main":"main"}},
        "a":{"locked":{"type":"github","owner":"o","repo":"r","rev":"1111111111111111111111111111111111111111"},
             "original":{"type":"github","owner":"o","repo":"r"}},
        "b":{"locked":{"type":"github","owner":"o","repo":"r","rev":"1111111111111111111111111111111111111111"},
             "original":{"type":"github","owner":"o","repo":"r"}},
        "main":{"locked":{"type":"github","owner":"o","repo":"r","rev":"1111111111111111111111111111111111111111"},
                "original":{"type":"github","owner":"o","repo":"r","ref":"main"}}}}"#;

    fn outcome(subject: &Subject, status: Status) -> Outcome {
        Outcome {
            input: subject.input.clone(),
            forge: None,
            repository: None,
            git_ref: subject.git_ref.clone(),
            locked_rev: subject.locked_rev.clone(),
            head_rev: None,
            head_time: None,
            behind_by: Some(3),
            days_between: None,
            status,
            reason: None,
            compare: None,
            renamed_to: None,
        }
    }

    #[test]
    fn an_answer_is_kept_by_repository_revision_and_ref_and_survives_the_storage() {
        let lock = LockFile::parse(LOCK).unwrap();
        let subjects = subjects(&lock, &[]).unwrap();
        let [a, b, main] = &subjects[..] else {
            panic!("three root inputs")
        };
        let mut cache = Cache::default();
        let behind = outcome(a, Status::Behind);
        cache.keep(a, &behind, words::checked(&behind));
        cache.quota = Some((57, Some(1_796_554_800)));
        let cache = Cache::read(&cache.write());

        let same_source = cache.get(b).expect("the same repository, revision and ref");
        assert_eq!(same_source.input, "b");
        assert_eq!(same_source.badge, "3 behind");
        assert_eq!(cache.get(main), None, "another ref is another question");
        assert_eq!(cache.quota, Some((57, Some(1_796_554_800))));

        let mut failed = Cache::default();
        let outcome = outcome(a, Status::Failed);
        failed.keep(a, &outcome, words::checked(&outcome));
        assert_eq!(failed.get(a), None, "a failure is asked again");
        assert_eq!(Cache::read("not json"), Cache::default());
    }
}
