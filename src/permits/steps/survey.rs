//! The site survey (kiểm tra thực tế) of a game shop, or of any type that asks for one: the day, who
//! went, the sign, fire safety, opening hours, the distance to the nearest school where measured,
//! and the surveyors' conclusion, with photos (checked by content like an inspection's). Recorded
//! while the dossier is being appraised.

use diesel::prelude::*;
use serde::Deserialize;

use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::db::schema::{dossier_surveys, dossiers, survey_photos};
use crate::db::{DbConnection, write_tx};
use crate::domain::input::{self as forms, ticked};
use crate::error::{AppError, Code, FieldError, FieldErrors, Refusal};
use crate::files::FileStore;
use crate::files::photo::CheckedPhoto;
use crate::permits::model::*;
use crate::permits::queries as q;
use crate::permits::state::State;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = DossierSurveyInput)]
pub struct SurveyInput {
    /// YYYY-MM-DD or DD/MM/YYYY, not after today.
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub surveyed_on: String,
    /// Who went, one per line.
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub surveyors: String,
    #[serde(default)]
    pub opening_hours: String,
    /// "true" when the sign is as the decree requires.
    #[serde(default)]
    pub signboard_ok: String,
    #[serde(default)]
    pub fire_safety_ok: String,
    /// Metres, where measured.
    #[serde(default)]
    pub school_distance_m: String,
    #[serde(default)]
    pub notes: String,
    /// "true": the shop meets the conditions.
    #[serde(default)]
    pub meets: String,
}

pub fn record(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    agency_id: &str,
    input: &SurveyInput,
) -> Result<SurveyRow, AppError> {
    let mut e = FieldErrors::new();
    let today = crate::time::today_vn();
    let surveyed_on = forms::day("surveyed_on", &input.surveyed_on, true, today, &mut e);
    let surveyors = forms::block("surveyors", &input.surveyors, true, 1000, &mut e);
    let opening_hours = forms::line("opening_hours", &input.opening_hours, false, 200, &mut e);
    let notes = forms::block("notes", &input.notes, false, 4000, &mut e);
    let school_distance_m = match input.school_distance_m.trim() {
        "" => None,
        s => match s.parse::<i32>() {
            Ok(n) if (0..=100_000).contains(&n) => Some(n),
            _ => {
                e.push(FieldError::with_arg("school_distance_m", Code::OutOfRange, "0–100000"));
                None
            }
        },
    };
    let (signboard_ok, fire_safety_ok, meets) =
        (ticked(&input.signboard_ok), ticked(&input.fire_safety_ok), ticked(&input.meets));
    if meets && !(signboard_ok && fire_safety_ok) {
        e.add("meets", Code::Invalid);
    }
    e.into_result()?;
    let surveyed_on = surveyed_on.unwrap_or(today);
    write_tx(conn, |conn| {
        let d = q::dossier(conn, id, agency_id)?;
        appraising(&d)?;
        if surveyed_on < d.received_on {
            return Err(FieldErrors::one("surveyed_on", Code::DateOrder).into());
        }
        let row = SurveyRow {
            id: uuid::Uuid::now_v7().to_string(),
            dossier_id: d.id.clone(),
            surveyed_on,
            surveyors,
            opening_hours,
            signboard_ok,
            fire_safety_ok,
            school_distance_m,
            notes,
            meets,
            created_by: actor.name.clone(),
            created_at: crate::time::now(),
        };
        diesel::insert_into(dossier_surveys::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        diesel::update(dossiers::table.find(&d.id))
            .set((dossiers::version.eq(d.version + 1), dossiers::updated_at.eq(crate::time::now())))
            .execute(conn)?;
        Ok(row)
    })
}

/// Surveys and their photos belong to the appraisal: before it and after the decision they are refused.
fn appraising(d: &DossierRow) -> Result<(), AppError> {
    if d.state == State::Appraising {
        return Ok(());
    }
    Err(AppError::Conflict(
        Refusal::new(Code::DossierStepNotAllowed)
            .with_label_lower("step", "survey", "gp.survey.record")
            .with_label_lower("state", d.state.code(), d.state.label_key()),
    ))
}

/// Adds a checked photo to one of the dossier's surveys, with what the surveyor says it shows.
pub fn add_photo(
    conn: &mut DbConnection,
    files: &dyn FileStore,
    actor: &Actor,
    agency_id: &str,
    (id, survey_id): (&str, &str),
    caption: &str,
    photo: CheckedPhoto,
) -> Result<SurveyPhotoRow, AppError> {
    let caption = crate::files::photo::caption(caption)?;
    write_tx(conn, |conn| {
        let d = q::dossier(conn, id, agency_id)?;
        appraising(&d)?;
        if !q::surveys(conn, &d.id)?.iter().any(|s| s.id == survey_id) {
            return Err(AppError::NotFound);
        }
        let row = SurveyPhotoRow {
            id: uuid::Uuid::now_v7().to_string(),
            dossier_id: d.id.clone(),
            survey_id: survey_id.to_string(),
            sha256: files.put(conn, &photo.bytes, photo.content_type)?,
            thumb_sha256: files.put(conn, &photo.thumbnail, "image/jpeg")?,
            content_type: photo.content_type.into(),
            width: photo.width as i32,
            height: photo.height as i32,
            taken_at: photo.taken_at,
            latitude: photo.latitude,
            longitude: photo.longitude,
            caption,
            uploaded_by: actor.name.clone(),
            uploaded_at: crate::time::now(),
        };
        diesel::insert_into(survey_photos::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::state(&row, AuditAction::Upload, Vec::new()))?;
        diesel::update(dossiers::table.find(&d.id))
            .set((dossiers::version.eq(d.version + 1), dossiers::updated_at.eq(crate::time::now())))
            .execute(conn)?;
        Ok(row)
    })
}
