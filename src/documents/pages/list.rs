//! The list of documents, filtered by type, year, state, outlet and what was mailed when.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{Permission, WebUser};
use crate::documents::model::DocumentRow;
use crate::documents::queries;
use crate::documents::queries::ListQuery;
use crate::documents::spec::DocType;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::{PageCtx, Paging, html};

pub struct DocItem {
    pub id: String,
    pub doc_type: &'static str,
    pub symbol: String,
    pub summary: String,
    pub status: String,
    pub issued: bool,
    pub date: String,
}

#[derive(Template)]
#[template(path = "documents/list.html")]
pub struct ListPage {
    ctx: PageCtx,
    items: Vec<DocItem>,
    paging: Paging,
    query: ListQuery,
    types: Vec<(String, String)>,
    can_write: bool,
}

pub fn item(d: &DocumentRow, t: Tr) -> DocItem {
    DocItem {
        id: d.id.to_string(),
        doc_type: t.t(d.kind_key()),
        symbol: d.symbol.clone().unwrap_or_default(),
        summary: if d.summary.is_empty() { d.title.clone() } else { d.summary.clone() },
        status: t.t(if d.is_issued() { "documents.issued" } else { "documents.draft" }).to_string(),
        issued: d.is_issued(),
        date: d
            .issued_on
            .map(|x| x.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|| crate::time::show_vn(&d.updated_at)),
    }
}

pub fn type_options(t: Tr) -> Vec<(String, String)> {
    DocType::ALL.iter().map(|d| (d.code().to_string(), t.t(d.label_key()).to_string())).collect()
}

pub async fn index(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DocumentRead)?;
    let q = q.into_inner();
    let filter = q.filter();
    let mut paging = Paging::new(q.page.parse().ok(), None, 50);
    let (offset, limit) = (paging.offset(), paging.per_page);
    let agency = user.agency_id().to_string();
    let (rows, total) = state.db.run(move |conn| queries::list(conn, &agency, &filter, offset, limit)).await?;
    paging.set_total(total, rows.len());
    let t = Tr::new(user.lang);
    html(&ListPage {
        ctx: PageCtx::new(&req, Some(&user), "documents"),
        items: rows.iter().map(|d| item(d, t)).collect(),
        paging,
        query: q,
        types: type_options(t),
        can_write: user.can(Permission::DocumentWrite),
    })
}
