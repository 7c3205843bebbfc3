-- Legal calendar and deadline engine: statutory holiday rules, the Government's yearly overrides,
-- deadline rules, and the deadlines tracked on cases. Identical on SQLite and PostgreSQL.

CREATE TABLE holiday_rules (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    kind TEXT NOT NULL,
    month INTEGER NOT NULL,
    day INTEGER NOT NULL,
    days INTEGER NOT NULL,
    days_before INTEGER NOT NULL DEFAULT 0,
    compensate BOOLEAN NOT NULL DEFAULT TRUE,
    valid_from DATE NOT NULL,
    valid_to DATE,
    legal_source TEXT NOT NULL,
    verified BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX holiday_rules_code ON holiday_rules(code);

CREATE TABLE calendar_overrides (
    id TEXT PRIMARY KEY NOT NULL,
    day DATE NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    legal_source TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE deadline_rules (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    duration INTEGER NOT NULL,
    unit TEXT NOT NULL,
    start_event TEXT NOT NULL,
    extension_max INTEGER NOT NULL DEFAULT 0,
    extension_duration INTEGER NOT NULL DEFAULT 0,
    pausable BOOLEAN NOT NULL DEFAULT FALSE,
    legal_source TEXT NOT NULL,
    verified BOOLEAN NOT NULL DEFAULT FALSE,
    valid_from DATE NOT NULL,
    valid_to DATE,
    notes TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX deadline_rules_code ON deadline_rules(code);

CREATE TABLE deadlines (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    record_type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    label TEXT NOT NULL,
    rule_code TEXT,
    start_date DATE NOT NULL,
    duration INTEGER NOT NULL,
    unit TEXT NOT NULL,
    adjustments TEXT NOT NULL DEFAULT '[]',
    due_date DATE NOT NULL,
    closed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX deadlines_record ON deadlines(record_type, record_id);
CREATE INDEX deadlines_open ON deadlines(agency_id, closed_at, due_date);
