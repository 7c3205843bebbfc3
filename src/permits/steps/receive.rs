//! Receiving a dossier at the desk (tiếp nhận hồ sơ): its number and tracking code, the checklist
//! of what was handed in, the three clocks (completeness, and the legal and published deadlines
//! counted from receipt: a dossier found incomplete has them restarted when it is completed), the
//! receipt slip issued and mailed, one audit entry per row, all in one transaction.

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use serde::Deserialize;

use super::Ctx;
use super::letters::{self, Context};
use crate::audit::{self, Actor, AuditEntry};
use crate::calendar::steps::deadlines::{NewDeadline, track};
use crate::db::schema::{dossier_items, dossiers, permits};
use crate::db::{DbConnection, write_tx};
use crate::domain::input::{self as forms, ticked};
use crate::domain::text;
use crate::error::{AppError, Code, FieldErrors, Refusal};
use crate::permits::model::*;
use crate::permits::queries::{self as q, COMPLETENESS_LABEL, LEGAL_LABEL, PUBLISHED_LABEL, RECORD_TYPE};
use crate::permits::state::State;

/// What the desk types when a dossier arrives.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = DossierInput)]
pub struct ReceiveInput {
    /// A permit type's code (`GET /api/v1/permits/types`).
    #[serde(default, rename = "type")]
    #[schema(required = true, min_length = 1)]
    pub type_code: String,
    #[serde(default)]
    #[schema(value_type = Purpose)]
    pub purpose: String,
    /// For a renewal, re-issue or amendment: the permit of the register it follows.
    #[serde(default)]
    pub original_permit_id: String,
    /// The applicant, an outlet of the registry (create it there first when new).
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub outlet_id: String,
    /// The applicant's name as on the dossier; empty: the outlet's name.
    #[serde(default)]
    pub applicant: String,
    /// Where the slip, requests and the decision are mailed; empty: handed over or posted.
    #[serde(default)]
    pub contact_email: String,
    #[serde(default)]
    pub contact_phone: String,
    #[serde(default)]
    #[schema(value_type = Channel)]
    pub channel: String,
    /// YYYY-MM-DD or DD/MM/YYYY, not after today; empty: today.
    #[serde(default)]
    pub received_on: String,
    /// The codes of the documents handed in (the type's checklist).
    #[serde(default)]
    pub documents: Vec<String>,
    /// "true": checked at the desk and complete (the clocks run from receipt without a check step).
    #[serde(default)]
    pub complete: String,
}

/// A dossier's input, checked.
pub struct ValidDossier {
    pub type_code: String,
    pub purpose: Purpose,
    pub original_permit_id: Option<String>,
    pub outlet_id: String,
    pub applicant: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub channel: Channel,
    pub received_on: NaiveDate,
    pub documents: Vec<String>,
    pub complete: bool,
}

impl ReceiveInput {
    pub fn validate(&self) -> Result<ValidDossier, FieldErrors> {
        let mut e = FieldErrors::new();
        let today = crate::time::today_vn();
        let type_code = forms::line("type", &self.type_code, true, 60, &mut e);
        let purpose = match self.purpose.trim() {
            "" => Some(Purpose::New),
            p => forms::choice("purpose", p, Purpose::parse, &mut e),
        };
        let original = Some(self.original_permit_id.trim().to_string()).filter(|s| !s.is_empty());
        if purpose.is_some_and(|p| p != Purpose::New) && original.is_none() {
            e.add("original_permit_id", Code::Required);
        }
        let outlet_id = forms::line("outlet_id", &self.outlet_id, true, 60, &mut e);
        if !outlet_id.is_empty() && !text::is_plausible_id(&outlet_id) {
            e.add("outlet_id", Code::NotFound);
        }
        let applicant = forms::line("applicant", &self.applicant, false, 300, &mut e);
        let contact_email = forms::line("contact_email", &self.contact_email, false, 254, &mut e);
        if !contact_email.is_empty() && crate::domain::Email::parse(&contact_email).is_none() {
            e.push(crate::error::FieldError::with_arg("contact_email", Code::EmailInvalid, &contact_email));
        }
        let contact_phone = forms::line("contact_phone", &self.contact_phone, false, 30, &mut e);
        if !contact_phone.is_empty() && crate::domain::Phone::parse(&contact_phone).is_none() {
            e.add("contact_phone", Code::PhoneInvalid);
        }
        let channel = match self.channel.trim() {
            "" => Some(Channel::Desk),
            c => forms::choice("channel", c, Channel::parse, &mut e),
        };
        let received_on = forms::day("received_on", &self.received_on, false, today, &mut e).unwrap_or(today);
        let documents: Vec<String> =
            self.documents.iter().map(|d| d.trim().to_string()).filter(|d| !d.is_empty()).collect();
        e.into_result()?;
        let (Some(purpose), Some(channel)) = (purpose, channel) else {
            return Err(FieldErrors::one("purpose", Code::Required));
        };
        Ok(ValidDossier {
            type_code,
            purpose,
            original_permit_id: original.filter(|_| purpose != Purpose::New),
            outlet_id,
            applicant,
            contact_email,
            contact_phone,
            channel,
            received_on,
            documents,
            complete: ticked(&self.complete),
        })
    }
}

/// Eight characters the applicant can read out on the phone, shown as XXXX-XXXX (no 0/1/I/O).
pub fn new_tracking_code() -> String {
    format!("HS{}", crate::domain::ids::readable_code(2, 4))
}

/// The folded text a search matches.
pub fn search_text(d: &DossierRow, type_name: &str) -> String {
    text::fold(&[d.register_no(), d.tracking_code.clone(), d.applicant.clone(), type_name.to_string()].join(" "))
}

/// Starts the legal and published clocks of `d` from `start`; returns the published due day.
pub fn start_clocks(
    conn: &mut DbConnection,
    actor: &Actor,
    d: &DossierRow,
    t: &PermitTypeRow,
    start: NaiveDate,
) -> Result<NaiveDate, AppError> {
    let mut published = start;
    for (label, rule) in [(LEGAL_LABEL, &t.legal_rule), (PUBLISHED_LABEL, &t.published_rule)] {
        if crate::calendar::queries::rule_in_force(conn, rule, start)?.is_none() {
            return Err(AppError::Conflict(Refusal::new(Code::PermitRuleMissing).with("rule", rule.as_str())));
        }
        let row = track(
            conn,
            actor,
            NewDeadline {
                agency_id: d.agency_id.clone(),
                record_type: RECORD_TYPE.into(),
                record_id: d.id.clone(),
                label: label.into(),
                rule_code: Some(rule.clone()),
                start,
                duration: None,
                unit: None,
            },
        )?;
        if label == PUBLISHED_LABEL {
            published = row.due_date;
        }
    }
    Ok(published)
}

/// Issues the receipt slip promising the result by the published deadline.
pub fn issue_slip(
    conn: &mut DbConnection,
    ctx: &Ctx,
    actor: &Actor,
    d: &DossierRow,
    promised: NaiveDate,
) -> Result<(), AppError> {
    let c = Context::load(conn, actor, d)?;
    let rule = crate::calendar::queries::rule_in_force(conn, &c.t.legal_rule, d.complete_on.unwrap_or(d.received_on))?;
    let (n, unit) = rule.map(|r| (r.duration, r.unit)).unwrap_or((0, String::new()));
    let base = crate::installation::queries::public_address(conn, ctx.configured_base).unwrap_or_default();
    let status_url = if base.is_empty() { String::new() } else { format!("{base}/permits/status") };
    let input = crate::permits::compose::receipt(&c.letter(d), promised, n, &unit, &status_url);
    let cover = format!(
        "{} xin gửi Giấy tiếp nhận hồ sơ và hẹn trả kết quả đối với hồ sơ số {} (mã hồ sơ {}).",
        c.agency,
        d.register_no(),
        d.tracking_code
    );
    letters::issue_and_send(conn, ctx, actor, d, letters::RECEIPT, input, &cover)?;
    Ok(())
}

/// Receives a dossier: everything or nothing.
pub fn receive(
    conn: &mut DbConnection,
    ctx: &Ctx,
    actor: &Actor,
    agency_id: &str,
    v: ValidDossier,
) -> Result<DossierRow, AppError> {
    write_tx(conn, |conn| {
        let t = q::type_in_force(conn, &v.type_code, v.received_on)?.ok_or_else(|| {
            AppError::from(FieldErrors(vec![crate::error::FieldError::with_arg(
                "type",
                Code::PermitTypeNotInForce,
                v.received_on.format("%d/%m/%Y").to_string(),
            )]))
        })?;
        let outlet = crate::outlets::queries::find(conn, &v.outlet_id)
            .map_err(|_| AppError::from(FieldErrors::one("outlet_id", Code::NotFound)))?;
        if let Some(p) = &v.original_permit_id {
            let original = permits::table
                .filter(permits::id.eq(p))
                .filter(permits::agency_id.eq(agency_id))
                .select(PermitRow::as_select())
                .first(conn)
                .optional()?
                .ok_or_else(|| AppError::from(FieldErrors::one("original_permit_id", Code::NotFound)))?;
            if original.outlet_id != v.outlet_id
                || original.type_code != t.code
                || !matches!(original.status, PermitStatus::Valid | PermitStatus::Expired)
            {
                return Err(AppError::Conflict(
                    Refusal::new(Code::PermitNotRenewable).with("permit", original.symbol.as_str()),
                ));
            }
        }
        let documents = t.documents();
        if let Some(unknown) = v.documents.iter().find(|c| !documents.iter().any(|d| &d.code == *c)) {
            return Err(FieldErrors(vec![crate::error::FieldError::with_arg(
                "documents",
                Code::InvalidChoice,
                unknown,
            )])
            .into());
        }
        let year = v.received_on.year();
        let number = crate::documents::steps::issue::next_number(conn, agency_id, "dossier", year)?;
        let now = crate::time::now();
        let id = uuid::Uuid::now_v7().to_string();
        let applicant = if v.applicant.is_empty() { outlet.name.clone() } else { v.applicant.clone() };
        let mut row = DossierRow {
            id: id.clone(),
            agency_id: agency_id.to_string(),
            year,
            number,
            tracking_code: new_tracking_code(),
            permit_type_id: t.id.clone(),
            type_code: t.code.clone(),
            purpose: v.purpose,
            original_permit_id: v.original_permit_id.clone(),
            outlet_id: v.outlet_id.clone(),
            applicant,
            contact_email: v.contact_email.clone(),
            contact_phone: v.contact_phone.clone(),
            channel: v.channel,
            received_on: v.received_on,
            complete_on: None,
            state: State::Received,
            missing: String::new(),
            appraisal: String::new(),
            outcome_reason: String::new(),
            decided_on: None,
            on_time: Timeliness::Pending,
            officer_id: actor.user_id.clone(),
            search_text: String::new(),
            version: 1,
            created_by: actor.name.clone(),
            created_at: now,
            updated_at: now,
        };
        row.search_text = search_text(&row, &t.name_vi);
        let items: Vec<ItemRow> = documents
            .iter()
            .enumerate()
            .map(|(i, doc)| ItemRow {
                id: uuid::Uuid::now_v7().to_string(),
                dossier_id: id.clone(),
                position: i as i32 + 1,
                code: doc.code.clone(),
                name: doc.name_vi.clone(),
                required: !doc.optional,
                received: v.documents.contains(&doc.code),
                note: String::new(),
            })
            .collect();
        if v.complete {
            if items.iter().any(|i| i.required && !i.received) {
                return Err(FieldErrors::one("complete", Code::DossierDocumentsMissing).into());
            }
            row.state = State::Appraising;
            row.complete_on = Some(v.received_on);
        }
        diesel::insert_into(dossiers::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        for i in &items {
            diesel::insert_into(dossier_items::table).values(i).execute(conn)?;
        }
        if !v.complete {
            track(
                conn,
                actor,
                NewDeadline {
                    agency_id: agency_id.to_string(),
                    record_type: RECORD_TYPE.into(),
                    record_id: id.clone(),
                    label: COMPLETENESS_LABEL.into(),
                    rule_code: Some(t.completeness_rule.clone()),
                    start: v.received_on,
                    duration: None,
                    unit: None,
                },
            )?;
        }
        let promised = start_clocks(conn, actor, &row, &t, v.received_on)?;
        issue_slip(conn, ctx, actor, &row, promised)?;
        Ok(row)
    })
}
