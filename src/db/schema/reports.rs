//! Reports (migration 29): the report drafted for each agency and period.

diesel::table! {
    report_drafts (id) {
        id -> Text,
        agency_id -> Text,
        period_code -> Text,
        period_from -> Date,
        period_to -> Date,
        document_id -> Text,
        deadline_id -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
    }
}
