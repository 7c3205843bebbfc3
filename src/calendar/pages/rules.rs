//! Holiday and deadline rules with their sources: the list, the forms, new versions by date.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;

use crate::audit::history::HistoryItem;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::calendar::engine::{self, Unit};
use crate::calendar::model::{DeadlineRuleRow, HolidayRuleRow};
use crate::calendar::queries::{self};
use crate::calendar::steps::{holidays, rules};
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{IdPath, PageCtx, html, html_status, redirect};

#[derive(Template)]
#[template(path = "calendar/rules.html")]
pub struct RulesPage {
    ctx: PageCtx,
    holidays: Vec<HolidayRuleRow>,
    deadlines: Vec<DeadlineRuleRow>,
    can_manage: bool,
}

pub async fn rules_page(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DeadlineRead)?;
    let (holidays, deadlines) =
        state.db.run(|conn| Ok((queries::holiday_rules(conn)?, queries::deadline_rules(conn)?))).await?;
    html(&RulesPage {
        ctx: PageCtx::new(&req, Some(&user), "calendar"),
        holidays,
        deadlines,
        can_manage: user.can(Permission::CalendarManage),
    })
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct HolidayRuleForm {
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

pub async fn save_holiday_rule(
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
            let mut row = queries::holiday_rules(conn)?.into_iter().find(|r| r.id == id).ok_or(AppError::NotFound)?;
            row.days = days;
            row.days_before = before;
            row.valid_from = from;
            row.valid_to = to;
            row.legal_source = source;
            row.verified = form.verified.is_some();
            row.compensate = form.compensate.is_some();
            holidays::update_holiday_rule(conn, &actor, row)
        })
        .await?;
    Ok(redirect("/calendar/rules?m=saved"))
}

#[derive(Template)]
#[template(path = "calendar/deadline_rule.html")]
pub struct DeadlineRuleFormPage {
    ctx: PageCtx,
    rule: DeadlineRuleRow,
    fields: Vec<FormField>,
    verified: bool,
    pausable: bool,
    has_errors: bool,
    history: Vec<HistoryItem>,
}

pub fn unit_options(t: Tr) -> Vec<(String, String)> {
    vec![
        ("calendar".into(), t.t("unit.calendar").into()),
        ("working".into(), t.t("unit.working").into()),
        ("months".into(), t.t("unit.months").into()),
    ]
}

pub async fn rule_form_page(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    id: String,
    input: Option<&std::collections::BTreeMap<String, String>>,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let viewer = user.managed_agency().map(str::to_string);
    let (rule, history) = state
        .db
        .run(move |conn| {
            let h = crate::audit::repo::shared_history(conn, "deadline_rule", &id, viewer.as_deref())?;
            Ok((queries::find_rule(conn, &id)?, h))
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
            history: HistoryItem::from_rows(&history, &[], user.lang),
        },
    )
}

pub async fn deadline_rule_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::CalendarManage)?;
    rule_form_page(&req, &user, &state, path.into_inner(), None, &FieldErrors::new()).await
}

pub async fn save_deadline_rule(
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
            let mut row = queries::find_rule(conn, &id)?;
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
            rules::update_deadline_rule(conn, &actor, row)
        })
        .await?;
    Ok(redirect("/calendar/rules?m=saved"))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct VersionForm {
    #[serde(default)]
    valid_from: String,
}

pub async fn new_rule_version(
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
    match state.db.run(move |conn| rules::new_rule_version(conn, &actor, &id2, from)).await {
        Ok(new) => Ok(redirect(&format!("/calendar/deadline-rules/{}?m=created", new.id))),
        Err(AppError::Validation(e)) => rule_form_page(&req, &user, &state, id, None, &e).await,
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct NewHolidayForm {
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

pub async fn add_holiday_rule(
    form: CsrfForm<NewHolidayForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::CalendarManage)?;
    let mut e = FieldErrors::new();
    let code = form.code.trim().to_string();
    if !crate::sectors::queries::valid_code(&code) {
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
    state.db.run(move |conn| holidays::add_holiday_rule(conn, &actor, row)).await?;
    Ok(redirect("/calendar/rules?m=created"))
}
