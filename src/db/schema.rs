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
        drafter_name -> Text,
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

diesel::table! {
    sanction_caps (sector_code, valid_from) {
        sector_code -> Text,
        valid_from -> Date,
        max_individual -> BigInt,
        legal_source -> Text,
        verified -> Bool,
    }
}

diesel::table! {
    inspection_plans (id) {
        id -> Text,
        agency_id -> Text,
        year -> Integer,
        version -> Integer,
        title -> Text,
        status -> Text,
        previous_id -> Nullable<Text>,
        amend_reason -> Text,
        document_id -> Nullable<Text>,
        approved_by -> Nullable<Text>,
        approved_at -> Nullable<Timestamp>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    plan_items (id) {
        id -> Text,
        plan_id -> Text,
        position -> Integer,
        outlet_id -> Nullable<Text>,
        group_label -> Text,
        sector_code -> Text,
        kind -> Text,
        scope -> Text,
        planned_quarter -> Integer,
        planned_month -> Nullable<Integer>,
        lead_unit -> Text,
    }
}

diesel::table! {
    external_inspections (id) {
        id -> Text,
        outlet_id -> Text,
        body -> Text,
        inspected_on -> Date,
        note -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outlet_relations (id) {
        id -> Text,
        outlet_id -> Text,
        user_id -> Text,
        relation -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    engagements (id) {
        id -> Text,
        agency_id -> Text,
        plan_item_id -> Nullable<Text>,
        outlet_id -> Text,
        sector_code -> Text,
        kind -> Text,
        origin -> Text,
        reason -> Text,
        scope -> Text,
        period_covered -> Text,
        duration -> Integer,
        duration_unit -> Text,
        state -> Text,
        checklist_id -> Nullable<Text>,
        decision_id -> Nullable<Text>,
        minutes_id -> Nullable<Text>,
        report_id -> Nullable<Text>,
        conclusion_id -> Nullable<Text>,
        announced_on -> Nullable<Date>,
        onsite_ended_on -> Nullable<Date>,
        signed_on -> Nullable<Date>,
        appraised_on -> Nullable<Date>,
        appraisal_note -> Text,
        suspended_before -> Bool,
        period_deadline_id -> Nullable<Text>,
        step_deadline_id -> Nullable<Text>,
        closing_reason -> Text,
        version -> Integer,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    engagement_members (engagement_id, user_id) {
        engagement_id -> Text,
        user_id -> Text,
        role -> Text,
    }
}

diesel::table! {
    findings (id) {
        id -> Text,
        engagement_id -> Text,
        position -> Integer,
        item_code -> Text,
        item_text -> Text,
        legal_ref -> Text,
        result -> Text,
        note -> Text,
        recorded_by -> Nullable<Text>,
        recorded_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    field_visits (id) {
        id -> Text,
        engagement_id -> Text,
        visited_at -> Timestamp,
        latitude -> Nullable<Double>,
        longitude -> Nullable<Double>,
        note -> Text,
        recorded_by -> Text,
    }
}

diesel::table! {
    finding_photos (id) {
        id -> Text,
        engagement_id -> Text,
        finding_id -> Nullable<Text>,
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

diesel::table! {
    violations (id) {
        id -> Text,
        agency_id -> Text,
        engagement_id -> Text,
        finding_id -> Nullable<Text>,
        outlet_id -> Text,
        rule_id -> Text,
        offender -> Text,
        offender_name -> Text,
        detected_on -> Date,
        description -> Text,
        status -> Text,
        record_id -> Nullable<Text>,
        decision_id -> Nullable<Text>,
        fine_amount -> Nullable<BigInt>,
        signer_title -> Nullable<Text>,
        remedies -> Text,
        payment_status -> Text,
        paid_on -> Nullable<Date>,
        remedy_status -> Text,
        deadline_id -> Nullable<Text>,
        version -> Integer,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    recommendations (id) {
        id -> Text,
        engagement_id -> Text,
        position -> Integer,
        kind -> Text,
        text -> Text,
        responsible -> Text,
        responsible_email -> Text,
        due_date -> Date,
        status -> Text,
        close_reason -> Text,
        evidence_sha256 -> Nullable<Text>,
        evidence_name -> Text,
        reminders -> Integer,
        last_reminded_at -> Nullable<Timestamp>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    publications (id) {
        id -> Text,
        engagement_id -> Text,
        document_id -> Text,
        channel -> Text,
        location -> Text,
        published_on -> Date,
        removed_on -> Nullable<Date>,
        public_sha256 -> Nullable<Text>,
        recorded_by -> Text,
        created_at -> Timestamp,
    }
}

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
diesel::allow_tables_to_appear_in_same_query!(recommendations, engagements);
diesel::joinable!(outlet_relations -> users (user_id));
diesel::joinable!(engagements -> agencies (agency_id));
diesel::joinable!(inspection_plans -> agencies (agency_id));
diesel::allow_tables_to_appear_in_same_query!(agencies, engagements);
diesel::allow_tables_to_appear_in_same_query!(agencies, inspection_plans);
diesel::allow_tables_to_appear_in_same_query!(agencies, plan_items);
diesel::allow_tables_to_appear_in_same_query!(outlets, plan_items);
