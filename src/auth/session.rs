//! Who is asking: a signed HttpOnly session cookie (browser) or a bearer token (API). The result is
//! resolved once per request and cached in the request's extensions. Form posts go through
//! `CsrfForm`, which refuses a body whose `csrf_token` does not match the session's.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{Cookie, CookieJar, SameSite};
use actix_web::dev::Payload;
use actix_web::http::{Method, header};
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, web};
use serde::de::DeserializeOwned;

use super::roles::{Permission, Role, allows};
use crate::audit::Actor;
use crate::error::{ApiError, AppError, Code};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::users::model::UserRow;

pub const SESSION_COOKIE: &str = "tt_session";
pub const LOGIN_CSRF_COOKIE: &str = "tt_login";
pub const LANG_COOKIE: &str = "tt_lang";
pub const CSRF_FIELD: &str = "csrf_token";
pub const CSRF_HEADER: &str = "x-csrf-token";

#[derive(Debug, Clone)]
pub enum AuthVia {
    Session { id: String, csrf: String },
    Token { id: String },
}

/// The signed-in user of this request.
#[derive(Debug, Clone)]
pub struct Identity {
    pub user: UserRow,
    pub role: Role,
    pub lang: Lang,
    pub agency_name: String,
    pub via: AuthVia,
}

impl Identity {
    pub fn can(&self, p: Permission) -> bool {
        allows(self.role, p)
    }

    pub fn require(&self, p: Permission) -> Result<(), AppError> {
        if self.can(p) { Ok(()) } else { Err(AppError::Forbidden) }
    }

    pub fn agency_id(&self) -> &str {
        &self.user.agency_id
    }

    /// `p` on a record of `agency_id`: allowed for one's own agency, and for any agency only with
    /// the installation-level permission (`Permission::InstallationManage`).
    pub fn require_for_agency(&self, p: Permission, agency_id: &str) -> Result<(), AppError> {
        self.require(p)?;
        if agency_id == self.agency_id() || self.can(Permission::InstallationManage) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The agency whose records this user manages: `None` (every agency) for an installation
    /// administrator, else their own.
    pub fn managed_agency(&self) -> Option<&str> {
        if self.can(Permission::InstallationManage) { None } else { Some(self.agency_id()) }
    }

    pub fn actor(&self) -> Actor {
        Actor {
            user_id: Some(self.user.id.clone()),
            name: self.user.username.clone(),
            agency_id: Some(self.user.agency_id.clone()),
        }
    }

    pub fn csrf(&self) -> &str {
        match &self.via {
            AuthVia::Session { csrf, .. } => csrf,
            AuthVia::Token { .. } => "",
        }
    }

    pub fn session_id(&self) -> Option<&str> {
        match &self.via {
            AuthVia::Session { id, .. } => Some(id),
            AuthVia::Token { .. } => None,
        }
    }
}

#[derive(Clone)]
struct Resolved(Option<Identity>);

pub fn state(req: &HttpRequest) -> Result<web::Data<AppState>, AppError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("application state missing")))
}

/// Reads a signed cookie's value; `None` when absent or when its signature is wrong.
pub fn signed_cookie(req: &HttpRequest, state: &AppState, name: &str) -> Option<String> {
    let raw = req.cookie(name)?;
    let mut jar = CookieJar::new();
    jar.add_original(raw.into_owned());
    jar.signed(&state.cookie_key).get(name).map(|c| c.value().to_string())
}

/// A signed, HttpOnly, SameSite=Lax cookie.
pub fn make_signed_cookie(state: &AppState, name: &str, value: String, max_age_secs: Option<i64>) -> Cookie<'static> {
    let mut c = Cookie::build(name.to_string(), value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.settings.secure_cookies)
        .finish();
    if let Some(secs) = max_age_secs {
        c.set_max_age(actix_web::cookie::time::Duration::seconds(secs));
    }
    let mut jar = CookieJar::new();
    jar.signed_mut(&state.cookie_key).add(c);
    jar.delta().next().cloned().unwrap_or_else(|| Cookie::new(name.to_string(), ""))
}

pub fn removal_cookie(name: &str) -> Cookie<'static> {
    let mut c = Cookie::build(name.to_string(), "").path("/").http_only(true).finish();
    c.make_removal();
    c
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let v = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_string())
}

/// The identity of this request (cached after the first call).
pub async fn resolve(req: &HttpRequest) -> Result<Option<Identity>, AppError> {
    if let Some(r) = req.extensions().get::<Resolved>() {
        return Ok(r.0.clone());
    }
    let state = state(req)?;
    let identity = if let Some(token) = bearer(req) {
        if token.is_empty() || token.len() > 200 {
            None
        } else {
            state.db.run(move |conn| super::repo::token_user(conn, &token)).await?.map(
                |(token_id, user, agency_name)| Identity {
                    role: user.role(),
                    lang: Lang::parse(&user.locale).unwrap_or_default(),
                    user,
                    agency_name,
                    via: AuthVia::Token { id: token_id },
                },
            )
        }
    } else if let Some(token) = signed_cookie(req, &state, SESSION_COOKIE) {
        state.db.run(move |conn| super::repo::session_user(conn, &token)).await?.map(|(session, user, agency_name)| {
            Identity {
                role: user.role(),
                lang: Lang::parse(&user.locale).unwrap_or_default(),
                user,
                agency_name,
                via: AuthVia::Session { id: session.id, csrf: session.csrf_token },
            }
        })
    } else {
        None
    };
    if let Some(i) = &identity {
        tracing::Span::current().record("user.id", tracing::field::display(&i.user.id));
    }
    req.extensions_mut().insert(Resolved(identity.clone()));
    Ok(identity)
}

/// The language for this request. Pages: the user's setting, else the `tt_lang` cookie, else
/// `Accept-Language`, else Vietnamese. The API: the caller's `Accept-Language` first, then the
/// user's setting.
pub fn request_lang(req: &HttpRequest) -> Lang {
    let accepted = accept_language(req);
    if req.path().starts_with("/api/")
        && let Some(l) = accepted
    {
        return l;
    }
    if let Some(Resolved(Some(i))) = req.extensions().get::<Resolved>() {
        return i.lang;
    }
    req.cookie(LANG_COOKIE).and_then(|c| Lang::parse(c.value())).or(accepted).unwrap_or_default()
}

/// The first language of `Accept-Language` that we have.
fn accept_language(req: &HttpRequest) -> Option<Lang> {
    let accepted = req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    accepted
        .split(',')
        .filter_map(|tag| Lang::parse(tag.split(';').next().unwrap_or("").trim().split('-').next().unwrap_or("")))
        .next()
}

fn login_redirect(req: &HttpRequest) -> actix_web::Error {
    let next = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let target = format!("/login?next={}", urlencode(next));
    actix_web::error::InternalError::from_response(
        "sign in first",
        HttpResponse::SeeOther().insert_header((header::LOCATION, target)).finish(),
    )
    .into()
}

pub fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)]).map(|v| v.trim_start_matches("x=").to_string()).unwrap_or_default()
}

type BoxFut<T> = Pin<Box<dyn Future<Output = T>>>;

/// A signed-in browser user; anyone else is sent to the sign-in page.
pub struct WebUser(pub Identity);

impl FromRequest for WebUser {
    type Error = actix_web::Error;
    type Future = BoxFut<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match resolve(&req).await? {
                Some(i) => Ok(WebUser(i)),
                None => Err(login_redirect(&req)),
            }
        })
    }
}

/// An API caller (bearer token or session). Without either: 401. A session caller must send the
/// session's CSRF token in `X-CSRF-Token` for anything but GET and HEAD.
pub struct ApiUser(pub Identity);

impl FromRequest for ApiUser {
    type Error = ApiError;
    type Future = BoxFut<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let Some(i) = resolve(&req).await? else {
                return Err(AppError::Unauthorized.into());
            };
            if let AuthVia::Session { csrf, .. } = &i.via {
                let safe = req.method() == Method::GET || req.method() == Method::HEAD;
                let sent = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
                if !safe && !super::constant_time_eq(sent, csrf) {
                    return Err(AppError::Csrf.into());
                }
            }
            Ok(ApiUser(i))
        })
    }
}

/// A urlencoded form from a signed-in user whose `csrf_token` matched the session's.
pub struct CsrfForm<T> {
    pub form: T,
    pub user: Identity,
}

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = actix_web::Error;
    type Future = BoxFut<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let identity = match resolve(&req).await? {
                Some(i) => i,
                None => return Err(login_redirect(&req)),
            };
            let bytes = body.await.map_err(|e| {
                if e.as_response_error().status_code() == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE {
                    AppError::PayloadTooLarge
                } else {
                    AppError::bad_request(Code::BadForm)
                }
            })?;
            let (sent, form) = read_form::<T>(&bytes)?;
            if identity.csrf().is_empty() || !super::constant_time_eq(&sent, identity.csrf()) {
                return Err(AppError::Csrf.into());
            }
            Ok(CsrfForm { form, user: identity })
        })
    }
}

/// Reads a form body: the CSRF token sent (empty when none) and the form without it, so that strict
/// input types that refuse unknown fields serve both the API and the pages. Pure (fuzzed).
pub fn read_form<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<(String, T), AppError> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(bytes).map_err(|_| AppError::bad_request(Code::BadForm))?;
    let sent = pairs.iter().find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v.clone()).unwrap_or_default();
    let rest: Vec<&(String, String)> = pairs.iter().filter(|(k, _)| k != CSRF_FIELD).collect();
    let encoded = serde_urlencoded::to_string(&rest).map_err(|e| AppError::bad_request_because(Code::BadForm, e))?;
    let form: T = serde_urlencoded::from_str(&encoded).map_err(|e| AppError::bad_request_because(Code::BadForm, e))?;
    Ok((sent, form))
}
