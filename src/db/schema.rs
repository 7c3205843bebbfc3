//! Backend-neutral table definitions, written by hand (only types both SQLite and PostgreSQL share).

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
    pending_imports (id) {
        id -> Text,
        agency_id -> Text,
        user_id -> Text,
        file_name -> Text,
        content -> Text,
        created_at -> Timestamp,
    }
}

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

diesel::allow_tables_to_appear_in_same_query!(holiday_rules, calendar_overrides, deadline_rules, deadlines, agencies);

diesel::table! {
    stored_files (sha256) {
        sha256 -> Text,
        size -> BigInt,
        content_type -> Text,
        content -> Binary,
        created_at -> Timestamp,
    }
}

diesel::table! {
    document_registers (agency_id, register, year) {
        agency_id -> Text,
        register -> Text,
        year -> Integer,
        last_number -> BigInt,
    }
}

diesel::table! {
    documents (id) {
        id -> Text,
        agency_id -> Text,
        doc_type -> Text,
        register -> Text,
        status -> Text,
        title -> Text,
        summary -> Text,
        addressees -> Text,
        bases -> Text,
        body -> Text,
        signer_id -> Nullable<Text>,
        unit_code -> Text,
        recipients -> Text,
        outlet_id -> Nullable<Text>,
        corrects_id -> Nullable<Text>,
        number -> Nullable<BigInt>,
        year -> Nullable<Integer>,
        symbol -> Nullable<Text>,
        issued_on -> Nullable<Date>,
        issued_at -> Nullable<Timestamp>,
        issued_by -> Nullable<Text>,
        snapshot -> Nullable<Text>,
        file_sha256 -> Nullable<Text>,
        signed_sha256 -> Nullable<Text>,
        verify_code -> Nullable<Text>,
        published -> Bool,
        created_by -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(documents, outlets, stored_files, document_registers);

diesel::table! {
    outbox_messages (id) {
        id -> Text,
        agency_id -> Text,
        message_id -> Text,
        record_type -> Text,
        record_id -> Text,
        from_addr -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        attachments -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox_recipients (id) {
        id -> Text,
        message_id -> Text,
        address -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        last_attempt_at -> Nullable<Timestamp>,
        reply -> Text,
        error -> Text,
        accepted_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(outbox_recipients -> outbox_messages (message_id));
diesel::allow_tables_to_appear_in_same_query!(outbox_messages, outbox_recipients);

diesel::table! {
    violation_rules (id) {
        id -> Text,
        code -> Text,
        sector_code -> Text,
        decree -> Text,
        article -> Text,
        description -> Text,
        min_org -> BigInt,
        max_org -> BigInt,
        remedies -> Text,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
        legal_source -> Text,
        verified -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    checklist_templates (id) {
        id -> Text,
        sector_code -> Text,
        version -> Integer,
        name -> Text,
        items -> Text,
        valid_from -> Date,
        created_at -> Timestamp,
    }
}
