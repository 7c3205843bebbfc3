-- Catalogues for inspections: violations with their fine ranges, and sector checklists (versioned).

CREATE TABLE violation_rules (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL,
    sector_code TEXT NOT NULL REFERENCES sectors(code),
    decree TEXT NOT NULL,
    article TEXT NOT NULL,
    description TEXT NOT NULL,
    min_org BIGINT NOT NULL,
    max_org BIGINT NOT NULL,
    remedies TEXT NOT NULL DEFAULT '',
    valid_from DATE NOT NULL,
    valid_to DATE,
    legal_source TEXT NOT NULL,
    verified BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX violation_rules_sector ON violation_rules(sector_code, code);

CREATE TABLE checklist_templates (
    id TEXT PRIMARY KEY NOT NULL,
    sector_code TEXT NOT NULL REFERENCES sectors(code),
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    items TEXT NOT NULL,
    valid_from DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (sector_code, version)
);
