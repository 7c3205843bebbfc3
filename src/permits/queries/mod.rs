//! Every read of the permit desk, as read models the pages and the API share: the permit types in
//! force, a dossier with its checklist, clocks, survey, fees and letters, the desk's list, the
//! register of permits, and the public status by tracking code.

pub mod figures;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;

use crate::calendar::model::DeadlineRow;
use crate::db::schema::{
    deadlines, documents, dossier_documents, dossier_fees, dossier_items, dossier_surveys, dossiers, permit_types,
    permits, survey_photos,
};
use crate::db::{DbConnection, Total};
use crate::documents::model::DocumentRow;
use crate::error::AppError;
use crate::permits::model::*;
use crate::permits::state::{Facts, State};

/// The deadline label of each clock on a dossier.
pub const COMPLETENESS_LABEL: &str = "deadline.label.dossier_completeness";
pub const LEGAL_LABEL: &str = "deadline.label.dossier_legal";
pub const PUBLISHED_LABEL: &str = "deadline.label.dossier_published";
pub const RECORD_TYPE: &str = "dossier";

/// Every version of every type, newest version of each code first.
pub fn all_types(conn: &mut DbConnection) -> Result<Vec<PermitTypeRow>, AppError> {
    Ok(permit_types::table
        .order((permit_types::code.asc(), permit_types::valid_from.desc()))
        .select(PermitTypeRow::as_select())
        .load(conn)?)
}

/// The version of each type in force on `on`, in a stable order.
pub fn types_in_force(conn: &mut DbConnection, on: NaiveDate) -> Result<Vec<PermitTypeRow>, AppError> {
    let mut out: Vec<PermitTypeRow> = Vec::new();
    for t in all_types(conn)? {
        let in_force = t.valid_from <= on && t.valid_to.is_none_or(|to| on < to);
        if in_force && !out.iter().any(|o| o.code == t.code) {
            out.push(t);
        }
    }
    out.sort_by(|a, b| a.name_vi.cmp(&b.name_vi));
    Ok(out)
}

/// The version of `code` in force on `on`.
pub fn type_in_force(conn: &mut DbConnection, code: &str, on: NaiveDate) -> Result<Option<PermitTypeRow>, AppError> {
    Ok(permit_types::table
        .filter(permit_types::code.eq(code))
        .filter(permit_types::valid_from.le(on))
        .filter(permit_types::valid_to.is_null().or(permit_types::valid_to.gt(on)))
        .order(permit_types::valid_from.desc())
        .select(PermitTypeRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn type_version(conn: &mut DbConnection, id: &str) -> Result<PermitTypeRow, AppError> {
    permit_types::table.find(id).select(PermitTypeRow::as_select()).first(conn).optional()?.ok_or(AppError::NotFound)
}

pub fn dossier(conn: &mut DbConnection, id: &str, agency_id: &str) -> Result<DossierRow, AppError> {
    dossiers::table
        .filter(dossiers::id.eq(id))
        .filter(dossiers::agency_id.eq(agency_id))
        .select(DossierRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

pub fn items(conn: &mut DbConnection, id: &str) -> Result<Vec<ItemRow>, AppError> {
    Ok(dossier_items::table
        .filter(dossier_items::dossier_id.eq(id))
        .order(dossier_items::position.asc())
        .select(ItemRow::as_select())
        .load(conn)?)
}

/// The photos of a dossier's surveys, oldest first.
pub fn photos(conn: &mut DbConnection, id: &str) -> Result<Vec<SurveyPhotoRow>, AppError> {
    Ok(survey_photos::table
        .filter(survey_photos::dossier_id.eq(id))
        .order((survey_photos::uploaded_at.asc(), survey_photos::id.asc()))
        .select(SurveyPhotoRow::as_select())
        .load(conn)?)
}

/// One photo of one of the agency's dossiers.
pub fn photo(conn: &mut DbConnection, id: &str, agency_id: &str, photo_id: &str) -> Result<SurveyPhotoRow, AppError> {
    dossier(conn, id, agency_id)?;
    survey_photos::table
        .find(photo_id)
        .filter(survey_photos::dossier_id.eq(id))
        .select(SurveyPhotoRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

pub fn surveys(conn: &mut DbConnection, id: &str) -> Result<Vec<SurveyRow>, AppError> {
    Ok(dossier_surveys::table
        .filter(dossier_surveys::dossier_id.eq(id))
        .order(dossier_surveys::created_at.asc())
        .select(SurveyRow::as_select())
        .load(conn)?)
}

pub fn fees(conn: &mut DbConnection, id: &str) -> Result<Vec<FeeRow>, AppError> {
    Ok(dossier_fees::table
        .filter(dossier_fees::dossier_id.eq(id))
        .order(dossier_fees::created_at.asc())
        .select(FeeRow::as_select())
        .load(conn)?)
}

/// The documents its steps drafted: (role, document), oldest first.
pub fn letters(conn: &mut DbConnection, id: &str) -> Result<Vec<(String, DocumentRow)>, AppError> {
    Ok(dossier_documents::table
        .inner_join(documents::table)
        .filter(dossier_documents::dossier_id.eq(id))
        .order(documents::created_at.asc())
        .select((dossier_documents::role, DocumentRow::as_select()))
        .load(conn)?)
}

/// Every clock the dossier had, oldest first.
pub fn clocks(conn: &mut DbConnection, id: &str) -> Result<Vec<DeadlineRow>, AppError> {
    Ok(deadlines::table
        .filter(deadlines::record_type.eq(RECORD_TYPE))
        .filter(deadlines::record_id.eq(id))
        .order((deadlines::created_at.asc(), deadlines::id.asc()))
        .select(DeadlineRow::as_select())
        .load(conn)?)
}

/// The running clock with this label, if any.
pub fn open_clock(conn: &mut DbConnection, id: &str, label: &str) -> Result<Option<DeadlineRow>, AppError> {
    crate::calendar::queries::running(conn, RECORD_TYPE, id, label)
}

/// The latest clock with this label, running or closed.
pub fn last_clock(conn: &mut DbConnection, id: &str, label: &str) -> Result<Option<DeadlineRow>, AppError> {
    Ok(deadlines::table
        .filter(deadlines::record_type.eq(RECORD_TYPE))
        .filter(deadlines::record_id.eq(id))
        .filter(deadlines::label.eq(label))
        .order((deadlines::created_at.desc(), deadlines::id.desc()))
        .select(DeadlineRow::as_select())
        .first(conn)
        .optional()?)
}

/// What the rules look at.
pub fn facts(conn: &mut DbConnection, d: &DossierRow, t: &PermitTypeRow) -> Result<Facts, AppError> {
    Ok(facts_of(d, t, &items(conn, &d.id)?, &surveys(conn, &d.id)?))
}

fn facts_of(d: &DossierRow, t: &PermitTypeRow, items: &[ItemRow], surveys: &[SurveyRow]) -> Facts {
    Facts {
        all_required: items.iter().all(|i| !i.required || i.received),
        appraised: !d.appraisal.trim().is_empty(),
        survey_needed: t.site_survey,
        survey_meets: surveys.last().is_some_and(|s| s.meets),
    }
}

/// A dossier as its page and the API show it.
pub struct Detail {
    pub d: DossierRow,
    pub t: PermitTypeRow,
    pub outlet_name: String,
    pub outlet_address: String,
    pub items: Vec<ItemRow>,
    pub clocks: Vec<DeadlineRow>,
    pub surveys: Vec<SurveyRow>,
    pub photos: Vec<SurveyPhotoRow>,
    pub fees: Vec<FeeRow>,
    pub letters: Vec<(String, DocumentRow)>,
    pub permit: Option<PermitRow>,
    pub original: Option<PermitRow>,
    pub facts: Facts,
}

pub fn detail(conn: &mut DbConnection, id: &str, agency_id: &str) -> Result<Detail, AppError> {
    let d = dossier(conn, id, agency_id)?;
    let t = type_version(conn, &d.permit_type_id)?;
    let outlet = crate::outlets::queries::find(conn, &d.outlet_id)?;
    let (outlet_name, outlet_address) = (outlet.name.clone(), outlet.full_address());
    let (items, surveys) = (items(conn, &d.id)?, surveys(conn, &d.id)?);
    let facts = facts_of(&d, &t, &items, &surveys);
    let permit =
        permits::table.filter(permits::dossier_id.eq(&d.id)).select(PermitRow::as_select()).first(conn).optional()?;
    let original = match &d.original_permit_id {
        Some(p) => permits::table.find(p).select(PermitRow::as_select()).first(conn).optional()?,
        None => None,
    };
    Ok(Detail {
        items,
        clocks: clocks(conn, &d.id)?,
        surveys,
        photos: photos(conn, &d.id)?,
        fees: fees(conn, &d.id)?,
        letters: letters(conn, &d.id)?,
        permit,
        original,
        facts,
        outlet_name,
        outlet_address,
        d,
        t,
    })
}

/// What a list of dossiers is filtered by.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Filter {
    /// "open", a state, or empty.
    #[serde(default)]
    pub state: String,
    #[serde(default, rename = "type")]
    pub type_code: String,
    /// "overdue" (past the legal deadline), "published_passed" (past the published one only),
    /// "due_soon", or empty.
    #[serde(default)]
    pub due: String,
    #[serde(default)]
    pub q: String,
    /// With `from` and `to`: "received" (default) or "decided".
    #[serde(default)]
    pub by: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// With `by=decided`: early, on_time or late.
    #[serde(default)]
    pub timeliness: String,
    #[serde(default)]
    pub page: Option<i64>,
    #[serde(default)]
    pub per_page: Option<i64>,
}

/// One line of the desk's list: the dossier and the due days of its running clocks.
pub struct Line {
    pub d: DossierRow,
    pub legal_due: Option<NaiveDate>,
    pub published_due: Option<NaiveDate>,
}

/// The tracking code a search is, if it is one (`HSABCD-EFGH`, typed in any case, with or without
/// its dash or spaces).
pub fn tracking_code_in(q: &str) -> Option<String> {
    let compact: String = q.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_uppercase();
    let body = compact.strip_prefix("HS")?;
    (body.len() == 8 && body.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| format!("HS{}-{}", &body[..4], &body[4..]))
}

/// A page of the agency's dossiers, most recently changed first, counted up to the cap.
pub fn list(
    conn: &mut DbConnection,
    agency_id: &str,
    f: &Filter,
    soon_until: NaiveDate,
    paging: &crate::web::Paging,
) -> Result<(Vec<Line>, Total), AppError> {
    let today = crate::time::today_vn();
    let sqlite = matches!(conn, DbConnection::Sqlite(_));
    let build = || {
        let mut q = dossiers::table.filter(dossiers::agency_id.eq(agency_id.to_string())).into_boxed();
        match f.state.trim() {
            "open" => q = q.filter(dossiers::state.eq_any(State::ALL.iter().copied().filter(|s| !s.is_final()))),
            s => {
                if let Some(s) = State::parse(s) {
                    q = q.filter(dossiers::state.eq(s));
                }
            }
        }
        if !f.type_code.trim().is_empty() {
            q = q.filter(dossiers::type_code.eq(f.type_code.trim().to_string()));
        }
        let running = |label: &'static str| {
            deadlines::table
                .filter(deadlines::record_type.eq(RECORD_TYPE))
                .filter(deadlines::agency_id.eq(agency_id.to_string()))
                .filter(deadlines::closed_at.is_null())
                .filter(deadlines::label.eq(label))
        };
        match f.due.trim() {
            "overdue" => {
                q =
                    q.filter(dossiers::id.eq_any(
                        running(LEGAL_LABEL).filter(deadlines::due_date.lt(today)).select(deadlines::record_id),
                    ))
            }
            "published_passed" => {
                q = q.filter(dossiers::id.eq_any(
                    running(PUBLISHED_LABEL).filter(deadlines::due_date.lt(today)).select(deadlines::record_id),
                ))
            }
            "due_soon" => {
                q = q.filter(
                    dossiers::id.eq_any(
                        running(LEGAL_LABEL)
                            .filter(deadlines::due_date.ge(today))
                            .filter(deadlines::due_date.le(soon_until))
                            .select(deadlines::record_id),
                    ),
                )
            }
            _ => {}
        }
        match tracking_code_in(&f.q) {
            // A tracking code read out on the phone is found by its index, not by reading every row.
            Some(code) => q = q.filter(dossiers::tracking_code.eq(code)),
            None => {
                let words = crate::outlets::queries::search_words(&f.q);
                for word in &words {
                    q = q.filter(dossiers::search_text.like(crate::outlets::queries::like_word(word)).escape('\\'));
                }
                // SQLite reads the candidates from the trigram index; PostgreSQL's serves the LIKE.
                if let (true, Some(fts)) = (sqlite, crate::outlets::queries::fts_filter_on("dossiers", &words)) {
                    q = q.filter(fts);
                }
            }
        }
        let day = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        if let (Some(from), Some(to)) = (day(&f.from), day(&f.to)) {
            q = match f.by.trim() {
                "decided" => q.filter(dossiers::decided_on.between(from, to)),
                _ => q.filter(dossiers::received_on.between(from, to)),
            };
        }
        if let Some(t) = Timeliness::parse(&f.timeliness) {
            q = q.filter(dossiers::on_time.eq(t));
        }
        q
    };
    let rows: Vec<DossierRow> = build()
        .order((dossiers::updated_at.desc(), dossiers::id.desc()))
        .limit(paging.per_page)
        .offset(paging.offset())
        .select(DossierRow::as_select())
        .load(conn)?;
    let total = Total::unless_short(rows.len(), paging.offset(), paging.per_page, || {
        let past_cap = build()
            .select(dossiers::id)
            .offset(crate::db::COUNT_CAP)
            .limit(1)
            .first::<String>(conn)
            .optional()?
            .is_some();
        Total::bounded(past_cap, || build().count().get_result(conn))
    })?;
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let due: Vec<(String, String, NaiveDate)> = deadlines::table
        .filter(deadlines::record_type.eq(RECORD_TYPE))
        .filter(deadlines::record_id.eq_any(&ids))
        .filter(deadlines::closed_at.is_null())
        .select((deadlines::record_id, deadlines::label, deadlines::due_date))
        .load(conn)?;
    let find = |id: &str, label: &str| due.iter().find(|(r, l, _)| r == id && l == label).map(|(_, _, d)| *d);
    let lines = rows
        .into_iter()
        .map(|d| Line { legal_due: find(&d.id, LEGAL_LABEL), published_due: find(&d.id, PUBLISHED_LABEL), d })
        .collect();
    Ok((lines, total))
}

/// How many of the agency's dossiers are open, and how many of those are past their legal and
/// their published deadline.
pub fn counts(conn: &mut DbConnection, agency_id: &str, today: NaiveDate) -> Result<(i64, i64, i64), AppError> {
    let open: i64 = dossiers::table
        .filter(dossiers::agency_id.eq(agency_id))
        .filter(dossiers::state.eq_any(State::ALL.iter().copied().filter(|s| !s.is_final())))
        .count()
        .get_result(conn)?;
    let mut late = |label: &str| -> Result<i64, AppError> {
        Ok(deadlines::table
            .filter(deadlines::record_type.eq(RECORD_TYPE))
            .filter(deadlines::agency_id.eq(agency_id))
            .filter(deadlines::closed_at.is_null())
            .filter(deadlines::label.eq(label))
            .filter(deadlines::due_date.lt(today))
            .count()
            .get_result(conn)?)
    };
    Ok((open, late(LEGAL_LABEL)?, late(PUBLISHED_LABEL)?))
}

/// What the register is filtered by.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegisterFilter {
    #[serde(default, rename = "type")]
    pub type_code: String,
    #[serde(default)]
    pub status: String,
    /// Valid permits expiring within this many days.
    #[serde(default)]
    pub expiring: String,
    #[serde(default)]
    pub page: Option<i64>,
    #[serde(default)]
    pub per_page: Option<i64>,
}

/// A page of the agency's register, newest first.
pub fn register(
    conn: &mut DbConnection,
    agency_id: &str,
    f: &RegisterFilter,
    paging: &crate::web::Paging,
) -> Result<(Vec<PermitRow>, Total), AppError> {
    let today = crate::time::today_vn();
    let build = || {
        let mut q = permits::table.filter(permits::agency_id.eq(agency_id.to_string())).into_boxed();
        if !f.type_code.trim().is_empty() {
            q = q.filter(permits::type_code.eq(f.type_code.trim().to_string()));
        }
        if let Some(s) = PermitStatus::parse(&f.status) {
            q = q.filter(permits::status.eq(s));
        }
        if let Ok(days) = f.expiring.trim().parse::<u64>() {
            let until = today + chrono::Days::new(days.min(3650));
            q = q
                .filter(permits::status.eq(PermitStatus::Valid))
                .filter(permits::valid_until.is_not_null())
                .filter(permits::valid_until.le(until));
        }
        q
    };
    let total = Total::bounded(false, || build().count().get_result(conn))?;
    let rows = build()
        .order((permits::issued_on.desc(), permits::id.desc()))
        .limit(paging.per_page)
        .offset(paging.offset())
        .select(PermitRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

pub fn permit(conn: &mut DbConnection, id: &str, agency_id: &str) -> Result<PermitRow, AppError> {
    permits::table
        .filter(permits::id.eq(id))
        .filter(permits::agency_id.eq(agency_id))
        .select(PermitRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// An outlet's permits, newest first (its page's panel).
pub fn of_outlet(conn: &mut DbConnection, outlet_id: &str) -> Result<Vec<PermitRow>, AppError> {
    Ok(permits::table
        .filter(permits::outlet_id.eq(outlet_id))
        .order(permits::issued_on.desc())
        .select(PermitRow::as_select())
        .load(conn)?)
}

/// What the public status page shows: the dossier's state and promised day, nothing else.
pub struct PublicStatus {
    pub register_no: String,
    pub type_name_vi: String,
    pub type_name_en: String,
    pub received_on: NaiveDate,
    pub state: State,
    /// The published deadline (the day promised on the slip), while it runs; else the decision's day.
    pub promised: Option<NaiveDate>,
    pub decided_on: Option<NaiveDate>,
}

/// By the code printed on the slip; `None` for an unknown code.
pub fn public_status(conn: &mut DbConnection, code: &str) -> Result<Option<PublicStatus>, AppError> {
    let Some(code) = tracking_code_in(code) else { return Ok(None) };
    let Some(d) = dossiers::table
        .filter(dossiers::tracking_code.eq(&code))
        .select(DossierRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let t = type_version(conn, &d.permit_type_id)?;
    let promised = open_clock(conn, &d.id, PUBLISHED_LABEL)?.map(|c| c.due_date);
    Ok(Some(PublicStatus {
        register_no: d.register_no(),
        type_name_vi: t.name_vi,
        type_name_en: t.name_en,
        received_on: d.received_on,
        state: d.state,
        promised,
        decided_on: d.decided_on,
    }))
}

/// The open dossiers `user_id` received, with the due day of their running legal clock (the
/// desk's "my work"), oldest due first.
pub fn mine(conn: &mut DbConnection, agency_id: &str, user_id: &str) -> Result<Vec<Line>, AppError> {
    let rows: Vec<DossierRow> = dossiers::table
        .filter(dossiers::agency_id.eq(agency_id))
        .filter(dossiers::officer_id.eq(user_id))
        .filter(dossiers::state.eq_any(State::ALL.iter().copied().filter(|s| !s.is_final())))
        .order(dossiers::received_on.asc())
        .limit(200)
        .select(DossierRow::as_select())
        .load(conn)?;
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let due: Vec<(String, String, NaiveDate)> = deadlines::table
        .filter(deadlines::record_type.eq(RECORD_TYPE))
        .filter(deadlines::record_id.eq_any(&ids))
        .filter(deadlines::closed_at.is_null())
        .select((deadlines::record_id, deadlines::label, deadlines::due_date))
        .load(conn)?;
    let find = |id: &str, label: &str| due.iter().find(|(r, l, _)| r == id && l == label).map(|(_, _, d)| *d);
    let mut lines: Vec<Line> = rows
        .into_iter()
        .map(|d| Line {
            legal_due: find(&d.id, LEGAL_LABEL).or(find(&d.id, COMPLETENESS_LABEL)),
            published_due: find(&d.id, PUBLISHED_LABEL),
            d,
        })
        .collect();
    lines.sort_by_key(|l| l.legal_due.unwrap_or(NaiveDate::MAX));
    Ok(lines)
}

/// An outlet's dossiers at this agency, newest first (its page's panel).
pub fn dossiers_of_outlet(
    conn: &mut DbConnection,
    agency_id: &str,
    outlet_id: &str,
) -> Result<Vec<DossierRow>, AppError> {
    Ok(dossiers::table
        .filter(dossiers::agency_id.eq(agency_id))
        .filter(dossiers::outlet_id.eq(outlet_id))
        .order((dossiers::received_on.desc(), dossiers::id.desc()))
        .limit(100)
        .select(DossierRow::as_select())
        .load(conn)?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_tracking_code_is_recognised_however_it_is_typed() {
        for typed in ["HSQJVT-9S9E", "hsqjvt9s9e", " HS QJVT 9S9E ", "hsqjvt-9s9e"] {
            assert_eq!(super::tracking_code_in(typed).as_deref(), Some("HSQJVT-9S9E"), "{typed}");
        }
        for words in ["manh hung", "HSQJVT", "hs qjvt 9s9e x", "hà sơn"] {
            assert_eq!(super::tracking_code_in(words), None, "{words}");
        }
    }
}
