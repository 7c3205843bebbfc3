//! The words of every field citizen reception records in the audit trail.

use crate::audit::history::FieldWords;

#[rustfmt::skip]
pub const WORDS: &[FieldWords] = &[
    FieldWords { record_type: "reception", field: "held_on", label: "tcd.held_on", values: "" },
    FieldWords { record_type: "reception", field: "start_time", label: "tcd.start_time", values: "" },
    FieldWords { record_type: "reception", field: "kind", label: "tcd.kind", values: super::choices::SessionKind::PREFIX },
    FieldWords { record_type: "reception", field: "host", label: "tcd.host", values: "" },
    FieldWords { record_type: "reception", field: "officer_id", label: "tcd.officer", values: "" },
    FieldWords { record_type: "reception", field: "topic", label: "tcd.topic", values: crate::complaints::model::Kind::PREFIX },
    FieldWords { record_type: "reception", field: "group_visit", label: "tcd.group_visit", values: "" },
    FieldWords { record_type: "reception", field: "visitor_count", label: "tcd.visitor_count", values: "" },
    FieldWords { record_type: "reception", field: "subject", label: "tcd.subject", values: "" },
    FieldWords { record_type: "reception", field: "content", label: "tcd.content", values: "" },
    FieldWords { record_type: "reception", field: "action", label: "tcd.action", values: super::choices::Action::PREFIX },
    FieldWords { record_type: "reception", field: "action_text", label: "tcd.action_text", values: "" },
    FieldWords { record_type: "reception", field: "conclusion", label: "tcd.conclusion", values: "" },
    FieldWords { record_type: "reception", field: "notice_id", label: "tcd.notice", values: "" },
    FieldWords { record_type: "reception", field: "submission_id", label: "tcd.submission", values: "" },
    FieldWords { record_type: "reception", field: "visitors", label: "tcd.h.visitors", values: "" },
    FieldWords { record_type: "reception_visitor", field: "position", label: "kn.h.position", values: "" },
    FieldWords { record_type: "reception_visitor", field: "secret", label: "kn.h.secret", values: "" },
    FieldWords { record_type: "reception_visitor", field: "full_name", label: "kn.person.full_name", values: "" },
    FieldWords { record_type: "reception_visitor", field: "id_number", label: "kn.person.id_number", values: "" },
    FieldWords { record_type: "reception_visitor", field: "address", label: "kn.person.address", values: "" },
    FieldWords { record_type: "reception_visitor", field: "phone", label: "kn.person.phone", values: "" },
    FieldWords { record_type: "reception_schedule", field: "valid_from", label: "tcd.valid_from", values: "" },
    FieldWords { record_type: "reception_schedule", field: "pattern", label: "tcd.pattern", values: super::choices::Pattern::PREFIX },
    FieldWords { record_type: "reception_schedule", field: "day_of_month", label: "tcd.day_of_month", values: "" },
    FieldWords { record_type: "reception_schedule", field: "weekday", label: "tcd.weekday", values: "" },
    FieldWords { record_type: "reception_schedule", field: "place", label: "tcd.place", values: "" },
    FieldWords { record_type: "reception_schedule", field: "legal_source", label: "tcd.legal_source", values: "" },
    FieldWords { record_type: "reception_duty", field: "host", label: "tcd.host", values: "" },
    FieldWords { record_type: "reception_duty", field: "officer_id", label: "tcd.duty_officer", values: "" },
    FieldWords { record_type: "reception_duty", field: "note", label: "tcd.note", values: "" },
];
