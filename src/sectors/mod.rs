//! Sectors of the outlet registry and the extra fields each one carries. Admins add sectors and
//! their fields without code.

pub mod handlers;
pub mod model;
pub mod repo;

pub use model::{AttrDef, AttrKind, SectorRow};
