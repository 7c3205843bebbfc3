//! Settings, sectors, agencies, users, sessions, tokens, throttling, the audit trail, outlets.

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    sectors (code) {
        code -> Text,
        name_vi -> Text,
        name_en -> Text,
        attributes -> Text,
        builtin -> Bool,
        active -> Bool,
        sort_order -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    agencies (id) {
        id -> Text,
        code -> Text,
        governing_body -> Text,
        name -> Text,
        abbreviation -> Text,
        place_name -> Text,
        province -> Text,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
        successor_id -> Nullable<Text>,
        notes -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        treasury_name -> Text,
        treasury_account -> Text,
    }
}

diesel::table! {
    agency_units (id) {
        id -> Text,
        agency_id -> Text,
        code -> Text,
        name -> Text,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
    }
}

diesel::table! {
    agency_signers (id) {
        id -> Text,
        agency_id -> Text,
        prefix -> Text,
        authority_title -> Text,
        title -> Text,
        full_name -> Text,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
        sanction_delegation -> Text,
    }
}

diesel::table! {
    agency_sectors (id) {
        id -> Text,
        agency_id -> Text,
        sector_code -> Text,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        agency_id -> Text,
        username -> Text,
        full_name -> Text,
        email -> Text,
        role -> Text,
        password_hash -> Text,
        disabled -> Bool,
        locale -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        password_changed_at -> Timestamp,
        official_title -> Text,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Text,
        csrf_token -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Text,
        user_id -> Text,
        name -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_failures (key) {
        key -> Text,
        failures -> Integer,
        first_failure_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_head (id) {
        id -> Integer,
        last_seq -> BigInt,
        last_hash -> Text,
    }
}

diesel::table! {
    audit_log (seq) {
        seq -> BigInt,
        at -> Timestamp,
        agency_id -> Nullable<Text>,
        actor_id -> Nullable<Text>,
        actor_name -> Text,
        action -> Text,
        record_type -> Text,
        record_id -> Text,
        record_label -> Text,
        changes -> Text,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    outlets (id) {
        id -> Text,
        sector_code -> Text,
        kind -> Text,
        name -> Text,
        tax_code -> Nullable<Text>,
        business_reg_no -> Text,
        street -> Text,
        commune -> Text,
        province -> Text,
        legal_representative -> Text,
        phone -> Text,
        notice_emails -> Text,
        attributes -> Text,
        status -> Text,
        notes -> Text,
        search_text -> Text,
        sort_name -> Text,
        created_by_agency_id -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// The communes and provinces live outlets are in (kept by triggers, see migration 13).
    outlet_places (kind, name) {
        kind -> Text,
        name -> Text,
    }
}

diesel::table! {
    pending_imports (id) {
        id -> Text,
        agency_id -> Text,
        user_id -> Text,
        file_name -> Text,
        content -> Text,
        created_at -> Timestamp,
    }
}
