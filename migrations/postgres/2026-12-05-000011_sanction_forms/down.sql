DROP TABLE document_copies;
DROP TABLE document_parties;
ALTER TABLE violations DROP COLUMN record_details;
ALTER TABLE agencies DROP COLUMN treasury_account;
ALTER TABLE agencies DROP COLUMN treasury_name;
ALTER TABLE violation_rules DROP COLUMN fine_basis;
ALTER TABLE violation_rules DROP COLUMN decree_id;
DROP TABLE sanction_decrees;
