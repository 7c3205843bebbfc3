//! One step of a submission or its case (accept, refuse, forward, verify, decide, extend, suspend…):
//! the state machine's answer, the dates and reasons, the deadlines started, extended, paused or
//! closed, and the audit entry, in one transaction.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;

use crate::audit::model::change;
use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::calendar::engine::Adjustment;
use crate::calendar::queries::rule_in_force;
use crate::calendar::steps::deadlines::{self as dl, NewDeadline};
use crate::complaints::model::*;
use crate::complaints::queries as q;
use crate::complaints::state::{self, Event};
use crate::complaints::steps::intake::{HANDLING_LABEL, RESOLUTION_LABEL};
use crate::db::schema::submissions;
use crate::db::{DbConnection, write_tx};
use crate::domain::input as forms;
use crate::error::{AppError, Code, FieldError, FieldErrors, Refusal};

/// A step as a person asks for it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = SubmissionStepInput)]
pub struct StepInput {
    #[schema(value_type = Event)]
    pub step: String,
    /// The day it happened: YYYY-MM-DD or DD/MM/YYYY, not before the receipt nor after today;
    /// empty means today.
    #[serde(default)]
    pub date: String,
    /// The reasons (refuse, file, withdraw, terminate, suspend, extend) or the guidance given (guide).
    #[serde(default)]
    pub reason: String,
    /// forward: the body it is sent to.
    #[serde(default)]
    pub body: String,
    /// extend: days added, at most what the rule in force allows per extension.
    #[serde(default)]
    pub days: String,
}

/// A step, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub event: Event,
    pub on: NaiveDate,
    pub reason: String,
    pub body: String,
    pub days: u32,
}

impl StepInput {
    pub fn parse(&self) -> Result<Step, FieldErrors> {
        let mut e = FieldErrors::new();
        let event = Event::parse(&self.step);
        if event.is_none() {
            e.add("step", Code::InvalidChoice);
        }
        let needs = event.map(Event::needs).unwrap_or_default();
        let today = crate::time::today_vn();
        let on = forms::day("date", &self.date, false, today, &mut e).unwrap_or(today);
        let reason = forms::block("reason", &self.reason, needs.reason, 4000, &mut e);
        let body = forms::line("body", &self.body, needs.body, 300, &mut e);
        let days = match (needs.days, self.days.trim()) {
            (false, _) => 0,
            (true, s) => match s.parse::<u32>() {
                Ok(n) if (1..=90).contains(&n) => n,
                _ => {
                    e.push(FieldError::with_arg("days", Code::OutOfRange, "1–90"));
                    0
                }
            },
        };
        e.into_result()?;
        let event = event.ok_or_else(|| FieldErrors::one("step", Code::InvalidChoice))?;
        Ok(Step { event, on, reason, body, days })
    }
}

/// Closes the submission's open deadline with this label, if it has one.
fn close_open(conn: &mut DbConnection, actor: &Actor, id: &str, label: &str, agency: &str) -> Result<(), AppError> {
    match q::open_deadline(conn, id, label)? {
        Some(d) => dl::close(conn, actor, &d, agency),
        None => Ok(()),
    }
}

/// Takes one step: everything or nothing.
pub fn step(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    agency_id: &str,
    input: &StepInput,
) -> Result<SubmissionRow, AppError> {
    let st = input.parse()?;
    write_tx(conn, |conn| {
        let before = q::submission(conn, id, agency_id)?;
        if st.on < before.received_on {
            return Err(FieldErrors::one("date", Code::DateOrder).into());
        }
        if st.event == Event::Accept && before.anonymous {
            return Err(AppError::Conflict(Code::SubmissionAnonymous.into()));
        }
        let f = q::facts(conn, &before)?;
        let to = state::next(before.kind, before.state, st.event, f).map_err(AppError::Conflict)?;
        let mut after = before.clone();
        after.state = to;
        let mut extra = vec![change("on", serde_json::Value::Null, st.on.to_string())];
        match st.event {
            Event::Accept => {
                after.accepted_on = Some(st.on);
                close_open(conn, actor, &before.id, HANDLING_LABEL, agency_id)?;
                if let Some(code) = state::resolution_rule(after.kind, after.complex_case, after.remote_area) {
                    if rule_in_force(conn, code, st.on)?.is_none() {
                        return Err(AppError::Conflict(
                            Refusal::new(Code::SubmissionNoResolutionRule).with("rule", code),
                        ));
                    }
                    dl::track(
                        conn,
                        actor,
                        NewDeadline {
                            agency_id: agency_id.to_string(),
                            record_type: "submission".into(),
                            record_id: before.id.clone(),
                            label: RESOLUTION_LABEL.into(),
                            rule_code: Some(code.into()),
                            start: st.on,
                            duration: None,
                            unit: None,
                        },
                    )?;
                }
            }
            Event::Refuse | Event::Guide | Event::File => {
                after.outcome_reason = st.reason.clone();
                after.closed_on = Some(st.on);
                close_open(conn, actor, &before.id, HANDLING_LABEL, agency_id)?;
            }
            Event::Forward => {
                after.forwarded_to = st.body.clone();
                after.closed_on = Some(st.on);
                close_open(conn, actor, &before.id, HANDLING_LABEL, agency_id)?;
            }
            Event::Decide | Event::Answer => {
                after.decided_on = Some(st.on);
                after.outcome_reason = st.reason.clone();
                close_open(conn, actor, &before.id, RESOLUTION_LABEL, agency_id)?;
            }
            Event::Close => after.closed_on = Some(st.on),
            Event::Withdraw | Event::Terminate => {
                after.outcome_reason = st.reason.clone();
                after.closed_on = Some(st.on);
                close_open(conn, actor, &before.id, RESOLUTION_LABEL, agency_id)?;
            }
            Event::Extend => {
                let rule = q::resolution_rule(conn, &before, st.on)?;
                let per = rule.as_ref().map(|r| r.extension_duration).unwrap_or(0);
                if st.days as i32 > per {
                    return Err(
                        FieldErrors(vec![FieldError::with_arg("days", Code::OutOfRange, format!("1–{per}"))]).into()
                    );
                }
                let Some(d) = &q::open_deadline(conn, &before.id, RESOLUTION_LABEL)? else {
                    return Err(AppError::Conflict(Refusal::new(Code::SubmissionNoResolutionRule).with("rule", "—")));
                };
                let adj = Adjustment::Extension {
                    duration: st.days,
                    by: actor.name.clone(),
                    at: crate::time::now().format("%Y-%m-%d %H:%M").to_string(),
                    reason: st.reason.clone(),
                };
                dl::adjust(conn, actor, d, agency_id, adj)?;
                after.extensions += 1;
                extra.push(change("reason", serde_json::Value::Null, st.reason.clone()));
                extra.push(change("days", serde_json::Value::Null, st.days));
            }
            Event::Suspend | Event::Resume => {
                if st.event == Event::Suspend {
                    after.resume_state = before.state.code().to_string();
                    extra.push(change("reason", serde_json::Value::Null, st.reason.clone()));
                } else {
                    after.resume_state = String::new();
                }
                if let Some(d) = &q::open_deadline(conn, &before.id, RESOLUTION_LABEL)? {
                    let adj = Adjustment::Pause {
                        from: if st.event == Event::Suspend { st.on } else { paused_since(conn, d, agency_id)? },
                        to: (st.event == Event::Resume).then_some(st.on),
                        by: actor.name.clone(),
                        at: crate::time::now().format("%Y-%m-%d %H:%M").to_string(),
                        reason: st.reason.clone(),
                    };
                    dl::adjust(conn, actor, d, agency_id, adj).map_err(|e| match e {
                        AppError::Validation(f) if f.0.iter().any(|x| x.code == Code::NotPausable) => {
                            AppError::Conflict(Code::NotPausable.into())
                        }
                        e => e,
                    })?;
                }
            }
            Event::StartVerification | Event::HoldDialogue | Event::Appeal | Event::Implement | Event::Publish => {}
        }
        after.version += 1;
        after.updated_at = crate::time::now();
        diesel::update(submissions::table.find(&before.id)).set(&after).execute(conn)?;
        let mut entry = AuditEntry::transition(&before, &after, AuditAction::Transition);
        entry.changes.extend(extra);
        audit::record(conn, actor, entry)?;
        let text = if st.event == Event::Forward { &st.body } else { &st.reason };
        crate::complaints::steps::letters::write(conn, actor, &after, st.event, st.on, text, st.days)?;
        Ok(after)
    })
}

/// The day an open pause of a deadline began.
fn paused_since(conn: &mut DbConnection, deadline: &str, agency: &str) -> Result<NaiveDate, AppError> {
    let d = crate::calendar::queries::find_deadline(conn, deadline, agency)?;
    d.adjustments()
        .into_iter()
        .find_map(|a| match a {
            Adjustment::Pause { from, to: None, .. } => Some(from),
            _ => None,
        })
        .ok_or_else(|| AppError::Conflict(Code::SubmissionStepNotAllowed.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_ask_for_what_they_need() {
        let i = |step: &str, reason: &str, body: &str, days: &str| StepInput {
            step: step.into(),
            reason: reason.into(),
            body: body.into(),
            days: days.into(),
            date: String::new(),
        };
        assert!(i("accept", "", "", "").parse().is_ok());
        assert_eq!(i("refuse", "", "", "").parse().unwrap_err().0[0].field, "reason");
        assert_eq!(i("forward", "", "", "").parse().unwrap_err().0[0].field, "body");
        assert_eq!(i("extend", "phức tạp", "", "0").parse().unwrap_err().0[0].field, "days");
        assert_eq!(i("extend", "phức tạp", "", "30").parse().unwrap().days, 30);
        assert_eq!(i("fly", "", "", "").parse().unwrap_err().0[0].field, "step");
    }
}
