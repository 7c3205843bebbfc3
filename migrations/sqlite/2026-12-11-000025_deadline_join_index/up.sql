-- Migration 23's two deadline indexes started with (record_type) and held every column a list's
-- join to its running clock reads, so SQLite chose them to find each submission's clock (a covering
-- index with one equal column over the two-column index on record_type, record_id): 24 s for a page
-- at 100,000 submissions. The join gets a covering index that starts with (record_type, record_id,
-- closed_at); the overdue counts and the late figure use the existing (agency_id, closed_at,
-- due_date) once they name the agency.
DROP INDEX deadlines_running;
DROP INDEX deadlines_closed;
DROP INDEX deadlines_record;
CREATE INDEX deadlines_record_open ON deadlines(record_type, record_id, closed_at, due_date);
