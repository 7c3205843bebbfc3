//! Complaints, denunciations and petitions (migration 17).

diesel::table! {
    submissions (id) {
        id -> Text,
        agency_id -> Text,
        year -> Integer,
        number -> BigInt,
        tracking_code -> Text,
        received_on -> Date,
        channel -> Text,
        forwarded_by -> Text,
        forwarded_ref -> Text,
        kind -> Text,
        kind_reason -> Text,
        competence -> Text,
        subject -> Text,
        content -> Text,
        anonymous -> Bool,
        remote_area -> Bool,
        complex_case -> Bool,
        state -> Text,
        resume_state -> Text,
        outcome_reason -> Text,
        forwarded_to -> Text,
        accepted_on -> Nullable<Date>,
        decided_on -> Nullable<Date>,
        closed_on -> Nullable<Date>,
        extensions -> Integer,
        duplicate_of -> Nullable<Text>,
        officer_id -> Nullable<Text>,
        search_text -> Text,
        version -> Integer,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    submission_people (id) {
        id -> Text,
        submission_id -> Text,
        position -> Integer,
        full_name -> Text,
        id_number -> Text,
        address -> Text,
        phone -> Text,
        phone_digits -> Text,
        email -> Text,
    }
}

diesel::table! {
    submission_outlets (submission_id, outlet_id) {
        submission_id -> Text,
        outlet_id -> Text,
    }
}

diesel::table! {
    submission_members (submission_id, user_id) {
        submission_id -> Text,
        user_id -> Text,
        role -> Text,
    }
}

diesel::table! {
    submission_documents (submission_id, document_id) {
        submission_id -> Text,
        document_id -> Text,
        role -> Text,
    }
}

diesel::table! {
    submission_files (id) {
        id -> Text,
        submission_id -> Text,
        sha256 -> Text,
        file_name -> Text,
        content_type -> Text,
        size -> BigInt,
        uploaded_by -> Text,
        created_at -> Timestamp,
    }
}
