//! The register of permits (sổ theo dõi giấy phép): number, holder, procedure, issue day, expiry and
//! status, filtered by procedure, status or those expiring soon.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::type_names;
use crate::auth::{Permission, WebUser};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::permits::model::PermitStatus;
use crate::permits::queries::{self as q, RegisterFilter};
use crate::state::AppState;
use crate::web::{PageCtx, Paging, html};

/// One permit as the register shows it.
pub struct Row {
    pub dossier_id: String,
    pub document_id: String,
    pub symbol: String,
    pub holder: String,
    pub outlet_id: String,
    pub type_name: String,
    pub issued: String,
    pub until: String,
    pub status_code: &'static str,
    pub status: &'static str,
}

#[derive(Template)]
#[template(path = "permits/register.html")]
pub struct RegisterPage {
    ctx: PageCtx,
    rows: Vec<Row>,
    paging: Paging,
    f: RegisterFilter,
    types: Vec<(String, String)>,
    statuses: Vec<(&'static str, &'static str)>,
}

pub async fn register(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<RegisterFilter>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::PermitRead)?;
    let f = q.into_inner();
    let mut paging = Paging::new(f.page, None, 50);
    let agency = user.agency_id().to_string();
    let t = Tr::new(user.lang);
    let (f2, p2) = (f.clone(), paging.clone());
    let (rows, total, types) = state
        .db
        .run(move |conn| {
            let (rows, total) = q::register(conn, &agency, &f2, &p2)?;
            Ok((rows, total, type_names(conn, t)?))
        })
        .await?;
    paging.set_total(total, rows.len());
    html(&RegisterPage {
        ctx: PageCtx::new(&req, Some(&user), "permits"),
        rows: rows
            .into_iter()
            .map(|p| Row {
                type_name: types.iter().find(|(c, _)| *c == p.type_code).map(|(_, n)| n.clone()).unwrap_or_default(),
                issued: crate::time::show_date(&p.issued_on),
                until: p.valid_until.map(|d| crate::time::show_date(&d)).unwrap_or_else(|| t.t("gp.no_expiry").into()),
                status_code: p.status.code(),
                status: p.status.label(t.lang),
                dossier_id: p.dossier_id,
                document_id: p.document_id,
                symbol: p.symbol,
                holder: p.holder,
                outlet_id: p.outlet_id,
            })
            .collect(),
        paging,
        statuses: PermitStatus::ALL.iter().map(|s| (s.code(), s.label(t.lang))).collect(),
        types,
        f,
    })
}
