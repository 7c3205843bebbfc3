-- "My work" reads a person's engagements and the violations awaiting a leader, and the audit list
-- reads an agency's entries newest first with the names of those who acted: each from an index
-- rather than every row (issue 12: 180,000 engagements, 500,000 audit entries).
CREATE INDEX engagement_members_user ON engagement_members(user_id);
CREATE INDEX violations_agency_status ON violations(agency_id, status);
CREATE INDEX audit_log_agency_seq ON audit_log(agency_id, seq);
CREATE INDEX audit_log_agency_actor ON audit_log(agency_id, actor_name);
