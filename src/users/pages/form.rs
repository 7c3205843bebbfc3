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

/// The roles `granted_by` may give.
pub fn role_options(t: Tr, granted_by: Role) -> Vec<(String, String)> {
    Role::ALL
        .iter()
        .filter(|r| granted_by.may_grant(**r))
        .map(|r| (r.code().to_string(), t.t(r.label_key()).to_string()))
        .collect()
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

/// `agencies` (in force, id and name) is offered only to an installation administrator.
pub fn new_page(
    req: &HttpRequest,
    user: &Identity,
    input: &UserInput,
    errors: &FieldErrors,
    agencies: &[(String, String)],
) -> FormPage {
    let t = Tr::new(user.lang);
    let mut fields = vec![
        FormField::new("username", t.t("users.username"), input.username.clone(), Widget::Text)
            .required()
            .hint(t.t("err.username_format")),
        FormField::new("full_name", t.t("users.full_name"), input.full_name.clone(), Widget::Text),
        FormField::new("official_title", t.t("users.official_title"), input.official_title.clone(), Widget::Text)
            .hint(t.t("users.official_title_hint")),
        FormField::new("email", t.t("users.email"), input.email.clone(), Widget::Text),
        FormField::new("role", t.t("users.role"), input.role.clone(), Widget::Select(role_options(t, user.role)))
            .required(),
        FormField::new("locale", t.t("account.language"), input.locale.clone(), Widget::Select(lang_options())),
        FormField::new("password", t.t("users.password"), "", Widget::Password).required(),
    ];
    if user.can(Permission::InstallationManage) && agencies.len() > 1 {
        let chosen = if input.agency_id.is_empty() { user.agency_id().to_string() } else { input.agency_id.clone() };
        fields.insert(0, FormField::new("agency_id", t.t("users.agency"), chosen, Widget::Select(agencies.to_vec())));
    }
    FormPage {
        ctx: PageCtx::new(req, Some(user), "users"),
        title: t.t("users.new").to_string(),
        action: "/admin/users".into(),
        fields: attach(fields, errors, user.lang),
        has_errors: !errors.is_empty(),
    }
}

/// The agencies in force today, for an installation administrator's choice.
async fn agency_choices(state: &AppState, user: &Identity) -> Result<Vec<(String, String)>, AppError> {
    if !user.can(Permission::InstallationManage) {
        return Ok(Vec::new());
    }
    let rows = state.db.run(|conn| crate::agencies::queries::in_force(conn, crate::time::today_vn(), None)).await?;
    Ok(rows.into_iter().map(|a| (a.agency.id, a.agency.name)).collect())
}

pub async fn new_form(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::UserManage)?;
    let input = UserInput { role: "inspector".into(), locale: "vi".into(), ..UserInput::default() };
    let agencies = agency_choices(&state, &user).await?;
    html(&new_page(&req, &user, &input, &FieldErrors::new(), &agencies))
}

pub async fn create(
    req: HttpRequest,
    form: CsrfForm<UserInput>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::UserManage)?;
    let new = match form.validate(user.agency_id(), state.config.settings.password_min_length, user.role) {
        Ok(n) => n,
        Err(e) => {
            let agencies = agency_choices(&state, &user).await?;
            return html_status(StatusCode::UNPROCESSABLE_ENTITY, &new_page(&req, &user, &form, &e, &agencies));
        }
    };
    let actor = user.actor();
    match state.db.run(move |conn| accounts::create(conn, &actor, new)).await {
        Ok(row) => Ok(redirect(&format!("/admin/users/{}?m=created", row.id))),
        Err(AppError::Validation(e)) => {
            let agencies = agency_choices(&state, &user).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, &new_page(&req, &user, &form, &e, &agencies))
        }
        Err(e) => Err(e),
    }
}
