//! Engagements (cuộc thanh tra / kiểm tra): creation from a plan item or ad hoc, the team, and every
//! step of the state machine with its documents and deadlines. Each step is one transaction: the
//! engagement row, the documents it issues, the deadlines it opens or closes, and the audit entries.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;

use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::calendar::engine::{Adjustment, Unit};
use crate::calendar::queries::rule_in_force;
use crate::calendar::steps::deadlines::{self as deadlines_repo, NewDeadline};
use crate::db::schema::{checklist_templates, deadlines, engagements, findings};
use crate::db::{DbConnection, write_tx};
use crate::documents::model::DocumentRow;
use crate::documents::queries as docs;
use crate::documents::steps::draft::{self, Composed};
use crate::documents::steps::issue;
use crate::domain::{DeadlineId, DocumentId, text};
use crate::error::{AppError, Code, FieldError, FieldErrors, Refusal};
use crate::files::FileStore;
use crate::inspections::compose::{self};
use crate::inspections::model::*;
use crate::inspections::queries as q;
use crate::inspections::state::{self, Event, Kind, State};
use crate::outlets::model::OutletRow;

/// A step as a person asks for it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepInput {
    #[schema(schema_with = step_schema)]
    pub step: String,
    /// The day it happened (announce, suspend, resume, end_on_site, appraise): YYYY-MM-DD or
    /// DD/MM/YYYY, not after today; empty means today.
    #[serde(default)]
    #[schema(
        pattern = "^(?:[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[1-9]|[12][0-9]|3[01])/(?:0[1-9]|1[0-2])/[0-9]{4})?$"
    )]
    pub date: String,
    /// Not blank for suspend, extend, appraise (the appraisal's conclusion) and cancel.
    #[serde(default)]
    pub reason: String,
    /// Days of an extension, 1–60.
    #[serde(default)]
    #[schema(pattern = "^(?:[1-9]|[1-5][0-9]|60)?$")]
    pub days: String,
    /// decide: the number a decision signed before it reached the system was given (with a past
    /// `date` and a `reason`: a case already under way); empty: the next of the register.
    #[serde(default)]
    #[schema(pattern = "^(?:[1-9][0-9]{0,5})?$")]
    pub number: String,
    /// Confirms what the step asked about: for compose_conclusion, replace a draft edited by hand
    /// since it was composed (409 `draft_edited_by_hand` otherwise; the replaced text stays in the
    /// draft's history); for archive, archive with documents still in draft (409
    /// `drafts_at_archive` otherwise, naming them).
    #[serde(default)]
    #[schema(pattern = "^(?:true|false|1|0|on)?$")]
    pub confirm: String,
}

/// The steps `StepInput::parse` takes, in the order of the state machine.
pub const STEPS: [&str; 14] = [
    "decide",
    "announce",
    "start_on_site",
    "suspend",
    "resume",
    "extend",
    "end_on_site",
    "submit_report",
    "compose_conclusion",
    "appraise",
    "sign_conclusion",
    "start_follow_up",
    "archive",
    "cancel",
];

impl StepInput {
    /// The steps that need a reason, and the extension's days (the schema's `allOf` in the
    /// document).
    pub fn dependencies() -> Vec<serde_json::Value> {
        use crate::domain::openapi::{filled, when};
        vec![
            when("step", &["suspend", "extend", "appraise", "cancel"], filled(&["reason"])),
            when("step", &["extend"], filled(&["days"])),
        ]
    }
}

fn step_schema() -> utoipa::openapi::Object {
    crate::domain::openapi::choice(STEPS, "The step; one out of order is refused with 409.")
}

/// A decision signed on paper before the case reached the system.
#[derive(Debug, Clone, PartialEq)]
pub struct Backdated {
    pub on: NaiveDate,
    pub number: Option<i64>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Issue the decision: today, or as signed earlier (a case already under way).
    Decide(Option<Backdated>),
    Announce(NaiveDate),
    StartOnSite,
    Suspend(NaiveDate, String),
    Resume(NaiveDate),
    Extend(u32, String),
    EndOnSite(NaiveDate),
    SubmitReport,
    /// Redraft the conclusion from the records; `true` replaces hand edits.
    ComposeConclusion(bool),
    Appraise(NaiveDate, String),
    SignConclusion,
    StartFollowUp,
    /// Archive; `true` confirms archiving with documents still in draft.
    Archive(bool),
    Cancel(String),
}

impl StepInput {
    pub fn parse(&self) -> Result<Step, FieldErrors> {
        let today = crate::time::today_vn();
        let date = || -> Result<NaiveDate, FieldErrors> {
            match self.date.trim() {
                "" => Ok(today),
                s => {
                    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d")
                        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
                        .map_err(|_| FieldErrors::one("date", Code::DateInvalid))?;
                    if d > today {
                        return Err(FieldErrors::one("date", Code::DateFuture));
                    }
                    Ok(d)
                }
            }
        };
        let reason = text::clean(&self.reason);
        let need_reason = || if reason.is_empty() { Err(FieldErrors::one("reason", Code::Required)) } else { Ok(()) };
        Ok(match self.step.trim() {
            "decide" => {
                let on = date()?;
                let number = match self.number.trim() {
                    "" => None,
                    n => Some(
                        n.parse::<i64>()
                            .ok()
                            .filter(|n| (1..=999_999).contains(n))
                            .ok_or_else(|| FieldErrors::one("number", Code::NumberInvalid))?,
                    ),
                };
                if on == today && number.is_none() {
                    Step::Decide(None)
                } else {
                    if reason.is_empty() {
                        return Err(FieldErrors::one("reason", Code::BackdatedReason));
                    }
                    Step::Decide(Some(Backdated { on, number, reason: reason.clone() }))
                }
            }
            "announce" => Step::Announce(date()?),
            "start_on_site" => Step::StartOnSite,
            "suspend" => {
                need_reason()?;
                Step::Suspend(date()?, reason.clone())
            }
            "resume" => Step::Resume(date()?),
            "extend" => {
                let n = self
                    .days
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=60).contains(n))
                    .ok_or_else(|| FieldErrors::one("days", Code::OutOfRange))?;
                need_reason()?;
                Step::Extend(n, reason.clone())
            }
            "end_on_site" => Step::EndOnSite(date()?),
            "submit_report" => Step::SubmitReport,
            "compose_conclusion" => Step::ComposeConclusion(self.confirmed()),
            "appraise" => {
                need_reason()?;
                Step::Appraise(date()?, reason.clone())
            }
            "sign_conclusion" => Step::SignConclusion,
            "start_follow_up" => Step::StartFollowUp,
            "archive" => Step::Archive(self.confirmed()),
            "cancel" => {
                need_reason()?;
                Step::Cancel(reason.clone())
            }
            _ => return Err(FieldErrors::one("step", Code::InvalidChoice)),
        })
    }
}

impl StepInput {
    fn confirmed(&self) -> bool {
        matches!(self.confirm.trim(), "1" | "true" | "on")
    }
}

impl Step {
    /// Steps that sign or approve need the leader's permission as well.
    pub fn needs_approval(&self) -> bool {
        matches!(self, Step::Decide(_) | Step::SignConclusion | Step::Archive(_) | Step::Cancel(_))
    }
}

fn transition(conn: &mut DbConnection, e: &EngagementRow, event: Event) -> Result<State, AppError> {
    let f = q::facts(conn, e)?;
    state::next(e.kind(), e.state(), event, f).map_err(|err| AppError::Conflict(err.refusal(f)))
}

fn track(
    conn: &mut DbConnection,
    actor: &Actor,
    e: &EngagementRow,
    label: &str,
    rule: &str,
    start: NaiveDate,
    over: Option<(u32, Unit)>,
) -> Result<DeadlineId, AppError> {
    let d = deadlines_repo::track(
        conn,
        actor,
        NewDeadline {
            agency_id: e.agency_id.clone(),
            record_type: "engagement".into(),
            record_id: e.id.clone(),
            label: label.into(),
            rule_code: Some(rule.into()),
            start,
            duration: over.map(|o| o.0),
            unit: over.map(|o| o.1),
        },
    )?;
    Ok(d.id)
}

fn close_deadline(
    conn: &mut DbConnection,
    actor: &Actor,
    e: &EngagementRow,
    id: &Option<DeadlineId>,
) -> Result<(), AppError> {
    if let Some(id) = id {
        deadlines_repo::close(conn, actor, id, &e.agency_id)?;
    }
    Ok(())
}

fn doc(conn: &mut DbConnection, id: &Option<DocumentId>, agency_id: &str) -> Result<Option<DocumentRow>, AppError> {
    match id {
        Some(id) => Ok(Some(docs::find(conn, id, agency_id)?)),
        None => Ok(None),
    }
}

fn signer_of(conn: &mut DbConnection, e: &EngagementRow) -> Result<String, AppError> {
    Ok(doc(conn, &e.decision_id, &e.agency_id)?.and_then(|d| d.signer_id).unwrap_or_default())
}

/// Creates or refreshes a draft the engagement owns: an issued one is left alone, and one edited by
/// hand since it was composed too, unless `replace_edits` (the replaced text stays in its history).
fn redraft(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    existing: &Option<DocumentId>,
    input: crate::documents::model::DraftInput,
    replace_edits: bool,
) -> Result<Composed, AppError> {
    draft::compose(conn, actor, agency_id, existing.as_ref(), input.validate()?, replace_edits)
}

pub struct Ctx<'a> {
    pub files: &'a dyn FileStore,
    pub base_url: &'a str,
}

/// Performs one step: the state change, its documents and deadlines, audited, in one transaction.
pub fn step(
    conn: &mut DbConnection,
    ctx: &Ctx,
    actor: &Actor,
    id: &str,
    agency_id: &str,
    version: Option<i32>,
    s: Step,
) -> Result<EngagementRow, AppError> {
    write_tx(conn, |conn| {
        let before = q::engagement(conn, id, agency_id)?;
        if let Some(v) = version
            && v != before.version
        {
            return Err(AppError::from(Code::StaleVersion));
        }
        let mut e = before.clone();
        let kind = e.kind();
        let outlet = crate::outlets::queries::find(conn, &e.outlet_id)?;
        match s {
            Step::Decide(backdated) => {
                e.state = transition(conn, &e, Event::Decide)?;
                let d = doc(conn, &e.decision_id, agency_id)?.ok_or_else(|| AppError::from(Code::NoDecisionDraft))?;
                if !d.is_issued() {
                    let signed = backdated.as_ref().map(|b| issue::SignedBefore { on: b.on, number: b.number });
                    issue::issue_as(conn, ctx.files, actor, &d.id, agency_id, ctx.base_url, signed)?;
                }
                // A case already under way: why its decision is entered with the day it was signed.
                if let Some(b) = &backdated {
                    let change = crate::audit::Change {
                        field: "entered_late".into(),
                        before: serde_json::Value::Null,
                        after: serde_json::json!(format!("{} — {}", crate::time::show_date(&b.on), b.reason)),
                    };
                    audit::record(conn, actor, AuditEntry::state(&before, AuditAction::Update, vec![change]))?;
                }
                let issued = docs::find(conn, &d.id, agency_id)?;
                if kind == Kind::ThanhTra {
                    let on = issued.issued_on.unwrap_or_else(crate::time::today_vn);
                    e.step_deadline_id =
                        Some(track(conn, actor, &e, "deadline.label.announce", "inspection.announce", on, None)?);
                }
            }
            Step::Announce(on) => {
                e.state = transition(conn, &e, Event::Announce)?;
                let decided = doc(conn, &e.decision_id, agency_id)?.and_then(|d| d.issued_on);
                if decided.is_some_and(|d| on < d) {
                    return Err(FieldErrors::one("date", Code::BeforeDecision).into());
                }
                let sd = e.step_deadline_id.take();
                close_deadline(conn, actor, &e, &sd)?;
                e.announced_on = Some(on);
                let unit =
                    if e.duration_unit == DurationUnit::Working { Unit::WorkingDays } else { Unit::CalendarDays };
                let label = match kind {
                    Kind::ThanhTra => "deadline.label.inspection_period",
                    Kind::KiemTra => "deadline.label.check_period",
                };
                e.period_deadline_id =
                    Some(track(conn, actor, &e, label, kind.duration_rule(), on, Some((e.duration as u32, unit)))?);
            }
            Step::StartOnSite => {
                e.state = transition(conn, &e, Event::StartOnSite)?;
                seed_findings(conn, &e)?;
            }
            Step::Suspend(from, reason) => {
                e.state = transition(conn, &e, Event::Suspend)?;
                e.suspended_before = true;
                if let Some(pid) = &e.period_deadline_id {
                    let adj = Adjustment::Pause { from, to: None, by: actor.name.clone(), at: now_vn(), reason };
                    deadlines_repo::adjust(conn, actor, pid, agency_id, adj)?;
                }
            }
            Step::Resume(on) => {
                e.state = transition(conn, &e, Event::Resume)?;
                if let Some(pid) = &e.period_deadline_id {
                    let adj = Adjustment::Pause {
                        from: on,
                        to: Some(on),
                        by: actor.name.clone(),
                        at: now_vn(),
                        reason: String::new(),
                    };
                    deadlines_repo::adjust(conn, actor, pid, agency_id, adj)?;
                }
            }
            Step::Extend(days, reason) => {
                transition(conn, &e, Event::Extend)?;
                let pid = e.period_deadline_id.clone().ok_or_else(|| AppError::from(Code::NoPeriodToExtend))?;
                let rule = rule_in_force(conn, kind.duration_rule(), e.announced_on.unwrap_or_default())?;
                if let Some(r) = rule
                    && days as i32 > r.extension_duration
                {
                    return Err(
                        FieldErrors(vec![FieldError::with_arg("days", Code::OverRule, r.extension_duration)]).into()
                    );
                }
                let adj = Adjustment::Extension { duration: days, by: actor.name.clone(), at: now_vn(), reason };
                deadlines_repo::adjust(conn, actor, &pid, agency_id, adj)?;
            }
            Step::EndOnSite(on) => {
                e.state = transition(conn, &e, Event::EndOnSite)?;
                if e.announced_on.is_some_and(|a| on < a) {
                    return Err(FieldErrors::one("date", Code::BeforeAnnouncement).into());
                }
                e.onsite_ended_on = Some(on);
                let pd = e.period_deadline_id.clone();
                close_deadline(conn, actor, &e, &pd)?;
                let lines = q::member_lines(conn, &e)?;
                let f = q::findings_of(conn, &e.id)?;
                let v = q::violations_of(conn, &e.id)?;
                let trail = q::trail(conn, &e)?;
                let when = crate::documents::spec::date_words(on);
                let minutes = compose::minutes(&e, &outlet, &lines, &f, &when, &trail);
                e.minutes_id = Some(redraft(conn, actor, agency_id, &e.minutes_id, minutes, false)?.row().id.clone());
                let report = compose::report(&e, &outlet, &lines, &f, &v, &trail);
                e.report_id = Some(redraft(conn, actor, agency_id, &e.report_id, report, false)?.row().id.clone());
                if kind == Kind::ThanhTra {
                    e.step_deadline_id =
                        Some(track(conn, actor, &e, "deadline.label.report", "inspection.report", on, None)?);
                }
            }
            Step::SubmitReport => {
                e.state = transition(conn, &e, Event::SubmitReport)?;
                // The team leader's report, as drafted at the end of the on-site work (refreshed
                // from the records unless someone edited it), numbered and signed now.
                let lines = q::member_lines(conn, &e)?;
                let f = q::findings_of(conn, &e.id)?;
                let v = q::violations_of(conn, &e.id)?;
                let trail = q::trail(conn, &e)?;
                let report = compose::report(&e, &outlet, &lines, &f, &v, &trail);
                let report = redraft(conn, actor, agency_id, &e.report_id, report, false)?.row().clone();
                if !report.is_issued() {
                    issue::issue(conn, ctx.files, actor, &report.id, agency_id, ctx.base_url)?;
                }
                e.report_id = Some(report.id);
                let sd = e.step_deadline_id.take();
                close_deadline(conn, actor, &e, &sd)?;
                compose_conclusion(conn, actor, &mut e, &outlet, false)?;
                if kind == Kind::ThanhTra {
                    let today = crate::time::today_vn();
                    e.step_deadline_id =
                        Some(track(conn, actor, &e, "deadline.label.sign", "conclusion.sign", today, None)?);
                }
            }
            Step::ComposeConclusion(replace_edits) => {
                transition(conn, &e, Event::ComposeConclusion)?;
                if let Composed::KeptEdits(d) = compose_conclusion(conn, actor, &mut e, &outlet, replace_edits)? {
                    return Err(AppError::Conflict(
                        Refusal::new(Code::DraftEditedByHand).with("document", d.doc_type().label_vi()),
                    ));
                }
            }
            Step::Appraise(on, note) => {
                transition(conn, &e, Event::Appraise)?;
                e.appraised_on = Some(on);
                e.appraisal_note = note;
            }
            Step::SignConclusion => {
                e.state = transition(conn, &e, Event::SignConclusion)?;
                let d = doc(conn, &e.conclusion_id, agency_id)?
                    .ok_or_else(|| AppError::from(Code::ConclusionNotDrafted))?;
                if d.is_issued() {
                    return Err(AppError::from(Code::ConclusionAlreadyIssued));
                }
                let issued = issue::issue(conn, ctx.files, actor, &d.id, agency_id, ctx.base_url)?;
                e.signed_on = issued.issued_on;
                let sd = e.step_deadline_id.take();
                close_deadline(conn, actor, &e, &sd)?;
                if kind == Kind::ThanhTra {
                    let on = issued.issued_on.unwrap_or_else(crate::time::today_vn);
                    e.step_deadline_id =
                        Some(track(conn, actor, &e, "deadline.label.publish", "conclusion.publish", on, None)?);
                }
            }
            Step::StartFollowUp => {
                e.state = transition(conn, &e, Event::StartFollowUp)?;
            }
            Step::Archive(leave_drafts) => {
                e.state = transition(conn, &e, Event::Archive)?;
                let drafts = q::drafts_of(conn, &e)?;
                if !drafts.is_empty() && !leave_drafts {
                    let names: Vec<String> =
                        drafts.iter().map(|d| d.doc_type().label_vi().to_string() + " — " + &d.summary).collect();
                    return Err(AppError::Conflict(
                        Refusal::new(Code::DraftsAtArchive).with("documents", names.join("; ")),
                    ));
                }
                let open: Vec<String> = deadlines::table
                    .filter(deadlines::record_type.eq("engagement"))
                    .filter(deadlines::record_id.eq(&e.id))
                    .filter(deadlines::closed_at.is_null())
                    .select(deadlines::id)
                    .load(conn)?;
                for d in open {
                    deadlines_repo::close(conn, actor, &d, agency_id)?;
                }
                e.step_deadline_id = None;
            }
            Step::Cancel(reason) => {
                e.state = transition(conn, &e, Event::Cancel)?;
                e.closing_reason = reason;
                let sd = e.step_deadline_id.take();
                close_deadline(conn, actor, &e, &sd)?;
            }
        }
        save(conn, actor, &before, e, AuditAction::Transition)
    })
}

fn now_vn() -> String {
    crate::time::show_vn(&crate::time::now())
}

fn compose_conclusion(
    conn: &mut DbConnection,
    actor: &Actor,
    e: &mut EngagementRow,
    outlet: &OutletRow,
    replace_edits: bool,
) -> Result<Composed, AppError> {
    let f = q::findings_of(conn, &e.id)?;
    let v = q::violations_of(conn, &e.id)?;
    let r = q::recommendations_of(conn, &e.id)?;
    let signer = signer_of(conn, e)?;
    let trail = q::trail(conn, e)?;
    let input = compose::conclusion(e, outlet, &f, &v, &r, &signer, &trail);
    let done = redraft(conn, actor, &e.agency_id, &e.conclusion_id, input, replace_edits)?;
    e.conclusion_id = Some(done.row().id.clone());
    Ok(done)
}

/// Writes the engagement back (version-checked) with its audit entry.
pub fn save(
    conn: &mut DbConnection,
    actor: &Actor,
    before: &EngagementRow,
    mut e: EngagementRow,
    action: AuditAction,
) -> Result<EngagementRow, AppError> {
    e.version = before.version + 1;
    e.updated_at = crate::time::now();
    let n = diesel::update(engagements::table.find(&e.id).filter(engagements::version.eq(before.version)))
        .set(&e)
        .execute(conn)?;
    if n != 1 {
        return Err(AppError::from(Code::StaleVersion));
    }
    audit::record(conn, actor, AuditEntry::transition(before, &e, action))?;
    Ok(e)
}

/// Copies the checklist version the engagement uses into its findings (once).
fn seed_findings(conn: &mut DbConnection, e: &EngagementRow) -> Result<(), AppError> {
    let have: i64 = findings::table.filter(findings::engagement_id.eq(&e.id)).count().get_result(conn)?;
    if have > 0 {
        return Ok(());
    }
    let Some(cid) = &e.checklist_id else { return Ok(()) };
    let c: crate::inspections::catalogue::ChecklistRow = checklist_templates::table
        .find(cid)
        .select(crate::inspections::catalogue::ChecklistRow::as_select())
        .first(conn)?;
    for (i, it) in c.item_list().into_iter().enumerate() {
        diesel::insert_into(findings::table)
            .values(&FindingRow {
                id: uuid::Uuid::now_v7().to_string(),
                engagement_id: e.id.clone(),
                position: i as i32 + 1,
                item_code: it.code,
                item_text: it.text,
                legal_ref: it.legal_ref,
                result: FindingResult::Pending,
                note: String::new(),
                recorded_by: None,
                recorded_at: None,
            })
            .execute(conn)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_step_is_understood() {
        for step in STEPS {
            let input = StepInput {
                step: step.into(),
                date: String::new(),
                reason: "a reason".into(),
                days: "5".into(),
                number: String::new(),
                confirm: String::new(),
            };
            assert!(input.parse().is_ok(), "{step}");
        }
        assert!(StepInput { step: "publish".into(), ..StepInput::default() }.parse().is_err());
    }
}
