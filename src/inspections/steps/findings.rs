//! Work in the field: checklist findings, visits (time and position) and photos (checked by content,
//! stored once by SHA-256, with a thumbnail and the EXIF time and GPS kept).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;

use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::db::schema::{field_visits, finding_photos, findings};
use crate::db::{DbConnection, write_tx};
use crate::domain::text;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::files::FileStore;
use crate::inspections::model::*;
use crate::inspections::queries as q;
use crate::inspections::state::{self, Work};

pub(super) fn on_site(e: &EngagementRow) -> Result<(), AppError> {
    Ok(state::check(e.kind(), e.state(), Work::RecordFindings)?)
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FindingInput {
    #[schema(value_type = FindingResult)]
    pub result: String,
    /// At most 4000 characters, line breaks kept; not blank for `non_compliant`.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub note: String,
}

impl FindingInput {
    /// A non-compliance is described (the schema's `allOf` in the document).
    pub fn dependencies() -> Vec<serde_json::Value> {
        use crate::domain::openapi::{filled, when};
        vec![when("result", &["non_compliant"], filled(&["note"]))]
    }
}

/// One finding's result and note, checked: a known result, a note of at most 4000 characters, and
/// a description for a non-compliance. Errors are keyed `result` and `note`.
pub fn check_finding(input: &FindingInput) -> Result<(FindingResult, String), FieldErrors> {
    let result = FindingResult::parse(&input.result).ok_or_else(|| FieldErrors::one("result", Code::InvalidChoice))?;
    let note = text::clean_multiline(&input.note);
    if note.chars().count() > 4000 {
        return Err(FieldErrors(vec![FieldError::with_arg("note", Code::TooLong, 4000)]));
    }
    if result == FindingResult::NonCompliant && note.is_empty() {
        return Err(FieldErrors::one("note", Code::DescribeNonCompliance));
    }
    Ok((result, note))
}

/// Writes a checked result and note on `before` (a finding of an engagement on site, read in this
/// transaction), with its audit entry; the finding as it is now.
pub(super) fn write_finding(
    conn: &mut DbConnection,
    actor: &Actor,
    before: &FindingRow,
    result: FindingResult,
    note: &str,
) -> Result<FindingRow, AppError> {
    let mut after = before.clone();
    after.result = result;
    after.note = note.to_string();
    after.recorded_by = Some(actor.name.clone());
    after.recorded_at = Some(crate::time::now());
    diesel::update(findings::table.find(&before.id)).set(&after).execute(conn)?;
    if let Some(entry) = AuditEntry::updated(before, &after) {
        audit::record(conn, actor, entry)?;
    }
    Ok(after)
}

pub fn record_finding(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    engagement_id: &str,
    finding_id: &str,
    input: &FindingInput,
) -> Result<FindingRow, AppError> {
    let (result, note) = check_finding(input)?;
    write_tx(conn, |conn| {
        let e = q::engagement(conn, engagement_id, agency_id)?;
        on_site(&e)?;
        let before: FindingRow = findings::table
            .find(finding_id)
            .filter(findings::engagement_id.eq(engagement_id))
            .select(FindingRow::as_select())
            .first(conn)?;
        write_finding(conn, actor, &before, result, &note)
    })
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VisitInput {
    /// Decimal degrees (-90 to 90, a comma or a point before the decimals), as the phone's
    /// location gives them; empty when unknown. Given with `longitude` or not at all.
    #[serde(default)]
    #[schema(pattern = "^$|^[-+]?(?:90(?:[.,]0+)?|[1-8]?[0-9](?:[.,][0-9]+)?)$", examples("21.0285"))]
    pub latitude: String,
    /// Decimal degrees, -180 to 180; empty when unknown.
    #[serde(default)]
    #[schema(
        pattern = "^$|^[-+]?(?:180(?:[.,]0+)?|(?:1[0-7][0-9]|[1-9]?[0-9])(?:[.,][0-9]+)?)$",
        examples("105.8542")
    )]
    pub longitude: String,
    #[serde(default)]
    pub note: String,
    /// When the visit was, Vietnam time (`YYYY-MM-DDTHH:MM`), not before the announcement nor
    /// in the future; empty: now. Entering a case already under way gives its real visits.
    #[serde(default)]
    #[schema(pattern = "^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?$")]
    pub at: String,
}

impl VisitInput {
    /// Both coordinates or neither (the schema's `allOf` in the document).
    pub fn dependencies() -> Vec<serde_json::Value> {
        use crate::domain::openapi::{either, empty, filled};
        vec![either(vec![filled(&["latitude", "longitude"]), empty(&["latitude", "longitude"])])]
    }
}

fn coord(s: &str, max: f64, field: &str, e: &mut FieldErrors) -> Option<f64> {
    match s.trim() {
        "" => None,
        v => match v.replace(',', ".").parse::<f64>() {
            Ok(x) if x.is_finite() && x.abs() <= max => Some(x),
            _ => {
                e.add(field, Code::OutOfRange);
                None
            }
        },
    }
}

pub fn add_visit(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    engagement_id: &str,
    input: &VisitInput,
) -> Result<VisitRow, AppError> {
    let mut e = FieldErrors::new();
    let lat = coord(&input.latitude, 90.0, "latitude", &mut e);
    let lon = coord(&input.longitude, 180.0, "longitude", &mut e);
    if lat.is_some() != lon.is_some() {
        e.add("longitude", Code::Required);
    }
    let now = crate::time::now();
    let at = match input.at.trim() {
        "" => Some(now),
        s => match NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
            .map(|t| crate::time::from_vn_wall(&t))
        {
            Ok(t) if t > now + chrono::Duration::minutes(5) => {
                e.add("at", Code::DateFuture);
                None
            }
            Ok(t) => Some(t),
            Err(_) => {
                e.add("at", Code::DateInvalid);
                None
            }
        },
    };
    e.into_result()?;
    let at = at.unwrap_or(now);
    write_tx(conn, |conn| {
        let eng = q::engagement(conn, engagement_id, agency_id)?;
        on_site(&eng)?;
        // Visits fall in the engagement's own time: not before its announcement.
        if eng.announced_on.is_some_and(|a| crate::time::vn_wall(&at).date() < a) {
            return Err(FieldErrors::one("at", Code::BeforeAnnouncement).into());
        }
        let row = VisitRow {
            id: uuid::Uuid::now_v7().to_string(),
            engagement_id: engagement_id.into(),
            visited_at: at,
            latitude: lat,
            longitude: lon,
            note: text::clean(&input.note),
            recorded_by: actor.name.clone(),
        };
        diesel::insert_into(field_visits::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        Ok(row)
    })
}

/// A checked photo and what the inspector said of it.
pub struct NewPhoto<'a> {
    pub finding_id: Option<&'a str>,
    pub caption: &'a str,
    pub photo: crate::files::photo::CheckedPhoto,
}

pub fn add_photo(
    conn: &mut DbConnection,
    files: &dyn FileStore,
    actor: &Actor,
    agency_id: &str,
    engagement_id: &str,
    new: NewPhoto,
) -> Result<PhotoRow, AppError> {
    let NewPhoto { finding_id, caption, photo } = new;
    let caption = crate::files::photo::caption(caption)?;
    write_tx(conn, |conn| {
        let e = q::engagement(conn, engagement_id, agency_id)?;
        state::check(e.kind(), e.state(), Work::AddPhotos)?;
        if let Some(f) = finding_id {
            let ok: i64 = findings::table
                .filter(findings::id.eq(f))
                .filter(findings::engagement_id.eq(engagement_id))
                .count()
                .get_result(conn)?;
            if ok == 0 {
                return Err(FieldErrors::one("finding_id", Code::InvalidChoice).into());
            }
        }
        let sha = files.put(conn, &photo.bytes, photo.content_type)?;
        let thumb = files.put(conn, &photo.thumbnail, "image/jpeg")?;
        let row = PhotoRow {
            id: uuid::Uuid::now_v7().to_string(),
            engagement_id: engagement_id.into(),
            finding_id: finding_id.map(str::to_string),
            sha256: sha,
            thumb_sha256: thumb,
            content_type: photo.content_type.into(),
            width: photo.width as i32,
            height: photo.height as i32,
            taken_at: photo.taken_at,
            latitude: photo.latitude,
            longitude: photo.longitude,
            caption: caption.clone(),
            uploaded_by: actor.name.clone(),
            uploaded_at: crate::time::now(),
        };
        diesel::insert_into(finding_photos::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::state(&row, AuditAction::Upload, Vec::new()))?;
        Ok(row)
    })
}
