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
    outlets: i64,
    open_deadlines: usize,
    overdue: usize,
    documents: i64,
    engagements: i64,
    recs_overdue: i64,
    failures: Vec<(String, String, String, String)>,
}

async fn home(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::OutletRead)?;
    let agency = user.agency_id().to_string();
    let (outlets, failures, deadlines, documents, (engagements, recs_overdue)) = state
        .db
        .run(move |conn| {
            let today = crate::time::today_vn();
            let open = crate::calendar::repo::open_deadlines(conn, &agency)?;
            let overdue = open.iter().filter(|d| d.due_date < today).count();
            let (_, documents) = crate::documents::repo::list(conn, &agency, &Default::default(), 0, 1)?;
            let open_filter =
                crate::inspections::queries::EngagementFilter { state: "open".into(), ..Default::default() };
            let (_, engagements) = crate::inspections::queries::engagements(
                conn,
                &agency,
                &open_filter,
                &crate::web::Paging::new(None, Some(20), 20),
            )?;
            let recs_overdue = crate::inspections::queries::overdue_count(conn, &agency, today)?;
            Ok((
                crate::outlets::repo::count(conn)?,
                crate::mail::outbox::failures(conn, &agency)?,
                (open.len(), overdue),
                documents,
                (engagements, recs_overdue),
            ))
        })
        .await?;
    html(&HomePage {
        ctx: PageCtx::new(&req, Some(&user), "home"),
        name: if user.user.full_name.is_empty() { user.user.username.clone() } else { user.user.full_name.clone() },
        outlets,
        open_deadlines: deadlines.0,
        overdue: deadlines.1,
        documents,
        engagements,
        recs_overdue,
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
