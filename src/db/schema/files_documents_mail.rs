//! Stored files, registers, documents, the outbox.

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
        signer_caption -> Text,
    }
}

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
        claimed_by -> Nullable<Text>,
    }
}

diesel::table! {
    document_compositions (document_id) {
        document_id -> Text,
        content_sha256 -> Text,
    }
}

diesel::table! {
    document_parties (document_id, position) {
        document_id -> Text,
        position -> Integer,
        caption -> Text,
        name -> Text,
    }
}

diesel::table! {
    document_copies (id) {
        id -> Text,
        document_id -> Text,
        kind -> Text,
        sha256 -> Text,
        made_on -> Date,
        created_at -> Timestamp,
    }
}
