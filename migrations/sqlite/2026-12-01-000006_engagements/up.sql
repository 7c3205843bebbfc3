-- Inspections and checks end to end: annual plans (versioned), engagements with their team,
-- findings and photos, violations and sanctions, recommendations, publication.

-- Who drew up a set of minutes (printed under "NGƯỜI LẬP BIÊN BẢN").
ALTER TABLE documents ADD COLUMN drafter_name TEXT NOT NULL DEFAULT '';

-- The largest fine of a field for an individual (organisations: twice), per Luật XLVPHC Art. 24.
CREATE TABLE sanction_caps (
    sector_code TEXT NOT NULL REFERENCES sectors(code),
    valid_from DATE NOT NULL,
    max_individual BIGINT NOT NULL,
    legal_source TEXT NOT NULL,
    verified BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (sector_code, valid_from)
);

CREATE TABLE inspection_plans (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    year INTEGER NOT NULL,
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    -- draft | approved | superseded
    status TEXT NOT NULL,
    previous_id TEXT REFERENCES inspection_plans(id),
    amend_reason TEXT NOT NULL DEFAULT '',
    document_id TEXT REFERENCES documents(id),
    approved_by TEXT,
    approved_at TIMESTAMP,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (agency_id, year, version)
);

CREATE TABLE plan_items (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES inspection_plans(id),
    position INTEGER NOT NULL,
    outlet_id TEXT REFERENCES outlets(id),
    -- a group instead of one outlet, e.g. "Các cơ sở in trên địa bàn xã X"
    group_label TEXT NOT NULL DEFAULT '',
    sector_code TEXT NOT NULL REFERENCES sectors(code),
    kind TEXT NOT NULL,
    scope TEXT NOT NULL,
    planned_quarter INTEGER NOT NULL,
    planned_month INTEGER,
    lead_unit TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_items_plan ON plan_items(plan_id, position);
CREATE INDEX plan_items_outlet ON plan_items(outlet_id);

-- Inspections of an outlet by bodies outside this installation (for the overlap warning).
CREATE TABLE external_inspections (
    id TEXT PRIMARY KEY NOT NULL,
    outlet_id TEXT NOT NULL REFERENCES outlets(id),
    body TEXT NOT NULL,
    inspected_on DATE NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX external_inspections_outlet ON external_inspections(outlet_id, inspected_on);

-- A staff member's recorded relation to an outlet (conflict of interest, TT 06/2021).
CREATE TABLE outlet_relations (
    id TEXT PRIMARY KEY NOT NULL,
    outlet_id TEXT NOT NULL REFERENCES outlets(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    relation TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX outlet_relations_outlet ON outlet_relations(outlet_id);

CREATE TABLE engagements (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    plan_item_id TEXT REFERENCES plan_items(id),
    outlet_id TEXT NOT NULL REFERENCES outlets(id),
    sector_code TEXT NOT NULL REFERENCES sectors(code),
    -- thanh_tra | kiem_tra
    kind TEXT NOT NULL,
    -- plan | ad_hoc
    origin TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL,
    period_covered TEXT NOT NULL DEFAULT '',
    duration INTEGER NOT NULL,
    -- calendar | working
    duration_unit TEXT NOT NULL,
    state TEXT NOT NULL,
    checklist_id TEXT REFERENCES checklist_templates(id),
    decision_id TEXT REFERENCES documents(id),
    minutes_id TEXT REFERENCES documents(id),
    report_id TEXT REFERENCES documents(id),
    conclusion_id TEXT REFERENCES documents(id),
    announced_on DATE,
    onsite_ended_on DATE,
    signed_on DATE,
    -- thẩm định dự thảo kết luận (Luật Thanh tra 2025, Art. 35): mandatory for Thanh tra tỉnh
    appraised_on DATE,
    appraisal_note TEXT NOT NULL DEFAULT '',
    suspended_before BOOLEAN NOT NULL DEFAULT FALSE,
    period_deadline_id TEXT REFERENCES deadlines(id),
    step_deadline_id TEXT REFERENCES deadlines(id),
    closing_reason TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX engagements_agency_state ON engagements(agency_id, state);
CREATE INDEX engagements_outlet ON engagements(outlet_id);

CREATE TABLE engagement_members (
    engagement_id TEXT NOT NULL REFERENCES engagements(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    -- leader | member
    role TEXT NOT NULL,
    PRIMARY KEY (engagement_id, user_id)
);

CREATE TABLE findings (
    id TEXT PRIMARY KEY NOT NULL,
    engagement_id TEXT NOT NULL REFERENCES engagements(id),
    position INTEGER NOT NULL,
    item_code TEXT NOT NULL,
    item_text TEXT NOT NULL,
    legal_ref TEXT NOT NULL,
    -- pending | compliant | non_compliant | not_applicable
    result TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_by TEXT,
    recorded_at TIMESTAMP,
    UNIQUE (engagement_id, item_code)
);

CREATE TABLE field_visits (
    id TEXT PRIMARY KEY NOT NULL,
    engagement_id TEXT NOT NULL REFERENCES engagements(id),
    visited_at TIMESTAMP NOT NULL,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    note TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL
);
CREATE INDEX field_visits_engagement ON field_visits(engagement_id);

CREATE TABLE finding_photos (
    id TEXT PRIMARY KEY NOT NULL,
    engagement_id TEXT NOT NULL REFERENCES engagements(id),
    finding_id TEXT REFERENCES findings(id),
    sha256 TEXT NOT NULL REFERENCES stored_files(sha256),
    thumb_sha256 TEXT NOT NULL REFERENCES stored_files(sha256),
    content_type TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    taken_at TIMESTAMP,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    caption TEXT NOT NULL DEFAULT '',
    uploaded_by TEXT NOT NULL,
    uploaded_at TIMESTAMP NOT NULL
);
CREATE INDEX finding_photos_engagement ON finding_photos(engagement_id);

CREATE TABLE violations (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    engagement_id TEXT NOT NULL REFERENCES engagements(id),
    finding_id TEXT REFERENCES findings(id),
    outlet_id TEXT NOT NULL REFERENCES outlets(id),
    rule_id TEXT NOT NULL REFERENCES violation_rules(id),
    -- organisation | individual
    offender TEXT NOT NULL,
    offender_name TEXT NOT NULL,
    detected_on DATE NOT NULL,
    description TEXT NOT NULL,
    -- detected | recorded | decided | closed
    status TEXT NOT NULL,
    record_id TEXT REFERENCES documents(id),
    decision_id TEXT REFERENCES documents(id),
    fine_amount BIGINT,
    signer_title TEXT,
    remedies TEXT NOT NULL DEFAULT '',
    -- unpaid | paid
    payment_status TEXT NOT NULL DEFAULT 'unpaid',
    paid_on DATE,
    -- none | pending | done
    remedy_status TEXT NOT NULL DEFAULT 'none',
    deadline_id TEXT REFERENCES deadlines(id),
    version INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX violations_engagement ON violations(engagement_id);
CREATE INDEX violations_outlet ON violations(outlet_id);

CREATE TABLE recommendations (
    id TEXT PRIMARY KEY NOT NULL,
    engagement_id TEXT NOT NULL REFERENCES engagements(id),
    position INTEGER NOT NULL,
    -- fine | recovery | discipline | management
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    responsible TEXT NOT NULL,
    responsible_email TEXT NOT NULL DEFAULT '',
    due_date DATE NOT NULL,
    -- pending | in_progress | done | not_possible | closed
    status TEXT NOT NULL,
    close_reason TEXT NOT NULL DEFAULT '',
    evidence_sha256 TEXT REFERENCES stored_files(sha256),
    evidence_name TEXT NOT NULL DEFAULT '',
    reminders INTEGER NOT NULL DEFAULT 0,
    last_reminded_at TIMESTAMP,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX recommendations_engagement ON recommendations(engagement_id, position);

CREATE TABLE publications (
    id TEXT PRIMARY KEY NOT NULL,
    engagement_id TEXT NOT NULL REFERENCES engagements(id),
    document_id TEXT NOT NULL REFERENCES documents(id),
    -- portal | meeting | media | premises
    channel TEXT NOT NULL,
    location TEXT NOT NULL,
    published_on DATE NOT NULL,
    removed_on DATE,
    public_sha256 TEXT REFERENCES stored_files(sha256),
    recorded_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX publications_engagement ON publications(engagement_id);
