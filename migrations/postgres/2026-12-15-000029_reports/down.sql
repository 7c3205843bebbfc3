DROP TABLE report_drafts;
DROP INDEX documents_agency_issued;
DROP INDEX outbox_messages_agency_sent;
DROP INDEX engagements_agency_signed;
DROP INDEX engagements_agency_onsite_ended;
DROP INDEX engagements_agency_announced;
