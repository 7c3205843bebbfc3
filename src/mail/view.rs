//! How the pages show mail: one line per recipient of each message, with its delivery status.

use crate::i18n::Tr;

/// One recipient of one message, as the document page shows it.
pub struct Delivery {
    pub id: String,
    pub subject: String,
    pub address: String,
    pub status: String,
    pub status_label: &'static str,
    pub attempts: i32,
    pub detail: String,
    pub when: String,
    pub failed: bool,
}

pub fn deliveries(rows: &[(super::outbox::MessageRow, Vec<super::outbox::RecipientRow>)], t: Tr) -> Vec<Delivery> {
    let mut out = Vec::new();
    for (m, rs) in rows {
        for r in rs {
            out.push(Delivery {
                id: r.id.clone(),
                subject: m.subject.clone(),
                address: r.address.clone(),
                status: r.status.clone(),
                status_label: t.t(match r.status.as_str() {
                    "queued" => "mail.queued",
                    "sending" => "mail.sending",
                    "accepted" => "mail.accepted",
                    "temp_failed" => "mail.temp_failed",
                    _ => "mail.perm_failed",
                }),
                attempts: r.attempts,
                detail: if r.status == "accepted" { r.reply.clone() } else { r.error.clone() },
                when: r
                    .accepted_at
                    .or(r.last_attempt_at)
                    .map(|x| crate::time::show_vn(&x))
                    .unwrap_or_else(|| crate::time::show_vn(&m.created_at)),
                failed: matches!(r.status.as_str(), "temp_failed" | "perm_failed"),
            });
        }
    }
    out
}
