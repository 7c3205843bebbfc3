//! Recording a violation: what was done, the rule it breaks (of the engagement's sector), and what
//! the violation record states (NĐ 118/2021 Mẫu MBB01). Opened from a non-compliant finding, the
//! form picks that finding and carries its description over. Errors stand beside their fields and
//! the input is kept.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Tr;
use crate::inspections::queries::{self as q, ViolationForm};
use crate::inspections::record::{Explanation, RecordInput};
use crate::inspections::steps::violations::{self as violation_steps, ViolationInput};
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{IdPath, PageCtx, html_status, redirect};

#[derive(Template)]
#[template(path = "inspections/violation_new.html")]
pub struct ViolationPage {
    ctx: PageCtx,
    engagement_id: String,
    outlet: String,
    fields: Vec<FormField>,
    record_fields: Vec<FormField>,
    has_errors: bool,
    no_rules: bool,
}

/// The form as posted (flat), and as first shown.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ViolationPageForm {
    #[serde(default)]
    pub finding_id: String,
    #[serde(default)]
    pub rule_id: String,
    #[serde(default)]
    pub offender: String,
    #[serde(default)]
    pub offender_name: String,
    #[serde(default)]
    pub detected_on: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub remedies: String,
    #[serde(default)]
    pub made_at: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub place_reason: String,
    #[serde(default)]
    pub maker_id: String,
    #[serde(default)]
    pub representative: String,
    #[serde(default)]
    pub representative_title: String,
    #[serde(default)]
    pub offender_details: String,
    #[serde(default)]
    pub witnesses: String,
    #[serde(default)]
    pub opinion: String,
    #[serde(default)]
    pub witness_opinion: String,
    #[serde(default)]
    pub explanation: String,
}

impl ViolationPageForm {
    fn input(&self) -> ViolationInput {
        ViolationInput {
            finding_id: self.finding_id.clone(),
            rule_id: self.rule_id.clone(),
            offender: self.offender.clone(),
            offender_name: self.offender_name.clone(),
            detected_on: self.detected_on.clone(),
            description: self.description.clone(),
            remedies: self.remedies.clone(),
            record: RecordInput {
                made_at: self.made_at.clone(),
                place: self.place.clone(),
                place_reason: self.place_reason.clone(),
                maker_id: self.maker_id.clone(),
                representative: self.representative.clone(),
                representative_title: self.representative_title.clone(),
                offender_details: self.offender_details.clone(),
                witnesses: self.witnesses.clone(),
                opinion: self.opinion.clone(),
                witness_opinion: self.witness_opinion.clone(),
                explanation: self.explanation.clone(),
            },
        }
    }
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    #[serde(default)]
    finding: String,
}

fn fields(t: Tr, f: &ViolationPageForm, c: &ViolationForm) -> (Vec<FormField>, Vec<FormField>) {
    let mut findings = vec![(String::new(), "—".to_string())];
    findings.extend(c.findings.iter().map(|(id, label, _)| (id.clone(), label.clone())));
    let mut rules = vec![(String::new(), "—".to_string())];
    rules.extend(c.rules.iter().cloned());
    let offenders = vec![
        ("organisation".to_string(), t.t("insp.organisation").to_string()),
        ("individual".to_string(), t.t("insp.individual").to_string()),
    ];
    let mut explanations = vec![(String::new(), t.t("insp.explanation.auto").to_string())];
    explanations.extend(Explanation::ALL.iter().map(|e| (e.code().to_string(), t.t(e.label_key()).to_string())));
    let main = vec![
        FormField::new("finding_id", t.t("insp.finding"), f.finding_id.clone(), Widget::Select(findings)).wide(),
        FormField::new("rule_id", t.t("insp.rule"), f.rule_id.clone(), Widget::Select(rules))
            .required()
            .hint(t.t("insp.rule_hint"))
            .wide(),
        FormField::new("offender", t.t("insp.offender"), f.offender.clone(), Widget::Select(offenders)),
        FormField::new("offender_name", t.t("insp.offender_name"), f.offender_name.clone(), Widget::Text)
            .placeholder(&c.outlet.name),
        FormField::new("detected_on", t.t("insp.detected_on"), f.detected_on.clone(), Widget::Date),
        FormField::new("description", t.t("insp.description"), f.description.clone(), Widget::TextArea(3))
            .required()
            .wide(),
        FormField::new("remedies", t.t("insp.remedies"), f.remedies.clone(), Widget::Text)
            .hint(t.t("insp.remedies_hint"))
            .wide(),
    ];
    let record = vec![
        FormField::new("made_at", t.t("insp.record.made_at"), f.made_at.clone(), Widget::DateTime).required(),
        FormField::new("maker_id", t.t("insp.record.maker"), f.maker_id.clone(), Widget::Select(c.makers.clone()))
            .required()
            .hint(t.t("insp.record.maker_hint")),
        FormField::new("place", t.t("insp.record.place"), f.place.clone(), Widget::Text).wide(),
        FormField::new("place_reason", t.t("insp.record.place_reason"), f.place_reason.clone(), Widget::Text)
            .hint(t.t("insp.record.place_reason_hint"))
            .wide(),
        FormField::new("representative", t.t("insp.record.representative"), f.representative.clone(), Widget::Text),
        FormField::new(
            "representative_title",
            t.t("insp.record.representative_title"),
            f.representative_title.clone(),
            Widget::Text,
        ),
        FormField::new(
            "offender_details",
            t.t("insp.record.offender_details"),
            f.offender_details.clone(),
            Widget::TextArea(2),
        )
        .hint(t.t("insp.record.offender_details_hint"))
        .wide(),
        FormField::new("witnesses", t.t("insp.record.witnesses"), f.witnesses.clone(), Widget::TextArea(2))
            .hint(t.t("insp.record.witnesses_hint"))
            .wide(),
        FormField::new("opinion", t.t("insp.record.opinion"), f.opinion.clone(), Widget::TextArea(2)).wide(),
        FormField::new(
            "witness_opinion",
            t.t("insp.record.witness_opinion"),
            f.witness_opinion.clone(),
            Widget::TextArea(2),
        )
        .wide(),
        FormField::new(
            "explanation",
            t.t("insp.record.explanation"),
            f.explanation.clone(),
            Widget::Select(explanations),
        )
        .hint(t.t("insp.record.explanation_hint"))
        .wide(),
    ];
    (main, record)
}

async fn render(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    id: String,
    form: Option<ViolationPageForm>,
    finding: String,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let c = state.db.run(move |conn| q::violation_form(conn, &id, &agency)).await?;
    let f = form.unwrap_or_else(|| {
        // First shown: today, now, the outlet's representative and address, the person recording
        // it as the official making the record, the finding it came from carried over.
        let picked = c.findings.iter().find(|x| x.0 == finding);
        ViolationPageForm {
            finding_id: picked.map(|x| x.0.clone()).unwrap_or_default(),
            description: picked.map(|x| x.2.clone()).unwrap_or_default(),
            offender: "organisation".into(),
            detected_on: crate::time::today_vn().to_string(),
            made_at: crate::time::vn_wall(&crate::time::now()).format("%Y-%m-%dT%H:%M").to_string(),
            place: crate::inspections::compose::address(&c.outlet),
            maker_id: user.user.id.clone(),
            representative: c.outlet.legal_representative.clone(),
            ..Default::default()
        }
    });
    let t = Tr::new(user.lang);
    let (main, record) = fields(t, &f, &c);
    html_status(
        if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY },
        &ViolationPage {
            ctx: PageCtx::new(req, Some(user), "inspections"),
            engagement_id: c.engagement.id.clone(),
            outlet: c.outlet.name.clone(),
            fields: attach(main, &errors, user.lang),
            record_fields: attach(record, &errors, user.lang),
            has_errors: !errors.is_empty(),
            no_rules: c.rules.is_empty(),
        },
    )
}

pub async fn new_page(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
    query: web::Query<NewQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::InspectionWrite)?;
    render(&req, &user, &state, path.into_inner(), None, query.into_inner().finding, FieldErrors::new()).await
}

pub async fn create(
    req: HttpRequest,
    form: CsrfForm<ViolationPageForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let id = path.into_inner();
    let (actor, agency, input, eid) = (user.actor(), user.agency_id().to_string(), form.input(), id.clone());
    let r = state.db.run(move |conn| violation_steps::create(conn, &actor, &agency, &eid, &input)).await;
    match r {
        Ok(_) => Ok(redirect(&format!("/inspections/{id}?m=saved#violations"))),
        Err(AppError::Validation(e)) => render(&req, &user, &state, id, Some(form), String::new(), e).await,
        Err(e) => Err(e),
    }
}
