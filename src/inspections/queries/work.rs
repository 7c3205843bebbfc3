//! What waits for a person in the inspection chain, for "my work" on the start page: decisions and
//! conclusions to sign, records and sanctions to issue (those who approve); on-site work, reports,
//! publication and follow-up (the members of each team), each with the deadline that runs.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::*;
use crate::db::DbConnection;
use crate::error::AppError;

/// One thing waiting: where it is, about what, the task (an i18n key) and its deadline.
pub struct WorkRow {
    pub href: String,
    pub subject: String,
    pub task: &'static str,
    pub due: Option<NaiveDate>,
}

/// Who is asking: the user, and whether they approve and sign (leaders) and do the work.
pub struct Asker<'a> {
    pub user_id: &'a str,
    pub agency: &'a str,
    pub approves: bool,
    pub works: bool,
}

fn open_due(conn: &mut DbConnection, id: &Option<crate::domain::DeadlineId>) -> Result<Option<NaiveDate>, AppError> {
    use crate::db::schema::deadlines;
    match id {
        Some(id) => Ok(deadlines::table
            .find(id.as_str())
            .filter(deadlines::closed_at.is_null())
            .select(deadlines::due_date)
            .first(conn)
            .optional()?),
        None => Ok(None),
    }
}

pub fn work_of(conn: &mut DbConnection, a: &Asker) -> Result<Vec<WorkRow>, AppError> {
    use crate::db::schema::{outlets, violations};
    // Only the engagements that can hold this person's work: theirs, and for a leader those
    // waiting for a signature or with a violation to record or sanction (not every open one of
    // the agency: a national installation has tens of thousands).
    let mine: Vec<String> = match a.works {
        true => engagement_members::table
            .filter(engagement_members::user_id.eq(a.user_id))
            .select(engagement_members::engagement_id)
            .load(conn)?,
        false => Vec::new(),
    };
    let mut wanted: std::collections::BTreeSet<String> = mine.iter().cloned().collect();
    if a.approves {
        wanted.extend(
            engagements::table
                .filter(engagements::agency_id.eq(a.agency))
                .filter(engagements::state.eq_any([State::Planned, State::DraftConclusion]))
                .select(engagements::id)
                .load::<String>(conn)?,
        );
        wanted.extend(
            violations::table
                .filter(violations::agency_id.eq(a.agency))
                .filter(violations::status.eq_any([ViolationStatus::Detected, ViolationStatus::Recorded]))
                .select(violations::engagement_id)
                .load::<String>(conn)?,
        );
    }
    let wanted: Vec<String> = wanted.into_iter().collect();
    let mut open: Vec<(EngagementRow, String)> = Vec::new();
    for ids in wanted.chunks(500) {
        open.extend(
            engagements::table
                .inner_join(outlets::table)
                .filter(engagements::id.eq_any(ids))
                .filter(engagements::agency_id.eq(a.agency))
                .filter(engagements::state.ne_all([State::Archived, State::Cancelled]))
                .select((EngagementRow::as_select(), outlets::name))
                .load::<(EngagementRow, String)>(conn)?,
        );
    }
    open.sort_by(|x, y| y.0.updated_at.cmp(&x.0.updated_at).then_with(|| x.0.id.cmp(&y.0.id)));
    let mut out = Vec::new();
    for (e, outlet) in open {
        let member = a.works && mine.contains(&e.id);
        let href = format!("/inspections/{}", e.id);
        let step = open_due(conn, &e.step_deadline_id)?;
        let period = open_due(conn, &e.period_deadline_id)?;
        let mut push = |task: &'static str, due: Option<NaiveDate>| {
            out.push(WorkRow { href: href.clone(), subject: outlet.clone(), task, due })
        };
        match e.state() {
            State::Planned if a.approves && e.decision_id.is_some() => push("insp.work.sign_decision", None),
            State::Preparation if member => push("insp.work.announce", step),
            State::Announced | State::OnSite if member => push("insp.work.on_site", period),
            State::Report if member => push("insp.work.report", step),
            State::DraftConclusion if a.approves => {
                let appraised = e.kind() == Kind::KiemTra || e.appraised_on.is_some();
                push(if appraised { "insp.work.sign_conclusion" } else { "insp.work.appraise" }, step)
            }
            State::Concluded if member && e.kind() == Kind::ThanhTra => push("insp.work.publish", step),
            _ => {}
        }
        if member || a.approves {
            for v in violations_of(conn, &e.id)? {
                let due = open_due(conn, &v.deadline_id)?;
                let href = format!("/inspections/{}#violations", e.id);
                let subject = format!("{} — {}", v.offender_name, v.description);
                match v.status {
                    ViolationStatus::Detected if member || a.approves => {
                        out.push(WorkRow { href, subject, task: "insp.work.issue_record", due })
                    }
                    ViolationStatus::Recorded if a.approves => {
                        out.push(WorkRow { href, subject, task: "insp.work.sanction", due })
                    }
                    _ => {}
                }
            }
        }
        if member && matches!(e.state(), State::FollowUp | State::Published | State::Concluded) {
            for r in recommendations_of(conn, &e.id)?.into_iter().filter(|r| !r.settled()) {
                out.push(WorkRow {
                    href: format!("/inspections/{}#recommendations", e.id),
                    subject: format!("{} — {}", outlet, r.text),
                    task: "insp.work.follow_up",
                    due: Some(r.due_date),
                });
            }
        }
    }
    Ok(out)
}
