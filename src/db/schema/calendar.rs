//! Holiday rules, yearly overrides, deadline rules, tracked deadlines.

diesel::table! {
    holiday_rules (id) {
        id -> Text,
        code -> Text,
        name_vi -> Text,
        name_en -> Text,
        kind -> Text,
        month -> Integer,
        day -> Integer,
        days -> Integer,
        days_before -> Integer,
        compensate -> Bool,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
        legal_source -> Text,
        verified -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    calendar_overrides (id) {
        id -> Text,
        day -> Date,
        kind -> Text,
        name -> Text,
        legal_source -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    deadline_rules (id) {
        id -> Text,
        code -> Text,
        name_vi -> Text,
        name_en -> Text,
        duration -> Integer,
        unit -> Text,
        start_event -> Text,
        extension_max -> Integer,
        extension_duration -> Integer,
        pausable -> Bool,
        legal_source -> Text,
        verified -> Bool,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
        notes -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    deadlines (id) {
        id -> Text,
        agency_id -> Text,
        record_type -> Text,
        record_id -> Text,
        label -> Text,
        rule_code -> Nullable<Text>,
        start_date -> Date,
        duration -> Integer,
        unit -> Text,
        adjustments -> Text,
        due_date -> Date,
        closed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}
