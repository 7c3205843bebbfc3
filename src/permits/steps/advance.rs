//! One step of a dossier (complete, return, resume, appraise, issue, refuse, withdraw): the state
//! machine's answer, the checklist ticked, the clocks closed or restarted, the documents issued and
//! mailed, the permit entered in the register, and the audit entry, in one transaction.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;

use super::Ctx;
use super::letters::{self, Context};
use crate::audit::model::change;
use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::calendar::steps::deadlines as dl;
use crate::db::schema::{dossier_items, dossiers, permits};
use crate::db::{DbConnection, write_tx};
use crate::domain::input as forms;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::permits::model::*;
use crate::permits::queries::{self as q, COMPLETENESS_LABEL, LEGAL_LABEL, PUBLISHED_LABEL};
use crate::permits::rules;
use crate::permits::state::{self, Event};

/// A step as a person asks for it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = DossierStepInput)]
pub struct StepInput {
    #[schema(value_type = Event)]
    pub step: String,
    /// resume: the day what was missing arrived (YYYY-MM-DD or DD/MM/YYYY, not after today); empty:
    /// today. Other steps happen today.
    #[serde(default)]
    pub date: String,
    /// return: what is missing, one item per line; appraise: the finding; refuse, withdraw: the
    /// reasons.
    #[serde(default)]
    pub reason: String,
    /// complete, resume: the codes of the documents now handed in.
    #[serde(default)]
    pub documents: Vec<String>,
    /// issue: what the permit allows, in a line (e.g. the services, the products printed).
    #[serde(default)]
    pub scope: String,
    /// issue: an earlier end of validity than the type allows (YYYY-MM-DD); empty: the full term.
    #[serde(default)]
    pub valid_until: String,
    /// The dossier's version as the page showed it; a stale one is refused.
    #[serde(default)]
    pub version: Option<i32>,
}

/// A step, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub event: Event,
    pub on: NaiveDate,
    pub reason: String,
    pub documents: Vec<String>,
    pub scope: String,
    pub valid_until: Option<NaiveDate>,
}

impl StepInput {
    pub fn parse(&self) -> Result<Step, FieldErrors> {
        let mut e = FieldErrors::new();
        let event = Event::parse(&self.step);
        if event.is_none() {
            e.add("step", Code::InvalidChoice);
        }
        let today = crate::time::today_vn();
        let on = match event {
            Some(Event::Resume) => forms::day("date", &self.date, false, today, &mut e).unwrap_or(today),
            _ => today,
        };
        let needs_reason = matches!(event, Some(Event::Return | Event::Appraise | Event::Refuse | Event::Withdraw));
        let reason = forms::block("reason", &self.reason, needs_reason, 4000, &mut e);
        let scope = forms::line("scope", &self.scope, false, 500, &mut e);
        let valid_until = match self.valid_until.trim() {
            "" => None,
            s => match NaiveDate::parse_from_str(s, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y")) {
                Ok(d) => Some(d),
                Err(_) => {
                    e.add("valid_until", Code::DateInvalid);
                    None
                }
            },
        };
        e.into_result()?;
        let event = event.ok_or_else(|| FieldErrors::one("step", Code::InvalidChoice))?;
        let documents = self.documents.iter().map(|d| d.trim().to_string()).filter(|d| !d.is_empty()).collect();
        Ok(Step { event, on, reason, documents, scope, valid_until })
    }
}

/// Closes the dossier's running clock with this label, if it has one; returns its due day.
fn close_clock(
    conn: &mut DbConnection,
    actor: &Actor,
    d: &DossierRow,
    label: &str,
) -> Result<Option<NaiveDate>, AppError> {
    match q::open_clock(conn, &d.id, label)? {
        Some(c) => {
            dl::close(conn, actor, c.id.as_ref(), &d.agency_id)?;
            Ok(Some(c.due_date))
        }
        None => Ok(None),
    }
}

/// Ticks the documents now handed in; refuses a code not on the checklist.
fn tick(conn: &mut DbConnection, actor: &Actor, d: &DossierRow, codes: &[String]) -> Result<(), AppError> {
    let items = q::items(conn, &d.id)?;
    if let Some(unknown) = codes.iter().find(|c| !items.iter().any(|i| &i.code == *c)) {
        return Err(FieldErrors(vec![FieldError::with_arg("documents", Code::InvalidChoice, unknown)]).into());
    }
    for before in items.iter().filter(|i| !i.received && codes.contains(&i.code)) {
        let mut after = before.clone();
        after.received = true;
        diesel::update(dossier_items::table.find(&before.id)).set(&after).execute(conn)?;
        if let Some(entry) = AuditEntry::updated(before, &after) {
            audit::record(conn, actor, entry)?;
        }
    }
    Ok(())
}

/// Takes one step: everything or nothing.
pub fn step(
    conn: &mut DbConnection,
    ctx: &Ctx,
    actor: &Actor,
    id: &str,
    agency_id: &str,
    input: &StepInput,
) -> Result<DossierRow, AppError> {
    let st = input.parse()?;
    write_tx(conn, |conn| {
        let before = q::dossier(conn, id, agency_id)?;
        if let Some(v) = input.version
            && v != before.version
        {
            return Err(AppError::Conflict(Code::StaleVersion.into()));
        }
        if st.on < before.received_on {
            return Err(FieldErrors::one("date", Code::DateOrder).into());
        }
        let t = q::type_version(conn, &before.permit_type_id)?;
        if matches!(st.event, Event::Complete | Event::Resume) {
            tick(conn, actor, &before, &st.documents)?;
        }
        let f = q::facts(conn, &before, &t)?;
        let to = state::next(before.state, st.event, f).map_err(AppError::Conflict)?;
        let mut after = before.clone();
        after.state = to;
        let mut extra = vec![change("on", serde_json::Value::Null, st.on.to_string())];
        match st.event {
            Event::Complete => {
                close_clock(conn, actor, &before, COMPLETENESS_LABEL)?;
                after.complete_on = Some(before.received_on);
            }
            Event::Return => {
                for label in [COMPLETENESS_LABEL, LEGAL_LABEL, PUBLISHED_LABEL] {
                    close_clock(conn, actor, &before, label)?;
                }
                after.missing = st.reason.clone();
            }
            Event::Resume => {
                after.complete_on = Some(st.on);
                after.missing = String::new();
            }
            Event::Appraise => after.appraisal = st.reason.clone(),
            Event::Issue | Event::Refuse | Event::Withdraw => {
                close_clock(conn, actor, &before, COMPLETENESS_LABEL)?;
                close_clock(conn, actor, &before, PUBLISHED_LABEL)?;
                let legal_due = close_clock(conn, actor, &before, LEGAL_LABEL)?;
                after.decided_on = Some(st.on);
                if st.event != Event::Issue {
                    after.outcome_reason = st.reason.clone();
                }
                if st.event != Event::Withdraw {
                    after.on_time = legal_due.map(|due| rules::timeliness(st.on, due)).unwrap_or(Timeliness::OnTime);
                }
            }
        }
        after.version += 1;
        after.updated_at = crate::time::now();
        diesel::update(dossiers::table.find(&before.id)).set(&after).execute(conn)?;
        if !st.reason.is_empty() && !matches!(st.event, Event::Appraise | Event::Return) {
            extra.push(change("reason", serde_json::Value::Null, st.reason.clone()));
        }
        let mut entry = AuditEntry::transition(&before, &after, AuditAction::Transition);
        entry.changes.extend(extra);
        audit::record(conn, actor, entry)?;
        match st.event {
            Event::Return => {
                let c = Context::load(conn, actor, &after)?;
                let input = crate::permits::compose::request(&c.letter(&after), st.on, &st.reason);
                let cover = format!(
                    "{} đề nghị bổ sung, hoàn thiện hồ sơ số {} (mã hồ sơ {}) theo phiếu gửi kèm.",
                    c.agency,
                    after.register_no(),
                    after.tracking_code
                );
                letters::issue_and_send(conn, ctx, actor, &after, letters::REQUEST, input, &cover)?;
            }
            Event::Resume => {
                let promised = super::receive::start_clocks(conn, actor, &after, &t, st.on)?;
                super::receive::issue_slip(conn, ctx, actor, &after, promised)?;
            }
            Event::Issue => issue_permit(conn, ctx, actor, &after, &t, &st)?,
            Event::Refuse => {
                let c = Context::load(conn, actor, &after)?;
                let input = crate::permits::compose::refusal(&c.letter(&after), st.on, &st.reason);
                let cover = format!(
                    "{} gửi văn bản trả lời hồ sơ số {} (mã hồ sơ {}).",
                    c.agency,
                    after.register_no(),
                    after.tracking_code
                );
                letters::issue_and_send(conn, ctx, actor, &after, letters::REFUSAL, input, &cover)?;
            }
            Event::Complete | Event::Appraise | Event::Withdraw => {}
        }
        Ok(after)
    })
}

/// The certificate issued and mailed, and the permit entered in the register (replacing the one a
/// renewal, re-issue or amendment follows).
fn issue_permit(
    conn: &mut DbConnection,
    ctx: &Ctx,
    actor: &Actor,
    d: &DossierRow,
    t: &PermitTypeRow,
    st: &Step,
) -> Result<(), AppError> {
    let valid_until = rules::valid_until(st.on, t.validity_months, st.valid_until).map_err(|max| {
        AppError::from(FieldErrors(vec![FieldError::with_arg(
            "valid_until",
            Code::PermitValidity,
            max.map(|m| m.format("%d/%m/%Y").to_string()).unwrap_or_else(|| "—".into()),
        )]))
    })?;
    let c = Context::load(conn, actor, d)?;
    let input = crate::permits::compose::certificate(&c.letter(d), valid_until, &st.scope);
    let cover = format!("{} gửi {} (hồ sơ số {}).", c.agency, t.name_vi.to_lowercase(), d.register_no());
    let doc = letters::issue_and_send(conn, ctx, actor, d, letters::CERTIFICATE, input, &cover)?;
    let now = crate::time::now();
    let row = PermitRow {
        id: uuid::Uuid::now_v7().to_string(),
        agency_id: d.agency_id.clone(),
        type_code: t.code.clone(),
        permit_type_id: t.id.clone(),
        dossier_id: d.id.clone(),
        outlet_id: d.outlet_id.clone(),
        holder: d.applicant.clone(),
        document_id: doc.id.to_string(),
        symbol: doc.symbol.clone().unwrap_or_default(),
        issued_on: doc.issued_on.unwrap_or(st.on),
        valid_until,
        status: PermitStatus::Valid,
        replaces_id: d.original_permit_id.clone(),
        reminded_on: None,
        created_at: now,
        updated_at: now,
    };
    diesel::insert_into(permits::table).values(&row).execute(conn)?;
    audit::record(conn, actor, AuditEntry::created(&row))?;
    if let Some(original) = &d.original_permit_id {
        let before = q::permit(conn, original, &d.agency_id)?;
        let mut after = before.clone();
        after.status = PermitStatus::Replaced;
        after.updated_at = now;
        diesel::update(permits::table.find(&before.id)).set(&after).execute(conn)?;
        audit::record(conn, actor, AuditEntry::transition(&before, &after, AuditAction::Transition))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_ask_for_what_they_need() {
        let i = |step: &str, reason: &str| StepInput { step: step.into(), reason: reason.into(), ..Default::default() };
        assert!(i("complete", "").parse().is_ok());
        assert_eq!(i("return", "").parse().unwrap_err().0[0].field, "reason");
        assert_eq!(i("refuse", " ").parse().unwrap_err().0[0].field, "reason");
        assert_eq!(i("appraise", "").parse().unwrap_err().0[0].field, "reason");
        assert_eq!(i("fly", "").parse().unwrap_err().0[0].field, "step");
        let bad = StepInput { step: "issue".into(), valid_until: "31/02/2027".into(), ..Default::default() };
        assert_eq!(bad.parse().unwrap_err().0[0].field, "valid_until");
    }
}
