//! After the conclusion: sending it to the business, publication (portal within 10 days of signing,
//! kept at least 15 consecutive days, business secrets left out), and the follow-up of each
//! recommendation (kiến nghị) with reminders and evidence.

use chrono::{Days, NaiveDate};
use diesel::prelude::*;
use serde::Deserialize;

use super::engagements::{Ctx, find, save};
use super::model::*;
use super::state::{Event, Kind, State};
use crate::audit::{self, Actor, AuditAction, AuditEntry, model::change};
use crate::db::schema::{publications, recommendations};
use crate::db::{DbConnection, write_tx};
use crate::domain::text;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::files::FileStore;

/// Days a conclusion stays on the portal at least (NĐ 43/2023 Art. 48; kept under the 2025 law until
/// NĐ 216/2025 is checked: DOMAIN.md §1.5, §9.1).
pub const PORTAL_MIN_DAYS: u64 = 15;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationInput {
    /// fine, recovery, discipline or management.
    pub kind: String,
    pub text: String,
    pub responsible: String,
    /// Where reminders go (optional).
    #[serde(default)]
    pub responsible_email: String,
    /// YYYY-MM-DD.
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
    let kind = input.kind.trim();
    if !REC_KINDS.contains(&kind) {
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
        e.add("responsible_email", Code::EmailInvalid);
    }
    let due = NaiveDate::parse_from_str(input.due_date.trim(), "%Y-%m-%d").ok();
    if due.is_none() {
        e.add("due_date", Code::DateInvalid);
    }
    e.into_result()?;
    write_tx(conn, |conn| {
        let eng = find(conn, engagement_id, agency_id)?;
        if !matches!(
            eng.state(),
            State::Report | State::DraftConclusion | State::Concluded | State::Published | State::FollowUp
        ) {
            return Err(AppError::from(Code::RecommendationsAfterReport));
        }
        let position: Option<i32> = recommendations::table
            .filter(recommendations::engagement_id.eq(engagement_id))
            .select(diesel::dsl::max(recommendations::position))
            .first(conn)?;
        let now = crate::time::now();
        let row = RecommendationRow {
            id: uuid::Uuid::now_v7().to_string(),
            engagement_id: engagement_id.into(),
            position: position.unwrap_or(0) + 1,
            kind: kind.into(),
            text: body.clone(),
            responsible: responsible.clone(),
            responsible_email: email.to_lowercase(),
            due_date: due.unwrap_or_default(),
            status: "pending".into(),
            close_reason: String::new(),
            evidence_sha256: None,
            evidence_name: String::new(),
            reminders: 0,
            last_reminded_at: None,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        diesel::insert_into(recommendations::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        Ok(row)
    })
}

fn find_rec(
    conn: &mut DbConnection,
    agency_id: &str,
    engagement_id: &str,
    id: &str,
) -> Result<(EngagementRow, RecommendationRow), AppError> {
    let eng = find(conn, engagement_id, agency_id)?;
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
        .set((
            recommendations::status.eq(&r.status),
            recommendations::close_reason.eq(&r.close_reason),
            recommendations::evidence_sha256.eq(&r.evidence_sha256),
            recommendations::evidence_name.eq(&r.evidence_name),
            recommendations::reminders.eq(r.reminders),
            recommendations::last_reminded_at.eq(r.last_reminded_at),
            recommendations::due_date.eq(r.due_date),
            recommendations::version.eq(r.version),
            recommendations::updated_at.eq(r.updated_at),
        ))
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
    /// pending, in_progress, done, not_possible or closed.
    pub status: String,
    /// Required to close without doing it, or when it cannot be done.
    #[serde(default)]
    pub reason: String,
}

pub fn set_status(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    engagement_id: &str,
    id: &str,
    input: &RecStatusInput,
) -> Result<RecommendationRow, AppError> {
    let status = input.status.trim();
    if !REC_STATUSES.contains(&status) {
        return Err(FieldErrors::one("status", Code::InvalidChoice).into());
    }
    let reason = text::clean(&input.reason);
    if matches!(status, "closed" | "not_possible") && reason.is_empty() {
        return Err(FieldErrors::one("reason", Code::Required).into());
    }
    write_tx(conn, |conn| {
        let (eng, before) = find_rec(conn, agency_id, engagement_id, id)?;
        if matches!(eng.state(), State::Archived | State::Cancelled) {
            return Err(AppError::from(Code::EngagementArchived));
        }
        if status == "done" && before.evidence_sha256.is_none() && reason.is_empty() {
            return Err(FieldErrors::one("reason", Code::EvidenceOrNote).into());
        }
        let mut r = before.clone();
        r.status = status.into();
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
    let content_type = evidence_type(bytes).ok_or_else(|| FieldErrors::one("file", Code::EvidenceType))?;
    write_tx(conn, |conn| {
        let (_, before) = find_rec(conn, agency_id, engagement_id, id)?;
        let sha = files.put(conn, bytes, content_type)?;
        let mut r = before.clone();
        r.evidence_sha256 = Some(sha);
        r.evidence_name = text::clean(file_name).chars().take(200).collect();
        save_rec(conn, actor, &before, r, AuditAction::Upload)
    })
}

/// Evidence is a PDF or a photo, recognised by content.
fn evidence_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        return Some("application/pdf");
    }
    match image::guess_format(bytes).ok()? {
        image::ImageFormat::Jpeg => Some("image/jpeg"),
        image::ImageFormat::Png => Some("image/png"),
        image::ImageFormat::WebP => Some("image/webp"),
        _ => None,
    }
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
        let agency = crate::agencies::repo::find(conn, agency_id)?;
        let conclusion = match &eng.conclusion_id {
            Some(c) => crate::documents::repo::find(conn, c, agency_id)?.symbol.unwrap_or_default(),
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
            rec_status_label(&before.status).to_lowercase(),
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

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicationInput {
    /// portal, meeting, media or premises.
    pub channel: String,
    /// The web address, newspaper or place.
    pub location: String,
    /// YYYY-MM-DD; empty means today.
    #[serde(default)]
    pub published_on: String,
}

/// Records one publication of the signed conclusion. The published version (secrets withheld) is
/// rendered and stored so what went public can be shown later. The first portal publication moves
/// the engagement to Published and closes the 10-day deadline.
pub fn publish(
    conn: &mut DbConnection,
    ctx: &Ctx,
    actor: &Actor,
    agency_id: &str,
    engagement_id: &str,
    input: &PublicationInput,
) -> Result<(EngagementRow, PublicationRow), AppError> {
    let mut e = FieldErrors::new();
    let channel = input.channel.trim();
    if !CHANNELS.contains(&channel) {
        e.add("channel", Code::InvalidChoice);
    }
    let location = text::clean(&input.location);
    if location.is_empty() {
        e.add("location", Code::Required);
    }
    let today = crate::time::today_vn();
    let on = match input.published_on.trim() {
        "" => Some(today),
        s => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().filter(|d| *d <= today),
    };
    if on.is_none() {
        e.add("published_on", Code::DateInvalid);
    }
    e.into_result()?;
    let on = on.unwrap_or(today);
    write_tx(conn, |conn| {
        let before = find(conn, engagement_id, agency_id)?;
        if before.kind() != Kind::ThanhTra {
            return Err(AppError::from(Code::CheckNotPublished));
        }
        if !matches!(before.state(), State::Concluded | State::Published | State::FollowUp) {
            return Err(AppError::from(Code::PublishOnlySigned));
        }
        let cid = before.conclusion_id.clone().ok_or_else(|| AppError::from(Code::NoConclusion))?;
        let doc = crate::documents::repo::find(conn, &cid, agency_id)?;
        if doc.issued_on.is_some_and(|s| on < s) {
            return Err(FieldErrors::one("published_on", Code::BeforeSigning).into());
        }
        let spec = crate::documents::repo::spec_for(conn, &doc, None)?.public_version();
        let bytes = crate::documents::render(&spec).map_err(|e| AppError::Internal(anyhow::anyhow!("render: {e}")))?;
        let sha = ctx.files.put(conn, &bytes, "application/pdf")?;
        let row = PublicationRow {
            id: uuid::Uuid::now_v7().to_string(),
            engagement_id: engagement_id.into(),
            document_id: cid.clone(),
            channel: channel.into(),
            location: location.clone(),
            published_on: on,
            removed_on: None,
            public_sha256: Some(sha),
            recorded_by: actor.name.clone(),
            created_at: crate::time::now(),
        };
        diesel::insert_into(publications::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::state(&row, AuditAction::Publish, Vec::new()))?;
        let mut eng = before.clone();
        if channel == "portal" && before.state() == State::Concluded {
            let facts = super::state::Facts::default();
            eng.state = state_code(
                super::state::next(eng.kind(), eng.state(), Event::Publish, facts)
                    .map_err(|e| AppError::Conflict(e.refusal(facts)))?,
            )
            .into();
            if let Some(d) = eng.step_deadline_id.take() {
                crate::calendar::repo::close(conn, actor, &d, agency_id)?;
            }
            // Mark the document as published (it shows on /verify as public).
            diesel::update(crate::db::schema::documents::table.find(&cid))
                .set(crate::db::schema::documents::published.eq(true))
                .execute(conn)?;
            eng = save(conn, actor, &before, eng, AuditAction::Publish)?;
        }
        Ok((eng, row))
    })
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RemovalInput {
    /// YYYY-MM-DD.
    pub removed_on: String,
}

/// Records that a portal posting was taken down; refused before the minimum period has passed.
pub fn record_removal(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    engagement_id: &str,
    id: &str,
    input: &RemovalInput,
) -> Result<PublicationRow, AppError> {
    let on = NaiveDate::parse_from_str(input.removed_on.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| *d <= crate::time::today_vn())
        .ok_or_else(|| FieldErrors::one("removed_on", Code::DateInvalid))?;
    write_tx(conn, |conn| {
        find(conn, engagement_id, agency_id)?;
        let before: PublicationRow = publications::table
            .find(id)
            .filter(publications::engagement_id.eq(engagement_id))
            .select(PublicationRow::as_select())
            .first(conn)?;
        let earliest = earliest_removal(&before);
        if on < earliest {
            return Err(FieldErrors(vec![FieldError::with_arg(
                "removed_on",
                Code::TooEarlyRemoval,
                crate::time::show_date(&earliest),
            )])
            .into());
        }
        let mut after = before.clone();
        after.removed_on = Some(on);
        diesel::update(publications::table.find(id)).set(publications::removed_on.eq(Some(on))).execute(conn)?;
        audit::record(
            conn,
            actor,
            AuditEntry::state(
                &after,
                AuditAction::Update,
                vec![change("removed_on", serde_json::Value::Null, on.to_string())],
            ),
        )?;
        Ok(after)
    })
}

/// The first day a posting may come down: after 15 consecutive days on the portal or premises.
pub fn earliest_removal(p: &PublicationRow) -> NaiveDate {
    p.published_on.checked_add_days(Days::new(PORTAL_MIN_DAYS)).unwrap_or(p.published_on)
}

pub fn publications_of(conn: &mut DbConnection, engagement_id: &str) -> Result<Vec<PublicationRow>, AppError> {
    Ok(publications::table
        .filter(publications::engagement_id.eq(engagement_id))
        .order(publications::published_on.asc())
        .select(PublicationRow::as_select())
        .load(conn)?)
}

/// What the publication record still lacks, for the warnings on the engagement page.
pub fn publication_warnings(e: &EngagementRow, pubs: &[PublicationRow], today: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    if e.kind() != Kind::ThanhTra || e.signed_on.is_none() {
        return out;
    }
    let portal = pubs.iter().find(|p| p.channel == "portal");
    if portal.is_none() {
        out.push("Chưa công khai trên cổng thông tin điện tử (bắt buộc, trong 10 ngày kể từ ngày ký).".into());
    }
    if !pubs.iter().any(|p| p.channel != "portal") {
        out.push(
            "Chưa công khai bằng ít nhất một hình thức khác (họp công bố, thông tin đại chúng hoặc niêm yết).".into(),
        );
    }
    if let Some(p) = portal
        && p.removed_on.is_none()
    {
        let until = earliest_removal(p);
        if today < until {
            out.push(format!(
                "Giữ trên cổng thông tin đến hết ngày {} (đủ 15 ngày liên tục).",
                crate::time::show_date(&(until - Days::new(1)))
            ));
        }
    }
    out
}

/// Sends the issued conclusion (or result notice) to the business through the outbox.
pub fn send_conclusion(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    engagement_id: &str,
    out: crate::documents::send::Outgoing,
) -> Result<crate::mail::outbox::MessageRow, AppError> {
    let crate::documents::send::Outgoing { recipients, cover, from, base_url } = out;
    write_tx(conn, |conn| {
        let e = find(conn, engagement_id, agency_id)?;
        let cid = e.conclusion_id.clone().ok_or_else(|| AppError::from(Code::ConclusionNotDrafted))?;
        let recipients = if recipients.is_empty() {
            let outlet = crate::outlets::repo::find(conn, &e.outlet_id)?;
            outlet.emails().iter().filter_map(|m| crate::domain::Email::parse(m)).collect()
        } else {
            recipients
        };
        if recipients.is_empty() {
            return Err(FieldErrors::one("recipients", Code::Required).into());
        }
        crate::documents::send::send(
            conn,
            actor,
            &cid,
            agency_id,
            crate::documents::send::Outgoing { recipients, cover, from, base_url },
        )
    })
}

/// Recommendations past their due date and not settled, across the agency (for the dashboard).
pub fn overdue_count(conn: &mut DbConnection, agency_id: &str, today: NaiveDate) -> Result<i64, AppError> {
    use crate::db::schema::engagements;
    Ok(recommendations::table
        .inner_join(engagements::table.on(engagements::id.eq(recommendations::engagement_id)))
        .filter(engagements::agency_id.eq(agency_id))
        .filter(recommendations::status.ne_all(["done", "closed"]))
        .filter(recommendations::due_date.lt(today))
        .count()
        .get_result(conn)?)
}
