DROP TABLE document_compositions;
ALTER TABLE documents DROP COLUMN signer_caption;
ALTER TABLE users DROP COLUMN official_title;
