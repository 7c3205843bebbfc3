//! Admin pages for the agency's users. Another agency's user is "not found" here.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::model::UserRow;
use super::repo::{self, UserChanges, UserInput};
use crate::audit::AuditAction;
use crate::audit::history::HistoryItem;
use crate::auth::{CsrfForm, Identity, Permission, Role, WebUser};
use crate::error::{AppError, Code, FieldErrors};
use crate::i18n::{Lang, Tr};
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{PageCtx, html, html_status, redirect};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/users", web::get().to(index))
        .route("/admin/users", web::post().to(create))
        .route("/admin/users/new", web::get().to(new_form))
        .route("/admin/users/{id}", web::get().to(show))
        .route("/admin/users/{id}", web::post().to(update))
        .route("/admin/users/{id}/disable", web::post().to(disable))
        .route("/admin/users/{id}/enable", web::post().to(enable))
        .route("/admin/users/{id}/password", web::post().to(reset_password));
}

pub struct UserItem {
    pub id: String,
    pub username: String,
    pub full_name: String,
    pub role_key: &'static str,
    pub disabled: bool,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct IndexPage {
    ctx: PageCtx,
    users: Vec<UserItem>,
}

async fn index(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::UserManage)?;
    let agency = user.agency_id().to_string();
    let rows = state.db.run(move |conn| repo::list(conn, Some(&agency))).await?;
    html(&IndexPage {
        ctx: PageCtx::new(&req, Some(&user), "users"),
        users: rows
            .iter()
            .map(|u| UserItem {
                id: u.id.clone(),
                username: u.username.clone(),
                full_name: u.full_name.clone(),
                role_key: u.role().label_key(),
                disabled: u.disabled,
            })
            .collect(),
    })
}

fn role_options(t: Tr) -> Vec<(String, String)> {
    Role::ALL.iter().map(|r| (r.code().to_string(), t.t(r.label_key()).to_string())).collect()
}

fn lang_options() -> Vec<(String, String)> {
    vec![("vi".into(), "Tiếng Việt".into()), ("en".into(), "English".into())]
}

#[derive(Template)]
#[template(path = "admin/user_form.html")]
struct FormPage {
    ctx: PageCtx,
    title: String,
    action: String,
    fields: Vec<FormField>,
    has_errors: bool,
}

fn new_page(req: &HttpRequest, user: &Identity, input: &UserInput, errors: &FieldErrors) -> FormPage {
    let t = Tr::new(user.lang);
    let fields = vec![
        FormField::new("username", t.t("users.username"), input.username.clone(), Widget::Text)
            .required()
            .hint(t.t("err.username_format")),
        FormField::new("full_name", t.t("users.full_name"), input.full_name.clone(), Widget::Text),
        FormField::new("email", t.t("users.email"), input.email.clone(), Widget::Text),
        FormField::new("role", t.t("users.role"), input.role.clone(), Widget::Select(role_options(t))).required(),
        FormField::new("locale", t.t("account.language"), input.locale.clone(), Widget::Select(lang_options())),
        FormField::new("password", t.t("users.password"), "", Widget::Password).required(),
    ];
    FormPage {
        ctx: PageCtx::new(req, Some(user), "users"),
        title: t.t("users.new").to_string(),
        action: "/admin/users".into(),
        fields: attach(fields, errors, user.lang),
        has_errors: !errors.is_empty(),
    }
}

async fn new_form(req: HttpRequest, user: WebUser) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::UserManage)?;
    let input = UserInput { role: "inspector".into(), locale: "vi".into(), ..UserInput::default() };
    html(&new_page(&req, &user, &input, &FieldErrors::new()))
}

async fn create(
    req: HttpRequest,
    form: CsrfForm<UserInput>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::UserManage)?;
    let new = match form.validate(user.agency_id(), state.config.settings.password_min_length) {
        Ok(n) => n,
        Err(e) => {
            return html_status(StatusCode::UNPROCESSABLE_ENTITY, &new_page(&req, &user, &form, &e));
        }
    };
    let actor = user.actor();
    match state.db.run(move |conn| repo::create(conn, &actor, new)).await {
        Ok(row) => Ok(redirect(&format!("/admin/users/{}?m=created", row.id))),
        Err(AppError::Validation(e)) => {
            html_status(StatusCode::UNPROCESSABLE_ENTITY, &new_page(&req, &user, &form, &e))
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "admin/user_show.html")]
struct ShowPage {
    ctx: PageCtx,
    u: UserRow,
    fields: Vec<FormField>,
    password_error: Option<String>,
    history: Vec<HistoryItem>,
    is_self: bool,
    has_errors: bool,
}

#[derive(Debug, Default, serde::Deserialize)]
struct EditForm {
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    locale: String,
}

async fn show_page(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    id: String,
    form: Option<&EditForm>,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let (u, history) = state
        .db
        .run(move |conn| {
            let u = repo::find_in_agency(conn, &id, &agency)?;
            let h = crate::audit::repo::history(conn, "user", &id, Some(&agency))?;
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
        FormField::new("email", t.t("users.email"), v(form.map(|f| f.email.as_str()), &u.email), Widget::Text),
        FormField::new(
            "role",
            t.t("users.role"),
            v(form.map(|f| f.role.as_str()), &u.role),
            Widget::Select(role_options(t)),
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
            fields: attach(fields, errors, user.lang),
            password_error: errors.get("password", user.lang),
            history: HistoryItem::from_rows(&history, user.lang),
            has_errors: !errors.is_empty(),
            u,
        },
    )
}

async fn show(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::UserManage)?;
    show_page(&req, &user, &state, path.into_inner(), None, &FieldErrors::new(), StatusCode::OK).await
}

async fn update(
    req: HttpRequest,
    form: CsrfForm<EditForm>,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::UserManage)?;
    let id = path.into_inner();
    let mut errors = FieldErrors::new();
    let full_name = crate::domain::text::clean(&form.full_name);
    if full_name.chars().count() > 120 {
        errors.push(crate::error::FieldError::with_arg("full_name", Code::TooLong, 120));
    }
    let email = if form.email.trim().is_empty() {
        String::new()
    } else {
        match crate::domain::Email::parse(&form.email) {
            Some(e) => e.as_str().to_string(),
            None => {
                errors.push(crate::error::FieldError::with_arg("email", Code::EmailInvalid, form.email.trim()));
                String::new()
            }
        }
    };
    let role = Role::parse(&form.role);
    if role.is_none() {
        errors.add("role", Code::InvalidChoice);
    }
    let locale = Lang::parse(&form.locale).unwrap_or_default();
    if !errors.is_empty() {
        return show_page(&req, &user, &state, id, Some(&form), &errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    let id2 = id.clone();
    let result = state
        .db
        .run(move |conn| {
            repo::find_in_agency(conn, &id2, &agency)?;
            repo::update(
                conn,
                &actor,
                &id2,
                UserChanges { full_name, email, role: role.unwrap_or(Role::Viewer), locale },
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

async fn set_disabled(
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    id: String,
    disabled: bool,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    user.require(Permission::UserManage)?;
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    let id2 = id.clone();
    state
        .db
        .run(move |conn| {
            repo::find_in_agency(conn, &id2, &agency)?;
            repo::set_disabled(conn, &actor, &id2, disabled)
        })
        .await?;
    Ok(redirect(&format!("/admin/users/{id}?m={}", if disabled { "user_disabled" } else { "user_enabled" })))
}

async fn disable(
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    set_disabled(form, state, path.into_inner(), true).await
}

async fn enable(
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    set_disabled(form, state, path.into_inner(), false).await
}

#[derive(Debug, Default, serde::Deserialize)]
struct PasswordForm {
    #[serde(default)]
    password: String,
}

async fn reset_password(
    req: HttpRequest,
    form: CsrfForm<PasswordForm>,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::UserManage)?;
    let id = path.into_inner();
    let mut errors = FieldErrors::new();
    repo::check_password("password", &form.password, state.config.settings.password_min_length, &mut errors);
    if !errors.is_empty() {
        return show_page(&req, &user, &state, id, None, &errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    let id2 = id.clone();
    state
        .db
        .run(move |conn| {
            repo::find_in_agency(conn, &id2, &agency)?;
            repo::set_password(conn, &actor, &id2, &form.password, AuditAction::PasswordReset, None)
        })
        .await?;
    Ok(redirect(&format!("/admin/users/{id}?m=saved")))
}
