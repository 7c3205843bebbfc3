//! Calendar pages: the year view with the Government's overrides, the rule tables, the deadline
//! calculator with its explanation, and tracked deadlines (extend, pause, resume, close).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{Datelike, NaiveDate};

use super::engine::{self, Adjustment, DayStatus, DeadlineStatus, OffKind, OverrideKind, Unit};
use super::repo::{self, DeadlineRow, DeadlineRuleRow, HolidayRuleRow, NewDeadline};
use crate::audit::history::HistoryItem;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{IdPath, PageCtx, html, html_status, redirect};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/calendar", web::get().to(year_view))
        .route("/calendar/overrides", web::post().to(add_override))
        .route("/calendar/overrides/{day}/delete", web::post().to(delete_override))
        .route("/calendar/rules", web::get().to(rules_page))
        .route("/calendar/holiday-rules", web::post().to(add_holiday_rule))
        .route("/calendar/deadline-rules/{id}/versions", web::post().to(new_rule_version))
        .route("/calendar/holiday-rules/{id}", web::post().to(save_holiday_rule))
        .route("/calendar/deadline-rules/{id}", web::get().to(deadline_rule_form))
        .route("/calendar/deadline-rules/{id}", web::post().to(save_deadline_rule))
        .route("/deadlines", web::get().to(deadlines_list))
        .route("/deadlines", web::post().to(track_deadline))
        .route("/deadlines/calculator", web::get().to(calculator))
        .route("/deadlines/{id}", web::get().to(deadline_show))
        .route("/deadlines/{id}/extend", web::post().to(extend))
        .route("/deadlines/{id}/pause", web::post().to(pause))
        .route("/deadlines/{id}/resume", web::post().to(resume))
        .route("/deadlines/{id}/close", web::post().to(close));
}

// ---------- year view ----------

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
struct YearPage {
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
struct YearQuery {
    #[serde(default)]
    year: String,
}

fn weekday_vi(d: NaiveDate) -> &'static str {
    ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
        [d.weekday().num_days_from_monday() as usize]
}

async fn year_page(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    year: i32,
    form: Option<&OverrideForm>,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let cal = state.db.run(repo::load_calendar).await?;
    let overrides = state.db.run(repo::overrides).await?;
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
                    if o.kind == OffKind::Weekend { String::new() } else { o.name },
                ),
            };
            days.push(DayCell { day: d.day(), class, title });
            match d.succ_opt() {
                Some(n) => d = n,
                None => break,
            }
        }
        months.push(MonthGrid { name: format!("{} {m}", t.t("calendar.month")), lead, days });
    }
    let mut offs: Vec<OffItem> = cal
        .holidays(year)
        .into_iter()
        .map(|o| OffItem {
            date: o.date.format("%d/%m/%Y").to_string(),
            weekday: weekday_vi(o.date).into(),
            kind: match o.kind {
                OffKind::Weekend => "weekend",
                OffKind::Holiday => "holiday",
                OffKind::Compensatory => "comp",
                OffKind::ExtraDayOff => "extra",
            },
            override_day: overrides.iter().find(|x| x.day == o.date).map(|x| x.day.to_string()),
            name: o.name,
            source: o.legal_source,
        })
        .collect();
    for m in cal.make_up_days(year) {
        offs.push(OffItem {
            date: m.day.format("%d/%m/%Y").to_string(),
            weekday: weekday_vi(m.day).into(),
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
                .placeholder("Thông báo số …/TB-BNV ngày …"),
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

async fn year_view(
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
struct OverrideForm {
    #[serde(default)]
    day: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    legal_source: String,
}

async fn add_override(
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
    state.db.run(move |conn| repo::set_override(conn, &actor, day, kind, &name, &source)).await?;
    Ok(redirect(&format!("/calendar?year={}&m=saved", day.year())))
}

async fn delete_override(
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    user.require(Permission::CalendarManage)?;
    let day = NaiveDate::parse_from_str(&path.0, "%Y-%m-%d").map_err(|_| AppError::NotFound)?;
    let actor = user.actor();
    state.db.run(move |conn| repo::remove_override(conn, &actor, day)).await?;
    Ok(redirect(&format!("/calendar?year={}&m=deleted", day.year())))
}

// ---------- rules ----------

#[derive(Template)]
#[template(path = "calendar/rules.html")]
struct RulesPage {
    ctx: PageCtx,
    holidays: Vec<HolidayRuleRow>,
    deadlines: Vec<DeadlineRuleRow>,
    can_manage: bool,
}

async fn rules_page(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DeadlineRead)?;
    let (holidays, deadlines) =
        state.db.run(|conn| Ok((repo::holiday_rules(conn)?, repo::deadline_rules(conn)?))).await?;
    html(&RulesPage {
        ctx: PageCtx::new(&req, Some(&user), "calendar"),
        holidays,
        deadlines,
        can_manage: user.can(Permission::CalendarManage),
    })
}

#[derive(Debug, Default, serde::Deserialize)]
struct HolidayRuleForm {
    #[serde(default)]
    days: String,
    #[serde(default)]
    days_before: String,
    #[serde(default)]
    valid_from: String,
    #[serde(default)]
    valid_to: String,
    #[serde(default)]
    legal_source: String,
    #[serde(default)]
    verified: Option<String>,
    #[serde(default)]
    compensate: Option<String>,
}

async fn save_holiday_rule(
    form: CsrfForm<HolidayRuleForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::CalendarManage)?;
    let id = path.into_inner();
    let days: i32 = form
        .days
        .trim()
        .parse()
        .ok()
        .filter(|d| (1..=15).contains(d))
        .ok_or_else(|| FieldErrors(vec![FieldError::with_arg("days", Code::OutOfRange, "1–15")]))?;
    let before: i32 = form
        .days_before
        .trim()
        .parse()
        .ok()
        .filter(|d| (0..days).contains(d))
        .ok_or_else(|| FieldErrors(vec![FieldError::new("days_before", Code::Invalid)]))?;
    let from = NaiveDate::parse_from_str(form.valid_from.trim(), "%Y-%m-%d")
        .map_err(|_| FieldErrors(vec![FieldError::new("valid_from", Code::DateInvalid)]))?;
    let to = match form.valid_to.trim() {
        "" => None,
        s => Some(
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| FieldErrors(vec![FieldError::new("valid_to", Code::DateInvalid)]))?,
        ),
    };
    let source = crate::domain::text::clean(&form.legal_source);
    if source.is_empty() {
        return Err(FieldErrors(vec![FieldError::new("legal_source", Code::Required)]).into());
    }
    let actor = user.actor();
    state
        .db
        .run(move |conn| {
            let mut row = repo::holiday_rules(conn)?.into_iter().find(|r| r.id == id).ok_or(AppError::NotFound)?;
            row.days = days;
            row.days_before = before;
            row.valid_from = from;
            row.valid_to = to;
            row.legal_source = source;
            row.verified = form.verified.is_some();
            row.compensate = form.compensate.is_some();
            repo::update_holiday_rule(conn, &actor, row)
        })
        .await?;
    Ok(redirect("/calendar/rules?m=saved"))
}

#[derive(Template)]
#[template(path = "calendar/deadline_rule.html")]
struct DeadlineRuleFormPage {
    ctx: PageCtx,
    rule: DeadlineRuleRow,
    fields: Vec<FormField>,
    verified: bool,
    pausable: bool,
    has_errors: bool,
    history: Vec<HistoryItem>,
}

fn unit_options(t: Tr) -> Vec<(String, String)> {
    vec![
        ("calendar".into(), t.t("unit.calendar").into()),
        ("working".into(), t.t("unit.working").into()),
        ("months".into(), t.t("unit.months").into()),
    ]
}

async fn rule_form_page(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    id: String,
    input: Option<&std::collections::BTreeMap<String, String>>,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let (rule, history) = state
        .db
        .run(move |conn| {
            Ok((repo::find_rule(conn, &id)?, crate::audit::repo::history(conn, "deadline_rule", &id, None)?))
        })
        .await?;
    let t = Tr::new(user.lang);
    let g = |k: &str, d: String| input.and_then(|m| m.get(k).cloned()).unwrap_or(d);
    let fields = attach(
        vec![
            FormField::new("name_vi", t.t("sectors.name_vi"), g("name_vi", rule.name_vi.clone()), Widget::Text)
                .required()
                .wide(),
            FormField::new("name_en", t.t("sectors.name_en"), g("name_en", rule.name_en.clone()), Widget::Text).wide(),
            FormField::new(
                "duration",
                t.t("deadline.duration"),
                g("duration", rule.duration.to_string()),
                Widget::Text,
            )
            .required(),
            FormField::new("unit", t.t("deadline.unit"), g("unit", rule.unit.clone()), Widget::Select(unit_options(t)))
                .required(),
            FormField::new(
                "start_event",
                t.t("deadline.start_event"),
                g("start_event", rule.start_event.clone()),
                Widget::Text,
            )
            .required(),
            FormField::new(
                "extension_max",
                t.t("deadline.extension_max"),
                g("extension_max", rule.extension_max.to_string()),
                Widget::Text,
            ),
            FormField::new(
                "extension_duration",
                t.t("deadline.extension_duration"),
                g("extension_duration", rule.extension_duration.to_string()),
                Widget::Text,
            ),
            FormField::new(
                "valid_from",
                t.t("common.valid_from"),
                g("valid_from", rule.valid_from.to_string()),
                Widget::Date,
            )
            .required(),
            FormField::new(
                "valid_to",
                t.t("common.valid_to"),
                g("valid_to", rule.valid_to.map(|d| d.to_string()).unwrap_or_default()),
                Widget::Date,
            ),
            FormField::new(
                "legal_source",
                t.t("calendar.legal_source"),
                g("legal_source", rule.legal_source.clone()),
                Widget::TextArea(2),
            )
            .required()
            .wide(),
            FormField::new("notes", t.t("common.notes"), g("notes", rule.notes.clone()), Widget::TextArea(2)).wide(),
        ],
        errors,
        user.lang,
    );
    let verified = input.map(|m| m.contains_key("verified")).unwrap_or(rule.verified);
    let pausable = input.map(|m| m.contains_key("pausable")).unwrap_or(rule.pausable);
    html_status(
        if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY },
        &DeadlineRuleFormPage {
            ctx: PageCtx::new(req, Some(user), "calendar"),
            rule,
            fields,
            verified,
            pausable,
            has_errors: !errors.is_empty(),
            history: HistoryItem::from_rows(&history, user.lang),
        },
    )
}

async fn deadline_rule_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::CalendarManage)?;
    rule_form_page(&req, &user, &state, path.into_inner(), None, &FieldErrors::new()).await
}

async fn save_deadline_rule(
    req: HttpRequest,
    form: CsrfForm<std::collections::BTreeMap<String, String>>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::CalendarManage)?;
    let id = path.into_inner();
    let g = |k: &str| form.get(k).cloned().unwrap_or_default();
    let mut e = FieldErrors::new();
    let int = |k: &str, lo: i32, hi: i32, e: &mut FieldErrors| -> i32 {
        match g(k).trim().parse::<i32>() {
            Ok(v) if (lo..=hi).contains(&v) => v,
            Ok(_) => {
                e.push(FieldError::with_arg(k, Code::OutOfRange, format!("{lo}–{hi}")));
                0
            }
            Err(_) => {
                e.add(k, Code::NotInteger);
                0
            }
        }
    };
    let duration = int("duration", 0, 3650, &mut e);
    let extension_max = int("extension_max", 0, 5, &mut e);
    let extension_duration = int("extension_duration", 0, 365, &mut e);
    let unit = Unit::parse(&g("unit"));
    if unit.is_none() {
        e.add("unit", Code::InvalidChoice);
    }
    let date = |k: &str, required: bool, e: &mut FieldErrors| -> Option<NaiveDate> {
        let s = g(k);
        if s.trim().is_empty() {
            if required {
                e.add(k, Code::Required);
            }
            return None;
        }
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| e.add(k, Code::DateInvalid)).ok()
    };
    let valid_from = date("valid_from", true, &mut e);
    let valid_to = date("valid_to", false, &mut e);
    let text = |k: &str, required: bool, e: &mut FieldErrors| {
        let v = crate::domain::text::clean(&g(k));
        if required && v.is_empty() {
            e.add(k, Code::Required);
        }
        v
    };
    let name_vi = text("name_vi", true, &mut e);
    let name_en = text("name_en", false, &mut e);
    let start_event = text("start_event", true, &mut e);
    let legal_source = text("legal_source", true, &mut e);
    let notes = crate::domain::text::clean_multiline(&g("notes"));
    if !e.is_empty() {
        return rule_form_page(&req, &user, &state, id, Some(&form), &e).await;
    }
    let actor = user.actor();
    let verified = form.contains_key("verified");
    let pausable = form.contains_key("pausable");
    state
        .db
        .run(move |conn| {
            let mut row = repo::find_rule(conn, &id)?;
            row.name_vi = name_vi;
            row.name_en = name_en;
            row.duration = duration;
            row.unit = unit.unwrap_or(Unit::CalendarDays).code().into();
            row.start_event = start_event;
            row.extension_max = extension_max;
            row.extension_duration = extension_duration;
            row.pausable = pausable;
            row.legal_source = legal_source;
            row.verified = verified;
            row.valid_from = valid_from.unwrap_or(row.valid_from);
            row.valid_to = valid_to;
            row.notes = notes;
            repo::update_deadline_rule(conn, &actor, row)
        })
        .await?;
    Ok(redirect("/calendar/rules?m=saved"))
}

// ---------- calculator ----------

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct CalcQuery {
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub days: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub rule: String,
}

/// A computed deadline and the rule it came from.
pub struct Computed {
    pub explanation: engine::Explanation,
    pub rule: Option<DeadlineRuleRow>,
}

/// Checks calculator input (page, API and CLI share it) and computes.
pub fn compute_query(conn: &mut crate::db::DbConnection, q: &CalcQuery) -> Result<Computed, AppError> {
    let mut e = FieldErrors::new();
    let start = match NaiveDate::parse_from_str(q.start.trim(), "%Y-%m-%d") {
        Ok(d) if (1990..=2100).contains(&d.year()) => Some(d),
        _ => {
            e.add("start", if q.start.trim().is_empty() { Code::Required } else { Code::DateInvalid });
            None
        }
    };
    let rule_code = crate::domain::text::param(&q.rule);
    let rule = match (&start, rule_code.is_empty()) {
        (Some(s), false) => match repo::rule_in_force(conn, &rule_code, *s)? {
            Some(r) => Some(r),
            None => {
                e.push(FieldError::with_arg("rule", Code::UnknownRule, &rule_code));
                None
            }
        },
        _ => None,
    };
    let days = match (q.days.trim(), &rule) {
        ("", Some(r)) => Some(r.duration as u32),
        ("", None) => {
            e.add("days", Code::Required);
            None
        }
        (s, _) => match s.parse::<i64>() {
            Ok(n) if (0..=i64::from(engine::MAX_DAYS)).contains(&n) => Some(n as u32),
            Ok(_) => {
                e.push(FieldError::with_arg("days", Code::OutOfRange, format!("0–{}", engine::MAX_DAYS)));
                None
            }
            Err(_) => {
                e.add("days", Code::NotInteger);
                None
            }
        },
    };
    let unit = match (q.unit.trim(), &rule) {
        ("", Some(r)) => Some(r.unit()),
        ("", None) => Some(Unit::WorkingDays),
        (s, _) => match Unit::parse(s) {
            Some(u) => Some(u),
            None => {
                e.add("unit", Code::UnknownUnit);
                None
            }
        },
    };
    e.clone().into_result()?;
    let (Some(start), Some(days), Some(unit)) = (start, days, unit) else {
        return Err(e.into());
    };
    let cal = repo::load_calendar(conn)?;
    let explanation = engine::compute(&cal, start, days, unit, &[], crate::time::today_vn())
        .map_err(|err| FieldErrors(vec![FieldError::with_arg("days", Code::OutOfRange, err.to_string())]))?;
    Ok(Computed { explanation, rule })
}

#[derive(Template)]
#[template(path = "calendar/calculator.html")]
struct CalculatorPage {
    ctx: PageCtx,
    fields: Vec<FormField>,
    lines: Vec<String>,
    due: String,
    rule: Option<DeadlineRuleRow>,
    query: CalcQuery,
    can_track: bool,
}

async fn calculator(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<CalcQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DeadlineRead)?;
    let q = q.into_inner();
    let t = Tr::new(user.lang);
    let asked = !q.start.is_empty() || !q.days.is_empty() || !q.rule.is_empty();
    let rules = state.db.run(repo::deadline_rules).await?;
    let q2 = q.clone();
    let result = if asked { Some(state.db.run(move |conn| compute_query(conn, &q2)).await) } else { None };
    let (errors, computed) = match result {
        Some(Ok(c)) => (FieldErrors::new(), Some(c)),
        Some(Err(AppError::Validation(e))) => (e, None),
        Some(Err(e)) => return Err(e),
        None => (FieldErrors::new(), None),
    };
    let mut rule_opts = vec![(String::new(), "—".to_string())];
    let mut seen = Vec::new();
    for r in &rules {
        if !seen.contains(&r.code) {
            seen.push(r.code.clone());
            rule_opts.push((r.code.clone(), format!("{} ({} {})", r.name_vi, r.duration, r.unit().label_vi())));
        }
    }
    let mut unit_opts = vec![(String::new(), "—".to_string())];
    unit_opts.extend(unit_options(t));
    let fields = attach(
        vec![
            FormField::new("start", t.t("deadline.start"), q.start.clone(), Widget::Date).required(),
            FormField::new("rule", t.t("deadline.rule"), q.rule.clone(), Widget::Select(rule_opts)).wide(),
            FormField::new("days", t.t("deadline.duration"), q.days.clone(), Widget::Text)
                .hint(t.t("deadline.duration_hint")),
            FormField::new("unit", t.t("deadline.unit"), q.unit.clone(), Widget::Select(unit_opts)),
        ],
        &errors,
        user.lang,
    );
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    html_status(
        status,
        &CalculatorPage {
            ctx: PageCtx::new(&req, Some(&user), "deadlines"),
            fields,
            lines: computed.as_ref().map(|c| c.explanation.lines()).unwrap_or_default(),
            due: computed.as_ref().map(|c| c.explanation.due.format("%d/%m/%Y").to_string()).unwrap_or_default(),
            rule: computed.and_then(|c| c.rule),
            query: q,
            can_track: user.can(Permission::DeadlineWrite),
        },
    )
}

// ---------- tracked deadlines ----------

pub struct DeadlineItem {
    pub id: String,
    pub label: String,
    pub rule: String,
    pub start: String,
    pub due: String,
    pub status: DeadlineStatus,
    pub status_label: &'static str,
    pub left: i64,
}

#[derive(Template)]
#[template(path = "calendar/deadlines.html")]
struct DeadlinesPage {
    ctx: PageCtx,
    items: Vec<DeadlineItem>,
}

pub fn items(cal: &engine::Calendar, rows: &[DeadlineRow], t: Tr, soon: u32) -> Vec<DeadlineItem> {
    let today = crate::time::today_vn();
    rows.iter()
        .map(|d| {
            let status = if d.closed_at.is_some() {
                DeadlineStatus::Closed
            } else {
                DeadlineStatus::of(cal, d.due_date, today, soon)
            };
            DeadlineItem {
                id: d.id.clone(),
                label: d.label.clone(),
                rule: d.rule_code.clone().unwrap_or_default(),
                start: d.start_date.format("%d/%m/%Y").to_string(),
                due: d.due_date.format("%d/%m/%Y").to_string(),
                status,
                status_label: t.t(status.label_key()),
                left: if today <= d.due_date {
                    cal.working_days_between(today, d.due_date)
                } else {
                    -(today - d.due_date).num_days()
                },
            }
        })
        .collect()
}

async fn deadlines_list(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DeadlineRead)?;
    let agency = user.agency_id().to_string();
    let (cal, rows) =
        state.db.run(move |conn| Ok((repo::load_calendar(conn)?, repo::open_deadlines(conn, &agency)?))).await?;
    html(&DeadlinesPage {
        ctx: PageCtx::new(&req, Some(&user), "deadlines"),
        items: items(&cal, &rows, Tr::new(user.lang), state.config.settings.due_soon_working_days),
    })
}

#[derive(Debug, Default, serde::Deserialize)]
struct TrackForm {
    #[serde(default)]
    label: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    rule: String,
}

async fn track_deadline(form: CsrfForm<TrackForm>, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::DeadlineWrite)?;
    let label = crate::domain::text::clean(&form.label);
    if label.is_empty() || label.chars().count() > 200 {
        return Err(FieldErrors(vec![FieldError::new("label", Code::Required)]).into());
    }
    let q = CalcQuery { start: form.start, days: form.days, unit: form.unit, rule: form.rule };
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    let row = state
        .db
        .run(move |conn| {
            let computed = compute_query(conn, &q)?;
            crate::db::write_tx(conn, |conn| {
                repo::track(
                    conn,
                    &actor,
                    NewDeadline {
                        agency_id: agency.clone(),
                        record_type: "manual".into(),
                        record_id: uuid::Uuid::now_v7().to_string(),
                        label: label.clone(),
                        rule_code: computed.rule.as_ref().map(|r| r.code.clone()),
                        start: computed.explanation.start,
                        duration: Some(computed.explanation.duration),
                        unit: Some(computed.explanation.unit),
                    },
                )
            })
        })
        .await?;
    Ok(redirect(&format!("/deadlines/{}?m=created", row.id)))
}

#[derive(Template)]
#[template(path = "calendar/deadline.html")]
struct DeadlinePage {
    ctx: PageCtx,
    d: DeadlineRow,
    item: DeadlineItem,
    lines: Vec<String>,
    adjustments: Vec<String>,
    paused: bool,
    can_write: bool,
    rule: Option<DeadlineRuleRow>,
    history: Vec<HistoryItem>,
    error: Option<String>,
}

async fn show_page(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    id: String,
    error: Option<String>,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let (cal, d, rule, history) = state
        .db
        .run(move |conn| {
            let d = repo::find_deadline(conn, &id, &agency)?;
            let rule = match &d.rule_code {
                Some(c) => repo::rule_in_force(conn, c, d.start_date)?,
                None => None,
            };
            let h = crate::audit::repo::history(conn, "deadline", &id, Some(&agency))?;
            Ok((repo::load_calendar(conn)?, d, rule, h))
        })
        .await?;
    let exp = d.explain(&cal, crate::time::today_vn())?;
    let t = Tr::new(user.lang);
    let adjustments = d
        .adjustments()
        .iter()
        .map(|a| match a {
            Adjustment::Extension { duration, by, at, reason } => format!(
                "{}: +{} {} — {} ({}, {})",
                t.t("deadline.extension"),
                duration,
                d.unit().label_vi(),
                reason,
                by,
                at
            ),
            Adjustment::Pause { from, to, by, at, reason } => format!(
                "{}: {} – {} — {} ({}, {})",
                t.t("deadline.pause"),
                from.format("%d/%m/%Y"),
                to.map(|x| x.format("%d/%m/%Y").to_string()).unwrap_or_else(|| "…".into()),
                reason,
                by,
                at
            ),
        })
        .collect();
    let paused = d.adjustments().iter().any(|a| matches!(a, Adjustment::Pause { to: None, .. }));
    let item = items(&cal, std::slice::from_ref(&d), t, state.config.settings.due_soon_working_days).remove(0);
    html_status(
        if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK },
        &DeadlinePage {
            ctx: PageCtx::new(req, Some(user), "deadlines"),
            lines: exp.lines(),
            adjustments,
            paused,
            can_write: user.can(Permission::DeadlineWrite) && d.closed_at.is_none(),
            rule,
            history: HistoryItem::from_rows(&history, user.lang),
            item,
            d,
            error,
        },
    )
}

async fn deadline_show(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DeadlineRead)?;
    show_page(&req, &user, &state, path.into_inner(), None).await
}

#[derive(Debug, Default, serde::Deserialize)]
struct AdjustForm {
    #[serde(default)]
    duration: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    reason: String,
}

async fn apply(
    req: HttpRequest,
    form: CsrfForm<AdjustForm>,
    state: web::Data<AppState>,
    id: String,
    kind: &'static str,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::DeadlineWrite)?;
    let adj = match repo::adjustment_from_input(kind, &form.duration, &form.date, &form.reason, &user.user.username) {
        Ok(a) => a,
        Err(e) => {
            let msg = e.0.first().map(|f| format!("{}: {}", f.field, f.message(user.lang))).unwrap_or_default();
            return show_page(&req, &user, &state, id, Some(msg)).await;
        }
    };
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    let id2 = id.clone();
    match state.db.run(move |conn| repo::adjust(conn, &actor, &id2, &agency, adj)).await {
        Ok(_) => Ok(redirect(&format!("/deadlines/{id}?m=saved"))),
        Err(AppError::Validation(e)) => {
            let msg = e.0.first().map(|f| f.message(user.lang)).unwrap_or_default();
            show_page(&req, &user, &state, id, Some(msg)).await
        }
        Err(AppError::Conflict(m)) => show_page(&req, &user, &state, id, Some(m.message(user.lang))).await,
        Err(e) => Err(e),
    }
}

async fn extend(
    req: HttpRequest,
    form: CsrfForm<AdjustForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    apply(req, form, state, path.into_inner(), "extend").await
}

async fn pause(
    req: HttpRequest,
    form: CsrfForm<AdjustForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    apply(req, form, state, path.into_inner(), "pause").await
}

async fn resume(
    req: HttpRequest,
    form: CsrfForm<AdjustForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    apply(req, form, state, path.into_inner(), "resume").await
}

async fn close(
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    user.require(Permission::DeadlineWrite)?;
    let id = path.into_inner();
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    let id2 = id.clone();
    state.db.run(move |conn| repo::close(conn, &actor, &id2, &agency)).await?;
    Ok(redirect(&format!("/deadlines/{id}?m=saved")))
}

#[derive(Debug, Default, serde::Deserialize)]
struct VersionForm {
    #[serde(default)]
    valid_from: String,
}

async fn new_rule_version(
    req: HttpRequest,
    form: CsrfForm<VersionForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::CalendarManage)?;
    let id = path.into_inner();
    let Ok(from) = NaiveDate::parse_from_str(form.valid_from.trim(), "%Y-%m-%d") else {
        let e = FieldErrors(vec![FieldError::new("valid_from", Code::DateInvalid)]);
        return rule_form_page(&req, &user, &state, id, None, &e).await;
    };
    let actor = user.actor();
    let id2 = id.clone();
    match state.db.run(move |conn| repo::new_rule_version(conn, &actor, &id2, from)).await {
        Ok(new) => Ok(redirect(&format!("/calendar/deadline-rules/{}?m=created", new.id))),
        Err(AppError::Validation(e)) => rule_form_page(&req, &user, &state, id, None, &e).await,
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, serde::Deserialize)]
struct NewHolidayForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name_vi: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    month: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    valid_from: String,
    #[serde(default)]
    legal_source: String,
}

async fn add_holiday_rule(
    form: CsrfForm<NewHolidayForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::CalendarManage)?;
    let mut e = FieldErrors::new();
    let code = form.code.trim().to_string();
    if !crate::sectors::repo::valid_code(&code) {
        e.add("code", Code::CodeFormat);
    }
    let kind = engine::RuleKind::parse(form.kind.trim());
    if kind.is_none() {
        e.add("kind", Code::InvalidChoice);
    }
    let num = |s: &str, lo: i32, hi: i32, f: &str, e: &mut FieldErrors| -> i32 {
        match s.trim().parse::<i32>() {
            Ok(v) if (lo..=hi).contains(&v) => v,
            _ => {
                e.push(FieldError::with_arg(f, Code::OutOfRange, format!("{lo}–{hi}")));
                0
            }
        }
    };
    let month = num(&form.month, 1, 12, "month", &mut e);
    let day = num(&form.day, 1, 31, "day", &mut e);
    let days = num(&form.days, 1, 15, "days", &mut e);
    let from = NaiveDate::parse_from_str(form.valid_from.trim(), "%Y-%m-%d")
        .map_err(|_| e.add("valid_from", Code::DateInvalid))
        .ok();
    if kind == Some(engine::RuleKind::Solar) && NaiveDate::from_ymd_opt(2024, month as u32, day as u32).is_none() {
        e.add("day", Code::DateInvalid);
    }
    let name_vi = crate::domain::text::clean(&form.name_vi);
    let source = crate::domain::text::clean(&form.legal_source);
    if name_vi.is_empty() {
        e.add("name_vi", Code::Required);
    }
    if source.is_empty() {
        e.add("legal_source", Code::Required);
    }
    e.clone().into_result()?;
    let now = crate::time::now();
    let row = HolidayRuleRow {
        id: uuid::Uuid::now_v7().to_string(),
        code,
        name_vi,
        name_en: crate::domain::text::clean(&form.name_en),
        kind: kind.unwrap_or(engine::RuleKind::Solar).code().into(),
        month,
        day,
        days,
        days_before: 0,
        compensate: true,
        valid_from: from.unwrap_or_default(),
        valid_to: None,
        legal_source: source,
        verified: false,
        created_at: now,
        updated_at: now,
    };
    let actor = user.actor();
    state.db.run(move |conn| repo::add_holiday_rule(conn, &actor, row)).await?;
    Ok(redirect("/calendar/rules?m=created"))
}
