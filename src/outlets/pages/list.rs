//! The outlet list: search without diacritics, filters, sort, paging, and CSV export of the same list.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{Permission, WebUser};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::outlets::csv_io::{self};
use crate::outlets::model::OutletStatus;
use crate::outlets::queries::{self, ListQuery};
use crate::sectors::SectorRow;
use crate::state::AppState;
use crate::web::{PageCtx, Paging, html};

pub struct ListItem {
    pub id: String,
    pub name: String,
    pub sector: String,
    pub tax_code: String,
    pub address: String,
    pub status_code: &'static str,
    pub status: &'static str,
    pub updated: String,
}

#[derive(Template)]
#[template(path = "outlets/list.html")]
pub struct ListPage {
    ctx: PageCtx,
    query: ListQuery,
    rows: Vec<ListItem>,
    paging: Paging,
    sectors: Vec<(String, String)>,
    statuses: Vec<(String, String)>,
    communes: Vec<String>,
    provinces: Vec<String>,
    per_page_choices: Vec<i64>,
    can_write: bool,
    can_import: bool,
}

pub fn sector_options(sectors: &[SectorRow], lang: Lang) -> Vec<(String, String)> {
    sectors.iter().filter(|s| s.active).map(|s| (s.code.clone(), s.name(lang).to_string())).collect()
}

pub fn sector_name(sectors: &[SectorRow], code: &str, lang: Lang) -> String {
    sectors.iter().find(|s| s.code == code).map(|s| s.name(lang).to_string()).unwrap_or_else(|| code.to_string())
}

pub async fn list(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::OutletRead)?;
    let query = query.into_inner();
    let filter = query.filter();
    let mut paging = query.paging();
    let (offset, limit) = (paging.offset(), paging.per_page);
    let (rows, total, sectors, (communes, provinces)) = state
        .db
        .run(move |conn| {
            let (rows, total) = queries::list(conn, &filter, offset, limit)?;
            Ok((rows, total, crate::sectors::queries::all(conn)?, queries::places(conn)?))
        })
        .await?;
    paging.set_total(total, rows.len());
    let lang = user.lang;
    let t = crate::i18n::Tr::new(lang);
    let items = rows
        .iter()
        .map(|o| ListItem {
            id: o.id.to_string(),
            name: o.name.clone(),
            sector: sector_name(&sectors, &o.sector_code, lang),
            tax_code: o.tax_code.clone().unwrap_or_default(),
            address: o.full_address(),
            status_code: o.status().code(),
            status: t.t(o.status().label_key()),
            updated: crate::time::show_vn(&o.updated_at).chars().take(10).collect(),
        })
        .collect();
    html(&ListPage {
        ctx: PageCtx::new(&req, Some(&user), "outlets"),
        query,
        rows: items,
        paging,
        sectors: sector_options(&sectors, lang),
        statuses: OutletStatus::ALL.iter().map(|s| (s.code().to_string(), t.t(s.label_key()).to_string())).collect(),
        communes,
        provinces,
        per_page_choices: Paging::PER_PAGE_CHOICES.to_vec(),
        can_write: user.can(Permission::OutletWrite),
        can_import: user.can(Permission::OutletImport),
    })
}

pub async fn export(
    user: WebUser,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::OutletRead)?;
    let filter = query.filter();
    let lang = user.lang;
    let bytes = state
        .db
        .run(move |conn| {
            let rows = queries::all_matching(conn, &filter)?;
            let sectors = crate::sectors::queries::all(conn)?;
            Ok(csv_io::export(&rows, &sectors, lang)?)
        })
        .await?;
    let name = format!("co-so-{}.csv", crate::time::today_vn().format("%Y%m%d"));
    Ok(crate::web::download::csv(bytes, &name))
}
