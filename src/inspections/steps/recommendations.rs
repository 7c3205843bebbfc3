//! After the conclusion: sending it to the business, publication (portal within 10 days of signing,
//! kept at least 15 consecutive days, business secrets left out), and the follow-up of each
//! recommendation (kiến nghị) with reminders and evidence.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;

use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::db::schema::recommendations;
use crate::db::{DbConnection, write_tx};
use crate::domain::text;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::files::FileStore;
use crate::inspections::model::*;
use crate::inspections::queries as q;
use crate::inspections::state::{self, Work};

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationInput {
    #[schema(value_type = RecKind)]
    pub kind: String,
    /// Not blank, at most 2000 characters.
    #[schema(min_length = 1, max_length = 2000, pattern = "\\S")]
    pub text: String,
    /// Who must carry it out: not blank.
    #[schema(min_length = 1, pattern = "\\S")]
    pub responsible: String,
    /// Where reminders go (optional): an address with a dotted domain.
    #[serde(default)]
    #[schema(format = Email, max_length = 254)]
    pub responsible_email: String,
    /// YYYY-MM-DD.
    #[schema(format = Date)]
    pub due_date: String,
}

pub fn add_recommendation(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    engagement_id: &str,
    input: &RecommendationInput,
) -> Result<RecommendationRow, AppError> {
    let mut e = FieldErrors::new();
    let kind = RecKind::parse(&input.kind);
    if kind.is_none() {
        e.add("kind", Code::InvalidChoice);
    }
    let body = text::clean(&input.text);
    if body.is_empty() {
        e.add("text", Code::Required);
    } else if body.chars().count() > 2000 {
        e.push(FieldError::with_arg("text", Code::TooLong, 2000));
    }
    let responsible = text::clean(&input.responsible);
    if responsible.is_empty() {
        e.add("responsible", Code::Required);
    }
    let email = input.responsible_email.trim();
    if !email.is_empty() && crate::domain::Email::parse(email).is_none() {
        e.push(crate::error::FieldError::with_arg("responsible_email", Code::EmailInvalid, email));
    }
    let due = NaiveDate::parse_from_str(input.due_date.trim(), "%Y-%m-%d").ok();
    if due.is_none() {
        e.add("due_date", Code::DateInvalid);
    }
    e.into_result()?;
    write_tx(conn, |conn| {
        let eng = q::engagement(conn, engagement_id, agency_id)?;
        state::check(eng.kind(), eng.state(), Work::Recommend)?;
        let position: Option<i32> = recommendations::table
            .filter(recommendations::engagement_id.eq(engagement_id))
            .select(diesel::dsl::max(recommendations::position))
            .first(conn)?;
        let now = crate::time::now();
        let row = RecommendationRow {
            id: uuid::Uuid::now_v7().to_string(),
            engagement_id: engagement_id.into(),
            position: position.unwrap_or(0) + 1,
            kind: kind.unwrap_or(RecKind::Management),
            text: body.clone(),
            responsible: responsible.clone(),
            responsible_email: email.to_lowercase(),
            due_date: due.unwrap_or_default(),
            status: RecStatus::Pending,
            close_reason: String::new(),
            evidence_sha256: None,
            evidence_name: String::new(),
            reminders: 0,
            last_reminded_at: None,
            version: 1,
            created_at: now,
            updated_at: now,
            violation_id: None,
        };
        diesel::insert_into(recommendations::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        Ok(row)
    })
}

/// The recommendation to pay a fine, made with its sanction decision inside that step's
/// transaction: the violator pays within `days` of the decision (Luật XLVPHC Art. 73); recording
/// the payment settles it.
pub fn fine_to_pay(
    conn: &mut DbConnection,
    actor: &Actor,
    v: &ViolationRecRow,
    decision_symbol: &str,
    due_date: NaiveDate,
    email: &str,
) -> Result<RecommendationRow, AppError> {
    let position: Option<i32> = recommendations::table
        .filter(recommendations::engagement_id.eq(&v.engagement_id))
        .select(diesel::dsl::max(recommendations::position))
        .first(conn)?;
    let now = crate::time::now();
    let row = RecommendationRow {
        id: uuid::Uuid::now_v7().to_string(),
        engagement_id: v.engagement_id.clone(),
        position: position.unwrap_or(0) + 1,
        kind: RecKind::Fine,
        text: format!(
            "Nộp tiền phạt {} đồng theo Quyết định xử phạt vi phạm hành chính số {decision_symbol}",
            crate::inspections::compose::money(v.fine_amount.unwrap_or_default())
        ),
        responsible: v.offender_name.clone(),
        responsible_email: email.to_lowercase(),
        due_date,
        status: RecStatus::Pending,
        close_reason: String::new(),
        evidence_sha256: None,
        evidence_name: String::new(),
        reminders: 0,
        last_reminded_at: None,
        version: 1,
        created_at: now,
        updated_at: now,
        violation_id: Some(v.id.clone()),
    };
    diesel::insert_into(recommendations::table).values(&row).execute(conn)?;
    audit::record(conn, actor, AuditEntry::created(&row))?;
    Ok(row)
}

/// Settles the recommendation to pay a violation's fine once it is paid (in the payment's
/// transaction).
pub fn settle_fine(conn: &mut DbConnection, actor: &Actor, violation_id: &str) -> Result<(), AppError> {
    let open: Vec<RecommendationRow> = recommendations::table
        .filter(recommendations::violation_id.eq(violation_id))
        .select(RecommendationRow::as_select())
        .load(conn)?;
    for before in open.into_iter().filter(|r| !r.settled()) {
        let mut after = before.clone();
        after.status = RecStatus::Done;
        after.version += 1;
        after.updated_at = crate::time::now();
        diesel::update(recommendations::table.find(&before.id).filter(recommendations::version.eq(before.version)))
            .set(&after)
            .execute(conn)?;
        audit::record(conn, actor, AuditEntry::transition(&before, &after, AuditAction::Update))?;
    }
    Ok(())
}

fn find_rec(
    conn: &mut DbConnection,
    agency_id: &str,
    engagement_id: &str,
    id: &str,
) -> Result<(EngagementRow, RecommendationRow), AppError> {
    let eng = q::engagement(conn, engagement_id, agency_id)?;
    let r = recommendations::table
        .find(id)
        .filter(recommendations::engagement_id.eq(engagement_id))
        .select(RecommendationRow::as_select())
        .first(conn)?;
    Ok((eng, r))
}

fn save_rec(
    conn: &mut DbConnection,
    actor: &Actor,
    before: &RecommendationRow,
    mut r: RecommendationRow,
    action: AuditAction,
) -> Result<RecommendationRow, AppError> {
    r.version = before.version + 1;
    r.updated_at = crate::time::now();
    let n = diesel::update(recommendations::table.find(&r.id).filter(recommendations::version.eq(before.version)))
        .set(&r)
        .execute(conn)?;
    if n != 1 {
        return Err(AppError::from(Code::StaleVersion));
    }
    audit::record(conn, actor, AuditEntry::transition(before, &r, action))?;
    Ok(r)
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecStatusInput {
    /// `done` also needs evidence attached or a reason.
    #[schema(value_type = RecStatus)]
    pub status: String,
    /// Required to close without doing it, or when it cannot be done.
    #[serde(default)]
    pub reason: String,
}

impl RecStatusInput {
    /// Closing, or saying it cannot be done, needs a reason (the schema's `allOf` in the document).
    pub fn dependencies() -> Vec<serde_json::Value> {
        use crate::domain::openapi::{filled, when};
        vec![when("status", &["closed", "not_possible"], filled(&["reason"]))]
    }
}

pub fn set_status(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    engagement_id: &str,
    id: &str,
    input: &RecStatusInput,
) -> Result<RecommendationRow, AppError> {
    let status = RecStatus::parse(&input.status).ok_or_else(|| FieldErrors::one("status", Code::InvalidChoice))?;
    let reason = text::clean(&input.reason);
    if matches!(status, RecStatus::Closed | RecStatus::NotPossible) && reason.is_empty() {
        return Err(FieldErrors::one("reason", Code::Required).into());
    }
    write_tx(conn, |conn| {
        let (eng, before) = find_rec(conn, agency_id, engagement_id, id)?;
        state::check(eng.kind(), eng.state(), Work::FollowUp)?;
        if status == RecStatus::Done && before.evidence_sha256.is_none() && reason.is_empty() {
            return Err(FieldErrors::one("reason", Code::EvidenceOrNote).into());
        }
        let mut r = before.clone();
        r.status = status;
        r.close_reason = reason.clone();
        save_rec(conn, actor, &before, r, AuditAction::Update)
    })
}

pub fn attach_evidence(
    conn: &mut DbConnection,
    files: &dyn FileStore,
    actor: &Actor,
    agency_id: &str,
    (engagement_id, id): (&str, &str),
    (file_name, bytes): (&str, &[u8]),
) -> Result<RecommendationRow, AppError> {
    let content_type = crate::files::pdf_or_image(bytes).ok_or_else(|| FieldErrors::one("file", Code::EvidenceType))?;
    write_tx(conn, |conn| {
        let (_, before) = find_rec(conn, agency_id, engagement_id, id)?;
        let sha = files.put(conn, bytes, content_type)?;
        let mut r = before.clone();
        r.evidence_sha256 = Some(sha);
        r.evidence_name = text::clean(file_name).chars().take(200).collect();
        save_rec(conn, actor, &before, r, AuditAction::Upload)
    })
}

/// Sends a reminder (đôn đốc) to the responsible party through the outbox and counts it.
pub fn remind(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    engagement_id: &str,
    id: &str,
    from: &str,
    base_url: &str,
) -> Result<RecommendationRow, AppError> {
    write_tx(conn, |conn| {
        let (eng, before) = find_rec(conn, agency_id, engagement_id, id)?;
        if before.settled() {
            return Err(AppError::from(Code::RecommendationSettled));
        }
        let to = crate::domain::Email::parse(&before.responsible_email)
            .ok_or_else(|| AppError::from(FieldErrors::one("responsible_email", Code::Required)))?;
        let agency = crate::agencies::queries::find(conn, agency_id)?;
        let conclusion = match &eng.conclusion_id {
            Some(c) => crate::documents::queries::find(conn, c, agency_id)?.symbol.unwrap_or_default(),
            None => String::new(),
        };
        let body = format!(
            "Kính gửi: {}\n\n{} đề nghị thực hiện kiến nghị số {} tại Kết luận {}:\n\n  {}\n\nThời hạn: {}. Tình trạng hiện nay: {}.\nĐề nghị báo cáo kết quả thực hiện kèm tài liệu chứng minh.\n\n{}\n",
            before.responsible,
            agency.name,
            before.position,
            conclusion,
            before.text,
            before.due_date.format("%d/%m/%Y"),
            before.status.label(crate::i18n::Lang::Vi).to_lowercase(),
            agency.name
        );
        let domain = base_url
            .split("://")
            .nth(1)
            .unwrap_or("thanhtra.local")
            .split(['/', ':'])
            .next()
            .unwrap_or("thanhtra.local");
        crate::mail::enqueue(
            conn,
            crate::mail::NewMessage {
                agency_id: agency_id.into(),
                record_type: "recommendation".into(),
                record_id: before.id.clone(),
                from: from.into(),
                subject: format!("[{}] Đôn đốc thực hiện kiến nghị {}", agency.abbreviation, conclusion),
                body_text: body.clone(),
                body_html: format!(
                    "<pre style=\"font-family:inherit;white-space:pre-wrap\">{}</pre>",
                    html_escape(&body)
                ),
                attachments: Vec::new(),
                recipients: vec![to],
                created_by: actor.name.clone(),
                domain: domain.into(),
            },
        )?;
        let mut r = before.clone();
        r.reminders += 1;
        r.last_reminded_at = Some(crate::time::now());
        save_rec(conn, actor, &before, r, AuditAction::Remind)
    })
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
