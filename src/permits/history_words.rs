//! The words of every field the permit desk records in the audit trail.

use crate::audit::history::FieldWords;

#[rustfmt::skip]
pub const WORDS: &[FieldWords] = &[
    FieldWords { record_type: "dossier", field: "purpose", label: "gp.purpose", values: super::choices::Purpose::PREFIX },
    FieldWords { record_type: "dossier", field: "original_permit_id", label: "gp.original_permit", values: "" },
    FieldWords { record_type: "dossier", field: "outlet_id", label: "gp.outlet", values: "" },
    FieldWords { record_type: "dossier", field: "applicant", label: "gp.applicant", values: "" },
    FieldWords { record_type: "dossier", field: "contact_email", label: "gp.contact_email", values: "" },
    FieldWords { record_type: "dossier", field: "contact_phone", label: "gp.contact_phone", values: "" },
    FieldWords { record_type: "dossier", field: "channel", label: "gp.channel", values: super::choices::Channel::PREFIX },
    FieldWords { record_type: "dossier", field: "received_on", label: "gp.received_on", values: "" },
    FieldWords { record_type: "dossier", field: "complete_on", label: "gp.complete_on", values: "" },
    FieldWords { record_type: "dossier", field: "state", label: "gp.state", values: super::state::State::PREFIX },
    FieldWords { record_type: "dossier", field: "missing", label: "gp.missing", values: "" },
    FieldWords { record_type: "dossier", field: "appraisal", label: "gp.appraisal", values: "" },
    FieldWords { record_type: "dossier", field: "outcome_reason", label: "gp.outcome_reason", values: "" },
    FieldWords { record_type: "dossier", field: "decided_on", label: "gp.decided_on", values: "" },
    FieldWords { record_type: "dossier", field: "on_time", label: "gp.on_time", values: super::choices::Timeliness::PREFIX },
    FieldWords { record_type: "dossier", field: "officer_id", label: "gp.officer", values: "" },
    FieldWords { record_type: "dossier", field: "on", label: "gp.h.on", values: "" },
    FieldWords { record_type: "dossier", field: "reason", label: "gp.outcome_reason", values: "" },
    FieldWords { record_type: "dossier_item", field: "name", label: "gp.documents", values: "" },
    FieldWords { record_type: "dossier_item", field: "received", label: "gp.h.received", values: "" },
    FieldWords { record_type: "dossier_item", field: "note", label: "gp.notes", values: "" },
    FieldWords { record_type: "permit", field: "status", label: "gp.status", values: super::choices::PermitStatus::PREFIX },
    FieldWords { record_type: "permit", field: "valid_until", label: "gp.valid_until", values: "" },
];
