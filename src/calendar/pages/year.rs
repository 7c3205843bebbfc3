//! The year view: working days, holidays, compensatory days, and the yearly overrides.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{Datelike, NaiveDate};

use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::calendar::engine::{DayStatus, OffKind, OverrideKind};
use crate::calendar::queries::{self};
use crate::calendar::steps::holidays;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{IdPath, PageCtx, html_status, redirect};

pub struct DayCell {
    pub day: u32,
    pub class: &'static str,
    pub title: String,
}

pub struct MonthGrid {
    pub name: String,
    /// Blank cells before the 1st (Monday first).
    pub lead: Vec<u8>,
    pub days: Vec<DayCell>,
}

pub struct OffItem {
    pub date: String,
    pub weekday: String,
    pub kind: &'static str,
    pub name: String,
    pub source: String,
    pub override_day: Option<String>,
}

#[derive(Template)]
#[template(path = "calendar/year.html")]
pub struct YearPage {
    ctx: PageCtx,
    year: i32,
    months: Vec<MonthGrid>,
    offs: Vec<OffItem>,
    working_days: i64,
    can_manage: bool,
    fields: Vec<FormField>,
    has_errors: bool,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct YearQuery {
    #[serde(default)]
    year: String,
}

pub async fn year_page(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    year: i32,
    form: Option<&OverrideForm>,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let cal = state.db.run(queries::load_calendar).await?;
    let overrides = state.db.run(queries::overrides).await?;
    let t = Tr::new(user.lang);
    let mut months = Vec::new();
    let mut working_days = 0;
    for m in 1..=12u32 {
        let Some(first) = NaiveDate::from_ymd_opt(year, m, 1) else {
            continue;
        };
        let lead = vec![0u8; first.weekday().num_days_from_monday() as usize];
        let mut days = Vec::new();
        let mut d = first;
        while d.month() == m {
            let (class, title) = match cal.status(d) {
                DayStatus::Working => {
                    working_days += 1;
                    ("work", String::new())
                }
                DayStatus::MakeUp(o) => {
                    working_days += 1;
                    ("makeup", o.name)
                }
                DayStatus::Off(o) => (
                    match o.kind {
                        OffKind::Weekend => "weekend",
                        OffKind::Holiday => "holiday",
                        OffKind::Compensatory => "comp",
                        OffKind::ExtraDayOff => "extra",
                    },
                    if o.kind == OffKind::Weekend { String::new() } else { o.name_in(user.lang).to_string() },
                ),
            };
            days.push(DayCell { day: d.day(), class, title });
            match d.succ_opt() {
                Some(n) => d = n,
                None => break,
            }
        }
        months.push(MonthGrid { name: t.t(&format!("month.{m}")).to_string(), lead, days });
    }
    let mut offs: Vec<OffItem> = cal
        .holidays(year)
        .into_iter()
        .map(|o| OffItem {
            date: o.date.format("%d/%m/%Y").to_string(),
            weekday: crate::calendar::engine::weekday(o.date, user.lang).into(),
            kind: match o.kind {
                OffKind::Weekend => "weekend",
                OffKind::Holiday => "holiday",
                OffKind::Compensatory => "comp",
                OffKind::ExtraDayOff => "extra",
            },
            override_day: overrides.iter().find(|x| x.day == o.date).map(|x| x.day.to_string()),
            name: o.name_in(user.lang).to_string(),
            source: o.legal_source,
        })
        .collect();
    for m in cal.make_up_days(year) {
        offs.push(OffItem {
            date: m.day.format("%d/%m/%Y").to_string(),
            weekday: crate::calendar::engine::weekday(m.day, user.lang).into(),
            kind: "makeup",
            override_day: Some(m.day.to_string()),
            name: m.name,
            source: m.legal_source,
        });
    }
    offs.sort_by_key(|o| NaiveDate::parse_from_str(&o.date, "%d/%m/%Y").ok());
    let f = form.cloned().unwrap_or_default();
    let kinds = vec![
        ("day_off".to_string(), t.t("calendar.kind_day_off").to_string()),
        ("working_day".to_string(), t.t("calendar.kind_working_day").to_string()),
    ];
    let fields = attach(
        vec![
            FormField::new("day", t.t("calendar.day"), f.day, Widget::Date).required(),
            FormField::new("kind", t.t("calendar.kind"), f.kind, Widget::Select(kinds)).required(),
            FormField::new("name", t.t("common.name"), f.name, Widget::Text).required(),
            FormField::new("legal_source", t.t("calendar.legal_source"), f.legal_source, Widget::Text)
                .required()
                .placeholder(t.t("calendar.source_placeholder")),
        ],
        errors,
        user.lang,
    );
    html_status(
        if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY },
        &YearPage {
            ctx: PageCtx::new(req, Some(user), "calendar"),
            year,
            months,
            offs,
            working_days,
            can_manage: user.can(Permission::CalendarManage),
            fields,
            has_errors: !errors.is_empty(),
        },
    )
}

pub async fn year_view(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<YearQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DeadlineRead)?;
    let year = q
        .year
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (1990..=2100).contains(y))
        .unwrap_or_else(|| crate::time::today_vn().year());
    year_page(&req, &user, &state, year, None, &FieldErrors::new()).await
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct OverrideForm {
    #[serde(default)]
    day: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    legal_source: String,
}

pub async fn add_override(
    req: HttpRequest,
    form: CsrfForm<OverrideForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::CalendarManage)?;
    let mut e = FieldErrors::new();
    let day = NaiveDate::parse_from_str(form.day.trim(), "%Y-%m-%d").ok().filter(|d| (1990..=2100).contains(&d.year()));
    if day.is_none() {
        e.add("day", if form.day.trim().is_empty() { Code::Required } else { Code::DateInvalid });
    }
    let kind = OverrideKind::parse(&form.kind);
    if kind.is_none() {
        e.add("kind", Code::InvalidChoice);
    }
    let name = crate::domain::text::clean(&form.name);
    let source = crate::domain::text::clean(&form.legal_source);
    for (k, v, max) in [("name", &name, 200), ("legal_source", &source, 300)] {
        if v.is_empty() {
            e.add(k, Code::Required);
        } else if v.chars().count() > max {
            e.push(FieldError::with_arg(k, Code::TooLong, max));
        }
    }
    let (Some(day), Some(kind), true) = (day, kind, e.is_empty()) else {
        let year = day.map(|d| d.year()).unwrap_or_else(|| crate::time::today_vn().year());
        return year_page(&req, &user, &state, year, Some(&form), &e).await;
    };
    let actor = user.actor();
    state.db.run(move |conn| holidays::set_override(conn, &actor, day, kind, &name, &source)).await?;
    Ok(redirect(&format!("/calendar?year={}&m=saved", day.year())))
}

pub async fn delete_override(
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    user.require(Permission::CalendarManage)?;
    let day = NaiveDate::parse_from_str(&path.0, "%Y-%m-%d").map_err(|_| AppError::NotFound)?;
    let actor = user.actor();
    state.db.run(move |conn| holidays::remove_override(conn, &actor, day)).await?;
    Ok(redirect(&format!("/calendar?year={}&m=deleted", day.year())))
}
