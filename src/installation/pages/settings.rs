//! The installation settings page: the public address, where it comes from, and the form to set it.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::{AppError, FieldErrors};
use crate::installation::{queries, steps};
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{PageCtx, html_status, redirect};

#[derive(Template)]
#[template(path = "admin/settings.html")]
pub struct SettingsPage {
    ctx: PageCtx,
    fields: Vec<FormField>,
    /// The address from the configuration file, which wins over the saved one.
    configured: Option<String>,
    in_force: Option<String>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    public_address: String,
}

async fn page(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    input: Option<&str>,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let saved = state.db.run(queries::saved_public_address).await?;
    let configured = state.config.settings.base_url.clone();
    let t = crate::i18n::Tr::new(user.lang);
    let value = input.map(str::to_string).or_else(|| saved.clone()).unwrap_or_default();
    let fields = attach(
        vec![
            FormField::new("public_address", t.t("settings.public_address"), value, Widget::Text)
                .required()
                .hint(t.t("settings.public_address_hint")),
        ],
        errors,
        user.lang,
    );
    html_status(
        status,
        &SettingsPage {
            ctx: PageCtx::new(req, Some(user), "settings"),
            fields,
            in_force: configured.clone().or(saved),
            configured,
        },
    )
}

pub async fn show(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::InstallationManage)?;
    page(&req, &user, &state, None, &FieldErrors::new(), StatusCode::OK).await
}

pub async fn save(
    req: HttpRequest,
    form: CsrfForm<SettingsForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InstallationManage)?;
    let actor = user.actor();
    let input = form.public_address.clone();
    match state.db.run(move |conn| steps::save_public_address(conn, &actor, &input)).await {
        Ok(_) => Ok(redirect("/admin/settings?m=saved")),
        Err(AppError::Validation(e)) => {
            page(&req, &user, &state, Some(&form.public_address), &e, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e),
    }
}
