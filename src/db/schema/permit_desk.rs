//! The permit desk: permit types, dossiers with their checklist, survey, fees and letters, and the
//! register of permits (migration 24).

diesel::table! {
    permit_types (id) {
        id -> Text,
        code -> Text,
        name_vi -> Text,
        name_en -> Text,
        sector_code -> Text,
        issuer -> Text,
        legal_rule -> Text,
        published_rule -> Text,
        completeness_rule -> Text,
        required_documents -> Text,
        appraisal_fee -> BigInt,
        levy -> BigInt,
        fee_source -> Text,
        validity_months -> Integer,
        renew_before_days -> Integer,
        remind_days -> Integer,
        site_survey -> Bool,
        certificate_title -> Text,
        certificate_bases -> Text,
        legal_source -> Text,
        verified -> Bool,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    dossiers (id) {
        id -> Text,
        agency_id -> Text,
        year -> Integer,
        number -> BigInt,
        tracking_code -> Text,
        permit_type_id -> Text,
        type_code -> Text,
        purpose -> Text,
        original_permit_id -> Nullable<Text>,
        outlet_id -> Text,
        applicant -> Text,
        contact_email -> Text,
        contact_phone -> Text,
        channel -> Text,
        received_on -> Date,
        complete_on -> Nullable<Date>,
        state -> Text,
        missing -> Text,
        appraisal -> Text,
        outcome_reason -> Text,
        decided_on -> Nullable<Date>,
        on_time -> Text,
        officer_id -> Nullable<Text>,
        search_text -> Text,
        version -> Integer,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    dossier_items (id) {
        id -> Text,
        dossier_id -> Text,
        position -> Integer,
        code -> Text,
        name -> Text,
        required -> Bool,
        received -> Bool,
        note -> Text,
    }
}

diesel::table! {
    dossier_surveys (id) {
        id -> Text,
        dossier_id -> Text,
        surveyed_on -> Date,
        surveyors -> Text,
        opening_hours -> Text,
        signboard_ok -> Bool,
        fire_safety_ok -> Bool,
        school_distance_m -> Nullable<Integer>,
        notes -> Text,
        meets -> Bool,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    dossier_fees (id) {
        id -> Text,
        dossier_id -> Text,
        kind -> Text,
        amount -> BigInt,
        receipt_no -> Text,
        paid_on -> Date,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    dossier_documents (dossier_id, document_id) {
        dossier_id -> Text,
        document_id -> Text,
        role -> Text,
    }
}

diesel::table! {
    permits (id) {
        id -> Text,
        agency_id -> Text,
        type_code -> Text,
        permit_type_id -> Text,
        dossier_id -> Text,
        outlet_id -> Text,
        holder -> Text,
        document_id -> Text,
        symbol -> Text,
        issued_on -> Date,
        valid_until -> Nullable<Date>,
        status -> Text,
        replaces_id -> Nullable<Text>,
        reminded_on -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    survey_photos (id) {
        id -> Text,
        dossier_id -> Text,
        survey_id -> Text,
        sha256 -> Text,
        thumb_sha256 -> Text,
        content_type -> Text,
        width -> Integer,
        height -> Integer,
        taken_at -> Nullable<Timestamp>,
        latitude -> Nullable<Double>,
        longitude -> Nullable<Double>,
        caption -> Text,
        uploaded_by -> Text,
        uploaded_at -> Timestamp,
    }
}
