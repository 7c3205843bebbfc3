DROP INDEX deadlines_record_open;
CREATE INDEX deadlines_record ON deadlines(record_type, record_id);
CREATE INDEX deadlines_closed ON deadlines(record_type, agency_id, closed_at, due_date, start_date, record_id);
CREATE INDEX deadlines_running ON deadlines(record_type, agency_id, due_date, record_id) WHERE closed_at IS NULL;
