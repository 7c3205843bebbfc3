//! The application state every handler receives. It sits below every feature (it knows the database,
//! the settings and the file store, nothing else), so that features can use it without importing the
//! module that composes them.

use std::sync::Arc;

use actix_web::cookie::Key;

use crate::config::Checked;
use crate::db::Db;
use crate::files::FileStore;

/// Shared, cheap to clone; nothing in it is needed by another instance except through the database.
pub struct AppState {
    pub db: Db,
    pub config: Arc<Checked>,
    pub cookie_key: Key,
    pub openapi: String,
    pub files: Arc<dyn FileStore>,
    /// The words every feature gives its recorded fields, for the audit page.
    pub vocabulary: Vec<&'static [crate::audit::history::FieldWords]>,
}

impl AppState {
    /// The address documents and mail link to: the configuration's `base_url`, else the one an
    /// administrator saved; a refusal saying where to set it when neither is. Never the request's
    /// Host header, which whoever sends the request chooses.
    pub async fn public_address(&self) -> Result<String, crate::error::AppError> {
        let configured = self.config.settings.base_url.clone();
        self.db.run(move |conn| crate::installation::queries::public_address(conn, configured.as_deref())).await
    }
}
