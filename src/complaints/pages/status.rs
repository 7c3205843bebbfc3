//! The public status page (tra cứu đơn): with the tracking code on the receipt and the phone number
//! given with the submission, anyone sees where it stands and its deadline — never a name, the
//! content or who handles it. Wrong answers count against the code and the client's address as
//! failed sign-ins do, so codes cannot be guessed; the form's token is a signed cookie.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::constant_time_eq;
use crate::auth::session::{make_signed_cookie, resolve, signed_cookie};
use crate::auth::throttle::{self, Attempt, Limits};
use crate::complaints::queries::{self as q, PublicStatus};
use crate::domain::input::phone_key;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::{PageCtx, html};

pub const STATUS_CSRF: &str = "tt_status";

#[derive(Template)]
#[template(path = "complaints/status.html")]
pub struct StatusPage {
    ctx: PageCtx,
    csrf: String,
    code: String,
    asked: bool,
    locked_minutes: i64,
    found: Option<Found>,
}

/// The status in words.
pub struct Found {
    pub register_no: String,
    pub kind: &'static str,
    pub state: &'static str,
    pub received: String,
    pub accepted: String,
    pub decided: String,
    pub closed: String,
    pub forwarded_to: String,
    pub due: String,
    pub due_status: &'static str,
    pub due_label: &'static str,
}

fn words(s: PublicStatus, t: Tr) -> Found {
    let d = |x: Option<chrono::NaiveDate>| x.map(|d| crate::time::show_date(&d)).unwrap_or_default();
    Found {
        register_no: s.register_no.clone(),
        kind: s.kind.label(t.lang),
        state: s.state.label(t.lang),
        received: crate::time::show_date(&s.received_on),
        accepted: d(s.accepted_on),
        decided: d(s.decided_on),
        closed: d(s.closed_on),
        forwarded_to: s.forwarded_to.clone(),
        due: d(s.due.map(|x| x.0)),
        due_status: s.due.map(|x| x.1.code()).unwrap_or(""),
        due_label: s.due.map(|x| t.t(x.1.label_key())).unwrap_or(""),
    }
}

async fn render(
    req: &HttpRequest,
    state: &AppState,
    page: impl FnOnce(PageCtx, String) -> StatusPage,
) -> Result<HttpResponse, AppError> {
    let user = resolve(req).await?;
    let csrf = crate::auth::random_token();
    let p = page(PageCtx::new(req, user.as_ref(), "complaints"), csrf.clone());
    let mut resp = html(&p)?;
    resp.add_cookie(&make_signed_cookie(state, STATUS_CSRF, csrf, Some(3600)))
        .map_err(|e| AppError::Internal(anyhow::anyhow!("cookie: {e}")))?;
    Ok(resp)
}

pub async fn form(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    render(&req, &state, |ctx, csrf| StatusPage {
        ctx,
        csrf,
        code: String::new(),
        asked: false,
        locked_minutes: 0,
        found: None,
    })
    .await
}

#[derive(Deserialize)]
pub struct Ask {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    phone: String,
}

pub async fn look_up(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<Ask>,
) -> Result<HttpResponse, AppError> {
    let Ask { csrf_token, code, phone } = form.into_inner();
    let expected = signed_cookie(&req, &state, STATUS_CSRF).unwrap_or_default();
    if expected.is_empty() || !constant_time_eq(&expected, &csrf_token) {
        return Err(AppError::Csrf);
    }
    let code: String =
        code.trim().to_uppercase().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(20).collect();
    let phone = phone_key(&phone);
    let s = &state.config.settings;
    let limits = Limits::of(s);
    let key = format!("status:{code}");
    let addr =
        format!("status-{}", throttle::address_key(&crate::web::client::address(&req, &state.config.trusted_proxies)));
    let soon = s.due_soon_working_days;
    let (c2, p2) = (code.clone(), phone.clone());
    let (found, locked) = state
        .db
        .run(move |conn| {
            let now = crate::time::now();
            if let Attempt::Locked(until) = throttle::begin(conn, limits, &key, &addr)? {
                return Ok((None, ((until - now).num_seconds() + 59) / 60));
            }
            match q::public_status(conn, &c2, &p2, soon)? {
                Some(st) => {
                    throttle::succeeded(conn, &key, &addr)?;
                    Ok((Some(st), 0))
                }
                None => {
                    let until = throttle::failed(conn, limits, &key, &addr)?;
                    Ok((None, until.map(|u| ((u - now).num_seconds() + 59) / 60).unwrap_or(0)))
                }
            }
        })
        .await?;
    let t = Tr::new(crate::auth::session::request_lang(&req));
    render(&req, &state, |ctx, csrf| StatusPage {
        ctx,
        csrf,
        code,
        asked: true,
        locked_minutes: locked,
        found: found.map(|f| words(f, t)),
    })
    .await
}
