-- Scans of a submission (the letter, its enclosures): PDF or images, recognised by content, stored
-- once in the file store.
CREATE TABLE submission_files (
    id TEXT PRIMARY KEY NOT NULL,
    submission_id TEXT NOT NULL REFERENCES submissions(id),
    sha256 TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    uploaded_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX submission_files_submission ON submission_files(submission_id, created_at);
