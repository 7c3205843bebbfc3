//! Mail: the durable outbox (rows written in the caller's transaction), the transport (SMTP or .eml
//! files), and the worker that delivers each recipient, retries temporary failures with backoff and
//! records every server reply.

pub mod bounces;
pub mod dsn;
pub mod figures;
pub mod outbox;
pub mod transport;
pub mod view;
pub mod worker;

pub use outbox::{NewMessage, enqueue};
