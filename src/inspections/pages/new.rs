//! The form that opens an engagement, from a plan item or ad hoc: the outlet chosen with the shared
//! picker (`web::picker`), the team as a leader and members ticked, and a plan item's outlet, kind
//! and scope filled in, shown and editable.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::agencies::model::no_signer_in_force;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Tr;
use crate::inspections::queries::{self as q, Choices};
use crate::inspections::steps::open;
use crate::inspections::steps::open::EngagementInput;
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::picker::{self, OutletPicker, Search};
use crate::web::setup::SetupNote;
use crate::web::{PageCtx, html, redirect};

#[derive(Template)]
#[template(path = "inspections/new.html")]
pub struct NewPage {
    ctx: PageCtx,
    fields: Vec<FormField>,
    has_errors: bool,
    plan_item: String,
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    #[serde(default)]
    outlet_id: String,
    #[serde(default)]
    plan_item_id: String,
    /// Why an ad hoc engagement is opened, filled in by the page that links here (a denunciation).
    #[serde(default)]
    reason: String,
}

pub fn new_fields(t: Tr, v: &EngagementInput, c: &Choices, from_plan: bool, outlet: OutletPicker) -> Vec<FormField> {
    let mut users = vec![(String::new(), "—".to_string())];
    users.extend(c.users.iter().cloned());
    let mut fields = vec![
        FormField::new("plan_item_id", t.t("insp.from_plan"), v.plan_item_id.clone(), Widget::Hidden),
        FormField::new("outlet_id", t.t("insp.outlet"), v.outlet_id.clone(), Widget::Outlet(Box::new(outlet)))
            .required(),
        FormField::new(
            "kind",
            t.t("insp.kind"),
            v.kind.clone(),
            Widget::Select(vec![
                ("kiem_tra".into(), t.t("insp.kind_option.kiem_tra").into()),
                ("thanh_tra".into(), t.t("insp.kind_option.thanh_tra").into()),
            ]),
        )
        .required(),
    ];
    if !from_plan {
        fields.push(FormField::new("reason", t.t("insp.reason"), v.reason.clone(), Widget::Text).required().wide());
    }
    fields.push(FormField::new("scope", t.t("insp.scope"), v.scope.clone(), Widget::TextArea(2)).required().wide());
    fields.push(
        FormField::new("period_covered", t.t("insp.period_covered"), v.period_covered.clone(), Widget::Text).wide(),
    );
    fields.push(
        FormField::new("duration", t.t("insp.duration"), v.duration.clone(), Widget::Text)
            .hint(t.t("insp.duration_hint")),
    );
    fields.push(FormField::new(
        "duration_unit",
        t.t("insp.duration_unit"),
        v.duration_unit.clone(),
        Widget::Select(vec![
            ("calendar".into(), t.t("unit.calendar").into()),
            ("working".into(), t.t("unit.working").into()),
        ]),
    ));
    fields.push(FormField::new("leader_id", t.t("insp.leader"), v.leader_id.clone(), Widget::Select(users)).required());
    fields.push(
        FormField::new("member_ids", t.t("insp.members"), v.member_ids.clone(), Widget::Checks(c.users.clone()))
            .hint(t.t("insp.members_hint"))
            .wide(),
    );
    let mut signers = vec![(String::new(), "—".to_string())];
    signers.extend(c.signers.iter().cloned());
    fields
        .push(FormField::new("signer_id", t.t("insp.signer"), v.signer_id.clone(), Widget::Select(signers)).required());
    fields
}

pub async fn new_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<NewQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::InspectionWrite)?;
    let input = EngagementInput {
        outlet_id: q.outlet_id.clone(),
        plan_item_id: q.plan_item_id.clone(),
        reason: crate::domain::text::clean(&q.reason).chars().take(500).collect(),
        ..Default::default()
    };
    render_new(&req, &user, &state, input, Search::none(), FieldErrors::new(), true).await
}

/// The form with `input` kept, the picker's search (`search`) and `errors` beside the fields; a
/// form opened fresh (`prefill`) takes the plan item's outlet, kind and scope.
pub async fn render_new(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    input: EngagementInput,
    search: Search,
    errors: FieldErrors,
    prefill: bool,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let lang = user.lang;
    let (c, plan_item, input, outlet) = state
        .db
        .run(move |conn| {
            let mut input = input;
            let c = q::choices(conn, &agency)?;
            let p = input.plan_item_id.trim().to_string();
            let item = if p.is_empty() { None } else { q::item_for_engagement(conn, &agency, &p).ok() };
            if let Some(i) = item.as_ref().filter(|_| prefill) {
                if input.outlet_id.trim().is_empty() {
                    input.outlet_id = i.outlet_id.as_ref().map(|o| o.to_string()).unwrap_or_default();
                }
                if input.kind.trim().is_empty() {
                    input.kind = i.kind.code().to_string();
                }
                if input.scope.trim().is_empty() {
                    input.scope = i.scope.clone();
                }
            }
            let outlet = crate::outlets::queries::picker(conn, &input.outlet_id, &search, false, lang)?;
            let label = item.map(|i| format!("{}. {} ({})", i.position, i.scope, i.when(lang))).unwrap_or_default();
            Ok((c, label, input, outlet))
        })
        .await?;
    let t = Tr::new(user.lang);
    let no_signer = c.signers.is_empty();
    let fields: Vec<FormField> = attach(new_fields(t, &input, &c, !plan_item.is_empty(), outlet), &errors, user.lang)
        .into_iter()
        .map(|f| match f.name.as_str() {
            "signer_id" if no_signer => {
                f.needs_setup(Some(SetupNote::new(user, &no_signer_in_force(user.agency_id()))))
            }
            _ => f,
        })
        .collect();
    html(&NewPage {
        ctx: PageCtx::new(req, Some(user), "inspections"),
        has_errors: !errors.is_empty(),
        fields,
        plan_item,
    })
}

/// The form sends one `member_ids` per selected member; the input takes them comma-separated.
pub fn engagement_input(pairs: Vec<(String, String)>) -> EngagementInput {
    let mut v = EngagementInput::default();
    for (k, val) in pairs {
        match k.as_str() {
            "plan_item_id" => v.plan_item_id = val,
            "outlet_id" => v.outlet_id = val,
            "kind" => v.kind = val,
            "reason" => v.reason = val,
            "scope" => v.scope = val,
            "period_covered" => v.period_covered = val,
            "duration" => v.duration = val,
            "duration_unit" => v.duration_unit = val,
            "leader_id" => v.leader_id = val,
            "member_ids" if !val.is_empty() => {
                if !v.member_ids.is_empty() {
                    v.member_ids.push(',');
                }
                v.member_ids.push_str(&val);
            }
            "signer_id" => v.signer_id = val,
            _ => {}
        }
    }
    v
}

pub async fn new_post(
    req: HttpRequest,
    form: CsrfForm<Vec<(String, String)>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let (search, pairs) = picker::split::<Vec<(String, String)>>(form)?;
    let form = engagement_input(pairs);
    if search.wanted(&form.outlet_id) {
        return render_new(&req, &user, &state, form, search, FieldErrors::new(), false).await;
    }
    let (actor, agency, months) = (user.actor(), user.agency_id().to_string(), state.config.settings.overlap_months);
    let input = form.clone();
    let opened = state.db.run(move |conn| {
        let v = open::check(conn, &agency, &input)?;
        open::create(conn, &actor, &agency, v, months)
    });
    match opened.await {
        Ok((e, _)) => Ok(redirect(&format!("/inspections/{}?m=created", e.id))),
        Err(AppError::Validation(e)) => render_new(&req, &user, &state, form, search, e, false).await,
        Err(e) => Err(e),
    }
}
