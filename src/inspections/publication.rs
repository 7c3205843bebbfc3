//! Publication rules (Luật Thanh tra 2025, Art. 46; NĐ 43/2023): how long a conclusion stays on the
//! portal, and what is missing from a publication. Pure functions.

use chrono::{Days, NaiveDate};

use crate::error::Code;
use crate::inspections::model::{Channel, EngagementRow, Notice, PublicationRow};
use crate::inspections::state::Kind;

/// Days a conclusion stays on the portal at least when no rule says otherwise (NĐ 43/2023 Art. 48;
/// the rule `publication.portal` of the deadline engine is what counts).
pub const PORTAL_MIN_DAYS: u32 = 15;

/// The last day a posting must stay up: `days` consecutive days with the posting day the first,
/// counted by the deadline engine (the day before posting is the start, not counted; a last day
/// on a day off rolls to the next working day).
pub fn kept_until(cal: &crate::calendar::engine::Calendar, published_on: NaiveDate, days: u32) -> NaiveDate {
    let start = published_on.pred_opt().unwrap_or(published_on);
    crate::calendar::engine::compute(cal, start, days, crate::calendar::engine::Unit::CalendarDays, &[], published_on)
        .map(|e| e.due)
        .unwrap_or_else(|_| published_on + Days::new(u64::from(days.saturating_sub(1))))
}

/// What the publication record still lacks, for the warnings on the engagement page.
/// `pubs` come with the day each must stay up until (`kept_until`).
pub fn publication_warnings(e: &EngagementRow, pubs: &[(PublicationRow, NaiveDate)], today: NaiveDate) -> Vec<Notice> {
    let mut out = Vec::new();
    if e.kind() != Kind::ThanhTra || e.signed_on.is_none() {
        return out;
    }
    let portal = pubs.iter().find(|p| p.0.channel == Channel::Portal);
    if portal.is_none() {
        out.push(Code::NotOnPortal.into());
    }
    if !pubs.iter().any(|p| p.0.channel != Channel::Portal) {
        out.push(Code::NoOtherChannel.into());
    }
    if let Some((p, until)) = portal
        && p.removed_on.is_none()
        && today <= *until
    {
        out.push(Notice::new(Code::KeepOnPortalUntil).with("date", crate::time::show_date(until)));
    }
    out
}
