-- Every outlet list reads live outlets (deleted_at IS NULL) in one order with the id as the last
-- key. Indexes on exactly those keys, kept for live outlets only, let a page, the search's probe
-- and a bounded count stop after their rows; without the id an index on the name alone still
-- sorted the whole table (34 ms at 30,000 outlets, against 0.3 ms). They replace the
-- single-column ones of migration 13.
DROP INDEX outlets_commune;
DROP INDEX outlets_province;
DROP INDEX outlets_status;
DROP INDEX outlets_updated;
DROP INDEX outlets_tax_code_order;
CREATE INDEX outlets_live_name ON outlets(sort_name, id) WHERE deleted_at IS NULL;
CREATE INDEX outlets_live_tax_code ON outlets(tax_code, id) WHERE deleted_at IS NULL;
CREATE INDEX outlets_live_province ON outlets(province, sort_name, id) WHERE deleted_at IS NULL;
CREATE INDEX outlets_live_updated ON outlets(updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX outlets_live_sector ON outlets(sector_code, sort_name, id) WHERE deleted_at IS NULL;
CREATE INDEX outlets_live_commune ON outlets(commune, sort_name, id) WHERE deleted_at IS NULL;
CREATE INDEX outlets_live_status ON outlets(status, sort_name, id) WHERE deleted_at IS NULL;
-- Documents are listed newest first with the id as the last key.
DROP INDEX documents_agency_updated;
CREATE INDEX documents_agency_updated ON documents(agency_id, updated_at, id);
