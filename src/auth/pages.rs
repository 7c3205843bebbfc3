//! Sign-in (with throttling), sign-out, language switch, and the account page (password, language,
//! API tokens).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::session::{
    LANG_COOKIE, LOGIN_CSRF_COOKIE, SESSION_COOKIE, make_signed_cookie, removal_cookie, request_lang, signed_cookie,
};
use super::throttle::{self, Limits};
use super::{CsrfForm, Identity, WebUser, constant_time_eq};
use crate::audit::AuditAction;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::i18n::{Lang, Tr};
use crate::state::AppState;
use crate::users::model::ApiTokenRow;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{PageCtx, html_status, redirect};

/// Only same-site paths may be redirected to after sign-in (never back to the sign-in page).
fn safe_next(next: &str) -> String {
    match crate::web::next::local_path(next) {
        Some(p) if !p.starts_with("/login") => p.to_string(),
        _ => "/".to_string(),
    }
}

#[derive(Template)]
#[template(path = "auth/login.html")]
pub struct LoginPage {
    ctx: PageCtx,
    csrf: String,
    username: String,
    next: String,
    error: Option<String>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct LoginQuery {
    #[serde(default)]
    next: String,
}

fn login_page(
    req: &HttpRequest,
    state: &AppState,
    username: String,
    next: String,
    error: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let csrf = super::random_token();
    let page = LoginPage { ctx: PageCtx::new(req, None, "login"), csrf: csrf.clone(), username, next, error };
    let mut resp = html_status(status, &page)?;
    resp.add_cookie(&make_signed_cookie(state, LOGIN_CSRF_COOKIE, csrf, Some(3600)))
        .map_err(|e| AppError::Internal(anyhow::anyhow!("cookie: {e}")))?;
    Ok(resp)
}

pub async fn login_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<LoginQuery>,
) -> Result<HttpResponse, AppError> {
    if super::session::resolve(&req).await?.is_some() {
        return Ok(redirect(&safe_next(&q.next)));
    }
    login_page(&req, &state, String::new(), q.next.clone(), None, StatusCode::OK)
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let lang = request_lang(&req);
    let expected = signed_cookie(&req, &state, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !constant_time_eq(&expected, &form.csrf_token) {
        return Err(AppError::Csrf);
    }
    let username: String = crate::domain::text::param(&form.username).to_lowercase().chars().take(64).collect();
    let s = &state.config.settings;
    let limits = Limits::of(s);
    let acct = throttle::account_key(&username);
    let addr = throttle::address_key(&crate::web::client::address(&req, &state.config.trusted_proxies));
    let password = form.password.clone();
    let hours = s.session_hours;
    let (keys_a, keys_b) = (acct.clone(), addr.clone());
    #[derive(Debug)]
    enum Outcome {
        Locked(i64),
        Failed,
        Ok(String),
    }
    let outcome = state
        .db
        .run(move |conn| {
            let now = crate::time::now();
            if let throttle::Attempt::Locked(until) = throttle::begin(conn, limits, &keys_a, &keys_b)? {
                return Ok(Outcome::Locked(((until - now).num_seconds() + 59) / 60));
            }
            let user = crate::users::queries::find_by_username(conn, &username)?;
            let ok = match &user {
                Some(u) => super::password::verify(&password, &u.password_hash) && !u.disabled,
                None => {
                    let _ = super::password::verify(&password, super::password::dummy_hash());
                    false
                }
            };
            match (ok, user) {
                (true, Some(u)) => {
                    throttle::succeeded(conn, &keys_a, &keys_b)?;
                    let (token, _csrf) = super::repo::create_session(conn, &u.id, hours)?;
                    Ok(Outcome::Ok(token))
                }
                _ => match throttle::failed(conn, limits, &keys_a, &keys_b)? {
                    Some(until) => Ok(Outcome::Locked(((until - now).num_seconds() + 59) / 60)),
                    None => Ok(Outcome::Failed),
                },
            }
        })
        .await?;
    let t = Tr::new(lang);
    match outcome {
        Outcome::Ok(token) => {
            tracing::info!("sign-in succeeded");
            let mut resp = redirect(&safe_next(&form.next));
            let max_age = i64::from(hours) * 3600;
            resp.add_cookie(&make_signed_cookie(&state, SESSION_COOKIE, token, Some(max_age)))
                .map_err(|e| AppError::Internal(anyhow::anyhow!("cookie: {e}")))?;
            resp.add_cookie(&removal_cookie(LOGIN_CSRF_COOKIE))
                .map_err(|e| AppError::Internal(anyhow::anyhow!("cookie: {e}")))?;
            Ok(resp)
        }
        Outcome::Failed => {
            tracing::warn!("sign-in failed");
            login_page(
                &req,
                &state,
                form.username,
                form.next,
                Some(t.t("login.failed").to_string()),
                StatusCode::UNAUTHORIZED,
            )
        }
        Outcome::Locked(minutes) => {
            tracing::warn!("sign-in refused: locked after repeated failures");
            let msg = t.t("login.locked").replace("{}", &minutes.max(1).to_string());
            login_page(&req, &state, form.username, form.next, Some(msg), StatusCode::TOO_MANY_REQUESTS)
        }
    }
}

pub async fn logout(
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    if let Some(id) = form.user.session_id().map(str::to_string) {
        state.db.run(move |conn| super::repo::delete_session(conn, &id)).await?;
    }
    let mut resp = redirect("/login?m=logged_out");
    resp.add_cookie(&removal_cookie(SESSION_COOKIE)).map_err(|e| AppError::Internal(anyhow::anyhow!("cookie: {e}")))?;
    Ok(resp)
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

pub async fn anon_lang(path: crate::web::IdPath, q: web::Query<NextQuery>) -> Result<HttpResponse, AppError> {
    let lang = Lang::parse(&path.0).ok_or(AppError::NotFound)?;
    let mut resp = redirect(&safe_next(&q.next));
    let c = actix_web::cookie::Cookie::build(LANG_COOKIE, lang.code())
        .path("/")
        .same_site(actix_web::cookie::SameSite::Lax)
        .max_age(actix_web::cookie::time::Duration::days(365))
        .finish();
    resp.add_cookie(&c).map_err(|e| AppError::Internal(anyhow::anyhow!("cookie: {e}")))?;
    Ok(resp)
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct LangForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    next: String,
}

pub async fn set_lang(form: CsrfForm<LangForm>, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let lang = Lang::parse(&form.lang).ok_or_else(|| AppError::bad_request(Code::UnknownLanguage))?;
    let actor = user.actor();
    let id = user.user.id.clone();
    state.db.run(move |conn| crate::users::steps::accounts::set_locale(conn, &actor, &id, lang)).await?;
    Ok(redirect(&safe_next(&form.next)))
}

// ---------- account ----------

pub struct TokenItem {
    pub id: String,
    pub name: String,
    pub created: String,
    pub last_used: String,
    pub revoked: bool,
}

#[derive(Template)]
#[template(path = "auth/account.html")]
pub struct AccountPage {
    ctx: PageCtx,
    username: String,
    full_name: String,
    role_key: &'static str,
    agency: String,
    fields: Vec<FormField>,
    tokens: Vec<TokenItem>,
    new_token: Option<String>,
    token_name_error: Option<String>,
}

pub async fn account_page(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    errors: &FieldErrors,
    new_token: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let id = user.user.id.clone();
    let tokens: Vec<ApiTokenRow> = state.db.run(move |conn| crate::users::queries::list_tokens(conn, &id)).await?;
    let t = Tr::new(user.lang);
    let fields = attach(
        vec![
            FormField::new("current_password", t.t("account.current_password"), "", Widget::Password).required(),
            FormField::new("new_password", t.t("account.new_password"), "", Widget::Password).required(),
            FormField::new("confirm_password", t.t("account.confirm_password"), "", Widget::Password).required(),
        ],
        errors,
        user.lang,
    );
    html_status(
        status,
        &AccountPage {
            ctx: PageCtx::new(req, Some(user), "account"),
            username: user.user.username.clone(),
            full_name: user.user.full_name.clone(),
            role_key: user.role.label_key(),
            agency: user.agency_name.clone(),
            fields,
            tokens: tokens
                .iter()
                .map(|t| TokenItem {
                    id: t.id.clone(),
                    name: t.name.clone(),
                    created: crate::time::show_vn(&t.created_at),
                    last_used: t.last_used_at.map(|x| crate::time::show_vn(&x)).unwrap_or_else(|| "—".into()),
                    revoked: t.revoked_at.is_some(),
                })
                .collect(),
            new_token,
            token_name_error: errors.get("token_name", user.lang),
        },
    )
}

pub async fn account(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    account_page(&req, &user.0, &state, &FieldErrors::new(), None, StatusCode::OK).await
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
    /// Present when the user chose to keep their API tokens.
    #[serde(default)]
    keep_tokens: Option<String>,
}

pub async fn change_password(
    req: HttpRequest,
    form: CsrfForm<PasswordForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let mut errors = FieldErrors::new();
    if !super::password::verify(&form.current_password, &user.user.password_hash) {
        errors.add("current_password", Code::WrongPassword);
    }
    crate::users::forms::check_password(
        "new_password",
        &form.new_password,
        state.config.settings.password_min_length,
        &mut errors,
    );
    if form.new_password != form.confirm_password {
        errors.add("confirm_password", Code::PasswordMismatch);
    }
    if !errors.is_empty() {
        return account_page(&req, &user, &state, &errors, None, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let actor = user.actor();
    let id = user.user.id.clone();
    let session = user.session_id().map(str::to_string);
    let keep_tokens = form.keep_tokens.is_some();
    state
        .db
        .run(move |conn| {
            let keep = crate::users::steps::accounts::Keep { session: session.as_deref(), tokens: keep_tokens };
            crate::users::steps::accounts::set_password(
                conn,
                &actor,
                &id,
                &form.new_password,
                AuditAction::PasswordChange,
                keep,
            )
        })
        .await?;
    Ok(redirect(if keep_tokens { "/account?m=password_changed_tokens_kept" } else { "/account?m=password_changed" }))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    token_name: String,
}

pub async fn create_token(
    req: HttpRequest,
    form: CsrfForm<TokenForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let name = crate::domain::text::clean(&form.token_name);
    if name.is_empty() || name.chars().count() > 80 {
        let mut e = FieldErrors::new();
        e.push(if name.is_empty() {
            FieldError::new("token_name", Code::Required)
        } else {
            FieldError::with_arg("token_name", Code::TooLong, 80)
        });
        return account_page(&req, &user, &state, &e, None, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let actor = user.actor();
    let id = user.user.id.clone();
    let (_, plain) =
        state.db.run(move |conn| crate::users::steps::tokens::create_token(conn, &actor, &id, &name)).await?;
    let mut page = account_page(&req, &user, &state, &FieldErrors::new(), Some(plain), StatusCode::OK).await?;
    page.headers_mut()
        .insert(actix_web::http::header::CACHE_CONTROL, actix_web::http::header::HeaderValue::from_static("no-store"));
    Ok(page)
}

pub async fn revoke_token(
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    let actor = user.actor();
    let uid = user.user.id.clone();
    let tid = path.into_inner();
    state.db.run(move |conn| crate::users::steps::tokens::revoke_token(conn, &actor, &uid, &tid)).await?;
    Ok(redirect("/account?m=token_revoked"))
}
