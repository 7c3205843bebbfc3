//! Value types parsed at the boundary. Nothing app-specific is imported here.

pub mod email;
pub mod phone;
pub mod tax_code;
pub mod text;

pub use email::Email;
pub use phone::Phone;
pub use tax_code::TaxCode;
