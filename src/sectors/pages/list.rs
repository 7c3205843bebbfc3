//! The sectors and their fields.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{Permission, WebUser};
use crate::error::AppError;
use crate::sectors::queries;
use crate::state::AppState;
use crate::web::{PageCtx, html};

pub struct SectorItem {
    pub code: String,
    pub name: String,
    pub fields: Vec<String>,
    pub builtin: bool,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "admin/sectors.html")]
pub struct IndexPage {
    ctx: PageCtx,
    items: Vec<SectorItem>,
    can_manage: bool,
}

pub async fn index(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::AgencyRead)?;
    let rows = state.db.run(queries::all).await?;
    let lang = user.lang;
    html(&IndexPage {
        ctx: PageCtx::new(&req, Some(&user), "sectors"),
        items: rows
            .iter()
            .map(|s| SectorItem {
                code: s.code.clone(),
                name: s.name(lang).to_string(),
                fields: s.attrs().iter().map(|d| format!("{} ({})", d.label(lang), d.kind.code())).collect(),
                builtin: s.builtin,
                active: s.active,
            })
            .collect(),
        can_manage: user.can(Permission::SectorManage),
    })
}
