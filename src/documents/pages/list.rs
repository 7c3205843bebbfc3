//! The list of documents, filtered by type, state, outlet and text.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{Permission, WebUser};
use crate::documents::model::{DocFilter, DocumentRow};
use crate::documents::queries;
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

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    pub doc_type: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub outlet: String,
    #[serde(default)]
    pub page: String,
    /// From the reports: documents mailed from `from` to `to` whose recipient is now in this state
    /// (`sent`, `accepted`, `failed`, `waiting`).
    #[serde(default)]
    pub mail: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

impl ListQuery {
    fn filter(&self) -> DocFilter {
        let o = |s: &str| Some(crate::domain::text::param(s)).filter(|s| !s.is_empty());
        DocFilter {
            doc_type: o(&self.doc_type),
            year: self.year.trim().parse().ok(),
            status: o(&self.status),
            outlet_id: o(&self.outlet),
            q: String::new(),
            mail: self.mail_filter(),
        }
    }

    fn mail_filter(&self) -> Option<(&'static [&'static str], chrono::NaiveDateTime, chrono::NaiveDateTime)> {
        use crate::{mail::figures::states, time::vn_day_start};
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        let (a, b) = (day(&self.from)?, day(&self.to)?);
        Some((states(self.mail.trim())?, vn_day_start(a), vn_day_start(b.succ_opt()?)))
    }

    /// Whether the list is the mail of a period (the page says so, with a way back to every document).
    pub fn is_mail(&self) -> bool {
        self.mail_filter().is_some()
    }
    pub fn page_link(&self, page: i64) -> String {
        serde_urlencoded::to_string([
            ("doc_type", self.doc_type.as_str()),
            ("year", self.year.as_str()),
            ("status", self.status.as_str()),
            ("outlet", self.outlet.as_str()),
            ("mail", self.mail.as_str()),
            ("from", self.from.as_str()),
            ("to", self.to.as_str()),
            ("page", page.to_string().as_str()),
        ])
        .unwrap_or_default()
    }
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
