//! The life of a written submission (đơn) and of the case it becomes: intake and handling within
//! the legal time (TT 05/2021/TT-TTCP), then the complaint (Luật Khiếu nại 2011), denunciation (Luật
//! Tố cáo 2018) or petition path (DOMAIN.md §2.2). Transitions are allowed in this one place.

use serde::{Deserialize, Serialize};

use super::choices::{Competence, Kind};
use crate::error::{Code, Refusal};

crate::text_enum! {
    /// Where a submission stands.
    pub enum State in "kn.state" as SubmissionState {
        /// Received; being classified and handled (the handling deadline runs).
        Received = "received",
        /// Accepted (thụ lý): a case is open.
        Accepted = "accepted",
        /// Being verified (xác minh).
        Verifying = "verifying",
        /// Dialogue held or being held (đối thoại; complaints).
        Dialogue = "dialogue",
        /// Complaint: first-instance decision signed. Denunciation: conclusion on its content.
        Decided = "decided",
        /// Complaint: taken to the second instance or to court after the decision.
        Appealed = "appealed",
        /// Complaint: decision in force, being carried out. Denunciation: the conclusion acted on.
        Implementing = "implementing",
        /// Denunciation: the conclusion published.
        Published = "published",
        /// Petition: answered.
        Answered = "answered",
        /// Suspended (tạm đình chỉ) while waiting for another body's result.
        Suspended = "suspended",
        Closed = "closed",
        /// Not accepted, with reasons (không thụ lý).
        Refused = "refused",
        /// Sent to the competent body (chuyển đơn).
        Forwarded = "forwarded",
        /// The citizen told where to take it (hướng dẫn).
        Guided = "guided",
        /// Filed without handling (lưu đơn): anonymous, duplicate, already resolved.
        Filed = "filed",
        /// Withdrawn by the complainant or denouncer (rút).
        Withdrawn = "withdrawn",
        /// Terminated (đình chỉ).
        Terminated = "terminated",
    }
}

impl State {
    /// Nothing more happens to it.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            State::Closed
                | State::Refused
                | State::Forwarded
                | State::Guided
                | State::Filed
                | State::Withdrawn
                | State::Terminated
        )
    }

    /// A case under way (accepted and not yet decided): its resolution deadline runs.
    pub fn is_under_way(self) -> bool {
        matches!(self, State::Accepted | State::Verifying | State::Dialogue | State::Suspended)
    }

    /// The states a list can filter on, in the order of the path.
    pub const ORDER: [State; 17] = [
        State::Received,
        State::Accepted,
        State::Verifying,
        State::Dialogue,
        State::Suspended,
        State::Decided,
        State::Appealed,
        State::Implementing,
        State::Published,
        State::Answered,
        State::Closed,
        State::Refused,
        State::Forwarded,
        State::Guided,
        State::Filed,
        State::Withdrawn,
        State::Terminated,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = SubmissionStep)]
pub enum Event {
    /// Accept (thụ lý): the case opens and its resolution deadline starts.
    Accept,
    /// Refuse to accept, with reasons.
    Refuse,
    /// Send to the competent body.
    Forward,
    /// Tell the citizen where to take it.
    Guide,
    /// File without handling.
    File,
    StartVerification,
    HoldDialogue,
    /// Complaint: the first-instance decision. Denunciation: the conclusion.
    Decide,
    /// Complaint: the complainant went to the second instance or to court.
    Appeal,
    /// Complaint: the decision is in force. Denunciation: the conclusion is acted on.
    Implement,
    /// Denunciation: the conclusion published.
    Publish,
    /// Petition: the answer sent.
    Answer,
    /// Extends the resolution deadline (denunciations: at most twice).
    Extend,
    Suspend,
    Resume,
    Withdraw,
    Terminate,
    Close,
}

impl Event {
    pub fn code(self) -> &'static str {
        match self {
            Event::Accept => "accept",
            Event::Refuse => "refuse",
            Event::Forward => "forward",
            Event::Guide => "guide",
            Event::File => "file",
            Event::StartVerification => "start_verification",
            Event::HoldDialogue => "hold_dialogue",
            Event::Decide => "decide",
            Event::Appeal => "appeal",
            Event::Implement => "implement",
            Event::Publish => "publish",
            Event::Answer => "answer",
            Event::Extend => "extend",
            Event::Suspend => "suspend",
            Event::Resume => "resume",
            Event::Withdraw => "withdraw",
            Event::Terminate => "terminate",
            Event::Close => "close",
        }
    }

    pub fn parse(s: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.code() == s.trim())
    }

    /// The order a case page offers them in.
    pub const ALL: [Event; 18] = [
        Event::Accept,
        Event::StartVerification,
        Event::HoldDialogue,
        Event::Decide,
        Event::Implement,
        Event::Publish,
        Event::Answer,
        Event::Appeal,
        Event::Close,
        Event::Extend,
        Event::Suspend,
        Event::Resume,
        Event::Refuse,
        Event::Forward,
        Event::Guide,
        Event::File,
        Event::Withdraw,
        Event::Terminate,
    ];

    /// What the step must be given: a date, a reason (or text), a body sent to.
    pub fn needs(self) -> Needs {
        let n = Needs::default();
        match self {
            Event::Accept => Needs { date: true, ..n },
            // What verification found and concluded, or the answer: the document's substance.
            Event::Decide | Event::Answer => Needs { date: true, reason: true, ..n },
            Event::Refuse | Event::Guide | Event::File | Event::Withdraw | Event::Terminate => {
                Needs { date: true, reason: true, ..n }
            }
            Event::Forward => Needs { date: true, body: true, ..n },
            Event::Extend => Needs { reason: true, days: true, ..n },
            Event::Suspend => Needs { date: true, reason: true, ..n },
            Event::Resume | Event::Appeal | Event::Implement | Event::Publish | Event::Close => {
                Needs { date: true, ..n }
            }
            Event::StartVerification | Event::HoldDialogue => Needs { date: true, ..n },
        }
    }
}

/// The inputs a step asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    pub date: bool,
    pub reason: bool,
    pub body: bool,
    pub days: bool,
}

/// What the rules need to know beyond the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub competence: Competence,
    /// Extensions already given to the resolution deadline.
    pub extensions: i32,
    /// How many the rule in force allows (denunciations: 2).
    pub extension_max: i32,
    /// The state a suspended case returns to.
    pub resume_to: Option<State>,
}

impl Default for Facts {
    fn default() -> Facts {
        Facts { competence: Competence::Within, extensions: 0, extension_max: 0, resume_to: None }
    }
}

/// The next state, or why not (as the reader reads it).
pub fn next(kind: Kind, state: State, event: Event, f: Facts) -> Result<State, Refusal> {
    use Event as E;
    use Kind as K;
    use State as S;
    let refused = || -> Refusal {
        Refusal::new(Code::SubmissionStepNotAllowed)
            .with_label_lower("step", event.code(), format!("kn.step.{}", event.code()))
            .with_label_lower("state", state.code(), state.label_key())
    };
    let case = matches!(kind, K::Complaint | K::Denunciation);
    let to = match (state, event) {
        (S::Received, E::Accept) => match (kind, f.competence) {
            (K::Mixed, _) => return Err(Code::SubmissionMixedNotSplit.into()),
            (_, Competence::Outside) => return Err(Code::SubmissionOutsideCompetence.into()),
            _ => S::Accepted,
        },
        (S::Received, E::Refuse) => S::Refused,
        (S::Received, E::Forward) => S::Forwarded,
        (S::Received, E::Guide) => S::Guided,
        (S::Received, E::File) => S::Filed,
        (S::Accepted, E::StartVerification) if case => S::Verifying,
        (S::Verifying, E::HoldDialogue) if kind == K::Complaint => S::Dialogue,
        (S::Verifying | S::Dialogue, E::Decide) if kind == K::Complaint => S::Decided,
        (S::Verifying, E::Decide) if kind == K::Denunciation => S::Decided,
        (S::Decided, E::Appeal) if kind == K::Complaint => S::Appealed,
        (S::Decided, E::Implement) if case => S::Implementing,
        (S::Implementing, E::Publish) if kind == K::Denunciation => S::Published,
        (S::Accepted, E::Answer) if kind == K::Petition => S::Answered,
        (S::Implementing | S::Appealed, E::Close) if kind == K::Complaint => S::Closed,
        (S::Published, E::Close) if kind == K::Denunciation => S::Closed,
        (S::Answered, E::Close) if kind == K::Petition => S::Closed,
        (S::Accepted | S::Verifying, E::Extend) if kind == K::Denunciation => {
            if f.extensions >= f.extension_max {
                return Err(Refusal::new(Code::SubmissionExtensionsUsed).with("max", f.extension_max));
            }
            state
        }
        (S::Accepted | S::Verifying | S::Dialogue, E::Suspend) if case => S::Suspended,
        (S::Suspended, E::Resume) => f.resume_to.ok_or_else(refused)?,
        (S::Accepted | S::Verifying | S::Dialogue | S::Suspended, E::Withdraw) if case => S::Withdrawn,
        (S::Accepted | S::Verifying | S::Dialogue | S::Suspended, E::Terminate) if case => S::Terminated,
        _ => return Err(refused()),
    };
    Ok(to)
}

/// The steps a case page offers now, in `Event::ALL` order: those `next` allows.
pub fn offered(kind: Kind, state: State, f: Facts) -> Vec<Event> {
    Event::ALL
        .into_iter()
        .filter(|e| match (state, e) {
            // Accept is shown for a mixed or outside-competence submission too, and refused with the
            // reason; the other outcomes are the way out.
            (State::Received, Event::Accept) => true,
            _ => next(kind, state, *e, f).is_ok(),
        })
        .collect()
}

/// The deadline rule for handling a submission from its receipt, by kind.
pub fn intake_rule(kind: Kind) -> &'static str {
    match kind {
        Kind::Complaint => "complaint.acceptance",
        Kind::Denunciation => "denunciation.receipt",
        Kind::Petition | Kind::Mixed => "petition.handling",
    }
}

/// The deadline rule for resolving an accepted case: complaints by complexity and remoteness
/// (Luật Khiếu nại 2011, Art. 28), denunciations (Luật Tố cáo 2018, Art. 30); petitions have none.
pub fn resolution_rule(kind: Kind, complex: bool, remote: bool) -> Option<&'static str> {
    match kind {
        Kind::Complaint => Some(match (remote, complex) {
            (false, false) => "complaint.first",
            (false, true) => "complaint.first.complex",
            (true, false) => "complaint.first.remote",
            (true, true) => "complaint.first.remote_complex",
        }),
        Kind::Denunciation => Some("denunciation.resolution"),
        Kind::Petition | Kind::Mixed => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(kind: Kind, events: &[Event]) -> Result<State, Refusal> {
        let mut s = State::Received;
        let mut f = Facts { extension_max: 2, ..Facts::default() };
        for e in events {
            let to = next(kind, s, *e, f)?;
            match e {
                Event::Extend => f.extensions += 1,
                Event::Suspend => f.resume_to = Some(s),
                _ => {}
            }
            s = to;
        }
        Ok(s)
    }

    #[test]
    fn a_complaint_goes_from_acceptance_to_closure() {
        use Event::*;
        let s = walk(Kind::Complaint, &[Accept, StartVerification, HoldDialogue, Decide, Implement, Close]);
        assert_eq!(s, Ok(State::Closed));
        assert_eq!(walk(Kind::Complaint, &[Accept, StartVerification, Decide, Appeal, Close]), Ok(State::Closed));
    }

    #[test]
    fn a_denunciation_is_extended_twice_at_most() {
        use Event::*;
        let s = walk(Kind::Denunciation, &[Accept, StartVerification, Extend, Extend, Decide, Implement, Publish]);
        assert_eq!(s, Ok(State::Published));
        let third = walk(Kind::Denunciation, &[Accept, Extend, Extend, Extend]).unwrap_err();
        assert_eq!(third.code, Code::SubmissionExtensionsUsed);
        // A denunciation has no dialogue, a complaint no extension.
        assert!(walk(Kind::Denunciation, &[Accept, StartVerification, HoldDialogue]).is_err());
        assert!(walk(Kind::Complaint, &[Accept, Extend]).is_err());
    }

    #[test]
    fn a_suspended_case_resumes_where_it_was() {
        use Event::*;
        assert_eq!(walk(Kind::Complaint, &[Accept, StartVerification, Suspend, Resume]), Ok(State::Verifying));
        assert_eq!(walk(Kind::Denunciation, &[Accept, Suspend, Withdraw]), Ok(State::Withdrawn));
    }

    #[test]
    fn a_petition_is_answered_then_closed() {
        use Event::*;
        assert_eq!(walk(Kind::Petition, &[Accept, Answer, Close]), Ok(State::Closed));
        assert!(walk(Kind::Petition, &[Accept, StartVerification]).is_err());
        assert_eq!(walk(Kind::Petition, &[Forward]), Ok(State::Forwarded));
    }

    #[test]
    fn mixed_or_outside_submissions_are_not_accepted_and_say_why() {
        let mixed = next(Kind::Mixed, State::Received, Event::Accept, Facts::default()).unwrap_err();
        assert_eq!(mixed.code, Code::SubmissionMixedNotSplit);
        let outside = Facts { competence: Competence::Outside, ..Facts::default() };
        let e = next(Kind::Complaint, State::Received, Event::Accept, outside).unwrap_err();
        assert_eq!(e.code, Code::SubmissionOutsideCompetence);
        assert_eq!(next(Kind::Complaint, State::Received, Event::Guide, outside), Ok(State::Guided));
    }

    #[test]
    fn nothing_follows_a_final_state() {
        for s in State::ORDER.into_iter().filter(|s| s.is_final() && *s != State::Closed) {
            for k in Kind::ALL {
                assert!(offered(*k, s, Facts::default()).is_empty(), "{s:?} {k:?}");
            }
        }
    }

    #[test]
    fn complaint_deadlines_follow_complexity_and_remoteness() {
        assert_eq!(resolution_rule(Kind::Complaint, true, true), Some("complaint.first.remote_complex"));
        assert_eq!(resolution_rule(Kind::Petition, true, true), None);
        assert_eq!(intake_rule(Kind::Denunciation), "denunciation.receipt");
    }
}
