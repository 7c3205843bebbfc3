//! The agencies of the installation, with the period each is in force.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;

use crate::agencies::model::AgencyRow;
use crate::agencies::queries;
use crate::auth::{Permission, WebUser};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{PageCtx, html};

pub struct AgencyItem {
    pub id: String,
    pub code: String,
    pub name: String,
    pub governing_body: String,
    pub period: String,
    pub in_force: bool,
    pub successor: String,
}

pub fn period(a: &AgencyRow) -> String {
    format!(
        "{} – {}",
        crate::time::show_date(&a.valid_from),
        a.valid_to.map(|d| crate::time::show_date(&d)).unwrap_or_default()
    )
}

#[derive(Template)]
#[template(path = "admin/agencies.html")]
pub struct IndexPage {
    ctx: PageCtx,
    items: Vec<AgencyItem>,
    date: String,
    sector: String,
    sectors: Vec<(String, String)>,
    found: Option<Vec<String>>,
    date_error: bool,
    can_manage: bool,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct IndexQuery {
    #[serde(default)]
    date: String,
    #[serde(default)]
    sector: String,
}

pub async fn index(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<IndexQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::AgencyRead)?;
    let q = q.into_inner();
    let date = if q.date.trim().is_empty() { None } else { Some(NaiveDate::parse_from_str(q.date.trim(), "%Y-%m-%d")) };
    let date_error = matches!(date, Some(Err(_)));
    let date = date.and_then(Result::ok);
    let sector = Some(crate::domain::text::param(&q.sector)).filter(|s| !s.is_empty());
    let (rows, sectors, found) = state
        .db
        .run(move |conn| {
            let found = match date {
                Some(d) => Some(queries::in_force(conn, d, sector.as_deref())?),
                None => None,
            };
            Ok((queries::list(conn)?, crate::sectors::queries::all(conn)?, found))
        })
        .await?;
    let today = crate::time::today_vn();
    let name_of = |id: &Option<String>| {
        id.as_ref().and_then(|i| rows.iter().find(|r| &r.id == i)).map(|r| r.name.clone()).unwrap_or_default()
    };
    let items = rows
        .iter()
        .map(|a| AgencyItem {
            id: a.id.clone(),
            code: a.code.clone(),
            name: a.name.clone(),
            governing_body: a.governing_body.clone(),
            period: period(a),
            in_force: a.in_force_on(today),
            successor: name_of(&a.successor_id),
        })
        .collect();
    html(&IndexPage {
        ctx: PageCtx::new(&req, Some(&user), "agencies"),
        items,
        date: q.date,
        sector: q.sector,
        sectors: sectors.iter().map(|s| (s.code.clone(), s.name(user.lang).to_string())).collect(),
        found: found.map(|f| f.iter().map(|a| format!("{} — {}", a.agency.name, a.agency.governing_body)).collect()),
        date_error,
        can_manage: user.can(Permission::InstallationManage),
    })
}
