//! Inspections (thanh tra) and checks (kiểm tra). This first part holds the domain rules every later
//! piece builds on: the engagement state machine and the sanction checks (fine ranges and the
//! signer's sanctioning authority). Pages, records and documents come with the rest of issue 5.

pub mod catalogue;
pub mod handlers;
pub mod sanctions;
pub mod state;
