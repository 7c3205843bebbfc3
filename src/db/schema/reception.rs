//! Citizen reception: visits, visitors, the head's reception days and duties (migration 22).

diesel::table! {
    reception_sessions (id) {
        id -> Text,
        agency_id -> Text,
        year -> Integer,
        number -> BigInt,
        held_on -> Date,
        start_time -> Text,
        kind -> Text,
        host -> Text,
        officer_id -> Nullable<Text>,
        topic -> Text,
        group_visit -> Bool,
        visitor_count -> Integer,
        subject -> Text,
        content -> Text,
        action -> Text,
        action_text -> Text,
        conclusion -> Text,
        notice_id -> Nullable<Text>,
        submission_id -> Nullable<Text>,
        search_text -> Text,
        version -> Integer,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    reception_visitors (id) {
        id -> Text,
        session_id -> Text,
        position -> Integer,
        full_name -> Text,
        id_number -> Text,
        address -> Text,
        phone -> Text,
    }
}

diesel::table! {
    reception_schedules (id) {
        id -> Text,
        agency_id -> Text,
        valid_from -> Date,
        pattern -> Text,
        day_of_month -> Integer,
        weekday -> Integer,
        place -> Text,
        legal_source -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reception_duties (agency_id, day) {
        agency_id -> Text,
        day -> Date,
        host -> Text,
        officer_id -> Nullable<Text>,
        note -> Text,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}
