//! The form that adds a user, with the input kept and each error beside its field.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{CsrfForm, Identity, Permission, Role, WebUser};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::users::forms::UserInput;
use crate::users::steps::accounts;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{PageCtx, html, html_status, redirect};

pub fn role_options(t: Tr) -> Vec<(String, String)> {
    Role::ALL.iter().map(|r| (r.code().to_string(), t.t(r.label_key()).to_string())).collect()
}

pub fn lang_options() -> Vec<(String, String)> {
    crate::i18n::Lang::ALL.iter().map(|l| (l.code().to_string(), l.name().to_string())).collect()
}

#[derive(Template)]
#[template(path = "admin/user_form.html")]
pub struct FormPage {
    ctx: PageCtx,
    title: String,
    action: String,
    fields: Vec<FormField>,
    has_errors: bool,
}

pub fn new_page(req: &HttpRequest, user: &Identity, input: &UserInput, errors: &FieldErrors) -> FormPage {
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

pub async fn new_form(req: HttpRequest, user: WebUser) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::UserManage)?;
    let input = UserInput { role: "inspector".into(), locale: "vi".into(), ..UserInput::default() };
    html(&new_page(&req, &user, &input, &FieldErrors::new()))
}

pub async fn create(
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
    match state.db.run(move |conn| accounts::create(conn, &actor, new)).await {
        Ok(row) => Ok(redirect(&format!("/admin/users/{}?m=created", row.id))),
        Err(AppError::Validation(e)) => {
            html_status(StatusCode::UNPROCESSABLE_ENTITY, &new_page(&req, &user, &form, &e))
        }
        Err(e) => Err(e),
    }
}
