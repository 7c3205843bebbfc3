//! The documents section of the outlet page: this agency's documents about the outlet and the
//! delivery of each one sent.

use askama::Template;

use crate::auth::Permission;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::mail::view::Delivery;
use crate::outlets::panels::{OutletPanel, Panel, PanelCtx};

pub struct DocumentsPanel;

#[derive(Template)]
#[template(path = "documents/outlet_panel.html")]
struct Body {
    t: Tr,
    outlet_id: String,
    /// Offers "new document" (drafting is not for every reader).
    can_write: bool,
    /// (id, number or "draft", type, summary)
    documents: Vec<(String, String, String, String)>,
    deliveries: Vec<Delivery>,
}

impl OutletPanel for DocumentsPanel {
    fn render(&self, conn: &mut DbConnection, ctx: &PanelCtx) -> Result<Option<Panel>, AppError> {
        if !ctx.user.can(Permission::DocumentRead) {
            return Ok(None);
        }
        let t = Tr::new(ctx.user.lang);
        let filter =
            crate::documents::model::DocFilter { outlet_id: Some(ctx.outlet.id.to_string()), ..Default::default() };
        let (docs, _) = crate::documents::queries::list(conn, ctx.user.agency_id(), &filter, 0, 100)?;
        let mut messages = Vec::new();
        for d in docs.iter().filter(|d| d.is_issued()) {
            messages.extend(crate::mail::outbox::for_record(conn, "document", &d.id)?);
        }
        let body = Body {
            t,
            outlet_id: ctx.outlet.id.to_string(),
            can_write: ctx.user.can(Permission::DocumentWrite),
            documents: docs
                .iter()
                .map(|d| {
                    (
                        d.id.to_string(),
                        d.symbol.clone().unwrap_or_else(|| t.t("documents.draft").to_string()),
                        t.t(d.kind_key()).to_string(),
                        d.summary.clone(),
                    )
                })
                .collect(),
            deliveries: crate::mail::view::deliveries(&messages, t),
        };
        let html = body.render().map_err(|e| AppError::Internal(anyhow::anyhow!("template: {e}")))?;
        Ok(Some(Panel { anchor: "documents", title: t.t("documents.title").to_string(), html }))
    }
}
