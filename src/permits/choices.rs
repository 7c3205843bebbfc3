//! The closed choices of the permit desk, stored as readable text and labelled in the reader's
//! language.

crate::text_enum! {
    /// What the applicant asks for.
    pub enum Purpose in "gp.purpose" as DossierPurpose {
        /// A first permit.
        New = "new",
        /// A new permit before the current one expires (gia hạn, cấp lại khi hết hạn).
        Renewal = "renewal",
        /// A copy of a permit lost or damaged (cấp lại).
        Reissue = "reissue",
        /// Changed details (sửa đổi, bổ sung).
        Amendment = "amendment",
    }
}

crate::text_enum! {
    /// How the dossier reached the desk.
    pub enum Channel in "gp.channel" as DossierChannel {
        /// Handed in at the one-stop desk.
        Desk = "desk",
        /// The public-service portal.
        Online = "online",
        Post = "post",
    }
}

crate::text_enum! {
    /// What a fee paid is.
    pub enum FeeKind in "gp.fee" as DossierFeeKind {
        /// Phí thẩm định.
        Appraisal = "appraisal",
        /// Lệ phí.
        Levy = "levy",
        Other = "other",
    }
}

crate::text_enum! {
    /// Where a permit of the register stands.
    pub enum PermitStatus in "gp.status" as PermitStatus {
        Valid = "valid",
        Suspended = "suspended",
        Revoked = "revoked",
        Expired = "expired",
        /// Replaced by a renewal, re-issue or amendment.
        Replaced = "replaced",
    }
}

crate::text_enum! {
    /// A decided dossier against its legal deadline: before the due day, on it, after it.
    pub enum Timeliness in "gp.timeliness" as DossierTimeliness {
        Pending = "pending",
        Early = "early",
        OnTime = "on_time",
        Late = "late",
    }
}
