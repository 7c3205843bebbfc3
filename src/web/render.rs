use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use crate::auth::Permission;
use crate::auth::session::{Identity, request_lang};
use crate::error::AppError;
use crate::i18n::{Lang, Tr};

/// What the header, navigation and forms of every page need.
pub struct PageCtx {
    pub t: Tr,
    pub user: Option<NavUser>,
    pub csrf: String,
    pub path: String,
    pub path_and_query: String,
    pub flash: Option<&'static str>,
    pub section: &'static str,
}

pub struct NavUser {
    pub username: String,
    pub display: String,
    pub role_key: &'static str,
    pub agency_name: String,
    pub admin: bool,
    pub audit: bool,
    /// Reads complaints and the reception book.
    pub complaints: bool,
    /// An installation administrator (installation settings).
    pub installation: bool,
}

const FLASHES: &[&str] = &[
    "saved",
    "created",
    "deleted",
    "imported",
    "password_changed",
    "password_changed_tokens_kept",
    "password_reset",
    "logged_out",
    "token_created",
    "token_revoked",
    "user_disabled",
    "user_enabled",
    "report_drafted",
    "report_kept",
    "report_issued",
];

impl PageCtx {
    pub fn new(req: &HttpRequest, ident: Option<&Identity>, section: &'static str) -> PageCtx {
        let lang = ident.map(|i| i.lang).unwrap_or_else(|| request_lang(req));
        let flash = req
            .query_string()
            .split('&')
            .find_map(|kv| kv.strip_prefix("m="))
            .and_then(|m| FLASHES.iter().find(|f| **f == m))
            .map(|m| crate::i18n::lookup(lang, &format!("flash.{m}")));
        PageCtx {
            t: Tr::new(lang),
            user: ident.map(|i| NavUser {
                username: i.user.username.clone(),
                display: if i.user.full_name.is_empty() { i.user.username.clone() } else { i.user.full_name.clone() },
                role_key: i.role.label_key(),
                agency_name: i.agency_name.clone(),
                admin: i.can(Permission::UserManage) || i.can(Permission::AgencyManage),
                audit: i.can(Permission::AuditRead),
                complaints: i.can(Permission::ComplaintRead),
                installation: i.can(Permission::InstallationManage),
            }),
            csrf: ident.map(|i| i.csrf().to_string()).unwrap_or_default(),
            path: req.path().to_string(),
            path_and_query: req.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into()),
            flash,
            section,
        }
    }

    pub fn lang(&self) -> Lang {
        self.t.lang
    }

    pub fn other_lang(&self) -> &'static str {
        match self.t.lang {
            Lang::Vi => "en",
            Lang::En => "vi",
        }
    }

    pub fn active(&self, section: &str) -> &'static str {
        if self.section == section { "active" } else { "" }
    }
}

pub fn html<T: Template>(tpl: &T) -> Result<HttpResponse, AppError> {
    html_status(StatusCode::OK, tpl)
}

pub fn html_status<T: Template>(status: StatusCode, tpl: &T) -> Result<HttpResponse, AppError> {
    let body = tpl.render().map_err(|e| AppError::Internal(anyhow::anyhow!("template: {e}")))?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

/// 303 See Other, the answer to a successful form post.
pub fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther().insert_header((header::LOCATION, to.to_string())).finish()
}
