//! What the permit desk adds to the start page and the outlet page: the open dossiers with those
//! past their legal deadline, the reader's dossiers by due day in "my work", and an outlet's permits
//! and dossiers.

use askama::Template;

use crate::auth::{Identity, Permission};
use crate::calendar::engine::DeadlineStatus;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::home::tiles::{HomeTile, Tile};
use crate::home::work::{WorkItem, WorkSource};
use crate::i18n::{Tr, lookup};
use crate::outlets::panels::{OutletPanel, Panel, PanelCtx};
use crate::permits::queries as q;
use crate::permits::state::State;

pub struct PermitsTile;

impl HomeTile for PermitsTile {
    fn load(&self, conn: &mut DbConnection, user: &Identity) -> Result<Option<Tile>, AppError> {
        // The desk's own staff and leaders: a reader of every record does not need the tile.
        if !user.can(Permission::PermitWrite) {
            return Ok(None);
        }
        let (open, late, _) = q::counts(conn, user.agency_id(), crate::time::today_vn())?;
        Ok(Some(Tile {
            href: "/permits?state=open".into(),
            value: open,
            label: lookup(user.lang, "gp.tile_open").to_string(),
            alert: (late > 0).then(|| (late, lookup(user.lang, "gp.tile_late").to_string())),
        }))
    }
}

pub struct PermitWork {
    pub soon_working_days: u32,
}

impl WorkSource for PermitWork {
    fn load(&self, conn: &mut DbConnection, user: &Identity) -> Result<Vec<WorkItem>, AppError> {
        if !user.can(Permission::PermitWrite) {
            return Ok(Vec::new());
        }
        let lines = q::mine(conn, user.agency_id(), &user.user.id)?;
        if lines.is_empty() {
            return Ok(Vec::new());
        }
        let cal = crate::calendar::queries::load_calendar(conn)?;
        let today = crate::time::today_vn();
        Ok(lines
            .into_iter()
            .map(|l| {
                let status = l.legal_due.map(|d| {
                    let s = DeadlineStatus::of(&cal, d, today, self.soon_working_days);
                    (s.code(), lookup(user.lang, s.label_key()).to_string())
                });
                let task = match l.d.state {
                    State::Received => "gp.work.check",
                    State::Incomplete => "gp.work.wait",
                    _ => "gp.work.appraise",
                };
                WorkItem {
                    href: format!("/permits/{}", l.d.id),
                    subject: format!("{} — {}", l.d.register_no(), l.d.applicant),
                    task: lookup(user.lang, task).to_string(),
                    due: l.legal_due,
                    due_shown: l.legal_due.map(|d| crate::time::show_date(&d)).unwrap_or_default(),
                    status,
                }
            })
            .collect())
    }
}

pub struct PermitsPanel;

#[derive(Template)]
#[template(path = "permits/outlet_panel.html")]
struct Body {
    t: Tr,
    outlet_id: String,
    /// (dossier id, document id, symbol, type, issued, valid until, status)
    permits: Vec<(String, String, String, String, String, String, &'static str)>,
    /// (id, number, type, received, state)
    dossiers: Vec<(String, String, String, String, &'static str)>,
    can_write: bool,
}

impl OutletPanel for PermitsPanel {
    fn render(&self, conn: &mut DbConnection, ctx: &PanelCtx) -> Result<Option<Panel>, AppError> {
        let user = ctx.user;
        if !user.can(Permission::PermitRead) {
            return Ok(None);
        }
        let t = Tr::new(user.lang);
        let names = super::type_names(conn, t)?;
        let name = |code: &str| names.iter().find(|(c, _)| c == code).map(|(_, n)| n.clone()).unwrap_or_default();
        let outlet_id = ctx.outlet.id.to_string();
        let permits = q::of_outlet(conn, &outlet_id)?
            .into_iter()
            .filter(|p| p.agency_id == user.agency_id())
            .map(|p| {
                (
                    p.dossier_id.clone(),
                    p.document_id.clone(),
                    p.symbol.clone(),
                    name(&p.type_code),
                    crate::time::show_date(&p.issued_on),
                    p.valid_until.map(|d| crate::time::show_date(&d)).unwrap_or_else(|| t.t("gp.no_expiry").into()),
                    p.status.label(t.lang),
                )
            })
            .collect();
        let dossiers = q::dossiers_of_outlet(conn, user.agency_id(), &outlet_id)?
            .into_iter()
            .filter(|d| !d.state.is_final())
            .map(|d| {
                (
                    d.id.clone(),
                    d.register_no(),
                    name(&d.type_code),
                    crate::time::show_date(&d.received_on),
                    d.state.label(t.lang),
                )
            })
            .collect();
        let body = Body { t, outlet_id, permits, dossiers, can_write: user.can(Permission::PermitWrite) };
        Ok(Some(Panel {
            anchor: "permits",
            title: lookup(user.lang, "gp.register").to_string(),
            html: body.render().map_err(anyhow::Error::from)?,
        }))
    }
}
