//! Engagements (cuộc thanh tra / kiểm tra): creation from a plan item or ad hoc, the team, and every
//! step of the state machine with its documents and deadlines. Each step is one transaction: the
//! engagement row, the documents it issues, the deadlines it opens or closes, and the audit entries.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;

use super::compose::{self, MemberLine};
use super::model::*;
use super::state::{self, Event, Facts, Kind, State};
use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::calendar::engine::{Adjustment, Unit};
use crate::calendar::repo::{self as deadlines_repo, NewDeadline};
use crate::db::schema::{
    checklist_templates, deadlines, engagement_members, engagements, findings, outlet_relations, recommendations,
    users, violations,
};
use crate::db::{DbConnection, write_tx};
use crate::documents::repo::{self as docs, DocumentRow};
use crate::domain::text;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::files::FileStore;
use crate::outlets::model::OutletRow;

/// What a person types to open an engagement.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EngagementInput {
    /// The plan item this engagement carries out; empty for an ad hoc (đột xuất) one.
    #[serde(default)]
    pub plan_item_id: String,
    #[serde(default)]
    pub outlet_id: String,
    /// thanh_tra or kiem_tra.
    #[serde(default)]
    pub kind: String,
    /// Why an ad hoc engagement is needed (required without a plan item).
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub period_covered: String,
    /// Days; empty takes the rule's duration.
    #[serde(default)]
    pub duration: String,
    /// calendar or working.
    #[serde(default)]
    pub duration_unit: String,
    /// The team leader's user id.
    #[serde(default)]
    pub leader_id: String,
    /// Members' user ids, separated by commas or new lines.
    #[serde(default)]
    pub member_ids: String,
    /// Who signs the decision.
    #[serde(default)]
    pub signer_id: String,
}

pub struct ValidEngagement {
    plan_item_id: Option<String>,
    outlet_id: String,
    kind: Option<Kind>,
    reason: String,
    scope: String,
    period_covered: String,
    duration: Option<i32>,
    duration_unit: String,
    leader_id: String,
    member_ids: Vec<String>,
    signer_id: String,
}

impl EngagementInput {
    pub fn validate(&self) -> Result<ValidEngagement, FieldErrors> {
        let mut e = FieldErrors::new();
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let plan_item_id = opt(&self.plan_item_id);
        let outlet_id = self.outlet_id.trim().to_string();
        if plan_item_id.is_none() && outlet_id.is_empty() {
            e.add("outlet_id", Code::Required);
        }
        let kind = match self.kind.trim() {
            "" => None,
            k => match parse_kind(k) {
                Some(k) => Some(k),
                None => {
                    e.add("kind", Code::InvalidChoice);
                    None
                }
            },
        };
        if plan_item_id.is_none() && kind.is_none() && !e.0.iter().any(|x| x.field == "kind") {
            e.add("kind", Code::Required);
        }
        let reason = text::clean(&self.reason);
        if plan_item_id.is_none() && reason.is_empty() {
            e.add("reason", Code::Required);
        }
        let scope = text::clean(&self.scope);
        if scope.chars().count() > 500 {
            e.push(FieldError::with_arg("scope", Code::TooLong, 500));
        }
        let duration = match self.duration.trim() {
            "" => None,
            s => match s.parse::<i32>() {
                Ok(n) if (1..=90).contains(&n) => Some(n),
                _ => {
                    e.add("duration", Code::OutOfRange);
                    None
                }
            },
        };
        let duration_unit = match self.duration_unit.trim() {
            "" | "calendar" => "calendar",
            "working" => "working",
            _ => {
                e.add("duration_unit", Code::InvalidChoice);
                "calendar"
            }
        };
        let leader_id = self.leader_id.trim().to_string();
        if leader_id.is_empty() {
            e.add("leader_id", Code::Required);
        }
        let mut member_ids: Vec<String> = Vec::new();
        for m in self.member_ids.split([',', '\n', ' ']).map(str::trim).filter(|m| !m.is_empty()) {
            if m != leader_id && !member_ids.iter().any(|x| x == m) {
                member_ids.push(m.to_string());
            }
        }
        let signer_id = self.signer_id.trim().to_string();
        if signer_id.is_empty() {
            e.add("signer_id", Code::Required);
        }
        e.into_result()?;
        Ok(ValidEngagement {
            plan_item_id,
            outlet_id,
            kind,
            reason,
            scope,
            period_covered: text::clean(&self.period_covered),
            duration,
            duration_unit: duration_unit.into(),
            leader_id,
            member_ids,
            signer_id,
        })
    }
}

pub fn find(conn: &mut DbConnection, id: &str, agency_id: &str) -> Result<EngagementRow, AppError> {
    Ok(engagements::table
        .find(id)
        .filter(engagements::agency_id.eq(agency_id))
        .select(EngagementRow::as_select())
        .first(conn)?)
}

pub fn members(conn: &mut DbConnection, id: &str) -> Result<Vec<(MemberRow, crate::users::model::UserRow)>, AppError> {
    Ok(engagement_members::table
        .inner_join(users::table)
        .filter(engagement_members::engagement_id.eq(id))
        .order((engagement_members::role.asc(), users::full_name.asc()))
        .select((MemberRow::as_select(), crate::users::model::UserRow::as_select()))
        .load(conn)?)
}

pub fn member_lines(conn: &mut DbConnection, e: &EngagementRow) -> Result<Vec<MemberLine>, AppError> {
    Ok(members(conn, &e.id)?
        .into_iter()
        .map(|(m, u)| MemberLine {
            name: u.full_name.clone(),
            position: match u.role.as_str() {
                "leader" => "Lãnh đạo".into(),
                "inspector" => "Thanh tra viên".into(),
                _ => "Công chức".into(),
            },
            team_role: if m.role == "leader" { "Trưởng đoàn" } else { "Thành viên" }.into(),
        })
        .collect())
}

pub fn findings_of(conn: &mut DbConnection, id: &str) -> Result<Vec<FindingRow>, AppError> {
    Ok(findings::table
        .filter(findings::engagement_id.eq(id))
        .order(findings::position.asc())
        .select(FindingRow::as_select())
        .load(conn)?)
}

pub fn violations_of(conn: &mut DbConnection, id: &str) -> Result<Vec<ViolationRecRow>, AppError> {
    Ok(violations::table
        .filter(violations::engagement_id.eq(id))
        .order(violations::created_at.asc())
        .select(ViolationRecRow::as_select())
        .load(conn)?)
}

pub fn recommendations_of(conn: &mut DbConnection, id: &str) -> Result<Vec<RecommendationRow>, AppError> {
    Ok(recommendations::table
        .filter(recommendations::engagement_id.eq(id))
        .order(recommendations::position.asc())
        .select(RecommendationRow::as_select())
        .load(conn)?)
}

/// Team members with a recorded relation to the outlet (TT 06/2021: they should not sit on the team).
pub fn conflicts(conn: &mut DbConnection, outlet_id: &str, user_ids: &[String]) -> Result<Vec<Warning>, AppError> {
    let rows: Vec<(RelationRow, String)> = outlet_relations::table
        .inner_join(users::table)
        .filter(outlet_relations::outlet_id.eq(outlet_id))
        .filter(outlet_relations::user_id.eq_any(user_ids))
        .select((RelationRow::as_select(), users::full_name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(r, name)| Warning {
            code: "conflict_of_interest".into(),
            message: format!("{name} có quan hệ với cơ sở được ghi nhận: {}", r.relation),
        })
        .collect())
}

fn check_team(
    conn: &mut DbConnection,
    agency_id: &str,
    leader: &str,
    members: &[String],
) -> Result<Vec<crate::users::model::UserRow>, AppError> {
    let mut e = FieldErrors::new();
    let mut out = Vec::new();
    for (field, id) in std::iter::once(("leader_id", leader)).chain(members.iter().map(|m| ("member_ids", m.as_str())))
    {
        match crate::users::repo::find_in_agency(conn, id, agency_id) {
            Ok(u) if !u.disabled && u.role != "viewer" => out.push(u),
            _ => e.push(FieldError::with_arg(field, Code::NotAUser, id.chars().take(40).collect::<String>())),
        }
    }
    e.into_result()?;
    Ok(out)
}

fn rule_code(kind: Kind) -> &'static str {
    match kind {
        Kind::ThanhTra => "inspection.duration",
        Kind::KiemTra => "check.duration",
    }
}

/// Opens an engagement in the Planned state with its decision drafted.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    v: ValidEngagement,
    overlap_months: u32,
) -> Result<(EngagementRow, Vec<Warning>), AppError> {
    write_tx(conn, |conn| {
        let item = match &v.plan_item_id {
            Some(id) => Some(super::plans::item_for_engagement(conn, agency_id, id)?),
            None => None,
        };
        let outlet_id = match (&item, v.outlet_id.as_str()) {
            (Some(i), "") => i.outlet_id.clone().ok_or_else(|| FieldErrors::one("outlet_id", Code::Required))?,
            (_, o) => o.to_string(),
        };
        let outlet = crate::outlets::repo::find(conn, &outlet_id)
            .map_err(|_| AppError::from(FieldErrors::one("outlet_id", Code::InvalidChoice)))?;
        let kind = v.kind.or(item.as_ref().and_then(|i| parse_kind(&i.kind))).unwrap_or(Kind::KiemTra);
        let team = check_team(conn, agency_id, &v.leader_id, &v.member_ids)?;
        let today = crate::time::today_vn();
        let rule = deadlines_repo::rule_in_force(conn, rule_code(kind), today)?;
        let duration = v.duration.or(rule.as_ref().map(|r| r.duration)).unwrap_or(10);
        if let Some(r) = &rule
            && duration > r.duration
        {
            return Err(FieldErrors(vec![FieldError::with_arg("duration", Code::OverRule, r.duration)]).into());
        }
        let checklist_id: Option<String> = checklist_templates::table
            .filter(checklist_templates::sector_code.eq(&outlet.sector_code))
            .filter(checklist_templates::valid_from.le(today))
            .order(checklist_templates::version.desc())
            .select(checklist_templates::id)
            .first(conn)
            .optional()?;
        let scope = if v.scope.is_empty() {
            item.as_ref().map(|i| i.scope.clone()).unwrap_or_default()
        } else {
            v.scope.clone()
        };
        if scope.is_empty() {
            return Err(FieldErrors::one("scope", Code::Required).into());
        }
        let now = crate::time::now();
        let mut row = EngagementRow {
            id: uuid::Uuid::now_v7().to_string(),
            agency_id: agency_id.into(),
            plan_item_id: v.plan_item_id.clone(),
            outlet_id: outlet.id.clone(),
            sector_code: outlet.sector_code.clone(),
            kind: kind_code(kind).into(),
            origin: if item.is_some() { "plan" } else { "ad_hoc" }.into(),
            reason: v.reason.clone(),
            scope,
            period_covered: v.period_covered.clone(),
            duration,
            duration_unit: v.duration_unit.clone(),
            state: state_code(State::Planned).into(),
            checklist_id,
            decision_id: None,
            minutes_id: None,
            report_id: None,
            conclusion_id: None,
            announced_on: None,
            onsite_ended_on: None,
            signed_on: None,
            appraised_on: None,
            appraisal_note: String::new(),
            suspended_before: false,
            period_deadline_id: None,
            step_deadline_id: None,
            closing_reason: String::new(),
            version: 1,
            created_by: actor.name.clone(),
            created_at: now,
            updated_at: now,
        };
        diesel::insert_into(engagements::table).values(&row).execute(conn)?;
        for (i, u) in team.iter().enumerate() {
            diesel::insert_into(engagement_members::table)
                .values(&MemberRow {
                    engagement_id: row.id.clone(),
                    user_id: u.id.clone(),
                    role: if i == 0 { "leader" } else { "member" }.into(),
                })
                .execute(conn)?;
        }
        let lines = member_lines(conn, &row)?;
        let input = compose::decision(&row, &outlet, &lines, &v.signer_id);
        let doc = docs::create_draft(conn, actor, agency_id, input.validate()?)?;
        row.decision_id = Some(doc.id.clone());
        diesel::update(engagements::table.find(&row.id))
            .set(engagements::decision_id.eq(&row.decision_id))
            .execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        let mut warnings = conflicts(conn, &outlet.id, &team.iter().map(|u| u.id.clone()).collect::<Vec<_>>())?;
        warnings.extend(super::plans::overlaps(
            conn,
            &outlet.id,
            today,
            overlap_months,
            Some(&row.id),
            v.plan_item_id.as_deref(),
        )?);
        Ok((row, warnings))
    })
}

/// A step as a person asks for it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepInput {
    /// decide, announce, start_on_site, suspend, resume, extend, end_on_site, submit_report,
    /// compose_conclusion, appraise (date and reason = the appraisal's conclusion), sign_conclusion,
    /// start_follow_up, archive or cancel.
    pub step: String,
    /// The day it happened (announce, suspend, resume, end_on_site); empty means today.
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub reason: String,
    /// Days of an extension.
    #[serde(default)]
    pub days: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Decide,
    Announce(NaiveDate),
    StartOnSite,
    Suspend(NaiveDate, String),
    Resume(NaiveDate),
    Extend(u32, String),
    EndOnSite(NaiveDate),
    SubmitReport,
    ComposeConclusion,
    Appraise(NaiveDate, String),
    SignConclusion,
    StartFollowUp,
    Archive,
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
            "decide" => Step::Decide,
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
            "compose_conclusion" => Step::ComposeConclusion,
            "appraise" => {
                need_reason()?;
                Step::Appraise(date()?, reason.clone())
            }
            "sign_conclusion" => Step::SignConclusion,
            "start_follow_up" => Step::StartFollowUp,
            "archive" => Step::Archive,
            "cancel" => {
                need_reason()?;
                Step::Cancel(reason.clone())
            }
            _ => return Err(FieldErrors::one("step", Code::InvalidChoice)),
        })
    }
}

impl Step {
    /// Steps that sign or approve need the leader's permission as well.
    pub fn needs_approval(&self) -> bool {
        matches!(self, Step::Decide | Step::SignConclusion | Step::Archive | Step::Cancel(_))
    }
}

fn facts(conn: &mut DbConnection, e: &EngagementRow) -> Result<Facts, AppError> {
    let recorded: i64 = findings::table
        .filter(findings::engagement_id.eq(&e.id))
        .filter(findings::result.ne("pending"))
        .count()
        .get_result(conn)?;
    let open: i64 = recommendations::table
        .filter(recommendations::engagement_id.eq(&e.id))
        .filter(recommendations::status.ne_all(["done", "closed"]))
        .count()
        .get_result(conn)?;
    Ok(Facts {
        has_findings: recorded > 0,
        suspended_before: e.suspended_before,
        recommendations_settled: open == 0,
        appraised: e.appraised_on.is_some(),
    })
}

fn transition(conn: &mut DbConnection, e: &EngagementRow, event: Event) -> Result<State, AppError> {
    let f = facts(conn, e)?;
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
) -> Result<String, AppError> {
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
    id: &Option<String>,
) -> Result<(), AppError> {
    if let Some(id) = id {
        deadlines_repo::close(conn, actor, id, &e.agency_id)?;
    }
    Ok(())
}

fn doc(conn: &mut DbConnection, id: &Option<String>, agency_id: &str) -> Result<Option<DocumentRow>, AppError> {
    match id {
        Some(id) => Ok(Some(docs::find(conn, id, agency_id)?)),
        None => Ok(None),
    }
}

fn signer_of(conn: &mut DbConnection, e: &EngagementRow) -> Result<String, AppError> {
    Ok(doc(conn, &e.decision_id, &e.agency_id)?.and_then(|d| d.signer_id).unwrap_or_default())
}

/// Creates or refreshes a draft the engagement owns; an issued one is left alone.
fn redraft(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    existing: &Option<String>,
    input: crate::documents::repo::DraftInput,
) -> Result<String, AppError> {
    let fields = input.validate()?;
    match doc(conn, existing, agency_id)? {
        Some(d) if d.is_issued() => Ok(d.id),
        Some(d) => {
            docs::update_draft(conn, actor, &d.id, agency_id, fields, Some(d.version))?;
            Ok(d.id)
        }
        None => Ok(docs::create_draft(conn, actor, agency_id, fields)?.id),
    }
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
        let before = find(conn, id, agency_id)?;
        if let Some(v) = version
            && v != before.version
        {
            return Err(AppError::from(Code::StaleVersion));
        }
        let mut e = before.clone();
        let kind = e.kind();
        let outlet = crate::outlets::repo::find(conn, &e.outlet_id)?;
        match s {
            Step::Decide => {
                e.state = state_code(transition(conn, &e, Event::Decide)?).into();
                let d = doc(conn, &e.decision_id, agency_id)?.ok_or_else(|| AppError::from(Code::NoDecisionDraft))?;
                if !d.is_issued() {
                    docs::issue(conn, ctx.files, actor, &d.id, agency_id, ctx.base_url)?;
                }
                let issued = docs::find(conn, &d.id, agency_id)?;
                if kind == Kind::ThanhTra {
                    let on = issued.issued_on.unwrap_or_else(crate::time::today_vn);
                    e.step_deadline_id =
                        Some(track(conn, actor, &e, "Công bố quyết định thanh tra", "inspection.announce", on, None)?);
                }
            }
            Step::Announce(on) => {
                e.state = state_code(transition(conn, &e, Event::Announce)?).into();
                let decided = doc(conn, &e.decision_id, agency_id)?.and_then(|d| d.issued_on);
                if decided.is_some_and(|d| on < d) {
                    return Err(FieldErrors::one("date", Code::BeforeDecision).into());
                }
                let sd = e.step_deadline_id.take();
                close_deadline(conn, actor, &e, &sd)?;
                e.announced_on = Some(on);
                let unit = if e.duration_unit == "working" { Unit::WorkingDays } else { Unit::CalendarDays };
                let label = match kind {
                    Kind::ThanhTra => "Thời hạn thanh tra",
                    Kind::KiemTra => "Thời hạn kiểm tra",
                };
                e.period_deadline_id =
                    Some(track(conn, actor, &e, label, rule_code(kind), on, Some((e.duration as u32, unit)))?);
            }
            Step::StartOnSite => {
                e.state = state_code(transition(conn, &e, Event::StartOnSite)?).into();
                seed_findings(conn, &e)?;
            }
            Step::Suspend(from, reason) => {
                e.state = state_code(transition(conn, &e, Event::Suspend)?).into();
                e.suspended_before = true;
                if let Some(pid) = &e.period_deadline_id {
                    let adj = Adjustment::Pause { from, to: None, by: actor.name.clone(), at: now_vn(), reason };
                    deadlines_repo::adjust(conn, actor, pid, agency_id, adj)?;
                }
            }
            Step::Resume(on) => {
                e.state = state_code(transition(conn, &e, Event::Resume)?).into();
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
                if !matches!(e.state(), State::Announced | State::OnSite | State::Suspended) {
                    return Err(AppError::from(Code::ExtendOnlyRunning));
                }
                let pid = e.period_deadline_id.clone().ok_or_else(|| AppError::from(Code::NoPeriodToExtend))?;
                let rule = deadlines_repo::rule_in_force(conn, rule_code(kind), e.announced_on.unwrap_or_default())?;
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
                e.state = state_code(transition(conn, &e, Event::EndOnSite)?).into();
                if e.announced_on.is_some_and(|a| on < a) {
                    return Err(FieldErrors::one("date", Code::BeforeAnnouncement).into());
                }
                e.onsite_ended_on = Some(on);
                let pd = e.period_deadline_id.clone();
                close_deadline(conn, actor, &e, &pd)?;
                let lines = member_lines(conn, &e)?;
                let f = findings_of(conn, &e.id)?;
                let when = crate::documents::spec::date_words(on);
                e.minutes_id = Some(redraft(
                    conn,
                    actor,
                    agency_id,
                    &e.minutes_id,
                    compose::minutes(&e, &outlet, &lines, &f, &when),
                )?);
                if kind == Kind::ThanhTra {
                    e.step_deadline_id =
                        Some(track(conn, actor, &e, "Báo cáo kết quả thanh tra", "inspection.report", on, None)?);
                }
            }
            Step::SubmitReport => {
                e.state = state_code(transition(conn, &e, Event::SubmitReport)?).into();
                let f = findings_of(conn, &e.id)?;
                let v = violations_of(conn, &e.id)?;
                e.report_id =
                    Some(redraft(conn, actor, agency_id, &e.report_id, compose::report(&e, &outlet, &f, &v))?);
                let sd = e.step_deadline_id.take();
                close_deadline(conn, actor, &e, &sd)?;
                compose_conclusion(conn, actor, &mut e, &outlet)?;
                if kind == Kind::ThanhTra {
                    let today = crate::time::today_vn();
                    e.step_deadline_id =
                        Some(track(conn, actor, &e, "Ký kết luận thanh tra", "conclusion.sign", today, None)?);
                }
            }
            Step::ComposeConclusion => {
                if !matches!(e.state(), State::Report | State::DraftConclusion) {
                    return Err(AppError::from(Code::ConclusionAfterReport));
                }
                compose_conclusion(conn, actor, &mut e, &outlet)?;
            }
            Step::Appraise(on, note) => {
                if e.state() != State::DraftConclusion {
                    return Err(AppError::from(Code::AppraiseOnlyDraft));
                }
                e.appraised_on = Some(on);
                e.appraisal_note = note;
            }
            Step::SignConclusion => {
                e.state = state_code(transition(conn, &e, Event::SignConclusion)?).into();
                let d = doc(conn, &e.conclusion_id, agency_id)?
                    .ok_or_else(|| AppError::from(Code::ConclusionNotDrafted))?;
                if d.is_issued() {
                    return Err(AppError::from(Code::ConclusionAlreadyIssued));
                }
                let issued = docs::issue(conn, ctx.files, actor, &d.id, agency_id, ctx.base_url)?;
                e.signed_on = issued.issued_on;
                let sd = e.step_deadline_id.take();
                close_deadline(conn, actor, &e, &sd)?;
                if kind == Kind::ThanhTra {
                    let on = issued.issued_on.unwrap_or_else(crate::time::today_vn);
                    e.step_deadline_id =
                        Some(track(conn, actor, &e, "Công khai kết luận thanh tra", "conclusion.publish", on, None)?);
                }
            }
            Step::StartFollowUp => {
                e.state = state_code(transition(conn, &e, Event::StartFollowUp)?).into();
            }
            Step::Archive => {
                e.state = state_code(transition(conn, &e, Event::Archive)?).into();
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
                e.state = state_code(transition(conn, &e, Event::Cancel)?).into();
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
) -> Result<(), AppError> {
    let decision = doc(conn, &e.decision_id, &e.agency_id)?;
    let symbol = decision.as_ref().and_then(|d| d.symbol.clone()).unwrap_or_default();
    let f = findings_of(conn, &e.id)?;
    let v = violations_of(conn, &e.id)?;
    let r = recommendations_of(conn, &e.id)?;
    let signer = signer_of(conn, e)?;
    let input = compose::conclusion(e, outlet, &symbol, &f, &v, &r, &signer);
    e.conclusion_id = Some(redraft(conn, actor, &e.agency_id, &e.conclusion_id, input)?);
    Ok(())
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
        .set((
            engagements::state.eq(&e.state),
            engagements::decision_id.eq(&e.decision_id),
            engagements::minutes_id.eq(&e.minutes_id),
            engagements::report_id.eq(&e.report_id),
            engagements::conclusion_id.eq(&e.conclusion_id),
            engagements::announced_on.eq(e.announced_on),
            engagements::onsite_ended_on.eq(e.onsite_ended_on),
            engagements::signed_on.eq(e.signed_on),
            engagements::appraised_on.eq(e.appraised_on),
            engagements::appraisal_note.eq(&e.appraisal_note),
            engagements::suspended_before.eq(e.suspended_before),
            engagements::period_deadline_id.eq(&e.period_deadline_id),
            engagements::step_deadline_id.eq(&e.step_deadline_id),
            engagements::closing_reason.eq(&e.closing_reason),
            engagements::version.eq(e.version),
            engagements::updated_at.eq(e.updated_at),
        ))
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
    let c: super::catalogue::ChecklistRow =
        checklist_templates::table.find(cid).select(super::catalogue::ChecklistRow::as_select()).first(conn)?;
    for (i, it) in c.item_list().into_iter().enumerate() {
        diesel::insert_into(findings::table)
            .values(&FindingRow {
                id: uuid::Uuid::now_v7().to_string(),
                engagement_id: e.id.clone(),
                position: i as i32 + 1,
                item_code: it.code,
                item_text: it.text,
                legal_ref: it.legal_ref,
                result: "pending".into(),
                note: String::new(),
                recorded_by: None,
                recorded_at: None,
            })
            .execute(conn)?;
    }
    Ok(())
}

/// Filters for the dashboard.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EngagementFilter {
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub outlet_id: String,
    pub page: Option<i64>,
}

pub fn list(
    conn: &mut DbConnection,
    agency_id: &str,
    f: &EngagementFilter,
    paging: &crate::web::Paging,
) -> Result<(Vec<(EngagementRow, OutletRow)>, i64), AppError> {
    use crate::db::schema::outlets;
    let build = || {
        let mut q =
            engagements::table.inner_join(outlets::table).filter(engagements::agency_id.eq(agency_id)).into_boxed();
        if let Some(s) = parse_state(f.state.trim()) {
            q = q.filter(engagements::state.eq(state_code(s)));
        } else if f.state.trim() == "open" {
            q = q.filter(engagements::state.ne_all(["archived", "cancelled"]));
        }
        if let Some(k) = parse_kind(&f.kind) {
            q = q.filter(engagements::kind.eq(kind_code(k)));
        }
        if !f.outlet_id.trim().is_empty() {
            q = q.filter(engagements::outlet_id.eq(f.outlet_id.trim().to_string()));
        }
        for word in text::fold(&f.q).split_whitespace().take(10) {
            q = q.filter(outlets::search_text.like(format!("%{}%", text::escape_like(word))).escape('\\'));
        }
        q
    };
    let total: i64 = build().count().get_result(conn)?;
    let rows = build()
        .order(engagements::updated_at.desc())
        .limit(paging.per_page)
        .offset(paging.offset())
        .select((EngagementRow::as_select(), OutletRow::as_select()))
        .load(conn)?;
    Ok((rows, total))
}
