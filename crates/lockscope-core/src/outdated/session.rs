//! One round of "how far behind is each input": the requests in the order they can be asked,
//! the answers read as they come, GitHub's quota never overspent. A front loops: take the
//! requests [`Session::next_request`] gives (a few at a time), fetch them, hand each answer to
//! [`Session::answer`], until [`Session::is_done`].

use crate::prometheus;

use super::api::{self, Answer, Api, ApiBases, Comparison, Request, Transport};
use super::{Outcome, Reason, Status, Subject};

/// Which request an answer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket(Asker);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asker {
    /// GitHub's `/rate_limit`, asked first: it costs nothing.
    Quota,
    /// status.nixos.org's channel revisions, for Nixpkgs on NixOS channels.
    Channels,
    /// The lookup of one subject, by its index.
    Lookup(usize),
}

/// GitHub's quota as last seen: requests left, and when it is renewed (Unix seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Quota {
    /// Requests left; `None` until GitHub said.
    pub remaining: Option<u64>,
    /// When the quota is renewed.
    pub reset: Option<i64>,
}

impl Quota {
    /// What a GitHub answer's `x-ratelimit-*` headers say, never more than is left here
    /// (other answers may be on their way).
    fn observe(&mut self, answer: &Answer) {
        let number = |name: &str| (answer.header)(name).and_then(|v| v.trim().parse::<i64>().ok());
        if let Some(left) = number("x-ratelimit-remaining").and_then(|n| u64::try_from(n).ok()) {
            self.remaining = Some(self.remaining.map_or(left, |mine| mine.min(left)));
        }
        if let Some(reset) = number("x-ratelimit-reset") {
            self.reset = Some(reset);
        }
    }
}

/// A probe asked once before the lookups that need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Probe {
    Unneeded,
    Wanted,
    Asked,
    Answered,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Stage {
    /// Not asked yet.
    Start,
    /// Asking the repository's default branch.
    DefaultBranch,
    /// Asking the comparison with `head` (the branch, or a channel's revision).
    Compare {
        head: String,
    },
    /// Asking GitHub for the head, the `behind_by`-th commit of the comparison.
    HeadPage {
        comparison: Comparison,
    },
    Done(Box<Outcome>),
}

#[derive(Debug)]
struct Lookup {
    subject: Subject,
    /// The branch compared with: flake.nix's, or the default one.
    git_ref: Option<String>,
    /// The head's revision when status.nixos.org gave it.
    channel_head: Option<String>,
    stage: Stage,
    asked: bool,
}

/// A round of lookups; see the module's documentation.
#[derive(Debug)]
pub struct Session {
    bases: ApiBases,
    now: i64,
    lookups: Vec<Lookup>,
    quota: Quota,
    quota_probe: Probe,
    channel_probe: Probe,
}

impl Session {
    /// A round for `subjects`; `now` (Unix seconds) dates a `retry-after`.
    pub fn new(subjects: Vec<Subject>, bases: ApiBases, now: i64) -> Session {
        let wanted = |yes: bool| if yes { Probe::Wanted } else { Probe::Unneeded };
        let asked: Vec<&Subject> = subjects.iter().filter(|s| s.unaskable.is_none()).collect();
        let github = asked.iter().any(|s| {
            s.repo
                .as_ref()
                .is_some_and(|r| r.forge == crate::flakeref::Forge::GitHub)
        });
        let channels = asked.iter().any(|s| s.channel.is_some());
        Session {
            bases,
            now,
            quota_probe: wanted(github),
            channel_probe: wanted(channels),
            quota: Quota::default(),
            lookups: subjects
                .into_iter()
                .map(|subject| Lookup {
                    stage: match subject.unasked() {
                        Some(outcome) => Stage::Done(Box::new(outcome)),
                        None => Stage::Start,
                    },
                    git_ref: subject.git_ref.clone(),
                    channel_head: None,
                    subject,
                    asked: false,
                })
                .collect(),
        }
    }

    /// GitHub's quota as last seen.
    pub fn quota(&self) -> Quota {
        self.quota
    }

    /// Whether every lookup has its outcome.
    pub fn is_done(&self) -> bool {
        self.lookups
            .iter()
            .all(|l| matches!(l.stage, Stage::Done(_)))
    }

    /// The outcome of each subject, in the order given; `None` while it is being looked up.
    pub fn outcomes(&self) -> impl Iterator<Item = Option<&Outcome>> {
        self.lookups.iter().map(|l| match &l.stage {
            Stage::Done(outcome) => Some(&**outcome),
            _ => None,
        })
    }

    /// Ends every lookup that has no outcome yet as cancelled; answers still on their way
    /// are then ignored.
    pub fn cancel(&mut self) {
        for index in 0..self.lookups.len() {
            if !matches!(self.lookups[index].stage, Stage::Done(_)) {
                self.fail(index, Reason::Transport(Transport::Cancelled));
            }
        }
    }

    /// The next request that can be sent now, or `None` when every one left waits for an
    /// answer on its way (or all are done). Lookups wait for the probes they need.
    pub fn next_request(&mut self) -> Option<(Ticket, Request)> {
        if self.quota_probe == Probe::Wanted {
            self.quota_probe = Probe::Asked;
            return Some((Ticket(Asker::Quota), self.bases.github_rate_limit()));
        }
        if self.channel_probe == Probe::Wanted {
            self.channel_probe = Probe::Asked;
            return Some((Ticket(Asker::Channels), self.bases.channel_revisions()));
        }
        if self.quota_probe == Probe::Asked || self.channel_probe == Probe::Asked {
            return None;
        }
        for index in 0..self.lookups.len() {
            if self.lookups[index].asked {
                continue;
            }
            if let Some(request) = self.request(index) {
                self.lookups[index].asked = true;
                return Some((Ticket(Asker::Lookup(index)), request));
            }
        }
        None
    }

    /// The request lookup `index` asks next, its quota taken; `None` when it is done (or has
    /// just ended for want of quota).
    fn request(&mut self, index: usize) -> Option<Request> {
        let lookup = &mut self.lookups[index];
        if lookup.stage == Stage::Start {
            lookup.stage = match (&lookup.channel_head, &lookup.git_ref) {
                (Some(head), _) | (None, Some(head)) => Stage::Compare { head: head.clone() },
                (None, None) => Stage::DefaultBranch,
            };
        }
        let repo = lookup.subject.repo.as_ref()?;
        let locked = lookup.subject.locked_rev.as_deref()?;
        let request = match &lookup.stage {
            Stage::Start | Stage::Done(_) => return None,
            Stage::DefaultBranch => self.bases.default_branch(repo),
            Stage::Compare { head } => self.bases.compare(repo, locked, head, None),
            Stage::HeadPage { comparison } => {
                let head = lookup.channel_head.as_ref().or(lookup.git_ref.as_ref())?;
                self.bases
                    .compare(repo, locked, head, Some(comparison.behind_by))
            }
        }?;
        if request.api == Api::GitHub {
            match self.quota.remaining {
                Some(0) => {
                    let reset = self.quota.reset;
                    self.fail(index, Reason::QuotaSpent { reset });
                    return None;
                }
                Some(left) => self.quota.remaining = Some(left - 1),
                None => {}
            }
        }
        Some(request)
    }

    /// Reads the answer to the request of `ticket`, or why none came.
    pub fn answer(&mut self, ticket: Ticket, answer: Result<Answer, Transport>) {
        match ticket.0 {
            Asker::Quota => {
                self.quota_probe = Probe::Answered;
                // Without it the quota is learnt from the first answers' headers.
                if let Some(answer) = successful(answer) {
                    if let Ok(object) = api::object(Api::GitHub, &answer) {
                        if let Some((remaining, reset)) = api::github_quota(&object) {
                            self.quota = Quota {
                                remaining: Some(remaining),
                                reset,
                            };
                        }
                    }
                }
            }
            Asker::Channels => {
                self.channel_probe = Probe::Answered;
                // Without it each Nixpkgs is compared with its branch, which the channel is.
                let revisions = successful(answer)
                    .and_then(|a| prometheus::channel_revisions(a.body).ok())
                    .unwrap_or_default();
                for lookup in &mut self.lookups {
                    let Some(channel) = &lookup.subject.channel else {
                        continue;
                    };
                    lookup.channel_head = revisions
                        .iter()
                        .find(|r| &r.channel == channel && r.current)
                        .and_then(|r| r.revision.clone());
                }
            }
            Asker::Lookup(index) => self.read(index, answer),
        }
    }

    fn read(&mut self, index: usize, answer: Result<Answer, Transport>) {
        let lookup = &mut self.lookups[index];
        if matches!(lookup.stage, Stage::Done(_)) {
            return;
        }
        lookup.asked = false;
        let Some(api) = lookup.subject.repo.as_ref().and_then(ApiBases::api_of) else {
            return;
        };
        let answer = match answer {
            Ok(answer) => answer,
            Err(transport) => return self.fail(index, Reason::Transport(transport)),
        };
        if api == Api::GitHub {
            self.quota.observe(&answer);
        }
        if !(200..300).contains(&answer.status) {
            let reason = api::refusal(api, &answer, self.now);
            if let (Api::GitHub, Reason::RateLimited { reset, .. }) = (api, &reason) {
                self.quota.remaining = Some(0);
                self.quota.reset = reset.or(self.quota.reset);
            }
            return self.fail(index, reason);
        }
        let object = match api::object(api, &answer) {
            Ok(object) => object,
            Err(reason) => return self.fail(index, reason),
        };
        let lookup = &mut self.lookups[index];
        let repo = lookup.subject.repo.as_ref().expect("asked of a forge");
        let read = match std::mem::replace(&mut lookup.stage, Stage::Start) {
            Stage::DefaultBranch => api::default_branch(api, &object).map(|branch| {
                lookup.stage = Stage::Compare {
                    head: branch.clone(),
                };
                lookup.git_ref = Some(branch);
            }),
            Stage::Compare { .. } => match api {
                Api::GitHub => api::github_compare(&object, repo),
                Api::GitLab => api::gitlab_compare(&object),
                _ => api::gitea_compare(&object),
            }
            .map(|comparison| {
                // GitHub lists the first 100 commits: the head is one more question away.
                let head_unlisted =
                    comparison.head.is_none() && comparison.behind_by > 0 && api == Api::GitHub;
                lookup.stage = match head_unlisted {
                    true => Stage::HeadPage { comparison },
                    false => Stage::Done(Box::new(finish(lookup, comparison))),
                };
            }),
            Stage::HeadPage { mut comparison } => api::github_page_commit(&object).map(|head| {
                comparison.head = Some(head);
                lookup.stage = Stage::Done(Box::new(finish(lookup, comparison)));
            }),
            Stage::Start | Stage::Done(_) => Ok(()),
        };
        if let Err(reason) = read {
            self.fail(index, reason);
        }
    }

    fn fail(&mut self, index: usize, reason: Reason) {
        let lookup = &mut self.lookups[index];
        let mut outcome = Outcome::of(&lookup.subject, Status::Failed, Some(reason));
        outcome.git_ref = lookup.git_ref.clone();
        outcome.head_rev = lookup.channel_head.clone();
        lookup.stage = Stage::Done(Box::new(outcome));
    }
}

/// The outcome of a lookup whose comparison came.
fn finish(lookup: &Lookup, comparison: Comparison) -> Outcome {
    let subject = &lookup.subject;
    let mut outcome = Outcome::of(subject, comparison.status, None);
    outcome.git_ref = lookup.git_ref.clone();
    let head = match comparison.status {
        Status::UpToDate => subject.locked_rev.clone(),
        _ => lookup
            .channel_head
            .clone()
            .or_else(|| comparison.head.as_ref().map(|c| c.sha.clone())),
    };
    let head_time = match comparison.status {
        Status::UpToDate => subject.locked_at,
        _ => comparison.head.as_ref().and_then(|c| c.time),
    };
    outcome.compare = head
        .as_deref()
        .filter(|_| comparison.status != Status::UpToDate)
        .and_then(|h| subject.compare_link(h));
    outcome.head_rev = head;
    outcome.head_time = head_time;
    outcome.behind_by = Some(comparison.behind_by);
    outcome.days_between = head_time
        .zip(subject.locked_at)
        .map(|(head, locked)| (head - locked) / 86_400);
    outcome.renamed_to = comparison.renamed_to;
    outcome
}

/// A 2xx answer, or nothing.
fn successful(answer: Result<Answer, Transport>) -> Option<Answer> {
    answer.ok().filter(|a| (200..300).contains(&a.status))
}
