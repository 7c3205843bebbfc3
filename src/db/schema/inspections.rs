//! The violation catalogue, checklists, plans, engagements and everything recorded on them.

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
        decree_id -> Nullable<Text>,
        fine_basis -> Text,
    }
}

diesel::table! {
    sanction_decrees (id) {
        id -> Text,
        number -> Text,
        title -> Text,
        individual_clause -> Text,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
        legal_source -> Text,
        verified -> Bool,
        created_at -> Timestamp,
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
        record_details -> Text,
        paid_amount -> Nullable<BigInt>,
        receipt_no -> Text,
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
        violation_id -> Nullable<Text>,
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

diesel::table! {
    /// Kept by triggers (migration 18): engagements per agency and state.
    engagement_state_counts (agency_id, state) {
        agency_id -> Text,
        state -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    /// Kept by triggers (migration 30): engagements per agency, event (`announced`, `ended`,
    /// `concluded`), day, sector and kind.
    engagement_day_counts (agency_id, event, day, sector_code, kind) {
        agency_id -> Text,
        event -> Text,
        day -> Date,
        sector_code -> Text,
        kind -> Text,
        n -> BigInt,
    }
}
