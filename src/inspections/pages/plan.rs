//! One plan version: its items, overlap warnings, approval and amendment.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::*;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Tr;
use crate::inspections::model::*;
use crate::inspections::queries::{self as q};
use crate::inspections::steps::plan::{self as plan_steps, ItemInput};
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::picker::{self, OutletPicker, Search};
use crate::web::setup::SetupNote;
use crate::web::{IdPath, PageCtx, html, redirect};

pub struct ItemLine {
    pub i: PlanItemRow,
    pub who: String,
    pub kind: &'static str,
    pub engagement: Option<String>,
}

#[derive(Template)]
#[template(path = "inspections/plan.html")]
pub struct PlanPage {
    ctx: PageCtx,
    p: PlanRow,
    items: Vec<ItemLine>,
    versions: Vec<PlanRow>,
    fields: Vec<FormField>,
    has_errors: bool,
    warnings: Vec<String>,
    signers: Vec<(String, String)>,
    /// No signer in force: what to do about it, instead of the signer choice.
    signer_setup: Option<SetupNote>,
    /// No public address (approving issues the plan, which prints its verify link): where to set it.
    address_setup: Option<SetupNote>,
    can_write: bool,
    can_approve: bool,
    flash: Flash,
    doc_symbol: String,
}

#[derive(Deserialize, Default)]
pub struct PlanQuery {
    #[serde(default)]
    err: String,
    #[serde(default)]
    m: String,
    #[serde(default)]
    warn: String,
}

/// The add-item form as posted: the item, and the outlet picker's search beside it.
pub struct ItemForm<'a> {
    pub input: &'a ItemInput,
    pub search: &'a Search,
    pub errors: FieldErrors,
}

pub fn item_fields(t: Tr, v: &ItemInput, sectors: &[(String, String)], outlet: OutletPicker) -> Vec<FormField> {
    let mut sec = vec![(String::new(), "—".to_string())];
    sec.extend(sectors.iter().cloned());
    vec![
        FormField::new("outlet_id", t.t("insp.outlet"), v.outlet_id.clone(), Widget::Outlet(Box::new(outlet)))
            .hint(t.t("insp.outlet_or_group")),
        FormField::new("group_label", t.t("insp.group_label"), v.group_label.clone(), Widget::Text)
            .placeholder(t.t("insp.group_placeholder")),
        FormField::new("sector_code", t.t("outlets.sector"), v.sector_code.clone(), Widget::Select(sec)),
        FormField::new(
            "kind",
            t.t("insp.kind"),
            v.kind.clone(),
            Widget::Select(
                crate::inspections::state::Kind::ALL
                    .iter()
                    .map(|k| (k.code().to_string(), t.t(k.label_key()).to_string()))
                    .collect(),
            ),
        )
        .required(),
        FormField::new("scope", t.t("insp.scope"), v.scope.clone(), Widget::Text).required().wide(),
        FormField::new(
            "quarter",
            t.t("insp.quarter"),
            v.quarter.clone(),
            Widget::Select((1..=4).map(|q| (q.to_string(), t.t(&quarter_key(q)).to_string())).collect()),
        ),
        FormField::new("month", t.t("insp.month"), v.month.clone(), Widget::Text).hint(t.t("insp.month_hint")),
        FormField::new("lead_unit", t.t("insp.lead_unit"), v.lead_unit.clone(), Widget::Text),
    ]
}

pub async fn plan_page(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
    q: web::Query<PlanQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::InspectionRead)?;
    let q = q.into_inner();
    let warnings: Vec<String> = q.warn.split('\n').filter(|w| !w.trim().is_empty()).map(str::to_string).collect();
    let form = ItemForm { input: &ItemInput::default(), search: &Search::none(), errors: FieldErrors::new() };
    render_plan(
        &req,
        &user,
        &state,
        path.into_inner(),
        form,
        warnings,
        Flash { err: q.err, m: q.m, ..Flash::default() },
    )
    .await
}

pub async fn render_plan(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    id: String,
    form: ItemForm<'_>,
    warnings: Vec<String>,
    flash: Flash,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let lang = user.lang;
    let ItemForm { input, search, errors } = form;
    let (chosen, search2) = (input.outlet_id.clone(), search.clone());
    let (q::PlanPage { plan: p, items, versions, choices: c, sectors, doc_symbol }, outlet) = state
        .db
        .run(move |conn| {
            let page = q::plan_page(conn, &id, &agency, lang)?;
            Ok((page, crate::outlets::queries::picker(conn, &chosen, &search2, true, lang)?))
        })
        .await?;
    let items = items
        .into_iter()
        .map(|(i, who, engagement)| ItemLine { kind: i.kind.label(lang), who, engagement, i })
        .collect();
    let t = Tr::new(lang);
    let can_approve = user.can(Permission::InspectionApprove) && user.can(Permission::DocumentIssue);
    let address_setup = match p.status == PlanStatus::Draft && can_approve {
        true => match state.public_address().await {
            Err(AppError::Conflict(r)) => Some(SetupNote::new(user, &r)),
            _ => None,
        },
        false => None,
    };
    html(&PlanPage {
        ctx: PageCtx::new(req, Some(user), "inspections"),
        has_errors: !errors.is_empty(),
        fields: attach(item_fields(t, input, &sectors, outlet), &errors, lang),
        can_write: user.can(Permission::InspectionWrite) && p.status == PlanStatus::Draft,
        can_approve,
        address_setup,
        p,
        items,
        versions,
        warnings,
        signer_setup: c
            .signers
            .is_empty()
            .then(|| SetupNote::new(user, &crate::agencies::model::no_signer_in_force(user.agency_id()))),
        signers: c.signers,
        flash,
        doc_symbol,
    })
}

pub async fn plan_item_add(
    req: HttpRequest,
    form: CsrfForm<Vec<(String, String)>>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let id = path.into_inner();
    let (search, form) = picker::split::<ItemInput>(form)?;
    if search.wanted(&form.outlet_id) {
        let kept = ItemForm { input: &form, search: &search, errors: FieldErrors::new() };
        return render_plan(&req, &user, &state, id, kept, Vec::new(), Flash::default()).await;
    }
    let (actor, agency, months) = (user.actor(), user.agency_id().to_string(), state.config.settings.overlap_months);
    let (id2, f2) = (id.clone(), form.clone());
    match state.db.run(move |conn| plan_steps::add_item(conn, &actor, &agency, &id2, &f2, months)).await {
        Ok((_, w)) if w.is_empty() => Ok(redirect(&format!("/inspections/plans/{id}?m=saved"))),
        Ok((_, w)) => {
            let warn = w.iter().map(|w| w.message(user.lang)).collect::<Vec<_>>().join("\n");
            Ok(redirect(&format!("/inspections/plans/{id}?m=saved&warn={}", urlencode(&warn))))
        }
        Err(AppError::Validation(e)) => {
            let kept = ItemForm { input: &form, search: &search, errors: e };
            render_plan(&req, &user, &state, id, kept, Vec::new(), Flash::default()).await
        }
        Err(e) => back_with(&format!("/inspections/plans/{id}"), e, user.lang),
    }
}

pub async fn plan_item_delete(
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    let (id, item) = path.into_inner();
    let (id, item) = (ids(&id)?, ids(&item)?);
    let to = format!("/inspections/plans/{id}");
    act(&state, &user, &[Permission::InspectionWrite], &to, move |c, a, ag| {
        plan_steps::remove_item(c, a, ag, &id, &item)
    })
    .await
}

#[derive(Deserialize)]
pub struct ApproveForm {
    #[serde(default)]
    signer_id: String,
}

pub async fn plan_approve(
    form: CsrfForm<ApproveForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionApprove)?;
    user.require(Permission::DocumentIssue)?;
    let id = path.into_inner();
    let to = format!("/inspections/plans/{id}");
    let (actor, agency, base, files) =
        (user.actor(), user.agency_id().to_string(), state.public_address().await?, state.files.clone());
    let r = state
        .db
        .run(move |conn| {
            plan_steps::approve(conn, files.as_ref(), &actor, &agency, &id, &form.signer_id, &base).map(|_| ())
        })
        .await;
    done(&to, r, user.lang)
}

#[derive(Deserialize)]
pub struct AmendForm {
    #[serde(default)]
    reason: String,
}

pub async fn plan_amend(
    form: CsrfForm<AmendForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let id = path.into_inner();
    let (actor, agency) = (user.actor(), user.agency_id().to_string());
    let id2 = id.clone();
    match state.db.run(move |conn| plan_steps::amend(conn, &actor, &agency, &id2, &form.reason)).await {
        Ok(p) => Ok(redirect(&format!("/inspections/plans/{}", p.id))),
        Err(e) => back_with(&format!("/inspections/plans/{id}"), e, user.lang),
    }
}
