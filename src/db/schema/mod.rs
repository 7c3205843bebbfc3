//! Backend-neutral table definitions, written by hand (only types both SQLite and PostgreSQL share).
//! One file per area; the joins and the tables that may meet in one query are declared here, where
//! every table is in scope.

mod base;
mod calendar;
mod complaints;
mod files_documents_mail;
mod inspections;
mod permit_desk;
mod reception;
mod reports;

pub use base::*;
pub use calendar::*;
pub use complaints::*;
pub use files_documents_mail::*;
pub use inspections::*;
pub use permit_desk::*;
pub use reception::*;
pub use reports::*;

diesel::joinable!(users -> agencies (agency_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(outlets -> sectors (sector_code));
diesel::allow_tables_to_appear_in_same_query!(
    settings,
    sectors,
    agencies,
    agency_units,
    agency_signers,
    agency_sectors,
    users,
    sessions,
    api_tokens,
    login_failures,
    audit_head,
    audit_log,
    outlets,
    pending_imports,
);
diesel::allow_tables_to_appear_in_same_query!(holiday_rules, calendar_overrides, deadline_rules, deadlines, agencies);
diesel::allow_tables_to_appear_in_same_query!(documents, outlets, stored_files, document_registers);
diesel::joinable!(outbox_recipients -> outbox_messages (message_id));
diesel::allow_tables_to_appear_in_same_query!(outbox_messages, outbox_recipients);
diesel::joinable!(plan_items -> inspection_plans (plan_id));
diesel::joinable!(engagement_members -> engagements (engagement_id));
diesel::joinable!(engagement_members -> users (user_id));
diesel::joinable!(findings -> engagements (engagement_id));
diesel::joinable!(engagements -> outlets (outlet_id));
diesel::joinable!(violations -> violation_rules (rule_id));
diesel::allow_tables_to_appear_in_same_query!(
    inspection_plans,
    plan_items,
    engagements,
    engagement_members,
    users,
    findings,
    violations,
    violation_rules,
    outlet_relations,
    external_inspections,
);
diesel::allow_tables_to_appear_in_same_query!(engagements, outlets);
diesel::allow_tables_to_appear_in_same_query!(violations, outlets);
diesel::allow_tables_to_appear_in_same_query!(violations, documents);
diesel::allow_tables_to_appear_in_same_query!(recommendations, engagements);
diesel::joinable!(outlet_relations -> users (user_id));
diesel::joinable!(engagements -> agencies (agency_id));
diesel::joinable!(inspection_plans -> agencies (agency_id));
diesel::allow_tables_to_appear_in_same_query!(agencies, engagements);
diesel::allow_tables_to_appear_in_same_query!(agencies, inspection_plans);
diesel::allow_tables_to_appear_in_same_query!(agencies, plan_items);
diesel::allow_tables_to_appear_in_same_query!(outlets, plan_items);
diesel::joinable!(violation_rules -> sanction_decrees (decree_id));
diesel::allow_tables_to_appear_in_same_query!(violation_rules, sanction_decrees);
diesel::joinable!(submission_people -> submissions (submission_id));
diesel::joinable!(submission_outlets -> submissions (submission_id));
diesel::joinable!(submission_outlets -> outlets (outlet_id));
diesel::joinable!(submission_members -> submissions (submission_id));
diesel::joinable!(submission_members -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(submissions, submission_people, submission_outlets, submission_members);
diesel::allow_tables_to_appear_in_same_query!(submissions, deadlines);
diesel::allow_tables_to_appear_in_same_query!(submission_members, deadlines);
diesel::allow_tables_to_appear_in_same_query!(submission_outlets, outlets);
diesel::allow_tables_to_appear_in_same_query!(submission_members, users);
diesel::allow_tables_to_appear_in_same_query!(submission_documents, documents);
diesel::joinable!(reception_visitors -> reception_sessions (session_id));
diesel::allow_tables_to_appear_in_same_query!(reception_sessions, reception_visitors, submissions, users);
diesel::joinable!(dossiers -> permit_types (permit_type_id));
diesel::joinable!(dossiers -> outlets (outlet_id));
diesel::joinable!(dossier_items -> dossiers (dossier_id));
diesel::joinable!(dossier_surveys -> dossiers (dossier_id));
diesel::joinable!(dossier_fees -> dossiers (dossier_id));
diesel::joinable!(survey_photos -> dossiers (dossier_id));
diesel::joinable!(dossier_documents -> dossiers (dossier_id));
diesel::joinable!(dossier_documents -> documents (document_id));
diesel::joinable!(permits -> outlets (outlet_id));
diesel::allow_tables_to_appear_in_same_query!(dossiers, permit_types, outlets, deadlines);
diesel::allow_tables_to_appear_in_same_query!(dossier_documents, documents, dossiers);
diesel::allow_tables_to_appear_in_same_query!(permits, permit_types);
diesel::allow_tables_to_appear_in_same_query!(permits, dossiers);
diesel::allow_tables_to_appear_in_same_query!(permits, outlets);

diesel::joinable!(report_drafts -> documents (document_id));
diesel::allow_tables_to_appear_in_same_query!(report_drafts, documents);
diesel::allow_tables_to_appear_in_same_query!(documents, outbox_messages);
diesel::allow_tables_to_appear_in_same_query!(documents, outbox_recipients);
diesel::allow_tables_to_appear_in_same_query!(report_drafts, deadlines);
diesel::allow_tables_to_appear_in_same_query!(documents, deadlines);
diesel::allow_tables_to_appear_in_same_query!(engagements, documents);
diesel::allow_tables_to_appear_in_same_query!(recommendations, outlets);
