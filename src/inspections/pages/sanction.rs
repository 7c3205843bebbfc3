//! The sanction decision's form: the fine (with the range for this offender beside it), the
//! signer, the title they sanction under (by default the one their signature block and agency
//! give), circumstances and the days to carry out remedies. A fine outside its range or above the
//! signer's authority is shown beside the field, the input kept.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Tr;
use crate::inspections::queries::{self as q};
use crate::inspections::steps::advance::Ctx;
use crate::inspections::steps::violations::{self as violation_steps, SanctionInput};
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{IdPath, PageCtx, html_status, redirect};

#[derive(Template)]
#[template(path = "inspections/sanction.html")]
pub struct SanctionPage {
    ctx: PageCtx,
    vid: String,
    engagement_id: String,
    violation: String,
    rule: String,
    range: String,
    fields: Vec<FormField>,
    has_errors: bool,
    /// A refusal that is not about one field (no article, no treasury), with where to set it up.
    refusal: Option<(String, Option<String>)>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SanctionForm {
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub signer_id: String,
    #[serde(default)]
    pub authority: String,
    #[serde(default)]
    pub aggravating: String,
    #[serde(default)]
    pub mitigating: String,
    #[serde(default)]
    pub remedy_days: String,
}

async fn render(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    vid: String,
    form: Option<SanctionForm>,
    errors: FieldErrors,
    refusal: Option<(String, Option<String>)>,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let id = vid.clone();
    let c = state.db.run(move |conn| q::sanction_form(conn, &id, &agency)).await?;
    let t = Tr::new(user.lang);
    let f = form.unwrap_or_else(|| {
        // The first signer in force, and the title their block and agency sanction under.
        let first = c.signers.first();
        SanctionForm {
            signer_id: first.map(|s| s.0.clone()).unwrap_or_default(),
            authority: first.map(|s| s.2.clone()).unwrap_or_default(),
            ..Default::default()
        }
    });
    let mut signers = vec![(String::new(), "—".to_string())];
    signers.extend(c.signers.iter().map(|s| (s.0.clone(), s.1.clone())));
    let mut titles = vec![(String::new(), "—".to_string())];
    titles.extend(violation_steps::TITLES.iter().map(|x| (x.code().to_string(), t.t(x.label_key()).to_string())));
    let range = crate::i18n::vnd_range(user.lang, c.range.0, c.range.1);
    let fields = vec![
        FormField::new("amount", t.t("insp.fine"), f.amount.clone(), Widget::Text)
            .required()
            .hint(&format!("{}: {range}", t.t("insp.fine_range"))),
        FormField::new("signer_id", t.t("insp.signer"), f.signer_id.clone(), Widget::Select(signers))
            .required()
            .needs_setup(c.signers.is_empty().then(|| {
                crate::web::setup::SetupNote::new(user, &crate::agencies::model::no_signer_in_force(user.agency_id()))
            })),
        FormField::new("authority", t.t("insp.authority"), f.authority.clone(), Widget::Select(titles))
            .required()
            .hint(t.t("insp.authority_hint")),
        FormField::new("aggravating", t.t("insp.aggravating"), f.aggravating.clone(), Widget::TextArea(2)).wide(),
        FormField::new("mitigating", t.t("insp.mitigating"), f.mitigating.clone(), Widget::TextArea(2)).wide(),
        FormField::new("remedy_days", t.t("insp.remedy_days"), f.remedy_days.clone(), Widget::Text)
            .hint(t.t("insp.remedy_days_hint")),
    ];
    let status = if errors.is_empty() && refusal.is_none() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    html_status(
        status,
        &SanctionPage {
            ctx: PageCtx::new(req, Some(user), "inspections"),
            vid,
            engagement_id: c.engagement_id.clone(),
            violation: format!("{} — {}", c.violation.offender_name, c.violation.description),
            rule: q::rule_label(&c.rule),
            range,
            fields: attach(fields, &errors, user.lang),
            has_errors: !errors.is_empty(),
            refusal,
        },
    )
}

pub async fn page(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::InspectionApprove)?;
    render(&req, &user, &state, path.into_inner(), None, FieldErrors::new(), None).await
}

pub async fn post(
    req: HttpRequest,
    form: CsrfForm<SanctionForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionApprove)?;
    user.require(Permission::DocumentIssue)?;
    let vid = path.into_inner();
    let input = SanctionInput {
        amount: form.amount.clone(),
        signer_id: form.signer_id.clone(),
        authority: form.authority.clone(),
        aggravating: form.aggravating.clone(),
        mitigating: form.mitigating.clone(),
        remedy_days: form.remedy_days.clone(),
    };
    let (actor, agency, base, files) =
        (user.actor(), user.agency_id().to_string(), state.public_address().await?, state.files.clone());
    let v = vid.clone();
    let r = state
        .db
        .run(move |conn| {
            let ctx = Ctx { files: files.as_ref(), base_url: &base };
            violation_steps::sanction(conn, &ctx, &actor, &agency, &v, &input)
        })
        .await;
    match r {
        Ok(v) => Ok(redirect(&format!("/inspections/{}?m=saved#violations", v.engagement_id))),
        Err(AppError::Validation(e)) => render(&req, &user, &state, vid, Some(form), e, None).await,
        Err(AppError::Conflict(r)) => {
            let refusal = Some((r.message(user.lang), r.setup_link()));
            render(&req, &user, &state, vid, Some(form), FieldErrors::new(), refusal).await
        }
        Err(e) => Err(e),
    }
}
