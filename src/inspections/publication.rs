//! Publication rules (Luật Thanh tra 2025, Art. 46; NĐ 43/2023): how long a conclusion stays on the
//! portal, and what is missing from a publication. Pure functions.

use chrono::{Days, NaiveDate};

use crate::error::Code;
use crate::inspections::model::{Channel, EngagementRow, Notice, PublicationRow};
use crate::inspections::state::Kind;

/// Days a conclusion stays on the portal at least (NĐ 43/2023 Art. 48; kept under the 2025 law until
/// NĐ 216/2025 is checked: DOMAIN.md §1.5, §9.1).
pub const PORTAL_MIN_DAYS: u64 = 15;

/// The first day a posting may come down: after 15 consecutive days on the portal or premises.
pub fn earliest_removal(p: &PublicationRow) -> NaiveDate {
    p.published_on.checked_add_days(Days::new(PORTAL_MIN_DAYS)).unwrap_or(p.published_on)
}

/// What the publication record still lacks, for the warnings on the engagement page.
pub fn publication_warnings(e: &EngagementRow, pubs: &[PublicationRow], today: NaiveDate) -> Vec<Notice> {
    let mut out = Vec::new();
    if e.kind() != Kind::ThanhTra || e.signed_on.is_none() {
        return out;
    }
    let portal = pubs.iter().find(|p| p.channel == Channel::Portal);
    if portal.is_none() {
        out.push(Code::NotOnPortal.into());
    }
    if !pubs.iter().any(|p| p.channel != Channel::Portal) {
        out.push(Code::NoOtherChannel.into());
    }
    if let Some(p) = portal
        && p.removed_on.is_none()
    {
        let until = earliest_removal(p);
        if today < until {
            out.push(
                Notice::new(Code::KeepOnPortalUntil).with("date", crate::time::show_date(&(until - Days::new(1)))),
            );
        }
    }
    out
}
