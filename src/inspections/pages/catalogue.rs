//! The catalogue page: violations with their fine ranges and sources, and the sector checklists.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{Permission, WebUser};
use crate::error::AppError;
use crate::inspections::catalogue::{self, ChecklistItem, ViolationRow};
use crate::state::AppState;
use crate::web::{PageCtx, html};

#[derive(serde::Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    err: String,
}

pub fn back(e: AppError, lang: crate::i18n::Lang) -> Result<HttpResponse, AppError> {
    let msg = match e {
        AppError::Validation(f) => {
            f.0.iter().map(|x| format!("{}: {}", x.field, x.message(lang))).collect::<Vec<_>>().join(" ")
        }
        AppError::Conflict(m) => m.message(lang),
        other => return Err(other),
    };
    let q = serde_urlencoded::to_string([("err", msg)]).unwrap_or_default();
    Ok(crate::web::redirect(&format!("/inspections/catalogue?{q}")))
}

pub async fn violation_add(
    form: crate::auth::CsrfForm<catalogue::ViolationRuleInput>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let crate::auth::CsrfForm { form, user } = form;
    user.require(Permission::CatalogueManage)?;
    let actor = user.actor();
    match state.db.run(move |conn| catalogue::add_violation_rule(conn, &actor, &form)).await {
        Ok(_) => Ok(crate::web::redirect("/inspections/catalogue#violations")),
        Err(e) => back(e, user.lang),
    }
}

#[derive(serde::Deserialize)]
pub struct EndForm {
    valid_to: String,
}

pub async fn violation_end(
    form: crate::auth::CsrfForm<EndForm>,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let crate::auth::CsrfForm { form, user } = form;
    user.require(Permission::CatalogueManage)?;
    let (actor, id) = (user.actor(), path.into_inner());
    match state.db.run(move |conn| catalogue::end_violation_rule(conn, &actor, &id, &form.valid_to)).await {
        Ok(_) => Ok(crate::web::redirect("/inspections/catalogue#violations")),
        Err(e) => back(e, user.lang),
    }
}

pub async fn checklist_post(
    form: crate::auth::CsrfForm<catalogue::ChecklistInput>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let crate::auth::CsrfForm { form, user } = form;
    user.require(Permission::CatalogueManage)?;
    let (actor, sector) = (user.actor(), path.into_inner());
    match state.db.run(move |conn| catalogue::new_checklist_version(conn, &actor, &sector, &form)).await {
        Ok(c) => Ok(crate::web::redirect(&format!("/inspections/catalogue#cl-{}", c.sector_code))),
        Err(e) => back(e, user.lang),
    }
}

pub struct ChecklistView {
    pub code: String,
    pub text: String,
    pub sector: String,
    pub name: String,
    pub version: i32,
    pub items: Vec<ChecklistItem>,
}

pub struct ViolationView {
    pub row: ViolationRow,
    pub sector: String,
    pub range_org: String,
    pub range_ind: String,
    pub period: String,
    /// "điểm a khoản 1 Điều 28c", or none while not identified.
    pub provision: Option<String>,
}

#[derive(Template)]
#[template(path = "inspections/catalogue.html")]
pub struct CataloguePage {
    ctx: PageCtx,
    violations: Vec<ViolationView>,
    checklists: Vec<ChecklistView>,
    sectors: Vec<(String, String)>,
    decrees: Vec<catalogue::DecreeRow>,
    can_manage: bool,
    err: String,
    today: String,
}

pub async fn catalogue_page(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    flash: web::Query<Flash>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::InspectionRead)?;
    let (violations, checklists, sectors, decrees) = state
        .db
        .run(|conn| {
            Ok((
                catalogue::violations(conn)?,
                catalogue::checklists(conn)?,
                crate::sectors::queries::all(conn)?,
                catalogue::decrees(conn)?,
            ))
        })
        .await?;
    let name = |code: &str| {
        sectors
            .iter()
            .find(|s| s.code == code)
            .map(|s| s.name(user.lang).to_string())
            .unwrap_or_else(|| code.to_string())
    };
    html(&CataloguePage {
        ctx: PageCtx::new(&req, Some(&user), "inspections"),
        violations: violations
            .into_iter()
            .map(|v| {
                let rule = v.rule();
                let (a, b) = rule.range(crate::inspections::sanctions::Offender::Individual);
                let (c, d) = rule.range(crate::inspections::sanctions::Offender::Organisation);
                ViolationView {
                    sector: name(&v.sector_code),
                    range_org: crate::i18n::vnd_range(user.lang, c, d),
                    range_ind: crate::i18n::vnd_range(user.lang, a, b),
                    provision: v.provision().map(|p| p.cite()),
                    period: format!(
                        "{} – {}",
                        crate::time::show_date(&v.valid_from),
                        v.valid_to.map(|d| crate::time::show_date(&d)).unwrap_or_default()
                    ),
                    row: v,
                }
            })
            .collect(),
        checklists: checklists
            .into_iter()
            .map(|c| ChecklistView {
                code: c.sector_code.clone(),
                text: catalogue::items_text(&c.item_list()),
                sector: name(&c.sector_code),
                name: c.name.clone(),
                version: c.version,
                items: c.item_list(),
            })
            .collect(),
        sectors: sectors.iter().map(|s| (s.code.clone(), s.name(user.lang).to_string())).collect(),
        decrees,
        can_manage: user.can(Permission::CatalogueManage),
        err: flash.into_inner().err,
        today: crate::time::today_vn().to_string(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn money_uses_dot_thousands() {
        assert_eq!(crate::inspections::compose::money(150_000_000), "150.000.000");
        assert_eq!(crate::inspections::compose::money(500_000), "500.000");
        assert_eq!(crate::inspections::compose::money(0), "0");
    }
}
