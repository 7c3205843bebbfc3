//! One agency: its header lines, units, signers in force, sectors, successor, history.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::agencies::model::AgencyFull;
use crate::agencies::pages::list::period;
use crate::agencies::queries;
use crate::audit::history::HistoryItem;
use crate::auth::{Permission, WebUser};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{PageCtx, html};

#[derive(Template)]
#[template(path = "admin/agency_show.html")]
pub struct ShowPage {
    ctx: PageCtx,
    a: AgencyFull,
    period: String,
    successor: String,
    sector_names: Vec<String>,
    signers: Vec<(Vec<String>, String, String)>,
    preview_signer: Option<(Vec<String>, String)>,
    history: Vec<HistoryItem>,
    can_manage: bool,
}

pub async fn show(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::AgencyRead)?;
    let id = path.into_inner();
    let viewer = user.managed_agency().map(str::to_string);
    let (a, sectors, successor, history) = state
        .db
        .run(move |conn| {
            let a = queries::full(conn, &id)?;
            let successor = match &a.agency.successor_id {
                Some(s) => queries::find(conn, s).map(|r| r.name).unwrap_or_default(),
                None => String::new(),
            };
            let h = crate::audit::repo::shared_history(conn, "agency", &id, viewer.as_deref())?;
            Ok((a, crate::sectors::queries::all(conn)?, successor, h))
        })
        .await?;
    let today = crate::time::today_vn();
    let lang = user.lang;
    html(&ShowPage {
        ctx: PageCtx::new(&req, Some(&user), "agencies"),
        period: period(&a.agency),
        successor,
        sector_names: a
            .sectors
            .iter()
            .map(|s| {
                sectors
                    .iter()
                    .find(|x| x.code == s.sector_code)
                    .map(|x| x.name(lang).to_string())
                    .unwrap_or_else(|| s.sector_code.clone())
            })
            .collect(),
        signers: a
            .signers
            .iter()
            .map(|s| {
                (
                    s.block_lines(),
                    s.full_name.clone(),
                    format!(
                        "{} – {}",
                        crate::time::show_date(&s.valid_from),
                        s.valid_to.map(|d| crate::time::show_date(&d)).unwrap_or_default()
                    ),
                )
            })
            .collect(),
        preview_signer: a
            .signers
            .iter()
            .find(|s| s.in_force_on(today))
            .or(a.signers.first())
            .map(|s| (s.block_lines(), s.full_name.clone())),
        history: HistoryItem::from_rows(&history, &[], lang),
        can_manage: user.require_for_agency(Permission::AgencyManage, &a.agency.id).is_ok(),
        a,
    })
}
