//! Value types parsed at the boundary, and the ids features hand to one another. Nothing here
//! depends on a feature (a parse error names its `error::Code`).

pub mod email;
pub mod ids;
pub mod input;
pub mod openapi;
pub mod phone;
pub mod tax_code;
pub mod text;

pub use email::Email;
pub use ids::{DeadlineId, DocumentId, OutletId, UserId};
pub use phone::Phone;
pub use tax_code::TaxCode;
