//! One user: details, role and language, disable or enable, password reset, tokens, history.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::audit::AuditAction;
use crate::audit::history::HistoryItem;
use crate::auth::{CsrfForm, Identity, Permission, Role, WebUser};
use crate::error::{AppError, Code, FieldErrors};
use crate::i18n::{Lang, Tr};
use crate::state::AppState;
use crate::users::forms::UserChanges;
use crate::users::model::UserRow;
use crate::users::pages::form::{lang_options, role_options};
use crate::users::queries;
use crate::users::steps::accounts;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{PageCtx, html_status, redirect};

#[derive(Template)]
#[template(path = "admin/user_show.html")]
pub struct ShowPage {
    ctx: PageCtx,
    u: UserRow,
    fields: Vec<FormField>,
    password_error: Option<String>,
    history: Vec<HistoryItem>,
    is_self: bool,
    /// An agency administrator sees an installation administrator's page but cannot change it.
    can_change: bool,
    has_errors: bool,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct EditForm {
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    official_title: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    locale: String,
}

pub async fn show_page(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    id: String,
    form: Option<&EditForm>,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let who = user.clone();
    let (u, history) = state
        .db
        .run(move |conn| {
            let u = queries::find_visible(conn, &id, &who)?;
            let h = crate::audit::repo::history(conn, "user", &id, who.managed_agency())?;
            Ok((u, h))
        })
        .await?;
    let t = Tr::new(user.lang);
    let v = |f: Option<&str>, d: &str| f.map(str::to_string).unwrap_or_else(|| d.to_string());
    let fields = vec![
        FormField::new(
            "full_name",
            t.t("users.full_name"),
            v(form.map(|f| f.full_name.as_str()), &u.full_name),
            Widget::Text,
        ),
        FormField::new(
            "official_title",
            t.t("users.official_title"),
            v(form.map(|f| f.official_title.as_str()), &u.official_title),
            Widget::Text,
        )
        .hint(t.t("users.official_title_hint")),
        FormField::new("email", t.t("users.email"), v(form.map(|f| f.email.as_str()), &u.email), Widget::Text),
        FormField::new(
            "role",
            t.t("users.role"),
            v(form.map(|f| f.role.as_str()), &u.role),
            Widget::Select(role_options(t, user.role)),
        )
        .required(),
        FormField::new(
            "locale",
            t.t("account.language"),
            v(form.map(|f| f.locale.as_str()), &u.locale),
            Widget::Select(lang_options()),
        ),
    ];
    html_status(
        status,
        &ShowPage {
            ctx: PageCtx::new(req, Some(user), "users"),
            is_self: u.id == user.user.id,
            can_change: user.role.may_grant(u.role()),
            fields: attach(fields, errors, user.lang),
            password_error: errors.get("password", user.lang),
            history: HistoryItem::from_rows(&history, &[], user.lang),
            has_errors: !errors.is_empty(),
            u,
        },
    )
}

pub async fn show(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::UserManage)?;
    show_page(&req, &user, &state, path.into_inner(), None, &FieldErrors::new(), StatusCode::OK).await
}

pub async fn update(
    req: HttpRequest,
    form: CsrfForm<EditForm>,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::UserManage)?;
    let id = path.into_inner();
    let mut errors = FieldErrors::new();
    let full_name = crate::users::forms::check_full_name(&form.full_name, &mut errors);
    let official_title = crate::users::forms::check_official_title(&form.official_title, &mut errors);
    let email = crate::users::forms::check_email(&form.email, &mut errors);
    let role = Role::parse(&form.role);
    match role {
        None => errors.add("role", Code::InvalidChoice),
        Some(r) if !user.role.may_grant(r) => errors.add("role", Code::RoleNotGrantable),
        Some(_) => {}
    }
    let locale = Lang::parse(&form.locale).unwrap_or_default();
    if !errors.is_empty() {
        return show_page(&req, &user, &state, id, Some(&form), &errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let actor = user.actor();
    let who = user.clone();
    let id2 = id.clone();
    let result = state
        .db
        .run(move |conn| {
            queries::find_managed(conn, &id2, &who)?;
            accounts::update(
                conn,
                &actor,
                &id2,
                UserChanges { full_name, official_title, email, role: role.unwrap_or(Role::Viewer), locale },
            )
        })
        .await;
    match result {
        Ok(_) => Ok(redirect(&format!("/admin/users/{id}?m=saved"))),
        Err(AppError::Validation(e)) => {
            show_page(&req, &user, &state, id, Some(&form), &e, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e),
    }
}

pub async fn set_disabled(
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    id: String,
    disabled: bool,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    user.require(Permission::UserManage)?;
    let actor = user.actor();
    let who = user.clone();
    let id2 = id.clone();
    state
        .db
        .run(move |conn| {
            queries::find_managed(conn, &id2, &who)?;
            accounts::set_disabled(conn, &actor, &id2, disabled)
        })
        .await?;
    Ok(redirect(&format!("/admin/users/{id}?m={}", if disabled { "user_disabled" } else { "user_enabled" })))
}

pub async fn disable(
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    set_disabled(form, state, path.into_inner(), true).await
}

pub async fn enable(
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    set_disabled(form, state, path.into_inner(), false).await
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
}

pub async fn reset_password(
    req: HttpRequest,
    form: CsrfForm<PasswordForm>,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::UserManage)?;
    let id = path.into_inner();
    let mut errors = FieldErrors::new();
    crate::users::forms::check_password(
        "password",
        &form.password,
        state.config.settings.password_min_length,
        &mut errors,
    );
    if !errors.is_empty() {
        return show_page(&req, &user, &state, id, None, &errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let actor = user.actor();
    let who = user.clone();
    let id2 = id.clone();
    state
        .db
        .run(move |conn| {
            queries::find_managed(conn, &id2, &who)?;
            accounts::set_password(
                conn,
                &actor,
                &id2,
                &form.password,
                AuditAction::PasswordReset,
                accounts::Keep::default(),
            )
        })
        .await?;
    Ok(redirect(&format!("/admin/users/{id}?m=password_reset")))
}
