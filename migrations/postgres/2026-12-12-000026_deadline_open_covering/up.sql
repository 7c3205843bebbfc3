-- The agency's running clocks by due day, with what the overdue lists and counts read of them
-- (record_type, record_id), so those are answered from the index alone: at 100,000 submissions the
-- overdue list looked up 15,000 table rows to learn which submissions they belong to.
DROP INDEX deadlines_open;
CREATE INDEX deadlines_open ON deadlines(agency_id, closed_at, due_date, record_type, record_id);
