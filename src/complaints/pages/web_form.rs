//! The optional public web form (gửi đơn trực tuyến): anyone may send a complaint, denunciation or
//! petition, which arrives as a submission of the channel `web` at the agency set in
//! `public_form_agency` (off when empty, the default). No captcha: the form carries a signed time
//! (a sending sooner than `public_form_min_seconds` after the form was shown, or an hour later, is
//! refused), a field people never see must stay empty, and each address may send a few per window
//! (the sign-in limits). The sender gets the tracking code for the public status page.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::audit::Actor;
use crate::auth::constant_time_eq;
use crate::auth::session::{make_signed_cookie, request_lang, resolve, signed_cookie};
use crate::auth::throttle::{self, Attempt, Limits};
use crate::complaints::model::{Channel, Competence, Kind};
use crate::complaints::steps::intake::{self, PersonInput, SubmissionInput};
use crate::error::{AppError, Code, FieldErrors};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{PageCtx, html};

pub const WEB_FORM_COOKIE: &str = "tt_webform";

#[derive(Template)]
#[template(path = "complaints/web_form.html")]
pub struct WebFormPage {
    ctx: PageCtx,
    csrf: String,
    open: bool,
    fields: Vec<FormField>,
    has_errors: bool,
    /// The refusal of the whole sending (too fast, too late, too many), in words.
    refused: String,
    /// (tracking code, register number) once received.
    done: Option<(String, String)>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct WebInput {
    #[serde(default)]
    csrf_token: String,
    /// Never shown to people; a script fills it.
    #[serde(default)]
    website: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    content: String,
}

fn fields(t: Tr, v: &WebInput) -> Vec<FormField> {
    let lang = t.lang;
    let mut kinds = vec![(String::new(), "—".to_string())];
    kinds.extend(
        [Kind::Complaint, Kind::Denunciation, Kind::Petition]
            .iter()
            .map(|k| (k.code().to_string(), k.label(lang).to_string())),
    );
    vec![
        FormField::new("kind", t.t("web.kind"), v.kind.clone(), Widget::Select(kinds))
            .required()
            .hint(t.t("web.kind_hint")),
        FormField::new("full_name", t.t("kn.person.full_name"), v.full_name.clone(), Widget::Text).required(),
        FormField::new("phone", t.t("kn.person.phone"), v.phone.clone(), Widget::Text)
            .required()
            .hint(t.t("web.phone_hint")),
        FormField::new("email", t.t("kn.person.email"), v.email.clone(), Widget::Text),
        FormField::new("address", t.t("kn.person.address"), v.address.clone(), Widget::Text).wide(),
        FormField::new("subject", t.t("kn.subject"), v.subject.clone(), Widget::Text).required().wide(),
        FormField::new("content", t.t("web.content"), v.content.clone(), Widget::TextArea(8)).required().wide(),
    ]
}

fn now_secs() -> i64 {
    chrono::Utc::now().timestamp()
}

async fn render(
    req: &HttpRequest,
    state: &AppState,
    input: WebInput,
    errors: FieldErrors,
    refused: String,
    done: Option<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let user = resolve(req).await?;
    let lang = user.as_ref().map(|u| u.lang).unwrap_or_else(|| request_lang(req));
    let t = Tr::new(lang);
    let csrf = crate::auth::random_token();
    let open = !state.config.settings.public_form_agency.trim().is_empty();
    let page = WebFormPage {
        ctx: PageCtx::new(req, user.as_ref(), "complaints"),
        csrf: csrf.clone(),
        open,
        fields: attach(fields(t, &input), &errors, lang),
        has_errors: !errors.is_empty(),
        refused,
        done,
    };
    let mut resp = html(&page)?;
    if !open {
        *resp.status_mut() = actix_web::http::StatusCode::NOT_FOUND;
    }
    // The form's token and the time it was shown, signed: the sending must come with both.
    resp.add_cookie(&make_signed_cookie(state, WEB_FORM_COOKIE, format!("{csrf}.{}", now_secs()), Some(3600)))
        .map_err(|e| AppError::Internal(anyhow::anyhow!("cookie: {e}")))?;
    Ok(resp)
}

pub async fn form(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    render(&req, &state, WebInput::default(), FieldErrors::new(), String::new(), None).await
}

/// The web form's fields as the intake's input: the kind as the sender chose it (reception staff
/// classify it again by its content), within competence until they decide otherwise.
fn submission_of(v: &WebInput) -> SubmissionInput {
    SubmissionInput {
        received_on: crate::time::today_vn().to_string(),
        channel: Channel::Web.code().into(),
        kind: v.kind.clone(),
        kind_reason: crate::complaints::compose::WEB_KIND_REASON.into(),
        competence: Competence::Within.code().into(),
        subject: v.subject.clone(),
        content: v.content.clone(),
        people: vec![PersonInput {
            full_name: v.full_name.clone(),
            phone: v.phone.clone(),
            email: v.email.clone(),
            address: v.address.clone(),
            id_number: String::new(),
        }],
        ..Default::default()
    }
}

pub async fn send(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<WebInput>,
) -> Result<HttpResponse, AppError> {
    let s = &state.config.settings;
    let agency_code = s.public_form_agency.trim().to_string();
    if agency_code.is_empty() {
        return Err(AppError::NotFound);
    }
    let input = form.into_inner();
    let lang = request_lang(&req);
    let t = Tr::new(lang);
    let cookie = signed_cookie(&req, &state, WEB_FORM_COOKIE).unwrap_or_default();
    let (token, shown) = cookie.split_once('.').unwrap_or(("", ""));
    if token.is_empty() || !constant_time_eq(token, &input.csrf_token) {
        return Err(AppError::Csrf);
    }
    let waited = now_secs() - shown.parse::<i64>().unwrap_or(0);
    let refused = |code: Code| Tr::new(lang).t(&code.key()).to_string();
    if !input.website.is_empty() || waited < i64::from(s.public_form_min_seconds) {
        return render(&req, &state, input, FieldErrors::new(), refused(Code::WebFormTooFast), None).await;
    }
    if waited > 3600 {
        return render(&req, &state, input, FieldErrors::new(), refused(Code::WebFormExpired), None).await;
    }
    if input.phone.trim().is_empty() {
        // The phone opens the status page with the tracking code: the web form asks for it.
        return render(&req, &state, input, FieldErrors::one("phone", Code::Required), String::new(), None).await;
    }
    let limits = Limits::of(s);
    let addr = throttle::address_key(&crate::web::client::address(&req, &state.config.trusted_proxies));
    let key = format!("webform:{addr}");
    let sub = submission_of(&input);
    let r = state
        .db
        .run(move |conn| {
            if let Attempt::Locked(_) = throttle::begin(conn, limits, &key, &format!("webform-{addr}"))? {
                return Ok(Err(Code::WebFormTooMany));
            }
            let v = sub.validate().map_err(|mut e| {
                for x in e.0.iter_mut() {
                    if let Some(f) = x.field.strip_prefix("person_1_") {
                        x.field = f.to_string();
                    }
                }
                e
            })?;
            let agency = crate::agencies::queries::find_by_code(conn, &agency_code)?.ok_or(AppError::NotFound)?;
            let row = intake::create(conn, &Actor::system("web"), &agency.id, v)?;
            // Each sending counts against the address, as a failed sign-in does: a few per window.
            throttle::failed(conn, limits, &key, &format!("webform-{addr}"))?;
            Ok(Ok((row.tracking_code.clone(), row.register_no())))
        })
        .await;
    match r {
        Ok(Ok(done)) => render(&req, &state, WebInput::default(), FieldErrors::new(), String::new(), Some(done)).await,
        Ok(Err(code)) => render(&req, &state, input, FieldErrors::new(), t.t(&code.key()).to_string(), None).await,
        Err(AppError::Validation(e)) => render(&req, &state, input, e, String::new(), None).await,
        Err(e) => Err(e),
    }
}
