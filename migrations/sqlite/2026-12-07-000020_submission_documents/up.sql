-- The letters a submission's handling produced (notice of acceptance or refusal, forwarding or
-- guidance letter, decision on a complaint, conclusion on a denunciation), as documents of the
-- document engine, by their role.
CREATE TABLE submission_documents (
    submission_id TEXT NOT NULL REFERENCES submissions(id),
    document_id TEXT NOT NULL REFERENCES documents(id),
    role TEXT NOT NULL,
    PRIMARY KEY (submission_id, document_id)
);
CREATE INDEX submission_documents_document ON submission_documents(document_id);
