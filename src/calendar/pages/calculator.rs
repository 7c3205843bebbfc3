//! The deadline calculator: from a start date and a rule (or a length), the due date and its working.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{Permission, WebUser};
use crate::calendar::model::DeadlineRuleRow;
use crate::calendar::pages::rules::unit_options;
use crate::calendar::queries::{self, CalcQuery, compute_query};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{PageCtx, html_status};

#[derive(Template)]
#[template(path = "calendar/calculator.html")]
pub struct CalculatorPage {
    ctx: PageCtx,
    fields: Vec<FormField>,
    lines: Vec<String>,
    due: String,
    rule: Option<DeadlineRuleRow>,
    query: CalcQuery,
    can_track: bool,
}

pub async fn calculator(
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
    let rules = state.db.run(queries::deadline_rules).await?;
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
            rule_opts.push((r.code.clone(), format!("{} ({} {})", r.name_vi, r.duration, r.unit().label(user.lang))));
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
            lines: computed.as_ref().map(|c| c.explanation.lines(user.lang)).unwrap_or_default(),
            due: computed.as_ref().map(|c| c.explanation.due.format("%d/%m/%Y").to_string()).unwrap_or_default(),
            rule: computed.and_then(|c| c.rule),
            query: q,
            can_track: user.can(Permission::DeadlineWrite),
        },
    )
}
