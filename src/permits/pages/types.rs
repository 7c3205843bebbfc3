//! The permit types (procedures): every version with its issuer, legal source, checklist, fees and
//! validity, and, for an installation administrator, the form that adds a procedure or a version of
//! one from a day (filled with the version in force, errors beside their fields).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::Flash;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Tr;
use crate::permits::model::PermitTypeRow;
use crate::permits::queries as q;
use crate::permits::steps::types::{self, TypeInput};
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{PageCtx, html, redirect};

/// One procedure: its versions, newest first, and which is in force today.
pub struct TypeView {
    pub code: String,
    pub versions: Vec<VersionView>,
}

pub struct VersionView {
    pub t: PermitTypeRow,
    pub name: String,
    pub in_force: bool,
    pub period: String,
    pub documents: Vec<(String, bool)>,
    pub fees: String,
    pub validity: String,
    pub sector: String,
}

#[derive(Template)]
#[template(path = "permits/types.html")]
pub struct TypesPage {
    ctx: PageCtx,
    types: Vec<TypeView>,
    can_manage: bool,
    flash: Flash,
}

pub async fn types_page(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    flash: web::Query<Flash>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::PermitRead)?;
    let (lang, t) = (user.lang, Tr::new(user.lang));
    let (all, sectors) = state.db.run(|conn| Ok((q::all_types(conn)?, crate::sectors::queries::all(conn)?))).await?;
    let today = crate::time::today_vn();
    let mut views: Vec<TypeView> = Vec::new();
    for ty in all {
        let in_force = ty.valid_from <= today && ty.valid_to.is_none_or(|to| today < to);
        let period = match ty.valid_to {
            Some(to) => format!("{} – {}", crate::time::show_date(&ty.valid_from), crate::time::show_date(&to)),
            None => format!("{} {}", t.t("gp.types.from"), crate::time::show_date(&ty.valid_from)),
        };
        let fees = [(t.t("gp.fee.appraisal"), ty.appraisal_fee), (t.t("gp.fee.levy"), ty.levy)]
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{k} {}", crate::i18n::vnd(lang, *n)))
            .collect::<Vec<_>>()
            .join("; ");
        let v = VersionView {
            name: ty.name(lang).to_string(),
            in_force,
            period,
            documents: ty
                .documents()
                .into_iter()
                .map(|d| (if lang == crate::i18n::Lang::En { d.name_en } else { d.name_vi }, d.optional))
                .collect(),
            fees: if fees.is_empty() { t.t("gp.types.no_fee").to_string() } else { fees },
            validity: match ty.validity_months {
                0 => t.t("gp.types.no_expiry").to_string(),
                m => t.t("gp.types.months").replace("{n}", &m.to_string()),
            },
            sector: sectors
                .iter()
                .find(|s| s.code == ty.sector_code)
                .map(|s| s.name(lang).to_string())
                .unwrap_or_else(|| ty.sector_code.clone()),
            t: ty,
        };
        match views.iter_mut().find(|x| x.code == v.t.code) {
            Some(x) => x.versions.push(v),
            None => views.push(TypeView { code: v.t.code.clone(), versions: vec![v] }),
        }
    }
    html(&TypesPage {
        ctx: PageCtx::new(&req, Some(&user), "permits"),
        types: views,
        can_manage: user.can(Permission::CatalogueManage),
        flash: flash.into_inner(),
    })
}

#[derive(Template)]
#[template(path = "permits/type_form.html")]
pub struct TypeFormPage {
    ctx: PageCtx,
    /// The procedure a version is added to (its name), or none for a new procedure.
    of: Option<String>,
    fields: Vec<FormField>,
    has_errors: bool,
}

#[derive(serde::Deserialize, Default)]
pub struct FormQuery {
    #[serde(default)]
    from: String,
}

fn fields(t: Tr, v: &TypeInput, sectors: Vec<(String, String)>, rules: Vec<(String, String)>) -> Vec<FormField> {
    let text = |name: &str, key: &str, value: &str| FormField::new(name, t.t(key), value, Widget::Text);
    let area =
        |name: &str, key: &str, value: &str, rows: u8| FormField::new(name, t.t(key), value, Widget::TextArea(rows));
    let tick = |name: &str, key: &str, value: &str| {
        FormField::new(
            name,
            "",
            if crate::domain::input::ticked(value) { "true" } else { "" },
            Widget::Checks(vec![("true".into(), t.t(key).into())]),
        )
    };
    let mut optional_rules = vec![(String::new(), t.t("gp.types.published_same").to_string())];
    optional_rules.extend(rules.iter().cloned());
    vec![
        text("code", "gp.types.code", &v.code).required().hint(t.t("gp.types.code_hint")),
        FormField::new("valid_from", t.t("gp.types.valid_from"), v.valid_from.clone(), Widget::Date)
            .required()
            .hint(t.t("gp.types.valid_from_hint")),
        text("name_vi", "gp.types.name_vi", &v.name_vi).required().wide(),
        text("name_en", "gp.types.name_en", &v.name_en).wide(),
        FormField::new("sector_code", t.t("gp.types.sector"), v.sector_code.clone(), Widget::Select(sectors))
            .required(),
        text("issuer", "gp.issuer", &v.issuer).required().hint(t.t("gp.types.issuer_hint")),
        FormField::new("legal_rule", t.t("gp.types.legal_rule"), v.legal_rule.clone(), Widget::Select(rules.clone()))
            .required()
            .hint(t.t("gp.types.rules_hint")),
        FormField::new(
            "published_rule",
            t.t("gp.types.published_rule"),
            v.published_rule.clone(),
            Widget::Select(optional_rules),
        ),
        FormField::new(
            "completeness_rule",
            t.t("gp.types.completeness_rule"),
            v.completeness_rule.clone(),
            Widget::Select(rules),
        )
        .required(),
        area("documents", "gp.documents", &v.documents, 8).required().hint(t.t("gp.types.documents_hint")).wide(),
        text("appraisal_fee", "gp.fee.appraisal", &v.appraisal_fee).hint(t.t("gp.types.vnd_hint")),
        text("levy", "gp.fee.levy", &v.levy).hint(t.t("gp.types.vnd_hint")),
        area("fee_source", "gp.types.fee_source", &v.fee_source, 2).wide(),
        text("validity_months", "gp.types.validity_months", &v.validity_months).hint(t.t("gp.types.validity_hint")),
        text("renew_before_days", "gp.types.renew_before_days", &v.renew_before_days),
        text("remind_days", "gp.types.remind_days", &v.remind_days),
        tick("site_survey", "gp.types.site_survey", &v.site_survey).wide(),
        text("certificate_title", "gp.types.certificate_title", &v.certificate_title).required().wide(),
        area("certificate_bases", "gp.types.certificate_bases", &v.certificate_bases, 4)
            .hint(t.t("gp.types.bases_hint"))
            .wide(),
        area("legal_source", "gp.types.legal_source", &v.legal_source, 3).required().wide(),
        tick("verified", "gp.types.verified", &v.verified).wide(),
    ]
}

async fn render(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    input: TypeInput,
    of: Option<String>,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let lang = user.lang;
    let (sectors, rules) = state
        .db
        .run(move |conn| {
            let sectors: Vec<(String, String)> = crate::sectors::queries::all(conn)?
                .into_iter()
                .filter(|s| s.active)
                .map(|s| (s.code.clone(), s.name(lang).to_string()))
                .collect();
            let mut rules: Vec<(String, String)> = Vec::new();
            for r in crate::calendar::queries::deadline_rules(conn)? {
                if !rules.iter().any(|(c, _)| *c == r.code) {
                    let name = if lang == crate::i18n::Lang::En { &r.name_en } else { &r.name_vi };
                    rules.push((r.code.clone(), format!("{name} ({})", r.code)));
                }
            }
            Ok((sectors, rules))
        })
        .await?;
    html(&TypeFormPage {
        ctx: PageCtx::new(req, Some(user), "permits"),
        of,
        fields: attach(fields(Tr::new(lang), &input, sectors, rules), &errors, lang),
        has_errors: !errors.is_empty(),
    })
}

/// The form: a new version of `?from=<code>` (filled with its version in force), or a new procedure.
pub async fn type_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    query: web::Query<FormQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::CatalogueManage)?;
    let from = query.into_inner().from;
    let current = state.db.run(move |conn| q::type_in_force(conn, &from, crate::time::today_vn())).await?;
    let (input, of) = match current {
        Some(t) => (TypeInput::from_version(&t), Some(t.name(user.lang).to_string())),
        None => (TypeInput::default(), None),
    };
    let input = TypeInput { valid_from: crate::time::today_vn().to_string(), ..input };
    render(&req, &user, &state, input, of, FieldErrors::new()).await
}

pub async fn type_post(
    req: HttpRequest,
    form: CsrfForm<TypeInput>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::CatalogueManage)?;
    let (actor, kept) = (user.actor(), form.clone());
    match state.db.run(move |conn| types::add_version(conn, &actor, &form)).await {
        Ok(t) => Ok(redirect(&format!("/permits/types?m=saved#t-{}", t.code))),
        Err(AppError::Validation(e)) => {
            let code = kept.code.clone();
            let of = state
                .db
                .run(move |conn| q::type_in_force(conn, &code, crate::time::today_vn()))
                .await?
                .map(|t| t.name(user.lang).to_string());
            render(&req, &user, &state, kept, of, e).await
        }
        Err(e) => Err(e),
    }
}
