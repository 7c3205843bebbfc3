//! The outlet page is composed of panels that features contribute: the registry knows only this
//! interface, never the features (documents, inspections today; complaints and permits next).
//! `startup` lists the panels; the page renders each inside its own database work.

use std::sync::Arc;

use super::model::OutletRow;
use crate::auth::Identity;
use crate::db::DbConnection;
use crate::error::AppError;

/// What a panel is given: who is reading, and the outlet.
pub struct PanelCtx<'a> {
    pub user: &'a Identity,
    pub outlet: &'a OutletRow,
}

/// One section of the outlet page, rendered by its feature.
pub struct Panel {
    /// The section's anchor (`#documents`), also its tab.
    pub anchor: &'static str,
    pub title: String,
    /// The section's body, already rendered (escaped by the feature's template).
    pub html: String,
}

pub trait OutletPanel: Send + Sync {
    /// `None` when the reader may not see it.
    fn render(&self, conn: &mut DbConnection, ctx: &PanelCtx) -> Result<Option<Panel>, AppError>;
}

/// The panels of the outlet page, in order.
#[derive(Clone, Default)]
pub struct OutletPanels(pub Arc<Vec<Box<dyn OutletPanel>>>);

impl OutletPanels {
    pub fn new(panels: Vec<Box<dyn OutletPanel>>) -> OutletPanels {
        OutletPanels(Arc::new(panels))
    }

    pub fn render(&self, conn: &mut DbConnection, ctx: &PanelCtx) -> Result<Vec<Panel>, AppError> {
        let mut out = Vec::new();
        for p in self.0.iter() {
            if let Some(panel) = p.render(conn, ctx)? {
                out.push(panel);
            }
        }
        Ok(out)
    }
}
