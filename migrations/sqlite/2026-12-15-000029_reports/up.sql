-- Reports (issue 15). The inspection figures of a period count engagements by the day each step
-- happened: an index per day column, carrying the sector and kind they are grouped by. The mail
-- figures count the documents sent in a period.
CREATE INDEX engagements_agency_announced ON engagements(agency_id, announced_on, sector_code, kind);
CREATE INDEX engagements_agency_onsite_ended ON engagements(agency_id, onsite_ended_on, sector_code, kind);
CREATE INDEX engagements_agency_signed ON engagements(agency_id, signed_on, sector_code, kind);
CREATE INDEX outbox_messages_agency_sent ON outbox_messages(agency_id, record_type, created_at);
-- Sanction decisions issued in a period: the documents of the agency by the day they were issued.
CREATE INDEX documents_agency_issued ON documents(agency_id, issued_on);

-- The report (BC) drafted for a period: one per agency and period, so a second instance or a second
-- click finds the draft the first one wrote. The monthly one is written by the worker on the first
-- working day of the next month, with its due date on the deadline engine.
CREATE TABLE report_drafts (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    period_code TEXT NOT NULL,
    period_from DATE NOT NULL,
    period_to DATE NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id),
    deadline_id TEXT REFERENCES deadlines(id),
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (agency_id, period_code)
);
