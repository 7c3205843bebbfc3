//! The global audit page (scoped to the user's agency), the integrity check page, and the history
//! list shown on each record.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::history::HistoryItem;
use super::model::AuditAction;
use super::repo::{self, AuditFilter, VerifyOutcome};
use crate::auth::{CsrfForm, Permission, WebUser};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{PageCtx, Paging, html};

#[derive(Debug, Default, serde::Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub record_type: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub page: String,
}

impl AuditQuery {
    pub fn filter(&self, agency_id: &str) -> AuditFilter {
        let o = |s: &str| Some(crate::domain::text::param(s)).filter(|s| !s.is_empty());
        AuditFilter {
            agency_id: Some(agency_id.to_string()),
            actor: o(&self.actor),
            action: o(&self.action),
            record_type: o(&self.record_type),
            from: chrono::NaiveDate::parse_from_str(self.from.trim(), "%Y-%m-%d").ok(),
            to: chrono::NaiveDate::parse_from_str(self.to.trim(), "%Y-%m-%d").ok(),
        }
    }

    pub fn page_link(&self, page: i64) -> String {
        serde_urlencoded::to_string([
            ("actor", self.actor.as_str()),
            ("action", self.action.as_str()),
            ("record_type", self.record_type.as_str()),
            ("from", self.from.as_str()),
            ("to", self.to.as_str()),
            ("page", page.to_string().as_str()),
        ])
        .unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    ctx: PageCtx,
    query: AuditQuery,
    items: Vec<HistoryItem>,
    paging: Paging,
    actors: Vec<String>,
    actions: Vec<(String, String)>,
    record_types: Vec<(String, String)>,
    outcome: Option<VerifyOutcome>,
    can_verify: bool,
    /// The verify count is the agency's entries only (an agency administrator's).
    agency_scope: bool,
}

pub async fn render(
    req: &HttpRequest,
    user: &crate::auth::Identity,
    state: &AppState,
    query: AuditQuery,
    outcome: Option<VerifyOutcome>,
) -> Result<HttpResponse, AppError> {
    let filter = query.filter(user.agency_id());
    let mut paging = Paging::new(query.page.parse().ok(), None, 50);
    let (offset, limit) = (paging.offset(), paging.per_page);
    let agency = user.agency_id().to_string();
    let (rows, total, actors, names) = state
        .db
        .run(move |conn| {
            let (rows, total) = repo::list(conn, &filter, offset, limit)?;
            let names = repo::code_names(conn, &rows)?;
            Ok((rows, total, repo::actors(conn, &agency)?, names))
        })
        .await?;
    paging.set_total(total, rows.len());
    let lang = user.lang;
    html(&AuditPage {
        ctx: PageCtx::new(req, Some(user), "audit"),
        query,
        items: {
            let words = crate::audit::history::Words { names: &names, vocabulary: &state.vocabulary };
            rows.iter()
                .map(|r| {
                    let mut item = HistoryItem::from_row(r, &words, lang, true);
                    // A record the reader may not open is named, not linked (a leader reads the
                    // trail but does not manage users).
                    if item.link.starts_with("/admin/users/") && !user.can(Permission::UserManage) {
                        item.link.clear();
                    }
                    item
                })
                .collect()
        },
        paging,
        actors,
        actions: AuditAction::ALL.iter().map(|a| (a.code().to_string(), a.label(lang).to_string())).collect(),
        record_types: crate::audit::history::RECORD_TYPES
            .iter()
            .map(|r| (r.to_string(), crate::audit::history::record_type_label(r, lang)))
            .collect(),
        outcome,
        can_verify: user.can(Permission::AuditVerify),
        agency_scope: user.managed_agency().is_some(),
    })
}

pub async fn index(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::AuditRead)?;
    render(&req, &user, &state, query.into_inner(), None).await
}

pub async fn verify_page(
    req: HttpRequest,
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    user.require(Permission::AuditVerify)?;
    let scope = user.managed_agency().map(str::to_string);
    let outcome = state.db.run(move |conn| repo::verify_for(conn, scope.as_deref())).await?;
    render(&req, &user, &state, AuditQuery::default(), Some(outcome)).await
}
