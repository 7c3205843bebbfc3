CREATE INDEX submissions_agency_received ON submissions(agency_id, received_on);
DROP INDEX deadlines_closed;
DROP INDEX deadlines_running;
DROP INDEX submissions_agency_closed_state_kind;
DROP INDEX submissions_agency_decided_kind;
DROP INDEX submissions_agency_accepted_kind;
DROP INDEX submissions_agency_received_kind;
