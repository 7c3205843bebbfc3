//! The closed choices of a submission, stored as readable text and labelled in the reader's language.

crate::text_enum! {
    /// What a submission is, by its content and not by its title (TT 05/2021, Art. 6).
    pub enum Kind in "kn.kind" as SubmissionKind {
        /// Khiếu nại: asks that an administrative decision or act be reviewed.
        Complaint = "complaint",
        /// Tố cáo: reports a breach of the law by someone; the denouncer's identity is secret.
        Denunciation = "denunciation",
        /// Kiến nghị, phản ánh.
        Petition = "petition",
        /// Several kinds in one letter: each part is classified before it can be accepted.
        Mixed = "mixed",
    }
}

crate::text_enum! {
    /// How it reached the agency.
    pub enum Channel in "kn.channel" as SubmissionChannel {
        /// At the reception office (tiếp công dân).
        WalkIn = "walk_in",
        Post = "post",
        /// Sent on by another body, with its letter number.
        Forwarded = "forwarded",
        Email = "email",
        /// The public web form.
        Web = "web",
    }
}

crate::text_enum! {
    /// Whether the agency may resolve it.
    pub enum Competence in "kn.competence" as SubmissionCompetence {
        Within = "within",
        Outside = "outside",
    }
}

crate::text_enum! {
    /// A person's place on a case.
    pub enum MemberRole in "kn.member_role" as SubmissionMemberRole {
        /// The officer who handles it.
        Officer = "officer",
        /// A member of the verification team.
        Verifier = "verifier",
    }
}
