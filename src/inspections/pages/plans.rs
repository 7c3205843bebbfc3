//! The list of annual plans and the form that starts one.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Tr;
use crate::inspections::model::*;
use crate::inspections::queries::{self as q};
use crate::inspections::steps::plan::{self as plan_steps, PlanInput};
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{PageCtx, html, redirect};

#[derive(Template)]
#[template(path = "inspections/plans.html")]
pub struct PlansPage {
    ctx: PageCtx,
    plans: Vec<PlanRow>,
    fields: Vec<FormField>,
    has_errors: bool,
    can_write: bool,
}

pub fn plan_fields(t: Tr, year: &str, title: &str) -> Vec<FormField> {
    vec![
        FormField::new("year", t.t("insp.year"), year, Widget::Text).required(),
        FormField::new("title", t.t("insp.plan_title"), title, Widget::Text)
            .wide()
            .placeholder(t.t("insp.plan_title_placeholder")),
    ]
}

pub async fn plans_page(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::InspectionRead)?;
    render_plans(&req, &user, &state, &PlanInput::default(), FieldErrors::new()).await
}

pub async fn render_plans(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    input: &PlanInput,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let list = state.db.run(move |conn| q::plans(conn, &agency)).await?;
    let t = Tr::new(user.lang);
    let year = if input.year.is_empty() {
        use chrono::Datelike;
        (crate::time::today_vn().year() + 1).to_string()
    } else {
        input.year.clone()
    };
    html(&PlansPage {
        ctx: PageCtx::new(req, Some(user), "inspections"),
        plans: list,
        has_errors: !errors.is_empty(),
        fields: attach(plan_fields(t, &year, &input.title), &errors, user.lang),
        can_write: user.can(Permission::InspectionWrite),
    })
}

pub async fn plan_create(
    req: HttpRequest,
    form: CsrfForm<PlanInput>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let (actor, agency) = (user.actor(), user.agency_id().to_string());
    let f2 = form.clone();
    match state.db.run(move |conn| plan_steps::create(conn, &actor, &agency, &f2)).await {
        Ok(p) => Ok(redirect(&format!("/inspections/plans/{}", p.id))),
        Err(AppError::Validation(e)) => render_plans(&req, &user, &state, &form, e).await,
        Err(e) => Err(e),
    }
}
