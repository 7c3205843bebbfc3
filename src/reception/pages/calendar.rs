//! The reception calendar: the head's reception days of a year from the schedule in force and the
//! working-day calendar, who presides and who is on duty each day, the versions of the schedule,
//! and the notice that publishes the days.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::Flash;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::{AppError, Code, FieldErrors};
use crate::i18n::Tr;
use crate::reception::model::*;
use crate::reception::queries::{self as q, DayView};
use crate::reception::steps::calendar::{self as steps, DutyInput, ScheduleInput};
use crate::state::AppState;
use crate::web::actions::{act, back_with};
use crate::web::form::{FormField, Widget, attach};
use crate::web::{PageCtx, html, redirect};

pub struct DayLine {
    pub iso: String,
    pub day: String,
    pub weekday: &'static str,
    pub moved_from: String,
    pub d: DayView,
    pub past: bool,
}

pub struct ScheduleLine {
    pub from: String,
    pub rule: String,
    pub place: String,
    pub source: String,
}

#[derive(Template)]
#[template(path = "reception/calendar.html")]
pub struct CalendarPage {
    ctx: PageCtx,
    year: i32,
    days: Vec<DayLine>,
    schedules: Vec<ScheduleLine>,
    place: String,
    users: Vec<(String, String)>,
    can_schedule: bool,
    can_draft: bool,
    schedule_form: Vec<FormField>,
    flash: Flash,
}

#[derive(Deserialize, Default)]
pub struct YearQuery {
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    err: String,
    #[serde(default)]
    m: String,
}

fn year_of(y: Option<i32>) -> i32 {
    y.filter(|y| (2000..=2100).contains(y)).unwrap_or_else(|| crate::time::today_vn().year())
}

fn schedule_fields(t: Tr, v: &ScheduleInput) -> Vec<FormField> {
    let lang = t.lang;
    let mut patterns = vec![(String::new(), "—".to_string())];
    patterns.extend(Pattern::ALL.iter().map(|p| (p.code().to_string(), p.label(lang).to_string())));
    vec![
        FormField::new("valid_from", t.t("tcd.valid_from"), v.valid_from.clone(), Widget::Date).required(),
        FormField::new("pattern", t.t("tcd.pattern"), v.pattern.clone(), Widget::Select(patterns)).required(),
        FormField::new("day_of_month", t.t("tcd.day_of_month"), v.day_of_month.clone(), Widget::Text).placeholder("15"),
        FormField::new("weekday", t.t("tcd.weekday"), v.weekday.clone(), Widget::Text).hint(t.t("tcd.weekday_hint")),
        FormField::new("place", t.t("tcd.place"), v.place.clone(), Widget::Text).wide(),
        FormField::new("legal_source", t.t("tcd.legal_source"), v.legal_source.clone(), Widget::Text)
            .required()
            .hint(t.t("tcd.legal_source_hint"))
            .wide(),
    ]
}

async fn render(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    year: i32,
    flash: Flash,
    input: ScheduleInput,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let (cal, users) = state
        .db
        .run(move |conn| {
            Ok((q::calendar(conn, &agency, year)?, crate::complaints::queries::assignable(conn, &agency)?))
        })
        .await?;
    let lang = user.lang;
    let t = Tr::new(lang);
    let today = crate::time::today_vn();
    html(&CalendarPage {
        ctx: PageCtx::new(req, Some(user), "reception"),
        year,
        days: cal
            .days
            .into_iter()
            .map(|d| DayLine {
                iso: d.day.to_string(),
                day: crate::time::show_date(&d.day),
                weekday: weekday_name(d.day.weekday().number_from_monday() as i32, lang),
                moved_from: d.moved_from.map(|m| crate::time::show_date(&m)).unwrap_or_default(),
                past: d.day < today,
                d,
            })
            .collect(),
        schedules: cal
            .schedules
            .iter()
            .map(|s| ScheduleLine {
                from: crate::time::show_date(&s.valid_from),
                rule: match s.pattern {
                    Pattern::Monthly => {
                        format!("{}: {} {}", s.pattern.label(lang), t.t("tcd.day_of_month"), s.day_of_month)
                    }
                    Pattern::Weekly => format!("{}: {}", s.pattern.label(lang), weekday_name(s.weekday, lang)),
                },
                place: s.place.clone(),
                source: s.legal_source.clone(),
            })
            .collect(),
        place: cal.place,
        users,
        can_schedule: user.can(Permission::ReceptionSchedule),
        can_draft: user.can(Permission::ReceptionSchedule) && user.can(Permission::DocumentWrite),
        schedule_form: attach(schedule_fields(t, &input), &errors, lang),
        flash,
    })
}

/// "Thứ Hai" … "Chủ nhật" (1 = Monday) in the reader's language.
fn weekday_name(n: i32, lang: crate::i18n::Lang) -> &'static str {
    Tr::new(lang).t(&format!("tcd.wd.{}", n.clamp(1, 7)))
}

pub async fn calendar(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<YearQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::ComplaintRead)?;
    let q = q.into_inner();
    let input = ScheduleInput {
        pattern: Pattern::Monthly.code().into(),
        day_of_month: "15".into(),
        legal_source: Tr::new(user.lang).t("tcd.default_source").into(),
        ..Default::default()
    };
    render(&req, &user, &state, year_of(q.year), Flash { err: q.err, m: q.m }, input, FieldErrors::new()).await
}

pub async fn add_schedule(
    req: HttpRequest,
    form: CsrfForm<ScheduleInput>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::ReceptionSchedule)?;
    let (actor, agency, input) = (user.actor(), user.agency_id().to_string(), form.clone());
    let r = state.db.run(move |conn| steps::add_schedule(conn, &actor, &agency, &input)).await;
    match r {
        Ok(s) => Ok(redirect(&format!("/reception/calendar?year={}&m=schedule_saved", s.valid_from.year()))),
        Err(AppError::Validation(e)) => render(&req, &user, &state, year_of(None), Flash::default(), form, e).await,
        Err(e) => Err(e),
    }
}

pub async fn set_duty(
    form: CsrfForm<DutyInput>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let day = NaiveDate::parse_from_str(&path.into_inner(), "%Y-%m-%d")
        .map_err(|_| AppError::from(FieldErrors::one("day", Code::DateInvalid)))?;
    let to = format!("/reception/calendar?year={}&m=duty_saved#d-{day}", day.year());
    act(&state, &user, &[Permission::ReceptionSchedule], &to, move |conn, actor, agency| {
        steps::set_duty(conn, actor, agency, day, &form)
    })
    .await
}

pub async fn draft_notice(
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    q: web::Query<YearQuery>,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    user.require(Permission::ReceptionSchedule)?;
    user.require(Permission::DocumentWrite)?;
    let year = year_of(q.into_inner().year);
    let (actor, agency) = (user.actor(), user.agency_id().to_string());
    match state.db.run(move |conn| steps::draft_notice(conn, &actor, &agency, year)).await {
        Ok(doc) => Ok(redirect(&format!("/documents/{}", doc.id))),
        Err(e) => back_with(&format!("/reception/calendar?year={year}"), e, user.lang),
    }
}
