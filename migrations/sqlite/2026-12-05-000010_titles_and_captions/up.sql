-- A user's official position (chức vụ), printed in team tables and signature captions.
ALTER TABLE users ADD COLUMN official_title TEXT NOT NULL DEFAULT '';
-- A document signed by a person rather than an agency signer (the team report by the team
-- leader, minutes by the team's representative): the caption above the name, one line per line.
ALTER TABLE documents ADD COLUMN signer_caption TEXT NOT NULL DEFAULT '';
-- A draft the system composed (from an engagement's findings): the hash of its content as
-- composed, so a later redraft can tell whether someone edited it by hand since.
CREATE TABLE document_compositions (
    document_id TEXT PRIMARY KEY NOT NULL REFERENCES documents(id),
    content_sha256 TEXT NOT NULL
);
