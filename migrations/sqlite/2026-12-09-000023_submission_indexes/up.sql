-- Issue 13 at 100,000 submissions: the figures count by the date of each step, per agency and kind,
-- straight from these indexes (covering: no table rows read); the overdue filter, its counts and the
-- start page's tile find the running clocks of one agency's submissions past their due date from a
-- partial index of open clocks.
CREATE INDEX submissions_agency_received_kind ON submissions(agency_id, received_on, kind);
CREATE INDEX submissions_agency_accepted_kind ON submissions(agency_id, accepted_on, kind);
CREATE INDEX submissions_agency_decided_kind ON submissions(agency_id, decided_on, kind);
CREATE INDEX submissions_agency_closed_state_kind ON submissions(agency_id, closed_on, state, kind);
CREATE INDEX deadlines_running ON deadlines(record_type, agency_id, due_date, record_id) WHERE closed_at IS NULL;
CREATE INDEX deadlines_closed ON deadlines(record_type, agency_id, closed_at, due_date, start_date, record_id);
DROP INDEX submissions_agency_received;
