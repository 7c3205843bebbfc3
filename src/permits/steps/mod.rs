//! The permit desk's transactions, one file per workflow step.

pub mod advance;
pub mod fees;
pub mod letters;
pub mod receive;
pub mod register;
pub mod remind;
pub mod survey;
pub mod types;

use crate::files::FileStore;

/// What a step that issues and mails documents needs besides the database.
pub struct Ctx<'a> {
    pub files: &'a dyn FileStore,
    /// The public address from the configuration, if set there (else the saved one is read).
    pub configured_base: Option<&'a str>,
    pub mail_from: &'a str,
}
