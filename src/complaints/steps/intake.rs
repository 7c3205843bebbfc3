//! Receiving a submission (tiếp nhận đơn) from any channel: its number in the register, the
//! tracking code for the receipt, the people and outlets it names, the handling deadline by kind,
//! one audit entry per row, all in one transaction.

use diesel::prelude::*;
use serde::Deserialize;

use crate::audit::{self, Actor, AuditEntry, Auditable};
use crate::calendar::steps::deadlines::{NewDeadline, track};
use crate::complaints::model::*;
use crate::complaints::state::{State, intake_rule};
use crate::db::schema::{submission_members, submission_outlets, submission_people, submissions};
use crate::db::{DbConnection, write_tx};
use crate::domain::input::{self as forms, ticked};
use crate::domain::text;
use crate::error::{AppError, Code, FieldError, FieldErrors};

/// The most people one submission lists.
pub const MAX_PEOPLE: usize = 20;

/// One person who signed or brought the submission.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    #[serde(default)]
    #[schema(max_length = 200)]
    pub full_name: String,
    /// Citizen identity number (12 digits) or passport.
    #[serde(default)]
    pub id_number: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
}

impl PersonInput {
    fn is_blank(&self) -> bool {
        [&self.full_name, &self.id_number, &self.address, &self.phone, &self.email].iter().all(|s| s.trim().is_empty())
    }
}

/// What reception staff type when a submission arrives.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmissionInput {
    /// The day it was received: YYYY-MM-DD or DD/MM/YYYY, not after today.
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub received_on: String,
    #[serde(default)]
    #[schema(value_type = Channel, required = true)]
    pub channel: String,
    /// The body that forwarded it (channel `forwarded`).
    #[serde(default)]
    pub forwarded_by: String,
    /// Its letter number and date (channel `forwarded`).
    #[serde(default)]
    pub forwarded_ref: String,
    /// By content, not by the title of the letter.
    #[serde(default)]
    #[schema(value_type = Kind, required = true)]
    pub kind: String,
    /// Why it is that kind (what in its content makes it so).
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub kind_reason: String,
    #[serde(default)]
    #[schema(value_type = Competence, required = true)]
    pub competence: String,
    /// A short title for lists, at most 300 characters.
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 300)]
    pub subject: String,
    /// What it says.
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 20000)]
    pub content: String,
    /// Without a name and address: recorded and filed as the law says (`true`/`false`).
    #[serde(default)]
    #[schema(pattern = "^(?:true|false|1|0|on)?$")]
    pub anonymous: String,
    #[serde(default)]
    #[schema(pattern = "^(?:true|false|1|0|on)?$")]
    pub remote_area: String,
    #[serde(default)]
    #[schema(pattern = "^(?:true|false|1|0|on)?$")]
    pub complex_case: String,
    /// Who signed or brought it; at least one unless anonymous.
    #[serde(default)]
    #[schema(max_items = 20)]
    pub people: Vec<PersonInput>,
    /// The outlets it concerns, ids separated by commas or spaces.
    #[serde(default)]
    pub outlet_ids: String,
    /// The officer who handles it: a user of the agency.
    #[serde(default)]
    pub officer_id: String,
}

pub struct ValidSubmission {
    received_on: chrono::NaiveDate,
    channel: Channel,
    forwarded_by: String,
    forwarded_ref: String,
    kind: Kind,
    kind_reason: String,
    competence: Competence,
    subject: String,
    content: String,
    anonymous: bool,
    remote_area: bool,
    complex_case: bool,
    people: Vec<PersonInput>,
    outlet_ids: Vec<String>,
    officer_id: Option<String>,
}

/// The ids in a list typed or sent as "a, b c".
pub fn id_list(s: &str) -> Vec<String> {
    let mut v: Vec<String> =
        s.split([',', ' ', '\n', '\r', '\t']).map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect();
    v.dedup();
    v
}

impl SubmissionInput {
    pub fn validate(&self) -> Result<ValidSubmission, FieldErrors> {
        let mut e = FieldErrors::new();
        let today = crate::time::today_vn();
        let received_on = forms::day("received_on", &self.received_on, true, today, &mut e);
        let channel = forms::choice("channel", &self.channel, Channel::parse, &mut e);
        let forwarded = channel == Some(Channel::Forwarded);
        let forwarded_by = forms::line("forwarded_by", &self.forwarded_by, forwarded, 300, &mut e);
        let forwarded_ref = forms::line("forwarded_ref", &self.forwarded_ref, forwarded, 200, &mut e);
        let kind = forms::choice("kind", &self.kind, Kind::parse, &mut e);
        let kind_reason = forms::block("kind_reason", &self.kind_reason, true, 2000, &mut e);
        let competence = forms::choice("competence", &self.competence, Competence::parse, &mut e);
        let subject = forms::line("subject", &self.subject, true, 300, &mut e);
        let content = forms::block("content", &self.content, true, 20000, &mut e);
        let anonymous = ticked(&self.anonymous);
        let people: Vec<PersonInput> = self.people.iter().filter(|p| !p.is_blank()).cloned().collect();
        if people.len() > MAX_PEOPLE {
            e.push(FieldError::with_arg("people", Code::TooLong, MAX_PEOPLE));
        }
        let mut clean = Vec::new();
        for (i, p) in people.iter().enumerate() {
            let n = i + 1;
            let field = |f: &str| format!("person_{n}_{f}");
            let full_name = forms::line(&field("full_name"), &p.full_name, true, 200, &mut e);
            let id_number = forms::line(&field("id_number"), &p.id_number, false, 20, &mut e);
            if !id_number.is_empty() && !id_number.chars().all(|c| c.is_ascii_alphanumeric()) {
                e.add(&field("id_number"), Code::Invalid);
            }
            let address = forms::line(&field("address"), &p.address, false, 500, &mut e);
            let phone = forms::line(&field("phone"), &p.phone, false, 30, &mut e);
            if !phone.is_empty() && forms::phone_key(&phone).is_empty() {
                e.add(&field("phone"), Code::PhoneInvalid);
            }
            let email = forms::line(&field("email"), &p.email, false, 254, &mut e);
            if !email.is_empty() && crate::domain::Email::parse(&email).is_none() {
                e.push(FieldError::with_arg(field("email"), Code::EmailInvalid, &email));
            }
            clean.push(PersonInput { full_name, id_number, address, phone, email });
        }
        if !anonymous && clean.is_empty() {
            e.add("person_1_full_name", Code::Required);
        }
        let outlet_ids = id_list(&self.outlet_ids);
        if outlet_ids.iter().any(|id| !text::is_plausible_id(id)) {
            e.add("outlet_ids", Code::NotFound);
        }
        let officer_id = Some(self.officer_id.trim().to_string()).filter(|s| !s.is_empty());
        e.into_result()?;
        let (Some(received_on), Some(channel), Some(kind), Some(competence)) = (received_on, channel, kind, competence)
        else {
            return Err(FieldErrors::one("kind", Code::Required));
        };
        Ok(ValidSubmission {
            received_on,
            channel,
            forwarded_by: if forwarded { forwarded_by } else { String::new() },
            forwarded_ref: if forwarded { forwarded_ref } else { String::new() },
            kind,
            kind_reason,
            competence,
            subject,
            content,
            anonymous,
            remote_area: ticked(&self.remote_area),
            complex_case: ticked(&self.complex_case),
            people: clean,
            outlet_ids,
            officer_id,
        })
    }
}

/// Eight characters the citizen can read out on the phone, shown as XXXX-XXXX (no 0/1/I/O).
pub fn new_tracking_code() -> String {
    crate::domain::ids::readable_code(2, 4)
}

/// The folded text a search matches: the number, code and subject, and the content and the
/// people's names unless they are secret (a search must not find a denunciation by what only its
/// readers may see).
pub fn search_text(s: &SubmissionRow, people: &[PersonRow]) -> String {
    let mut parts = vec![s.register_no(), s.tracking_code.clone(), s.subject.clone()];
    if !s.is_secret() {
        parts.push(s.content.clone());
        parts.extend(people.iter().map(|p| p.full_name.clone()));
    }
    text::fold(&parts.join(" "))
}

/// The deadline label of each kind of clock on a submission.
pub const HANDLING_LABEL: &str = "deadline.label.submission_handling";
pub const RESOLUTION_LABEL: &str = "deadline.label.submission_resolution";

/// Receives a submission: everything or nothing.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    v: ValidSubmission,
) -> Result<SubmissionRow, AppError> {
    write_tx(conn, |conn| {
        for id in &v.outlet_ids {
            crate::outlets::queries::find(conn, id)
                .map_err(|_| AppError::from(FieldErrors::one("outlet_ids", Code::NotFound)))?;
        }
        if let Some(o) = &v.officer_id {
            crate::users::queries::find_in_agency(conn, o, agency_id)
                .map_err(|_| AppError::from(FieldErrors::one("officer_id", Code::NotFound)))?;
        }
        use chrono::Datelike;
        let year = v.received_on.year();
        let number = crate::documents::steps::issue::next_number(conn, agency_id, "submission", year)?;
        let now = crate::time::now();
        let id = uuid::Uuid::now_v7().to_string();
        let people: Vec<PersonRow> = v
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| PersonRow {
                id: uuid::Uuid::now_v7().to_string(),
                submission_id: id.clone(),
                position: i as i32 + 1,
                full_name: p.full_name.clone(),
                id_number: p.id_number.clone(),
                address: p.address.clone(),
                phone: p.phone.clone(),
                phone_digits: forms::phone_key(&p.phone),
                email: p.email.clone(),
            })
            .collect();
        let mut row = SubmissionRow {
            id: id.clone(),
            agency_id: agency_id.to_string(),
            year,
            number,
            tracking_code: new_tracking_code(),
            received_on: v.received_on,
            channel: v.channel,
            forwarded_by: v.forwarded_by,
            forwarded_ref: v.forwarded_ref,
            kind: v.kind,
            kind_reason: v.kind_reason,
            competence: v.competence,
            subject: v.subject,
            content: v.content,
            anonymous: v.anonymous,
            remote_area: v.remote_area,
            complex_case: v.complex_case,
            state: State::Received,
            resume_state: String::new(),
            outcome_reason: String::new(),
            forwarded_to: String::new(),
            accepted_on: None,
            decided_on: None,
            closed_on: None,
            extensions: 0,
            duplicate_of: None,
            officer_id: v.officer_id.clone(),
            search_text: String::new(),
            version: 1,
            created_by: actor.name.clone(),
            created_at: now,
            updated_at: now,
        };
        row.search_text = search_text(&row, &people);
        track(
            conn,
            actor,
            NewDeadline {
                agency_id: agency_id.to_string(),
                record_type: SubmissionRow::RECORD_TYPE.into(),
                record_id: id.clone(),
                label: HANDLING_LABEL.into(),
                rule_code: Some(intake_rule(row.kind).into()),
                start: row.received_on,
                duration: None,
                unit: None,
            },
        )?;
        diesel::insert_into(submissions::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        let secret = row.is_secret();
        for p in &people {
            diesel::insert_into(submission_people::table).values(p).execute(conn)?;
            audit::record(conn, actor, AuditEntry::created(&AuditedPerson { person: p, secret }))?;
        }
        for o in &v.outlet_ids {
            let c = ConcernRow { submission_id: id.clone(), outlet_id: o.clone() };
            diesel::insert_into(submission_outlets::table).values(&c).execute(conn)?;
        }
        if let Some(o) = &v.officer_id {
            let m = MemberRow { submission_id: id.clone(), user_id: o.clone(), role: MemberRole::Officer };
            diesel::insert_into(submission_members::table).values(&m).execute(conn)?;
            audit::record(conn, actor, AuditEntry::created(&m))?;
        }
        Ok(row)
    })
}
