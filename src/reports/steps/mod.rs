//! The reports' writes: drafting the report (BC) of a period, and the monthly one the service
//! drafts by itself on the first working day of the next month, with its due date.

pub mod draft;
pub mod monthly;
