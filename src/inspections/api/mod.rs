//! `/api/v1/plans`, `/api/v1/engagements`, `/api/v1/violations`: every step of the inspection chain.

pub mod catalogue;
pub mod engagements;
pub mod field;
pub mod followup;
pub mod plans;

pub(super) use crate::web::actions::run_api as run;
