//! `/api/v1/audit`: the trail of the caller's agency, filtered and paged, and the chain check.

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use serde::Serialize;

use crate::auth::{ApiUser, Permission};
use crate::error::ApiResult;
use crate::state::AppState;

#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
pub struct AuditParams {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub record_type: Option<String>,
    pub record_id: Option<String>,
    /// YYYY-MM-DD
    pub from: Option<String>,
    /// YYYY-MM-DD
    pub to: Option<String>,
    pub page: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AuditEntryView {
    pub seq: i64,
    #[serde(serialize_with = "crate::time::api")]
    pub at: chrono::NaiveDateTime,
    pub actor: String,
    pub action: String,
    pub record_type: String,
    pub record_id: String,
    pub record_label: String,
    /// The fields the entry changed (a list; an empty list when it records no field).
    #[schema(value_type = Vec<crate::audit::model::Change>)]
    pub changes: serde_json::Value,
    pub hash: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditEntryView>,
    pub total: i64,
    /// The count stopped at `total` (1,000): more entries match.
    pub more: bool,
    pub page: i64,
}

/// The caller's agency's audit entries, newest first (100 a page).
#[utoipa::path(get, path = "/audit", tag = "audit", params(AuditParams), responses((status = 200, body = AuditPage), (status = 403)), security(("bearer" = [])))]
#[get("/audit")]
pub async fn audit_list(
    user: ApiUser,
    state: web::Data<AppState>,
    q: web::Query<AuditParams>,
) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::AuditRead)?;
    let s = |o: &Option<String>| o.as_deref().map(crate::domain::text::param).filter(|v| !v.is_empty());
    let d = |o: &Option<String>| o.as_deref().and_then(|v| NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok());
    let filter = crate::audit::repo::AuditFilter {
        agency_id: Some(u.agency_id().to_string()),
        actor: s(&q.actor),
        action: s(&q.action),
        record_type: s(&q.record_type),
        from: d(&q.from),
        to: d(&q.to),
    };
    let record_id = s(&q.record_id);
    let page = q.page.as_deref().and_then(|p| p.parse::<i64>().ok()).unwrap_or(1).clamp(1, 1_000_000);
    let (rows, total) = state
        .db
        .run(move |conn| {
            if let (Some(rt), Some(rid)) = (&filter.record_type, &record_id) {
                let rows = crate::audit::repo::entries_of(conn, rt, rid, filter.agency_id.as_deref())?;
                let n = rows.len() as i64;
                return Ok((rows, crate::db::Total { n, more: false }));
            }
            crate::audit::repo::list(conn, &filter, (page - 1) * 100, 100)
        })
        .await?;
    Ok(HttpResponse::Ok().json(AuditPage {
        items: rows
            .into_iter()
            .map(|r| AuditEntryView {
                changes: serde_json::from_str(&r.changes).unwrap_or_else(|_| serde_json::Value::Array(Vec::new())),
                seq: r.seq,
                at: r.at,
                actor: r.actor_name,
                action: r.action,
                record_type: r.record_type,
                record_id: r.record_id,
                record_label: r.record_label,
                hash: r.hash,
            })
            .collect(),
        total: total.n,
        more: total.more,
        page,
    }))
}

/// Verifies the whole hash chain: `{"status":"ok","count":N}` or the first broken link. An agency
/// administrator's count is their agency's entries; an installation administrator's, all.
#[utoipa::path(get, path = "/audit/verify", tag = "audit", responses((status = 200, body = Object), (status = 403)), security(("bearer" = [])))]
#[get("/audit/verify")]
pub async fn audit_verify(user: ApiUser, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    user.0.require(Permission::AuditVerify)?;
    let scope = user.0.managed_agency().map(str::to_string);
    let outcome = state.db.run(move |conn| crate::audit::repo::verify_for(conn, scope.as_deref())).await?;
    Ok(HttpResponse::Ok().json(outcome))
}
