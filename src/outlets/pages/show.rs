//! One outlet: its details, the panels features contribute, and its history.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::audit::history::HistoryItem;
use crate::auth::{Permission, WebUser};
use crate::error::AppError;
use crate::outlets::model::OutletRow;
use crate::outlets::pages::list::sector_name;
use crate::outlets::queries::{self};
use crate::state::AppState;
use crate::web::{PageCtx, html};

#[derive(Template)]
#[template(path = "outlets/show.html")]
pub struct ShowPage {
    ctx: PageCtx,
    o: OutletRow,
    sector: String,
    kind: &'static str,
    status: &'static str,
    status_code: &'static str,
    emails: Vec<String>,
    attrs: Vec<(String, String)>,
    updated: String,
    panels: Vec<crate::outlets::panels::Panel>,
    history: Vec<HistoryItem>,
    can_write: bool,
    can_delete: bool,
}

pub async fn show(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    panels: web::Data<crate::outlets::panels::OutletPanels>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::OutletRead)?;
    let id = path.into_inner();
    let (reader, panels) = (user.clone(), panels.get_ref().clone());
    let viewer = user.managed_agency().map(str::to_string);
    let (o, sectors, history, panels) = state
        .db
        .run(move |conn| {
            let o = queries::find(conn, &id)?;
            let h = crate::audit::repo::shared_history(conn, "outlet", &id, viewer.as_deref())?;
            let panels = panels.render(conn, &crate::outlets::panels::PanelCtx { user: &reader, outlet: &o })?;
            Ok((o, crate::sectors::queries::all(conn)?, h, panels))
        })
        .await?;
    let lang = user.lang;
    let t = crate::i18n::Tr::new(lang);
    let attrs_v = o.attrs();
    let attrs = sectors
        .iter()
        .find(|s| s.code == o.sector_code)
        .map(|s| {
            s.attrs()
                .iter()
                .filter_map(|d| attrs_v.get(&d.key).map(|v| (d.label(lang).to_string(), d.display(Some(v)))))
                .collect()
        })
        .unwrap_or_default();
    html(&ShowPage {
        ctx: PageCtx::new(&req, Some(&user), "outlets"),
        sector: sector_name(&sectors, &o.sector_code, lang),
        kind: t.t(o.kind().label_key()),
        status: t.t(o.status().label_key()),
        status_code: o.status().code(),
        emails: o.emails(),
        attrs,
        updated: crate::time::show_vn(&o.updated_at),
        panels,
        history: HistoryItem::from_rows(&history, &[], lang),
        can_write: user.can(Permission::OutletWrite),
        can_delete: user.can(Permission::OutletDelete),
        o,
    })
}
