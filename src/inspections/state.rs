//! The life of an engagement (cuộc thanh tra / kiểm tra), after DOMAIN.md §1.3 (Luật Thanh tra 2025,
//! Art. 21 and following) and §9.2 (NĐ 217/2025 for a department's checks). Transitions are allowed
//! in this one place.

use serde::{Deserialize, Serialize};

use crate::error::{Code, Refusal};

crate::text_enum! {
    /// Which law the engagement runs under.
    pub enum Kind in "insp.kind" {
        /// Kiểm tra: a department's sector check (NĐ 217/2025), ends in a report and a corrective
        /// letter or result notice; no appraisal, no publication.
        KiemTra = "kiem_tra",
        /// Thanh tra: by an inspection body (Thanh tra tỉnh), ends in a published conclusion.
        ThanhTra = "thanh_tra",
    }
}

crate::text_enum! {
    /// Where an engagement stands.
    pub enum State in "insp.state" {
        /// In the annual plan (or created ad hoc), not yet decided.
        Planned = "planned",
        /// Decision (QĐ) issued; outline and announcement being prepared.
        Preparation = "preparation",
        /// Decision announced; the period runs from here.
        Announced = "announced",
        /// Direct (on-site) work.
        OnSite = "on_site",
        /// Suspended (Art. 30: once, at most 30 days, at the inspected party's request).
        Suspended = "suspended",
        /// Direct work ended; the team writes its report.
        Report = "report",
        /// Draft conclusion being prepared and appraised (thanh tra only).
        DraftConclusion = "draft_conclusion",
        /// Conclusion (KL) signed, or for a check the result notice / corrective letter issued.
        Concluded = "concluded",
        /// Conclusion published (thanh tra only).
        Published = "published",
        /// Recommendations being followed up.
        FollowUp = "follow_up",
        Archived = "archived",
        /// Cancelled before the announcement (with a reason).
        Cancelled = "cancelled",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Decide,
    Announce,
    StartOnSite,
    Suspend,
    Resume,
    EndOnSite,
    SubmitReport,
    SignConclusion,
    Publish,
    StartFollowUp,
    Archive,
    Cancel,
    /// Extends the running period (the state stays).
    Extend,
    /// Redrafts the conclusion from what was recorded (the state stays).
    ComposeConclusion,
    /// Records the appraisal of the draft conclusion (the state stays).
    Appraise,
}

impl Event {
    /// The form and API name (`StepInput::step`).
    pub fn code(self) -> &'static str {
        match self {
            Event::Decide => "decide",
            Event::Announce => "announce",
            Event::StartOnSite => "start_on_site",
            Event::Suspend => "suspend",
            Event::Resume => "resume",
            Event::EndOnSite => "end_on_site",
            Event::SubmitReport => "submit_report",
            Event::SignConclusion => "sign_conclusion",
            Event::Publish => "publish",
            Event::StartFollowUp => "start_follow_up",
            Event::Archive => "archive",
            Event::Cancel => "cancel",
            Event::Extend => "extend",
            Event::ComposeConclusion => "compose_conclusion",
            Event::Appraise => "appraise",
        }
    }

    /// The order the engagement page offers them in.
    pub const ALL: [Event; 15] = [
        Event::Decide,
        Event::Announce,
        Event::StartOnSite,
        Event::EndOnSite,
        Event::Extend,
        Event::Suspend,
        Event::Resume,
        Event::SubmitReport,
        Event::Appraise,
        Event::SignConclusion,
        Event::ComposeConclusion,
        Event::Publish,
        Event::StartFollowUp,
        Event::Archive,
        Event::Cancel,
    ];
}

impl Kind {
    /// The deadline rule that bounds an engagement's duration (Luật Thanh tra 2025 Art. 20; NĐ 217/2025).
    pub fn duration_rule(self) -> &'static str {
        match self {
            Kind::ThanhTra => "inspection.duration",
            Kind::KiemTra => "check.duration",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{event:?} is not allowed when the engagement is {state:?} ({kind:?})")]
pub struct TransitionError {
    pub kind: Kind,
    pub state: State,
    pub event: Event,
}

impl TransitionError {
    /// Why, as the user reads it: the missing fact when one is missing, else the state it is in.
    pub fn refusal(&self, facts: Facts) -> Refusal {
        match (self.state, self.event) {
            (State::OnSite, Event::EndOnSite) if !facts.has_findings => Code::FindingsBeforeEndOnSite.into(),
            (State::FollowUp, Event::Archive) if !facts.recommendations_settled => Code::RecommendationsOpen.into(),
            (State::DraftConclusion, Event::SignConclusion) if !facts.appraised => Code::AppraisalBeforeSigning.into(),
            (State::OnSite, Event::Suspend) if facts.suspended_before => Code::SuspendedOnce.into(),
            (State::Report, Event::SignConclusion) if !facts.conclusion_drafted => Code::ConclusionNotDrafted.into(),
            (_, Event::Extend) => Code::ExtendOnlyRunning.into(),
            (_, Event::ComposeConclusion) => Code::ConclusionAfterReport.into(),
            (_, Event::Appraise) => Code::AppraiseOnlyDraft.into(),
            (state, _) => Refusal::new(Code::StepNotAllowed).with_label("state", state.code(), state.label_key()),
        }
    }
}

/// What the engagement has done so far that some transitions depend on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Facts {
    /// Findings were recorded during direct work.
    pub has_findings: bool,
    /// The one suspension the law allows was already used.
    pub suspended_before: bool,
    /// Every recommendation is settled or closed with a reason.
    pub recommendations_settled: bool,
    /// The draft conclusion was appraised (thẩm định, Luật Thanh tra 2025 Art. 35: mandatory for
    /// Thanh tra tỉnh).
    pub appraised: bool,
    /// A draft conclusion (or a check's result notice) exists.
    pub conclusion_drafted: bool,
}

/// The only place transitions are decided.
pub fn next(kind: Kind, state: State, event: Event, facts: Facts) -> Result<State, TransitionError> {
    use Event::*;
    use State::*;
    let refuse = || Err(TransitionError { kind, state, event });
    let to = match (state, event) {
        (Planned, Decide) => Preparation,
        (Planned | Preparation, Cancel) => Cancelled,
        (Preparation, Announce) => Announced,
        (Announced, StartOnSite) => OnSite,
        (OnSite, Suspend) if kind == Kind::ThanhTra && !facts.suspended_before => Suspended,
        (Suspended, Resume) => OnSite,
        (OnSite, EndOnSite) if facts.has_findings => Report,
        (Report, SubmitReport) => match kind {
            Kind::ThanhTra => DraftConclusion,
            Kind::KiemTra => return Ok(Report),
        },
        (DraftConclusion, SignConclusion) if facts.appraised => Concluded,
        (Report, SignConclusion) if kind == Kind::KiemTra && facts.conclusion_drafted => Concluded,
        (Announced | OnSite | Suspended, Extend) => state,
        (Report | DraftConclusion, ComposeConclusion) => state,
        (DraftConclusion, Appraise) => state,
        (Concluded, Publish) if kind == Kind::ThanhTra => Published,
        (Published, StartFollowUp) => FollowUp,
        (Concluded, StartFollowUp) if kind == Kind::KiemTra => FollowUp,
        (FollowUp, Archive) if facts.recommendations_settled => Archived,
        _ => return refuse(),
    };
    Ok(to)
}

/// The steps the engagement page offers now: those `next` accepts, less the ones with nothing to
/// act on yet (a recomposition before any draft, a second appraisal once the draft is appraised).
/// Work still to be done (findings, open recommendations) does not hide a step: the step's refusal
/// says what is missing.
pub fn offered(kind: Kind, state: State, facts: Facts) -> Vec<Event> {
    let hoped = Facts { has_findings: true, recommendations_settled: true, ..facts };
    Event::ALL
        .into_iter()
        .filter(|e| next(kind, state, *e, hoped).is_ok())
        .filter(|e| match e {
            Event::ComposeConclusion => facts.conclusion_drafted,
            Event::Appraise => !facts.appraised,
            _ => true,
        })
        .collect()
}

/// Work on an engagement that is not a step: what each state allows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// Checklist findings and visits: during direct work.
    RecordFindings,
    /// Photos: during direct work and while the team reports.
    AddPhotos,
    /// Violations (and their record and sanction) come from the findings of direct work.
    RecordViolations,
    /// Recommendations follow from the team's report, until the engagement is closed.
    Recommend,
    /// Settling a recommendation: any time before the engagement is closed.
    FollowUp,
    /// Publication of a signed inspection conclusion (a check's notice is not published).
    Publish,
}

impl Work {
    fn refusal(self, kind: Kind) -> Code {
        match self {
            Work::RecordFindings => Code::FindingsOnlyOnSite,
            Work::AddPhotos => Code::PhotosOnlyOnSiteOrReport,
            Work::RecordViolations => Code::ViolationNeedsDirectWork,
            Work::Recommend => Code::RecommendationsAfterReport,
            Work::FollowUp => Code::EngagementArchived,
            Work::Publish if kind == Kind::KiemTra => Code::CheckNotPublished,
            Work::Publish => Code::PublishOnlySigned,
        }
    }
}

/// Whether `state` allows `work`: asked by every page, API route and step.
pub fn allows(kind: Kind, state: State, work: Work) -> bool {
    use State::*;
    match work {
        Work::RecordFindings => state == OnSite,
        Work::AddPhotos => matches!(state, OnSite | Report),
        Work::RecordViolations => matches!(state, OnSite | Report | DraftConclusion),
        Work::Recommend => matches!(state, Report | DraftConclusion | Concluded | Published | FollowUp),
        Work::FollowUp => !matches!(state, Archived | Cancelled),
        Work::Publish => kind == Kind::ThanhTra && matches!(state, Concluded | Published | FollowUp),
    }
}

/// `allows`, as the refusal a step returns.
pub fn check(kind: Kind, state: State, work: Work) -> Result<(), Refusal> {
    if allows(kind, state, work) { Ok(()) } else { Err(work.refusal(kind).into()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(kind: Kind, events: &[Event], facts: Facts) -> Result<State, TransitionError> {
        let mut s = State::Planned;
        for e in events {
            s = next(kind, s, *e, facts)?;
        }
        Ok(s)
    }

    const ALL_DONE: Facts = Facts {
        has_findings: true,
        suspended_before: false,
        recommendations_settled: true,
        appraised: true,
        conclusion_drafted: true,
    };

    #[test]
    fn an_inspection_goes_from_plan_to_archive() {
        use Event::*;
        let chain = [
            Decide,
            Announce,
            StartOnSite,
            Suspend,
            Resume,
            EndOnSite,
            SubmitReport,
            SignConclusion,
            Publish,
            StartFollowUp,
            Archive,
        ];
        assert_eq!(run(Kind::ThanhTra, &chain, ALL_DONE), Ok(State::Archived));
    }

    #[test]
    fn a_check_skips_appraisal_and_publication() {
        use Event::*;
        let chain = [Decide, Announce, StartOnSite, EndOnSite, SignConclusion, StartFollowUp, Archive];
        assert_eq!(run(Kind::KiemTra, &chain, ALL_DONE), Ok(State::Archived));
        assert!(
            run(Kind::KiemTra, &[Decide, Announce, StartOnSite, EndOnSite, SignConclusion, Publish], ALL_DONE).is_err()
        );
        assert!(
            run(Kind::KiemTra, &[Decide, Announce, StartOnSite, Suspend], ALL_DONE).is_err(),
            "NĐ 217 has no suspension"
        );
    }

    #[test]
    fn steps_out_of_order_are_refused() {
        use Event::*;
        assert!(run(Kind::ThanhTra, &[Announce], ALL_DONE).is_err(), "no announcement before the decision");
        assert!(
            run(Kind::ThanhTra, &[Decide, Announce, StartOnSite, SignConclusion], ALL_DONE).is_err(),
            "no conclusion before the report"
        );
        let no_findings = Facts { has_findings: false, ..ALL_DONE };
        assert!(
            run(Kind::ThanhTra, &[Decide, Announce, StartOnSite, EndOnSite], no_findings).is_err(),
            "no report without findings"
        );
        let open = Facts { recommendations_settled: false, ..ALL_DONE };
        let chain =
            [Decide, Announce, StartOnSite, EndOnSite, SubmitReport, SignConclusion, Publish, StartFollowUp, Archive];
        assert!(run(Kind::ThanhTra, &chain, open).is_err(), "no archive while recommendations are open");
        let unappraised = Facts { appraised: false, ..ALL_DONE };
        assert!(
            run(Kind::ThanhTra, &[Decide, Announce, StartOnSite, EndOnSite, SubmitReport, SignConclusion], unappraised)
                .is_err(),
            "no conclusion without appraisal of the draft"
        );
        assert!(
            run(Kind::KiemTra, &[Decide, Announce, StartOnSite, EndOnSite, SignConclusion], unappraised).is_ok(),
            "a check's result notice needs no appraisal"
        );
        let again = Facts { suspended_before: true, ..ALL_DONE };
        assert!(run(Kind::ThanhTra, &[Decide, Announce, StartOnSite, Suspend], again).is_err(), "suspension only once");
        assert!(
            run(Kind::ThanhTra, &[Decide, Announce, Cancel], ALL_DONE).is_err(),
            "no cancelling after the announcement"
        );
        assert_eq!(run(Kind::ThanhTra, &[Decide, Cancel], ALL_DONE), Ok(State::Cancelled));
    }

    #[test]
    fn every_refusal_names_the_state_and_event() {
        let e = next(Kind::ThanhTra, State::Archived, Event::Publish, ALL_DONE).unwrap_err();
        assert_eq!(e.state, State::Archived);
        assert!(e.to_string().contains("Publish"));
    }

    #[test]
    fn steps_that_keep_the_state_are_decided_here_too() {
        assert_eq!(next(Kind::ThanhTra, State::OnSite, Event::Extend, ALL_DONE), Ok(State::OnSite));
        assert!(next(Kind::ThanhTra, State::Report, Event::Extend, ALL_DONE).is_err(), "the period has ended");
        assert!(next(Kind::ThanhTra, State::Report, Event::Appraise, ALL_DONE).is_err(), "only a draft is appraised");
        let e = next(Kind::ThanhTra, State::Concluded, Event::ComposeConclusion, ALL_DONE).unwrap_err();
        assert_eq!(e.refusal(ALL_DONE).code, Code::ConclusionAfterReport);
        let no_draft = Facts { conclusion_drafted: false, ..ALL_DONE };
        let e = next(Kind::KiemTra, State::Report, Event::SignConclusion, no_draft).unwrap_err();
        assert_eq!(e.refusal(no_draft).code, Code::ConclusionNotDrafted);
    }

    #[test]
    fn the_page_offers_what_the_machine_accepts() {
        let fresh = Facts { appraised: false, conclusion_drafted: true, ..ALL_DONE };
        let draft = offered(Kind::ThanhTra, State::DraftConclusion, fresh);
        assert_eq!(draft, vec![Event::Appraise, Event::ComposeConclusion]);
        let signed = offered(Kind::ThanhTra, State::DraftConclusion, ALL_DONE);
        assert_eq!(signed, vec![Event::SignConclusion, Event::ComposeConclusion]);
        let check = offered(Kind::KiemTra, State::OnSite, ALL_DONE);
        assert!(check.contains(&Event::EndOnSite) && !check.contains(&Event::Suspend), "NĐ 217 has no suspension");
        let none = Facts { has_findings: false, ..ALL_DONE };
        assert!(offered(Kind::KiemTra, State::OnSite, none).contains(&Event::EndOnSite), "the refusal explains");
        for &s in State::ALL {
            for e in offered(Kind::ThanhTra, s, ALL_DONE) {
                assert!(next(Kind::ThanhTra, s, e, ALL_DONE).is_ok());
            }
        }
    }

    #[test]
    fn what_each_state_allows() {
        assert!(allows(Kind::ThanhTra, State::OnSite, Work::RecordFindings));
        assert!(!allows(Kind::ThanhTra, State::Report, Work::RecordFindings));
        assert!(allows(Kind::ThanhTra, State::Report, Work::AddPhotos));
        assert!(!allows(Kind::KiemTra, State::Concluded, Work::Publish));
        assert_eq!(check(Kind::KiemTra, State::Concluded, Work::Publish).unwrap_err().code, Code::CheckNotPublished);
        assert_eq!(check(Kind::ThanhTra, State::Report, Work::Publish).unwrap_err().code, Code::PublishOnlySigned);
        assert!(!allows(Kind::ThanhTra, State::Archived, Work::FollowUp));
    }
}
