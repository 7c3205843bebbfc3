//! Every refusal a user can meet, as a stable code. The message of `Code::X` is the i18n key
//! `err.<x>` (snake case) in both languages; a test walks this list and fails on a code that lacks
//! either. Grouped by where they arise; the HTTP status comes from the `AppError` variant that
//! carries them (422 for a field, 409 for a record's state, 400 for a malformed request).

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter, strum::IntoStaticStr, strum::EnumString, serde::Serialize,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Code {
    // ---- input shared by every form ----
    Invalid,
    Required,
    TooLong,
    TooShort,
    InvalidChoice,
    NotInteger,
    OutOfRange,
    NumberInvalid,
    DateInvalid,
    DateOrder,
    DateFuture,
    EmailInvalid,
    EmailTooMany,
    PhoneInvalid,
    CodeFormat,
    CodeTaken,
    LineFormat,
    NotFound,
    UnknownField,
    Json,
    FileEmpty,
    FileTooLarge,
    NotPdf,
    NotAnImage,
    // ---- request (400) ----
    BadForm,
    BadUpload,
    BadContentType,
    BadJson,
    BadQuery,
    UnknownLanguage,
    UnknownAgency,
    // ---- any record ----
    Duplicate,
    StaleVersion,
    // ---- accounts and agencies ----
    PasswordTooShort,
    PasswordMismatch,
    WrongPassword,
    UsernameFormat,
    UsernameTaken,
    LastAdmin,
    LastInstallationAdmin,
    RoleNotGrantable,
    UserDisabled,
    SuccessorSelf,
    NoSignerInForce,
    SignerInUse,
    // ---- outlets ----
    TaxCodeFormat,
    TaxCodeChecksum,
    TaxCodeBranch,
    TaxCodePersonal,
    TaxCodeDuplicate,
    TaxCodeDuplicateFile,
    UnknownSector,
    UnknownColumn,
    ColumnMissing,
    ReporterFormat,
    FileNotCsv,
    FileTooManyRows,
    // ---- calendar and deadlines ----
    UnknownRule,
    UnknownUnit,
    ExtensionLimit,
    NotPausable,
    DeadlineClosed,
    DeadlinePaused,
    DeadlineStartInvalid,
    DeadlineTooLong,
    // ---- documents and mail ----
    IssuedNeverEdited,
    DocumentAlreadyIssued,
    SignedCopyOnlyIssued,
    CorrectOnlyIssued,
    SendOnlyIssued,
    DeliveryNotFailed,
    // ---- inspections: plans ----
    PlanExists,
    PlanNotApproved,
    PlanApprovedAmendInstead,
    PlanAlreadyApproved,
    PlanAmendOnlyApproved,
    PlanAmendmentExists,
    // ---- inspections: engagements ----
    NotAUser,
    OverRule,
    StepNotAllowed,
    FindingsBeforeEndOnSite,
    RecommendationsOpen,
    AppraisalBeforeSigning,
    SuspendedOnce,
    NoDecisionDraft,
    ExtendOnlyRunning,
    NoPeriodToExtend,
    BeforeDecision,
    BeforeAnnouncement,
    ConclusionAfterReport,
    AppraiseOnlyDraft,
    ConclusionNotDrafted,
    ConclusionAlreadyIssued,
    // ---- inspections: field work ----
    FindingsOnlyOnSite,
    PhotosOnlyOnSiteOrReport,
    DescribeNonCompliance,
    ChooseFindingResult,
    ImageTooLarge,
    // ---- inspections: violations ----
    ViolationNeedsDirectWork,
    FindingNotNonCompliant,
    RuleNotInForce,
    RecordAlreadyIssued,
    NoRecordDrafted,
    RecordBeforeSanction,
    SanctionAlreadyIssued,
    NoFineCap,
    FineOutOfRange,
    FineOverAuthority,
    NoSanctionAuthority,
    PaymentBeforeDecision,
    DelegationMissing,
    // ---- inspections: conclusion, publication, follow-up ----
    RecommendationsAfterReport,
    EngagementArchived,
    RecommendationSettled,
    EvidenceType,
    EvidenceOrNote,
    CheckNotPublished,
    PublishOnlySigned,
    NoConclusion,
    BeforeSigning,
    TooEarlyRemoval,
    // ---- complaints, denunciations, petitions ----
    SubmissionStepNotAllowed,
    SubmissionMixedNotSplit,
    SubmissionOutsideCompetence,
    SubmissionAnonymous,
    SubmissionExtensionsUsed,
    SubmissionSecret,
    SubmissionNoResolutionRule,
    ScanType,
    // ---- citizen reception ----
    ReceptionConcluded,
    ReceptionNoSchedule,
    ReceptionNotScheduled,
    WebFormTooFast,
    WebFormExpired,
    WebFormTooMany,
    // ---- permits ----
    DossierStepNotAllowed,
    DossierDocumentsMissing,
    DossierNotAppraised,
    DossierSurveyMissing,
    DossierAlreadyDecided,
    PermitTypeNotInForce,
    PermitValidity,
    PermitNotRenewable,
    PermitRuleMissing,
    PermitStatusChange,
    PermitTypeVersionExists,
    PermitTypeRuleUnknown,
    // ---- reports ----
    ReportDraftTaken,
    // ---- installation ----
    PublicAddressMissing,
    PublicAddressInvalid,
    // ---- notices that do not stop the work (warnings) ----
    OverlapEngagement,
    OverlapPlan,
    OverlapOutside,
    ConflictOfInterest,
    MemberWithoutTitle,
    DraftEditedByHand,
    DraftsAtArchive,
    BeforeDetection,
    ArticleNotIdentified,
    ProvisionFormat,
    TreasuryMissing,
    PaymentShort,
    NumberTaken,
    BackdatedReason,
    NotOnPortal,
    NoOtherChannel,
    KeepOnPortalUntil,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The page where what this refusal lacks is set up, for refusals a fresh install meets; a
    /// `{name}` in it is filled from the refusal's parameter of that name (`Refusal::setup_link`).
    pub fn setup_page(self) -> Option<&'static str> {
        match self {
            Code::PublicAddressMissing => Some("/admin/settings"),
            Code::NoSignerInForce => Some("/admin/agencies/{agency}/signers"),
            Code::TreasuryMissing => Some("/admin/agencies/{agency}/edit"),
            Code::DelegationMissing => Some("/admin/agencies/{agency}/signers"),
            Code::ReceptionNoSchedule => Some("/reception/calendar"),
            Code::PermitRuleMissing => Some("/calendar/rules"),
            Code::PermitTypeNotInForce => Some("/permits/types"),
            Code::PermitTypeRuleUnknown => Some("/calendar/rules"),
            _ => None,
        }
    }

    /// The i18n key of the message.
    pub fn key(self) -> String {
        format!("err.{}", self.as_str())
    }
}
