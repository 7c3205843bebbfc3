//! `thanhtra demo`: realistic Vietnamese data for trying the service and measuring it at a
//! country's scale (issue 12). The generators are pure and seeded.

pub mod cases;
pub mod codes;
pub mod people;
pub mod places;
pub mod registry;
