DROP INDEX documents_agency_updated;
DROP INDEX engagements_agency_updated;
