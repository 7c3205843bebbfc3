DROP TRIGGER engagement_counts_delete ON engagements;
DROP TRIGGER engagement_counts_update ON engagements;
DROP TRIGGER engagement_counts_insert ON engagements;
DROP FUNCTION engagement_counts_keep();
DROP TABLE engagement_state_counts;
