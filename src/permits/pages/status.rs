//! The public status page (tra cứu hồ sơ): with the code printed on the receipt slip, anyone sees
//! the procedure, the day received, where the dossier stands and the day its result is promised —
//! never the applicant, the documents or who handles it. No sign-in; the code is eight characters of
//! a 32-letter alphabet (about 10^12 codes), and a wrong one says only that no dossier has it.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::error::AppError;
use crate::permits::queries as q;
use crate::state::AppState;
use crate::web::{PageCtx, html};

#[derive(Deserialize, Default)]
pub struct StatusQuery {
    #[serde(default)]
    code: String,
}

/// The status in words.
pub struct Found {
    pub register_no: String,
    pub type_name: String,
    pub received: String,
    pub state_code: &'static str,
    pub state: &'static str,
    pub promised: String,
    pub decided: String,
}

#[derive(Template)]
#[template(path = "permits/status.html")]
pub struct StatusPage {
    ctx: PageCtx,
    code: String,
    asked: bool,
    found: Option<Found>,
}

pub async fn status(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<StatusQuery>,
) -> Result<HttpResponse, AppError> {
    let code = crate::domain::text::clean(&query.into_inner().code);
    let ctx = PageCtx::new(&req, None, "");
    let lang = ctx.lang();
    let asked = !code.is_empty();
    let found = if asked && code.chars().count() <= 20 {
        let c = code.clone();
        state.db.run(move |conn| q::public_status(conn, &c)).await?.map(|s| Found {
            register_no: s.register_no,
            type_name: match lang {
                crate::i18n::Lang::Vi => s.type_name_vi,
                crate::i18n::Lang::En => s.type_name_en,
            },
            received: crate::time::show_date(&s.received_on),
            state_code: s.state.code(),
            state: s.state.label(lang),
            promised: s.promised.map(|d| crate::time::show_date(&d)).unwrap_or_default(),
            decided: s.decided_on.map(|d| crate::time::show_date(&d)).unwrap_or_default(),
        })
    } else {
        None
    };
    html(&StatusPage { ctx, code, asked, found })
}
