//! Reminders to permit holders before their permit expires (the type's lead time), queued through
//! the outbox. Each permit is claimed by a conditional update (reminded_on set only if it was not
//! set since the window opened), so several instances running this together remind each holder
//! once.

use diesel::prelude::*;

use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::db::schema::{permit_types, permits};
use crate::db::{DbConnection, write_tx};
use crate::error::AppError;
use crate::permits::model::*;
use crate::permits::rules;

/// Where the reminder mail comes from and links to.
pub struct Mail<'a> {
    pub from: &'a str,
    /// Host for the Message-ID.
    pub domain: &'a str,
}

/// Queues every reminder due on `today`; returns how many were queued.
pub fn remind_due(conn: &mut DbConnection, mail: &Mail, today: chrono::NaiveDate) -> Result<usize, AppError> {
    let candidates: Vec<(PermitRow, i32, String)> = permits::table
        .inner_join(permit_types::table.on(permit_types::id.eq(permits::permit_type_id)))
        .filter(permits::status.eq(PermitStatus::Valid))
        .filter(permits::valid_until.is_not_null())
        .filter(permits::valid_until.ge(today))
        .filter(permit_types::remind_days.gt(0))
        .select((PermitRow::as_select(), permit_types::remind_days, permit_types::name_vi))
        .load(conn)?;
    let mut queued = 0;
    for (p, lead, type_name) in candidates {
        if !rules::due_reminder(today, p.valid_until, lead, p.reminded_on) {
            continue;
        }
        if remind_one(conn, mail, &p, lead, &type_name, today)? {
            queued += 1;
        }
    }
    Ok(queued)
}

fn remind_one(
    conn: &mut DbConnection,
    mail: &Mail,
    p: &PermitRow,
    lead: i32,
    type_name: &str,
    today: chrono::NaiveDate,
) -> Result<bool, AppError> {
    write_tx(conn, |conn| {
        let Some(until) = p.valid_until else { return Ok(false) };
        let opens = until.checked_sub_days(chrono::Days::new(lead as u64)).unwrap_or(until);
        // The claim: only one instance moves reminded_on past the window's start.
        let claimed = diesel::update(
            permits::table
                .filter(permits::id.eq(&p.id))
                .filter(permits::reminded_on.is_null().or(permits::reminded_on.lt(opens))),
        )
        .set(permits::reminded_on.eq(Some(today)))
        .execute(conn)?;
        if claimed == 0 {
            return Ok(false);
        }
        let dossier = crate::permits::queries::dossier(conn, &p.dossier_id, &p.agency_id)?;
        let outlet = crate::outlets::queries::find(conn, &p.outlet_id)?;
        let to: Vec<crate::domain::Email> = std::iter::once(dossier.contact_email.clone())
            .chain(outlet.emails())
            .filter_map(|e| crate::domain::Email::parse(&e))
            .take(1)
            .collect();
        let mut after = p.clone();
        after.reminded_on = Some(today);
        let actor = Actor { user_id: None, name: "system".into(), agency_id: Some(p.agency_id.clone()) };
        audit::record(conn, &actor, AuditEntry::transition(p, &after, AuditAction::Remind))?;
        if to.is_empty() {
            // Nobody to write to: the register shows it as reminded on paper.
            return Ok(false);
        }
        let agency = crate::agencies::queries::find(conn, &p.agency_id)?;
        let apply_by = crate::permits::queries::type_version(conn, &p.permit_type_id)
            .ok()
            .and_then(|t| rules::apply_by(until, t.renew_before_days));
        let mut body = format!(
            "Kính gửi: {}\n\n{} thông báo: {} số {} cấp ngày {} có hiệu lực đến hết ngày {}.\n",
            p.holder,
            agency.name,
            type_name,
            p.symbol,
            p.issued_on.format("%d/%m/%Y"),
            until.format("%d/%m/%Y"),
        );
        if let Some(by) = apply_by {
            body.push_str(&format!(
                "Để tiếp tục hoạt động, đề nghị nộp hồ sơ đề nghị cấp lại chậm nhất ngày {}.\n",
                by.format("%d/%m/%Y")
            ));
        } else {
            body.push_str("Để tiếp tục hoạt động, đề nghị nộp hồ sơ đề nghị cấp lại trước khi hết hạn.\n");
        }
        body.push_str(&format!("\n{}\n", agency.name));
        crate::mail::enqueue(
            conn,
            crate::mail::NewMessage {
                agency_id: p.agency_id.clone(),
                record_type: "permit".into(),
                record_id: p.id.clone(),
                from: mail.from.into(),
                subject: format!("[{}] Giấy phép {} sắp hết hạn", agency.abbreviation, p.symbol),
                body_html: format!(
                    "<pre style=\"font-family:inherit;white-space:pre-wrap\">{}</pre>",
                    askama::filters::escape(&body, askama::filters::Html).map(|e| e.to_string()).unwrap_or_default()
                ),
                body_text: body,
                attachments: Vec::new(),
                recipients: to,
                created_by: actor.name.clone(),
                domain: mail.domain.into(),
            },
        )?;
        Ok(true)
    })
}
