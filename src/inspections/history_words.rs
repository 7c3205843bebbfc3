//! The words of every field inspections record in the audit trail, so that histories read as
//! sentences: labels from the i18n tables and coded values through their enum's labels.

use crate::audit::history::FieldWords;

#[rustfmt::skip]
pub const WORDS: &[FieldWords] = &[
    FieldWords { record_type: "engagement", field: "outlet_id", label: "insp.h.outlet", values: "" },
    FieldWords { record_type: "engagement", field: "entered_late", label: "insp.h.entered_late", values: "" },
    FieldWords { record_type: "engagement", field: "kind", label: "insp.kind", values: crate::inspections::state::Kind::PREFIX },
    FieldWords { record_type: "engagement", field: "origin", label: "insp.h.origin", values: crate::inspections::choices::Origin::PREFIX },
    FieldWords { record_type: "engagement", field: "reason", label: "insp.reason", values: "" },
    FieldWords { record_type: "engagement", field: "scope", label: "insp.scope", values: "" },
    FieldWords { record_type: "engagement", field: "period_covered", label: "insp.period_covered", values: "" },
    FieldWords { record_type: "engagement", field: "duration", label: "insp.duration", values: "" },
    FieldWords { record_type: "engagement", field: "state", label: "insp.h.state", values: crate::inspections::state::State::PREFIX },
    FieldWords { record_type: "engagement", field: "checklist_id", label: "insp.h.checklist", values: "" },
    FieldWords { record_type: "engagement", field: "decision_id", label: "insp.h.decision", values: "" },
    FieldWords { record_type: "engagement", field: "minutes_id", label: "insp.h.minutes", values: "" },
    FieldWords { record_type: "engagement", field: "report_id", label: "insp.h.report", values: "" },
    FieldWords { record_type: "engagement", field: "conclusion_id", label: "insp.h.conclusion", values: "" },
    FieldWords { record_type: "engagement", field: "announced_on", label: "insp.announced_on", values: "" },
    FieldWords { record_type: "engagement", field: "onsite_ended_on", label: "insp.h.onsite_ended_on", values: "" },
    FieldWords { record_type: "engagement", field: "signed_on", label: "insp.h.signed_on", values: "" },
    FieldWords { record_type: "engagement", field: "appraised_on", label: "insp.h.appraised_on", values: "" },
    FieldWords { record_type: "engagement", field: "appraisal_note", label: "insp.h.appraisal_note", values: "" },
    FieldWords { record_type: "engagement", field: "closing_reason", label: "insp.h.closing_reason", values: "" },
    FieldWords { record_type: "inspection_plan", field: "year", label: "common.year", values: "" },
    FieldWords { record_type: "inspection_plan", field: "version", label: "insp.h.version", values: "" },
    FieldWords { record_type: "inspection_plan", field: "title", label: "insp.h.plan_title", values: "" },
    FieldWords { record_type: "inspection_plan", field: "status", label: "common.status", values: crate::inspections::choices::PlanStatus::PREFIX },
    FieldWords { record_type: "inspection_plan", field: "amend_reason", label: "insp.amend_reason", values: "" },
    FieldWords { record_type: "inspection_plan", field: "document_id", label: "insp.h.plan_document", values: "" },
    FieldWords { record_type: "plan_item", field: "plan_id", label: "insp.h.plan", values: "" },
    FieldWords { record_type: "plan_item", field: "outlet_id", label: "insp.h.outlet", values: "" },
    FieldWords { record_type: "plan_item", field: "group_label", label: "insp.group_label", values: "" },
    FieldWords { record_type: "plan_item", field: "sector", label: "insp.h.sector", values: "" },
    FieldWords { record_type: "plan_item", field: "kind", label: "insp.kind", values: crate::inspections::state::Kind::PREFIX },
    FieldWords { record_type: "plan_item", field: "scope", label: "insp.scope", values: "" },
    FieldWords { record_type: "plan_item", field: "planned_quarter", label: "insp.h.quarter", values: "" },
    FieldWords { record_type: "plan_item", field: "planned_month", label: "insp.h.month", values: "" },
    FieldWords { record_type: "plan_item", field: "lead_unit", label: "insp.lead_unit", values: "" },
    FieldWords { record_type: "external_inspection", field: "outlet_id", label: "insp.h.outlet", values: "" },
    FieldWords { record_type: "external_inspection", field: "body", label: "insp.h.body", values: "" },
    FieldWords { record_type: "external_inspection", field: "inspected_on", label: "insp.h.inspected_on", values: "" },
    FieldWords { record_type: "external_inspection", field: "note", label: "common.notes", values: "" },
    FieldWords { record_type: "outlet_relation", field: "outlet_id", label: "insp.h.outlet", values: "" },
    FieldWords { record_type: "outlet_relation", field: "user_id", label: "insp.h.staff", values: "" },
    FieldWords { record_type: "outlet_relation", field: "relation", label: "insp.h.relation", values: "" },
    FieldWords { record_type: "finding", field: "engagement_id", label: "insp.h.engagement", values: "" },
    FieldWords { record_type: "finding", field: "result", label: "insp.h.result", values: crate::inspections::choices::FindingResult::PREFIX },
    FieldWords { record_type: "finding", field: "note", label: "common.notes", values: "" },
    FieldWords { record_type: "field_visit", field: "engagement_id", label: "insp.h.engagement", values: "" },
    FieldWords { record_type: "field_visit", field: "visited_at", label: "insp.h.visited_at", values: "" },
    FieldWords { record_type: "field_visit", field: "latitude", label: "insp.latitude", values: "" },
    FieldWords { record_type: "field_visit", field: "longitude", label: "insp.longitude", values: "" },
    FieldWords { record_type: "field_visit", field: "note", label: "common.notes", values: "" },
    FieldWords { record_type: "finding_photo", field: "engagement_id", label: "insp.h.engagement", values: "" },
    FieldWords { record_type: "finding_photo", field: "finding_id", label: "insp.h.finding", values: "" },
    FieldWords { record_type: "finding_photo", field: "sha256", label: "insp.h.sha256", values: "" },
    FieldWords { record_type: "finding_photo", field: "content_type", label: "insp.h.content_type", values: "" },
    FieldWords { record_type: "finding_photo", field: "taken_at", label: "insp.h.taken_at", values: "" },
    FieldWords { record_type: "finding_photo", field: "latitude", label: "insp.latitude", values: "" },
    FieldWords { record_type: "finding_photo", field: "longitude", label: "insp.longitude", values: "" },
    FieldWords { record_type: "violation", field: "engagement_id", label: "insp.h.engagement", values: "" },
    FieldWords { record_type: "violation", field: "rule_id", label: "insp.h.rule", values: "" },
    FieldWords { record_type: "violation", field: "offender", label: "insp.h.offender", values: crate::inspections::sanctions::Offender::PREFIX },
    FieldWords { record_type: "violation", field: "offender_name", label: "insp.h.offender_name", values: "" },
    FieldWords { record_type: "violation", field: "detected_on", label: "insp.detected_on", values: "" },
    FieldWords { record_type: "violation", field: "description", label: "insp.description", values: "" },
    FieldWords { record_type: "violation", field: "status", label: "common.status", values: crate::inspections::choices::ViolationStatus::PREFIX },
    FieldWords { record_type: "violation", field: "record_id", label: "insp.h.violation_record", values: "" },
    FieldWords { record_type: "violation", field: "decision_id", label: "insp.h.sanction_decision", values: "" },
    FieldWords { record_type: "violation", field: "fine_amount", label: "insp.fine", values: "" },
    FieldWords { record_type: "violation", field: "signer_title", label: "insp.h.signer_title", values: "" },
    FieldWords { record_type: "violation", field: "remedies", label: "insp.h.remedies", values: "" },
    FieldWords { record_type: "violation", field: "payment_status", label: "insp.h.payment", values: crate::inspections::choices::PaymentStatus::PREFIX },
    FieldWords { record_type: "violation", field: "paid_on", label: "insp.h.paid_on", values: "" },
    FieldWords { record_type: "violation", field: "remedy_status", label: "insp.h.remedy", values: crate::inspections::choices::RemedyStatus::PREFIX },
    FieldWords { record_type: "recommendation", field: "engagement_id", label: "insp.h.engagement", values: "" },
    FieldWords { record_type: "recommendation", field: "kind", label: "insp.h.rec_kind", values: crate::inspections::choices::RecKind::PREFIX },
    FieldWords { record_type: "recommendation", field: "text", label: "insp.h.rec_text", values: "" },
    FieldWords { record_type: "recommendation", field: "responsible", label: "insp.h.responsible", values: "" },
    FieldWords { record_type: "recommendation", field: "responsible_email", label: "insp.h.responsible_email", values: "" },
    FieldWords { record_type: "recommendation", field: "due_date", label: "insp.due", values: "" },
    FieldWords { record_type: "recommendation", field: "status", label: "common.status", values: crate::inspections::choices::RecStatus::PREFIX },
    FieldWords { record_type: "recommendation", field: "close_reason", label: "insp.h.close_reason", values: "" },
    FieldWords { record_type: "recommendation", field: "evidence_sha256", label: "insp.evidence", values: "" },
    FieldWords { record_type: "recommendation", field: "reminders", label: "insp.h.reminders", values: "" },
    FieldWords { record_type: "publication", field: "engagement_id", label: "insp.h.engagement", values: "" },
    FieldWords { record_type: "publication", field: "document_id", label: "insp.h.conclusion", values: "" },
    FieldWords { record_type: "publication", field: "channel", label: "insp.channel", values: crate::inspections::choices::Channel::PREFIX },
    FieldWords { record_type: "publication", field: "location", label: "insp.h.location", values: "" },
    FieldWords { record_type: "publication", field: "published_on", label: "insp.h.published_on", values: "" },
    FieldWords { record_type: "publication", field: "removed_on", label: "insp.h.removed_on", values: "" },
    FieldWords { record_type: "publication", field: "public_sha256", label: "insp.h.sha256", values: "" },
];

#[cfg(test)]
mod tests {
    use super::WORDS;

    #[test]
    fn every_label_is_in_the_tables_and_every_field_is_worded_once() {
        let mut seen = std::collections::HashSet::new();
        for w in WORDS {
            assert!(crate::i18n::has_key(w.label), "{}.{}: no label {}", w.record_type, w.field, w.label);
            assert!(seen.insert((w.record_type, w.field)), "{}.{} worded twice", w.record_type, w.field);
        }
    }
}
