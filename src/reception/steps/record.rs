//! Recording a reception (sổ tiếp công dân): when, who presided and received, who came, what they
//! raised and what was done; when a written submission was handed in, it is registered as a
//! submission in the same transaction (the people are the visitors, the channel the reception).

use chrono::Datelike;
use diesel::prelude::*;
use serde::Deserialize;

use crate::audit::{self, Actor, AuditEntry};
use crate::complaints::model::{Channel, Kind};
use crate::complaints::steps::intake::{self, PersonInput, SubmissionInput};
use crate::db::schema::{reception_sessions, reception_visitors};
use crate::db::{DbConnection, write_tx};
use crate::domain::input as forms;
use crate::domain::text;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::reception::model::*;

/// The most visitors one record names (a larger group names its representatives).
pub const MAX_VISITORS: usize = 10;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ReceptionVisitorInput)]
pub struct VisitorInput {
    #[serde(default)]
    pub full_name: String,
    #[serde(default)]
    pub id_number: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
}

impl VisitorInput {
    fn is_blank(&self) -> bool {
        [&self.full_name, &self.id_number, &self.address, &self.phone].iter().all(|s| s.trim().is_empty())
    }
}

/// What the officer types after a visit.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ReceptionInput)]
pub struct SessionInput {
    /// YYYY-MM-DD or DD/MM/YYYY, not after today.
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub held_on: String,
    /// HH:MM, Vietnam time, or empty.
    #[serde(default)]
    pub start_time: String,
    #[serde(default)]
    #[schema(value_type = SessionKind, required = true)]
    pub kind: String,
    /// Who presided, with the title.
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub host: String,
    /// The officer who received them: a user of the agency.
    #[serde(default)]
    pub officer_id: String,
    /// What it is about, by its content.
    #[serde(default)]
    #[schema(value_type = crate::complaints::model::Kind, required = true)]
    pub topic: String,
    /// How many came (at least the visitors named).
    #[serde(default)]
    pub visitor_count: String,
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 300)]
    pub subject: String,
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub content: String,
    #[serde(default)]
    #[schema(value_type = Action, required = true)]
    pub action: String,
    /// What was done, in words (required unless a submission was registered).
    #[serde(default)]
    pub action_text: String,
    #[serde(default)]
    #[schema(max_items = 10)]
    pub visitors: Vec<VisitorInput>,
    /// action `submission`: why it is that kind (what in its content makes it so).
    #[serde(default)]
    pub kind_reason: String,
    /// action `submission`: within or outside competence.
    #[serde(default)]
    #[schema(value_type = Option<crate::complaints::model::Competence>)]
    pub competence: String,
    /// action `submission`: the outlets it concerns, ids separated by commas or spaces.
    #[serde(default)]
    pub outlet_ids: String,
}

pub struct ValidSession {
    held_on: chrono::NaiveDate,
    start_time: String,
    kind: SessionKind,
    host: String,
    officer_id: Option<String>,
    topic: Kind,
    visitor_count: i32,
    subject: String,
    content: String,
    action: Action,
    action_text: String,
    visitors: Vec<VisitorInput>,
    submission: Option<intake::ValidSubmission>,
}

impl SessionInput {
    pub fn validate(&self) -> Result<ValidSession, FieldErrors> {
        let mut e = FieldErrors::new();
        let today = crate::time::today_vn();
        let held_on = forms::day("held_on", &self.held_on, true, today, &mut e);
        let start_time = self.start_time.trim().to_string();
        if !start_time.is_empty() && chrono::NaiveTime::parse_from_str(&start_time, "%H:%M").is_err() {
            e.add("start_time", Code::Invalid);
        }
        let kind = forms::choice("kind", &self.kind, SessionKind::parse, &mut e);
        let host = forms::line("host", &self.host, true, 200, &mut e);
        let officer_id = Some(self.officer_id.trim().to_string()).filter(|s| !s.is_empty());
        let topic = forms::choice("topic", &self.topic, Kind::parse, &mut e);
        let subject = forms::line("subject", &self.subject, true, 300, &mut e);
        let content = forms::block("content", &self.content, true, 20000, &mut e);
        let action = forms::choice("action", &self.action, Action::parse, &mut e);
        let registers = action == Some(Action::Submission);
        let action_text = forms::block("action_text", &self.action_text, !registers && action.is_some(), 4000, &mut e);
        let named: Vec<&VisitorInput> = self.visitors.iter().filter(|v| !v.is_blank()).collect();
        if named.len() > MAX_VISITORS {
            e.push(FieldError::with_arg("visitors", Code::TooLong, MAX_VISITORS));
        }
        let mut visitors = Vec::new();
        for (i, v) in named.iter().enumerate() {
            let field = |f: &str| format!("visitor_{}_{f}", i + 1);
            let full_name = forms::line(&field("full_name"), &v.full_name, true, 200, &mut e);
            let id_number = forms::line(&field("id_number"), &v.id_number, false, 20, &mut e);
            if !id_number.is_empty() && !id_number.chars().all(|c| c.is_ascii_alphanumeric()) {
                e.add(&field("id_number"), Code::Invalid);
            }
            let address = forms::line(&field("address"), &v.address, false, 500, &mut e);
            let phone = forms::line(&field("phone"), &v.phone, false, 30, &mut e);
            if !phone.is_empty() && forms::phone_key(&phone).is_empty() {
                e.add(&field("phone"), Code::PhoneInvalid);
            }
            visitors.push(VisitorInput { full_name, id_number, address, phone });
        }
        if visitors.is_empty() {
            e.add("visitor_1_full_name", Code::Required);
        }
        let visitor_count = match self.visitor_count.trim() {
            "" => visitors.len() as i32,
            s => match s.parse::<i32>() {
                Ok(n) if n >= visitors.len().max(1) as i32 && n <= 10_000 => n,
                _ => {
                    e.push(FieldError::with_arg(
                        "visitor_count",
                        Code::OutOfRange,
                        format!("{}–10000", visitors.len().max(1)),
                    ));
                    0
                }
            },
        };
        // The submission handed in: validated as the reception desk's intake would.
        let submission = if registers {
            let input = SubmissionInput {
                received_on: held_on.map(|d| d.to_string()).unwrap_or_default(),
                channel: Channel::WalkIn.code().into(),
                kind: self.topic.clone(),
                kind_reason: self.kind_reason.clone(),
                competence: self.competence.clone(),
                subject: self.subject.clone(),
                content: self.content.clone(),
                people: visitors
                    .iter()
                    .map(|v| PersonInput {
                        full_name: v.full_name.clone(),
                        id_number: v.id_number.clone(),
                        address: v.address.clone(),
                        phone: v.phone.clone(),
                        email: String::new(),
                    })
                    .collect(),
                outlet_ids: self.outlet_ids.clone(),
                officer_id: self.officer_id.clone(),
                ..Default::default()
            };
            match input.validate() {
                Ok(v) => Some(v),
                Err(errs) => {
                    for mut x in errs.0 {
                        // Its people are the visitors; the rest is already checked above.
                        if let Some(rest) = x.field.strip_prefix("person_") {
                            x.field = format!("visitor_{rest}");
                        }
                        x.field = match x.field.as_str() {
                            "kind" => "topic".into(),
                            "received_on" => "held_on".into(),
                            "people" => "visitors".into(),
                            _ => x.field,
                        };
                        if !e.0.iter().any(|y| y.field == x.field) {
                            e.push(x);
                        }
                    }
                    None
                }
            }
        } else {
            None
        };
        e.into_result()?;
        let (Some(held_on), Some(kind), Some(topic), Some(action)) = (held_on, kind, topic, action) else {
            return Err(FieldErrors::one("kind", Code::Required));
        };
        Ok(ValidSession {
            held_on,
            start_time,
            kind,
            host,
            officer_id,
            topic,
            visitor_count,
            subject,
            content,
            action,
            action_text,
            visitors,
            submission,
        })
    }
}

/// The folded text a search matches: the number, subject and host, and the content and the
/// visitors' names unless they came to denounce.
pub fn search_text(s: &SessionRow, visitors: &[VisitorRow]) -> String {
    let mut parts = vec![s.book_no(), s.subject.clone(), s.host.clone()];
    if !s.is_secret() {
        parts.push(s.content.clone());
        parts.extend(visitors.iter().map(|v| v.full_name.clone()));
    }
    text::fold(&parts.join(" "))
}

/// Records a reception (and the submission handed in): everything or nothing.
pub fn record(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    v: ValidSession,
) -> Result<SessionRow, AppError> {
    write_tx(conn, |conn| {
        if let Some(o) = &v.officer_id {
            crate::users::queries::find_in_agency(conn, o, agency_id)
                .map_err(|_| AppError::from(FieldErrors::one("officer_id", Code::NotFound)))?;
        }
        let year = v.held_on.year();
        let number = crate::documents::steps::issue::next_number(conn, agency_id, "reception", year)?;
        let now = crate::time::now();
        let id = uuid::Uuid::now_v7().to_string();
        let visitors: Vec<VisitorRow> = v
            .visitors
            .iter()
            .enumerate()
            .map(|(i, x)| VisitorRow {
                id: uuid::Uuid::now_v7().to_string(),
                session_id: id.clone(),
                position: i as i32 + 1,
                full_name: x.full_name.clone(),
                id_number: x.id_number.clone(),
                address: x.address.clone(),
                phone: x.phone.clone(),
            })
            .collect();
        let submission_id = match v.submission {
            Some(sub) => Some(crate::complaints::steps::intake::create(conn, actor, agency_id, sub)?.id),
            None => None,
        };
        let mut row = SessionRow {
            id: id.clone(),
            agency_id: agency_id.to_string(),
            year,
            number,
            held_on: v.held_on,
            start_time: v.start_time,
            kind: v.kind,
            host: v.host,
            officer_id: v.officer_id,
            topic: v.topic,
            group_visit: v.visitor_count >= 5,
            visitor_count: v.visitor_count,
            subject: v.subject,
            content: v.content,
            action: v.action,
            action_text: v.action_text,
            conclusion: String::new(),
            notice_id: None,
            submission_id,
            search_text: String::new(),
            version: 1,
            created_by: actor.name.clone(),
            created_at: now,
            updated_at: now,
        };
        row.search_text = search_text(&row, &visitors);
        diesel::insert_into(reception_sessions::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        let secret = row.is_secret();
        for x in &visitors {
            diesel::insert_into(reception_visitors::table).values(x).execute(conn)?;
            audit::record(conn, actor, AuditEntry::created(&AuditedVisitor { v: x, secret }))?;
        }
        Ok(row)
    })
}
