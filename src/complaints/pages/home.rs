//! What the complaints desk adds to the start page and the outlet page: the open submissions with
//! those past their deadline, the reader's cases by due date in "my work", and an outlet's
//! submissions (a denunciation's subject only; who sent it stays on the case).

use askama::Template;

use crate::auth::{Identity, Permission};
use crate::calendar::engine::DeadlineStatus;
use crate::complaints::queries as q;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::home::tiles::{HomeTile, Tile};
use crate::home::work::{WorkItem, WorkSource};
use crate::i18n::{Tr, lookup};
use crate::outlets::panels::{OutletPanel, Panel, PanelCtx};

pub struct ComplaintsTile;

impl HomeTile for ComplaintsTile {
    fn load(&self, conn: &mut DbConnection, user: &Identity) -> Result<Option<Tile>, AppError> {
        if !user.can(Permission::ComplaintRead) {
            return Ok(None);
        }
        let open = q::open_count(conn, user.agency_id())?;
        let overdue = q::overdue_count(conn, user.agency_id(), crate::time::today_vn())?;
        Ok(Some(Tile {
            href: "/complaints?state=open".into(),
            value: open,
            label: lookup(user.lang, "kn.tile_open").to_string(),
            alert: (overdue > 0).then(|| (overdue, lookup(user.lang, "kn.tile_overdue").to_string())),
        }))
    }
}

pub struct ComplaintWork {
    pub soon_working_days: u32,
}

impl WorkSource for ComplaintWork {
    fn load(&self, conn: &mut DbConnection, user: &Identity) -> Result<Vec<WorkItem>, AppError> {
        if !user.can(Permission::ComplaintRead) {
            return Ok(Vec::new());
        }
        let today = crate::time::today_vn();
        // Everything of theirs with a running clock, due or not: the list is short.
        let lines = q::due_for(conn, user.agency_id(), &user.user.id, today + chrono::Days::new(3650))?;
        if lines.is_empty() {
            return Ok(Vec::new());
        }
        let cal = crate::calendar::queries::load_calendar(conn)?;
        Ok(lines
            .into_iter()
            .map(|l| {
                let status = l.due.map(|d| {
                    let s = DeadlineStatus::of(&cal, d, today, self.soon_working_days);
                    (s.code(), lookup(user.lang, s.label_key()).to_string())
                });
                let task = if l.s.state == crate::complaints::state::State::Received {
                    "kn.work.handle"
                } else {
                    "kn.work.resolve"
                };
                WorkItem {
                    href: format!("/complaints/{}", l.s.id),
                    subject: format!("{} — {}", l.s.register_no(), l.s.subject),
                    task: lookup(user.lang, task).to_string(),
                    due: l.due,
                    due_shown: l.due.map(|d| crate::time::show_date(&d)).unwrap_or_default(),
                    status,
                }
            })
            .collect())
    }
}

pub struct ComplaintsPanel;

#[derive(Template)]
#[template(path = "complaints/outlet_panel.html")]
struct Body {
    t: Tr,
    outlet_id: String,
    /// (id, number, received, subject, kind, state)
    rows: Vec<(String, String, String, String, &'static str, &'static str)>,
    can_write: bool,
}

impl OutletPanel for ComplaintsPanel {
    fn render(&self, conn: &mut DbConnection, ctx: &PanelCtx) -> Result<Option<Panel>, AppError> {
        let user = ctx.user;
        if !user.can(Permission::ComplaintRead) {
            return Ok(None);
        }
        let lang = user.lang;
        let rows = q::of_outlet(conn, user.agency_id(), ctx.outlet.id.as_ref())?
            .into_iter()
            .map(|s| {
                (
                    s.id.clone(),
                    s.register_no(),
                    crate::time::show_date(&s.received_on),
                    s.subject.clone(),
                    s.kind.label(lang),
                    s.state.label(lang),
                )
            })
            .collect();
        let body = Body {
            t: Tr::new(lang),
            outlet_id: ctx.outlet.id.to_string(),
            rows,
            can_write: user.can(Permission::ComplaintWrite),
        };
        Ok(Some(Panel {
            anchor: "complaints",
            title: lookup(lang, "kn.title").to_string(),
            html: body.render().map_err(anyhow::Error::from)?,
        }))
    }
}
