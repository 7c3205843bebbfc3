DROP INDEX audit_log_agency_actor;
DROP INDEX audit_log_agency_seq;
DROP INDEX violations_agency_status;
DROP INDEX engagement_members_user;
