//! Violations found during an engagement: the record (BB vi phạm hành chính) within its deadline,
//! the sanction decision (QĐ xử phạt) whose fine is checked against the range and the signer's
//! authority, then payment and remedies.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;

use super::advance::Ctx;
use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::calendar::steps::deadlines::{self as deadlines_repo, NewDeadline};
use crate::db::schema::{findings, violations};
use crate::db::{DbConnection, write_tx};
use crate::domain::text;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::inspections::compose::{self, RuleText};
use crate::inspections::model::*;
use crate::inspections::queries as q;
use crate::inspections::record::{RecordDetails, RecordInput};
use crate::inspections::sanctions::{self, FineError, Offender, Title};
use crate::inspections::state::{self, Work};

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ViolationInput {
    /// The non-compliant finding it comes from (optional).
    #[serde(default)]
    pub finding_id: String,
    /// A violation catalogue entry in force on the day it was found.
    pub rule_id: String,
    #[schema(value_type = Offender)]
    pub offender: String,
    /// Required for an individual; an organisation's is the outlet's name by default.
    #[serde(default)]
    pub offender_name: String,
    /// YYYY-MM-DD, not after today; left out: today.
    #[serde(default)]
    #[schema(format = Date)]
    pub detected_on: String,
    /// Not blank, at most 2000 characters.
    #[schema(min_length = 1, max_length = 2000, pattern = "\\S")]
    pub description: String,
    /// Empty: the catalogue entry's remedies.
    #[serde(default)]
    pub remedies: String,
    /// What the violation record states beyond the violation (NĐ 118/2021 Mẫu MBB01).
    #[serde(default)]
    pub record: RecordInput,
}

impl ViolationInput {
    /// An individual is named (the schema's `allOf` in the document).
    pub fn dependencies() -> Vec<serde_json::Value> {
        use crate::domain::openapi::{filled, when};
        vec![when("offender", &["individual"], filled(&["offender_name"]))]
    }
}

pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    engagement_id: &str,
    input: &ViolationInput,
) -> Result<ViolationRecRow, AppError> {
    let mut e = FieldErrors::new();
    let offender = Offender::parse(&input.offender);
    if offender.is_none() {
        e.add("offender", Code::InvalidChoice);
    }
    let offender = offender.unwrap_or(Offender::Organisation);
    let today = crate::time::today_vn();
    let detected_on = match input.detected_on.trim() {
        "" => Some(today),
        s => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().filter(|d| *d <= today),
    };
    if detected_on.is_none() {
        e.add("detected_on", Code::DateInvalid);
    }
    let description = text::clean(&input.description);
    if description.is_empty() {
        e.add("description", Code::Required);
    } else if description.chars().count() > 2000 {
        e.push(FieldError::with_arg("description", Code::TooLong, 2000));
    }
    if input.rule_id.trim().is_empty() {
        e.add("rule_id", Code::Required);
    }
    e.into_result()?;
    let detected_on = detected_on.unwrap_or(today);
    write_tx(conn, |conn| {
        let eng = q::engagement(conn, engagement_id, agency_id)?;
        state::check(eng.kind(), eng.state(), Work::RecordViolations)?;
        let r = q::violation_rule(conn, input.rule_id.trim())
            .map_err(|_| AppError::from(FieldErrors::one("rule_id", Code::InvalidChoice)))?;
        if r.valid_from > detected_on || r.valid_to.is_some_and(|t| detected_on > t) {
            return Err(FieldErrors::one("rule_id", Code::RuleNotInForce).into());
        }
        // A rule of the engagement's own sector.
        if r.sector_code != eng.sector_code {
            return Err(FieldErrors::one("rule_id", Code::InvalidChoice).into());
        }
        let finding_id = Some(input.finding_id.trim().to_string()).filter(|s| !s.is_empty());
        if let Some(f) = &finding_id {
            let result: Option<String> = findings::table
                .find(f)
                .filter(findings::engagement_id.eq(engagement_id))
                .select(findings::result)
                .first(conn)
                .optional()?;
            match result.as_deref() {
                Some("non_compliant") => {}
                Some(_) => return Err(FieldErrors::one("finding_id", Code::FindingNotNonCompliant).into()),
                None => return Err(FieldErrors::one("finding_id", Code::InvalidChoice).into()),
            }
        }
        let outlet = crate::outlets::queries::find(conn, &eng.outlet_id)?;
        let offender_name = match text::clean(&input.offender_name) {
            n if n.is_empty() && offender == Offender::Organisation => outlet.name.clone(),
            n if n.is_empty() => return Err(FieldErrors::one("offender_name", Code::Required).into()),
            n => n,
        };
        let remedies = match text::clean(&input.remedies) {
            x if x.is_empty() => r.remedies.clone(),
            x => x,
        };
        let explanation_due = r.rule().explanation_due(offender);
        let mut details =
            input.record.validate(crate::time::now(), detected_on, explanation_due).map_err(AppError::from)?;
        let maker = record_maker(conn, actor, agency_id, &details.maker_id)?;
        details.maker_id = maker.id.clone();
        details.maker_name = maker.display_name();
        details.maker_title = maker.official_title.clone();
        if details.representative.is_empty() && offender == Offender::Organisation {
            details.representative = outlet.legal_representative.clone();
        }
        if details.place.is_empty() {
            details.place = compose::address(&outlet);
        }
        let now = crate::time::now();
        let mut row = ViolationRecRow {
            id: uuid::Uuid::now_v7().to_string(),
            agency_id: agency_id.into(),
            engagement_id: engagement_id.into(),
            finding_id,
            outlet_id: outlet.id.clone(),
            rule_id: r.id.clone(),
            offender,
            offender_name,
            detected_on,
            description: description.clone(),
            status: ViolationStatus::Detected,
            record_id: None,
            decision_id: None,
            fine_amount: None,
            signer_title: None,
            remedies,
            payment_status: PaymentStatus::Unpaid,
            paid_on: None,
            remedy_status: RemedyStatus::None,
            deadline_id: None,
            version: 1,
            created_by: actor.name.clone(),
            created_at: now,
            updated_at: now,
            record_details: serde_json::to_string(&details).map_err(anyhow::Error::from)?,
            paid_amount: None,
            receipt_no: String::new(),
        };
        let input = record_draft(conn, &eng, &row, &r, &outlet, &details)?;
        let doc = crate::documents::steps::draft::create_draft(conn, actor, agency_id, input.validate()?)?;
        row.record_id = Some(doc.id);
        let d = deadlines_repo::track(
            conn,
            actor,
            NewDeadline {
                agency_id: agency_id.into(),
                record_type: "violation".into(),
                record_id: row.id.clone(),
                label: "deadline.label.violation_record".into(),
                rule_code: Some("violation.record".into()),
                start: detected_on,
                duration: None,
                unit: None,
            },
        )?;
        row.deadline_id = Some(d.id);
        diesel::insert_into(violations::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        Ok(row)
    })
}

/// The official who makes the record: the one named, else the person recording it; an active user
/// of the agency (any official on duty may make a record, Luật XLVPHC Art. 58).
fn record_maker(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    maker_id: &str,
) -> Result<crate::users::model::UserRow, AppError> {
    let id = if maker_id.is_empty() { actor.user_id.clone().unwrap_or_default() } else { maker_id.to_string() };
    match crate::users::queries::find(conn, &id) {
        Ok(u) if u.agency_id == agency_id && !u.disabled => Ok(u),
        _ => Err(FieldErrors::one("maker_id", Code::InvalidChoice).into()),
    }
}

/// The record's draft from the violation and its details.
fn record_draft(
    conn: &mut DbConnection,
    eng: &EngagementRow,
    v: &ViolationRecRow,
    r: &crate::inspections::catalogue::ViolationRow,
    outlet: &crate::outlets::model::OutletRow,
    details: &RecordDetails,
) -> Result<crate::documents::model::DraftInput, AppError> {
    let decree = q::decree_of(conn, r)?;
    let trail = q::trail(conn, eng)?;
    let basis = match &trail.decision {
        Some(c) => format!(
            "{}; kết quả {} tại cơ sở",
            c.cite("Quyết định"),
            eng.kind().label(crate::i18n::Lang::Vi).to_lowercase()
        ),
        None => format!("kết quả {} tại cơ sở", eng.kind().label(crate::i18n::Lang::Vi).to_lowercase()),
    };
    let authority =
        trail.decision.as_ref().map(|c| c.issuer.clone()).unwrap_or_else(|| "người có thẩm quyền xử phạt".into());
    let on = v.detected_on;
    let mut days = |code: &str, fallback: u32| -> Result<u32, AppError> {
        Ok(crate::calendar::queries::rule_in_force(conn, code, on)?.map(|x| x.duration as u32).unwrap_or(fallback))
    };
    let explanation_days = (days("sanction.explanation", 5)?, days("sanction.hearing_request", 2)?);
    let rt = RuleText { rule: r, decree: decree.as_ref() };
    let c = compose::RecordContext { basis: &basis, agency: &trail.agency, authority: &authority, explanation_days };
    Ok(compose::violation_record(v, &rt, outlet, details, &c))
}

pub(super) fn save(
    conn: &mut DbConnection,
    actor: &Actor,
    before: &ViolationRecRow,
    mut v: ViolationRecRow,
    action: AuditAction,
) -> Result<ViolationRecRow, AppError> {
    v.version = before.version + 1;
    v.updated_at = crate::time::now();
    let n = diesel::update(violations::table.find(&v.id).filter(violations::version.eq(before.version)))
        .set(&v)
        .execute(conn)?;
    if n != 1 {
        return Err(AppError::from(Code::StaleVersion));
    }
    audit::record(conn, actor, AuditEntry::transition(before, &v, action))?;
    Ok(v)
}

/// Issues the violation record (numbered minutes) and starts the sanction-decision deadline.
/// Any official on duty may make a record (Luat XLVPHC Art. 58): those who issue documents for the
/// agency, or a member of the engagement's team (`team_only`: the actor must be one).
pub fn issue_record(
    conn: &mut DbConnection,
    ctx: &Ctx,
    actor: &Actor,
    agency_id: &str,
    id: &str,
    team_only: bool,
) -> Result<ViolationRecRow, AppError> {
    write_tx(conn, |conn| {
        let before = q::violation(conn, id, agency_id)?;
        if team_only {
            let me = actor.user_id.clone().unwrap_or_default();
            let on_team = q::members(conn, &before.engagement_id)?.iter().any(|(m, _)| m.user_id.as_str() == me);
            if !on_team {
                return Err(AppError::Forbidden);
            }
        }
        if before.status != ViolationStatus::Detected {
            return Err(AppError::from(Code::RecordAlreadyIssued));
        }
        let rec = before.record_id.clone().ok_or_else(|| AppError::from(Code::NoRecordDrafted))?;
        let doc = crate::documents::steps::issue::issue(conn, ctx.files, actor, &rec, agency_id, ctx.base_url)?;
        if let Some(d) = &before.deadline_id {
            deadlines_repo::close(conn, actor, d, agency_id)?;
        }
        let d = deadlines_repo::track(
            conn,
            actor,
            NewDeadline {
                agency_id: agency_id.into(),
                record_type: "violation".into(),
                record_id: before.id.clone(),
                label: "deadline.label.sanction".into(),
                rule_code: Some("sanction.decision".into()),
                start: doc.issued_on.unwrap_or_else(crate::time::today_vn),
                duration: None,
                unit: None,
            },
        )?;
        let mut v = before.clone();
        v.status = ViolationStatus::Recorded;
        v.deadline_id = Some(d.id);
        save(conn, actor, &before, v, AuditAction::Issue)
    })
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SanctionInput {
    /// The fine in VND: a whole number above zero, digits optionally grouped by thousands with `.`,
    /// `,` or a space (`7500000`, `7.500.000`). It must lie in the catalogue entry's range and
    /// within the signer's authority.
    #[schema(pattern = "^[1-9][0-9]{0,2}(?:[., ]?[0-9]{3}){0,5}$", examples("7500000"))]
    pub amount: String,
    /// The agency signer who signs the decision: not blank.
    #[schema(min_length = 1, pattern = "\\S")]
    pub signer_id: String,
    /// The sanctioning title the signer acts under.
    #[schema(value_type = Title)]
    pub authority: String,
    /// Aggravating circumstances; empty: none. At most 1000 characters.
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub aggravating: String,
    /// Mitigating circumstances; empty: none. At most 1000 characters.
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub mitigating: String,
    /// Days to carry out the remedies, 1–365; empty: left to fill in.
    #[serde(default)]
    #[schema(pattern = "^(?:[1-9][0-9]{0,2})?$")]
    pub remedy_days: String,
}

pub fn parse_title(s: &str) -> Option<Title> {
    serde_json::from_value(serde_json::Value::String(s.trim().to_string())).ok()
}

pub const TITLES: [Title; 6] = [
    Title::DepartmentDirector,
    Title::ChiefProvincialInspector,
    Title::ChairmanProvince,
    Title::ProvincialInspectionTeamLeader,
    Title::ProvincialInspector,
    Title::DepartmentCheckTeamLeader,
];

pub fn title_code(t: Title) -> String {
    serde_json::to_value(t).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn fine_error(e: FineError) -> FieldErrors {
    let money = compose::money;
    FieldErrors(vec![match e {
        FineError::OutOfRange { min, max, .. } => {
            FieldError::with_arg("amount", Code::FineOutOfRange, format!("{} – {} đ", money(min), money(max)))
        }
        FineError::NoAuthority => FieldError::new("authority", Code::NoSanctionAuthority),
        FineError::OverAuthority { limit, .. } => {
            FieldError::with_arg("amount", Code::FineOverAuthority, format!("{} đ", money(limit)))
        }
        FineError::RuleNotInForce => FieldError::new("rule_id", Code::RuleNotInForce),
    }])
}

/// Checks the fine, composes the sanction decision and issues it, in one transaction.
pub fn sanction(
    conn: &mut DbConnection,
    ctx: &Ctx,
    actor: &Actor,
    agency_id: &str,
    id: &str,
    input: &SanctionInput,
) -> Result<ViolationRecRow, AppError> {
    let mut e = FieldErrors::new();
    let amount = input.amount.trim().replace(['.', ',', ' '], "").parse::<i64>().ok().filter(|a| *a > 0);
    if amount.is_none() {
        e.add("amount", Code::NumberInvalid);
    }
    let title = parse_title(&input.authority);
    if title.is_none() {
        e.add("authority", Code::InvalidChoice);
    }
    if input.signer_id.trim().is_empty() {
        e.add("signer_id", Code::Required);
    }
    let remedy_days = match input.remedy_days.trim() {
        "" => None,
        s => match s.parse::<u32>().ok().filter(|n| (1..=365).contains(n)) {
            Some(n) => Some(n),
            None => {
                e.add("remedy_days", Code::OutOfRange);
                None
            }
        },
    };
    for (field, text) in [("aggravating", &input.aggravating), ("mitigating", &input.mitigating)] {
        if text.chars().count() > 1000 {
            e.push(FieldError::with_arg(field, Code::TooLong, 1000));
        }
    }
    e.into_result()?;
    let (amount, title) = (amount.unwrap_or_default(), title.unwrap_or(Title::DepartmentDirector));
    write_tx(conn, |conn| {
        let before = q::violation(conn, id, agency_id)?;
        match before.status.code() {
            "recorded" => {}
            "detected" => {
                return Err(AppError::from(Code::RecordBeforeSanction));
            }
            _ => return Err(AppError::from(Code::SanctionAlreadyIssued)),
        }
        let r = q::violation_rule(conn, &before.rule_id)?;
        let today = crate::time::today_vn();
        let who = if before.offender == Offender::Individual { Offender::Individual } else { Offender::Organisation };
        let (cap, _) = q::field_cap(conn, &r.sector_code, today)?
            .ok_or_else(|| AppError::from(crate::error::Refusal::new(Code::NoFineCap).with("", &r.sector_code)))?;
        // The rule must be in force when the act was found; authority is judged on the signing day.
        let mut rule_then = r.rule();
        if rule_then.valid_from <= before.detected_on && rule_then.valid_to.is_none_or(|t| before.detected_on <= t) {
            rule_then.valid_to = None;
        }
        sanctions::check_fine(&rule_then, who, amount, title, cap, &sanctions::default_authority(), today)
            .map_err(fine_error)?;
        // A decision cites the point, clause and article applied (NĐ 118/2021 Mẫu MQĐ02, (8)).
        let decree = q::decree_of(conn, &r)?;
        if r.provision().is_none() {
            let name = decree.as_ref().map(|d| d.short()).unwrap_or_else(|| r.decree.clone());
            return Err(AppError::Conflict(
                crate::error::Refusal::new(Code::ArticleNotIdentified).with("decree", name),
            ));
        }
        let agency = crate::agencies::queries::find(conn, agency_id)?;
        if agency.treasury_name.trim().is_empty() || agency.treasury_account.trim().is_empty() {
            return Err(AppError::Conflict(
                crate::error::Refusal::new(Code::TreasuryMissing).with("agency", agency_id),
            ));
        }
        // A deputy signs for the head only under the head's written delegation (Luật XLVPHC
        // Art. 54), which the decision cites as its last basis (Mẫu MQĐ02).
        let signer =
            crate::agencies::queries::signers(conn, agency_id)?.into_iter().find(|s| s.id == input.signer_id.trim());
        if let Some(r) = signer.as_ref().and_then(|s| s.delegation_missing()) {
            return Err(AppError::Conflict(r));
        }
        let delegation = signer.filter(|s| s.signs_for_head()).map(|s| s.sanction_delegation).unwrap_or_default();
        let outlet = crate::outlets::queries::find(conn, &before.outlet_id)?;
        let record = match &before.record_id {
            Some(rid) => Some(crate::documents::queries::find(conn, rid, agency_id)?),
            None => None,
        };
        let bases = crate::documents::defaults::load_form(crate::documents::spec::Form::SanctionDecision).bases;
        let bases: Vec<String> = bases.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
        let executor = crate::documents::spec::name_in_text(&agency.name);
        let s = compose::Sanction {
            amount,
            signer_id: input.signer_id.trim(),
            record_symbol: record.as_ref().and_then(|d| d.symbol.as_deref()).unwrap_or(""),
            record_date: record.as_ref().and_then(|d| d.issued_on),
            treasury: agency.treasury_name.trim(),
            account: agency.treasury_account.trim(),
            aggravating: input.aggravating.trim(),
            mitigating: input.mitigating.trim(),
            remedy_days,
            executor: &executor,
            bases: &bases,
            delegation: &delegation,
        };
        let rt = RuleText { rule: &r, decree: decree.as_ref() };
        let draft = compose::sanction_decision(&before, &rt, &outlet, &before.details(), &s);
        let doc = crate::documents::steps::draft::create_draft(conn, actor, agency_id, draft.validate()?)?;
        let doc = crate::documents::steps::issue::issue(conn, ctx.files, actor, &doc.id, agency_id, ctx.base_url)?;
        if let Some(d) = &before.deadline_id {
            deadlines_repo::close(conn, actor, d, agency_id)?;
        }
        let mut v = before.clone();
        v.status = ViolationStatus::Decided;
        v.decision_id = Some(doc.id.clone());
        v.fine_amount = Some(amount);
        v.signer_title = Some(title_code(title));
        v.remedy_status = if v.remedies.is_empty() { RemedyStatus::None } else { RemedyStatus::Pending };
        v.deadline_id = None;
        let v = save(conn, actor, &before, v, AuditAction::Issue)?;
        // The fine is to be paid within 10 days (Luật XLVPHC Art. 73): followed up like any
        // recommendation, settled when the payment is recorded.
        let issued = doc.issued_on.unwrap_or(today);
        let email = outlet.emails().first().cloned().unwrap_or_default();
        let symbol = doc.symbol.clone().unwrap_or_default();
        super::recommendations::fine_to_pay(conn, actor, &v, &symbol, issued + chrono::Days::new(10), &email)?;
        Ok(v)
    })
}

pub fn status_label(s: &str) -> &'static str {
    match s {
        "detected" => "Phát hiện, chưa lập biên bản",
        "recorded" => "Đã lập biên bản",
        "decided" => "Đã ra quyết định xử phạt",
        _ => "Đã chấp hành xong",
    }
}
