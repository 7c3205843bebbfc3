//! The start page and the permissions table page.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{Permission, Role, WebUser};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{PageCtx, html};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home)).route("/admin/permissions", web::get().to(permissions));
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    ctx: PageCtx,
    name: String,
    tiles: Vec<super::tiles::Tile>,
    /// What waits for the reader, most urgent first.
    work: Vec<super::work::WorkItem>,
    /// The first-run checklist: empty unless an administrator has something left to set up.
    setup: Vec<super::checklist::SetupItem>,
    failures: Vec<(String, String, String, String)>,
}

async fn home(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    tiles: web::Data<super::tiles::HomeTiles>,
    checks: web::Data<super::checklist::SetupChecks>,
    work: web::Data<super::work::WorkSources>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::OutletRead)?;
    let (reader, tiles, checks, work) =
        (user.clone(), tiles.get_ref().clone(), checks.get_ref().clone(), work.get_ref().clone());
    let (tiles, setup, failures, work) = state
        .db
        .run(move |conn| {
            Ok((
                tiles.load(conn, &reader)?,
                checks.load(conn, &reader)?,
                crate::mail::outbox::failures(conn, reader.agency_id())?,
                work.load(conn, &reader)?,
            ))
        })
        .await?;
    html(&HomePage {
        ctx: PageCtx::new(&req, Some(&user), "home"),
        name: user.user.display_name(),
        tiles,
        work,
        setup,
        failures: failures
            .into_iter()
            .map(|(r, m)| {
                let link = if m.record_type == "document" {
                    format!("/documents/{}#deliveries", m.record_id)
                } else {
                    String::new()
                };
                (m.subject, r.address, r.error, link)
            })
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "admin/permissions.html")]
struct PermissionsPage {
    ctx: PageCtx,
    roles: Vec<&'static str>,
    rows: Vec<(&'static str, &'static str, Vec<bool>)>,
}

async fn permissions(req: HttpRequest, user: WebUser) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::AgencyRead)?;
    let lang = user.lang;
    html(&PermissionsPage {
        ctx: PageCtx::new(&req, Some(&user), "permissions"),
        roles: Role::ALL.iter().map(|r| r.label_key()).collect(),
        rows: Permission::ALL
            .iter()
            .map(|p| {
                (p.code(), p.describe(lang), Role::ALL.iter().map(|r| crate::auth::roles::allows(*r, *p)).collect())
            })
            .collect(),
    })
}
