//! The start page is made of tiles that features contribute (the outlet count, open deadlines,
//! engagements, documents…): home knows this interface only. `startup` lists the tiles.

use std::sync::Arc;

use crate::auth::Identity;
use crate::db::DbConnection;
use crate::error::AppError;

/// One tile: a number, what it counts, where it leads, and an alert beside it (overdue work).
pub struct Tile {
    pub href: String,
    pub value: i64,
    pub label: String,
    pub alert: Option<(i64, String)>,
}

pub trait HomeTile: Send + Sync {
    /// `None` when the reader may not see it.
    fn load(&self, conn: &mut DbConnection, user: &Identity) -> Result<Option<Tile>, AppError>;
}

/// The tiles of the start page, in order.
#[derive(Clone, Default)]
pub struct HomeTiles(pub Arc<Vec<Box<dyn HomeTile>>>);

impl HomeTiles {
    pub fn new(tiles: Vec<Box<dyn HomeTile>>) -> HomeTiles {
        HomeTiles(Arc::new(tiles))
    }

    pub fn load(&self, conn: &mut DbConnection, user: &Identity) -> Result<Vec<Tile>, AppError> {
        let mut out = Vec::new();
        for t in self.0.iter() {
            if let Some(tile) = t.load(conn, user)? {
                out.push(tile);
            }
        }
        Ok(out)
    }
}
