//! The closed choices of the inspection chain, stored as readable text and labelled in the reader's
//! language (`text_enum!`).

crate::text_enum! {
    /// Where an engagement came from.
    pub enum Origin in "insp.origin" {
        Plan = "plan",
        AdHoc = "ad_hoc",
    }
}

crate::text_enum! {
    /// How an engagement's duration is counted (the decision says which).
    pub enum DurationUnit in "unit" {
        Calendar = "calendar",
        Working = "working",
    }
}

crate::text_enum! {
    /// A plan version's life: drafted, approved (the KH document issued), superseded by an amendment.
    pub enum PlanStatus in "insp.plan_status" {
        Draft = "draft",
        Approved = "approved",
        Superseded = "superseded",
    }
}

crate::text_enum! {
    /// A person's place on the team.
    pub enum TeamRole in "insp.team_role" {
        Leader = "leader",
        Member = "member",
    }
}

crate::text_enum! {
    /// What a checklist item came to.
    pub enum FindingResult in "insp.result" {
        Pending = "pending",
        Compliant = "compliant",
        NonCompliant = "non_compliant",
        NotApplicable = "not_applicable",
    }
}

crate::text_enum! {
    /// A violation's way from the finding to the fine paid.
    pub enum ViolationStatus in "insp.violation_status" {
        Detected = "detected",
        Recorded = "recorded",
        Decided = "decided",
        Closed = "closed",
    }
}

crate::text_enum! {
    pub enum PaymentStatus in "insp.payment" {
        Unpaid = "unpaid",
        Paid = "paid",
    }
}

crate::text_enum! {
    /// Remedial measures ordered with the sanction.
    pub enum RemedyStatus in "insp.remedy" {
        None = "none",
        Pending = "pending",
        Done = "done",
    }
}

crate::text_enum! {
    /// What a recommendation asks for (Luật Thanh tra 2025, Art. 44).
    pub enum RecKind in "insp.rec_kind" {
        Fine = "fine",
        Recovery = "recovery",
        Discipline = "discipline",
        Management = "management",
    }
}

crate::text_enum! {
    pub enum RecStatus in "insp.rec_status" {
        Pending = "pending",
        InProgress = "in_progress",
        Done = "done",
        NotPossible = "not_possible",
        Closed = "closed",
    }
}

impl RecStatus {
    /// Done, or closed with a reason: nothing left to follow.
    pub fn settled(self) -> bool {
        matches!(self, RecStatus::Done | RecStatus::Closed)
    }
}

crate::text_enum! {
    /// How a conclusion was made public (Luật Thanh tra 2025, Art. 46).
    pub enum Channel in "insp.channel" {
        Portal = "portal",
        Meeting = "meeting",
        Media = "media",
        Premises = "premises",
    }
}
