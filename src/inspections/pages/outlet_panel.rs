//! What the outlet page shows of inspections, and its two forms (outside inspections, staff relations).

use actix_web::{HttpResponse, web};
use askama::Template;

use super::*;
use crate::auth::{CsrfForm, Permission};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::inspections::model::*;
use crate::inspections::queries::{self as q};
use crate::inspections::steps::plan::{self as plan_steps};
use crate::outlets::panels::{OutletPanel, Panel, PanelCtx};
use crate::state::AppState;
use crate::web::IdPath;

/// What the outlet page shows of inspections: this agency's engagements and violations, outside
/// inspections and staff relations (conflicts of interest).
#[derive(Default)]
pub struct OutletInspections {
    /// (id, kind and scope, date, state code, state label)
    pub engagements: Vec<(String, String, String, String, &'static str)>,
    /// (date, description, fine, status)
    pub violations: Vec<(String, String, String, &'static str)>,
    pub external: Vec<ExternalInspectionRow>,
    /// (staff name, relation)
    pub relations: Vec<(String, String)>,
    pub users: Vec<(String, String)>,
    pub can_write: bool,
    pub can_relate: bool,
}

/// The inspections section of the outlet page.
pub struct InspectionsPanel;

#[derive(Template)]
#[template(path = "inspections/outlet_panel.html")]
struct Body {
    t: Tr,
    csrf: String,
    outlet_id: String,
    inspections: OutletInspections,
}

impl OutletPanel for InspectionsPanel {
    fn render(&self, conn: &mut DbConnection, ctx: &PanelCtx) -> Result<Option<Panel>, AppError> {
        let user = ctx.user;
        if !user.can(Permission::InspectionRead) {
            return Ok(None);
        }
        let t = Tr::new(user.lang);
        let inspections = OutletInspections {
            can_write: user.can(Permission::InspectionWrite),
            can_relate: user.can(Permission::InspectionApprove),
            ..outlet_inspections(conn, user.agency_id(), &ctx.outlet.id, user.lang)?
        };
        let body = Body { t, csrf: user.csrf().to_string(), outlet_id: ctx.outlet.id.to_string(), inspections };
        let html = body.render().map_err(|e| AppError::Internal(anyhow::anyhow!("template: {e}")))?;
        Ok(Some(Panel { anchor: "inspections", title: t.t("insp.title").to_string(), html }))
    }
}

fn outlet_inspections(
    conn: &mut DbConnection,
    agency: &str,
    outlet_id: &str,
    lang: crate::i18n::Lang,
) -> Result<OutletInspections, AppError> {
    let r = q::outlet_record(conn, agency, outlet_id)?;
    let engagements = r
        .engagements
        .into_iter()
        .map(|e| {
            (
                e.id.clone(),
                format!("{} — {}", e.kind().label(lang), e.scope),
                crate::time::show_date(&e.announced_on.unwrap_or(e.created_at.date())),
                e.state.code().to_string(),
                e.state().label(lang),
            )
        })
        .collect();
    let violations = r
        .violations
        .into_iter()
        .map(|v| {
            (
                crate::time::show_date(&v.detected_on),
                v.description.clone(),
                v.fine_amount.map(|a| crate::i18n::vnd(lang, a)).unwrap_or_default(),
                v.status.label(lang),
            )
        })
        .collect();
    let (external, relations, users) = (r.external, r.relations, r.choices.users);
    Ok(OutletInspections { engagements, violations, external, relations, users, can_write: false, can_relate: false })
}

pub async fn external_post(
    form: CsrfForm<plan_steps::ExternalInput>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let id = path.into_inner();
    let to = format!("/outlets/{id}#inspections");
    act(&state, &user, &[Permission::InspectionWrite], &to, move |c, a, _| plan_steps::add_external(c, a, &id, &form))
        .await
}

pub async fn relation_post(
    form: CsrfForm<plan_steps::RelationInput>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let id = path.into_inner();
    let to = format!("/outlets/{id}#inspections");
    act(&state, &user, &[Permission::InspectionApprove], &to, move |c, a, ag| {
        plan_steps::add_relation(c, a, ag, &id, &form)
    })
    .await
}
