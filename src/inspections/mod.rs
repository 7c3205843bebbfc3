//! Inspections (thanh tra) and checks (kiểm tra) end to end: the annual plan, engagements and their
//! team, field findings with photos, violations and sanctions, the conclusion, publication and the
//! follow-up of recommendations. `state` and `sanctions` are the pure rules; the other modules are
//! the transactions that apply them.

pub mod api;
pub mod catalogue;
pub mod compose;
pub mod engagements;
pub mod field;
pub mod followup;
pub mod handlers;
pub mod model;
pub mod pages;
pub mod plans;
pub mod sanctions;
pub mod state;
pub mod violations;
