-- The permit desk (issue 14): permit types as effective-dated configuration with their legal sources,
-- dossiers from receipt to decision against the legal and the published deadline (both deadline
-- rules, each with its day type), the checklist of documents handed in, the site survey, fees, the
-- letters each step drafts, and the register of permits with their validity.
CREATE TABLE permit_types (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    sector_code TEXT NOT NULL,
    issuer TEXT NOT NULL,
    legal_rule TEXT NOT NULL,
    published_rule TEXT NOT NULL,
    completeness_rule TEXT NOT NULL,
    required_documents TEXT NOT NULL,
    appraisal_fee BIGINT NOT NULL,
    levy BIGINT NOT NULL,
    fee_source TEXT NOT NULL,
    validity_months INTEGER NOT NULL,
    renew_before_days INTEGER NOT NULL,
    remind_days INTEGER NOT NULL,
    site_survey BOOLEAN NOT NULL,
    certificate_title TEXT NOT NULL,
    certificate_bases TEXT NOT NULL,
    legal_source TEXT NOT NULL,
    verified BOOLEAN NOT NULL,
    valid_from DATE NOT NULL,
    valid_to DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX permit_types_version ON permit_types(code, valid_from);

CREATE TABLE dossiers (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    year INTEGER NOT NULL,
    number BIGINT NOT NULL,
    tracking_code TEXT NOT NULL,
    permit_type_id TEXT NOT NULL REFERENCES permit_types(id),
    type_code TEXT NOT NULL,
    purpose TEXT NOT NULL,
    original_permit_id TEXT,
    outlet_id TEXT NOT NULL REFERENCES outlets(id),
    applicant TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    channel TEXT NOT NULL,
    received_on DATE NOT NULL,
    complete_on DATE,
    state TEXT NOT NULL,
    missing TEXT NOT NULL,
    appraisal TEXT NOT NULL,
    outcome_reason TEXT NOT NULL,
    decided_on DATE,
    on_time TEXT NOT NULL,
    officer_id TEXT REFERENCES users(id),
    search_text TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX dossiers_number ON dossiers(agency_id, year, number);
CREATE UNIQUE INDEX dossiers_tracking ON dossiers(tracking_code);
CREATE INDEX dossiers_agency_updated ON dossiers(agency_id, updated_at, id);
CREATE INDEX dossiers_agency_state ON dossiers(agency_id, state);
CREATE INDEX dossiers_agency_received ON dossiers(agency_id, received_on, type_code);
CREATE INDEX dossiers_agency_decided ON dossiers(agency_id, decided_on, type_code, state, on_time);
CREATE INDEX dossiers_outlet ON dossiers(outlet_id);

CREATE TABLE dossier_items (
    id TEXT PRIMARY KEY NOT NULL,
    dossier_id TEXT NOT NULL REFERENCES dossiers(id),
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    required BOOLEAN NOT NULL,
    received BOOLEAN NOT NULL,
    note TEXT NOT NULL
);
CREATE INDEX dossier_items_dossier ON dossier_items(dossier_id, position);

CREATE TABLE dossier_surveys (
    id TEXT PRIMARY KEY NOT NULL,
    dossier_id TEXT NOT NULL REFERENCES dossiers(id),
    surveyed_on DATE NOT NULL,
    surveyors TEXT NOT NULL,
    opening_hours TEXT NOT NULL,
    signboard_ok BOOLEAN NOT NULL,
    fire_safety_ok BOOLEAN NOT NULL,
    school_distance_m INTEGER,
    notes TEXT NOT NULL,
    meets BOOLEAN NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX dossier_surveys_dossier ON dossier_surveys(dossier_id);

CREATE TABLE dossier_fees (
    id TEXT PRIMARY KEY NOT NULL,
    dossier_id TEXT NOT NULL REFERENCES dossiers(id),
    kind TEXT NOT NULL,
    amount BIGINT NOT NULL,
    receipt_no TEXT NOT NULL,
    paid_on DATE NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX dossier_fees_dossier ON dossier_fees(dossier_id);

CREATE TABLE dossier_documents (
    dossier_id TEXT NOT NULL REFERENCES dossiers(id),
    document_id TEXT NOT NULL REFERENCES documents(id),
    role TEXT NOT NULL,
    PRIMARY KEY (dossier_id, document_id)
);
CREATE INDEX dossier_documents_document ON dossier_documents(document_id);

CREATE TABLE permits (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    type_code TEXT NOT NULL,
    permit_type_id TEXT NOT NULL REFERENCES permit_types(id),
    dossier_id TEXT NOT NULL REFERENCES dossiers(id),
    outlet_id TEXT NOT NULL REFERENCES outlets(id),
    holder TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id),
    symbol TEXT NOT NULL,
    issued_on DATE NOT NULL,
    valid_until DATE,
    status TEXT NOT NULL,
    replaces_id TEXT REFERENCES permits(id),
    reminded_on DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX permits_agency_issued ON permits(agency_id, issued_on, type_code);
CREATE INDEX permits_agency_valid ON permits(agency_id, status, valid_until);
CREATE INDEX permits_outlet ON permits(outlet_id);
CREATE UNIQUE INDEX permits_dossier ON permits(dossier_id);
