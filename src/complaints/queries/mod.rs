//! Every read of the complaints desk, as read models the pages and the API share: the case with
//! what its reader may see, the lists, "due this week", the public status by tracking code.

pub mod figures;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;

use crate::auth::Role;
use crate::calendar::engine::{Calendar, DeadlineStatus};
use crate::calendar::model::DeadlineRow;
use crate::calendar::queries::rule_in_force;
use crate::complaints::model::*;
use crate::complaints::secrecy::{Disclosure, may_read_secret};
use crate::complaints::state::{self, Event, Facts, State};
use crate::db::schema::{
    deadlines, outlets, submission_files, submission_members, submission_outlets, submission_people, submissions, users,
};
use crate::db::{DbConnection, Total};
use crate::error::AppError;

pub fn submission(conn: &mut DbConnection, id: &str, agency_id: &str) -> Result<SubmissionRow, AppError> {
    submissions::table
        .filter(submissions::id.eq(id))
        .filter(submissions::agency_id.eq(agency_id))
        .select(SubmissionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

pub fn people(conn: &mut DbConnection, id: &str) -> Result<Vec<PersonRow>, AppError> {
    Ok(submission_people::table
        .filter(submission_people::submission_id.eq(id))
        .order(submission_people::position.asc())
        .select(PersonRow::as_select())
        .load(conn)?)
}

pub fn is_member(conn: &mut DbConnection, id: &str, user_id: &str) -> Result<bool, AppError> {
    let n: i64 = submission_members::table
        .filter(submission_members::submission_id.eq(id))
        .filter(submission_members::user_id.eq(user_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The rule that bounds the case's resolution, as in force when it was accepted.
pub fn resolution_rule(
    conn: &mut DbConnection,
    s: &SubmissionRow,
    on: NaiveDate,
) -> Result<Option<crate::calendar::model::DeadlineRuleRow>, AppError> {
    match state::resolution_rule(s.kind, s.complex_case, s.remote_area) {
        Some(code) => rule_in_force(conn, code, s.accepted_on.unwrap_or(on)),
        None => Ok(None),
    }
}

/// What the state machine needs to know of a submission beyond its state.
pub fn facts(conn: &mut DbConnection, s: &SubmissionRow) -> Result<Facts, AppError> {
    let rule = resolution_rule(conn, s, crate::time::today_vn())?;
    Ok(Facts {
        competence: s.competence,
        extensions: s.extensions,
        extension_max: rule.map(|r| r.extension_max).unwrap_or(0),
        resume_to: s.resume_to(),
    })
}

/// The id of a submission's open deadline with this label (the handling clock, or the resolution).
pub fn open_deadline(conn: &mut DbConnection, id: &str, label: &str) -> Result<Option<String>, AppError> {
    Ok(crate::calendar::queries::running(conn, "submission", id, label)?.map(|d| d.id.to_string()))
}

/// The due date of the submission's open deadline with this label, if it has one.
pub fn open_deadline_due(conn: &mut DbConnection, id: &str, label: &str) -> Result<Option<NaiveDate>, AppError> {
    Ok(crate::calendar::queries::running(conn, "submission", id, label)?.map(|d| d.due_date))
}

/// The inspections opened to resolve it: engagements at the outlets it concerns whose reason names
/// it (the reason `compose::inspection_reason` writes, "… số 7/2026: …"), newest first.
pub fn inspections(
    conn: &mut DbConnection,
    s: &SubmissionRow,
    outlet_ids: &[String],
) -> Result<Vec<crate::inspections::model::EngagementRow>, AppError> {
    use crate::db::schema::engagements;
    if outlet_ids.is_empty() {
        return Ok(Vec::new());
    }
    let named = format!("%{}%", crate::complaints::compose::inspection_marker(s));
    Ok(engagements::table
        .filter(engagements::agency_id.eq(&s.agency_id))
        .filter(engagements::outlet_id.eq_any(outlet_ids))
        .filter(engagements::reason.like(named))
        .order(engagements::created_at.desc())
        .select(crate::inspections::model::EngagementRow::as_select())
        .limit(20)
        .load(conn)?)
}

/// The letters a submission's handling produced: (role, document), oldest first.
pub fn letters(
    conn: &mut DbConnection,
    id: &str,
) -> Result<Vec<(String, crate::documents::model::DocumentRow)>, AppError> {
    use crate::db::schema::{documents, submission_documents};
    Ok(submission_documents::table
        .inner_join(documents::table.on(documents::id.eq(submission_documents::document_id)))
        .filter(submission_documents::submission_id.eq(id))
        .order(documents::created_at.asc())
        .select((submission_documents::role, crate::documents::model::DocumentRow::as_select()))
        .load(conn)?)
}

/// The scans of a submission, oldest first.
pub fn files_of(conn: &mut DbConnection, id: &str) -> Result<Vec<FileRow>, AppError> {
    Ok(submission_files::table
        .filter(submission_files::submission_id.eq(id))
        .order(submission_files::created_at.asc())
        .select(FileRow::as_select())
        .load(conn)?)
}

/// The outlets a submission concerns: (id, name).
pub fn concerns(conn: &mut DbConnection, id: &str) -> Result<Vec<(String, String)>, AppError> {
    Ok(submission_outlets::table
        .inner_join(outlets::table)
        .filter(submission_outlets::submission_id.eq(id))
        .order(outlets::name.asc())
        .select((outlets::id, outlets::name))
        .load(conn)?)
}

/// Who is assigned, with their names.
pub fn members(conn: &mut DbConnection, id: &str) -> Result<Vec<(MemberRow, String)>, AppError> {
    let rows: Vec<(MemberRow, String, String)> = submission_members::table
        .inner_join(users::table)
        .filter(submission_members::submission_id.eq(id))
        .order((submission_members::role.desc(), users::full_name.asc()))
        .select((MemberRow::as_select(), users::full_name, users::username))
        .load(conn)?;
    Ok(rows.into_iter().map(|(m, f, u)| (m, crate::users::model::shown_name(&f, &u))).collect())
}

/// The agency's users who may be assigned: (id, name).
pub fn assignable(conn: &mut DbConnection, agency_id: &str) -> Result<Vec<(String, String)>, AppError> {
    let rows: Vec<(String, String, String)> = users::table
        .filter(users::agency_id.eq(agency_id))
        .filter(users::disabled.eq(false))
        .order(users::full_name.asc())
        .select((users::id, users::full_name, users::username))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, f, u)| (id, crate::users::model::shown_name(&f, &u))).collect())
}

/// The submissions of an outlet (its page's panel): (id, register number, subject, kind, state).
pub fn of_outlet(conn: &mut DbConnection, agency_id: &str, outlet_id: &str) -> Result<Vec<SubmissionRow>, AppError> {
    Ok(submissions::table
        .inner_join(submission_outlets::table)
        .filter(submissions::agency_id.eq(agency_id))
        .filter(submission_outlets::outlet_id.eq(outlet_id))
        .order(submissions::received_on.desc())
        .select(SubmissionRow::as_select())
        .limit(100)
        .load(conn)?)
}

/// A list's filters, as the page's query string and the API's parameters give them.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Filter {
    /// Words of the number, subject or content (and the names on complaints and petitions),
    /// without diacritics if you like.
    #[serde(default)]
    pub q: String,
    /// A state, or `open` for those not finished.
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub kind: String,
    /// A user id, or `me`.
    #[serde(default)]
    pub officer: String,
    /// overdue, due_soon (within the warning days, today included) or on_track.
    #[serde(default)]
    pub due: String,
    /// With `from` and `to` (YYYY-MM-DD): which date falls in the period: received, accepted,
    /// decided (decided or answered) or closed.
    #[serde(default)]
    pub by: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub page: Option<i64>,
}

/// One line of a list: the submission and the due date of its running clock.
pub struct Line {
    pub s: SubmissionRow,
    pub due: Option<NaiveDate>,
}

/// The running deadline of each submission: at most one is open at a time (handling, then
/// resolution).
macro_rules! open_deadline_on {
    () => {
        deadlines::record_id
            .eq(submissions::id)
            .and(deadlines::record_type.eq("submission"))
            .and(deadlines::closed_at.is_null())
    };
}

/// A page of the agency's submissions, newest first, counted up to the cap.
pub fn list(
    conn: &mut DbConnection,
    agency_id: &str,
    me: &str,
    f: &Filter,
    soon_until: NaiveDate,
    paging: &crate::web::Paging,
) -> Result<(Vec<Line>, Total), AppError> {
    let today = crate::time::today_vn();
    let build = || {
        let mut q = submissions::table
            .left_join(deadlines::table.on(open_deadline_on!()))
            .filter(submissions::agency_id.eq(agency_id))
            .into_boxed();
        match f.state.trim() {
            "open" => q = q.filter(submissions::state.eq_any(State::ORDER.into_iter().filter(|s| !s.is_final()))),
            s => {
                if let Some(s) = State::parse(s) {
                    q = q.filter(submissions::state.eq(s));
                }
            }
        }
        if let Some(k) = Kind::parse(&f.kind) {
            q = q.filter(submissions::kind.eq(k));
        }
        match f.officer.trim() {
            "" => {}
            "me" => q = q.filter(submissions::officer_id.eq(me.to_string())),
            o => q = q.filter(submissions::officer_id.eq(o.to_string())),
        }
        // By the running clock's colour: the ids come from the index of one agency's clocks by
        // (closed_at, due_date), so the overdue list does not walk every submission.
        // (An alias: the list already joins the deadlines for their due date.)
        let clock = diesel::alias!(deadlines as clock);
        let due = clock.field(deadlines::due_date);
        let running = || {
            clock
                .filter(clock.field(deadlines::record_type).eq("submission"))
                .filter(clock.field(deadlines::agency_id).eq(agency_id.to_string()))
                .filter(clock.field(deadlines::closed_at).is_null())
                .select(clock.field(deadlines::record_id))
        };
        match f.due.trim() {
            "overdue" => q = q.filter(submissions::id.eq_any(running().filter(due.lt(today)))),
            "due_soon" => {
                q = q.filter(submissions::id.eq_any(running().filter(due.ge(today)).filter(due.le(soon_until))))
            }
            "on_track" => q = q.filter(submissions::id.eq_any(running().filter(due.gt(soon_until)))),
            _ => {}
        }
        for word in crate::outlets::queries::search_words(&f.q) {
            q = q.filter(submissions::search_text.like(crate::outlets::queries::like_word(&word)).escape('\\'));
        }
        let day = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        if let (Some(from), Some(to)) = (day(&f.from), day(&f.to)) {
            q = match f.by.trim() {
                "accepted" => q.filter(submissions::accepted_on.between(from, to)),
                "decided" => q.filter(submissions::decided_on.between(from, to)),
                "closed" => q.filter(submissions::closed_on.between(from, to)),
                _ => q.filter(submissions::received_on.between(from, to)),
            };
        }
        q
    };
    let rows: Vec<(SubmissionRow, Option<NaiveDate>)> = build()
        .order((submissions::updated_at.desc(), submissions::id.desc()))
        .limit(paging.per_page)
        .offset(paging.offset())
        .select((SubmissionRow::as_select(), deadlines::due_date.nullable()))
        .load(conn)?;
    let total = Total::unless_short(rows.len(), paging.offset(), paging.per_page, || {
        let past_cap = build()
            .select(submissions::id)
            .offset(crate::db::COUNT_CAP)
            .limit(1)
            .first::<String>(conn)
            .optional()?
            .is_some();
        Total::bounded(past_cap, || build().count().get_result(conn))
    })?;
    Ok((rows.into_iter().map(|(s, due)| Line { s, due }).collect(), total))
}

/// A user's open cases due by `until` (their "due this week"): those they handle or verify, oldest
/// due first.
pub fn due_for(
    conn: &mut DbConnection,
    agency_id: &str,
    user_id: &str,
    until: NaiveDate,
) -> Result<Vec<Line>, AppError> {
    let mine = submission_members::table
        .filter(submission_members::user_id.eq(user_id.to_string()))
        .select(submission_members::submission_id);
    let rows: Vec<(SubmissionRow, NaiveDate)> = submissions::table
        .inner_join(deadlines::table.on(open_deadline_on!()))
        .filter(submissions::agency_id.eq(agency_id))
        .filter(submissions::id.eq_any(mine))
        .filter(deadlines::due_date.le(until))
        .order((deadlines::due_date.asc(), submissions::id.asc()))
        .select((SubmissionRow::as_select(), deadlines::due_date))
        .limit(500)
        .load(conn)?;
    Ok(rows.into_iter().map(|(s, d)| Line { s, due: Some(d) }).collect())
}

/// How many of the agency's submissions are not finished, exactly: one range of the index on
/// (agency, state) per open state.
pub fn open_count(conn: &mut DbConnection, agency_id: &str) -> Result<i64, AppError> {
    Ok(submissions::table
        .filter(submissions::agency_id.eq(agency_id))
        .filter(submissions::state.eq_any(State::ORDER.into_iter().filter(|s| !s.is_final())))
        .count()
        .get_result(conn)?)
}

/// How many of the agency's submissions have a running clock past its due date.
pub fn overdue_count(conn: &mut DbConnection, agency_id: &str, today: NaiveDate) -> Result<i64, AppError> {
    // From the index of the agency's open clocks by due date alone: a submission's clocks carry its
    // agency (intake and every step start them with it), and at most one runs at a time.
    Ok(deadlines::table
        .filter(deadlines::agency_id.eq(agency_id))
        .filter(deadlines::closed_at.is_null())
        .filter(deadlines::due_date.lt(today))
        .filter(deadlines::record_type.eq("submission"))
        .count()
        .get_result(conn)?)
}

/// A case as its reader may see it.
pub struct Detail {
    pub s: SubmissionRow,
    pub disclosure: Disclosure,
    /// Empty unless `disclosure.shows()`.
    pub people: Vec<PersonRow>,
    pub people_count: usize,
    pub outlets: Vec<(String, String)>,
    pub members: Vec<(MemberRow, String)>,
    pub deadlines: Vec<DeadlineRow>,
    /// Its scans; their names only when `disclosure.shows()` (a name can name the sender).
    pub files: Vec<FileRow>,
    /// The letters its handling produced: (role, document).
    pub letters: Vec<(String, crate::documents::model::DocumentRow)>,
    pub offered: Vec<Event>,
    pub duplicate_of: Option<SubmissionRow>,
    /// Possible duplicates (only for a reader who sees the people: matching them says who sent it).
    pub duplicates: Vec<SubmissionRow>,
    pub calendar: Calendar,
    pub history: crate::audit::repo::History,
    /// The inspections opened to resolve it.
    pub inspections: Vec<crate::inspections::model::EngagementRow>,
    /// The reception visit it was handed in at: (id, its number in the reception book).
    pub reception: Option<(String, String)>,
}

/// Who reads: their id and role, and whether they asked to see what is secret (an audited
/// reading, done by `steps::reveal` before this is called).
pub struct Reader<'a> {
    pub user_id: &'a str,
    pub role: Role,
    pub revealed: bool,
    /// `duplicate_window_days` of the settings.
    pub window_days: u32,
}

pub fn detail(conn: &mut DbConnection, id: &str, agency_id: &str, reader: &Reader) -> Result<Detail, AppError> {
    let s = submission(conn, id, agency_id)?;
    let assigned = is_member(conn, id, reader.user_id)?;
    let disclosure = Disclosure::of(s.is_secret(), may_read_secret(reader.role, assigned), reader.revealed);
    let all = people(conn, id)?;
    let people_count = all.len();
    let duplicates = match disclosure.shows() && s.state == State::Received {
        true => possible_duplicates(conn, &s, &all, reader.window_days)?,
        false => Vec::new(),
    };
    let people = if disclosure.shows() { all } else { Vec::new() };
    let outlets = concerns(conn, id)?;
    let outlet_ids: Vec<String> = outlets.iter().map(|(o, _)| o.clone()).collect();
    let inspections = inspections(conn, &s, &outlet_ids)?;
    let members = members(conn, id)?;
    let deadlines: Vec<DeadlineRow> = deadlines::table
        .filter(deadlines::record_type.eq("submission"))
        .filter(deadlines::record_id.eq(id))
        .order(deadlines::created_at.asc())
        .select(DeadlineRow::as_select())
        .load(conn)?;
    let letters = letters(conn, id)?;
    let mut files = files_of(conn, id)?;
    if !disclosure.shows() {
        for f in files.iter_mut() {
            f.file_name = String::new();
        }
    }
    let facts = facts(conn, &s)?;
    let offered = state::offered(s.kind, s.state, facts);
    let duplicate_of = match &s.duplicate_of {
        Some(d) => submission(conn, d, agency_id).ok(),
        None => None,
    };
    let calendar = crate::calendar::queries::load_calendar(conn)?;
    let mut history = crate::audit::repo::history(conn, "submission", id, Some(agency_id))?;
    if !disclosure.shows() {
        // The content of a denunciation can name its author: a reader who may not see them does
        // not read it in the history either.
        for r in history.rows.iter_mut() {
            let kept: Vec<crate::audit::Change> =
                r.changes_list().into_iter().filter(|c| c.field != "content").collect();
            r.changes = serde_json::to_string(&kept).unwrap_or_default();
        }
    }
    Ok(Detail {
        s,
        disclosure,
        people,
        people_count,
        outlets,
        members,
        deadlines,
        files,
        letters,
        offered,
        duplicate_of,
        duplicates,
        calendar,
        history,
        inspections,
        reception: reception_of(conn, id)?,
    })
}

/// The reception visit a submission was handed in at (the reception book is read as a table: the
/// reception feature sits above this one).
fn reception_of(conn: &mut DbConnection, id: &str) -> Result<Option<(String, String)>, AppError> {
    use crate::db::schema::reception_sessions as r;
    Ok(r::table
        .filter(r::submission_id.eq(id))
        .select((r::id, r::number, r::year))
        .first::<(String, i64, i32)>(conn)
        .optional()?
        .map(|(id, n, y)| (id, format!("{n}/{y}"))))
}

/// Earlier or later submissions of the agency, within `window_days` of this one's receipt, from the
/// same person with much the same words (`duplicates::is_duplicate`), not themselves merged.
pub fn possible_duplicates(
    conn: &mut DbConnection,
    s: &SubmissionRow,
    people: &[PersonRow],
    window_days: u32,
) -> Result<Vec<SubmissionRow>, AppError> {
    use crate::complaints::duplicates::{PersonKey, is_duplicate};
    if people.is_empty() || s.duplicate_of.is_some() {
        return Ok(Vec::new());
    }
    let keys: Vec<PersonKey> =
        people.iter().map(|p| PersonKey::new(&p.id_number, &p.phone_digits, &p.full_name)).collect();
    let phones: Vec<&str> = people.iter().map(|p| p.phone_digits.as_str()).filter(|x| !x.is_empty()).collect();
    let ids: Vec<&str> = people.iter().map(|p| p.id_number.as_str()).filter(|x| !x.is_empty()).collect();
    let names: Vec<&str> = people.iter().map(|p| p.full_name.as_str()).collect();
    let window = chrono::Days::new(u64::from(window_days));
    let (from, to) = (s.received_on - window, s.received_on + window);
    let found: Vec<String> = submission_people::table
        .inner_join(submissions::table)
        .filter(submissions::agency_id.eq(&s.agency_id))
        .filter(submissions::id.ne(&s.id))
        .filter(submissions::received_on.between(from, to))
        .filter(submissions::duplicate_of.is_null())
        .filter(
            submission_people::phone_digits
                .eq_any(&phones)
                .or(submission_people::id_number.eq_any(&ids))
                .or(submission_people::full_name.eq_any(&names)),
        )
        .select(submissions::id)
        .distinct()
        .limit(50)
        .load(conn)?;
    let text = format!("{} {}", s.subject, s.content);
    let mut out = Vec::new();
    for id in found {
        let other = submission(conn, &id, &s.agency_id)?;
        let theirs: Vec<PersonKey> = self::people(conn, &id)?
            .iter()
            .map(|p| PersonKey::new(&p.id_number, &p.phone_digits, &p.full_name))
            .collect();
        if is_duplicate(&keys, &text, &theirs, &format!("{} {}", other.subject, other.content)) {
            out.push(other);
        }
    }
    out.sort_by_key(|o| (o.received_on, o.number));
    Ok(out)
}

/// What the public status page shows: no names, no content.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PublicStatus {
    pub register_no: String,
    pub received_on: NaiveDate,
    pub kind: Kind,
    pub state: State,
    pub accepted_on: Option<NaiveDate>,
    pub decided_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub forwarded_to: String,
    /// The running deadline and where it stands.
    pub due: Option<(NaiveDate, DeadlineStatus)>,
}

/// The status of the submission with this tracking code, when `phone` is one given on it.
pub fn public_status(
    conn: &mut DbConnection,
    code: &str,
    phone_key: &str,
    soon: u32,
) -> Result<Option<PublicStatus>, AppError> {
    let code = code.trim().to_uppercase();
    if phone_key.is_empty() || code.len() > 20 {
        return Ok(None);
    }
    let Some(s) = submissions::table
        .filter(submissions::tracking_code.eq(&code))
        .select(SubmissionRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let n: i64 = submission_people::table
        .filter(submission_people::submission_id.eq(&s.id))
        .filter(submission_people::phone_digits.eq(phone_key))
        .count()
        .get_result(conn)?;
    if n == 0 {
        return Ok(None);
    }
    let due: Option<NaiveDate> = deadlines::table
        .filter(deadlines::record_type.eq("submission"))
        .filter(deadlines::record_id.eq(&s.id))
        .filter(deadlines::closed_at.is_null())
        .select(deadlines::due_date)
        .first(conn)
        .optional()?;
    let cal = crate::calendar::queries::load_calendar(conn)?;
    let today = crate::time::today_vn();
    Ok(Some(PublicStatus {
        register_no: s.register_no(),
        received_on: s.received_on,
        kind: s.kind,
        state: s.state,
        accepted_on: s.accepted_on,
        decided_on: s.decided_on,
        closed_on: s.closed_on,
        forwarded_to: s.forwarded_to.clone(),
        due: due.map(|d| (d, DeadlineStatus::of(&cal, d, today, soon))),
    }))
}
