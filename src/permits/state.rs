//! The life of a permit dossier (DOMAIN.md §4): received at the desk, checked for completeness
//! (returned with what is missing, and its clock restarted when completed), appraised (a site
//! survey for the types that need one), then issued or refused. Transitions are allowed in this one
//! place.

use serde::{Deserialize, Serialize};

use crate::error::{Code, Refusal};

crate::text_enum! {
    /// Where a dossier stands.
    pub enum State in "gp.state" as DossierState {
        /// Received; being checked for completeness.
        Received = "received",
        /// Returned to the applicant with what is missing; waiting for it.
        Incomplete = "incomplete",
        /// Complete: being appraised, the legal and published clocks run.
        Appraising = "appraising",
        /// The permit issued.
        Issued = "issued",
        /// Refused, with reasons, in writing.
        Refused = "refused",
        /// Withdrawn by the applicant.
        Withdrawn = "withdrawn",
    }
}

impl State {
    pub fn is_final(self) -> bool {
        matches!(self, State::Issued | State::Refused | State::Withdrawn)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = DossierStep)]
pub enum Event {
    /// Every required document is there: the dossier is complete since it was received.
    Complete,
    /// Returned with what is missing (phiếu yêu cầu bổ sung, hoàn thiện hồ sơ).
    Return,
    /// The applicant handed in what was missing: complete from that day.
    Resume,
    /// The appraisal's finding recorded.
    Appraise,
    /// The permit issued (numbered and frozen) and sent.
    Issue,
    /// Refused with reasons, in writing.
    Refuse,
    Withdraw,
}

impl Event {
    pub const ALL: [Event; 7] =
        [Event::Complete, Event::Return, Event::Resume, Event::Appraise, Event::Issue, Event::Refuse, Event::Withdraw];

    pub fn code(self) -> &'static str {
        match self {
            Event::Complete => "complete",
            Event::Return => "return",
            Event::Resume => "resume",
            Event::Appraise => "appraise",
            Event::Issue => "issue",
            Event::Refuse => "refuse",
            Event::Withdraw => "withdraw",
        }
    }

    pub fn parse(s: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.code() == s.trim())
    }

    /// A leader's decision (and a document issued in the agency's name).
    pub fn is_decision(self) -> bool {
        matches!(self, Event::Issue | Event::Refuse)
    }
}

/// What the dossier has that the rules look at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Facts {
    /// Every required document is ticked as received.
    pub all_required: bool,
    /// The appraisal's finding is written.
    pub appraised: bool,
    /// The type asks for a site survey.
    pub survey_needed: bool,
    /// A survey is recorded and concludes the conditions are met.
    pub survey_meets: bool,
}

/// The state a step leads to, or why it may not be taken.
pub fn next(from: State, event: Event, f: Facts) -> Result<State, Refusal> {
    let not_now = || {
        Refusal::new(Code::DossierStepNotAllowed)
            .with_label_lower("step", event.code(), format!("gp.step.{}", event.code()))
            .with_label_lower("state", from.code(), from.label_key())
    };
    if from.is_final() {
        return Err(match (from, event) {
            (State::Issued, Event::Issue) => Refusal::new(Code::DossierAlreadyDecided),
            (State::Issued | State::Refused, Event::Issue | Event::Refuse) => Refusal::new(Code::DossierAlreadyDecided),
            _ => not_now(),
        });
    }
    match (from, event) {
        (State::Received, Event::Complete) if !f.all_required => Err(Refusal::new(Code::DossierDocumentsMissing)),
        (State::Received, Event::Complete) => Ok(State::Appraising),
        (State::Received, Event::Return) => Ok(State::Incomplete),
        (State::Incomplete, Event::Resume) if !f.all_required => Err(Refusal::new(Code::DossierDocumentsMissing)),
        (State::Incomplete, Event::Resume) => Ok(State::Appraising),
        (State::Appraising, Event::Appraise) => Ok(State::Appraising),
        (State::Appraising, Event::Issue) if !f.appraised => Err(Refusal::new(Code::DossierNotAppraised)),
        (State::Appraising, Event::Issue) if f.survey_needed && !f.survey_meets => {
            Err(Refusal::new(Code::DossierSurveyMissing))
        }
        (State::Appraising, Event::Issue) => Ok(State::Issued),
        // A refusal may come at any point before the decision (e.g. not within the desk's remit).
        (State::Received | State::Appraising, Event::Refuse) => Ok(State::Refused),
        (_, Event::Withdraw) => Ok(State::Withdrawn),
        _ => Err(not_now()),
    }
}

/// The steps a dossier's page offers in its state (those the rules would refuse for missing facts
/// are offered too: the refusal says what is missing).
pub fn offered(from: State) -> Vec<Event> {
    match from {
        State::Received => vec![Event::Complete, Event::Return, Event::Refuse, Event::Withdraw],
        State::Incomplete => vec![Event::Resume, Event::Withdraw],
        State::Appraising => vec![Event::Appraise, Event::Issue, Event::Refuse, Event::Withdraw],
        State::Issued | State::Refused | State::Withdrawn => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const READY: Facts = Facts { all_required: true, appraised: true, survey_needed: true, survey_meets: true };

    #[test]
    fn the_path_from_receipt_to_issue() {
        let mut s = State::Received;
        for e in [Event::Return, Event::Resume, Event::Appraise, Event::Issue] {
            s = next(s, e, READY).unwrap();
        }
        assert_eq!(s, State::Issued);
    }

    #[test]
    fn what_each_refusal_names() {
        let missing = Facts { all_required: false, ..READY };
        assert_eq!(next(State::Received, Event::Complete, missing).unwrap_err().code, Code::DossierDocumentsMissing);
        assert_eq!(next(State::Incomplete, Event::Resume, missing).unwrap_err().code, Code::DossierDocumentsMissing);
        let raw = Facts { appraised: false, ..READY };
        assert_eq!(next(State::Appraising, Event::Issue, raw).unwrap_err().code, Code::DossierNotAppraised);
        let unsurveyed = Facts { survey_meets: false, ..READY };
        assert_eq!(next(State::Appraising, Event::Issue, unsurveyed).unwrap_err().code, Code::DossierSurveyMissing);
        let no_survey_needed = Facts { survey_needed: false, survey_meets: false, ..READY };
        assert_eq!(next(State::Appraising, Event::Issue, no_survey_needed), Ok(State::Issued));
        assert_eq!(next(State::Issued, Event::Issue, READY).unwrap_err().code, Code::DossierAlreadyDecided);
        assert_eq!(next(State::Received, Event::Issue, READY).unwrap_err().code, Code::DossierStepNotAllowed);
        assert_eq!(next(State::Incomplete, Event::Issue, READY).unwrap_err().code, Code::DossierStepNotAllowed);
    }

    #[test]
    fn every_offered_step_is_known_to_the_rules() {
        for s in State::ALL {
            for e in offered(*s) {
                assert_ne!(next(*s, e, READY).err().map(|r| r.code), Some(Code::DossierStepNotAllowed), "{s:?} {e:?}");
            }
        }
    }
}
