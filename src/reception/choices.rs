//! The closed choices of citizen reception, stored as readable text and labelled in the reader's
//! language.

crate::text_enum! {
    /// What kind of reception it was (Luật Tiếp công dân 2013, Art. 12, 18).
    pub enum SessionKind in "tcd.kind" as ReceptionKind {
        /// At the reception office on any working day (tiếp thường xuyên).
        Regular = "regular",
        /// The head of the agency's reception day (tiếp định kỳ).
        Scheduled = "scheduled",
        /// Out of schedule, for an urgent matter (tiếp đột xuất).
        AdHoc = "ad_hoc",
    }
}

crate::text_enum! {
    /// What was done with what the visitors raised.
    pub enum Action in "tcd.action" as ReceptionAction {
        /// A written submission (đơn) was received and registered: it goes on as a submission.
        Submission = "submission",
        /// Explained and answered on the spot.
        Answered = "answered",
        /// Told which body to take it to.
        Guided = "guided",
        /// Reception refused (Luật Tiếp công dân 2013, Art. 9).
        Refused = "refused",
        /// Recorded and reported to the head of the agency.
        Recorded = "recorded",
    }
}

crate::text_enum! {
    /// How the head's reception days recur.
    pub enum Pattern in "tcd.pattern" as ReceptionPattern {
        /// A day of each month (e.g. the 15th).
        Monthly = "monthly",
        /// A weekday of each week (a commune chairman: at least one day a week).
        Weekly = "weekly",
    }
}
