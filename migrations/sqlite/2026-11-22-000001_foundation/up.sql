-- Foundation: settings, sectors, agencies, users, sessions, tokens, throttling, audit, outlets.
-- Twin of migrations/postgres/2026-11-22-000001_foundation: keep both in step (see migrations/README.md).

CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE sectors (
    code TEXT PRIMARY KEY NOT NULL,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    attributes TEXT NOT NULL DEFAULT '[]',
    builtin BOOLEAN NOT NULL DEFAULT FALSE,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    sort_order INTEGER NOT NULL DEFAULT 100,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE agencies (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE,
    governing_body TEXT NOT NULL,
    name TEXT NOT NULL,
    abbreviation TEXT NOT NULL,
    place_name TEXT NOT NULL,
    province TEXT NOT NULL,
    valid_from DATE NOT NULL,
    valid_to DATE,
    successor_id TEXT REFERENCES agencies(id),
    notes TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE agency_units (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    valid_from DATE NOT NULL,
    valid_to DATE
);
CREATE INDEX agency_units_agency ON agency_units(agency_id);

CREATE TABLE agency_signers (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    prefix TEXT NOT NULL DEFAULT '',
    authority_title TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    full_name TEXT NOT NULL,
    valid_from DATE NOT NULL,
    valid_to DATE
);
CREATE INDEX agency_signers_agency ON agency_signers(agency_id);

CREATE TABLE agency_sectors (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    sector_code TEXT NOT NULL REFERENCES sectors(code),
    valid_from DATE NOT NULL,
    valid_to DATE
);
CREATE INDEX agency_sectors_agency ON agency_sectors(agency_id);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    locale TEXT NOT NULL DEFAULT 'vi',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    password_changed_at TIMESTAMP NOT NULL
);
CREATE INDEX users_agency ON users(agency_id);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE login_failures (
    key TEXT PRIMARY KEY NOT NULL,
    failures INTEGER NOT NULL,
    first_failure_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP
);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    last_seq BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    agency_id TEXT,
    actor_id TEXT,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    record_label TEXT NOT NULL DEFAULT '',
    changes TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_record ON audit_log(record_type, record_id);
CREATE INDEX audit_log_agency_at ON audit_log(agency_id, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE outlets (
    id TEXT PRIMARY KEY NOT NULL,
    sector_code TEXT NOT NULL REFERENCES sectors(code),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    tax_code TEXT,
    business_reg_no TEXT NOT NULL DEFAULT '',
    street TEXT NOT NULL DEFAULT '',
    commune TEXT NOT NULL DEFAULT '',
    province TEXT NOT NULL DEFAULT '',
    legal_representative TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    notice_emails TEXT NOT NULL DEFAULT '[]',
    attributes TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    search_text TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    created_by_agency_id TEXT NOT NULL REFERENCES agencies(id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    deleted_at TIMESTAMP
);
CREATE UNIQUE INDEX outlets_tax_code_live ON outlets(tax_code) WHERE tax_code IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX outlets_sector ON outlets(sector_code);
CREATE INDEX outlets_sort_name ON outlets(sort_name);

CREATE TABLE pending_imports (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    file_name TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
