-- The engagement and document lists are read newest first within an agency: an index in that
-- order lets a page stop after its rows instead of sorting all of an agency's records (issue 12).
CREATE INDEX engagements_agency_updated ON engagements(agency_id, updated_at);
CREATE INDEX documents_agency_updated ON documents(agency_id, updated_at);
