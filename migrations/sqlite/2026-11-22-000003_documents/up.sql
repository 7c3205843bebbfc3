-- Documents: drafts, the numbering register, issued (frozen) copies, stored files.

CREATE TABLE stored_files (
    sha256 TEXT PRIMARY KEY NOT NULL,
    size BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    content BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE document_registers (
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    register TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_number BIGINT NOT NULL,
    PRIMARY KEY (agency_id, register, year)
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    doc_type TEXT NOT NULL,
    register TEXT NOT NULL,
    status TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL,
    addressees TEXT NOT NULL DEFAULT '[]',
    bases TEXT NOT NULL DEFAULT '[]',
    body TEXT NOT NULL DEFAULT '[]',
    signer_id TEXT,
    unit_code TEXT NOT NULL DEFAULT '',
    recipients TEXT NOT NULL DEFAULT '[]',
    outlet_id TEXT REFERENCES outlets(id),
    corrects_id TEXT REFERENCES documents(id),
    number BIGINT,
    year INTEGER,
    symbol TEXT,
    issued_on DATE,
    issued_at TIMESTAMP,
    issued_by TEXT,
    snapshot TEXT,
    file_sha256 TEXT REFERENCES stored_files(sha256),
    signed_sha256 TEXT REFERENCES stored_files(sha256),
    verify_code TEXT UNIQUE,
    published BOOLEAN NOT NULL DEFAULT FALSE,
    created_by TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX documents_register_number ON documents(agency_id, register, year, number) WHERE number IS NOT NULL;
CREATE INDEX documents_agency_status ON documents(agency_id, status, updated_at);
CREATE INDEX documents_outlet ON documents(outlet_id);
