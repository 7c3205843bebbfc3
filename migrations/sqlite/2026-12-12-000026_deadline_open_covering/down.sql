DROP INDEX deadlines_open;
CREATE INDEX deadlines_open ON deadlines(agency_id, closed_at, due_date);
